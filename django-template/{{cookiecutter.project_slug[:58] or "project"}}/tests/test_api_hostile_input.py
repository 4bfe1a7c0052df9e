"""Malformed and hostile requests get a 4xx answer with a JSON body, never a server error."""

import pytest
from django.http import HttpResponseBase
from django.test import Client

from api.models import Note
from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def answer(response: HttpResponseBase) -> tuple[int, str]:
    return response.status_code, response["Content-Type"]


@pytest.mark.parametrize("note_id", ["99999999999999999999", "-1", "abc", "1e3", "1.5", "1%2F2"])
def test_an_id_that_is_no_note_is_not_found(signed_in: Client, note_id: str) -> None:
    assert answer(signed_in.get(f"/api/notes/{note_id}/")) == (404, "application/json")


@pytest.mark.parametrize("path", ["/api/nothing/", "/api/notes/1/more/", "/api/nothing"])
def test_an_address_the_api_does_not_have_is_not_found(signed_in: Client, path: str) -> None:
    assert answer(signed_in.get(path, follow=True)) == (404, "application/json")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("[" * 50_000 + "]" * 50_000, id="nested-50000-deep"),
        pytest.param('{"title": "unfinished', id="invalid-json"),
        pytest.param('{"title": "\\ud800"}', id="lone-surrogate"),
        pytest.param('{"title": "nul\\u0000byte"}', id="nul-in-title"),
        pytest.param('{"title": "Fine", "body": "nul\\u0000byte"}', id="nul-in-body"),
        pytest.param('{"title": 12345}', id="number-for-text"),
        pytest.param('{"title": ["a", "list"]}', id="list-for-text"),
        pytest.param('{"title": null}', id="null-for-text"),
        pytest.param('["not", "an", "object"]', id="list-for-object"),
        pytest.param('{"title": NaN}', id="not-a-number"),
        pytest.param(b'{"title": "\xff\xfe"}', id="invalid-utf-8"),
    ],
)
def test_a_malformed_body_is_answered_400(signed_in: Client, body: str | bytes) -> None:
    response = signed_in.post("/api/notes/", body, content_type="application/json")

    assert answer(response) == (400, "application/json"), response.content[:300]
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]
)
def test_a_body_that_is_not_json_is_answered_415(signed_in: Client, content_type: str) -> None:
    response = signed_in.post("/api/notes/", "title=Form", content_type=content_type)

    assert answer(response) == (415, "application/json"), response.content[:300]
    assert not Note.objects.exists()


def test_a_body_over_the_upload_limit_is_answered_413(signed_in: Client) -> None:
    body = '{"title": "Big", "body": "' + "x" * 2_621_440 + '"}'

    response = signed_in.post("/api/notes/", body, content_type="application/json")

    assert answer(response) == (413, "application/json"), response.content[:300]
    assert not Note.objects.exists()


def test_a_charset_that_is_no_text_encoding_is_answered_400(signed_in: Client) -> None:
    body = b'{"title": "x"}'

    # generic() sends the bytes as they are; post() would encode them with the named codec first.
    response = signed_in.generic(
        "POST", "/api/notes/", body, content_type="application/json; charset=bz2_codec"
    )

    assert answer(response) == (400, "application/json"), response.content[:300]
