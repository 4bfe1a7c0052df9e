"""The configuration layers: class, settings file, environment; and the start-up checks."""

from pathlib import Path

import pytest

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import (
    CONFIG_VARIABLE,
    ENV_PREFIX,
    SECRET_KEY_VARIABLE,
    SETTINGS_VARIABLE,
    ConfigError,
    TestingConfig,
    normalize_database_url,
)


@pytest.mark.usefixtures("production_secrets")
def test_production_is_the_default() -> None:
    app = create_app()
    assert not app.debug
    assert not app.testing
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_create_app_argument_names_the_class() -> None:
    assert create_app("development").debug


def test_create_app_accepts_a_class() -> None:
    class Custom(TestingConfig):
        SITE_NAME = "Custom"

    assert create_app(Custom).config["SITE_NAME"] == "Custom"


def test_config_variable_names_the_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_VARIABLE, "testing")
    assert create_app().testing


def test_create_app_argument_wins_over_the_config_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(CONFIG_VARIABLE, "testing")
    app = create_app("development")
    assert app.debug
    assert not app.testing


def test_unknown_config_name_fails_naming_the_variable_and_the_choices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(CONFIG_VARIABLE, "staging")
    with pytest.raises(ConfigError) as failure:
        create_app()
    message = str(failure.value)
    assert CONFIG_VARIABLE in message
    assert "'staging'" in message
    assert "development, testing, production" in message


def test_settings_file_overrides_the_class(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = tmp_path / "settings.py"
    settings.write_text('SITE_NAME = "From the settings file"\n')
    monkeypatch.setenv(SETTINGS_VARIABLE, str(settings))
    assert create_app("testing").config["SITE_NAME"] == "From the settings file"


def test_missing_settings_file_fails_naming_the_variable_and_the_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.py"
    monkeypatch.setenv(SETTINGS_VARIABLE, str(missing))
    with pytest.raises(ConfigError, match=SETTINGS_VARIABLE) as failure:
        create_app("testing")
    assert str(missing) in str(failure.value)


def test_broken_settings_file_fails_naming_the_variable_and_the_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("SITE_NAME = (\n")
    monkeypatch.setenv(SETTINGS_VARIABLE, str(broken))
    with pytest.raises(ConfigError, match=SETTINGS_VARIABLE) as failure:
        create_app("testing")
    assert str(broken) in str(failure.value)


def test_prefixed_environment_overrides_the_settings_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.py"
    settings.write_text('SITE_NAME = "From the settings file"\n')
    monkeypatch.setenv(SETTINGS_VARIABLE, str(settings))
    monkeypatch.setenv(f"{ENV_PREFIX}_SITE_NAME", "From the environment")
    monkeypatch.setenv(f"{ENV_PREFIX}_LOG_LEVEL", "WARNING")
    app = create_app("testing")
    assert app.config["SITE_NAME"] == "From the environment"
    assert app.config["LOG_LEVEL"] == "WARNING"


def test_database_url_names_the_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert create_app("testing").config["SQLALCHEMY_DATABASE_URI"] == url


def test_prefixed_database_uri_wins_over_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-database-url.sqlite3")
    monkeypatch.setenv(f"{ENV_PREFIX}_SQLALCHEMY_DATABASE_URI", "sqlite://")
    assert create_app("testing").config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"


@pytest.mark.parametrize(
    "url",
    [
        "postgres://user:secret@db.example.com:5432/app",
        "postgresql://user:secret@db.example.com:5432/app",
    ],
)
def test_postgres_urls_use_the_psycopg_driver(url: str) -> None:
    assert normalize_database_url(url) == "postgresql+psycopg://user:secret@db.example.com:5432/app"


def test_create_app_reads_no_dotenv_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"{ENV_PREFIX}_SITE_NAME=From the dotenv file\n")
    monkeypatch.chdir(tmp_path)
    assert create_app("testing").config["SITE_NAME"] == TestingConfig.SITE_NAME


def test_production_refuses_to_start_without_a_secret_key() -> None:
    with pytest.raises(ConfigError, match=f"{SECRET_KEY_VARIABLE} is not set"):
        create_app("production")


def test_production_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_KEY_VARIABLE, "too-short")
    with pytest.raises(ConfigError, match=f"{SECRET_KEY_VARIABLE} is too short"):
        create_app("production")


@pytest.mark.usefixtures("production_secrets")
def test_production_sends_cookies_over_https_only() -> None:
    config = create_app("production").config
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    {%- if cookiecutter.use_auth %}
    assert config["REMEMBER_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert config["REMEMBER_COOKIE_SAMESITE"] == "Lax"
    {%- endif %}
{%- if cookiecutter.use_auth %}


@pytest.mark.usefixtures("production_secrets")
def test_production_hashes_passwords_with_scrypt() -> None:
    assert create_app("production").config["PASSWORD_HASH_METHOD"] == "scrypt", (
        "only the tests may hash passwords the fast way"
    )
{%- endif %}
