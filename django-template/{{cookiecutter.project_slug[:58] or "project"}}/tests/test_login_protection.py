"""Failed logins lock an account, or a client address, out for a while (django-axes)."""

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from users.models import User

from .factories import PASSWORD, UserFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

ADDRESS = "192.0.2.10"
OTHER_ADDRESS = "192.0.2.20"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def log_in(
    client: Client, name: str, password: str = "wrong", address: str = ADDRESS, page: str = "login"
) -> "TestResponse":
    """Post a login form as a browser does."""
    return client.post(
        reverse(page),
        {"username": name, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT=BROWSER_ACCEPT,
    )


def lock_out(client: Client, user: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, user.get_username())


def test_an_account_is_locked_out_by_its_failure_limit(client: Client, user: User) -> None:
    for attempt in range(1, settings.AXES_FAILURE_LIMIT):
        assert log_in(client, user.get_username()).status_code == 200, f"attempt {attempt} was refused"

    response = log_in(client, user.get_username())

    assert response.status_code == 429


def test_a_locked_out_account_cannot_log_in_even_with_its_password(client: Client, user: User) -> None:
    lock_out(client, user)

    response = log_in(client, user.get_username(), PASSWORD)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_an_account_is_locked_out_whichever_addresses_the_failures_come_from(
    client: Client, user: User
) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, user.get_username(), address=f"198.51.100.{attempt}")

    assert log_in(client, user.get_username(), PASSWORD, address=OTHER_ADDRESS).status_code == 429


def test_a_locked_out_account_leaves_the_other_accounts_of_its_address_alone(
    client: Client, user: User
) -> None:
    lock_out(client, user)

    response = log_in(client, UserFactory.create().get_username(), PASSWORD)

    assert response.status_code == 302, "the address was locked out along with the account"


def test_an_address_is_locked_out_by_its_own_failure_limit_whatever_the_accounts(
    client: Client, user: User
) -> None:
    for attempt in range(1, settings.LOGIN_FAILURES_PER_ADDRESS):
        response = log_in(client, f"nobody-{attempt}@example.com")
        assert response.status_code == 200, f"attempt {attempt} from the address was refused"

    assert log_in(client, "nobody-else@example.com").status_code == 429
    assert log_in(client, user.get_username(), PASSWORD).status_code == 429
    assert log_in(client, user.get_username(), PASSWORD, address=OTHER_ADDRESS).status_code == 302


def test_the_lockout_page_says_when_to_try_again(client: Client, user: User) -> None:
    lock_out(client, user)

    response = log_in(client, user.get_username(), PASSWORD)

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert response["Retry-After"] == str(minutes * 60)
    assert "registration/locked_out.html" in [template.name for template in response.templates]
    assert f"Try again in {minutes} minutes" in response.text


def test_the_lockout_is_json_for_clients_other_than_browsers(client: Client, user: User) -> None:
    lock_out(client, user)

    response = client.post(
        reverse("login"), {"username": user.get_username(), "password": PASSWORD}, REMOTE_ADDR=ADDRESS
    )

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many failed logins: try again in ")


def test_a_lockout_ends_once_the_cool_off_time_passes_without_an_attempt(client: Client, user: User) -> None:
    lock_out(client, user)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
        attempt.save()

    assert log_in(client, user.get_username(), PASSWORD).status_code == 302


def test_axes_reset_lifts_every_lockout(client: Client, user: User) -> None:
    lock_out(client, user)

    call_command("axes_reset", verbosity=0)

    assert log_in(client, user.get_username(), PASSWORD).status_code == 302


def test_the_admin_login_is_protected_too(client: Client, user: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, user.get_username(), page="admin:login")

    assert log_in(client, user.get_username(), page="admin:login").status_code == 429


def test_a_client_is_the_address_it_connects_from_not_one_it_names_itself(client: Client) -> None:
    client.post(
        reverse("login"),
        {"username": "nobody@example.com", "password": "wrong"},
        REMOTE_ADDR=ADDRESS,
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ADDRESS]
