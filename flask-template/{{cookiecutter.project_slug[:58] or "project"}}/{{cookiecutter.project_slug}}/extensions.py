"""The database extensions, created once here and bound to each app by ``init_extensions``."""

{% if cookiecutter.database == "postgresql" -%}
from copy import deepcopy
{% endif -%}
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import Flask
from flask.cli import ScriptInfo
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class Model(DeclarativeBase):
    """Base class of the models; constraints get names, so that migrations can refer to them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def utc_now() -> datetime:
    """The default of the models' timestamp columns: aware, in UTC."""
    return datetime.now(UTC)


db = SQLAlchemy(model_class=Model)


def init_extensions(app: Flask) -> None:
    {%- if cookiecutter.database == "postgresql" %}
    # Flask-SQLAlchemy may write into the options it is given: each app gets a copy of its own.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = deepcopy(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    {%- endif %}
    db.init_app(app)
    if loaded_by_flask_command():
        init_migrations(app)


def init_migrations(app: Flask) -> None:
    """Give the app the ``flask db`` commands, which migrate its database with alembic."""
    # Imported here: alembic is a large import that servers and workers never use.
    from flask_migrate import Migrate

    Migrate(app, db, directory=str(MIGRATIONS_DIR))


def loaded_by_flask_command() -> bool:
    """Whether the ``flask`` command is loading the app, rather than a server or a worker."""
    context = click.get_current_context(silent=True)
    return context is not None and context.find_object(ScriptInfo) is not None
