"""The repository keeps one source for each shared thing, and asks human questions."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from booting import REPOSITORY_BIN, tools_folder
from support import readme_test_command
from variants import ROOT, available_templates, context, identity_keys, questions

spec = importlib.util.spec_from_file_location("sync", ROOT / "scripts" / "sync.py")
sync = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sync)


def test_template_hooks_and_options_match_their_sources() -> None:
    stale = [f"{path.relative_to(ROOT)} (from {source})" for path, source in sync.stale_files().items()]
    assert not stale, f"out of date with their sources (run python scripts/sync.py): {stale}"


def test_sync_check_names_the_source_to_edit_for_a_changed_copy(tmp_path: Path) -> None:
    sources = [
        "options",
        "hooks",
        "project-common",
        "partials",
        "scripts",
        "README.md",
        *sync.TEMPLATES.values(),
    ]
    for name in sources:
        source = ROOT / name
        copy = tmp_path / source.relative_to(ROOT)
        if source.is_dir():
            shutil.copytree(source, copy)
        else:
            shutil.copy(source, copy)
    dockerfile = tmp_path / "flask-template" / sync.PROJECT_FOLDER / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text() + "# edited by hand\n")
    check = subprocess.run(
        [sys.executable, "scripts/sync.py", "--check"], cwd=tmp_path, capture_output=True, text=True
    )
    assert check.returncode == 1, f"--check passed over an edited copy:\n{check.stdout}{check.stderr}"
    assert "edit project-common/Dockerfile" in check.stdout, f"the source is not named:\n{check.stdout}"


def test_the_root_menu_offers_every_template_that_exists() -> None:
    existing = [name for name in sync.TEMPLATES if (ROOT / f"options/{name}.json").exists()]
    assert available_templates() == existing


@pytest.mark.parametrize("template", available_templates())
def test_every_question_has_human_text(template: str) -> None:
    prompts = context(template)["__prompts__"]
    missing = [key for key in questions(template) if key not in prompts]
    assert not missing, f"questions asked by their raw key: {missing}"


@pytest.mark.parametrize("template", available_templates())
def test_every_choice_has_a_label(template: str) -> None:
    prompts = context(template)["__prompts__"]
    unlabelled = [
        f"{key}={choice}"
        for key, value in questions(template).items()
        if isinstance(value, list)
        for choice in ["__prompt__", *value]
        if choice not in prompts.get(key, {})
    ]
    assert not unlabelled, f"choices shown without a label: {unlabelled}"


@pytest.mark.parametrize("template", available_templates())
def test_templates_share_the_identity_questions(template: str) -> None:
    first = available_templates()[0]
    differing = [
        key
        for key in identity_keys()
        if key != "project_name"
        and (
            context(template)[key] != context(first)[key]
            or context(template)["__prompts__"][key] != context(first)["__prompts__"][key]
        )
    ]
    assert not differing, f"{template} asks these differently from {first}: {differing}"


@pytest.mark.parametrize("template", available_templates())
def test_the_removal_table_names_real_options_and_answers(template: str) -> None:
    unknown = [
        f"{option}={answer}"
        for option, paths_by_answer in context(template)["__remove_paths"].items()
        for answer in paths_by_answer
        if option not in questions(template)
        or answer not in {str(choice).lower() for choice in _answers(questions(template)[option])}
    ]
    assert not unknown, f"__remove_paths entries no answer can select: {unknown}"


def _answers(value: object) -> list:
    return [True, False] if isinstance(value, bool) else list(value)


def test_ci_runs_the_readme_test_command() -> None:
    command = readme_test_command()
    assert command in (ROOT / ".ci" / "run").read_text(), f".ci/run does not run the README's {command!r}"


def test_projects_are_linted_here_with_the_ruff_they_pin() -> None:
    """The render tests run this repository's ruff over projects whose CI runs the ruff they pin."""
    pinned = json.loads((ROOT / "options" / "common.json").read_text())["_versions"]["ruff"]
    here = subprocess.run([sys.executable, "-m", "ruff", "--version"], capture_output=True, text=True).stdout
    assert pinned == here.split()[1], f"projects pin ruff=={pinned}, the tests lint with {here.strip()}"


def test_project_commands_use_the_uv_this_repository_installs(tmp_path: Path) -> None:
    """A fresh machine has no uv on PATH: the projects' `uv ...` commands must still find one."""
    folder = tools_folder(tmp_path / "tools", Path(sys.executable))
    found = shutil.which("uv", path=os.pathsep.join([str(folder), "/usr/bin:/bin"]))
    assert found and Path(found).resolve() == (REPOSITORY_BIN / "uv").resolve(), f"uv found at {found}"
