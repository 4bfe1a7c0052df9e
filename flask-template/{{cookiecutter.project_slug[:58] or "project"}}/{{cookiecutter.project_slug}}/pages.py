"""The site's pages."""

from flask import Blueprint, render_template

from .visitor_cache import cache_for_visitors

blueprint = Blueprint("pages", __name__)

# The file that makes the home page, from the project's folder: the page names it.
HOME_PAGE_SOURCE = f"{__package__}/templates/index.html"


@blueprint.get("/")
@cache_for_visitors
def index() -> str:
    return render_template("index.html", source=HOME_PAGE_SOURCE)
