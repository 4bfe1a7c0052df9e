"""What /readyz asks before saying the site can serve requests.

Each check is a function that returns when its service answers and raises when
it does not. Checking one more service (a message broker, a cache) is one more
entry in CHECKS.

A service can hang rather than fail: a frozen database takes a connection or a
query and never answers. So each check runs in a thread of a small pool, and has
READINESS_TIMEOUT seconds to answer. A check still running from an earlier probe
is not started again, but reported as timed out at once: however long a service
hangs, it holds one thread of the pool.
"""

{% if cookiecutter.use_celery -%}
import functools
{% endif -%}
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait

{% if cookiecutter.use_celery -%}
import redis
from django.conf import settings
{% endif -%}
from django.db import connections
{%- if cookiecutter.use_celery %}
from redis.backoff import NoBackoff
from redis.retry import Retry
{%- endif %}

logger = logging.getLogger(__name__)

# Seconds each check has to answer.
READINESS_TIMEOUT = 2.0


def database() -> None:
    """Every configured database takes a new connection and answers a query."""
    for alias in connections:
        # A connection of the probe's own, closed when it is done: Django closes a connection
        # when the request that used it ends, and this thread serves no requests.
        connection = connections.create_connection(alias)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            connection.close()
{%- if cookiecutter.use_celery %}


@functools.cache
def redis_client(url: str) -> redis.Redis:
    """One client, and so one pool of connections, for every probe of this process."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=1,
        socket_timeout=1,
        # A failed ping is not tried again: the next probe is the retry.
        retry=Retry(NoBackoff(), 0),
    )


def broker() -> None:
    """The Redis that carries Celery's tasks answers a ping."""
    redis_client(settings.CELERY_BROKER_URL).ping()
{%- endif %}


CHECKS: dict[str, Callable[[], None]] = {
    "database": database,
    {%- if cookiecutter.use_celery %}
    "broker": broker,
    {%- endif %}
}

# A check never runs twice at once, so one thread per check is all the pool ever needs.
pool = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="readiness")
# Each check's latest run, and when its time is up.
latest_runs: dict[str, tuple[Future[None], float]] = {}
latest_runs_lock = threading.Lock()


def start(name: str, check: Callable[[], None]) -> tuple[Future[None], float]:
    """The check's run still under way, or else a new one, and when its time is up."""
    with latest_runs_lock:
        run = latest_runs.get(name)
        if run is None or run[0].done():
            run = (pool.submit(check), time.monotonic() + READINESS_TIMEOUT)
            latest_runs[name] = run
        return run


def outcome(name: str, run: Future[None]) -> str:
    """What to report of a run: "ok", or "error: <kind>" with one line logged."""
    if not run.done():
        logger.warning("Readiness check %r failed: no answer within %g s", name, READINESS_TIMEOUT)
        return "error: timeout"
    error = run.exception()
    if error is not None:
        message = " ".join(str(error).split())
        logger.warning("Readiness check %r failed: %s: %s", name, type(error).__name__, message)
        return f"error: {type(error).__name__}"
    return "ok"


def run_checks() -> dict[str, str]:
    """Each check's result, all of them within READINESS_TIMEOUT."""
    runs = {name: start(name, check) for name, check in CHECKS.items()}
    results = {}
    for name, (run, time_up) in runs.items():
        wait([run], timeout=max(time_up - time.monotonic(), 0))
        results[name] = outcome(name, run)
    return results
