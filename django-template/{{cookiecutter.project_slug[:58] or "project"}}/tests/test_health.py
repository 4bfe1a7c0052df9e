import logging
import threading
import time
from collections.abc import Iterator

import pytest
from django.db import connections
from django.test import Client, override_settings

from health import checks

# What a hung service is given to answer in these tests, instead of READINESS_TIMEOUT.
SHORT_TIMEOUT = 0.2


def point_connections_at_no_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections opened from now on go where no database answers."""
    {%- if cookiecutter.database == "postgresql" %}
    # Nothing listens on port 1: connections to it are refused at once.
    monkeypatch.setitem(connections.settings["default"], "PORT", "1")
    {%- else %}
    monkeypatch.setitem(connections.settings["default"], "NAME", "/nonexistent/db.sqlite3")
    {%- endif %}


@pytest.fixture
def unreachable_database(monkeypatch: pytest.MonkeyPatch) -> None:
    point_connections_at_no_database(monkeypatch)


@pytest.fixture
def hung_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """The only check is of a service that never answers; yields the times the check was started."""
    started: list[float] = []
    released = threading.Event()

    def hang() -> None:
        started.append(time.monotonic())
        released.wait()

    monkeypatch.setattr(checks, "CHECKS", {"hung_service": hang})
    monkeypatch.setattr(checks, "READINESS_TIMEOUT", SHORT_TIMEOUT)
    # No run of the check left from another test.
    monkeypatch.setattr(checks, "latest_runs", {})
    yield started
    released.set()


def test_healthz_answers_ok_without_the_database(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_probes_tell_caches_not_to_store_their_answers(client: Client, probe: str) -> None:
    assert client.get(probe)["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
@pytest.mark.usefixtures("unreachable_database")
def test_readyz_answers_503_naming_the_database_when_it_does_not_answer(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "error: OperationalError"


@pytest.mark.django_db
def test_readyz_answers_ok_again_once_the_database_answers_again(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as outage:
        point_connections_at_no_database(outage)
        assert client.get("/readyz").status_code == 503

    response = client.get("/readyz")

    assert response.status_code == 200, "a probe went on using the connection that had failed"


@pytest.mark.django_db
def test_readyz_names_every_failing_check_of_the_registry(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def search_index() -> None:
        raise ConnectionError("search index unreachable")

    monkeypatch.setitem(checks.CHECKS, "search_index", search_index)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["search_index"] == "error: ConnectionError"
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_reports_a_check_that_does_not_answer_in_time(
    client: Client, hung_service: list[float]
) -> None:
    asked = time.monotonic()
    response = client.get("/readyz")
    waited = time.monotonic() - asked

    assert response.status_code == 503
    assert response.json()["checks"]["hung_service"] == "error: timeout"
    assert SHORT_TIMEOUT <= waited < SHORT_TIMEOUT + 0.5, f"/readyz answered after {waited:.2f} s"


def test_a_check_still_hanging_is_not_started_again_but_reported_at_once(
    client: Client, hung_service: list[float]
) -> None:
    client.get("/readyz")

    asked = time.monotonic()
    response = client.get("/readyz")
    waited = time.monotonic() - asked

    assert response.json()["checks"]["hung_service"] == "error: timeout"
    assert len(hung_service) == 1, "the hung check was started again and holds a second thread"
    assert waited < SHORT_TIMEOUT, f"the second probe waited {waited:.2f} s for a check already late"


@pytest.mark.django_db
@pytest.mark.usefixtures("unreachable_database")
def test_a_failed_check_logs_one_line_naming_it_and_the_error(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        client.get("/readyz")

    [record] = caplog.records
    assert record.getMessage().startswith("Readiness check 'database' failed: OperationalError: ")
    assert "\n" not in record.getMessage()
    assert record.exc_info is None, "the log line carries a traceback"


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["www.example.com"], SECURE_SSL_REDIRECT=True)
@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_probes_answer_by_ip_address_over_plain_http(client: Client, probe: str) -> None:
    response = client.get(probe, HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200, "host validation or the HTTPS redirect refused a probe"
