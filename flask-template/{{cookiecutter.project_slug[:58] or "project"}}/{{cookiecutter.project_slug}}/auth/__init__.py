"""User accounts: register, log in and log out.

``create_app`` calls ``init_auth``, which binds the login manager to the app;
blueprints.yaml registers the pages (``auth.views``).
"""

from flask import Flask
from flask_login import LoginManager

from ..extensions import db
from .models import User

login_manager = LoginManager()
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def init_auth(app: Flask) -> None:
    login_manager.init_app(app)
