from django.test import Client
from django.urls import reverse

from users.models import User


def test_the_home_page_names_the_site_and_links_the_stylesheet(client: Client) -> None:
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "{{ cookiecutter.project_name }}" in response.text
    assert "css/site.css" in response.text


def test_the_home_page_greets_a_signed_in_user(client: Client, user: User) -> None:
    client.force_login(user)

    response = client.get(reverse("home"))

    assert f"signed in as {user}" in response.text
