"""Each project gets secrets of its own, and they stay out of every file git would track."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from deployment import read_dotenv
from variants import available_templates, every_combination, template_dir


def dotenv_secrets(project: Path) -> dict[str, str]:
    """The random values the post-generation hook wrote into .env."""
    return {
        name: value
        for name, value in read_dotenv(project / ".env").items()
        if name.endswith(("SECRET_KEY", "PASSWORD", "TOKEN"))
    }


def most_options(template: str):
    """A variant with every file that can hold or mention a secret: Docker and PostgreSQL on, and the
    API on without accounts (its writes then need a token of the deployment's own)."""
    return next(
        variant
        for variant in every_combination(template)
        if variant.extra_context.get("use_docker")
        and variant.extra_context["database"] == "postgresql"
        and variant.extra_context.get("use_api", True)
        and not variant.extra_context.get("use_auth", False)
    )


@pytest.mark.parametrize("template", available_templates())
def test_each_project_gets_random_secrets_of_its_own(template: str, cookies) -> None:
    variant = most_options(template)
    first, second = (
        cookies.bake(extra_context=variant.extra_context, template=str(template_dir(template))).project_path
        for _ in range(2)
    )
    first_secrets, second_secrets = dotenv_secrets(first), dotenv_secrets(second)
    assert first_secrets, ".env holds no secret key"
    assert all(len(value) >= 32 for value in first_secrets.values()), f"short secrets: {first_secrets}"
    shared = {name for name in first_secrets if first_secrets[name] == second_secrets.get(name)}
    assert not shared, f"two projects got the same {shared}"


@pytest.mark.parametrize("template", available_templates())
def test_dotenv_is_ignored_by_git(template: str, render, tmp_path: Path) -> None:
    # A copy: the rendered project is shared with tests that read every file in it.
    project = shutil.copytree(render(most_options(template)).path, tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=project)
    assert ignored.returncode == 0, ".env (which holds the secrets) would be committed"


@pytest.mark.parametrize("template", available_templates())
def test_no_secret_is_written_into_another_file(template: str, render) -> None:
    project = render(most_options(template)).path
    secrets = dotenv_secrets(project).values()
    holders = [
        str(path.relative_to(project))
        for path in project.rglob("*")
        if path.is_file() and path.name != ".env" and any(secret in path.read_text() for secret in secrets)
    ]
    assert not holders, f"a secret from .env also stands in {holders}"
