"""User accounts: register, log in, log out."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug import security

from {{ cookiecutter.project_slug }}.auth import models
from {{ cookiecutter.project_slug }}.auth.models import User
from {{ cookiecutter.project_slug }}.extensions import db

EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple"


def register(client: FlaskClient, email: str = EMAIL, password: str = PASSWORD) -> str:
    response = client.post(
        "/auth/register",
        data={"email": email, "password": password, "confirm": password},
        follow_redirects=True,
    )
    assert response.status_code == 200
    return response.text


def log_in(client: FlaskClient, password: str = PASSWORD, email: str = EMAIL) -> str:
    response = client.post(
        "/auth/login", data={"email": email, "password": password}, follow_redirects=True
    )
    assert response.status_code == 200
    return response.text


def test_pages_offer_log_in_and_register_to_visitors(client: FlaskClient) -> None:
    page = client.get("/").text
    assert 'href="/auth/login"' in page
    assert 'href="/auth/register"' in page


def test_register_creates_the_account_and_logs_in(app: Flask, client: FlaskClient) -> None:
    page = register(client, email="Ada@Example.com")
    assert "Your account is ready" in page
    assert f'<span class="signed-in-as">{EMAIL}</span>' in page
    with app.app_context():
        user = db.session.scalars(select(User)).one()
    assert user.email == EMAIL
    assert user.created_at is not None


def test_password_is_stored_hashed(app: Flask, client: FlaskClient) -> None:
    register(client)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD)
    assert not user.check_password("wrong password")


def test_register_refuses_an_email_address_in_use(app: Flask, client: FlaskClient) -> None:
    register(client)
    client.post("/auth/logout")
    page = register(client)
    assert "exists already" in page
    with app.app_context():
        assert len(db.session.scalars(select(User)).all()) == 1


def test_register_refuses_differing_passwords(client: FlaskClient) -> None:
    response = client.post(
        "/auth/register",
        data={"email": EMAIL, "password": PASSWORD, "confirm": "something else"},
    )
    assert "The passwords differ." in response.text


def test_log_out_then_log_in_again(client: FlaskClient) -> None:
    register(client)
    assert "You are logged out." in client.post("/auth/logout", follow_redirects=True).text
    assert "You are logged in." in log_in(client)


# Flask-Login 0.6 dates the remember-me cookie with datetime.utcnow().
@pytest.mark.filterwarnings("ignore:datetime.datetime.utcnow:DeprecationWarning")
def test_staying_logged_in_sets_the_remember_cookie_and_logging_out_clears_it(
    client: FlaskClient,
) -> None:
    register(client)
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": EMAIL, "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None, "no remember-me cookie"
    client.post("/auth/logout")
    assert client.get_cookie("remember_token") is None, "the remember-me cookie outlived log-out"


def test_probes_do_not_read_the_session(client: FlaskClient) -> None:
    register(client)
    response = client.get("/healthz")
    assert "Cookie" not in response.vary, "a probe's answer varies on the session cookie"


def test_log_in_refuses_a_wrong_password(client: FlaskClient) -> None:
    register(client)
    client.post("/auth/logout")
    page = log_in(client, password="wrong password")
    assert "Wrong email address or password." in page
    assert 'href="/auth/login"' in page


def test_log_out_needs_a_post(client: FlaskClient) -> None:
    assert client.get("/auth/logout").status_code == 405


def test_forms_refuse_a_post_without_csrf_token(app: Flask, client: FlaskClient) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    page = register(client)
    assert "The CSRF token is missing." in page
    with app.app_context():
        assert db.session.scalars(select(User)).all() == []
    assert client.post("/auth/logout").status_code == 400


def test_forms_accept_a_post_with_its_csrf_token(app: Flask, client: FlaskClient) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/auth/register").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/auth/register",
        data={"email": EMAIL, "password": PASSWORD, "confirm": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302


def test_accounts_work_with_the_pages_disabled(
    make_app: Callable[[], Flask], disable_blueprints: Callable[..., None]
) -> None:
    disable_blueprints("pages")
    client = make_app().test_client()
    assert client.get("/auth/login").status_code == 200
    response = client.post(
        "/auth/register", data={"email": EMAIL, "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 302
    assert response.location == "/"


def test_log_in_checks_a_password_hash_for_an_unknown_address_as_for_a_known_one(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(client)
    client.post("/auth/logout")
    checked: list[str] = []

    def check_password_hash(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return security.check_password_hash(password_hash, password)

    monkeypatch.setattr(models, "check_password_hash", check_password_hash)
    log_in(client, password="wrong password")
    log_in(client, password="wrong password", email="nobody@example.com")
    assert len(checked) == 2, "a log-in for an unknown address checked no password hash"
    known, unknown = (password_hash.partition("$")[0] for password_hash in checked)
    assert unknown == known, "the unknown address's hash was made another way"


def hostile_post(kind: str) -> dict[str, Any]:
    """Arguments of a post no browser sends to the account forms."""
    fields = {"email": EMAIL, "password": PASSWORD, "confirm": PASSWORD}
    posts: dict[str, dict[str, Any]] = {
        "a file for the email": {
            "data": {**fields, "email": (io.BytesIO(EMAIL.encode()), "email.txt")},
            "content_type": "multipart/form-data",
        },
        "a JSON body": {"json": fields},
        "fields of the wrong kind": {"json": {"email": [EMAIL], "password": {"x": 1}}},
        "a NUL byte": {"data": {**fields, "email": "ada\x00@example.com"}},
        "invalid UTF-8": {
            "data": "email=ada%ED%A0%80example.com&password=x&confirm=x",
            "content_type": "application/x-www-form-urlencoded",
        },
        "a lone surrogate in JSON": {
            "data": '{"email": "\\ud800@example.com", "password": "\\ud800"}',
            "content_type": "application/json",
        },
        "an email address over 254 characters": {
            "data": {**fields, "email": "a" * 243 + "@example.com"}
        },
        "a password over 1024 characters": {
            "data": {**fields, "password": "p" * 1025, "confirm": "p" * 1025}
        },
    }
    return posts[kind]


@pytest.mark.parametrize("path", ["/auth/register", "/auth/login"])
@pytest.mark.parametrize(
    "kind",
    [
        "a file for the email",
        "a JSON body",
        "fields of the wrong kind",
        "a NUL byte",
        "invalid UTF-8",
        "a lone surrogate in JSON",
        "an email address over 254 characters",
        "a password over 1024 characters",
    ],
)
def test_forms_answer_a_hostile_post_with_their_errors(
    app: Flask, client: FlaskClient, path: str, kind: str
) -> None:
    response = client.post(path, **hostile_post(kind))
    assert response.status_code == 200, f"{kind} got {response.status_code}, not the form"
    assert '<ul class="errors">' in response.text, f"the form shows no error for {kind}"
    with app.app_context():
        assert db.session.scalars(select(User)).all() == []


def test_the_server_error_page_shows_without_the_database(app: Flask, client: FlaskClient) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False
    register(client)
    with app.app_context():
        db.drop_all()
    # Loading the signed-in user fails; the error page must not try again.
    response = client.get("/")
    assert response.status_code == 500
    assert "500 Internal Server Error" in response.text
