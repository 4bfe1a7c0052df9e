import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views.defaults import bad_request, permission_denied, server_error

from config.storage import StaticFilesStorage
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


def test_the_home_page_names_the_file_that_makes_it(client: Client) -> None:
    named = "pages/templates/pages/home.html"
    assert (settings.BASE_DIR / named).is_file()
    assert f"<code>{named}</code>" in client.get(reverse("home")).text


def test_the_pages_link_a_favicon_among_the_static_files(client: Client) -> None:
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get(reverse("home")).text
    assert finders.find("favicon.svg"), "no favicon.svg among the static files"


def test_the_servers_static_storage_looks_each_address_up_in_the_manifest_once(tmp_path: Path) -> None:
    manifest = {"version": "1.1", "paths": {"css/site.css": "css/site.0123456789ab.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    with override_settings(STATIC_ROOT=tmp_path):
        # WhiteNoise leaves the constructor unannotated.
        storage = StaticFilesStorage()  # type: ignore[no-untyped-call]

    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"
    storage.hashed_files.clear()
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css", "looked up again"


@override_settings(VISITOR_CACHE_SECONDS=60)
def test_the_home_page_is_kept_for_visitors_without_cookies(client: Client) -> None:
    client.get(reverse("home"))

    with override_settings(SITE_NAME="A New Name"):
        assert "A New Name" not in client.get(reverse("home")).text, "the page was made again"


@override_settings(VISITOR_CACHE_SECONDS=60)
def test_a_signed_in_user_gets_their_own_home_page_after_visitors(client: Client, user: User) -> None:
    client.get(reverse("home"))
    client.force_login(user)

    assert f"signed in as {user}" in client.get(reverse("home")).text


def test_a_missing_page_is_the_sites_own_with_a_way_home(client: Client) -> None:
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert f'href="{reverse("home")}"' in response.text


def test_a_server_error_is_the_sites_own_page_with_a_way_home(rf: RequestFactory) -> None:
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Server error</h1>" in page
    assert f'href="{reverse("home")}"' in page


def test_a_bad_request_is_the_sites_own_page_with_a_way_home(rf: RequestFactory) -> None:
    response = bad_request(rf.get("/"), SuspiciousOperation())

    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.text
    assert f'href="{reverse("home")}"' in response.text


def test_a_forbidden_page_is_the_sites_own_with_a_way_home(rf: RequestFactory) -> None:
    response = permission_denied(rf.get("/"), PermissionDenied())

    assert response.status_code == 403
    assert "<h1>Access denied</h1>" in response.text
    assert f'href="{reverse("home")}"' in response.text


def test_a_form_sent_without_its_csrf_token_gets_the_sites_own_page() -> None:
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"password": "x"})

    assert response.status_code == 403
    assert "<h1>Form expired</h1>" in response.text
    assert f'href="{reverse("home")}"' in response.text
