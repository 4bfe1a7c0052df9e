"""Register, log in and log out."""

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_login import login_user, logout_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from ..extensions import db
from .forms import LoginForm, LogoutForm, RegisterForm
from .login_limits import (
    count_failed_login,
    limit_failures_per_account,
    limit_failures_per_client,
)
from .models import User, authenticate, normalize_email

blueprint = Blueprint("auth", __name__, template_folder="templates")
# The log-out button on every page posts a CSRF token.
blueprint.add_app_template_global(generate_csrf, "csrf_token")


@blueprint.record_once
def show_account_links(state: BlueprintSetupState) -> None:
    """Put the account links in every page's header: base.html includes the template named here."""
    state.app.jinja_env.globals["account_nav"] = "auth/_nav.html"


def home_url() -> str:
    # The site's root rather than url_for("pages.index"): the pages blueprint may be disabled.
    return f"{request.script_root}/"


@blueprint.route("/register", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    form = RegisterForm()
    if form.validate_on_submit():
        email = normalize_email(form.email.data)
        if db.session.scalar(select(User).filter_by(email=email)) is not None:
            form.email.errors.append("An account with this email address exists already.")
        else:
            user = User(email=email)
            user.set_password(form.password.data)
            db.session.add(user)
            db.session.commit()
            login_user(user)
            flash("Welcome! Your account is ready.")
            return redirect(home_url())
    return render_template("auth/register.html", form=form)


@blueprint.route("/login", methods=["GET", "POST"])
@limit_failures_per_account
@limit_failures_per_client
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash("You are logged in.")
            return redirect(home_url())
        count_failed_login()
        form.form_errors.append("Wrong email address or password.")
    return render_template("auth/login.html", form=form)


@blueprint.post("/logout")
def logout() -> ResponseReturnValue:
    if not LogoutForm().validate_on_submit():
        abort(400, description="The log-out form has expired; reload the page and try again.")
    logout_user()
    flash("You are logged out.")
    return redirect(home_url())
