from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from users.models import User

from .factories import PASSWORD


def test_the_login_page_shows_the_form(client: Client) -> None:
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert 'name="password"' in response.text


def test_the_login_page_title_names_the_site_not_the_host(client: Client) -> None:
    response = client.get(reverse("login"))

    assert f"<title>Log in · {escape(settings.SITE_NAME)}</title>" in response.text, "not the site's name"


def test_the_admin_login_page_names_the_site(client: Client) -> None:
    response = client.get(reverse("admin:login"))

    assert f"<title>Log in | {escape(settings.SITE_NAME)} admin</title>" in response.text


def test_logging_in_with_the_right_password_signs_the_user_in(client: Client, user: User) -> None:
    response = client.post(reverse("login"), {"username": user.get_username(), "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_logging_in_with_a_wrong_password_shows_an_error(client: Client, user: User) -> None:
    response = client.post(reverse("login"), {"username": user.get_username(), "password": "wrong"})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_logging_out_signs_the_user_out(client: Client, user: User) -> None:
    client.force_login(user)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
