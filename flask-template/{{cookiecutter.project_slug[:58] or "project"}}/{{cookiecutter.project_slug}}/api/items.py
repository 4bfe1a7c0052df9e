"""The items resource: list, create, read, replace and delete."""

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters
from sqlalchemy import func, select

from ..extensions import db
from .access import write_access
from .blueprint import URL_TOO_LONG, Blueprint, error_responses
from .models import MAX_ID, Item
from .schemas import ItemSchema

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
NOT_FOUND = error_responses(404)

blp = Blueprint("items", __name__, description="Items stored in the database.")


def get_item(item_id: int) -> Item:
    return db.get_or_404(Item, item_id, description=f"There is no item {item_id}.")


@blp.route("")
class Items(MethodView):
    @blp.doc(responses=URL_TOO_LONG)
    @blp.response(200, ItemSchema(many=True))
    @blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, pagination_parameters: PaginationParameters) -> list[Item]:
        """List the items, oldest first, a page at a time."""
        count = db.session.scalar(select(func.count()).select_from(Item)) or 0
        pagination_parameters.item_count = count
        # Past the last page there is nothing to read, however large the page number.
        if pagination_parameters.first_item >= count:
            return []
        query = (
            select(Item)
            .order_by(Item.id)
            .offset(pagination_parameters.first_item)
            .limit(pagination_parameters.page_size)
        )
        return list(db.session.scalars(query))

    @write_access
    @blp.arguments(ItemSchema)
    @blp.response(201, ItemSchema)
    def post(self, data: dict[str, Any]) -> Item:
        """Create an item."""
        item = Item(**data)
        db.session.add(item)
        db.session.commit()
        return item


# Ids beyond what the column holds cannot name an item: the route answers 404 for them.
@blp.route(f"/<int(min=1, max={MAX_ID}):item_id>")
class ItemById(MethodView):
    @blp.doc(responses=NOT_FOUND)
    @blp.response(200, ItemSchema)
    def get(self, item_id: int) -> Item:
        """Read an item."""
        return get_item(item_id)

    @write_access
    @blp.doc(responses=NOT_FOUND)
    @blp.arguments(ItemSchema)
    @blp.response(200, ItemSchema)
    def put(self, data: dict[str, Any], item_id: int) -> Item:
        """Replace an item's fields."""
        item = get_item(item_id)
        item.name = data["name"]
        item.description = data["description"]
        db.session.commit()
        return item

    @write_access
    @blp.doc(responses=NOT_FOUND)
    @blp.response(204)
    def delete(self, item_id: int) -> None:
        """Delete an item."""
        db.session.delete(get_item(item_id))
        db.session.commit()
