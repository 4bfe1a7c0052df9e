"""The benchmark keeps working: one short round of each template's full variant writes every figure.

The full variants take every path the benchmark has (PostgreSQL, Redis, the API list with
its rows and, for Django, its token). Their figures are not judged here: a benchmark's
numbers belong to the machine that ran it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from variants import ROOT

# One run of the benchmark serves every test here: they share one test process.
pytestmark = [pytest.mark.boot, pytest.mark.xdist_group("benchmark")]

MEASURES = ("requests/s", "p50 ms", "p99 ms", "worker CPU us/request")
FIGURES = {
    "worker RSS MiB",
    "worker PSS MiB",
    "worker USS MiB",
    "import of the WSGI module ms",
    *(
        f"{path} {measure}"
        for path in ("/healthz", "/", "/ with a cookie", "/readyz", "API list")
        for measure in MEASURES
    ),
}
VARIANTS = ["flask-full", "django-full"]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory, postgres_admin, redis_url) -> dict:
    """One short round of each full variant, against this run's PostgreSQL and Redis."""
    figures_file = tmp_path_factory.mktemp("benchmark") / "figures.json"
    result = subprocess.run(
        [
            sys.executable, str(ROOT / "benchmarks" / "measure.py"), "--quick", "--json", str(figures_file),
            *(f"--only={variant}" for variant in VARIANTS),
        ],
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "DATABASE_URL": postgres_admin, "REDIS_URL": redis_url},
    )  # fmt: skip
    assert result.returncode == 0, f"the benchmark failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return json.loads(figures_file.read_text())


@pytest.mark.parametrize("measured", VARIANTS)
def test_the_quick_benchmark_measures_every_figure_of_each_variant(quick_run: dict, measured: str) -> None:
    figures = quick_run["variants"][measured]["figures"]
    assert set(figures) == FIGURES, f"{measured}: figures differ from {sorted(FIGURES)}"
    unmeasured = [
        figure
        for figure, row in figures.items()
        if not all(value > 0 for value in row["bare"] + row["project"])
    ]
    assert not unmeasured, f"{measured}: figures without a measure: {unmeasured}"
