"""The proxies in front of the app: the forwarded headers it believes, and those it ignores."""

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import ENV_PREFIX, ConfigError

# What a client sent itself, then what the proxy in front of the app added.
FORWARDED = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7", "X-Forwarded-Proto": "https"}


def client_as_seen(app: Flask) -> FlaskClient:
    """A client of the app with a page that shows the client's address and scheme as seen."""

    @app.get("/seen")
    def seen() -> dict[str, str | None]:
        return {"address": request.remote_addr, "scheme": request.scheme}

    return app.test_client()


@pytest.mark.usefixtures("production_secrets")
def test_production_believes_one_proxy() -> None:
    assert create_app("production").config["TRUSTED_PROXIES"] == 1


def test_without_a_trusted_proxy_forwarded_headers_change_nothing(app: Flask) -> None:
    seen = client_as_seen(app).get("/seen", headers=FORWARDED).json
    assert seen == {"address": "127.0.0.1", "scheme": "http"}


def test_behind_one_proxy_the_client_is_the_one_the_proxy_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(f"{ENV_PREFIX}_TRUSTED_PROXIES", "1")
    seen = client_as_seen(create_app("testing")).get("/seen", headers=FORWARDED).json
    assert seen == {"address": "198.51.100.7", "scheme": "https"}


@pytest.mark.parametrize("value", ["-1", "one", "true"])
def test_trusted_proxies_other_than_a_count_stop_start_up_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    variable = f"{ENV_PREFIX}_TRUSTED_PROXIES"
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        create_app("testing")
