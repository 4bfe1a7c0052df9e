"""Every combination of structural options renders into a clean project.

Each license and Python version is dealt over those combinations (see
``every_combination``), so every answer of every question is rendered too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from support import RenderedProject
from variants import Variant, available_templates, every_combination

COMBINATIONS = [
    pytest.param(variant, id=variant.id)
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
def rendered(request, render) -> RenderedProject:
    return render(request.param)


@pytest.fixture
def project(rendered: RenderedProject) -> Path:
    return rendered.path


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


# --- The license -------------------------------------------------------------------------------

# What pyproject.toml's `license` says for each answer, and a line only that license's text has.
LICENSES = {
    "MIT": ("MIT", r"\AMIT License$"),
    "BSD-3-Clause": ("BSD-3-Clause", r"\ABSD 3-Clause License$"),
    "Apache-2.0": ("Apache-2.0", r"^\s*Apache License\s+Version 2\.0, January 2004$"),
    "Proprietary": ("LicenseRef-Proprietary", r"\. All rights reserved\.$"),
}


def test_pyproject_names_the_chosen_license(rendered: RenderedProject) -> None:
    chosen = rendered.context["license"]
    declared = tomllib.loads((rendered / "pyproject.toml").read_text())["project"].get("license")
    assert declared == LICENSES[chosen][0], f"license {chosen!r} chosen, pyproject.toml says {declared!r}"


def test_license_file_holds_the_chosen_license_and_no_other(rendered: RenderedProject) -> None:
    chosen = rendered.context["license"]
    text = (rendered / "LICENSE").read_text()
    found = [name for name, (_, marker) in LICENSES.items() if re.search(marker, text, re.MULTILINE)]
    assert found == [chosen], f"license {chosen!r} chosen, LICENSE holds the text of {found or 'none'}"


# --- Files of options left out ------------------------------------------------------------------


@dataclass(frozen=True)
class Feature:
    """What an answer brings into a project, written from what the answer means.

    ``names`` are patterns of project-relative paths, ``texts`` patterns of file
    contents. A project with the answer has a match for each; a project without
    it has a match for none. Written here rather than read from the template's
    removal table, so that a path the table forgets is found left behind.
    """

    option: str
    answer: object
    names: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()


IMPORTS_CELERY = r"^\s*(from|import) celery\b"
COMMON_FEATURES = [
    Feature("use_docker", True, names=(r"(^|/)Dockerfile$", r"(^|/)compose\.ya?ml$", r"(^|/)\.dockerignore$"),
            texts=(r"(?i)\bdocker\b",)),
    Feature("ci", "github", names=(r"^\.github/workflows/",), texts=(r"GitHub Actions",)),
    Feature("ci", "gitlab", names=(r"^\.gitlab-ci\.yml$",), texts=(r"GitLab CI",)),
    Feature("database", "postgresql", texts=(r'^\s*"psycopg\b',)),
]  # fmt: skip
FEATURES = {
    "flask": [
        *COMMON_FEATURES,
        Feature("use_auth", True, names=(r"(^|/)auth/", r"(^|/)test_auth\.py$", r"users\.py$"),
                texts=(r"\bflask_login\b", r"\blogin_user\b")),
        Feature("use_api", True, names=(r"(^|/)api/", r"(^|/)test_api\.py$", r"items\.py$"),
                texts=(r"\bflask_smorest\b", r"/api\b")),
        Feature("use_celery", True, names=(r"celery", r"(^|/)tasks\.py$", r"(^|/)(test_)?jobs\.py$"),
                texts=(IMPORTS_CELERY, r"(?i)\bredis\b")),
    ],
    "django": [
        *COMMON_FEATURES,
        Feature("use_api", True, names=(r"(^|/)api/", r"(^|/)test_api\.py$"),
                texts=(r"\brest_framework\b", r"\bdrf_spectacular\b", r"/api\b")),
        Feature("use_celery", True, names=(r"celery", r"(^|/)tasks\.py$", r"worker"),
                texts=(IMPORTS_CELERY, r"(?i)\bredis\b")),
        Feature("username_type", "email", names=(r"(^|/)managers\.py$", r"users_by_email"),
                texts=(r"USERNAME_FIELD = \"email\"",)),
        Feature("username_type", "username", names=(r"users_by_username",)),
    ],
}  # fmt: skip


def project_texts(project: Path) -> dict[str, str]:
    """Every file of the project by its relative path, with its text."""
    return {relative(path, project): path.read_text() for path in project_files(project)}


def matches(feature: Feature, texts: dict[str, str]) -> dict[str, list[str]]:
    """Each pattern of the feature, with the files that match it."""
    found = {pattern: [name for name in texts if re.search(pattern, name)] for pattern in feature.names}
    for pattern in feature.texts:
        found[pattern] = [name for name, text in texts.items() if re.search(pattern, text, re.MULTILINE)]
    return found


def chosen(feature: Feature, context: dict) -> bool:
    return context[feature.option] == feature.answer


@pytest.mark.parametrize("variant", COMBINATIONS)
def test_no_file_is_about_an_answer_not_chosen(variant: Variant, render) -> None:
    project = render(variant)
    texts = project_texts(project.path)
    left = [
        f"{feature.option}={feature.answer!r} not chosen, yet {pattern!r} matches {names}"
        for feature in FEATURES[variant.template]
        if not chosen(feature, project.context)
        for pattern, names in matches(feature, texts).items()
        if names
    ]
    assert not left, "\n".join(left)


@pytest.mark.parametrize("variant", COMBINATIONS)
def test_every_chosen_answer_brings_its_files(variant: Variant, render) -> None:
    project = render(variant)
    texts = project_texts(project.path)
    missing = [
        f"{feature.option}={feature.answer!r} chosen, yet nothing matches {pattern!r}"
        for feature in FEATURES[variant.template]
        if chosen(feature, project.context)
        for pattern, names in matches(feature, texts).items()
        if not names
    ]
    assert not missing, "\n".join(missing)


def removal_table(context: dict) -> list[tuple[str, str, str]]:
    """(option, answer, path) for every path the post-generation hook may remove.

    ``__remove_paths`` comes rendered with the answers; the older ``_remove_paths``
    names the package ``{project_slug}``.
    """
    if "__remove_paths" in context:
        table, fill = context["__remove_paths"], str
    else:
        table, fill = context["_remove_paths"], lambda path: path.format_map(context)
    return [
        (option, answer, fill(path))
        for option, paths_by_answer in table.items()
        for answer, paths in paths_by_answer.items()
        for path in paths
    ]


@pytest.mark.parametrize("template", available_templates())
def test_every_path_in_the_removal_table_exists_in_some_variant(template: str, render) -> None:
    projects = [render(variant) for variant in every_combination(template)]
    missing = [
        path
        for _option, _answer, path in removal_table(projects[0].context)
        if not any((project / path).exists() for project in projects)
    ]
    assert not missing, f"the removal table names paths no variant has (typos?): {missing}"
