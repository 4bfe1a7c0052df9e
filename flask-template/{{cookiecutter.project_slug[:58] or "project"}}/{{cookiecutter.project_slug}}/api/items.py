"""The items resource: list, create, read, replace and delete."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from ..extensions import db
from .models import Item
from .schemas import ItemSchema

blp = Blueprint("items", __name__, description="Items stored in the database.")


def get_item(item_id: int) -> Item:
    return db.get_or_404(Item, item_id, description=f"There is no item {item_id}.")


@blp.route("")
class Items(MethodView):
    @blp.response(200, ItemSchema(many=True))
    def get(self) -> list[Item]:
        """List the items."""
        return list(db.session.scalars(select(Item).order_by(Item.id)))

    @blp.arguments(ItemSchema)
    @blp.response(201, ItemSchema)
    def post(self, data: dict[str, Any]) -> Item:
        """Create an item."""
        item = Item(**data)
        db.session.add(item)
        db.session.commit()
        return item


@blp.route("/<int:item_id>")
class ItemById(MethodView):
    @blp.response(200, ItemSchema)
    def get(self, item_id: int) -> Item:
        """Read an item."""
        return get_item(item_id)

    @blp.arguments(ItemSchema)
    @blp.response(200, ItemSchema)
    def put(self, data: dict[str, Any], item_id: int) -> Item:
        """Replace an item's fields."""
        item = get_item(item_id)
        item.name = data["name"]
        item.description = data["description"]
        db.session.commit()
        return item

    @blp.response(204)
    def delete(self, item_id: int) -> None:
        """Delete an item."""
        db.session.delete(get_item(item_id))
        db.session.commit()
