"""Git repositories for the tests: the templates as a user clones them, and projects kept in git.

Identity comes from environment variables, so no git configuration is read or written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from variants import ROOT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd`` with the tests' identity; its standard output."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed in {cwd}:\n{result.stdout}{result.stderr}"
    return result.stdout


def commit_all(directory: Path, message: str) -> None:
    """Make ``directory`` a git repository if it is not one, and commit everything git does not ignore."""
    if not (directory / ".git").exists():
        git("init", "-q", cwd=directory)
    git("add", "-A", cwd=directory)
    git("commit", "-q", "-m", message, cwd=directory)


def template_repository(destination: Path) -> str:
    """A git repository holding this checkout's files at ``destination``; its file:// URL."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    commit_all(destination, "templates")
    return f"file://{destination}"
