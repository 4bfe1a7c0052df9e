"""The API's page for people: Swagger UI showing the OpenAPI document, every file served by the app.

Swagger UI's files come from the flask-swagger-ui package; its page template is not used,
as it runs an inline script, which the Content-Security-Policy forbids.
"""

from importlib import resources
from pathlib import Path

from flask import Blueprint, Response, render_template, send_from_directory, url_for

SWAGGER_UI_FILES = Path(str(resources.files("flask_swagger_ui") / "dist"))

blueprint = Blueprint("swagger_ui", __name__, template_folder="templates", static_folder="static")


@blueprint.get("")
def page() -> str:
    return render_template("api/docs.html", openapi_url=url_for("api-docs.openapi_json"))


@blueprint.get("/swagger-ui/<path:filename>")
def swagger_ui_file(filename: str) -> Response:
    return send_from_directory(SWAGGER_UI_FILES, filename)
