"""The PostgreSQL connections: their timeouts, and the pool's check before each use."""

import psycopg
from flask import Flask
from sqlalchemy import text
from sqlalchemy.engine import make_url

from {{ cookiecutter.project_slug }}.extensions import db


def test_the_server_ends_statements_after_30_seconds(app: Flask) -> None:
    with app.app_context():
        assert db.session.scalar(text("SHOW statement_timeout")) == "30s"


def test_connecting_gives_up_after_5_seconds(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        parameters = connection.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
    assert parameters["connect_timeout"] == "5"


def test_a_pooled_connection_the_server_closed_is_replaced_unnoticed(
    app: Flask, database_url: str
) -> None:
    with app.app_context():
        backend = db.session.scalar(text("SELECT pg_backend_pid()"))
        db.session.remove()
        # As a server restart does, end the connection waiting in the pool; wait up to 5 s for it.
        server = make_url(database_url).set(drivername="postgresql")
        with psycopg.connect(server.render_as_string(hide_password=False)) as other:
            other.execute("SELECT pg_terminate_backend(%s, 5000)", [backend])
        assert db.session.scalar(text("SELECT pg_backend_pid()")) != backend
