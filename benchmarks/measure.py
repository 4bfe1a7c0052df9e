"""Print how fast a template renders, and how a generated project boots and answers under gunicorn.

Each figure for a generated project is set beside the same figure for a bare
app of the same framework, served by the same gunicorn from the same virtual
environment in the same run, so the cost of what the template adds is visible.

    .venv/bin/python benchmarks/measure.py flask
    .venv/bin/python benchmarks/measure.py django --runs 5 --requests 500
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cookiecutter.generate import generate_context
from cookiecutter.main import cookiecutter
from cookiecutter.prompt import prompt_for_config

ROOT = Path(__file__).resolve().parent.parent

BARE_APPS = {
    "flask": (
        "bare_app.py",
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "@app.get('/healthz')\ndef healthz():\n    return {'status': 'ok'}\n",
        "bare_app:app",
    ),
    "django": (
        "bare_app.py",
        "from django.conf import settings\nfrom django.core.wsgi import get_wsgi_application\n"
        "from django.http import JsonResponse\nfrom django.urls import path\n\n"
        "settings.configure(DEBUG=False, ALLOWED_HOSTS=['*'], ROOT_URLCONF=__name__, SECRET_KEY='x' * 50)\n"
        "urlpatterns = [path('healthz', lambda request: JsonResponse({'status': 'ok'}))]\n"
        "app = get_wsgi_application()\n",
        "bare_app:app",
    ),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    # Sent as the TLS-terminating proxy in front of a production deployment would.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()
        return response.status


def boot_and_load(argv: list[str], cwd: Path, env: dict, requests: int) -> tuple[float, float]:
    """Seconds from spawning gunicorn to the first 200 on /healthz, and the mean latency after that."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*argv, "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{argv} exited with {process.returncode}")
            try:
                if get(url) == 200:
                    break
            except OSError:
                time.sleep(0.01)
        boot = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(requests):
            get(url)
        latency = (time.perf_counter() - started) / requests
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    return boot, latency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("template", choices=sorted(BARE_APPS))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="measure-"))
    template = ROOT / f"{args.template}-template"
    # The project is installed for the interpreter that runs this script.
    extra_context = {"python_version": f"{sys.version_info.major}.{sys.version_info.minor}"}
    render_times = []
    for run in range(args.runs):
        started = time.perf_counter()
        project = Path(
            cookiecutter(
                str(template),
                no_input=True,
                output_dir=str(workdir / f"render{run}"),
                extra_context=extra_context,
            )
        )
        render_times.append(time.perf_counter() - started)
    render_ms = statistics.median(render_times) * 1000
    print(f"render {args.template} (default answers): median {render_ms:.0f} ms over {args.runs} runs")

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}
    }
    env["UV_PYTHON_DOWNLOADS"] = "never"
    # The project's commands run through uv: the one this environment installed, first on PATH.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", os.defpath)])
    subprocess.run(["uv", "sync", "--quiet", "--python", sys.executable], cwd=project, env=env, check=True)
    # The answers, with the template's tables for running production settings outside a deployment.
    answers = prompt_for_config(
        generate_context(context_file=str(template / "cookiecutter.json"), extra_context=extra_context),
        no_input=True,
    )
    env.update(answers["_build_env"])
    env.update(answers["__production_env"])
    env.update((name, secrets.token_urlsafe(50)) for name in answers["__deployment_secrets"] if name)
    env["DATABASE_URL"] = f"sqlite:///{workdir / 'measure.sqlite3'}"
    commands = answers["__commands"]
    for command in [*commands["build"], commands["migrate"]]:
        subprocess.run(["uv", "run", *command], cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
    bare_file, bare_source, bare_target = BARE_APPS[args.template]
    (project / bare_file).write_text(bare_source)
    gunicorn = str(project / ".venv" / "bin" / "gunicorn")
    # The serve command starts gunicorn: the same arguments, given to the environment's gunicorn.
    generated_argv = [gunicorn, *commands["serve"][1:]]
    for label, argv in (("bare app", [gunicorn, bare_target]), ("generated project", generated_argv)):
        boots, latencies = zip(
            *(boot_and_load(argv, project, env, args.requests) for _ in range(args.runs)), strict=True
        )
        print(
            f"{label:>17}: boot to first /healthz 200 median {statistics.median(boots) * 1000:.0f} ms, "
            f"/healthz latency {statistics.median(latencies) * 1000:.2f} ms "
            f"(median of {args.runs} means of {args.requests} sequential requests)"
        )


if __name__ == "__main__":
    main()
