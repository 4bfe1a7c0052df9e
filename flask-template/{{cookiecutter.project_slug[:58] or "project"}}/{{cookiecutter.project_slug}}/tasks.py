"""Background tasks, run by the Celery workers, each inside the app context.

Queue one with ``task.delay(...)``; a worker started with
``celery -A <package>.celery_app worker`` runs it. Tasks keep no result unless
they ask for one (``ignore_result=False``).
"""

import socket

from celery import shared_task
from flask import current_app
from sqlalchemy import text

from .extensions import db


@shared_task(ignore_result=False)
def report_status() -> dict[str, str]:
    """Report what the worker that runs it sees: its host, the app's settings and the database.

    ``flask jobs check`` sends it to prove that a worker takes tasks from the
    broker, runs them with the app's configuration and can reach the database.
    """
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()
    return {
        "host": socket.gethostname(),
        "site_name": current_app.config["SITE_NAME"],
        "database": db.engine.url.get_backend_name(),
    }
