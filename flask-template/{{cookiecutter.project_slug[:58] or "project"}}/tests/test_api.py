"""The JSON API: the items resource and the OpenAPI document."""

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient


def create_item(client: FlaskClient, name: str = "Teapot") -> int:
    response = client.post("/api/items", json={"name": name, "description": "Short and stout"})
    assert response.status_code == 201
    assert response.json is not None
    item_id: int = response.json["id"]
    return item_id


def test_items_start_empty(client: FlaskClient) -> None:
    response = client.get("/api/items")
    assert response.status_code == 200
    assert response.json == []


def test_create_then_read_and_list_an_item(client: FlaskClient) -> None:
    item_id = create_item(client)
    item = client.get(f"/api/items/{item_id}").json
    assert item is not None
    assert item["name"] == "Teapot"
    assert item["description"] == "Short and stout"
    assert item["created_at"]
    assert [listed["id"] for listed in client.get("/api/items").json or []] == [item_id]


def test_replace_an_item(client: FlaskClient) -> None:
    item_id = create_item(client)
    response = client.put(f"/api/items/{item_id}", json={"name": "Kettle"})
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["name"] == "Kettle"
    assert response.json["description"] == ""


def test_delete_an_item(client: FlaskClient) -> None:
    item_id = create_item(client)
    assert client.delete(f"/api/items/{item_id}").status_code == 204
    assert client.get(f"/api/items/{item_id}").status_code == 404


def test_invalid_item_gets_422_naming_the_fields(client: FlaskClient) -> None:
    response = client.post("/api/items", json={"name": "", "colour": "blue"})
    assert response.status_code == 422
    assert response.mimetype == "application/json"
    assert response.json is not None
    assert set(response.json["errors"]["json"]) == {"name", "colour"}


def test_unknown_item_gets_a_json_404(client: FlaskClient) -> None:
    response = client.get("/api/items/999")
    assert response.status_code == 404
    assert response.json is not None
    assert response.json["message"] == "There is no item 999."


def test_unknown_api_path_gets_a_json_404(client: FlaskClient) -> None:
    response = client.get("/api/no-such-resource")
    assert response.status_code == 404
    assert response.mimetype == "application/json"


def test_openapi_document_describes_the_items(client: FlaskClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["openapi"] == "3.1.0"
    assert {"/api/items", "/api/items/{item_id}"} <= set(response.json["paths"])


def test_api_needs_no_blueprint_of_the_file(
    make_app: Callable[[], Flask], disable_blueprints: Callable[..., None]
) -> None:
    disable_blueprints()
    client = make_app().test_client()
    assert client.get("/api/items").json == []
    assert client.get("/api/openapi.json").status_code == 200
    response = client.get("/api/no-such-resource")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
