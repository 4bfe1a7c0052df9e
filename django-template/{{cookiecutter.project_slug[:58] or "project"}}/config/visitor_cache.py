"""Pages kept for visitors without cookies, and served to the next one, as a caching proxy would.

A request that carries no cookie and no credentials is anonymous, and a page such as the home page
is the same for every such request. A view wrapped in ``cache_for_visitors`` says so: its answer
to such a request is kept in this process for VISITOR_CACHE_SECONDS, and VisitorCacheMiddleware,
placed ahead of the session, authentication, CSRF and message middleware, answers the same request
(scheme, host, path and query) from that copy without running them or the view. Signed-in users
and visitors who have a cookie of the site always get a page made for them.

Only a whole page meant for everyone is kept: a GET answered 200 that sets no cookie, varies on no
header but Cookie, is not private to the visitor and carries no per-request nonce.
"""

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.http.cookie import SimpleCookie
from django.http.response import ResponseHeaders
from django.utils.cache import cc_delim_re

from .middleware import used_a_nonce

# The most pages kept at a time: every query string makes an address of its own.
MAX_PAGES = 200

View = Callable[..., HttpResponseBase]


def cache_for_visitors(view: View) -> View:
    """Mark the view's pages as the same for every visitor without cookies."""

    @wraps(view)
    def marked(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response.same_for_every_visitor = True  # type: ignore[attr-defined]
        return response

    return marked


@dataclass(frozen=True)
class KeptPage:
    response: HttpResponse
    expires: float


class VisitorCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        if settings.DEBUG or not settings.VISITOR_CACHE_SECONDS:
            # A developer sees each change to a page at once.
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.seconds: float = settings.VISITOR_CACHE_SECONDS
        self.pages: dict[str, KeptPage] = {}
        self.lock = threading.Lock()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_anonymous(request):
            return self.get_response(request)
        # Validates the host, as CommonMiddleware would: a disallowed one is answered 400.
        address = request.build_absolute_uri()
        kept = self.pages.get(address)
        if kept is not None and kept.expires > time.monotonic():
            return fresh_copy(kept.response)
        response = self.get_response(request)
        if isinstance(response, HttpResponse) and is_shareable(request, response):
            self.keep(address, response)
        return response

    def keep(self, address: str, response: HttpResponse) -> None:
        with self.lock:
            self.pages.pop(address, None)
            while len(self.pages) >= MAX_PAGES:
                del self.pages[next(iter(self.pages))]
            self.pages[address] = KeptPage(fresh_copy(response), time.monotonic() + self.seconds)


def is_anonymous(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.META.get("HTTP_COOKIE")
        and not request.META.get("HTTP_AUTHORIZATION")
    )


def is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    if not getattr(response, "same_for_every_visitor", False) or response.status_code != 200:
        return False
    varies_on = {header.lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    cache_control = {value.lower() for value in cc_delim_re.split(response.get("Cache-Control", ""))}
    return (
        not response.cookies
        and varies_on <= {"cookie"}
        and not cache_control & {"private", "no-store", "no-cache"}
        and not used_a_nonce(request)
    )


def fresh_copy(response: HttpResponse) -> HttpResponse:
    """A copy whose headers and cookies the middleware further out can change freely."""
    duplicate = copy.copy(response)
    duplicate.headers = ResponseHeaders(dict(response.headers))
    duplicate.cookies = SimpleCookie()
    return duplicate
