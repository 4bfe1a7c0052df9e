{%- if cookiecutter.database == "postgresql" -%}
"""Fixtures: apps that use a test database, created for the run and dropped after it.

The tests never touch the app's own database: they create one named after it
with ``_test`` appended, on the same server (DATABASE_URL, or the default).
"""
{%- else -%}
"""Fixtures: apps that use a private in-memory SQLite database."""
{%- endif %}

import os
from collections.abc import Callable, Iterator
from pathlib import Path

{% if cookiecutter.database == "postgresql" -%}
import psycopg
{% endif -%}
import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
{%- if cookiecutter.database == "postgresql" %}
from psycopg import sql
from sqlalchemy.engine import URL, make_url
{%- endif %}

import {{ cookiecutter.project_slug }} as package
from {{ cookiecutter.project_slug }} import create_app
{%- if cookiecutter.database == "postgresql" %}
from {{ cookiecutter.project_slug }}.config import (
    ENV_PREFIX,
    Config,
    TestingConfig,
    normalize_database_url,
)
{%- else %}
from {{ cookiecutter.project_slug }}.config import ENV_PREFIX, TestingConfig
{%- endif %}
from {{ cookiecutter.project_slug }}.extensions import db
{%- if cookiecutter.database == "postgresql" %}

# Read before any test clears the environment.
APP_DATABASE_URL = make_url(
    normalize_database_url(os.environ.get("DATABASE_URL") or Config.SQLALCHEMY_DATABASE_URI)
)


def run_on_server(url: URL, statement: sql.Composed) -> None:
    """Run a statement that cannot run in a transaction, from the server's postgres database."""
    server = url.set(drivername="postgresql", database="postgres")
    dsn = server.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(statement)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    test_url = APP_DATABASE_URL.set(database=f"{APP_DATABASE_URL.database}_test")
    name = sql.Identifier(test_url.database or "")
    # A database left over from an interrupted run goes first.
    run_on_server(test_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
    run_on_server(test_url, sql.SQL("CREATE DATABASE {}").format(name))
    yield test_url.render_as_string(hide_password=False)
    run_on_server(test_url, sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
{%- else %}


@pytest.fixture(scope="session")
def database_url() -> str:
    return "sqlite://"
{%- endif %}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the shell's settings out of the tests: each test sets what it needs."""
    for name in list(os.environ):
        if name.startswith(f"{ENV_PREFIX}_") or name in {"DATABASE_URL", "FLASK_DEBUG"}:
            monkeypatch.delenv(name)


@pytest.fixture
def production_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set the secrets production refuses to start without, as a deployment does."""
    monkeypatch.setenv(f"{ENV_PREFIX}_SECRET_KEY", "k" * 48)
    {%- if cookiecutter.use_api and not cookiecutter.use_auth %}
    monkeypatch.setenv(f"{ENV_PREFIX}_API_TOKEN", "t" * 48)
    {%- endif %}


@pytest.fixture
def config(database_url: str) -> type[TestingConfig]:
    class TestConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url

    return TestConfig


@pytest.fixture
def make_app(config: type[TestingConfig]) -> Iterator[Callable[[], Flask]]:
    """Build apps whose database has every table, emptied after the test."""
    apps: list[Flask] = []

    def make() -> Flask:
        app = create_app(config)
        with app.app_context():
            db.create_all()
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[[], Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def disable_blueprints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make create_app read blueprints.yaml with the entries of these modules disabled.

    Modules are named within the package (``"pages"``, ``"auth.views"``); naming
    none disables every entry.
    """

    def disable(*modules: str) -> None:
        document = yaml.safe_load(package.BLUEPRINTS_FILE.read_text())
        for entry in document["blueprints"]:
            module = entry["import"].partition(":")[0].removeprefix(f"{package.__name__}.")
            if not modules or module in modules:
                entry["enabled"] = False
        copy = tmp_path / "blueprints.yaml"
        copy.write_text(yaml.safe_dump(document))
        monkeypatch.setattr(package, "BLUEPRINTS_FILE", copy)

    return disable
