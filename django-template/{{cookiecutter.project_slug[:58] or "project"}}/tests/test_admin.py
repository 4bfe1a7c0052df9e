import pytest
from django.test import Client
from django.urls import reverse

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("page", ["admin:index", "admin:users_user_changelist", "admin:users_user_add"])
def test_staff_can_open_the_admin_pages_for_users(staff_client: Client, page: str) -> None:
    assert staff_client.get(reverse(page)).status_code == 200


def test_the_admin_sends_anonymous_visitors_to_its_login_page(client: Client) -> None:
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
