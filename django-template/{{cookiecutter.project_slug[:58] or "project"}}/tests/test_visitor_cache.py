"""Pages kept for visitors without cookies: served again to the next one, and to no one else."""

import itertools
import time
from collections.abc import Iterator

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from config.visitor_cache import MAX_PAGES, VisitorCacheMiddleware, cache_for_visitors

renders = itertools.count()


def numbered(request: HttpRequest) -> HttpResponse:
    """A page that says how many pages have been made before it."""
    return HttpResponse(f"page {next(renders)}")


def numbered_with_cookie(request: HttpRequest) -> HttpResponse:
    response = numbered(request)
    response.set_cookie("seen", "yes")
    return response


urlpatterns = [
    path("kept", cache_for_visitors(numbered)),
    path("unmarked", numbered),
    path("with-cookie", cache_for_visitors(numbered_with_cookie)),
]


@pytest.fixture(autouse=True)
def visitor_cache() -> Iterator[None]:
    with override_settings(VISITOR_CACHE_SECONDS=60, ROOT_URLCONF=__name__):
        yield


def test_a_marked_page_is_served_again_to_the_next_visitor_without_cookies(client: Client) -> None:
    first, second = client.get("/kept"), client.get("/kept")

    assert second.content == first.content, "the page was made again"


def test_a_served_copy_carries_the_same_headers(client: Client) -> None:
    first, second = client.get("/kept"), client.get("/kept")

    assert dict(second.headers) == dict(first.headers)


def test_a_page_that_is_not_marked_is_made_for_each_visitor(client: Client) -> None:
    assert client.get("/unmarked").content != client.get("/unmarked").content


def test_a_visitor_with_a_cookie_gets_a_page_made_for_them(client: Client) -> None:
    kept = client.get("/kept")
    client.cookies["sessionid"] = "anything"

    assert client.get("/kept").content != kept.content


def test_a_request_with_credentials_gets_a_page_made_for_it(client: Client) -> None:
    kept = client.get("/kept")

    assert client.get("/kept", headers={"Authorization": "Bearer x"}).content != kept.content


def test_each_query_string_is_a_page_of_its_own(client: Client) -> None:
    assert client.get("/kept?a=1").content != client.get("/kept?a=2").content


def test_a_page_that_sets_a_cookie_is_not_kept(client: Client) -> None:
    first = client.get("/with-cookie")
    client.cookies.clear()

    assert client.get("/with-cookie").content != first.content


@override_settings(VISITOR_CACHE_SECONDS=0.05)
def test_a_kept_page_is_made_again_once_its_time_is_up(client: Client) -> None:
    kept = client.get("/kept")
    time.sleep(0.1)

    assert client.get("/kept").content != kept.content


def test_the_number_of_pages_kept_is_bounded(rf: RequestFactory) -> None:
    middleware = VisitorCacheMiddleware(cache_for_visitors(numbered))
    for number in range(MAX_PAGES + 10):
        middleware(rf.get(f"/kept?n={number}"))

    assert len(middleware.pages) == MAX_PAGES


@override_settings(DEBUG=True)
def test_the_cache_is_off_while_debugging(client: Client) -> None:
    assert client.get("/kept").content != client.get("/kept").content
