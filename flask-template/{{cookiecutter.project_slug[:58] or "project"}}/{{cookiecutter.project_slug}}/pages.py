"""The site's pages."""

from flask import Blueprint, render_template

from .visitor_cache import cache_for_visitors

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
@cache_for_visitors
def index() -> str:
    return render_template("index.html")
