"""Pages kept for visitors without cookies: served again to the next one, and to no one else."""

import itertools
import time

import pytest
from flask import Flask, Response
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import TestingConfig
from {{ cookiecutter.project_slug }}.visitor_cache import MAX_PAGES, VisitorCache, cache_for_visitors

renders = itertools.count()


def numbered() -> str:
    """A page that says how many pages have been made before it."""
    return f"page {next(renders)}"


def numbered_with_cookie() -> Response:
    response = Response(numbered())
    response.set_cookie("seen", "yes")
    return response


@pytest.fixture
def config(config: type[TestingConfig]) -> type[TestingConfig]:
    class KeepingPages(config):  # type: ignore[valid-type,misc]
        VISITOR_CACHE_SECONDS = 60

    return KeepingPages


@pytest.fixture(autouse=True)
def pages(app: Flask) -> None:
    app.add_url_rule("/kept", "kept", cache_for_visitors(numbered))
    app.add_url_rule("/unmarked", "unmarked", numbered)
    app.add_url_rule("/with-cookie", "with_cookie", cache_for_visitors(numbered_with_cookie))


def test_a_marked_page_is_served_again_to_the_next_visitor(client: FlaskClient) -> None:
    first, second = client.get("/kept"), client.get("/kept")

    assert second.data == first.data, "the page was made again"


def test_a_served_copy_carries_the_same_headers(client: FlaskClient) -> None:
    first, second = client.get("/kept"), client.get("/kept")

    assert sorted(second.headers.items()) == sorted(first.headers.items())


def test_a_page_that_is_not_marked_is_made_for_each_visitor(client: FlaskClient) -> None:
    assert client.get("/unmarked").data != client.get("/unmarked").data


def test_a_visitor_with_a_cookie_gets_a_page_made_for_them(client: FlaskClient) -> None:
    kept = client.get("/kept")
    client.set_cookie("session", "anything")

    assert client.get("/kept").data != kept.data


def test_a_request_with_credentials_gets_a_page_made_for_it(client: FlaskClient) -> None:
    kept = client.get("/kept")

    assert client.get("/kept", headers={"Authorization": "Bearer x"}).data != kept.data


def test_each_query_string_is_a_page_of_its_own(client: FlaskClient) -> None:
    assert client.get("/kept?a=1").data != client.get("/kept?a=2").data


def test_a_page_that_sets_a_cookie_is_not_kept(client: FlaskClient) -> None:
    first = client.get("/with-cookie")
    client.delete_cookie("seen")

    assert client.get("/with-cookie").data != first.data


def test_a_kept_page_is_made_again_once_its_time_is_up(config: type[TestingConfig]) -> None:
    class Briefly(config):  # type: ignore[valid-type,misc]
        VISITOR_CACHE_SECONDS = 0.05

    client = app_with_kept_page(Briefly).test_client()
    kept = client.get("/kept")
    time.sleep(0.1)

    assert client.get("/kept").data != kept.data


def test_the_cache_is_off_while_debugging(config: type[TestingConfig]) -> None:
    class Debugging(config):  # type: ignore[valid-type,misc]
        DEBUG = True

    client = app_with_kept_page(Debugging).test_client()

    assert client.get("/kept").data != client.get("/kept").data


def test_the_number_of_pages_kept_is_bounded() -> None:
    app = Flask(__name__)
    app.add_url_rule("/kept", "kept", cache_for_visitors(numbered))
    cache = VisitorCache(app.wsgi_app, seconds=60)
    app.wsgi_app = cache  # type: ignore[method-assign]
    client = app.test_client()
    for number in range(MAX_PAGES + 10):
        client.get(f"/kept?n={number}")

    assert len(cache.pages) == MAX_PAGES


def app_with_kept_page(config: type[TestingConfig]) -> Flask:
    app = create_app(config)
    app.add_url_rule("/kept", "kept", cache_for_visitors(numbered))
    return app
