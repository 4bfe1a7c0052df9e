"""Helpers the test modules share: the services' addresses, .env files, the CI rule for skips."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from variants import ROOT

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def unavailable(reason: str) -> None:
    """Skip for want of something this machine lacks; under CI the lack is itself a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must provide it: .ci/run starts the services)")
    pytest.skip(reason)


def isolated_cookiecutter_env(folder: Path) -> dict[str, str]:
    """Environment for a cookiecutter (or cruft) subprocess that keeps clones and replays in ``folder``."""
    config = folder / "cookiecutter-config.yaml"
    config.write_text(f"cookiecutters_dir: {folder / 'cookiecutters'}\nreplay_dir: {folder / 'replay'}\n")
    return {**os.environ, "COOKIECUTTER_CONFIG": str(config)}


def readme_test_command() -> str:
    """The command in the fenced block the repository README marks ``<!-- test-command -->``."""
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"<!-- test-command -->\s*```(?:sh|bash|console)?\n(.+?)\n```", readme, re.DOTALL)
    assert match, "README.md has no test command block marked <!-- test-command -->"
    return match.group(1).strip()


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


# How every generated project installs itself; its README, CI pipeline and the boot tests agree.
INSTALL = "uv sync"


def typed(command: list[str]) -> str:
    """A command of a template's ``__commands`` table as a developer types it: run by uv in the project."""
    return " ".join(["uv", "run", *command])


def typed_steps(context: dict, *steps: str) -> list[str]:
    """The commands of the named steps (lists of commands in ``__commands``), as typed."""
    return [typed(command) for step in steps for command in context["__commands"][step]]


@dataclass(frozen=True)
class RenderedProject:
    """A rendered variant: its folder and the answers cookiecutter rendered it with (``result.context``)."""

    path: Path
    context: dict

    def __truediv__(self, other: str) -> Path:
        return self.path / other
