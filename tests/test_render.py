"""Every combination of structural options renders into a clean project."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from variants import Variant, available_templates, every_combination

COMBINATIONS = [
    # Each variant's tests run on one xdist worker, so it is rendered once.
    pytest.param(variant, id=variant.id, marks=pytest.mark.xdist_group(f"render-{variant.id}"))
    for name in available_templates()
    for variant in every_combination(name)
]
RUFF = [sys.executable, "-m", "ruff"]
# Jinja syntax left behind. HTML files are Jinja/Django templates of the project
# itself, and `${{ ... }}` is the expression syntax of GitHub workflows.
LEFTOVER_JINJA = re.compile(r"(?<!\$)\{\{|\{%|\{#")


def project_files(project: Path) -> list[Path]:
    return sorted(path for path in project.rglob("*") if path.is_file())


def relative(path: Path, project: Path) -> str:
    return str(path.relative_to(project))


@pytest.fixture(params=COMBINATIONS)
def project(request, render) -> Path:
    return render(request.param).path


def test_no_template_syntax_is_left_behind(project: Path) -> None:
    leftovers = [
        f"{relative(path, project)}:{number}: {line.strip()}"
        for path in project_files(project)
        if path.suffix != ".html"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if LEFTOVER_JINJA.search(line)
    ]
    assert not leftovers, "unrendered template syntax:\n" + "\n".join(leftovers)


def test_the_project_does_not_mention_its_generator(project: Path) -> None:
    mentions = [
        relative(path, project)
        for path in project_files(project)
        if "cookiecutter" in path.read_text().lower()
    ]
    assert not mentions, f"files that mention the generator: {mentions}"


def test_every_python_file_compiles(project: Path) -> None:
    errors = []
    for path in project.rglob("*.py"):
        try:
            compile(path.read_text(), str(path), "exec")
        except SyntaxError as error:
            errors.append(f"{relative(path, project)}: {error}")
    assert not errors, "\n".join(errors)


def test_ruff_check_is_clean(project: Path) -> None:
    result = subprocess.run([*RUFF, "check", "--no-cache", "."], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean(project: Path) -> None:
    result = subprocess.run(
        [*RUFF, "format", "--check", "--no-cache", "."], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_data_files_parse(project: Path) -> None:
    loaders = {
        ".toml": lambda text: tomllib.loads(text),
        ".yaml": lambda text: list(yaml.safe_load_all(text)),
        ".yml": lambda text: list(yaml.safe_load_all(text)),
        ".json": json.loads,
    }
    errors = []
    for path in project_files(project):
        if path.suffix in loaders:
            try:
                loaders[path.suffix](path.read_text())
            except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError) as error:
                errors.append(f"{relative(path, project)}: {error}")
    assert not errors, "\n".join(errors)


def test_text_files_end_cleanly(project: Path) -> None:
    """No trailing spaces and one final newline: what a conditional block leaves behind when it is sloppy."""
    problems = []
    for path in project_files(project):
        if path.suffix in {".png", ".ico"}:
            continue
        text = path.read_text()
        if text and not text.endswith("\n"):
            problems.append(f"{relative(path, project)}: no newline at the end")
        if text.endswith("\n\n"):
            problems.append(f"{relative(path, project)}: blank lines at the end")
        problems += [
            f"{relative(path, project)}:{number}: trailing whitespace"
            for number, line in enumerate(text.splitlines(), start=1)
            if line != line.rstrip()
        ]
    assert not problems, "\n".join(problems)


def answer_key(value: object) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def removal_table(answers: dict) -> list[tuple[str, str, str]]:
    """(option, answer, path) for every path the post-generation hook may remove."""
    return [
        (option, answer, path.format_map(answers))
        for option, paths_by_answer in answers["_remove_paths"].items()
        for answer, paths in paths_by_answer.items()
        for path in paths
    ]


@pytest.mark.parametrize("variant", COMBINATIONS)
def test_files_of_unchosen_options_are_gone(variant: Variant, render) -> None:
    project = render(variant)
    left = [
        f"{path} (kept although {option} is {answer})"
        for option, answer, path in removal_table(project.context)
        if answer_key(project.context[option]) == answer and (project / path).exists()
    ]
    assert not left, "\n".join(left)


@pytest.mark.parametrize("template", available_templates())
def test_every_path_in_the_removal_table_exists_in_some_variant(template: str, render) -> None:
    projects = [render(variant) for variant in every_combination(template)]
    missing = [
        path
        for _option, _answer, path in removal_table(projects[0].context)
        if not any((project / path).exists() for project in projects)
    ]
    assert not missing, f"_remove_paths names paths no variant has (typos?): {missing}"
