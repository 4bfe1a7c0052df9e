"""Users reach the templates from a git URL: by the root menu, or straight with --directory."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from repositories import template_repository
from variants import ROOT, available_templates


@pytest.fixture(scope="module")
def repository_url(tmp_path_factory) -> str:
    """A git repository holding this checkout's files, as a user would clone it."""
    return template_repository(tmp_path_factory.mktemp("remote") / "templates.git")


def cookiecutter(*args: str, env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cookiecutter", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def generated(output: Path) -> Path:
    projects = list(output.iterdir())
    assert len(projects) == 1, f"expected one project in {output}, found {projects}"
    return projects[0]


@pytest.mark.parametrize("template", available_templates())
def test_directory_option_generates_from_a_git_url(template, repository_url, tmp_path, isolated_cookiecutter):
    output = tmp_path / "out"
    result = cookiecutter(
        repository_url, "--directory", f"{template}-template", "--no-input", "--output-dir", str(output),
        env=isolated_cookiecutter,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    project = generated(output)
    assert (project / ".env").is_file() and (project / "pyproject.toml").is_file()


def test_root_menu_without_input_picks_the_first_template(repository_url, tmp_path, isolated_cookiecutter):
    result = cookiecutter(
        repository_url, "--no-input", "--output-dir", str(tmp_path / "out"), env=isolated_cookiecutter
    )
    assert result.returncode == 0, result.stderr
    first = available_templates()[0]
    project_name = json.loads((ROOT / f"{first}-template" / "cookiecutter.json").read_text())["project_name"]
    assert generated(tmp_path / "out").name == project_name.lower().replace(" ", "_")


@pytest.mark.parametrize("template", available_templates())
def test_root_menu_offers_each_template_by_number(template, repository_url, tmp_path, isolated_cookiecutter):
    number = available_templates().index(template) + 1
    answers = f"{number}\n" + "\n" * 40  # the menu choice, then every default
    result = cookiecutter(
        repository_url, "--output-dir", str(tmp_path / "out"), env=isolated_cookiecutter, stdin=answers
    )
    assert result.returncode == 0, result.stdout + result.stderr
    titles = json.loads((ROOT / "cookiecutter.json").read_text())["templates"]
    for name in available_templates():
        assert titles[name]["title"] in result.stdout, f"the menu does not show {titles[name]['title']}"
    project_name = json.loads((ROOT / f"{template}-template" / "cookiecutter.json").read_text())[
        "project_name"
    ]
    assert generated(tmp_path / "out").name == project_name.lower().replace(" ", "_")


def project_files(project: Path) -> dict[str, bytes]:
    """Every file of a project by its relative path, with .env's random secrets masked."""
    files = {}
    for path in sorted(project.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            if path.name == ".env":
                content = re.sub(rb"(?m)^(\w*(?:SECRET_KEY|PASSWORD))=.*$", rb"\1=<secret>", content)
            files[path.relative_to(project).as_posix()] = content
    return files


def replay_dir(env: dict) -> Path:
    config = Path(env["COOKIECUTTER_CONFIG"]).read_text()
    return Path(re.search(r"(?m)^replay_dir: (.+)$", config)[1])


@pytest.mark.parametrize("template", available_templates())
def test_replay_file_with_directory_generates_the_same_project_again(
    template, repository_url, tmp_path, isolated_cookiecutter
):
    """The README's replay command, run twice: the replay file it reads is still good afterwards."""
    directory = f"{template}-template"
    first = cookiecutter(
        repository_url, "--directory", directory, "--no-input", "--output-dir", str(tmp_path / "first"),
        env=isolated_cookiecutter,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    original = generated(tmp_path / "first")
    replay_file = replay_dir(isolated_cookiecutter) / f"{directory}.json"
    assert replay_file.is_file(), f"no replay file named after the template in {replay_file.parent}"

    for run in ("second", "third"):
        # The first run's clone is still there, so cookiecutter asks whether to download it again.
        result = cookiecutter(
            repository_url, "--directory", directory, "--replay-file", str(replay_file),
            "--output-dir", str(tmp_path / run), env=isolated_cookiecutter, stdin="y\n",
        )  # fmt: skip
        assert result.returncode == 0, f"the {run} run from {replay_file.name} failed:\n{result.stderr}"
        replayed = generated(tmp_path / run)
        assert replayed.name == original.name
        before, after = project_files(original), project_files(replayed)
        differing = sorted(name for name in before | after if before.get(name) != after.get(name))
        assert not differing, f"the {run} run from the replay file differs from the first in {differing}"
