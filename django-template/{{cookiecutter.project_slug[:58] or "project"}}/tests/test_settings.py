"""Which settings module each entry point picks, who reads .env, and what production refuses to start with."""

import importlib
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
{%- if cookiecutter.database == "postgresql" %}
from django.db import connection
{%- endif %}
from django.test import RequestFactory, override_settings

# Runs an entry point's module-level code without starting Django, then prints the module it chose.
PRINT_CHOSEN_SETTINGS = """
import os
from unittest import mock

mock.patch("django.core.management.execute_from_command_line").start()
mock.patch("django.core.wsgi.get_wsgi_application").start()
mock.patch("django.core.asgi.get_asgi_application").start()
{entry_point}
print(os.environ["DJANGO_SETTINGS_MODULE"])
"""

ENTRY_POINTS = {
    "manage.py": "import manage; manage.main()",
    "config/wsgi.py": "import config.wsgi",
    "config/asgi.py": "import config.asgi",
    {%- if cookiecutter.use_celery %}
    "config/celery.py": "import config.celery",
    {%- endif %}
}

STRONG_KEY = "Xq7-rT2_vLp9-Zk4_mNw8-Hs3_bYc6-Fd1_gJu5-Ke0_oPi2-Wa7_"


def run_python(
    code: str, cwd: Path | str = settings.BASE_DIR, **environment: str
) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter, in cwd, whose environment holds no Django variables but these.

    For what a process does as it starts: choose its settings module, read .env.
    """
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("entry_point", "expected"),
    [
        ("manage.py", "config.settings.local"),
        ("config/wsgi.py", "config.settings.production"),
        ("config/asgi.py", "config.settings.production"),
        {%- if cookiecutter.use_celery %}
        ("config/celery.py", "config.settings.production"),
        {%- endif %}
    ],
)
def test_each_entry_point_has_its_default_settings(entry_point: str, expected: str) -> None:
    result = run_python(PRINT_CHOSEN_SETTINGS.format(entry_point=ENTRY_POINTS[entry_point]))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_a_set_django_settings_module_wins_over_the_default(entry_point: str) -> None:
    result = run_python(
        PRINT_CHOSEN_SETTINGS.format(entry_point=ENTRY_POINTS[entry_point]),
        DJANGO_SETTINGS_MODULE="config.settings.test",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "config.settings.test"


def test_pytest_defaults_to_the_test_settings_without_forcing_them() -> None:
    pytest_options = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["tool"]["pytest"]

    assert pytest_options["ini_options"]["DJANGO_SETTINGS_MODULE"] == "config.settings.test"
    assert "--ds" not in pytest_options["ini_options"]["addopts"]


def run_beside_dotenv(
    project: Path, dotenv: str, code: str, **environment: str
) -> subprocess.CompletedProcess[str]:
    """Run code in a copy of config/ whose project directory holds this .env instead of the real one."""
    shutil.copytree(
        settings.BASE_DIR / "config", project / "config", ignore=shutil.ignore_patterns("__pycache__")
    )
    (project / ".env").write_text(dotenv)
    return run_python(code, cwd=project, **environment)


def test_the_local_settings_build_every_value_from_dotenv(tmp_path: Path) -> None:
    database = tmp_path / "from-dotenv.sqlite3"
    result = run_beside_dotenv(
        tmp_path,
        f"DJANGO_SECRET_KEY=key-from-dotenv\nDATABASE_URL=sqlite:///{database}\n",
        "from config.settings import local; print(local.SECRET_KEY, local.DATABASES['default']['NAME'])",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["key-from-dotenv", str(database)]


def test_the_real_environment_wins_over_dotenv(tmp_path: Path) -> None:
    database = tmp_path / "from-environment.sqlite3"
    result = run_beside_dotenv(
        tmp_path,
        "DJANGO_SECRET_KEY=key-from-dotenv\nDATABASE_URL=sqlite:///from-dotenv.sqlite3\n",
        "from config.settings import local; print(local.DATABASES['default']['NAME'])",
        DATABASE_URL=f"sqlite:///{database}",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(database)


@pytest.mark.parametrize(
    ("module", "reads_dotenv"), [("local", True), ("test", False), ("production", False)]
)
def test_only_the_local_settings_read_dotenv(tmp_path: Path, module: str, reads_dotenv: bool) -> None:
    result = run_beside_dotenv(
        tmp_path,
        "SET_BY_DOTENV=yes\n",
        f"import os, config.settings.{module}; print(os.environ.get('SET_BY_DOTENV', 'no'))",
        **production_environment(),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("yes" if reads_dotenv else "no")


def production_environment(**overrides: str) -> dict[str, str]:
    environment = {
        "DJANGO_SECRET_KEY": STRONG_KEY,
        "DJANGO_ALLOWED_HOSTS": "www.example.com",
        "DATABASE_URL": "postgres://app@db.example.com:5432/app",
    }
    return {**environment, **overrides}


@pytest.fixture
def load_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., ModuleType]]:
    """Import a settings module afresh, in an environment with no Django variables but the given ones.

    The test run's own settings are untouched: Django read them at start-up, and the modules
    imported here are taken out of sys.modules again afterwards.
    """
    package = sys.modules["config.settings"]
    prefix = "config.settings."
    imported_before = {name: module for name, module in sys.modules.items() if name.startswith(prefix)}

    def forget_settings_modules() -> None:
        for name in [name for name in sys.modules if name.startswith(prefix)]:
            del sys.modules[name]
            vars(package).pop(name.removeprefix(prefix), None)

    def load(module: str, **environment: str) -> ModuleType:
        for variable in [name for name in os.environ if name.startswith("DJANGO_") or name == "DATABASE_URL"]:
            monkeypatch.delenv(variable)
        for variable, value in environment.items():
            monkeypatch.setenv(variable, value)
        forget_settings_modules()
        return importlib.import_module(prefix + module)

    yield load
    forget_settings_modules()
    for name, module in imported_before.items():
        sys.modules[name] = module
        setattr(package, name.removeprefix(prefix), module)


def test_production_settings_load_with_a_strong_key(load_settings: Callable[..., ModuleType]) -> None:
    production = load_settings("production", **production_environment())

    assert production.DEBUG is False
    assert production.SECRET_KEY == STRONG_KEY


def test_production_settings_refuse_to_start_without_a_secret_key(
    load_settings: Callable[..., ModuleType],
) -> None:
    environment = production_environment()
    del environment["DJANGO_SECRET_KEY"]

    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        load_settings("production", **environment)


@pytest.mark.parametrize(
    "weak_key",
    [
        pytest.param("too-short-" * 4, id="shorter than 50 characters"),
        pytest.param("abcd" * 20, id="fewer than 5 distinct characters"),
        pytest.param("django-insecure-" + STRONG_KEY, id="django's placeholder prefix"),
    ],
)
def test_production_settings_refuse_to_start_with_a_weak_secret_key(
    load_settings: Callable[..., ModuleType], weak_key: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is too weak"):
        load_settings("production", **production_environment(DJANGO_SECRET_KEY=weak_key))


def test_production_settings_refuse_to_start_without_allowed_hosts(
    load_settings: Callable[..., ModuleType],
) -> None:
    environment = production_environment()
    del environment["DJANGO_ALLOWED_HOSTS"]

    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS"):
        load_settings("production", **environment)
{%- if cookiecutter.database == "postgresql" %}


def test_production_settings_refuse_to_start_without_a_database_url(
    load_settings: Callable[..., ModuleType],
) -> None:
    environment = production_environment()
    del environment["DATABASE_URL"]

    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        load_settings("production", **environment)
{%- endif %}


@pytest.mark.parametrize(
    ("proxies", "client"),
    [
        pytest.param("1", "203.0.113.9", id="the address the one proxy saw"),
        pytest.param("2", "198.51.100.1", id="the address the outer of two proxies saw"),
        pytest.param("0", "10.0.0.2", id="the connection's address without a proxy"),
    ],
)
def test_production_counts_login_failures_per_address_the_proxies_saw(
    load_settings: Callable[..., ModuleType], proxies: str, client: str
) -> None:
    production = load_settings("production", **production_environment(DJANGO_PROXY_COUNT=proxies))
    how_to_find_the_client = {
        name: value
        for name, value in vars(production).items()
        if name.startswith(("AXES_IPWARE_", "IPWARE_"))
    }
    # From a proxy at 10.0.0.2, with an X-Forwarded-For that starts with an address the client wrote itself.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9"
    )

    with override_settings(**how_to_find_the_client):
        assert get_client_ip_address(request) == client
{%- if cookiecutter.database == "postgresql" %}


@pytest.mark.django_db
def test_database_statements_time_out_after_30_seconds() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("30s",)


def test_connecting_to_the_database_gives_up_after_5_seconds() -> None:
    assert connection.get_connection_params()["connect_timeout"] == 5
{%- endif %}
