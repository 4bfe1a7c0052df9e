"""The liveness and readiness probes."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import TestingConfig
from {{ cookiecutter.project_slug }}.health import READINESS_CHECKS
{%- if cookiecutter.database == "postgresql" %}

# Nothing listens on port 1.
UNREACHABLE_DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:1/unreachable"
{%- else %}

UNREACHABLE_DATABASE_URL = "sqlite:////no/such/directory/unreachable.sqlite3"
{%- endif %}
{%- if cookiecutter.use_celery %}
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"
{%- endif %}


def test_healthz_answers_ok(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
{%- if cookiecutter.use_celery %}


def test_readyz_answers_ok_when_the_database_and_the_broker_answer(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
{%- else %}


def test_readyz_answers_ok_when_the_database_answers(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}
{%- endif %}


def test_readyz_answers_503_naming_the_database_when_it_is_down() -> None:
    class UnreachableDatabase(TestingConfig):
        SQLALCHEMY_DATABASE_URI = UNREACHABLE_DATABASE_URL

    response = create_app(UnreachableDatabase).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json is not None
    assert response.json["status"] == "unavailable"
    assert response.json["checks"]["database"].startswith("error: ")
{%- if cookiecutter.use_celery %}


def test_readyz_answers_503_naming_the_broker_when_it_is_down(app: Flask) -> None:
    app.config["REDIS_URL"] = UNREACHABLE_REDIS_URL
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json == {
        "status": "unavailable",
        "checks": {"database": "ok", "broker": "error: ConnectionError"},
    }
{%- endif %}


def test_readyz_runs_every_registered_check(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def search_index_is_down() -> None:
        raise ConnectionError("no search index")

    monkeypatch.setitem(READINESS_CHECKS, "search_index", search_index_is_down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json is not None
    assert response.json["status"] == "unavailable"
    assert response.json["checks"]["search_index"] == "error: ConnectionError"
    assert response.json["checks"]["database"] == "ok"


def test_probe_errors_are_json(app: Flask) -> None:
    response = app.test_client().post("/healthz")
    assert response.status_code == 405
    assert response.json is not None
    assert response.json["code"] == 405
