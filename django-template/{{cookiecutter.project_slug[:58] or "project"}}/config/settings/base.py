"""Settings every environment shares.

local.py (a developer's machine), test.py (the test run) and production.py
(a server) start from these and change only what differs. Values come from the
environment: the real one, and on a developer's machine also .env, which local.py
loads before it imports this module.
"""

from pathlib import Path

import django_stubs_ext
import environ

# Lets classes that django-stubs types as generic, such as ModelAdmin[Note], be subscripted at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The one reader of environment variables for every settings module.
env = environ.Env()

SITE_NAME = "{{ cookiecutter.project_name }}"

DEBUG = False

ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    {%- if cookiecutter.use_api %}
    "rest_framework",
    "drf_spectacular",
    {%- endif %}
    "users",
    "pages",
    "health",
    {%- if cookiecutter.use_api %}
    "api",
    {%- endif %}
]

MIDDLEWARE = [
    "health.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# The admin's address; production reads it from DJANGO_ADMIN_URL.
ADMIN_URL = "admin/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# The database of a developer's machine and of the tests, unless DATABASE_URL names another.
{%- if cookiecutter.database == "postgresql" %}
DEFAULT_DATABASE_URL = "postgres://postgres@localhost:5432/{{ cookiecutter.project_slug }}"
{%- else %}
DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
{%- endif %}
DATABASES = {"default": env.db("DATABASE_URL", default=DEFAULT_DATABASE_URL)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Everything logs to standard output, where the platform (or the terminal) collects it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
}
{%- if cookiecutter.use_api %}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "{{ cookiecutter.project_name }} API",
    "DESCRIPTION": "The JSON API of {{ cookiecutter.project_name }}.",
    "VERSION": "{{ cookiecutter.version }}",
    "SERVE_INCLUDE_SCHEMA": False,
}
{%- endif %}
{%- if cookiecutter.use_celery %}

# Celery sends tasks to the worker through Redis, and the worker sends their results back the same way.
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
# A worker that starts before Redis keeps trying to reach it (Celery 6 will without being asked).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The worker logs through LOGGING, to standard output, instead of replacing its handlers with its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The tasks Celery beat sends, each with its interval in seconds.
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {"task": "users.tasks.clear_expired_sessions", "schedule": 24 * 60 * 60},
}
{%- endif %}
