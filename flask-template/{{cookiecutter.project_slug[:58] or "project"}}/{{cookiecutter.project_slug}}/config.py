"""Configuration, in three layers, each overriding the one before.

1. A class from this module: the one ``create_app`` is given,
   else the one named by {{ cookiecutter.__env_prefix }}_CONFIG,
   else ``production``.
2. The Python settings file named by {{ cookiecutter.__env_prefix }}_SETTINGS,
   when it is set; a relative path is taken from the instance folder.
3. The environment: DATABASE_URL for the database, then every variable
   prefixed {{ cookiecutter.__env_prefix }}_ (for example {{ cookiecutter.__env_prefix }}_SECRET_KEY sets SECRET_KEY).
   Values that read as JSON (numbers, true, false) are decoded.
{%- if cookiecutter.use_celery %}
   REDIS_URL, read like DATABASE_URL, names Redis for Celery's broker and results.
{%- endif %}

Then the class checks the result, so that a server never starts half-configured.
"""

import os
from collections.abc import Mapping
{%- if cookiecutter.use_celery or cookiecutter.database == "postgresql" %}
from typing import Any, ClassVar
{%- else %}
from typing import Any
{%- endif %}

from flask import Flask

ENV_PREFIX = "{{ cookiecutter.__env_prefix }}"
CONFIG_VARIABLE = f"{ENV_PREFIX}_CONFIG"
SETTINGS_VARIABLE = f"{ENV_PREFIX}_SETTINGS"
SECRET_KEY_VARIABLE = f"{ENV_PREFIX}_SECRET_KEY"
{%- if cookiecutter.use_api and not cookiecutter.use_auth %}
API_TOKEN_VARIABLE = f"{ENV_PREFIX}_API_TOKEN"
{%- endif %}
MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError):
    """The configuration cannot work; the message names the variable to fix."""


class Config:
    """Settings every environment shares."""

    SITE_NAME = "{{ cookiecutter.project_name }}"
    SECRET_KEY: str | None = None
    {%- if cookiecutter.database == "postgresql" %}
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://postgres@localhost:5432/{{ cookiecutter.project_slug }}"
    # Each process pools 5 connections, and opens up to 10 more at peaks (SQLAlchemy's defaults).
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {
        # Tested before each use, so that a restarted server fails no request.
        "pool_pre_ping": True,
        # A hung server fails a new connection after 5 s; the server ends statements after 30 s.
        "connect_args": {"connect_timeout": 5, "options": "-c statement_timeout=30000"},
    }
    {%- else %}
    # Relative to the instance folder.
    SQLALCHEMY_DATABASE_URI = "sqlite:///{{ cookiecutter.project_slug }}.sqlite3"
    {%- endif %}
    LOG_LEVEL = "INFO"
    # Larger request bodies are refused with 413 before they are read.
    MAX_CONTENT_LENGTH = 1024 * 1024
    # How long a page kept for visitors without cookies is served again (visitor_cache.py).
    VISITOR_CACHE_SECONDS = 60
    {%- if cookiecutter.use_api and cookiecutter.use_auth %}
    # Seconds a token from /api/token stays valid.
    API_TOKEN_MAX_AGE = 3600
    {%- elif cookiecutter.use_api %}
    # The bearer token that API writes need.
    API_TOKEN: str | None = None
    {%- endif %}
    {%- if cookiecutter.use_celery %}
    # Celery's broker and result backend.
    REDIS_URL = "redis://127.0.0.1:6379/0"
    # Further Celery settings, by Celery's own lowercase names.
    CELERY: ClassVar[dict[str, Any]] = {
        "task_ignore_result": True,
        "broker_connection_retry_on_startup": True,
    }
    {%- endif %}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    {%- if cookiecutter.use_auth %}
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # How account passwords are hashed: a method werkzeug's generate_password_hash knows.
    PASSWORD_HASH_METHOD = "scrypt"
    {%- endif %}
    STRICT_TRANSPORT_SECURITY: str | None = None
    # Proxies in front of the app whose X-Forwarded-For and X-Forwarded-Proto it believes.
    TRUSTED_PROXIES = 0
    {%- if cookiecutter.use_auth %}
    # Failed log-ins allowed within the window, per account and per client address; more
    # answer 429 until the oldest of them leaves the window.
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_CLIENT = "20 per 15 minutes"
    {%- endif %}

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        """Refuse settings this environment cannot run with."""


class DevelopmentConfig(Config):
    """``flask run`` on a developer's machine."""

    DEBUG = True
    SECRET_KEY = "development-only-not-secret"
    LOG_LEVEL = "DEBUG"


class TestingConfig(Config):
    """The test suite."""

    TESTING = True
    SECRET_KEY = "testing-only-not-secret"
    # A page kept for visitors would carry one test's page into the next; its own tests turn it on.
    VISITOR_CACHE_SECONDS = 0
    {%- if cookiecutter.use_api and not cookiecutter.use_auth %}
    API_TOKEN = "testing-only-not-secret"
    {%- endif %}
    {%- if cookiecutter.use_auth %}
    WTF_CSRF_ENABLED = False
    # Hashing passwords slowly on purpose only slows the tests down.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
    {%- if cookiecutter.use_celery %}
    # Each test's app counts failed log-ins afresh.
    RATELIMIT_STORAGE_URI = "memory://"
    {%- endif %}
    {%- endif %}


class ProductionConfig(Config):
    """Servers: secure cookies, HSTS, and a real secret key."""

    # Whatever FLASK_DEBUG says: a server never runs the debugger.
    DEBUG = False
    SESSION_COOKIE_SECURE = True
    {%- if cookiecutter.use_auth %}
    REMEMBER_COOKIE_SECURE = True
    {%- endif %}
    STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"
    # Served behind the HTTPS proxy that the secure cookies and HSTS assume.
    TRUSTED_PROXIES = 1

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        check_secret(settings, "SECRET_KEY", SECRET_KEY_VARIABLE, "a secret key")
        {%- if cookiecutter.use_api and not cookiecutter.use_auth %}
        check_secret(settings, "API_TOKEN", API_TOKEN_VARIABLE, "an API token")
        {%- endif %}


def check_secret(settings: Mapping[str, Any], key: str, variable: str, what: str) -> None:
    """Refuse a secret that is missing or short, naming the variable that sets it."""
    secret = settings.get(key)
    if not secret:
        raise ConfigError(
            f"{variable} is not set: production needs {what} of at least {MIN_SECRET_LENGTH} "
            "characters, for example from "
            '`python -c "import secrets; print(secrets.token_urlsafe(48))"`'
        )
    if len(str(secret)) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"{variable} is too short: production needs at least {MIN_SECRET_LENGTH} characters"
        )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(app: Flask, config: str | type[Config] | None = None) -> None:
    """Fill ``app.config`` from the three layers, then check it."""
    config_class = resolve_config_class(config)
    app.config.from_object(config_class)
    load_settings_file(app)
    if database_url := os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    {%- if cookiecutter.use_celery %}
    if redis_url := os.environ.get("REDIS_URL"):
        app.config["REDIS_URL"] = redis_url
    {%- endif %}
    app.config.from_prefixed_env(ENV_PREFIX)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    config_class.check(app.config)


def resolve_config_class(config: str | type[Config] | None) -> type[Config]:
    """The class ``create_app`` was given, or the one it or the environment names."""
    if isinstance(config, type):
        return config
    name = config or os.environ.get(CONFIG_VARIABLE) or "production"
    try:
        return CONFIGS[name]
    except KeyError:
        raise ConfigError(
            f"Unknown configuration {name!r}: set {CONFIG_VARIABLE} to one of {', '.join(CONFIGS)}"
        ) from None


def load_settings_file(app: Flask) -> None:
    """Apply the settings file, if one is named; a file that fails to load stops start-up."""
    path = os.environ.get(SETTINGS_VARIABLE)
    if not path:
        return
    try:
        app.config.from_envvar(SETTINGS_VARIABLE)
    except Exception as error:
        raise ConfigError(
            f"{SETTINGS_VARIABLE}={path}: cannot load the settings file: {error}"
        ) from error


def normalize_database_url(url: str) -> str:
    """Use the psycopg 3 driver for the postgres:// and postgresql:// URLs platforms hand out."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url
