"""Background tasks of the users app, run by the Celery worker."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Delete the sessions that have expired, which Django never does by itself.

    Celery beat sends this task once a day (CELERY_BEAT_SCHEDULE in the settings).
    """
    call_command("clearsessions")
