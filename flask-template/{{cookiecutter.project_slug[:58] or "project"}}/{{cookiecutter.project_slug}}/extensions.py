"""The Flask extensions, created once here and bound to each app by ``init_extensions``."""

from pathlib import Path

from flask import Flask
{%- if cookiecutter.use_auth %}
from flask_login import LoginManager
{%- endif %}
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


db = SQLAlchemy(model_class=Model)
migrate = Migrate()
{%- if cookiecutter.use_auth %}
login_manager = LoginManager()
login_manager.login_view = "auth.login"
{%- endif %}


def init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
{%- if cookiecutter.use_auth %}
    login_manager.init_app(app)
{%- endif %}
