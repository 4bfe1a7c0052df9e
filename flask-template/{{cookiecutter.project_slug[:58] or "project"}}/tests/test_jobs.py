"""Background jobs: the Celery app made from the Flask app, its tasks and `flask jobs check`."""

import importlib
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from celery import Celery
from celery.app.utils import find_app
from flask import Flask
from sqlalchemy.engine import make_url

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import CONFIG_VARIABLE, ENV_PREFIX, TestingConfig
from {{ cookiecutter.project_slug }}.tasks import report_status

# The module `celery -A <package>.celery_app worker` loads.
CELERY_MODULE = "{{ cookiecutter.project_slug }}.celery_app"
# Nothing listens on port 1.
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"
# A queue no worker reads, not even one left running on the tests' Redis.
UNREAD_QUEUE = "tests-no-worker"


def test_celery_uses_redis_url_as_broker_and_result_backend(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://redis.example.com:6379/3")
    celery = create_app("testing").extensions["celery"]
    assert celery.conf.broker_url == "redis://redis.example.com:6379/3"
    assert celery.conf.result_backend == "redis://redis.example.com:6379/3"


def test_celery_settings_come_from_the_config() -> None:
    class Custom(TestingConfig):
        CELERY: ClassVar[dict[str, Any]] = {**TestingConfig.CELERY, "worker_concurrency": 3}

    assert create_app(Custom).extensions["celery"].conf.worker_concurrency == 3


def test_tasks_run_inside_the_app_context(app: Flask) -> None:
    # No app context is pushed here: the task pushes one of the app that set Celery up.
    assert report_status.apply().get() == {
        "host": socket.gethostname(),
        "site_name": app.config["SITE_NAME"],
        "database": make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name(),
    }


def test_worker_finds_the_celery_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CONFIG_VARIABLE, "testing")
    monkeypatch.chdir(tmp_path)  # away from the checkout's .env
    monkeypatch.delitem(sys.modules, CELERY_MODULE, raising=False)
    # How the worker finds the app.
    celery = find_app(CELERY_MODULE)
    assert isinstance(celery, Celery)
    assert report_status.name in celery.tasks


def test_worker_and_celery_need_no_blueprint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, disable_blueprints: Callable[..., None]
) -> None:
    disable_blueprints()
    monkeypatch.setenv(CONFIG_VARIABLE, "testing")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, CELERY_MODULE, raising=False)
    celery = find_app(CELERY_MODULE)
    assert isinstance(celery, Celery)
    assert report_status.name in celery.tasks
    app = create_app("testing")
    assert "jobs" not in app.blueprints
    assert isinstance(app.extensions["celery"], Celery)


def test_worker_reads_dotenv_as_the_flask_command_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site_name_variable = f"{ENV_PREFIX}_SITE_NAME"
    # Set, then removed: the variable .env sets is removed again after the test.
    monkeypatch.setenv(site_name_variable, "unused")
    monkeypatch.delenv(site_name_variable)
    monkeypatch.setenv(CONFIG_VARIABLE, "testing")
    dotenv = f"{site_name_variable}=Read from .env\n{CONFIG_VARIABLE}=production\n"
    (tmp_path / ".env").write_text(dotenv)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, CELERY_MODULE, raising=False)
    worker_app = importlib.import_module(CELERY_MODULE).flask_app
    assert worker_app.config["SITE_NAME"] == "Read from .env", "the worker did not read .env"
    assert worker_app.config["TESTING"], "a variable already set must win over .env"


def test_check_fails_in_one_line_when_the_broker_is_unreachable(app: Flask) -> None:
    app.config["REDIS_URL"] = UNREACHABLE_REDIS_URL
    result = app.test_cli_runner().invoke(args=["jobs", "check", "--timeout", "5"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the broker at redis://127.0.0.1:1/0 is unreachable: ")
    assert result.output.count("\n") == 1


def test_check_fails_in_one_line_when_no_worker_answers(app: Flask) -> None:
    celery = app.extensions["celery"]
    celery.conf.task_default_queue = UNREAD_QUEUE
    try:
        result = app.test_cli_runner().invoke(args=["jobs", "check", "--timeout", "0.5"])
    finally:
        # Take the queue, and the message no worker read, out of the tests' Redis.
        with celery.connection_for_write() as connection:
            queue = celery.amqp.queues[UNREAD_QUEUE](connection.default_channel)
            queue.declare()
            queue.delete()
    assert result.exit_code == 1
    assert result.output.startswith("Error: no worker answered within 0.5 s: ")
    assert result.output.count("\n") == 1
