"""The JSON API under ``/api``, described by the OpenAPI document at ``/api/openapi.json``.

``create_app`` calls ``init_api``, which sets flask-smorest up for the app and
adds the resources beneath ``URL_PREFIX``, each documented in the OpenAPI document.
Reads are public; ``access`` says who may write.
"""

import flask_smorest
from flask import Flask

from .access import SECURITY_SCHEMES
from .docs import blueprint as docs
from .items import blp as items
{%- if cookiecutter.use_auth %}
from .tokens import blp as tokens
{%- endif %}

# Where the API starts; errors beneath it are answered in JSON.
URL_PREFIX = "/api"
API_VERSION = "1"
OPENAPI_VERSION = "3.1.0"


class Api(flask_smorest.Api):
    # Every operation documents each error it answers: no catch-all "default" response.
    DEFAULT_ERROR_RESPONSE_NAME = None


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
    for name, scheme in SECURITY_SCHEMES.items():
        api.spec.components.security_scheme(name, scheme)
    api.register_blueprint(items, url_prefix=f"{URL_PREFIX}/items")
    {%- if cookiecutter.use_auth %}
    api.register_blueprint(tokens, url_prefix=f"{URL_PREFIX}/token")
    {%- endif %}
    app.register_blueprint(docs, url_prefix=f"{URL_PREFIX}/docs")
