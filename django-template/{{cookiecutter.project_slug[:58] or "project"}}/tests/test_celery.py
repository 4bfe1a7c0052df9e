"""The Celery app, its tasks, check_worker and the broker's readiness check."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from celery.exceptions import TimeoutError as ResultTimeoutError
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from config.celery import app
from health.management.commands import check_worker
from health.tasks import ping
from users.tasks import clear_expired_sessions

# Nothing listens on port 1: connections to it are refused at once.
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"


def run_in_project(argv: list[str], **environment: str) -> subprocess.CompletedProcess[str]:
    """Run a command of the project with the test settings, the given variables and no other REDIS_URL."""
    clean = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    clean.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, *argv],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.test", **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_broker_and_the_result_store_are_the_redis_of_redis_url() -> None:
    result = run_in_project(
        [
            "-c",
            "from config.celery import app; print(app.conf.broker_url); print(app.conf.result_backend)",
        ],
        REDIS_URL="redis://redis.example.com:6379/3",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["redis://redis.example.com:6379/3"] * 2


def test_the_worker_finds_the_tasks_of_every_app() -> None:
    app.loader.import_default_modules()

    assert {"health.tasks.ping", "users.tasks.clear_expired_sessions"} <= set(app.tasks)


def test_beat_sends_only_tasks_the_worker_knows() -> None:
    app.loader.import_default_modules()

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_ping_answers_pong() -> None:
    assert ping() == "pong"


@pytest.mark.django_db
def test_clear_expired_sessions_deletes_only_the_expired_ones() -> None:
    now = timezone.now()
    Session.objects.create(session_key="expired", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="current", session_data="", expire_date=now + timedelta(days=1))

    clear_expired_sessions()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["current"]


def test_check_worker_prints_the_answer_and_the_round_trip_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Runs the ping in this process instead of a worker: the broker is still asked first.
    monkeypatch.setitem(app.conf, "task_always_eager", True)

    call_command("check_worker")

    assert capsys.readouterr().out.startswith("A worker answered 'pong' in ")


def test_check_worker_fails_when_no_worker_answers_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    class Unanswered:
        """A ping sent to a broker no worker reads from."""

        def apply_async(self, **options: object) -> "Unanswered":
            return self

        def get(self, timeout: float) -> str:
            raise ResultTimeoutError

    monkeypatch.setattr(check_worker, "ping", Unanswered())

    with pytest.raises(CommandError, match=r"^No worker answered within 0\.5 s \(broker: redis://"):
        call_command("check_worker", "--timeout", "0.5")


def test_check_worker_fails_at_once_with_one_line_when_the_broker_is_unreachable() -> None:
    result = run_in_project(["manage.py", "check_worker"], REDIS_URL=UNREACHABLE_REDIS_URL)

    assert result.returncode == 1
    assert result.stderr.startswith(f"CommandError: Cannot reach the broker at {UNREACHABLE_REDIS_URL}: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_broker_answers(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL=UNREACHABLE_REDIS_URL)
def test_readyz_answers_503_naming_the_broker_when_it_does_not_answer(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["broker"] == "error: ConnectionError"
