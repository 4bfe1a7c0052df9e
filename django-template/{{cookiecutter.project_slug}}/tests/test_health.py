import pytest
from django.db import OperationalError, connections
from django.test import Client

from health import checks


def test_healthz_answers_ok_without_the_database(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_503_naming_the_database_when_it_does_not_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["database"]}


@pytest.mark.django_db
def test_readyz_names_every_failing_check_of_the_registry(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broker() -> None:
        raise ConnectionError("broker unreachable")

    monkeypatch.setitem(checks.CHECKS, "broker", broker)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["broker"]}
