"""Background jobs with Celery, using Redis as broker and result store.

``create_app`` calls ``init_celery``, which sets Celery up for the app the way
Flask's guide "Background Tasks with Celery" does: the Celery settings come from
the app's configuration (``CELERY``, with ``REDIS_URL`` as broker and result
backend), and every task runs inside the app context. ``blueprint``, registered
by blueprints.yaml, adds the ``flask jobs`` commands.
"""

import time
from functools import cache
from typing import Any

import click
import redis
from celery import Celery, Task
from celery.exceptions import TimeoutError as ResultTimeoutError
from flask import Blueprint, Flask, current_app
from kombu.utils.url import maybe_sanitize_url

from .tasks import report_status

# Seconds a broker check waits for Redis to connect, and then to answer.
BROKER_TIMEOUT = 1

blueprint = Blueprint("jobs", __name__, cli_group="jobs")


def init_celery(app: Flask) -> None:
    """Give the app a Celery app of its own, as ``app.extensions["celery"]``."""

    class FlaskTask(Task[Any, Any]):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.name, task_cls=FlaskTask)
    redis_url = app.config["REDIS_URL"]
    celery.config_from_object(
        {"broker_url": redis_url, "result_backend": redis_url, **app.config["CELERY"]}
    )
    celery.set_default()
    app.extensions["celery"] = celery


@cache
def broker_client(url: str) -> redis.Redis:
    """The process's one client of the broker at ``url``, and so one pool of connections."""
    return redis.Redis.from_url(
        url, socket_connect_timeout=BROKER_TIMEOUT, socket_timeout=BROKER_TIMEOUT
    )


def check_broker() -> None:
    """Readiness check: Redis answers a ping within ``BROKER_TIMEOUT`` seconds."""
    broker_client(current_app.config["REDIS_URL"]).ping()


@blueprint.cli.command("check")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds to wait for a worker's answer.",
)
def check(timeout: float) -> None:
    """Send a task to the workers and wait for the answer."""
    broker = maybe_sanitize_url(current_app.config["REDIS_URL"])
    try:
        check_broker()
    except redis.RedisError as error:
        raise click.ClickException(f"the broker at {broker} is unreachable: {error}") from error
    started = time.monotonic()
    # A task no worker took in time is dropped rather than run later.
    result = report_status.apply_async(expires=timeout)
    try:
        answer = result.get(timeout=timeout)
    except ResultTimeoutError:
        raise click.ClickException(
            f"no worker answered within {timeout:g} s: is one running with the broker at {broker}?"
        ) from None
    except Exception as error:
        raise click.ClickException(
            f"the worker failed the check: {type(error).__name__}: {error}"
        ) from error
    finally:
        result.forget()
    elapsed = time.monotonic() - started
    details = ", ".join(f"{key} {value}" for key, value in answer.items())
    click.echo(f"A worker answered in {elapsed * 1000:.0f} ms: {details}")
