import pytest
from django.db import OperationalError, connections
from django.test import Client, override_settings

from health import checks


def test_healthz_answers_ok_without_the_database(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readyz_answers_503_naming_the_database_when_it_does_not_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "error: OperationalError"


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


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["www.example.com"], SECURE_SSL_REDIRECT=True)
@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_probes_answer_by_ip_address_over_plain_http(client: Client, probe: str) -> None:
    response = client.get(probe, HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200, "host validation or the HTTPS redirect refused a probe"
