"""Limits on failed log-ins: per account, per client address, and only failures count."""

from collections.abc import Callable
{%- if cookiecutter.use_celery %}
from secrets import token_bytes, token_hex
{%- endif %}

import pytest
from flask import Flask, request
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.auth.login_limits import account_key, limiter
{%- if cookiecutter.use_celery %}
from {{ cookiecutter.project_slug }}.config import ENV_PREFIX, ConfigError, TestingConfig
{%- else %}
from {{ cookiecutter.project_slug }}.config import ENV_PREFIX, ConfigError
{%- endif %}
from {{ cookiecutter.project_slug }}.security import SECURITY_HEADERS

EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple"
# The limits the tests set, so that few (slow) password checks reach them: one failure, and
# one too high to matter.
ONE = "1 per 15 minutes"
MANY = "100 per 15 minutes"


def register(client: FlaskClient, email: str = EMAIL) -> None:
    response = client.post(
        "/auth/register", data={"email": email, "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 302, "registering failed"
    client.post("/auth/logout")


def log_in(
    client: FlaskClient, email: str = EMAIL, password: str = "wrong password", **kwargs: object
) -> TestResponse:
    return client.post("/auth/login", data={"email": email, "password": password}, **kwargs)


@pytest.fixture
def limits(app: Flask) -> Callable[[str, str], None]:
    def set_limits(per_account: str, per_client: str) -> None:
        app.config["LOGIN_LIMIT_PER_ACCOUNT"] = per_account
        app.config["LOGIN_LIMIT_PER_CLIENT"] = per_client

    return set_limits


def test_the_limits_are_5_failures_per_account_and_20_per_client_in_15_minutes(app: Flask) -> None:
    assert app.config["LOGIN_LIMIT_PER_ACCOUNT"] == "5 per 15 minutes"
    assert app.config["LOGIN_LIMIT_PER_CLIENT"] == "20 per 15 minutes"


def test_requests_outside_the_account_pages_skip_the_limiter(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    limited_paths = []
    identify_request = limiter.identify_request

    def identify_and_record() -> str:
        limited_paths.append(request.path)
        return identify_request()

    monkeypatch.setattr(limiter, "identify_request", identify_and_record)
    for path in ["/", "/healthz", "/no-such-page"]:
        client.get(path)
    assert limited_paths == [], "requests outside the account pages ran the limiter"
    log_in(client)
    assert set(limited_paths) == {"/auth/login"}, "the log-in view did not run the limiter"


def test_an_account_past_its_limit_gets_429_with_the_error_page_and_retry_after(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(ONE, MANY)
    register(client)
    assert log_in(client).status_code == 200
    response = log_in(client)
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert "Too many failed log-ins for this account: wait up to 15 minutes" in response.text
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60


def test_the_429_page_carries_the_security_headers(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(MANY, ONE)
    log_in(client)
    headers = log_in(client).headers
    missing = [name for name, value in SECURITY_HEADERS.items() if headers.get(name) != value]
    assert not missing, f"the 429 page lacks {missing}"


def test_an_account_past_its_limit_refuses_even_the_right_password(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(ONE, MANY)
    register(client)
    log_in(client)
    assert log_in(client, password=PASSWORD).status_code == 429


def test_the_account_limit_counts_an_address_however_it_is_written(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(ONE, MANY)
    log_in(client, email=" Ada@Example.com ")
    assert log_in(client, email=EMAIL).status_code == 429


def test_the_account_limit_leaves_other_accounts_alone(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(ONE, MANY)
    register(client, email="grace@example.com")
    log_in(client)
    assert log_in(client, email="grace@example.com", password=PASSWORD).status_code == 302


def test_successful_log_ins_do_not_count(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(ONE, ONE)
    register(client)
    for _ in range(2):
        assert log_in(client, password=PASSWORD).status_code == 302
        client.post("/auth/logout")


def test_a_client_past_its_limit_gets_429_whatever_the_account(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(MANY, ONE)
    log_in(client, email="one@example.com")
    response = log_in(client, email="two@example.com")
    assert response.status_code == 429
    assert "Too many failed log-ins from your address" in response.text


def test_the_client_limit_leaves_other_clients_alone(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(MANY, ONE)
    log_in(client, email="one@example.com")
    other = {"REMOTE_ADDR": "198.51.100.7"}
    assert log_in(client, email="two@example.com", environ_base=other).status_code == 200


def test_an_ipv6_client_counts_by_its_64_network(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(MANY, ONE)
    hosts = ["2001:db8:1:2::a", "2001:db8:1:2:ffff::1"]
    responses = [
        log_in(client, email=f"{number}@example.com", environ_base={"REMOTE_ADDR": host})
        for number, host in enumerate(hosts)
    ]
    assert responses[-1].status_code == 429


def test_a_client_cannot_dodge_its_limit_with_x_forwarded_for(
    client: FlaskClient, limits: Callable[[str, str], None]
) -> None:
    limits(MANY, ONE)
    responses = [
        log_in(
            client,
            email=f"{number}@example.com",
            headers={"X-Forwarded-For": f"203.0.113.{number}"},
        )
        for number in range(2)
    ]
    assert responses[-1].status_code == 429, "X-Forwarded-For was believed with no proxy in front"


def test_behind_a_proxy_a_client_cannot_dodge_its_limit_with_x_forwarded_for(
    make_app: Callable[[], Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{ENV_PREFIX}_TRUSTED_PROXIES", "1")
    monkeypatch.setenv(f"{ENV_PREFIX}_LOGIN_LIMIT_PER_ACCOUNT", MANY)
    monkeypatch.setenv(f"{ENV_PREFIX}_LOGIN_LIMIT_PER_CLIENT", ONE)
    client = make_app().test_client()
    # The proxy appends the address it got the request from to what the client sent.
    responses = [
        log_in(
            client,
            email=f"{number}@example.com",
            headers={"X-Forwarded-For": f"203.0.113.{number}, 198.51.100.7"},
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        )
        for number in range(2)
    ]
    assert responses[-1].status_code == 429, "an address the client sent was believed"


def test_a_body_too_large_to_read_names_no_account_rather_than_raising(app: Flask) -> None:
    # The limiter takes an error from a key for its storage failing.
    body = {"email": "x" * app.config["MAX_CONTENT_LENGTH"], "password": "wrong password"}
    with app.test_request_context("/auth/login", method="POST", data=body):
        assert account_key() == "account:"


def test_a_limit_that_is_not_a_rate_limit_stops_start_up_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    variable = f"{ENV_PREFIX}_LOGIN_LIMIT_PER_CLIENT"
    monkeypatch.setenv(variable, "twenty")
    with pytest.raises(ConfigError, match=f"{variable}='twenty' is not a rate limit"):
        create_app("testing")
{%- if cookiecutter.use_celery %}


def test_failures_are_counted_in_redis_for_every_worker_process(
    make_app: Callable[[], Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(TestingConfig, "RATELIMIT_STORAGE_URI")
    monkeypatch.setattr(TestingConfig, "LOGIN_LIMIT_PER_ACCOUNT", ONE)
    # An account and a client of this run alone, whose counts in the tests' Redis expire.
    email = f"{token_hex(8)}@example.com"
    client_address = {"REMOTE_ADDR": ".".join(str(byte) for byte in token_bytes(4))}
    first_worker = make_app().test_client()
    assert log_in(first_worker, email=email, environ_base=client_address).status_code == 200
    second_worker = make_app().test_client()
    assert log_in(second_worker, email=email, environ_base=client_address).status_code == 429
{%- endif %}
