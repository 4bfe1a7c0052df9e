"""The OpenAPI document says what the API does, and its docs pages are served by the site itself."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

WRITES = {"post", "put", "patch"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return dict(response.json())


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_the_document_is_valid_openapi_built_without_warnings(tmp_path: Path) -> None:
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_every_operation_documents_the_401_of_missing_credentials(document: dict[str, Any]) -> None:
    missing = [
        f"{method} {path}"
        for method, path, operation in operations(document)
        if "401" not in operation["responses"]
    ]

    assert not missing, f"operations without a documented 401: {missing}"


def test_every_write_documents_its_refusals(document: dict[str, Any]) -> None:
    expected = {"400", "403", "413", "415"}
    missing = {
        f"{method} {path}": sorted(expected - set(operation["responses"]))
        for method, path, operation in operations(document)
        if method in WRITES and not expected <= set(operation["responses"])
    }

    assert not missing, f"writes missing documented refusals: {missing}"


def test_every_operation_on_one_note_documents_404(document: dict[str, Any]) -> None:
    path = "/api/notes/{id}/"
    missing = [
        method for method, operation in document["paths"][path].items() if "404" not in operation["responses"]
    ]

    assert not missing, f"operations on {path} without a documented 404: {missing}"


def test_operations_with_parameters_document_the_servers_414(document: dict[str, Any]) -> None:
    missing = [
        f"{method} {path}"
        for method, path, operation in operations(document)
        if operation.get("parameters") and "414" not in operation["responses"]
    ]

    assert not missing, f"operations whose address grows with their parameters, without a 414: {missing}"


def test_the_title_schema_states_what_the_api_enforces(document: dict[str, Any]) -> None:
    title = document["components"]["schemas"]["NoteRequest"]["properties"]["title"]

    assert (title["minLength"], title["maxLength"]) == (1, 200)
    pattern = re.compile(title["pattern"])
    assert not pattern.search(" \t "), "the pattern must refuse a blank title, as the API does"
    assert not pattern.search("a\x00b"), "the pattern must refuse NUL, as the API does"
    assert pattern.search(" Indented "), "the pattern must accept text with spaces around it"


def test_the_token_route_and_both_ways_to_sign_in_are_documented(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]

    assert (schemes["bearerAuth"]["type"], schemes["bearerAuth"]["scheme"]) == ("http", "bearer")
    assert schemes["cookieAuth"]["in"] == "cookie"
    assert set(document["paths"]["/api/token/"]) == {"post", "delete"}
    assert "429" in document["paths"]["/api/token/"]["post"]["responses"]


def test_swagger_ui_is_served_from_the_sites_own_files(client: Client) -> None:
    page = client.get("/api/docs/").content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)

    assert scripts, "the Swagger UI page loads no script"
    assert all(src.startswith(("/static/", "/api/docs/?")) for src in scripts), scripts


def test_swagger_ui_works_under_the_sites_own_content_security_policy(client: Client) -> None:
    response = client.get("/api/docs/")
    page = response.content.decode()

    assert response["Content-Security-Policy"] == client.get("/")["Content-Security-Policy"]
    assert "<script>" not in page and "<style" not in page, "the policy blocks inline scripts and styles"


def test_swagger_uis_start_script_is_served_as_a_file_of_its_own(client: Client) -> None:
    response = client.get("/api/docs/?script=")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()
