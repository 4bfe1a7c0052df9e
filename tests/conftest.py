"""Shared fixtures: rendering variants, finding interpreters, reaching the services."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from support import POSTGRES_URL, REDIS_URL, isolated_cookiecutter_env, unavailable, with_database
from variants import Variant, template_dir

pytest_plugins = ["booting"]


@dataclass(frozen=True)
class RenderedProject:
    path: Path
    context: dict

    def __truediv__(self, other: str) -> Path:
        return self.path / other


@pytest.fixture(scope="session")
def render(cookies_session) -> Callable[[Variant], RenderedProject]:
    """Render a variant once per session and hand back its folder and its answers."""
    rendered: dict[Variant, RenderedProject] = {}

    def _render(variant: Variant) -> RenderedProject:
        if variant not in rendered:
            result = cookies_session.bake(
                extra_context=variant.extra_context, template=str(template_dir(variant.template))
            )
            assert result.exit_code == 0, f"{variant.id} failed to render: {result.exception!r}"
            rendered[variant] = RenderedProject(Path(result.project_path), result.context)
        return rendered[variant]

    return _render


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
