"""The database extensions, created once here and bound to each app by ``init_extensions``."""

{% if cookiecutter.database == "postgresql" -%}
from copy import deepcopy
{% endif -%}
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from flask_migrate import Migrate
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
migrate = Migrate()


def init_extensions(app: Flask) -> None:
    {%- if cookiecutter.database == "postgresql" %}
    # Flask-SQLAlchemy may write into the options it is given: each app gets a copy of its own.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = deepcopy(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    {%- endif %}
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
