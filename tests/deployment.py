"""How a generated project is deployed: the variables its servers get and the release it runs.

The boot tests and the benchmark (benchmarks/measure.py) deploy projects alike, from here.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path


def parse_dotenv(text: str) -> dict[str, str]:
    """The ``NAME=value`` lines of .env-style text; comments and blank lines are left out."""
    values = {}
    for line in text.splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.lstrip().startswith("#"):
            values[name.strip()] = value.strip()
    return values


def read_dotenv(path: Path) -> dict[str, str]:
    return parse_dotenv(path.read_text())


def production_selection(context: dict) -> dict[str, str]:
    """The variables that select a project's production settings (its ``__production_env``)."""
    return dict(context["__production_env"])


def production_environment(
    context: dict, documented: Mapping[str, str], base_env: Mapping[str, str], services: Mapping[str, str]
) -> dict[str, str]:
    """A server's variables: the documented production values (its .env.example), the production
    selection, the services' addresses and fresh secrets, over ``base_env``."""
    return {
        **base_env,
        **{name: value for name, value in documented.items() if value},
        **production_selection(context),
        **services,
        # A tracked file never holds a real secret: the deployment makes its own.
        **{name: secrets.token_urlsafe(48) for name in context["__deployment_secrets"] if name},
    }


def release_steps(context: dict) -> list[list[str]]:
    """What a release runs before it serves: the build (static files), then the migrations."""
    commands = context["__commands"]
    return [*commands["build"], commands["migrate"]]
