"""Every pair of answers is installed, migrated, checked, and served under gunicorn over real HTTP.

The commands come from the template's ``__commands`` table: the same ones the generated
project's CI pipeline and container files run. The project's own tests, lint and type
checks run as its README shows them, in test_readme_commands.py.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from booting import STARTUP_SECONDS, UNREACHABLE_REDIS, Project, Server, http_get, start_server, uses_celery
from deployment import read_dotenv
from variants import Variant, context

pytestmark = pytest.mark.boot

# What a user or a load balancer asks a fresh deployment for.
SERVED_PATHS = {
    "flask": ["/healthz", "/readyz", "/"],
    "django": ["/healthz", "/readyz", "/", "/{DJANGO_ADMIN_URL}login/"],
}


def has_deploy_checks(variant: Variant, config: pytest.Config) -> bool:
    return bool(context(variant.template)["__commands"]["deploy_checks"])


def has_compose(variant: Variant, config: pytest.Config) -> bool:
    return bool(variant.answer("use_docker"))


# Tests that apply to some variants only; every other test runs for every variant.
ONLY_FOR = {
    "test_serves_the_home_page_over_plain_http_with_the_compose_environment": has_compose,
    "test_deploy_checks_pass": has_deploy_checks,
    "test_worker_round_trips_the_example_task_and_stops_cleanly": uses_celery,
    "test_readyz_answers_503_naming_the_broker_while_it_is_unreachable": uses_celery,
}


def test_release_steps_build_and_migrate(release_failures: list[str]) -> None:
    assert not release_failures, "\n".join(release_failures)


def test_deploy_checks_pass(project: Project) -> None:
    failures = project.run_steps("deploy_checks", env=project.production_env)
    assert not failures, "\n".join(failures)


def test_serves_every_page_with_200(project: Project, server: Server) -> None:
    answers = {}
    for path in SERVED_PATHS[project.variant.template]:
        url_path = path.format_map(project.production_env)
        answers[url_path] = server.get(url_path)
    wrong = {path: f"{status}: {body[:300]}" for path, (status, body) in answers.items() if status != 200}
    assert not wrong, f"pages that did not answer 200: {wrong}\n{server.output()}"


def test_serves_every_file_the_home_page_links(project: Project, server: Server) -> None:
    _, page = server.get("/")
    linked = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="(/[^"]+)"', page)
    assert linked, f"the home page links no stylesheet or icon:\n{page}"
    answers = {path: server.get(path)[0] for path in linked}
    failed = {path: status for path, status in answers.items() if status != 200}
    assert not failed, f"files the home page links that did not answer 200: {failed}"


def compose_environment(project: Project) -> dict[str, str]:
    """The web service's environment in compose.yaml, its ``${...}`` filled from .env as compose does."""
    web = yaml.safe_load((project.path / "compose.yaml").read_text())["services"]["web"]
    dotenv = read_dotenv(project.path / ".env")

    def fill(match: re.Match[str]) -> str:
        name, operator, default = match.groups()
        return dotenv.get(name) or (default if operator == ":-" else "")

    return {
        name: re.sub(r"\$\{(\w+)(:[-?])?([^}]*)\}", fill, str(value))
        for name, value in web["environment"].items()
    }


@pytest.mark.usefixtures("released")
def test_serves_the_home_page_over_plain_http_with_the_compose_environment(
    project: Project, tmp_path: Path
) -> None:
    # The addresses of compose's own database and Redis containers; this machine's servers stand in.
    environment = {
        name: value for name, value in compose_environment(project).items() if name not in project.services
    }
    server = start_server(project, tmp_path / "gunicorn.log", **environment)
    try:
        status, body = http_get(server.base_url + "/", "localhost", via_https_proxy=False)
    finally:
        server.stop()
    assert status == 200, f"http://localhost:8000/ under compose answered {status}: {body[:300]}"


@pytest.mark.usefixtures("released")
def test_stops_cleanly_on_sigterm(project: Project, tmp_path: Path) -> None:
    server = start_server(project, tmp_path / "gunicorn.log")
    exit_code = server.stop()
    assert exit_code == 0, f"gunicorn exited with {exit_code} on SIGTERM:\n{server.output()}"


@pytest.mark.usefixtures("released")
def test_readyz_answers_503_naming_the_broker_while_it_is_unreachable(
    project: Project, tmp_path: Path
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


@pytest.mark.usefixtures("released")
def test_worker_round_trips_the_example_task_and_stops_cleanly(project: Project, tmp_path: Path) -> None:
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            project.argv(project.context["__commands"]["worker"]),
            cwd=project.path, env=project.production_env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_ready(worker, log)
        worker_check = project.argv(project.context["__commands"]["worker_check"])
        check = project.run(worker_check, project.production_env, timeout=120)
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
