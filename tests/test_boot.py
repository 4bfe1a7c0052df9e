"""Every pair of answers is installed, checked, and served under gunicorn over real HTTP.

The commands come from the template's ``_commands`` table: the same ones the
generated project's CI pipeline runs.
"""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from conftest import read_dotenv, with_database
from variants import Variant, available_templates, context, pairwise

pytestmark = pytest.mark.boot

BOOT_SET = [variant for name in available_templates() for variant in pairwise(name)]
# Each Celery variant gets a Redis database of its own, so no worker takes another variant's tasks.
REDIS_DATABASES = {
    variant: number
    for number, variant in enumerate((v for v in BOOT_SET if v.extra_context.get("use_celery")), start=1)
}
assert len(REDIS_DATABASES) < 16, "more Celery variants than Redis has databases"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
# What a user or a load balancer asks a fresh deployment for.
SERVED_PATHS = {
    "flask": ["/healthz", "/readyz", "/"],
    "django": ["/healthz", "/readyz", "/", "/{DJANGO_ADMIN_URL}login/"],
}
# Variables of the machine running these tests kept from a project's processes, besides every
# variable the project documents; without bytecode, each process would compile every import again.
LEAKY_VARIABLES = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}
STARTUP_SECONDS = 60


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One module-scoped instance per variant, all of a variant's tests on one xdist worker."""
    if "variant" not in metafunc.fixturenames:
        return
    applies = ONLY_FOR.get(metafunc.function.__name__, lambda variant: True)
    variants = [variant for variant in BOOT_SET if applies(variant)]
    metafunc.parametrize(
        "variant",
        [pytest.param(v, id=v.id, marks=pytest.mark.xdist_group(v.id)) for v in variants],
        scope="module",
    )


def has_deploy_checks(variant: Variant) -> bool:
    return bool(context(variant.template)["_commands"]["deploy_checks"])


def uses_celery(variant: Variant) -> bool:
    return variant in REDIS_DATABASES


# Tests that apply to some variants only; every other test runs for every variant.
ONLY_FOR = {
    "test_deploy_checks_pass": has_deploy_checks,
    "test_worker_round_trips_the_example_task_and_stops_cleanly": uses_celery,
    "test_readyz_answers_503_naming_the_broker_while_it_is_unreachable": uses_celery,
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Project:
    """A generated project with its own virtual environment, and the environments it runs in."""

    variant: Variant
    path: Path
    context: dict
    development_env: dict[str, str]
    production_env: dict[str, str]

    def argv(self, command: str) -> list[str]:
        return shlex.split(command.format_map(self.context))

    def run(self, command: str, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.argv(command), cwd=self.path, env=env, capture_output=True, text=True, timeout=timeout
        )

    def run_all(self, step: str, env: dict[str, str]) -> list[str]:
        """Run a step's commands in order; return a report of each failure."""
        failures = []
        for command in self.context["_commands"][step]:
            result = self.run(command, env)
            if result.returncode != 0:
                failures.append(f"$ {command}\n(exit {result.returncode})\n{result.stdout}\n{result.stderr}")
        return failures


@pytest.fixture(scope="module")
def project(variant: Variant, render, python_for, request) -> Iterator[Project]:
    rendered = render(variant)
    python = python_for(rendered.context["python_version"])
    # Every variable the project documents, with its documented production value.
    documented = read_dotenv(rendered / ".env.example")
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in LEAKY_VARIABLES and key not in documented and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    base_env.update(UV_PYTHON=str(python), UV_PYTHON_DOWNLOADS="never", UV_NO_PROGRESS="1")
    postgresql = rendered.context["database"] == "postgresql"
    services = {
        "DATABASE_URL": request.getfixturevalue("fresh_postgres_database")()
        if postgresql
        else f"sqlite:///{rendered.path / 'production.sqlite3'}"
    }
    if uses_celery(variant):
        redis_url = request.getfixturevalue("redis_url")
        services["REDIS_URL"] = with_database(redis_url, str(REDIS_DATABASES[variant]))
    # The project's own tests keep to their defaults (in-memory SQLite), but need the servers' addresses.
    development_env = {
        **base_env,
        **{key: url for key, url in services.items() if not url.startswith("sqlite")},
    }
    secret_key_variable = rendered.context["_secret_key_env"].format_map(rendered.context)
    production_env = {
        **base_env,
        **{name: value for name, value in documented.items() if value},
        **{
            name.format_map(rendered.context): value.format_map(rendered.context)
            for name, value in rendered.context["_production_env"].items()
        },
        **services,
        # A tracked file never holds a real secret: the deployment makes its own.
        secret_key_variable: secrets.token_urlsafe(48),
    }
    project = Project(variant, rendered.path, rendered.context, development_env, production_env)
    failures = project.run_all("install", base_env)
    assert not failures, "installing failed:\n" + "\n".join(failures)
    yield project
    if "REDIS_URL" in services:
        redis.Redis.from_url(services["REDIS_URL"]).flushdb()


@pytest.fixture(scope="module")
def migrations(project: Project) -> list[str]:
    """Build what the release needs (static files) and apply the migrations, as a deployment would."""
    env = project.production_env
    return project.run_all("build", env) + project.run_all("migrate", env)


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    host: str
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base_url + path, headers={"Host": self.host, "X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def public_host(env: dict[str, str]) -> str:
    """The host name a proxy forwards: the first allowed host the project documents, else 127.0.0.1."""
    allowed = next((value for key, value in env.items() if key.endswith("ALLOWED_HOSTS")), "")
    return allowed.split(",")[0].strip().lstrip(".") or "127.0.0.1"


def start_server(project: Project, log: Path, **overrides: str) -> Server:
    port = free_port()
    env = {**project.production_env, **overrides, "HOST": "127.0.0.1", "PORT": str(port)}
    argv = [*project.argv(project.context["_commands"]["serve"]), "--no-control-socket"]
    with log.open("w") as output:
        process = subprocess.Popen(argv, cwd=project.path, env=env, stdout=output, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", public_host(env), log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode} while starting:\n{server.output()}")
        try:
            if server.get("/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    pytest.fail(f"gunicorn did not answer /healthz within {STARTUP_SECONDS}s:\n{server.output()}")


@pytest.fixture(scope="module")
def server(project: Project, migrations: list[str], tmp_path_factory) -> Iterator[Server]:
    assert not migrations, "cannot serve: migrations failed"
    server = start_server(project, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    yield server
    server.stop()


def test_migrations_apply(migrations: list[str]) -> None:
    assert not migrations, "\n".join(migrations)


def test_own_test_suite_passes(project: Project) -> None:
    failures = project.run_all("test", project.development_env)
    assert not failures, "\n".join(failures)


def test_lint_and_type_checks_pass(project: Project) -> None:
    failures = project.run_all("lint", project.development_env)
    assert not failures, "\n".join(failures)


def test_deploy_checks_pass(project: Project) -> None:
    failures = project.run_all("deploy_checks", project.production_env)
    assert not failures, "\n".join(failures)


def test_serves_every_page_with_200(project: Project, server: Server) -> None:
    answers = {}
    for path in SERVED_PATHS[project.variant.template]:
        url_path = path.format_map(project.production_env)
        answers[url_path] = server.get(url_path)
    wrong = {path: f"{status}: {body[:300]}" for path, (status, body) in answers.items() if status != 200}
    assert not wrong, f"pages that did not answer 200: {wrong}\n{server.output()}"


def test_stops_cleanly_on_sigterm(project: Project, migrations: list[str], tmp_path: Path) -> None:
    server = start_server(project, tmp_path / "gunicorn.log")
    exit_code = server.stop()
    assert exit_code == 0, f"gunicorn exited with {exit_code} on SIGTERM:\n{server.output()}"


def test_readyz_answers_503_naming_the_broker_while_it_is_unreachable(
    project: Project, migrations: list[str], tmp_path: Path
) -> None:
    server = start_server(project, tmp_path / "gunicorn.log", REDIS_URL=UNREACHABLE_REDIS)
    try:
        status, body = server.get("/readyz")
        health, _ = server.get("/healthz")
    finally:
        server.stop()
    assert status == 503 and "broker" in body, f"/readyz with no broker answered {status}: {body}"
    assert health == 200, "/healthz must not depend on the broker"


def wait_until_ready(worker: subprocess.Popen, log: Path) -> None:
    """Wait for the line a Celery worker logs once it consumes tasks."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while " ready." not in log.read_text(errors="replace"):
        if worker.poll() is not None:
            pytest.fail(
                f"the worker exited with {worker.returncode} while starting:\n{log.read_text()[-4000:]}"
            )
        if time.monotonic() > deadline:
            pytest.fail(f"the worker was not ready within {STARTUP_SECONDS}s:\n{log.read_text()[-4000:]}")
        time.sleep(0.2)


def test_worker_round_trips_the_example_task_and_stops_cleanly(
    project: Project, migrations: list[str], tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            project.argv(project.context["_commands"]["worker"]),
            cwd=project.path, env=project.production_env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_ready(worker, log)
        check = project.run(project.context["_commands"]["worker_check"], project.production_env, timeout=120)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            exit_code = worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            exit_code = worker.wait()
    worker_log = log.read_text(errors="replace")[-4000:]
    assert check.returncode == 0, f"the task did not come back:\n{check.stdout}{check.stderr}\n{worker_log}"
    assert exit_code == 0, f"the worker exited with {exit_code} on SIGTERM:\n{worker_log}"
