"""What /readyz asks before saying the site can serve requests.

Each check is a function that returns when its service answers and raises when
it does not. Checking one more service (a message broker, a cache) is one more
entry in CHECKS.
"""

import logging
from collections.abc import Callable

{% if cookiecutter.use_celery -%}
import redis
from django.conf import settings
{% endif -%}
from django.db import connections

logger = logging.getLogger(__name__)


def database() -> None:
    """Every configured database answers a query."""
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
{%- if cookiecutter.use_celery %}


def broker() -> None:
    """The Redis that carries Celery's tasks answers a ping within two seconds."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2)
    with client:
        client.ping()
{%- endif %}


CHECKS: dict[str, Callable[[], None]] = {
    "database": database,
    {%- if cookiecutter.use_celery %}
    "broker": broker,
    {%- endif %}
}


def run_checks() -> dict[str, str]:
    """Each check's name and result: "ok", or "error: <kind>" with the error logged."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:
            logger.exception("Readiness check %r failed", name)
            results[name] = f"error: {type(error).__name__}"
        else:
            results[name] = "ok"
    return results
