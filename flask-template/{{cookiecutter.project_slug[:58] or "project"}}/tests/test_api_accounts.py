"""API writes by signed-in users: a token from /api/token, or the session and its CSRF token.

Wrong passwords sent to /api/token count against the same limits as the log-in form's.
"""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.security import generate_password_hash
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }}.auth.models import User
from {{ cookiecutter.project_slug }}.extensions import db

EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple"
ITEM = {"name": "Teapot"}
WRONG_PASSWORD = "wrong password"


def cheap_hash(password: str) -> str:
    """These tests are about tokens, not about hashing passwords: one round is enough."""
    return generate_password_hash(password, "pbkdf2:sha256:1")


@pytest.fixture
def account(app: Flask) -> None:
    with app.app_context():
        db.session.add(User(email=EMAIL, password_hash=cheap_hash(PASSWORD)))
        db.session.commit()


def get_token(client: FlaskClient, email: str = EMAIL, password: str = PASSWORD) -> str:
    response = client.post("/api/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.json
    assert response.json is not None
    token: str = response.json["token"]
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.usefixtures("account")
def test_the_token_route_answers_a_token_and_its_lifetime(app: Flask, client: FlaskClient) -> None:
    response = client.post("/api/token", json={"email": "Ada@Example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json is not None
    assert set(response.json) == {"token", "expires_in"}
    assert response.json["expires_in"] == app.config["API_TOKEN_MAX_AGE"]


@pytest.mark.usefixtures("account")
@pytest.mark.parametrize(
    ("email", "password"), [(EMAIL, "wrong password"), ("nobody@example.com", PASSWORD)]
)
def test_wrong_credentials_get_a_json_401(client: FlaskClient, email: str, password: str) -> None:
    response = client.post("/api/token", json={"email": email, "password": password})
    assert response.status_code == 401
    assert response.json is not None
    assert response.json["message"] == "Wrong email address or password."
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.usefixtures("account")
def test_a_token_lets_a_script_write(client: FlaskClient) -> None:
    response = client.post("/api/items", json=ITEM, headers=bearer(get_token(client)))
    assert response.status_code == 201


@pytest.mark.usefixtures("account")
def test_an_expired_token_gets_401(app: Flask, client: FlaskClient) -> None:
    token = get_token(client)
    app.config["API_TOKEN_MAX_AGE"] = -1
    assert client.post("/api/items", json=ITEM, headers=bearer(token)).status_code == 401


@pytest.mark.usefixtures("account")
def test_a_new_password_revokes_the_tokens_made_before(app: Flask, client: FlaskClient) -> None:
    token = get_token(client)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        user.password_hash = cheap_hash("a new password")
        db.session.commit()
    assert client.post("/api/items", json=ITEM, headers=bearer(token)).status_code == 401


@pytest.mark.usefixtures("account")
def test_a_new_secret_key_revokes_tokens_unless_the_old_one_is_a_fallback(
    app: Flask, client: FlaskClient
) -> None:
    token = get_token(client)
    old_key, app.config["SECRET_KEY"] = app.config["SECRET_KEY"], "a-new-secret-key"
    assert client.post("/api/items", json=ITEM, headers=bearer(token)).status_code == 401
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    assert client.post("/api/items", json=ITEM, headers=bearer(token)).status_code == 201


def log_in(client: FlaskClient) -> str:
    """Log in through the form, as a person does; the CSRF token of the page comes back."""
    page = client.get("/auth/login").text
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "the log-in page has no CSRF token"
    form = {"email": EMAIL, "password": PASSWORD, "csrf_token": match[1]}
    assert client.post("/auth/login", data=form).status_code == 302
    return match[1]


@pytest.mark.usefixtures("account")
def test_a_signed_in_browser_writes_with_the_pages_csrf_token(
    app: Flask, client: FlaskClient
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    csrf_token = log_in(client)
    response = client.post("/api/items", json=ITEM, headers={"X-CSRFToken": csrf_token})
    assert response.status_code == 201


@pytest.mark.usefixtures("account")
def test_a_signed_in_browser_without_the_csrf_token_gets_403(
    app: Flask, client: FlaskClient
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    log_in(client)
    response = client.post("/api/items", json=ITEM)
    assert response.status_code == 403
    assert response.json is not None
    assert "CSRF token" in response.json["message"]


def request_token(client: FlaskClient, password: str = WRONG_PASSWORD) -> TestResponse:
    return client.post("/api/token", json={"email": EMAIL, "password": password})


def fail_to_log_in(client: FlaskClient) -> TestResponse:
    return client.post("/auth/login", data={"email": EMAIL, "password": WRONG_PASSWORD})


@pytest.mark.usefixtures("account")
def test_an_account_past_its_limit_gets_a_json_429_with_retry_after_from_the_token_route(
    app: Flask, client: FlaskClient
) -> None:
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "1 per 15 minutes"
    assert request_token(client).status_code == 401
    response = request_token(client)
    assert response.status_code == 429
    assert response.json is not None, "the 429 is not JSON"
    assert response.json["message"].startswith("Too many failed log-ins for this account")
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60


@pytest.mark.usefixtures("account")
def test_failures_on_the_form_and_the_token_route_add_up_for_an_account(
    app: Flask, client: FlaskClient
) -> None:
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "2 per 15 minutes"
    assert fail_to_log_in(client).status_code == 200
    assert request_token(client).status_code == 401
    answers = [fail_to_log_in(client).status_code, request_token(client).status_code]
    assert answers == [429, 429], "one failure on each route did not add up to the limit of 2"


@pytest.mark.usefixtures("account")
def test_failures_on_the_form_and_the_token_route_add_up_for_a_client(
    app: Flask, client: FlaskClient
) -> None:
    app.config["LOGIN_LIMIT_PER_CLIENT"] = "1 per 15 minutes"
    assert fail_to_log_in(client).status_code == 200
    response = client.post("/api/token", json={"email": "grace@example.com", "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.usefixtures("account")
def test_an_account_past_its_limit_gets_no_token_even_for_the_right_password(
    app: Flask, client: FlaskClient
) -> None:
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "1 per 15 minutes"
    request_token(client)
    assert request_token(client, password=PASSWORD).status_code == 429


@pytest.mark.usefixtures("account")
def test_successful_token_requests_do_not_count(app: Flask, client: FlaskClient) -> None:
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "1 per 15 minutes"
    for _ in range(2):
        assert request_token(client, password=PASSWORD).status_code == 200


def test_a_log_in_posted_as_json_nested_too_deeply_is_no_server_error(client: FlaskClient) -> None:
    body = "[" * 50_000 + "]" * 50_000
    response = client.post("/auth/login", data=body, content_type="application/json")
    assert response.status_code < 500, "reading the account from the body failed"
