"""Liveness and readiness probes for load balancers and orchestrators.

``/healthz`` answers as long as the process serves requests, ahead of the rest of
the app, and touches nothing else. ``/readyz`` runs every check in
``READINESS_CHECKS`` and answers 503, naming the failed checks, when one fails: add
a check for each service the app needs (a message broker, a cache) as one more entry.

Each check runs in a thread of its own and has ``READINESS_TIMEOUT`` seconds to
answer, so that a service that hangs (its sockets open, nothing answering) makes
the probe fail in time rather than hang with it. A check still running past its
time is not started again: probes report it as timed out at once until it ends.
"""

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from threading import Lock
from typing import TYPE_CHECKING, cast

from flask import Blueprint, Flask, current_app
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from .extensions import db
{%- if cookiecutter.use_celery %}
from .jobs import check_broker
{%- endif %}

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)
blueprint = Blueprint("health", __name__)

# Seconds each check has to answer.
READINESS_TIMEOUT = 2.0


def check_database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    {%- if cookiecutter.use_celery %}
    "broker": check_broker,
    {%- endif %}
}


@dataclass(frozen=True)
class Run:
    """One run of a check, shared by the probes that arrive while it runs."""

    future: Future[None]
    deadline: float


# Each check runs once at a time, so a few threads serve every probe.
checks_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="readiness")
runs: dict[str, Run] = {}
runs_lock = Lock()


def run_check(app: Flask, check: Callable[[], None]) -> None:
    with app.app_context():
        check()


def start_checks() -> dict[str, Run]:
    """A run of every check: the one under way, else a new one."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with runs_lock:
        for name, check in READINESS_CHECKS.items():
            run = runs.get(name)
            if run is None or run.future.done():
                deadline = time.monotonic() + READINESS_TIMEOUT
                runs[name] = Run(checks_pool.submit(run_check, app, check), deadline)
        return {name: runs[name] for name in READINESS_CHECKS}


def outcome(name: str, run: Run) -> str:
    """The check's result for the probe; a failure is logged in one line."""
    if not run.future.done():
        logger.warning("Readiness check %r failed: timeout after %g s", name, READINESS_TIMEOUT)
        return "error: timeout"
    error = run.future.exception()
    if error is None:
        return "ok"
    # The first line only: a database error goes on with the SQL and a link.
    message = str(error).strip().partition("\n")[0]
    logger.warning("Readiness check %r failed: %s: %s", name, type(error).__name__, message)
    return f"error: {type(error).__name__}"


# LivenessProbe answers GET and HEAD; this route answers the other methods, as any route does.
@blueprint.get("/healthz")
def healthz() -> ResponseReturnValue:
    return {"status": "ok"}


class LivenessProbe:
    """WSGI middleware answering ``GET /healthz`` before the rest of the app sees the request.

    A probe needs nothing of the proxy fix, the visitor cache or Flask's request handling
    (sessions, extensions, teardown), and load balancers send one every few seconds. Only the
    security headers, added outside it, still go on its answer.
    """

    BODY = b'{"status":"ok"}\n'
    HEADERS = (("Content-Type", "application/json"), ("Content-Length", str(len(BODY))))

    def __init__(self, app: "WSGIApplication") -> None:
        self.app = app

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if environ.get("PATH_INFO") != "/healthz" or method not in {"GET", "HEAD"}:
            return self.app(environ, start_response)
        start_response("200 OK", list(self.HEADERS))
        return [] if method == "HEAD" else [self.BODY]


@blueprint.record_once
def answer_liveness_first(state: BlueprintSetupState) -> None:
    """Put LivenessProbe around the app as set up so far: ahead of the proxy fix and the cache."""
    app = cast(Flask, state.app)
    app.wsgi_app = LivenessProbe(app.wsgi_app)  # type: ignore[method-assign]


@blueprint.get("/readyz")
def readyz() -> ResponseReturnValue:
    started = start_checks()
    now = time.monotonic()
    # Runs already past their deadline are not waited for: they count as timed out.
    running = [run for run in started.values() if run.deadline > now]
    if running:
        wait([run.future for run in running], timeout=max(run.deadline for run in running) - now)
    checks = {name: outcome(name, run) for name, run in started.items()}
    if all(result == "ok" for result in checks.values()):
        return {"status": "ok", "checks": checks}
    return {"status": "unavailable", "checks": checks}, 503
