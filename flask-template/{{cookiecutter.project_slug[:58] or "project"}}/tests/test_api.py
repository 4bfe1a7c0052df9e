"""The JSON API: the items resource, its limits, hostile input, and the documents describing it."""

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
{%- if cookiecutter.use_auth %}
from werkzeug.security import generate_password_hash
{%- endif %}
from werkzeug.test import TestResponse
{%- if cookiecutter.use_auth %}

from {{ cookiecutter.project_slug }}.api.tokens import make_token
from {{ cookiecutter.project_slug }}.auth.models import User
from {{ cookiecutter.project_slug }}.extensions import db
{%- else %}

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import API_TOKEN_VARIABLE, ConfigError
{%- endif %}

# The limits the API states and enforces.
NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000
MAX_CONTENT_LENGTH = 1024 * 1024
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@pytest.fixture
def writer(app: Flask) -> FlaskClient:
    {%- if cookiecutter.use_auth %}
    """A client that may write: it sends a signed-in user's bearer token with every request."""
    with app.app_context():
        # A cheap hash: these tests are about the API, not about how passwords are hashed.
        password_hash = generate_password_hash("writer's password", method="pbkdf2:sha256:1")
        user = User(email="writer@example.com", password_hash=password_hash)
        db.session.add(user)
        db.session.commit()
        token = make_token(user)
    {%- else %}
    """A client that may write: it sends the configured bearer token with every request."""
    token = app.config["API_TOKEN"]
    {%- endif %}
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def create_item(client: FlaskClient, name: str = "Teapot") -> int:
    response = client.post("/api/items", json={"name": name, "description": "Short and stout"})
    assert response.status_code == 201, response.json
    assert response.json is not None
    item_id: int = response.json["id"]
    return item_id


def assert_json_error(response: TestResponse, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.mimetype == "application/json"
    assert response.json is not None
    assert response.json["code"] == status


# --- The items resource -------------------------------------------------------------------------


def test_items_start_empty(client: FlaskClient) -> None:
    response = client.get("/api/items")
    assert response.status_code == 200
    assert response.json == []


def test_create_then_read_and_list_an_item(writer: FlaskClient) -> None:
    item_id = create_item(writer)
    item = writer.get(f"/api/items/{item_id}").json
    assert item is not None
    assert item["name"] == "Teapot"
    assert item["description"] == "Short and stout"
    assert item["created_at"]
    assert [listed["id"] for listed in writer.get("/api/items").json or []] == [item_id]


def test_replace_an_item(writer: FlaskClient) -> None:
    item_id = create_item(writer)
    response = writer.put(f"/api/items/{item_id}", json={"name": "Kettle"})
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["name"] == "Kettle"
    assert response.json["description"] == ""


def test_delete_an_item(writer: FlaskClient) -> None:
    item_id = create_item(writer)
    assert writer.delete(f"/api/items/{item_id}").status_code == 204
    assert writer.get(f"/api/items/{item_id}").status_code == 404


def test_timestamps_carry_their_utc_offset(writer: FlaskClient) -> None:
    item = writer.get(f"/api/items/{create_item(writer)}").json
    assert item is not None
    for field in ("created_at", "updated_at"):
        offset = datetime.fromisoformat(item[field]).utcoffset()
        assert offset is not None, f"{field} has no offset: {item[field]}"
        assert offset.total_seconds() == 0, f"{field} is not in UTC: {item[field]}"


def test_unknown_item_gets_a_json_404(client: FlaskClient) -> None:
    response = client.get("/api/items/999")
    assert_json_error(response, 404)
    assert response.json is not None
    assert response.json["message"] == "There is no item 999."


@pytest.mark.parametrize("item_id", ["0", str(2**31), "99999999999999999999"])
def test_ids_the_column_cannot_hold_get_a_json_404(writer: FlaskClient, item_id: str) -> None:
    assert_json_error(writer.get(f"/api/items/{item_id}"), 404)
    assert_json_error(writer.put(f"/api/items/{item_id}", json={"name": "Kettle"}), 404)
    assert_json_error(writer.delete(f"/api/items/{item_id}"), 404)


def test_unknown_api_path_gets_a_json_404(client: FlaskClient) -> None:
    assert_json_error(client.get("/api/no-such-resource"), 404)


def test_405_names_the_allowed_methods(client: FlaskClient) -> None:
    response = client.patch("/api/items/1", json={"name": "Kettle"})
    assert_json_error(response, 405)
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "PUT", "DELETE"}


# --- Pages of the list --------------------------------------------------------------------------


def test_the_list_comes_in_pages_described_by_the_x_pagination_header(
    writer: FlaskClient,
) -> None:
    ids = [create_item(writer, name=f"Item {number}") for number in range(PAGE_SIZE + 5)]
    first = writer.get("/api/items")
    second = writer.get("/api/items?page=2")
    assert [item["id"] for item in first.json or []] == ids[:PAGE_SIZE]
    assert [item["id"] for item in second.json or []] == ids[PAGE_SIZE:]
    assert json.loads(first.headers["X-Pagination"]) == {
        "total": PAGE_SIZE + 5,
        "total_pages": 2,
        "first_page": 1,
        "last_page": 2,
        "page": 1,
        "next_page": 2,
    }


def test_page_size_over_the_maximum_gets_422(client: FlaskClient) -> None:
    assert_json_error(client.get(f"/api/items?page_size={MAX_PAGE_SIZE + 1}"), 422)


def test_a_page_past_the_end_is_empty(client: FlaskClient) -> None:
    response = client.get(f"/api/items?page={10**30}")
    assert response.status_code == 200
    assert response.json == []


# --- Limits and hostile input -------------------------------------------------------------------


def test_invalid_item_gets_422_naming_the_fields(writer: FlaskClient) -> None:
    response = writer.post("/api/items", json={"name": "", "colour": "blue"})
    assert_json_error(response, 422)
    assert response.json is not None
    assert set(response.json["errors"]["json"]) == {"name", "colour"}


def test_fields_of_the_wrong_type_get_422(writer: FlaskClient) -> None:
    response = writer.post("/api/items", json={"name": ["Teapot"], "description": 7})
    assert_json_error(response, 422)
    assert response.json is not None
    assert set(response.json["errors"]["json"]) == {"name", "description"}


@pytest.mark.parametrize(
    ("field", "length"),
    [("name", NAME_MAX_LENGTH + 1), ("description", DESCRIPTION_MAX_LENGTH + 1)],
)
def test_text_over_its_length_limit_gets_422(writer: FlaskClient, field: str, length: int) -> None:
    item = {"name": "Teapot", field: "x" * length}
    response = writer.post("/api/items", json=item)
    assert_json_error(response, 422)
    assert response.json is not None
    assert set(response.json["errors"]["json"]) == {field}


def test_a_nul_character_gets_422(writer: FlaskClient) -> None:
    response = writer.post("/api/items", json={"name": "tea\u0000pot"})
    assert_json_error(response, 422)
    assert response.json is not None
    assert set(response.json["errors"]["json"]) == {"name"}


def test_a_lone_surrogate_gets_400(writer: FlaskClient) -> None:
    body = '{"name": "tea\\ud800pot"}'
    response = writer.post("/api/items", data=body, content_type="application/json")
    assert_json_error(response, 400)


def test_body_over_the_size_limit_gets_a_json_413(writer: FlaskClient) -> None:
    body = json.dumps({"name": "Teapot", "description": "x" * MAX_CONTENT_LENGTH})
    assert_json_error(writer.post("/api/items", data=body, content_type="application/json"), 413)


def test_invalid_json_gets_400(writer: FlaskClient) -> None:
    response = writer.post("/api/items", data='{"name": ', content_type="application/json")
    assert_json_error(response, 400)


def test_json_nested_too_deeply_gets_400(writer: FlaskClient) -> None:
    body = "[" * 50_000 + "]" * 50_000
    response = writer.post("/api/items", data=body, content_type="application/json")
    assert_json_error(response, 400)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"],
)
def test_a_body_that_is_not_json_gets_415(writer: FlaskClient, content_type: str) -> None:
    response = writer.post("/api/items", data="name=Teapot", content_type=content_type)
    assert_json_error(response, 415)


# --- Who may write ------------------------------------------------------------------------------


def test_reads_need_no_credentials(writer: FlaskClient, client: FlaskClient) -> None:
    item_id = create_item(writer)
    assert client.get("/api/items").status_code == 200
    assert client.get(f"/api/items/{item_id}").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/items"), ("PUT", "/api/items/1"), ("DELETE", "/api/items/1")],
)
def test_anonymous_writes_get_401_asking_for_a_bearer_token(
    client: FlaskClient, method: str, path: str
) -> None:
    response = client.open(path, method=method, json={"name": "Kettle"})
    assert_json_error(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_wrong_bearer_token_gets_401(client: FlaskClient) -> None:
    response = client.post("/api/items", json={"name": "Kettle"}, headers=bearer("not-the-token"))
    assert_json_error(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_credentials_are_checked_before_the_body_is_read(client: FlaskClient) -> None:
    response = client.post("/api/items", data="not json", content_type="text/plain")
    assert_json_error(response, 401)
{%- if not cookiecutter.use_auth %}


def test_without_a_configured_token_nobody_may_write(app: Flask, client: FlaskClient) -> None:
    app.config["API_TOKEN"] = None
    for token in ("None", ""):
        response = client.post("/api/items", json={"name": "Kettle"}, headers=bearer(token))
        assert_json_error(response, 401)


@pytest.mark.usefixtures("production_secrets")
def test_production_refuses_to_start_without_an_api_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(API_TOKEN_VARIABLE)
    with pytest.raises(ConfigError, match=f"{API_TOKEN_VARIABLE} is not set"):
        create_app("production")


@pytest.mark.usefixtures("production_secrets")
def test_production_refuses_a_short_api_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(API_TOKEN_VARIABLE, "too-short")
    with pytest.raises(ConfigError, match=f"{API_TOKEN_VARIABLE} is too short"):
        create_app("production")
{%- endif %}


# --- The OpenAPI document and the docs page -----------------------------------------------------


@pytest.fixture
def document(client: FlaskClient) -> Any:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json


def test_openapi_document_describes_the_items(document: Any) -> None:
    assert document["openapi"] == "3.1.0"
    assert {"/api/items", "/api/items/{item_id}"} <= set(document["paths"])


def test_openapi_document_states_the_limits_of_an_item(document: Any) -> None:
    fields = document["components"]["schemas"]["Item"]["properties"]
    assert fields["name"]["maxLength"] == NAME_MAX_LENGTH
    assert fields["description"]["maxLength"] == DESCRIPTION_MAX_LENGTH
    assert re.match(fields["name"]["pattern"], "Teapot")
    assert not re.match(fields["name"]["pattern"], "tea\u0000pot")
    assert document["paths"]["/api/items/{item_id}"]["parameters"][0]["schema"]["maximum"] == (
        2**31 - 1
    )


def test_openapi_document_lists_the_errors_of_each_write(document: Any) -> None:
    items = document["paths"]["/api/items"]
    {%- if cookiecutter.use_auth %}
    expected = {"201", "400", "401", "403", "413", "415", "422"}
    {%- else %}
    expected = {"201", "400", "401", "413", "415", "422"}
    {%- endif %}
    assert set(items["post"]["responses"]) == expected
    assert items["post"]["security"][0] == {"bearer": []}
    assert "security" not in items["get"]


def test_docs_page_runs_swagger_ui_from_the_apps_own_files(client: FlaskClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert 'data-openapi-url="/api/openapi.json"' in page.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(assets) == 5, assets
    for asset in assets:
        assert asset.startswith("/api/docs/"), f"{asset} is not served by the app"
        response = client.get(asset)
        assert response.status_code == 200, asset
        response.close()
    assert "<script>" not in page.text, "the Content-Security-Policy runs no inline script"


def test_api_needs_no_blueprint_of_the_file(
    make_app: Callable[[], Flask], disable_blueprints: Callable[..., None]
) -> None:
    disable_blueprints()
    client = make_app().test_client()
    assert client.get("/api/items").json == []
    assert client.get("/api/openapi.json").status_code == 200
    assert client.get("/api/docs").status_code == 200
    assert_json_error(client.get("/api/no-such-resource"), 404)
