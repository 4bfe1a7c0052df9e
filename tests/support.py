"""Helpers the test modules share: the services' addresses, .env files, the CI rule for skips."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def unavailable(reason: str) -> None:
    """Skip for want of something this machine lacks; under CI the lack is itself a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (CI must provide it: .ci/run starts the services)")
    pytest.skip(reason)


def read_dotenv(path: Path) -> dict[str, str]:
    """The ``NAME=value`` lines of a .env-style file; comments and blank lines are left out."""
    values = {}
    for line in path.read_text().splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.lstrip().startswith("#"):
            values[name.strip()] = value.strip()
    return values


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))
