"""Pages kept for visitors without cookies, and served to the next one, as a caching proxy would.

A request that carries no cookie and no credentials is anonymous, and a page such as the home page
is the same for every such request. A view wrapped in ``cache_for_visitors`` says so: its answer
to such a request is kept in this process for VISITOR_CACHE_SECONDS, and the next such request
(scheme, host, path and query) is answered from that copy before Flask, the session, Flask-Login
or the view see it. Signed-in users and visitors who have a cookie of the site always get a page
made for them.

Only a whole page meant for everyone is kept: a GET answered 200 that sets no cookie, varies on no
header but Cookie and is not private to the visitor.
"""

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING

from flask import Flask, request
from flask.typing import ResponseReturnValue

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# The most pages kept at a time: every query string makes an address of its own.
MAX_PAGES = 200
# Where a marked view leaves its mark: the request's WSGI environment, which the cache reads.
SAME_FOR_EVERY_VISITOR = "visitor_cache.same_for_every_visitor"

View = Callable[..., ResponseReturnValue]


def cache_for_visitors(view: View) -> View:
    """Mark the view's pages as the same for every visitor without cookies."""

    @wraps(view)
    def marked(*args: object, **kwargs: object) -> ResponseReturnValue:
        request.environ[SAME_FOR_EVERY_VISITOR] = True
        return view(*args, **kwargs)

    return marked


def keep_pages_for_visitors(app: Flask) -> None:
    """Serve marked pages again to visitors without cookies; never while debugging."""
    seconds = app.config["VISITOR_CACHE_SECONDS"]
    if seconds and not app.debug:
        app.wsgi_app = VisitorCache(app.wsgi_app, seconds)  # type: ignore[method-assign]


@dataclass(frozen=True)
class KeptPage:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    expires: float


class VisitorCache:
    """WSGI middleware answering visitors without cookies from the pages kept for them."""

    def __init__(self, app: "WSGIApplication", seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self.pages: dict[tuple[str, ...], KeptPage] = {}
        self.lock = threading.Lock()

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        if not is_anonymous(environ):
            return self.app(environ, start_response)
        address = page_address(environ)
        kept = self.pages.get(address)
        if kept is not None and kept.expires > time.monotonic():
            start_response(kept.status, list(kept.headers))
            return [kept.body]

        answer: list[tuple[str, list[tuple[str, str]]]] = []

        def start_noting(
            status: str, headers: list[tuple[str, str]], exc_info: object = None
        ) -> object:
            answer.append((status, list(headers)))
            return start_response(status, headers, exc_info)  # type: ignore[arg-type]

        body = self.app(environ, start_noting)  # type: ignore[arg-type]
        if not environ.get(SAME_FOR_EVERY_VISITOR) or not is_shareable(*answer[-1]):
            return body
        try:
            content = b"".join(body)
        finally:
            if close := getattr(body, "close", None):
                close()
        status, headers = answer[-1]
        self.keep(address, KeptPage(status, headers, content, time.monotonic() + self.seconds))
        return [content]

    def keep(self, address: tuple[str, ...], page: KeptPage) -> None:
        with self.lock:
            self.pages.pop(address, None)
            while len(self.pages) >= MAX_PAGES:
                del self.pages[next(iter(self.pages))]
            self.pages[address] = page


def is_anonymous(environ: "WSGIEnvironment") -> bool:
    return (
        environ["REQUEST_METHOD"] == "GET"
        and not environ.get("HTTP_COOKIE")
        and not environ.get("HTTP_AUTHORIZATION")
    )


def page_address(environ: "WSGIEnvironment") -> tuple[str, ...]:
    return (
        environ["wsgi.url_scheme"],
        environ.get("HTTP_HOST", ""),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )


def is_shareable(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200 "):
        return False
    values: dict[str, set[str]] = {"set-cookie": set(), "vary": set(), "cache-control": set()}
    for name, value in headers:
        if (found := values.get(name.lower())) is not None:
            found.update(part.strip().lower() for part in value.split(","))
    return (
        not values["set-cookie"]
        and values["vary"] <= {"cookie"}
        and not values["cache-control"] & {"private", "no-store", "no-cache"}
    )
