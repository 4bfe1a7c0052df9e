"""Users reach the templates from a git URL: by the root menu, or straight with --directory."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from variants import ROOT, available_templates


@pytest.fixture(scope="module")
def repository_url(tmp_path_factory) -> str:
    """A git repository holding this checkout's files, as a user would clone it."""
    clone = tmp_path_factory.mktemp("remote") / "templates.git"
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    git = ["git", "-c", "user.name=Tests", "-c", "user.email=tests@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=clone, check=True)
    subprocess.run([*git, "add", "-A"], cwd=clone, check=True)
    subprocess.run([*git, "commit", "-qm", "templates"], cwd=clone, check=True)
    return f"file://{clone}"


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
