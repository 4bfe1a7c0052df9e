"""Shared fixtures: rendering variants, finding interpreters, reaching the services."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from support import (
    POSTGRES_URL,
    REDIS_URL,
    RenderedProject,
    isolated_cookiecutter_env,
    unavailable,
    with_database,
)
from variants import Variant, template_dir

pytest_plugins = ["booting"]


def shared_render_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every process of this run sees: under xdist, the parent of each worker's basetemp."""
    basetemp = tmp_path_factory.getbasetemp()
    run_folder = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
    folder = run_folder / "rendered"
    folder.mkdir(exist_ok=True)
    return folder


def cache_key(variant: Variant) -> str:
    """A folder name for the variant: its id made safe, and a hash of what it is rendered with."""
    answers = json.dumps([variant.template, variant.extra_context], sort_keys=True)
    digest = hashlib.sha256(answers.encode()).hexdigest()[:12]
    return f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', variant.id)[:100]}-{digest}"


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def render(cookies_session, tmp_path_factory) -> Callable[[Variant], RenderedProject]:
    """Render a variant once per run, shared by every xdist worker; hand back its folder and answers.

    The first worker to ask renders into a folder of the run under a lock; the
    others wait for it and read the same folder. Treat it as read-only: a test
    that changes a project copies it first.
    """
    cache_folder = shared_render_folder(tmp_path_factory)
    seen: dict[Variant, RenderedProject] = {}

    def _render(variant: Variant) -> RenderedProject:
        if variant in seen:
            return seen[variant]
        key = cache_key(variant)
        entry, context_file = cache_folder / key, cache_folder / key / "context.json"
        with locked(cache_folder / f"{key}.lock"):
            if not context_file.exists():
                shutil.rmtree(entry, ignore_errors=True)  # what a failed attempt left
                result = cookies_session.bake(
                    extra_context=variant.extra_context, template=str(template_dir(variant.template))
                )
                assert result.exit_code == 0, f"{variant.id} failed to render: {result.exception!r}"
                entry.mkdir()
                shutil.move(result.project_path, entry / result.project_path.name)
                written = entry / "context.json.partial"
                written.write_text(json.dumps(result.context))
                written.replace(context_file)  # last: its presence says the entry is complete
        (path,) = (child for child in entry.iterdir() if child.is_dir())
        seen[variant] = RenderedProject(path, json.loads(context_file.read_text()))
        return seen[variant]

    return _render


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Drop the shared renders when the run ends: under xdist, in the controller, after every worker."""
    config = session.config
    factory = getattr(config, "_tmp_path_factory", None)
    if hasattr(config, "workerinput") or config.option.keep_baked_projects or factory is None:
        return
    shutil.rmtree(factory.getbasetemp() / "rendered", ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("templates")
    group.addoption(
        "--answers",
        action="append",
        metavar="FILE",
        help="boot exactly the answers in FILE (a cookiecutter config file's default_context) "
        "instead of the pairwise set; repeatable",
    )
    group.addoption(
        "--answers-template",
        choices=["flask", "django"],
        help="the template of --answers files whose answers would fit either",
    )


def real_interpreter(candidate: Path, version: str) -> Path | None:
    """The interpreter behind ``candidate`` if it is that Python version.

    A pyenv shim may start another version or none; and uv, handed a shim, takes
    the project's environment for another interpreter's and rebuilds it on every run.
    """
    try:
        result = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2], sys.executable)"],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    except OSError:
        return None
    found_version, _, executable = result.stdout.strip().partition(" ")
    return Path(executable) if result.returncode == 0 and found_version == version else None


def pyenv_root() -> Path:
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=True).stdout
        return Path(root.strip())
    return Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))


@cache
def find_python(version: str) -> Path | None:
    """An interpreter for ``version``: on PATH, else the newest in pyenv's versions folder."""
    in_pyenv = sorted(
        pyenv_root().glob(f"versions/{version}.*/bin/python{version}"),
        key=lambda path: [int(part) for part in path.parts[-3].split(".") if part.isdigit()],
        reverse=True,
    )
    on_path = shutil.which(f"python{version}")
    candidates = [Path(on_path)] if on_path else []
    found = (real_interpreter(path, version) for path in [*candidates, *in_pyenv])
    return next((interpreter for interpreter in found if interpreter is not None), None)


@pytest.fixture(scope="session")
def python_for() -> Callable[[str], Path]:
    def _python_for(version: str) -> Path:
        found = find_python(version)
        if found is None:
            unavailable(f"no Python {version} interpreter on PATH or in pyenv's versions folder")
        return found

    return _python_for


@pytest.fixture(scope="session")
def postgres_admin() -> str:
    """A connection URL to the PostgreSQL server the tests create databases on."""
    import psycopg

    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        unavailable(f"PostgreSQL at {POSTGRES_URL} does not answer: {error}".splitlines()[0])
    return POSTGRES_URL


@pytest.fixture(scope="session")
def fresh_postgres_database(postgres_admin: str) -> Callable[[], str]:
    """Make a new, empty database; every database made (and its test copies) is dropped at the end."""
    import psycopg

    made: list[str] = []

    def _fresh() -> str:
        name = f"tpl_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(postgres_admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return with_database(postgres_admin, name)

    yield _fresh

    with psycopg.connect(postgres_admin, autocommit=True) as connection:
        for name in made:
            for database in (name, f"test_{name}", f"{name}_test"):
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def redis_url() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        unavailable(f"Redis at {REDIS_URL} does not answer: {error}")
    return REDIS_URL


@pytest.fixture
def isolated_cookiecutter(tmp_path: Path) -> dict[str, str]:
    """Environment for a cookiecutter subprocess that keeps clones and replays inside tmp_path."""
    return isolated_cookiecutter_env(tmp_path)
