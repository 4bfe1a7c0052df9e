"""The JSON API under ``/api``, with its OpenAPI document at ``/api/openapi.json``.

``create_app`` calls ``init_api``, which sets flask-smorest up for the app and
adds the resources beneath ``URL_PREFIX``, each documented in the OpenAPI document.
"""

from flask import Flask
from flask_smorest import Api

from .items import blp as items

# Where the API starts; errors beneath it are answered in JSON.
URL_PREFIX = "/api"
API_VERSION = "1"
OPENAPI_VERSION = "3.1.0"

api = Api()


def init_api(app: Flask) -> None:
    app.config.setdefault("OPENAPI_URL_PREFIX", URL_PREFIX)
    api.init_app(
        app,
        spec_kwargs={
            "title": f"{app.config['SITE_NAME']} API",
            "version": API_VERSION,
            "openapi_version": OPENAPI_VERSION,
        },
    )
    api.register_blueprint(items, url_prefix=f"{URL_PREFIX}/items")
