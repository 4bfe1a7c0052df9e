"""The site's pages."""

from flask import Blueprint, render_template

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
def index() -> str:
    return render_template("index.html")
