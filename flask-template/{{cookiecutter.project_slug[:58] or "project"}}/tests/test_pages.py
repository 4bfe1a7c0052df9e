"""The pages, the stylesheet, error pages and security headers."""

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import {{ cookiecutter.project_slug }} as package
from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.visitor_cache import VisitorCache


def test_home_page_shows_the_site_name_and_links_the_stylesheet(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "<h1>{{ cookiecutter.project_name }}</h1>" in response.text
    assert 'href="/static/style.css"' in response.text
{%- if not cookiecutter.use_auth %}


def test_home_page_does_not_vary_on_cookies(client: FlaskClient) -> None:
    response = client.get("/")
    assert "Cookie" not in response.vary, "a page that varies on cookies is not cached for visitors"
    assert "Set-Cookie" not in response.headers
{%- endif %}


def test_home_page_is_kept_for_visitors_without_cookies(app: Flask, client: FlaskClient) -> None:
    app.wsgi_app = VisitorCache(app.wsgi_app, seconds=60)  # type: ignore[method-assign]
    client.get("/")
    app.config["SITE_NAME"] = "A New Name"

    assert "A New Name" not in client.get("/").text, "the page was made again"


def test_home_page_names_the_file_that_makes_it(client: FlaskClient) -> None:
    named = f"{package.__name__}/templates/index.html"
    assert (Path(package.__file__).parent.parent / named).is_file()
    assert f"<code>{named}</code>" in client.get("/").text


def test_pages_link_a_favicon_the_app_serves(client: FlaskClient) -> None:
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text
    response = client.get("/static/favicon.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    response.close()


def test_stylesheet_is_served(client: FlaskClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    response.close()


def test_unknown_page_gets_the_html_404_page(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "404 Not Found" in response.text


def test_server_error_gets_the_html_500_page(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/fail")
    def fail() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/fail")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert "500 Internal Server Error" in response.text


@pytest.mark.parametrize("path", ["/", "/healthz", "/no-such-page"])
def test_every_response_has_the_security_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    )
    assert "Strict-Transport-Security" not in headers


def test_a_view_that_sets_a_security_header_keeps_its_own_value(app: Flask) -> None:
    @app.get("/framed")
    def framed() -> tuple[str, dict[str, str]]:
        return "framed", {"X-Frame-Options": "SAMEORIGIN"}

    response = app.test_client().get("/framed")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"], (
        "the view's own header is replaced or sent twice"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/?x=%00", "/?x=%ED%A0%80", "/?%00=x&x", "/%00", "/static/%00"])
def test_junk_in_the_address_gets_a_page_or_a_4xx_never_a_server_error(
    client: FlaskClient, path: str
) -> None:
    status = client.get(path).status_code
    assert status in {200, 400, 404}, f"{path} got {status}"


@pytest.mark.usefixtures("production_secrets")
def test_production_adds_hsts() -> None:
    response = create_app("production").test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
