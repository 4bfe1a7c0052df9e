"""Installed, running projects for the boot tests: the variant set, environments, servers.

A pytest plugin (``pytest_plugins`` in conftest.py): its fixtures serve every test
module marked ``boot``, and its hook parametrizes those modules' ``variant``
argument with the boot set, or with the answers files given by ``--answers``.

The commands come from the template's ``__commands`` table, the ones the generated
project's CI pipeline runs. Project commands run with this repository's uv first on
PATH: the machine running the tests need not have one of its own.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import yaml
from deployment import production_environment, read_dotenv, release_steps
from support import INSTALL, typed, with_database
from variants import Variant, available_templates, pairwise, questions, structural_options, template_dir

# The uv this repository's environment installed: the one tool of the project commands
# that must come from here (everything else runs inside the project's own environment).
REPOSITORY_BIN = Path(sys.executable).parent
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
# Variables of the machine running these tests kept from a project's processes, besides every
# variable the project documents; without bytecode, each process would compile every import again.
LEAKY_VARIABLES = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "DATABASE_URL", "REDIS_URL"}
STARTUP_SECONDS = 60


# --- Which variants boot ------------------------------------------------------------------------


def answers_variant(path: Path, template_option: str | None) -> Variant:
    """The variant an answers file asks for (the ``default_context`` of a cookiecutter config file)."""
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config

    loaded = yaml.safe_load(path.read_text()) or {}
    answers = loaded.get("default_context") if isinstance(loaded, dict) else None
    if not isinstance(answers, dict):
        raise pytest.UsageError(f"{path}: expected a 'default_context:' table of answers")
    fitting = [name for name in available_templates() if set(answers) <= set(questions(name))]
    if template_option:
        fitting = [name for name in fitting if name == template_option]
    if len(fitting) != 1:
        unknown = set(answers) - {key for name in available_templates() for key in questions(name)}
        reason = (
            f"no template asks {sorted(unknown)}"
            if unknown
            else "its answers fit " + (" and ".join(fitting) if fitting else f"no {template_option} template")
        )
        raise pytest.UsageError(
            f"{path}: {reason}; name the template with --answers-template flask or --answers-template django"
        )
    template = fitting[0]
    # Cookiecutter's own reading of the answers, so that "yes" and true mean the same here as there.
    rendered = prompt_for_config(
        generate_context(
            context_file=str(template_dir(template) / "cookiecutter.json"), default_context=answers
        ),
        no_input=True,
    )
    chosen = {key: rendered[key] for key in answers}
    boot_keys = ["python_version", *structural_options(template)]
    chosen.update({key: rendered[key] for key in boot_keys if key not in chosen})
    return Variant(template, tuple(chosen.items()), label=f"{template}-{path.stem}")


BOOT_VARIANTS = pytest.StashKey[list[Variant]]()


def boot_variants(config: pytest.Config) -> list[Variant]:
    """The answers files' variants when ``--answers`` is given, else every template's pairwise set."""
    if BOOT_VARIANTS not in config.stash:
        files = config.getoption("answers") or []
        template = config.getoption("answers_template")
        config.stash[BOOT_VARIANTS] = (
            [answers_variant(Path(file), template) for file in files]
            if files
            else [variant for name in available_templates() for variant in pairwise(name)]
        )
    return config.stash[BOOT_VARIANTS]


def boot_variants_by_template(
    config: pytest.Config, fits: Callable[[Variant], bool], wanted: str
) -> list[list[Variant]]:
    """For each template of the boot set, its variants that ``fits``, in order.

    A template with none fails the run, unless ``--answers`` chose the variants: ``wanted`` says
    what was looked for.
    """
    found = []
    for template in dict.fromkeys(variant.template for variant in boot_variants(config)):
        candidates = [
            variant for variant in boot_variants(config) if variant.template == template and fits(variant)
        ]
        if candidates:
            found.append(candidates)
        elif not config.getoption("answers"):
            pytest.fail(f"the {template} boot set has no variant {wanted}", pytrace=False)
    return found


def redis_databases(config: pytest.Config) -> dict[Variant, int]:
    """A Redis database for each Celery variant, so that no worker takes another variant's tasks."""
    celery = [variant for variant in boot_variants(config) if variant.answer("use_celery")]
    assert len(celery) < 16, "more Celery variants than Redis has databases"
    return {variant: number for number, variant in enumerate(celery, start=1)}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``--answers``, only the answered projects are tested: their boot tests, nothing else."""
    if not config.getoption("answers"):
        return
    boot, other = [], []
    for item in items:
        of_a_variant = item.get_closest_marker("boot") is not None and "variant" in item.fixturenames
        (boot if of_a_variant else other).append(item)
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = boot


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One module-scoped instance per variant, all of a variant's tests on one xdist worker.

    A module may restrict a test to some variants in its ``ONLY_FOR`` table: test name ->
    predicate taking the variant and the run's configuration.
    """
    if "variant" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("boot") is None:
        return
    only_for = getattr(metafunc.module, "ONLY_FOR", {})
    applies = only_for.get(metafunc.function.__name__, lambda variant, config: True)
    variants = [variant for variant in boot_variants(metafunc.config) if applies(variant, metafunc.config)]
    metafunc.parametrize(
        "variant",
        [pytest.param(v, id=v.id, marks=pytest.mark.xdist_group(v.id)) for v in variants],
        scope="module",
    )


def uses_celery(variant: Variant, config: pytest.Config) -> bool:
    return variant in redis_databases(config)


# --- An installed project -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tools_folder(folder: Path, python: Path) -> Path:
    """A folder to put first on PATH: uv from this repository, and the variant's Python as python3.

    It stands for a developer's machine that has uv and the project's Python installed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    links = {"uv": REPOSITORY_BIN / "uv", "uvx": REPOSITORY_BIN / "uvx", "python3": python, "python": python}
    for name, target in links.items():
        (folder / name).symlink_to(target)
    return folder


@dataclass
class Project:
    """A generated project with its own virtual environment, and the environments it runs in."""

    variant: Variant
    path: Path
    context: dict
    base_env: dict[str, str]
    production_env: dict[str, str]
    services: dict[str, str]

    def argv(self, command: list[str]) -> list[str]:
        """A command of ``__commands`` as the project runs it: with uv, in its own environment."""
        return shlex.split(typed(command))

    def run(self, argv: list[str], env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
        return subprocess.run(argv, cwd=self.path, env=env, capture_output=True, text=True, timeout=timeout)

    def run_all(self, commands: list[list[str]], env: dict[str, str]) -> list[str]:
        """Run commands in order; return a report of each failure."""
        failures = []
        for argv in commands:
            result = self.run(argv, env)
            if result.returncode != 0:
                output = f"{result.stdout}\n{result.stderr}"
                failures.append(f"$ {shlex.join(argv)}\n(exit {result.returncode})\n{output}")
        return failures

    def run_steps(self, *steps: str, env: dict[str, str]) -> list[str]:
        """Run the commands of the named ``__commands`` steps in order; return a report of each failure."""
        commands = self.context["__commands"]
        return self.run_all([self.argv(command) for step in steps for command in commands[step]], env)


@pytest.fixture(scope="module")
def project(variant: Variant, render, python_for, request, tmp_path_factory) -> Iterator[Project]:
    rendered = render(variant)
    python = python_for(rendered.context["python_version"])
    # Every variable the project documents, with its documented production value.
    documented = read_dotenv(rendered / ".env.example")
    tools = tools_folder(tmp_path_factory.mktemp("tools"), python)
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in LEAKY_VARIABLES and key not in documented
    }
    base_env.update(
        PATH=os.pathsep.join([str(tools), base_env.get("PATH", os.defpath)]),
        UV_PYTHON=str(python),
        UV_PYTHON_DOWNLOADS="never",
        UV_NO_PROGRESS="1",
    )
    postgresql = rendered.context["database"] == "postgresql"
    services = {
        "DATABASE_URL": request.getfixturevalue("fresh_postgres_database")()
        if postgresql
        else f"sqlite:///{rendered.path / 'production.sqlite3'}"
    }
    databases = redis_databases(request.config)
    if variant in databases:
        redis_url = request.getfixturevalue("redis_url")
        services["REDIS_URL"] = with_database(redis_url, str(databases[variant]))
    production_env = production_environment(rendered.context, documented, base_env, services)
    project = Project(variant, rendered.path, rendered.context, base_env, production_env, services)
    failures = project.run_all([shlex.split(INSTALL)], base_env)
    assert not failures, "installing failed:\n" + "\n".join(failures)
    yield project
    if "REDIS_URL" in services:
        redis.Redis.from_url(services["REDIS_URL"]).flushdb()


# --- A running server ---------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    host: str
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        return http_get(self.base_url + path, self.host)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Report a redirect as the answer it is, instead of following it."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# The servers are the tests' own: some serve HTTPS with a certificate made for the test.
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE
NO_REDIRECTS = urllib.request.build_opener(KeepRedirects, urllib.request.HTTPSHandler(context=UNVERIFIED))


def http_get(url: str, host: str | None = None, *, via_https_proxy: bool = True) -> tuple[int, str]:
    """Status and body of a GET, by default as an HTTPS proxy in front of the app forwards it."""
    headers = {"X-Forwarded-Proto": "https"} if via_https_proxy else {}
    if host:
        headers["Host"] = host
    request = urllib.request.Request(url, headers=headers)
    try:
        with NO_REDIRECTS.open(request, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def public_host(env: dict[str, str]) -> str:
    """The host name a proxy forwards: the first allowed host the project documents, else 127.0.0.1."""
    allowed = next((value for key, value in env.items() if key.endswith("ALLOWED_HOSTS")), "")
    return allowed.split(",")[0].strip().lstrip(".") or "127.0.0.1"


def start_server(
    project: Project, log: Path, *, certificate: tuple[Path, Path] | None = None, **overrides: str
) -> Server:
    """The project served by gunicorn on a free port; over HTTPS with a (certificate, key) pair."""
    port = free_port()
    env = {**project.production_env, **overrides, "HOST": "127.0.0.1", "PORT": str(port)}
    argv = [*project.argv(project.context["__commands"]["serve"]), "--no-control-socket"]
    scheme = "http"
    if certificate is not None:
        argv += ["--certfile", str(certificate[0]), "--keyfile", str(certificate[1])]
        scheme = "https"
    with log.open("w") as output:
        process = subprocess.Popen(argv, cwd=project.path, env=env, stdout=output, stderr=subprocess.STDOUT)
    server = Server(process, f"{scheme}://127.0.0.1:{port}", public_host(env), log)
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


# --- The served release -------------------------------------------------------------------------


def release(project: Project, env: dict[str, str]) -> list[str]:
    """Build what the release needs (static files) and apply the migrations, as a deployment would.

    The report of each command that failed: empty when the release is ready to serve.
    """
    steps = release_steps(project.context)
    return project.run_all([project.argv(command) for command in steps], env)


@pytest.fixture(scope="module")
def release_failures(project: Project) -> list[str]:
    return release(project, project.production_env)


@pytest.fixture(scope="module")
def released(release_failures: list[str]) -> None:
    """The release steps are done: what serves the project needs them."""
    if release_failures:
        pytest.fail("the release steps failed:\n" + "\n".join(release_failures))


@pytest.fixture(scope="module")
def server(project: Project, released: None, tmp_path_factory) -> Iterator[Server]:
    server = start_server(project, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    yield server
    server.stop()
