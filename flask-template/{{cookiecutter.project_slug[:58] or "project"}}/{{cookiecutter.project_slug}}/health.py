"""Liveness and readiness probes for load balancers and orchestrators.

``/healthz`` answers as long as the process serves requests and touches nothing
else. ``/readyz`` runs every check in ``READINESS_CHECKS`` and answers 503,
naming the failed checks, when one fails: add a check for each service the app
needs (a message broker, a cache) as one more entry.
"""

import logging
from collections.abc import Callable

from flask import Blueprint
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from .extensions import db
{%- if cookiecutter.use_celery %}
from .jobs import check_broker
{%- endif %}

logger = logging.getLogger(__name__)
blueprint = Blueprint("health", __name__)


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


@blueprint.get("/healthz")
def healthz() -> ResponseReturnValue:
    return {"status": "ok"}


@blueprint.get("/readyz")
def readyz() -> ResponseReturnValue:
    checks = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception as error:
            logger.exception("Readiness check %r failed", name)
            checks[name] = f"error: {type(error).__name__}"
        else:
            checks[name] = "ok"
    if all(result == "ok" for result in checks.values()):
        return {"status": "ok", "checks": checks}
    return {"status": "unavailable", "checks": checks}, 503
