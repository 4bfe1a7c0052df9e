"""A served project stays live, and says truthfully whether it is ready, while its database or broker hangs.

A hung server is not a stopped one: connections to it neither open nor fail. The
tests make one by stopping every process of a PostgreSQL cluster, or a Redis server,
with SIGSTOP, and resume it with SIGCONT. Both servers are private to these tests, on
ports of their own: the shared ones other tests use are never signalled. One variant
per template runs them: the first of the boot set that uses PostgreSQL and has a page
that reads the database, preferring one with Celery, for the broker.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import psycopg
import pytest
import redis
from booting import Project, Server, boot_variants_by_template, free_port, release, start_server
from clients import Answer, Client, create_django_superuser, register_flask_account, sign_in_to_django_admin
from support import unavailable
from variants import Variant

pytestmark = pytest.mark.boot

# What a liveness probe waits for, and what a readiness probe may take to notice a hung service.
HEALTHZ_SECONDS = 1.0
READYZ_SECONDS = 5.0
# How soon a resumed database is ready again.
RECOVERY_SECONDS = 5.0
# How long a request held by a frozen service may wait: longer than any test keeps it frozen.
HELD_SECONDS = 120.0
SERVER_START_SECONDS = 30


def reads_the_database_on_a_page(variant: Variant) -> bool:
    """Whether a request can be made to wait on the database: the API, an account or Django's admin."""
    return variant.template == "django" or bool(variant.answer("use_api") or variant.answer("use_auth"))


def uses_postgresql_on_a_page(variant: Variant) -> bool:
    return variant.answer("database") == "postgresql" and reads_the_database_on_a_page(variant)


@cache
def frozen_dependency_variants(config: pytest.Config) -> tuple[Variant, ...]:
    """For each template, the boot variant these tests run for."""
    found = boot_variants_by_template(
        config,
        uses_postgresql_on_a_page,
        "with PostgreSQL and a page that reads it: the frozen-dependency tests have nothing to run on",
    )
    return tuple(
        max(candidates, key=lambda variant: bool(variant.answer("use_celery"))) for candidates in found
    )


def is_chosen(variant: Variant, config: pytest.Config) -> bool:
    return variant in frozen_dependency_variants(config)


def is_chosen_with_celery(variant: Variant, config: pytest.Config) -> bool:
    return is_chosen(variant, config) and bool(variant.answer("use_celery"))


ONLY_FOR = {
    "test_healthz_answers_within_a_second_while_more_requests_than_workers_hang": is_chosen,
    "test_readyz_answers_503_naming_the_database_within_5_seconds_while_it_is_frozen": is_chosen,
    "test_readyz_answers_200_again_within_seconds_of_the_database_resuming": is_chosen,
    "test_no_request_answers_500_after_the_database_restarts": is_chosen,
    "test_a_failed_readiness_probe_logs_one_line_and_no_traceback": is_chosen,
    "test_readyz_answers_503_naming_the_broker_within_5_seconds_while_it_is_frozen": is_chosen_with_celery,
}


# --- Private servers ----------------------------------------------------------------------------


def postgres_programs() -> Path:
    """The folder of PostgreSQL's server programs: the newest under /usr/lib/postgresql, else on PATH."""
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    found = installed[-1] if installed else shutil.which("pg_ctl")
    if found is None or not (Path(found).parent / "initdb").exists():
        unavailable("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    return Path(found).parent


def processes_of(parent: int) -> list[int]:
    """The processes whose parent is ``parent``."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name, in parentheses, may hold spaces: the fields after it are fixed.
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


@contextmanager
def stopped_with_sigstop(pids: Callable[[], list[int]]) -> Iterator[None]:
    """The processes hang, their sockets open, until the block ends, however it ends."""
    stopped: list[int] = []
    try:
        # Listed again after each round: a process stopped first forks no new ones unseen.
        while remaining := [pid for pid in pids() if pid not in stopped]:
            for pid in remaining:
                with suppress(ProcessLookupError):  # a backend that ended meanwhile
                    os.kill(pid, signal.SIGSTOP)
                stopped.append(pid)
        yield
    finally:
        for pid in stopped:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of these tests' own, in a folder of its own, on a port of its own."""

    programs: Path
    folder: Path
    port: int
    # How a command runs as the cluster's owner: PostgreSQL refuses to run as root.
    as_owner: list[str]

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def pg_ctl(self, *arguments: str) -> None:
        argv = [*self.as_owner, str(self.programs / "pg_ctl"), "-D", str(self.data), *arguments]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=SERVER_START_SECONDS + 30)
        log = (self.folder / "postgres.log").read_text(errors="replace")[-2000:]
        assert result.returncode == 0, f"pg_ctl {' '.join(arguments)} failed:\n{result.stderr}\n{log}"

    def create(self) -> None:
        argv = [*self.as_owner, str(self.programs / "initdb"), "-D", str(self.data)]
        result = subprocess.run(
            [*argv, "-U", "postgres", "--auth=trust", "--no-sync"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"initdb failed:\n{result.stdout}{result.stderr}"
        self.start()

    def start(self) -> None:
        self.pg_ctl(*self.server_options(), "start")

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("-w", "-m", mode, "stop")

    def restart(self) -> None:
        self.pg_ctl(*self.server_options(), "-m", "fast", "restart")

    def server_options(self) -> list[str]:
        """Wait until it serves; log to its file, not to pg_ctl's output, which would stay open."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.folder / "postgres.log")
        return ["-w", "-t", str(SERVER_START_SECONDS), "-l", log, "-o", options]

    def processes(self) -> list[int]:
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        return [postmaster, *processes_of(postmaster)]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    @contextmanager
    def frozen(self) -> Iterator[None]:
        with stopped_with_sigstop(self.processes):
            yield

    @contextmanager
    def stopped(self) -> Iterator[None]:
        self.stop()
        try:
            yield
        finally:
            self.start()


@dataclass
class PrivateRedis:
    """A Redis server of these tests' own, keeping nothing on disk."""

    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @contextmanager
    def frozen(self) -> Iterator[None]:
        with stopped_with_sigstop(lambda: [self.process.pid]):
            yield


@pytest.fixture(scope="module")
def postgres(project: Project) -> Iterator[PrivatePostgres]:
    programs = postgres_programs()
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            unavailable("running as root, and there is no postgres user to run a PostgreSQL cluster as")
    # Outside pytest's own folders, which only their owner may enter.
    folder = Path(tempfile.mkdtemp(prefix="frozen-postgres-"))
    as_owner = []
    if owner is not None:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]
    cluster = PrivatePostgres(programs, folder, free_port(), as_owner)
    try:
        cluster.create()
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{project.context["project_slug"]}"')
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            for pid in cluster.processes():
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def broker(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateRedis | None]:
    """A private Redis for a Celery variant; None for the others."""
    if "REDIS_URL" not in project.services:
        yield None
        return
    program = shutil.which("redis-server")
    if program is None:
        unavailable("redis-server is not installed")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    argv = [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with (folder / "redis.log").open("w") as log:
        process = subprocess.Popen([*argv, "--dir", str(folder)], stdout=log, stderr=subprocess.STDOUT)
    server = PrivateRedis(process, port)
    try:
        client = redis.Redis.from_url(server.url, socket_connect_timeout=1)
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not answers_ping(client):
            assert process.poll() is None and time.monotonic() < deadline, (
                f"redis-server did not start:\n{(folder / 'redis.log').read_text()}"
            )
            time.sleep(0.1)
        yield server
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=30)


def answers_ping(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def services(postgres: PrivatePostgres, broker: PrivateRedis | None, project: Project) -> dict[str, str]:
    """The private servers' addresses, in the variables the project reads."""
    addresses = {"DATABASE_URL": postgres.url(project.context["project_slug"])}
    if broker is not None:
        addresses["REDIS_URL"] = broker.url
    return addresses


@pytest.fixture(scope="module")
def served(project: Project, services: dict[str, str], tmp_path_factory) -> Iterator[Server]:
    """The release, migrated into the private database and served as in production."""
    failures = release(project, {**project.production_env, **services})
    assert not failures, "the release steps failed:\n" + "\n".join(failures)
    server = start_server(project, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", **services)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def read_from_the_database(
    project: Project, served: Server, services: dict[str, str]
) -> Callable[[float], Answer]:
    """A request whose answer needs the database: the API's list, or a page for a signed-in user."""
    client = Client(served)
    if project.variant.template == "django":
        staff = create_django_superuser(project, {**project.production_env, **services}, "staff")
        sign_in_to_django_admin(client, project, staff)
        path = "/{DJANGO_ADMIN_URL}".format_map(project.production_env)
    elif project.context["use_api"]:
        path = "/api/items"
    else:
        # Flask-Login loads the signed-in user from the database on every request.
        register_flask_account(client)
        path = "/"

    def _read(timeout: float) -> Answer:
        return Client(served, cookies=dict(client.cookies)).get(path, timeout=timeout)

    assert _read(10).status == 200, f"GET {path} failed before any service was touched: {_read(10)}"
    return _read


def gunicorn_setting(project: Project, variable: str, default: int) -> int:
    return int(project.production_env.get(variable) or default)


def timed(request: Callable[[], Answer]) -> tuple[Answer | None, float]:
    """The answer (None when there was none in time) and the seconds it took."""
    started = time.monotonic()
    try:
        answer: Answer | None = request()
    except OSError:
        answer = None
    return answer, time.monotonic() - started


def check_result(answer: Answer | None, name: str) -> str:
    try:
        return str(answer.json()["checks"][name]) if answer else "no answer"
    except (ValueError, KeyError, TypeError):
        return "not named"


# --- The behaviours -----------------------------------------------------------------------------


def test_healthz_answers_within_a_second_while_more_requests_than_workers_hang(
    project: Project,
    served: Server,
    postgres: PrivatePostgres,
    read_from_the_database: Callable[[float], Answer],
) -> None:
    held = gunicorn_setting(project, "WEB_CONCURRENCY", 2) + 1
    # A gthread worker takes connections whatever its free threads: one whose every thread is
    # held would queue the probe. The guarantee holds while a worker has threads to spare.
    threads = gunicorn_setting(project, "GUNICORN_THREADS", 4)
    assert held < threads, (
        f"the documented settings let {held} held requests take all {threads} threads of one worker"
    )
    with ThreadPoolExecutor(held) as pool, postgres.frozen():
        waiting: list[Future[Answer]] = [
            pool.submit(read_from_the_database, HELD_SECONDS) for _ in range(held)
        ]
        time.sleep(1)
        still_waiting = sum(not request.done() for request in waiting)
        answer, seconds = timed(lambda: Client(served).get("/healthz", timeout=HEALTHZ_SECONDS + 9))
    print(f"/healthz with {held} requests held by the frozen database: {seconds:.3f} s")
    assert still_waiting == held, f"only {still_waiting} of {held} requests waited on the frozen database"
    assert answer is not None and answer.status == 200 and seconds < HEALTHZ_SECONDS, (
        f"with {held} requests waiting on a frozen database, /healthz answered "
        f"{answer or 'nothing'} after {seconds:.2f} s (limit {HEALTHZ_SECONDS} s)\n{served.output()}"
    )


def assert_readyz_reports_frozen(served: Server, frozen: AbstractContextManager[None], check: str) -> None:
    """While ``frozen`` holds a service, /readyz answers 503 in time, naming the service's check."""
    with frozen:
        answer, seconds = timed(lambda: Client(served).get("/readyz", timeout=READYZ_SECONDS + 10))
    print(f"/readyz with the {check} frozen: {answer and answer.status} in {seconds:.3f} s")
    assert answer is not None and answer.status == 503 and check_result(answer, check) != "ok", (
        f"/readyz with the {check} frozen answered {answer or 'nothing'} after {seconds:.2f} s\n"
        + served.output()
    )
    assert seconds < READYZ_SECONDS, f"/readyz took {seconds:.2f} s to report the frozen {check}"


def test_readyz_answers_503_naming_the_database_within_5_seconds_while_it_is_frozen(
    served: Server, postgres: PrivatePostgres
) -> None:
    assert_readyz_reports_frozen(served, postgres.frozen(), "database")


def test_readyz_answers_200_again_within_seconds_of_the_database_resuming(
    served: Server, postgres: PrivatePostgres
) -> None:
    client = Client(served)
    with postgres.frozen():
        timed(lambda: client.get("/readyz", timeout=READYZ_SECONDS + 10))
    resumed = time.monotonic()
    answer, _ = timed(lambda: client.get("/readyz", timeout=RECOVERY_SECONDS))
    while (answer is None or answer.status != 200) and time.monotonic() - resumed < RECOVERY_SECONDS:
        time.sleep(0.2)
        answer, _ = timed(lambda: client.get("/readyz", timeout=RECOVERY_SECONDS))
    seconds = time.monotonic() - resumed
    print(f"/readyz ready again {seconds:.3f} s after the database resumed")
    assert answer is not None and answer.status == 200, (
        f"{RECOVERY_SECONDS} s after the database resumed, /readyz answered {answer or 'nothing'}\n"
        + served.output()
    )


def test_no_request_answers_500_after_the_database_restarts(
    project: Project,
    served: Server,
    postgres: PrivatePostgres,
    read_from_the_database: Callable[[float], Answer],
) -> None:
    # Bursts as wide as every thread of every worker, so that each holds a connection, then meets it closed.
    slots = gunicorn_setting(project, "WEB_CONCURRENCY", 2) * gunicorn_setting(project, "GUNICORN_THREADS", 4)

    def burst() -> list[Answer | None]:
        with ThreadPoolExecutor(slots) as pool:
            return list(pool.map(lambda _: timed(lambda: read_from_the_database(30))[0], range(slots)))

    for _ in range(2):
        burst()
    postgres.restart()
    answers = [answer for _ in range(3) for answer in burst()]
    failed = [
        str(answer) if answer else "no answer" for answer in answers if answer is None or answer.status >= 500
    ]
    assert not failed, (
        f"{len(failed)} of {len(answers)} requests after a database restart failed: {failed[:3]}\n"
        + served.output()
    )


def settled_length(log: Path) -> int:
    """The log's length once earlier requests have finished writing to it: unchanged for half a second."""
    length = len(log.read_text(errors="replace"))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(0.5)
        previous, length = length, len(log.read_text(errors="replace"))
        if length == previous:
            break
    return length


def test_a_failed_readiness_probe_logs_one_line_and_no_traceback(
    served: Server, postgres: PrivatePostgres
) -> None:
    before = settled_length(served.log)
    with postgres.stopped():
        answer = Client(served).get("/readyz")
        time.sleep(0.5)
        written = served.log.read_text(errors="replace")[before:]
    assert answer.status == 503, f"/readyz with the database stopped answered {answer}"
    lines = [line for line in written.splitlines() if '"GET /readyz ' not in line]
    assert len(lines) == 1 and "Traceback" not in written, (
        f"one failed readiness probe logged {len(lines)} lines:\n{written[-4000:]}"
    )


def test_readyz_answers_503_naming_the_broker_within_5_seconds_while_it_is_frozen(
    served: Server, broker: PrivateRedis
) -> None:
    assert_readyz_reports_frozen(served, broker.frozen(), "broker")
