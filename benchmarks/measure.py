"""Benchmark each template's default and full project against a bare app of the same framework.

    .venv/bin/python benchmarks/measure.py                     # 3 interleaved rounds of 5 s per figure
    .venv/bin/python benchmarks/measure.py --rounds 5 --seconds 10 --json figures.json
    .venv/bin/python benchmarks/measure.py --quick --only flask-default   # one short round

For each variant the script renders the project with the ``cookiecutter`` command, installs
it with ``uv sync``, migrates it with the production settings, and writes a bare app beside
it: the same endpoints written the shortest way the framework allows. Both are served from
the project's virtual environment by gunicorn with the project's own gunicorn.conf.py (the
same threads and logging; two workers, each taking an equal share of wrk's connections), and
driven in turn by wrk (installed from Debian's packages when missing) in interleaved rounds, so
that the machine's drift weighs on both alike. Every figure is printed as bare, project and
project/bare (min, median and max over the rounds), with the goal it is held to, and written as
JSON with ``--json``.

The project's variables come from its .env.example, its production selection and fresh
random secrets; PostgreSQL and Redis are the servers DATABASE_URL and REDIS_URL name
(default: this machine's), in a database made for the run and dropped after it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

ROOT = Path(__file__).resolve().parent.parent
# The boot tests' own way of deploying a project: its production variables and release steps.
sys.path.insert(0, str(ROOT / "tests"))
from deployment import production_environment, read_dotenv, release_steps  # noqa: E402

BIN = Path(sys.executable).parent
POSTGRES_URL = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# Redis database the full variants use, away from the ones the tests use.
REDIS_DATABASE = "14"
FULL = {"database": "postgresql", "use_api": True, "use_celery": True}
VARIANTS = {
    "flask-default": ("flask", {}),
    "flask-full": ("flask", {**FULL, "use_auth": True}),
    "django-default": ("django", {}),
    "django-full": ("django", FULL),
}
# What each app answers, by the name of the figure: the project's path and the bare app's.
PAGES = {"/healthz": "/healthz", "/": "/", "/ with a cookie": "/", "/readyz": "/readyz"}
ENDPOINTS = {
    "flask": {**PAGES, "API list": "/api/items"},
    "django": {**PAGES, "API list": "/api/notes/"},
}
BARE_PATHS = {**PAGES, "API list": "/api/list"}
# The headers both apps' requests carry, by figure. The projects serve their home page to
# visitors without cookies from a kept copy: a visitor with a cookie (any) gets one made anew.
SENT_TO_BOTH = {"/ with a cookie": ["Cookie: returning=yes"]}
# The rows the API lists: as many as one page of the project's API holds.
LIST_QUERIES = {
    "flask": "SELECT id, name, description, created_at, updated_at FROM items ORDER BY id LIMIT 20",
    "django": "SELECT id, title, body, created_at, updated_at FROM api_note ORDER BY id LIMIT 20",
}
SEED_ROWS = 20
# Two workers, as on a 2-core machine, each taking an equal share of wrk's connections: left to
# themselves, one worker may accept nearly all of them, and the round then measures one core.
WORKERS = 2
CONNECTIONS = 16
WRK_THREADS = 2
# Imports of the WSGI module per round, the fastest of which is the round's figure.
IMPORT_TRIES = 3


@dataclass(frozen=True)
class Goal:
    """A bound on a figure's median project/bare ratio."""

    at_least: float | None = None
    at_most: float | None = None

    def met_by(self, ratio: float) -> bool:
        return (self.at_least is None or ratio >= self.at_least) and (
            self.at_most is None or ratio <= self.at_most
        )

    def __str__(self) -> str:
        return f">= {self.at_least}" if self.at_least is not None else f"<= {self.at_most}"


def goals(variant: str) -> dict[str, Goal]:
    """The ratios a variant is held to: a full project may cost more than a default one."""
    full = variant.endswith("-full")
    return {
        "/healthz requests/s": Goal(at_least=0.9),
        "/ requests/s": Goal(at_least=0.8 if variant.startswith("flask") else 0.7),
        "worker RSS MiB": Goal(at_most=1.8 if full else 1.3),
        "import of the WSGI module ms": Goal(at_most=2.0 if full else 1.5),
    }


BARE_FLASK = '''\
"""A bare Flask app: the benchmark's endpoints, written the shortest way."""

import os

from flask import Flask
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["BARE_DATABASE_URL"], pool_pre_ping=True)
broker = None
if os.environ.get("BARE_REDIS_URL"):
    import redis

    broker = redis.Redis.from_url(os.environ["BARE_REDIS_URL"], socket_timeout=1)
# Compiled once, as Flask's template loader caches a template file.
PAGE = app.jinja_env.from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p>It works.</p></main></body></html>""")


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/")
def home():
    return PAGE.render(title="Bare")


@app.get("/readyz")
def readyz():
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    if broker is not None:
        broker.ping()
    return {"status": "ok"}


@app.get("/api/list")
def api_list():
    with engine.connect() as connection:
        rows = connection.execute(text(os.environ["BARE_LIST_QUERY"])).mappings().all()
    return [dict(row) for row in rows]
'''

BARE_DJANGO = '''\
"""A bare Django app: the benchmark's endpoints, written the shortest way."""

import os

import environ
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import Context, Engine
from django.urls import path

database = environ.Env.db_url_config(os.environ["DATABASE_URL"])
settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY=os.environ["BARE_SECRET_KEY"],
    DATABASES={"default": {**database, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}},
)
broker = None
if os.environ.get("BARE_REDIS_URL"):
    import redis

    broker = redis.Redis.from_url(os.environ["BARE_REDIS_URL"], socket_timeout=1)
PAGE = Engine().from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p>It works.</p></main></body></html>""")


def healthz(request):
    return JsonResponse({"status": "ok"})


def home(request):
    return HttpResponse(PAGE.render(Context({"title": "Bare"})))


def readyz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    if broker is not None:
        broker.ping()
    return JsonResponse({"status": "ok"})


def api_list(request):
    with connection.cursor() as cursor:
        cursor.execute(os.environ["BARE_LIST_QUERY"])
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return JsonResponse(rows, safe=False)


urlpatterns = [
    path("healthz", healthz),
    path("", home),
    path("readyz", readyz),
    path("api/list", api_list),
]
app = get_wsgi_application()
'''

# Adds rows for the API to list. Django's lists only a user's own rows: it also makes that user and
# prints the header its client sends; Flask's list is public.
SEED = {
    "flask": """
from {slug} import create_app
from {slug}.api.models import Item
from {slug}.extensions import db

app = create_app()
with app.app_context():
    db.session.add_all(Item(name=f"Item {{n}}", description="x" * 200) for n in range({rows}))
    db.session.commit()
""",
    "django": """
import django
django.setup()
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from api.models import Note

User = get_user_model()
user = User.objects.create_user(**{{User.USERNAME_FIELD: "bench@example.com"}}, password="{password}")
Note.objects.bulk_create(Note(owner=user, title=f"Note {{n}}", body="x" * 200) for n in range({rows}))
print("Authorization: Bearer " + Token.objects.create(user=user).key)
""",
}


# --- Serving and loading ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    base_url: str

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in children.split()]

    def cpu_seconds(self) -> float:
        """CPU time its workers have used: user and system, every thread."""
        total = 0
        for pid in self.workers():
            with suppress(FileNotFoundError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def memory_mib(self) -> dict[str, float]:
        """Mean RSS, PSS and USS of its workers."""
        sums = {"RSS": 0.0, "PSS": 0.0, "USS": 0.0}
        workers = self.workers()
        for pid in workers:
            rollup = dict(
                (line.split(":")[0], int(line.split()[1]))
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
            )
            sums["RSS"] += rollup["Rss"] / 1024
            sums["PSS"] += rollup["Pss"] / 1024
            sums["USS"] += (rollup["Private_Clean"] + rollup["Private_Dirty"]) / 1024
        return {name: value / len(workers) for name, value in sums.items()}


@contextmanager
def serving(name: str, argv: list[str], cwd: Path, env: dict[str, str], log: Path) -> Iterator[Server]:
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [*argv, "--bind", f"127.0.0.1:{port}"], cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    server = Server(name, process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while not answers_200(server.base_url + "/healthz"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{name} did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        # Each worker imports the app as it starts: wait until every one has.
        time.sleep(1)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def answers_200(url: str) -> bool:
    # As the TLS-terminating proxy in front of a production deployment sends it.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def ensure_wrk() -> str:
    if found := shutil.which("wrk"):
        return found
    print("wrk is missing; installing it from Debian's packages", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or sys.exit("wrk could not be installed: apt-get install wrk")


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    cpu_us_per_request: float


def load(wrk: str, server: Server, path: str, headers: list[str], seconds: float) -> Load:
    """Drive one endpoint with wrk; fail on any answer but 2xx."""
    argv = [wrk, f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency"]
    argv += ["-H", "X-Forwarded-Proto: https"]
    for header in headers:
        argv += ["-H", header]
    cpu_before = server.cpu_seconds()
    result = subprocess.run([*argv, server.base_url + path], capture_output=True, text=True, check=True)
    cpu = server.cpu_seconds() - cpu_before
    output = result.stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise SystemExit(f"{server.name} {path} answered errors under load:\n{output}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return Load(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=milliseconds(re.search(r"^\s+50%\s+(\S+)$", output, re.MULTILINE).group(1)),
        p99_ms=milliseconds(re.search(r"^\s+99%\s+(\S+)$", output, re.MULTILINE).group(1)),
        cpu_us_per_request=cpu / max(requests, 1) * 1e6,
    )


def import_ms(python: Path, module: str, cwd: Path, env: dict[str, str]) -> float:
    """Milliseconds the module takes to import in a fresh interpreter, interpreter start excluded."""
    code = (
        "import importlib, sys, time\n"
        "started = time.perf_counter()\n"
        "importlib.import_module(sys.argv[1])\n"
        "print((time.perf_counter() - started) * 1000)\n"
    )
    result = subprocess.run(
        [str(python), "-c", code, module], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return float(result.stdout.split()[-1])


# --- One variant --------------------------------------------------------------------------------


@dataclass
class Figures:
    """Each figure's values over the rounds, for the bare app and for the project."""

    bare: dict[str, list[float]] = field(default_factory=dict)
    project: dict[str, list[float]] = field(default_factory=dict)
    once: dict[str, float] = field(default_factory=dict)

    def add(self, kind: str, figure: str, value: float) -> None:
        getattr(self, kind).setdefault(figure, []).append(value)


@contextmanager
def fresh_database(name: str) -> Iterator[str]:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(POSTGRES_URL)
    try:
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure_variant(name: str, args: argparse.Namespace, workdir: Path, wrk: str) -> Figures:
    template, answers = VARIANTS[name]
    template_dir = ROOT / f"{template}-template"
    figures = Figures()
    python_version = f"{sys.version_info.major}.{sys.version_info.minor}"
    cli_answers = {"python_version": python_version, **answers}
    cli = [
        str(BIN / "cookiecutter"), "--no-input", str(template_dir),
        *(f"{key}={'yes' if value is True else value}" for key, value in cli_answers.items()),
    ]  # fmt: skip
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}
    }
    env.update(UV_PYTHON=sys.executable, UV_PYTHON_DOWNLOADS="never")
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", os.defpath)])

    render_seconds = []
    for attempt in range(args.rounds):
        output = workdir / f"{name}-render-{attempt}"
        started = time.perf_counter()
        subprocess.run([*cli, "--output-dir", str(output)], env=env, check=True, capture_output=True)
        render_seconds.append(time.perf_counter() - started)
    figures.once["render ms (the cookiecutter command)"] = statistics.median(render_seconds) * 1000
    project = next((workdir / f"{name}-render-0").iterdir())

    started = time.perf_counter()
    subprocess.run([str(BIN / "uv"), "sync", "--quiet"], cwd=project, env=env, check=True)
    figures.once["install s (uv sync, warm cache)"] = time.perf_counter() - started

    context = prompt_for_config(
        generate_context(context_file=str(template_dir / "cookiecutter.json"), extra_context=cli_answers),
        no_input=True,
    )
    with ExitStack() as services:
        database_url = (
            services.enter_context(fresh_database(f"bench_{name.replace('-', '_')}"))
            if answers.get("database") == "postgresql"
            else f"sqlite:///{project / 'bench.sqlite3'}"
        )
        services = {"DATABASE_URL": database_url}
        if answers.get("use_celery"):
            services["REDIS_URL"] = urlunsplit(urlsplit(REDIS_URL)._replace(path="/" + REDIS_DATABASE))
        documented = read_dotenv(project / ".env.example")
        production = production_environment(context, documented, env, services)
        production["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1"
        production["WEB_CONCURRENCY"] = str(WORKERS)
        commands = context["__commands"]
        venv_bin = project / ".venv" / "bin"
        for command in release_steps(context):
            argv = [str(venv_bin / command[0]), *command[1:]]
            subprocess.run(argv, cwd=project, env=production, check=True, stdout=subprocess.DEVNULL)

        # The headers only the project's requests carry, by figure: its API's credentials.
        headers: dict[str, list[str]] = {}
        endpoints = dict(ENDPOINTS[template])
        if answers.get("use_api"):
            seed = SEED[template].format(
                slug=context["project_slug"], rows=SEED_ROWS, password=secrets.token_urlsafe()
            )
            seeded = subprocess.run(
                [str(venv_bin / "python"), "-c", seed], cwd=project, env=production,
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            headers["API list"] = [line for line in seeded.stdout.splitlines() if line]
        else:
            del endpoints["API list"]

        bare_dir = workdir / f"{name}-bare"
        bare_dir.mkdir()
        (bare_dir / "bare_app.py").write_text(BARE_FLASK if template == "flask" else BARE_DJANGO)
        sqlalchemy_url = re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", database_url)
        bare_env = {
            **production,
            "BARE_DATABASE_URL": sqlalchemy_url,
            "BARE_SECRET_KEY": secrets.token_urlsafe(48),
            "BARE_LIST_QUERY": LIST_QUERIES[template],
            "BARE_REDIS_URL": production.get("REDIS_URL", ""),
        }
        config = str(project / "gunicorn.conf.py")
        gunicorn = str(venv_bin / "gunicorn")
        share = ["--worker-connections", str(CONNECTIONS // WORKERS)]
        project_argv = [gunicorn, *share, *commands["serve"][1:]]
        bare_argv = [gunicorn, *share, "--config", config, "--chdir", str(bare_dir), "bare_app:app"]
        wsgi_module = commands["serve"][-1].split(":")[0]

        imports = {
            "bare": (venv_bin / "python", "bare_app", bare_dir, bare_env),
            "project": (venv_bin / "python", wsgi_module, project, production),
        }
        for _ in range(args.rounds):
            # Each round keeps the fastest of a few tries, taken in turn: a single import's time
            # swings with whatever else the machine is doing at that moment.
            tries: dict[str, list[float]] = {kind: [] for kind in imports}
            for _ in range(IMPORT_TRIES):
                for kind, (python, module, cwd, environment) in imports.items():
                    tries[kind].append(import_ms(python, module, cwd, environment))
            for kind, times in tries.items():
                figures.add(kind, "import of the WSGI module ms", min(times))

        with (
            serving(f"{name} bare", bare_argv, bare_dir, bare_env, workdir / f"{name}-bare.log") as bare,
            serving(
                f"{name} project", project_argv, project, production, workdir / f"{name}-project.log"
            ) as served,
        ):
            servers = {"bare": (bare, BARE_PATHS), "project": (served, endpoints)}

            def sent(kind: str, figure: str) -> list[str]:
                only_project = headers.get(figure, []) if kind == "project" else []
                return [*SENT_TO_BOTH.get(figure, []), *only_project]

            for kind, (server, paths) in servers.items():
                for figure in endpoints if args.warm_up else ():  # first requests build things lazily
                    load(wrk, server, paths[figure], sent(kind, figure), 1)
            for round_number in range(args.rounds):
                order = ["bare", "project"] if round_number % 2 == 0 else ["project", "bare"]
                for figure in endpoints:
                    for kind in order:
                        server, paths = servers[kind]
                        result = load(wrk, server, paths[figure], sent(kind, figure), args.seconds)
                        figures.add(kind, f"{figure} requests/s", result.requests_per_second)
                        figures.add(kind, f"{figure} p50 ms", result.p50_ms)
                        figures.add(kind, f"{figure} p99 ms", result.p99_ms)
                        figures.add(kind, f"{figure} worker CPU us/request", result.cpu_us_per_request)
                for kind, (server, _) in servers.items():
                    for memory, value in server.memory_mib().items():
                        figures.add(kind, f"worker {memory} MiB", value)
    return figures


# --- Reporting ----------------------------------------------------------------------------------


def ratios(figures: Figures, figure: str) -> list[float]:
    """project/bare per round: the rounds were interleaved, so each pair shares the machine's state."""
    return [
        project / bare
        for bare, project in zip(figures.bare[figure], figures.project[figure], strict=True)
        if bare
    ]


def report(name: str, figures: Figures) -> dict:
    held_to = goals(name)
    print(f"\n{name}")
    print(f"  {'figure':<38} {'bare':>10} {'project':>10}   project/bare min / median / max   goal")
    rows = {}
    for figure, bare_values in figures.bare.items():
        bare, project = statistics.median(bare_values), statistics.median(figures.project[figure])
        spread = ratios(figures, figure)
        low, middle, high = min(spread), statistics.median(spread), max(spread)
        goal = held_to.get(figure)
        met = goal is None or goal.met_by(middle)
        verdict = f"{goal} {'met' if met else 'MISSED'}" if goal else ""
        spread_text = f"{low:5.2f} / {middle:5.2f} / {high:5.2f}x"
        print(f"  {figure:<38} {bare:>10.1f} {project:>10.1f}   {spread_text:<32} {verdict}")
        rows[figure] = {
            "bare": bare_values, "project": figures.project[figure], "ratios": spread,
            "ratio_median": middle, "goal": str(goal) if goal else None, "met": met,
        }  # fmt: skip
    for figure, value in figures.once.items():
        print(f"  {figure:<38} {'':>10} {value:>10.1f}")
    return {"figures": rows, "once": figures.once}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(VARIANTS), help="a variant (repeatable)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per figure (default 3)")
    parser.add_argument(
        "--seconds", type=float, default=5, help="seconds wrk drives each endpoint (default 5)"
    )
    parser.add_argument("--quick", action="store_true", help="one round of 1 s, no warm-up: a smoke run")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    args.warm_up = not args.quick
    if args.quick:
        args.rounds, args.seconds = 1, 1
    wrk = ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="benchmark-"))
    started_load = os.getloadavg()
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    method = (
        f"gunicorn {WORKERS} workers, wrk -t{WRK_THREADS} -c{CONNECTIONS} -d{args.seconds:g}s, "
        f"{args.rounds} interleaved round(s)"
    )
    print(f"{machine}; {method}; load average {started_load[0]:.2f}")
    results = {}
    try:
        for name in args.only or list(VARIANTS):
            results[name] = report(name, measure_variant(name, args, workdir, wrk))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    ended_load = os.getloadavg()
    print(f"\nload average {started_load[0]:.2f} before, {ended_load[0]:.2f} after")
    if args.json:
        machine = {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load": [started_load, ended_load],
        }
        settings = {
            "rounds": args.rounds, "seconds": args.seconds, "workers": WORKERS,
            "connections": CONNECTIONS, "threads": WRK_THREADS,
        }  # fmt: skip
        args.json.write_text(
            json.dumps({"machine": machine, "settings": settings, "variants": results}, indent=2)
        )


if __name__ == "__main__":
    main()
