"""What /readyz asks before saying the site can serve requests.

Each check is a function that returns when its service answers and raises when
it does not. Checking one more service (a message broker, a cache) is one more
entry in CHECKS.
"""

import logging
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger(__name__)


def database() -> None:
    """Every configured database answers a query."""
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")


CHECKS: dict[str, Callable[[], None]] = {
    "database": database,
}


def failing_checks() -> list[str]:
    """The names of the checks that raised, each logged with its error."""
    failing = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check %r failed", name)
            failing.append(name)
    return failing
