"""`manage.py check_worker`: does a Celery worker take tasks and answer in time?"""

import time
from argparse import ArgumentParser
from typing import Any

from celery.exceptions import TimeoutError as ResultTimeoutError
from django.core.management.base import BaseCommand, CommandError
from kombu.exceptions import OperationalError
from kombu.utils.url import maybe_sanitize_url

from config.celery import app
from health.tasks import ping


class Command(BaseCommand):
    help = "Send a ping task through the broker and wait for a worker's answer; fail if none comes in time."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--timeout", type=float, default=30, help="Seconds to wait for an answer (default: 30)."
        )

    def handle(self, *args: Any, timeout: float, **options: Any) -> None:
        # The broker's address without its password, to say which broker was asked.
        broker = maybe_sanitize_url(app.conf.broker_url)
        started = time.monotonic()
        try:
            # Fails at once when the broker is down, instead of after Celery's own retries.
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=0)
            # A ping no worker takes in time expires rather than waiting in the queue for one.
            result = ping.apply_async(expires=timeout)
            answer = result.get(timeout=timeout)
        except OperationalError as error:
            raise CommandError(f"Cannot reach the broker at {broker}: {error}") from error
        except ResultTimeoutError as error:
            raise CommandError(f"No worker answered within {timeout:g} s (broker: {broker}).") from error
        elapsed = time.monotonic() - started
        # The answer has been read: Redis need not keep it.
        result.forget()
        self.stdout.write(f"A worker answered {answer!r} in {elapsed:.3f} s (broker: {broker}).")
