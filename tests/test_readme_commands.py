"""Every shell block of a generated README runs as written, top to bottom, in a booted variant.

A developer reads the README in order and types what it shows. So do these tests, in
three sessions of one shell each:

- with uv, in the project as generated: the blocks that use uv;
- with pip, in a fresh copy (what a clone holds: no .env, no environment): the blocks
  that do not use uv;
- deploy, in a fresh copy with the production environment the README lists: the
  blocks under "Deploy", which must select the production settings themselves.

Commands that keep running (a development server, gunicorn, a Celery worker or beat)
start in the background, as in a second terminal; the session goes on once each one
answers (the page answers 200, the worker logs that it is ready). A server on a fixed
port is stopped once it has answered, under a lock, so parallel variants take turns.
A block added to a README is run the day it is written; only the sections in
``NOT_RUN`` are left out, each for its stated reason.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from booting import Project, boot_variants, free_port, http_get
from deployment import production_selection, read_dotenv
from support import POSTGRES_URL, typed_steps, unavailable
from variants import (
    Variant,
    available_templates,
    covering,
    every_combination,
    pairwise,
    questions,
    template_dir,
)

NOT_RUN = {
    "Containers": "no container engine runs on this machine; test_pipelines checks the files, and "
    "test_boot serves the image's command with compose's environment",
}
DEPLOY_SECTIONS = {"Deploy"}
# What a fresh clone lacks: everything git ignores that generation or a run made.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".env", ".venv", "instance", "*.sqlite3", "staticfiles", "__pycache__", ".*_cache"
)
LOCKS = Path(tempfile.gettempdir()) / "python-web-templates-locks"
START_SECONDS = 90
SESSION_SECONDS = 900


# --- Reading a README ---------------------------------------------------------------------------


@dataclass
class Block:
    section: str
    commands: list[str]

    @property
    def uses_uv(self) -> bool:
        return any(command.split()[0] == "uv" for command in self.commands)


def shell_blocks(readme: str) -> list[Block]:
    """The ``sh`` code blocks of a README, with the section they stand in and their commands.

    A command is a line, with its continuation lines and the body of a here-document.
    """
    blocks, section, lines = [], "", iter(readme.splitlines())
    for line in lines:
        if line.startswith("## "):
            section = line.removeprefix("## ").strip()
        elif line.strip() == "```sh":
            body = []
            for inner in lines:
                if inner.strip() == "```":
                    break
                body.append(inner)
            blocks.append(Block(section, commands(body)))
    return blocks


def commands(lines: list[str]) -> list[str]:
    found: list[str] = []
    pending = iter(lines)
    for line in pending:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        command = line
        while command.endswith("\\"):
            command += "\n" + next(pending)
        if heredoc := re.search(r"<<-?\s*'?(\w+)'?", command):
            for body_line in pending:
                command += "\n" + body_line
                if body_line.strip() == heredoc[1]:
                    break
        found.append(command)
    return found


def session_blocks(project: Project, session: str) -> list[Block]:
    blocks = shell_blocks((project.path / "README.md").read_text())
    run = [block for block in blocks if block.section not in NOT_RUN]
    if session == "deploy":
        return [block for block in run if block.section in DEPLOY_SECTIONS]
    local = [block for block in run if block.section not in DEPLOY_SECTIONS]
    return [block for block in local if block.uses_uv == (session == "uv")]


# --- Commands that keep running -----------------------------------------------------------------


@dataclass(frozen=True)
class LongRunning:
    """A command that runs until stopped, how to tell it is up, and what it holds meanwhile."""

    pattern: re.Pattern[str]
    ready: Callable[[Path, dict[str, str]], bool]
    # A fixed port: held under a lock across test workers, and freed once the page answered.
    port: int | None = None
    # Servers stop once they answered; workers keep serving the commands after them.
    stop_when_ready: bool = True


def page_answers(url: str) -> Callable[[Path, dict[str, str]], bool]:
    def ready(log: Path, env: dict[str, str]) -> bool:
        try:
            return http_get(url.format_map(env))[0] == 200
        except OSError:
            return False

    return ready


def logs(text: str) -> Callable[[Path, dict[str, str]], bool]:
    return lambda log, env: text in log.read_text(errors="replace")


LONG_RUNNING = [
    LongRunning(re.compile(r"\bflask (--app \S+ )?run\b"), page_answers("http://127.0.0.1:5000/"), port=5000),
    LongRunning(re.compile(r"\bmanage\.py runserver\b"), page_answers("http://127.0.0.1:8000/"), port=8000),
    LongRunning(re.compile(r"\bgunicorn\b"), page_answers("http://127.0.0.1:{PORT}/readyz")),
    LongRunning(re.compile(r"\bcelery\b.* worker\b"), logs(" ready."), stop_when_ready=False),
    LongRunning(re.compile(r"\bcelery\b.* beat\b"), logs("beat: Starting"), stop_when_ready=False),
]


def long_running(command: str) -> LongRunning | None:
    return next((kind for kind in LONG_RUNNING if kind.pattern.search(command)), None)


@contextmanager
def port_lock(port: int) -> Iterator[None]:
    LOCKS.mkdir(exist_ok=True)
    with (LOCKS / f"port-{port}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# --- Running a session --------------------------------------------------------------------------


@dataclass
class Background:
    command: str
    kind: LongRunning
    log: Path
    pid: int | None = None
    started: float = 0.0
    locks: ExitStack = field(default_factory=ExitStack)


def script(blocks: list[Block], control: Path) -> tuple[str, list[Background]]:
    """One shell script of the blocks' commands, with a hand-over around each long-running one."""
    lines = [
        "set -eo pipefail",
        "set -m",  # each background command in a process group of its own, to stop it whole
        "trap 'echo \"README command failed (exit $?): $BASH_COMMAND\" >&2' ERR",
    ]
    background: list[Background] = []
    for command in (command for block in blocks for command in block.commands):
        kind = long_running(command)
        if kind is None:
            lines.append(command)
            continue
        number = len(background)
        background.append(Background(command, kind, control / f"log-{number}"))
        lines += [
            f': > "$CONTROL/want-{number}"',
            f'while [ ! -e "$CONTROL/go-{number}" ]; do sleep 0.1; done',
            # The log exists before the pid file, so a watcher that sees the pid can read the log.
            f': > "$CONTROL/log-{number}"',
            f'{command} >> "$CONTROL/log-{number}" 2>&1 &',
            f'echo $! > "$CONTROL/pid-{number}"',
            f'while [ ! -e "$CONTROL/answered-{number}" ]; do sleep 0.1; done',
        ]
    return "\n".join(lines) + "\n", background


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def stop_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 20
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        os.killpg(pid, signal.SIGKILL)


@dataclass
class SessionResult:
    exit_code: int | None
    problems: list[str]
    transcript: str

    def report(self) -> str:
        return "\n".join([*self.problems, "--- transcript ---", self.transcript[-6000:]])


def run_session(blocks: list[Block], cwd: Path, env: dict[str, str], control: Path) -> SessionResult:
    control.mkdir(parents=True)
    text, background = script(blocks, control)
    transcript = control / "transcript.log"
    problems: list[str] = []
    with transcript.open("w") as output:
        shell = subprocess.Popen(
            ["bash", "-c", text], cwd=cwd, env={**env, "CONTROL": str(control)},
            stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + SESSION_SECONDS
    try:
        while shell.poll() is None and not problems:
            if time.monotonic() > deadline:
                problems.append(f"the session did not finish within {SESSION_SECONDS}s")
            for number, job in enumerate(background):
                problems += advance(number, job, control, env)
            time.sleep(0.1)
    finally:
        for job in background:
            if job.pid is not None:
                stop_group(job.pid)
            job.locks.close()
        stop_group(shell.pid)
        shell.wait()
    for job in background:
        if problems and job.log.exists():
            problems.append(f"--- {job.command} ---\n{job.log.read_text(errors='replace')[-3000:]}")
    return SessionResult(shell.returncode, problems, transcript.read_text(errors="replace"))


def advance(number: int, job: Background, control: Path, env: dict[str, str]) -> list[str]:
    """Take one step with a long-running command: let it start, see it answer, stop it."""
    want, go, answered = (control / f"{name}-{number}" for name in ("want", "go", "answered"))
    if want.exists() and not go.exists():
        if job.kind.port is not None:
            job.locks.enter_context(port_lock(job.kind.port))
        go.touch()
    pid_file = control / f"pid-{number}"
    if answered.exists() or not pid_file.exists() or not pid_file.read_text().strip():
        return []
    if job.pid is None:
        job.pid, job.started = int(pid_file.read_text()), time.monotonic()
    if job.kind.ready(job.log, env):
        if job.kind.stop_when_ready:
            stop_group(job.pid)
            job.locks.close()
        answered.touch()
        return []
    if not alive(job.pid):
        return [f"`{job.command}` stopped before it answered"]
    if time.monotonic() - job.started > START_SECONDS:
        return [f"`{job.command}` did not answer within {START_SECONDS}s"]
    return []


# --- The developer's machine --------------------------------------------------------------------


def is_default_postgresql() -> bool:
    """Whether the tests' PostgreSQL is where the READMEs' local defaults look: localhost:5432."""
    parts = urlsplit(POSTGRES_URL)
    return parts.hostname in {"localhost", "127.0.0.1", "::1"} and (parts.port or 5432) == 5432


def local_databases(project: Project) -> list[str]:
    """The databases a developer's checkout uses: the app's, and the tests' beside it."""
    slug = project.context["project_slug"]
    return [slug, f"{slug}_test", f"test_{slug}"]


@pytest.fixture
def local_postgresql(project: Project, request) -> Iterator[dict[str, str]]:
    """libpq's variables for `createdb`, and no database of this project's left before or after."""
    if project.context["database"] != "postgresql":
        yield {}
        return
    if not is_default_postgresql():
        unavailable(f"the READMEs' local defaults name PostgreSQL on localhost:5432, not {POSTGRES_URL}")
    import psycopg

    admin = request.getfixturevalue("postgres_admin")

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in local_databases(project):
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    parts = urlsplit(admin)
    yield {
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "",
    }
    drop()


def developer_env(project: Project, postgresql: dict[str, str]) -> dict[str, str]:
    """A developer's shell: uv and the project's Python installed, nothing of the project set.

    The one exception is Redis: each Celery variant keeps to a database of its own, so that
    no other variant's worker takes its tasks.
    """
    redis = {"REDIS_URL": project.services["REDIS_URL"]} if "REDIS_URL" in project.services else {}
    return {**project.base_env, **postgresql, **redis}


def fresh_clone(project: Project, destination: Path) -> Path:
    shutil.copytree(project.path, destination, ignore=NOT_IN_A_CLONE)
    return destination


# --- The tests ----------------------------------------------------------------------------------


# Answers that change neither what a pip or deploy session installs nor what it runs: the files for
# containers and CI, the license, and the interpreter (the uv session runs on each Python).
SESSION_NEUTRAL = {"python_version", "license", "use_docker", "ci"}


def in_the_cover_set(variant: Variant, config: pytest.Config) -> bool:
    """The fewest variants that between them hold every other answer: the pip and deploy sessions are slow."""
    return variant in covering(
        [other for other in boot_variants(config) if other.template == variant.template],
        ignoring=SESSION_NEUTRAL,
    )


ONLY_FOR = {
    "test_readme_commands_run_as_written_with_pip": in_the_cover_set,
    "test_readme_deploy_steps_run_as_written_in_order": in_the_cover_set,
}


@pytest.mark.parametrize("template", available_templates())
def test_the_answers_no_session_depends_on_are_questions_of_the_template(template: str) -> None:
    unknown = SESSION_NEUTRAL - set(questions(template))
    assert not unknown, f"{template} asks no {sorted(unknown)}: the sessions would leave answers out"


@pytest.mark.parametrize("template", available_templates())
def test_the_pip_and_deploy_sessions_run_every_answer_that_changes_them(template: str) -> None:
    def relevant(variants: list[Variant]) -> set[tuple[str, object]]:
        return {
            (question, answer)
            for variant in variants
            for question, answer in variant.answers
            if question not in SESSION_NEUTRAL
        }

    boot_set = pairwise(template)
    missing = relevant(boot_set) - relevant(covering(boot_set, ignoring=SESSION_NEUTRAL))
    assert not missing, f"answers no pip or deploy session runs: {sorted(missing, key=str)}"


@pytest.mark.boot
def test_readme_commands_run_as_written_with_uv(project: Project, local_postgresql, tmp_path: Path) -> None:
    blocks = session_blocks(project, "uv")
    assert blocks, "the README shows no uv commands"
    result = run_session(blocks, project.path, developer_env(project, local_postgresql), tmp_path / "session")
    assert result.exit_code == 0 and not result.problems, result.report()


@pytest.mark.boot
def test_readme_commands_run_as_written_with_pip(project: Project, local_postgresql, tmp_path: Path) -> None:
    blocks = session_blocks(project, "pip")
    assert blocks, "the README shows no way without uv"
    clone = fresh_clone(project, tmp_path / "clone")
    env = developer_env(project, local_postgresql)
    result = run_session(blocks, clone, env, tmp_path / "session")
    assert result.exit_code == 0 and not result.problems, result.report()
    made, generated = read_dotenv(clone / ".env"), read_dotenv(project.path / ".env")
    assert made.keys() == generated.keys(), (
        f"the README's .env sets {sorted(made)}, generation {sorted(generated)}"
    )


@pytest.mark.boot
def test_readme_deploy_steps_run_as_written_in_order(project: Project, tmp_path: Path) -> None:
    blocks = session_blocks(project, "deploy")
    assert blocks, "the README shows no deploy commands"
    # The environment the README says to set, less what selects production: the steps do that.
    selection = production_selection(project.context)
    env = {key: value for key, value in project.production_env.items() if key not in selection}
    env.update(HOST="127.0.0.1", PORT=str(free_port()))
    clone = fresh_clone(project, tmp_path / "clone")
    result = run_session(blocks, clone, env, tmp_path / "session")
    assert result.exit_code == 0 and not result.problems, result.report()


@pytest.mark.parametrize("template", available_templates())
@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_printed_next_steps_are_the_readme_first_commands(
    template, database, tmp_path, isolated_cookiecutter
):
    result = subprocess.run(
        [
            sys.executable, "-m", "cookiecutter", "--no-input", str(template_dir(template)),
            "--output-dir", str(tmp_path / "out"), f"database={database}",
        ],
        capture_output=True, text=True, env=isolated_cookiecutter, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (project,) = (tmp_path / "out").iterdir()
    after_next = result.stdout.split("Next:\n\n", 1)[1]
    steps = [line.strip() for line in after_next.split("\n\n", 1)[0].splitlines()]
    first = shell_blocks((project / "README.md").read_text())[0]
    assert steps == [f"cd {project.name}", *first.commands], (
        "the printed steps and the README's first block differ"
    )


@pytest.mark.parametrize("template", available_templates())
def test_readme_checks_are_the_ones_ci_runs(template: str, render) -> None:
    """The README's checks are the commands the generated CI pipeline runs (test_pipelines)."""
    rendered = render(every_combination(template)[0])
    checks = next(
        block
        for block in shell_blocks((rendered / "README.md").read_text())
        if block.section == "Tests and checks"
    )
    assert checks.commands == typed_steps(rendered.context, "test", "lint")
