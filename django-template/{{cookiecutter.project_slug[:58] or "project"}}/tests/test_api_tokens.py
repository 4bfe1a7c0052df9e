"""The token route for scripts: POST a name and password for a token, DELETE it to revoke it."""

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token

from users.models import User

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def credentials(user: User, password: str = PASSWORD) -> dict[str, str]:
    return {User.USERNAME_FIELD: user.get_username(), "password": password}


def get_token(client: Client, user: User) -> str:
    response = client.post("/api/token/", credentials(user), content_type="application/json")
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def test_the_right_name_and_password_get_a_token(client: Client, user: User) -> None:
    response = client.post("/api/token/", credentials(user), content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}
    assert response["Cache-Control"] == "no-store", "a token must not be kept by caches"


def test_the_token_signs_requests_in_as_a_bearer_token(client: Client, user: User) -> None:
    token = get_token(client, user)

    response = Client().get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 200
    assert response.json()["id"] == user.pk


def test_writes_with_the_token_need_no_csrf_token(client: Client, user: User) -> None:
    token = get_token(client, user)
    script = Client(enforce_csrf_checks=True)

    response = script.post(
        "/api/notes/",
        {"title": "From a script"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 201, response.content


def test_asking_again_gets_the_same_token(client: Client, user: User) -> None:
    assert get_token(client, user) == get_token(client, user)


def test_a_wrong_password_is_answered_401(client: Client, user: User) -> None:
    response = client.post("/api/token/", credentials(user, "wrong"), content_type="application/json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "detail" in response.json()
    assert not Token.objects.exists()


def test_an_unknown_name_is_answered_401(client: Client) -> None:
    unknown = {User.USERNAME_FIELD: "nobody@example.com", "password": PASSWORD}

    response = client.post("/api/token/", unknown, content_type="application/json")

    assert response.status_code == 401


def test_an_inactive_user_gets_no_token(client: Client, user: User) -> None:
    user.is_active = False
    user.save()

    response = client.post("/api/token/", credentials(user), content_type="application/json")

    assert response.status_code == 401


def test_repeated_wrong_passwords_lock_the_account_out_with_429(client: Client, user: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/token/", credentials(user, "wrong"), content_type="application/json")

    response = client.post(
        "/api/token/", credentials(user), content_type="application/json", HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 429, "the right password must not help during a lockout"
    assert "detail" in response.json()


def test_the_lockout_answers_json_to_a_client_that_accepts_anything(client: Client, user: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/token/", credentials(user, "wrong"), content_type="application/json")

    response = client.post(
        "/api/token/", credentials(user), content_type="application/json", HTTP_ACCEPT="*/*"
    )

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json", "API clients such as curl send Accept: */*"


def test_a_request_without_the_password_is_answered_400(client: Client, user: User) -> None:
    response = client.post(
        "/api/token/", {User.USERNAME_FIELD: user.get_username()}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "password" in response.json()


def test_a_wrong_token_is_answered_401(client: Client) -> None:
    response = client.get("/api/me/", HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_deleting_the_token_revokes_it(client: Client, user: User) -> None:
    token = get_token(client, user)
    script = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert script.delete("/api/token/").status_code == 204
    assert script.get("/api/me/").status_code == 401


def test_a_new_token_replaces_a_revoked_one(client: Client, user: User) -> None:
    revoked = get_token(client, user)
    Client(HTTP_AUTHORIZATION=f"Bearer {revoked}").delete("/api/token/")

    assert get_token(client, user) != revoked


def test_revoking_needs_a_signed_in_user(client: Client) -> None:
    assert client.delete("/api/token/").status_code == 401
