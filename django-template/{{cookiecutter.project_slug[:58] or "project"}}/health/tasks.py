"""The task check_worker sends to learn that a worker is taking tasks."""

from celery import shared_task


@shared_task
def ping() -> str:
    """Answers at once, touching nothing: a round trip through the broker is all it tests."""
    return "pong"
