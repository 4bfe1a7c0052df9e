"""User accounts: register, log in and log out.

``create_app`` calls ``init_auth``, which binds the login manager and the limits
on failed log-ins to the app; blueprints.yaml registers the pages (``auth.views``).
"""

from flask import Flask
from flask_login import LoginManager, current_user

from ..extensions import db
from .login_limits import init_login_limits
from .models import User
from .request_hooks import init_for_blueprints

login_manager = LoginManager()
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def init_auth(app: Flask) -> None:
    # Flask-Login's hook sets and clears the remember-me cookie, as logging in and out ask.
    init_for_blueprints(app, bind_login_manager, ["auth"])
    # Templates get current_user as a proxy, loaded from the database only when a page shows
    # it: the page of a server error, which may come from the database, does not.
    app.context_processor(lambda: {"current_user": current_user})
    init_login_limits(app)


def bind_login_manager(app: Flask) -> None:
    login_manager.init_app(app, add_context_processor=False)
