"""User accounts: register, log in, log out."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

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


def log_in(client: FlaskClient, password: str = PASSWORD) -> str:
    response = client.post(
        "/auth/login", data={"email": EMAIL, "password": password}, follow_redirects=True
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
    assert f'<span class="muted">{EMAIL}</span>' in page
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
