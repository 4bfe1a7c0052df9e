"""{{ cookiecutter.project_name }}: the application factory."""

from pathlib import Path

from flask import Flask

from {{ cookiecutter.project_slug }}.blueprints import register_blueprints
from {{ cookiecutter.project_slug }}.config import Config, load_config
from {{ cookiecutter.project_slug }}.errors import register_error_handlers
from {{ cookiecutter.project_slug }}.extensions import init_extensions
from {{ cookiecutter.project_slug }}.log import configure_logging
from {{ cookiecutter.project_slug }}.security import add_security_headers

BLUEPRINTS_FILE = Path(__file__).with_name("blueprints.yaml")


def create_app(config: str | type[Config] | None = None) -> Flask:
    """Build the application.

    ``config`` names the configuration class (``development``, ``testing`` or
    ``production``) or is a class; without it {{ cookiecutter.__env_prefix }}_CONFIG decides.
    """
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    configure_logging(app.config["LOG_LEVEL"])
    init_extensions(app)
    register_blueprints(app, BLUEPRINTS_FILE)
    register_error_handlers(app)
    app.after_request(add_security_headers)
    return app
