"""A project made with cruft takes later changes of its template, and its .env stays its own.

Each scenario runs once per template, as a user would: ``cruft create`` from a git URL, the
project committed to git, a change pushed to the templates' repository, then ``cruft update``.
The tests only look at what the scenario left, so they pass in any order.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from deployment import parse_dotenv
from repositories import commit_all, git, template_repository
from support import isolated_cookiecutter_env
from variants import ROOT, available_templates, project_folder

ADDED_LINE = "# Added by a later version of the template"
LOCAL_NOTE = "A note this project added to its own README."
TEMPLATE_WORDING = "# Reworded by a later version of the template"
PROJECT_WORDING = "# Reworded by the project"


# One worker per template, so that each scenario is set up once.
pytestmark = pytest.mark.parametrize(
    "template",
    [pytest.param(name, marks=pytest.mark.xdist_group(f"updates-{name}")) for name in available_templates()],
    scope="module",
)


@pytest.fixture(scope="module")
def cruft_env(tmp_path_factory) -> dict[str, str]:
    """cruft's cookiecutter reads a config of its own here, so no user setting changes an answer."""
    return isolated_cookiecutter_env(tmp_path_factory.mktemp("cookiecutter"))


def cruft(*args: str, project: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cruft", *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def printed(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def create_project(
    template: str, url: str, output: Path, env: dict
) -> tuple[subprocess.CompletedProcess, Path]:
    """``cruft create`` with every default, then the project committed as generated."""
    output.mkdir()
    result = cruft(
        "create", url, "--directory", f"{template}-template", "--no-input", "--output-dir", str(output),
        project=output, env=env,
    )  # fmt: skip
    assert result.returncode == 0, f"cruft create failed:\n{printed(result)}"
    (project,) = output.iterdir()
    commit_all(project, "Generated from the template")
    return result, project


def change_template(repository: Path, template: str, edit: Callable[[str], str], message: str) -> None:
    """Commit an edit of the .gitignore every project of ``template`` gets."""
    gitignore = repository / project_folder(template).relative_to(ROOT) / ".gitignore"
    gitignore.write_text(edit(gitignore.read_text()))
    commit_all(repository, message)


def secret_values(dotenv: bytes) -> dict[str, str]:
    """The secrets of a .env file by name."""
    values = {
        name: value
        for name, value in parse_dotenv(dotenv.decode()).items()
        if "SECRET" in name or "PASSWORD" in name
    }
    assert values, f"no secret found in .env:\n{dotenv.decode()}"
    return values


def rejected_hunks(project: Path) -> list[str]:
    return sorted(str(path.relative_to(project)) for path in project.rglob("*.rej"))


@dataclass(frozen=True)
class Scenario:
    project: Path
    dotenv: bytes  # .env as cruft create wrote it
    output: str  # everything cruft printed, from create to update
    check: subprocess.CompletedProcess  # cruft check once the template had changed
    update: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def updated(template, tmp_path_factory, cruft_env) -> Scenario:
    """The project added a note to its README; the template then added a line to .gitignore."""
    root = tmp_path_factory.mktemp(f"update-{template}")
    url = template_repository(root / "templates.git")
    created, project = create_project(template, url, root / "projects", cruft_env)
    readme = project / "README.md"
    readme.write_text(f"{readme.read_text()}\n{LOCAL_NOTE}\n")
    commit_all(project, "Add a note")
    dotenv = (project / ".env").read_bytes()

    change_template(root / "templates.git", template, lambda text: f"{text}{ADDED_LINE}\n", "Ignore more")
    check = cruft("check", project=project, env=cruft_env)
    update = cruft("update", "--skip-apply-ask", "--allow-untracked-files", project=project, env=cruft_env)
    return Scenario(project, dotenv, printed(created) + printed(check) + printed(update), check, update)


@pytest.fixture(scope="module")
def conflicted(template, tmp_path_factory, cruft_env) -> Scenario:
    """The project and then the template reworded the same line: the first of .gitignore."""
    root = tmp_path_factory.mktemp(f"conflict-{template}")
    url = template_repository(root / "templates.git")
    created, project = create_project(template, url, root / "projects", cruft_env)
    gitignore = project / ".gitignore"
    first, rest = gitignore.read_text().split("\n", 1)
    gitignore.write_text(f"{PROJECT_WORDING}\n{rest}")
    commit_all(project, "Reword .gitignore")
    dotenv = (project / ".env").read_bytes()

    def reword(text: str) -> str:
        template_first, template_rest = text.split("\n", 1)
        assert template_first == first, "the first line of the template's .gitignore is no longer plain text"
        return f"{TEMPLATE_WORDING}\n{template_rest}"

    change_template(root / "templates.git", template, reword, "Reword .gitignore")
    check = cruft("check", project=project, env=cruft_env)
    update = cruft("update", "--skip-apply-ask", "--allow-untracked-files", project=project, env=cruft_env)
    return Scenario(project, dotenv, printed(created) + printed(check) + printed(update), check, update)


def test_check_fails_on_a_project_behind_its_template(updated):
    result = updated.check
    assert result.returncode != 0, f"cruft check passed after the template changed:\n{printed(result)}"
    assert "out of date" in printed(result), printed(result)


def test_update_applies_the_template_change(updated):
    assert updated.update.returncode == 0, f"cruft update failed:\n{printed(updated.update)}"
    lines = (updated.project / ".gitignore").read_text().splitlines()
    assert ADDED_LINE in lines, f"the template's new line is not in .gitignore:\n{printed(updated.update)}"


def test_update_keeps_the_projects_edit_of_another_file(updated):
    assert LOCAL_NOTE in (updated.project / "README.md").read_text(), "cruft update undid the README's note"


def test_update_leaves_no_rejected_hunks(updated):
    assert not rejected_hunks(updated.project), f"cruft update left rejects:\n{printed(updated.update)}"


def test_update_leaves_dotenv_alone(updated):
    assert (updated.project / ".env").read_bytes() == updated.dotenv, "cruft update rewrote .env"


def test_cruft_prints_no_secret_of_dotenv(updated):
    leaked = [name for name, value in secret_values(updated.dotenv).items() if value in updated.output]
    assert not leaked, f"cruft create, check or update printed the value of {leaked}"


def test_cruft_diff_shows_no_secret_of_dotenv(updated, cruft_env):
    result = cruft("diff", project=updated.project, env=cruft_env)
    assert result.returncode == 0, f"cruft diff failed:\n{printed(result)}"
    leaked = [name for name, value in secret_values(updated.dotenv).items() if value in printed(result)]
    assert not leaked, f"cruft diff printed the value of {leaked}"


def test_check_passes_after_the_update(updated, cruft_env):
    result = cruft("check", project=updated.project, env=cruft_env)
    assert result.returncode == 0, f"cruft check still fails after cruft update:\n{printed(result)}"


def test_conflict_leaves_markers_with_both_versions(conflicted):
    """cruft merges with ``git apply -3``: a conflict is left in the file, as git merges leave it.

    cruft still exits 0 and prints "Good work!"; only git's "Applied patch to '.gitignore' with
    conflicts." on stderr, the markers and git status tell.
    """
    text = (conflicted.project / ".gitignore").read_text()
    for expected in ("<<<<<<< ", PROJECT_WORDING, "=======", TEMPLATE_WORDING, ">>>>>>> "):
        assert expected in text, f"{expected!r} missing from the conflicted .gitignore:\n{text}"


def test_conflict_leaves_no_rejected_hunks(conflicted):
    assert not rejected_hunks(conflicted.project), f"cruft update left rejects:\n{printed(conflicted.update)}"


def test_conflict_is_unmerged_in_git(conflicted):
    unmerged = git("diff", "--name-only", "--diff-filter=U", cwd=conflicted.project).split()
    assert unmerged == [".gitignore"], f"git status does not show .gitignore as the one conflict: {unmerged}"


def test_conflict_is_named_in_cruft_output(conflicted):
    assert "'.gitignore' with conflicts" in printed(conflicted.update), printed(conflicted.update)


def test_conflict_leaves_dotenv_alone(conflicted):
    assert (conflicted.project / ".env").read_bytes() == conflicted.dotenv, "cruft update rewrote .env"
