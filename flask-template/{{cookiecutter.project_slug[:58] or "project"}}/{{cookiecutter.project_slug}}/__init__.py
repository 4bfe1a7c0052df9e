"""The application factory."""

from pathlib import Path

from flask import Flask

{% if cookiecutter.use_api -%}
from .api import init_api
{% endif -%}
{% if cookiecutter.use_auth -%}
from .auth import init_auth
{% endif -%}
from .blueprints import register_blueprints
from .config import Config, load_config
from .errors import register_error_handlers
from .extensions import init_extensions
{%- if cookiecutter.use_celery %}
from .jobs import init_celery
{%- endif %}
from .log import configure_logging
from .proxies import trust_proxies
from .security import send_security_headers
from .sessions import CookieSessionInterface
from .visitor_cache import keep_pages_for_visitors

BLUEPRINTS_FILE = Path(__file__).with_name("blueprints.yaml")


def create_app(config: str | type[Config] | None = None) -> Flask:
    """Build the application.

    ``config`` names the configuration class (``development``, ``testing`` or
    ``production``) or is a class; without it {{ cookiecutter.__env_prefix }}_CONFIG decides.
    """
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    app.session_interface = CookieSessionInterface()
    configure_logging(app.config["LOG_LEVEL"])
    # Inside the proxy fix: pages are kept by the scheme and host the visitor asked for.
    keep_pages_for_visitors(app)
    trust_proxies(app)
    init_extensions(app)
    {%- if cookiecutter.use_auth %}
    init_auth(app)
    {%- endif %}
    {%- if cookiecutter.use_api %}
    init_api(app)
    {%- endif %}
    {%- if cookiecutter.use_celery %}
    init_celery(app)
    {%- endif %}
    register_blueprints(app, BLUEPRINTS_FILE)
    {%- if cookiecutter.use_api %}
    # After init_api: this replaces the JSON handler flask-smorest adds for every HTTP error.
    {%- endif %}
    register_error_handlers(app)
    send_security_headers(app)
    return app
