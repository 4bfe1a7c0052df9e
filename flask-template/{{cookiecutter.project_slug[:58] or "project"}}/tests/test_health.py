"""The liveness and readiness probes."""

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
{%- if cookiecutter.use_celery %}
import redis
{%- endif %}
from flask import Flask, request
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app, health
from {{ cookiecutter.project_slug }}.config import TestingConfig
from {{ cookiecutter.project_slug }}.health import READINESS_CHECKS
{%- if cookiecutter.use_celery %}
from {{ cookiecutter.project_slug }}.jobs import broker_client
{%- endif %}
from {{ cookiecutter.project_slug }}.security import SECURITY_HEADERS
{%- if cookiecutter.database == "postgresql" %}

# Nothing listens on port 1.
UNREACHABLE_DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:1/unreachable"
{%- else %}

UNREACHABLE_DATABASE_URL = "sqlite:////no/such/directory/unreachable.sqlite3"
{%- endif %}
{%- if cookiecutter.use_celery %}
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"
{%- endif %}
# The time the tests give each check, instead of the seconds a server gives it.
TEST_TIMEOUT = 0.05


@dataclass
class HungCheck:
    """A readiness check that hangs, as one on a frozen server does, until released."""

    calls: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    def __call__(self) -> None:
        self.calls += 1
        self.released.wait(timeout=10)


@pytest.fixture
def hung_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[HungCheck]:
    check = HungCheck()
    monkeypatch.setitem(READINESS_CHECKS, "hung", check)
    monkeypatch.setattr(health, "READINESS_TIMEOUT", TEST_TIMEOUT)
    yield check
    check.released.set()
    # The next test starts with no run of this check, rather than one about to end.
    if (run := health.runs.pop("hung", None)) is not None:
        run.future.result(timeout=5)


def test_healthz_answers_ok(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_answers_head_with_no_body(client: FlaskClient) -> None:
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.data == b""


def test_healthz_is_answered_before_the_app_handles_the_request(app: Flask) -> None:
    handled: list[str] = []
    app.before_request(lambda: handled.append(request.path))
    assert app.test_client().get("/healthz").status_code == 200
    assert handled == [], "the app's request handling ran for a liveness probe"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_carry_the_security_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    missing = [name for name, value in SECURITY_HEADERS.items() if headers.get(name) != value]
    assert not missing, f"{path} lacks {missing}"
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


def test_broker_checks_share_one_client_and_its_connections(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    from_url = redis.Redis.from_url

    def counted_from_url(url: str, **options: object) -> redis.Redis:
        made.append(url)
        return from_url(url, **options)

    broker_client.cache_clear()
    monkeypatch.setattr(redis.Redis, "from_url", counted_from_url)
    for _ in range(3):
        assert client.get("/readyz").status_code == 200
    assert len(made) == 1, f"{len(made)} Redis clients made for 3 probes"
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


def test_a_failed_check_logs_one_line_without_traceback(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def search_index_is_down() -> None:
        raise ConnectionError("no search index\nat 10.0.0.9")

    monkeypatch.setitem(READINESS_CHECKS, "search_index", search_index_is_down)
    with caplog.at_level(logging.WARNING, logger=health.__name__):
        client.get("/readyz")
    assert [(record.getMessage(), record.exc_info) for record in caplog.records] == [
        ("Readiness check 'search_index' failed: ConnectionError: no search index", None)
    ]


def test_readyz_answers_503_in_time_when_a_check_hangs(
    client: FlaskClient, hung_check: HungCheck
) -> None:
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 1, "the probe waited for the hung check"
    assert response.status_code == 503
    assert response.json is not None
    assert response.json["checks"]["hung"] == "error: timeout"
    assert response.json["checks"]["database"] == "ok"


def test_a_hung_check_is_not_started_again_while_it_runs(
    client: FlaskClient, hung_check: HungCheck
) -> None:
    for _ in range(3):
        response = client.get("/readyz")
        assert response.json is not None
        assert response.json["checks"]["hung"] == "error: timeout"
    assert hung_check.calls == 1, "each probe started the hung check again"


def test_later_probes_report_a_hung_check_past_its_time_at_once(
    client: FlaskClient, hung_check: HungCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.get("/readyz")
    monkeypatch.setattr(health, "READINESS_TIMEOUT", 10)
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 1, "the probe waited for the hung check again"
    assert response.json is not None
    assert response.json["checks"]["hung"] == "error: timeout"


def test_readyz_answers_ok_again_once_a_hung_check_returns(
    client: FlaskClient, hung_check: HungCheck
) -> None:
    assert client.get("/readyz").status_code == 503
    hung_check.released.set()
    health.runs["hung"].future.result(timeout=5)
    assert client.get("/readyz").status_code == 200
    assert hung_check.calls == 2


def test_probe_errors_are_json(app: Flask) -> None:
    response = app.test_client().post("/healthz")
    assert response.status_code == 405
    assert response.json is not None
    assert response.json["code"] == 405
