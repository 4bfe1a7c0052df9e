"""The JSON API, with its OpenAPI document at ``<prefix>/openapi.json``.

blueprints.yaml registers ``blueprint`` under its prefix (``/api``); registering
it sets up flask-smorest for the app and adds the resources beneath that prefix,
each documented in the OpenAPI document.
"""

from flask import Blueprint
from flask.blueprints import BlueprintSetupState
from flask_smorest import Api

from {{ cookiecutter.project_slug }}.api.items import blp as items

API_VERSION = "1"
OPENAPI_VERSION = "3.1.0"

api = Api()
blueprint = Blueprint("api", __name__)


@blueprint.record_once
def set_up_api(state: BlueprintSetupState) -> None:
    prefix = state.url_prefix or ""
    state.app.config.setdefault("OPENAPI_URL_PREFIX", prefix or "/")
    api.init_app(
        state.app,
        spec_kwargs={
            "title": f"{state.app.config['SITE_NAME']} API",
            "version": API_VERSION,
            "openapi_version": OPENAPI_VERSION,
        },
    )
    api.register_blueprint(items, url_prefix=f"{prefix}/items")
