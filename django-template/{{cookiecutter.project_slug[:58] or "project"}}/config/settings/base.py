"""Settings every environment shares.

local.py (a developer's machine), test.py (the test run) and production.py
(a server) start from these and change only what differs. Values come from the
environment: the real one, and on a developer's machine also .env, which local.py
loads before it imports this module.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

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
    "axes",
    "csp",
    {%- if cookiecutter.use_api %}
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    {%- endif %}
    "users",
    "pages",
    "health",
    {%- if cookiecutter.use_api %}
    "api",
    {%- endif %}
]

MIDDLEWARE = [
    # These three only add headers to responses: ahead of the probes, they add them to theirs too.
    "config.middleware.SecurityHeadersMiddleware",
    "config.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "health.middleware.ProbeMiddleware",
    # Answers visitors without cookies from the pages kept for them, skipping the middleware below.
    "config.visitor_cache.VisitorCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.storage.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Answers a login that django-axes refused with users.lockout.lockout_response.
    "axes.middleware.AxesMiddleware",
]

# How long a page kept for visitors without cookies is served again (config/visitor_cache.py).
VISITOR_CACHE_SECONDS = 60

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
# Options in the URL's query string (such as ?sslmode=require) win over the ones below.
database = env.db("DATABASE_URL", default=DEFAULT_DATABASE_URL)
{%- if cookiecutter.database == "postgresql" %}
DATABASES = {
    "default": {
        **database,
        # No pooler: each thread keeps its own connection for a minute, checked before a request's
        # first query, so a restarted database costs no request an error.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # A hung database fails requests rather than holding them: connecting gives up after
            # 5 seconds, a statement after 30.
            "connect_timeout": 5,
            "options": "-c statement_timeout=30000",
            **database.get("OPTIONS", {}),
        },
    }
}
{%- else %}
DATABASES = {
    "default": {
        **database,
        "OPTIONS": {
            # The threads of a process share the file: a transaction takes the write lock as it
            # begins, waiting up to 5 seconds for another's, rather than failing halfway with
            # "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            **database.get("OPTIONS", {}),
        },
    }
}
{%- endif %}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    # django-axes refuses a locked-out account or client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login protection (django-axes): AXES_FAILURE_LIMIT failed logins for one account, or
# LOGIN_FAILURES_PER_ADDRESS from one client address, each within AXES_COOLOFF_TIME of the one
# before, lock that account or address out until AXES_COOLOFF_TIME passes without another attempt.
# `python manage.py axes_reset` lifts every lockout; axes_reset_username and axes_reset_ip lift one.
AXES_HANDLER = "users.lockout.AccountAndAddressHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("DJANGO_LOGIN_FAILURES_PER_ADDRESS", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_CALLABLE = "users.lockout.lockout_response"
# Django's login forms, the admin's too, pass the name a user signs in with as username.
AXES_USERNAME_FORM_FIELD = "username"
# Successful logins are not recorded: that table would only grow, and User.last_login keeps the latest.
AXES_DISABLE_ACCESS_LOG = True
# No banner in the output of every command at start-up.
AXES_VERBOSE = False
# A client is the address its connection comes from; production.py reads X-Forwarded-For instead.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Content-Security-Policy (django-csp): pages load everything from this site alone (images also
# from data: URLs), embed no plugins, post forms only here, and no other site may frame them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the site never uses, refused to it and to anything it embeds.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

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
    "filters": {
        "skip_probe_answers": {"()": "health.log_filters.SkipProbeAnswers"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        # django-axes logs every login and its bookkeeping; its warnings, failures and lockouts, are enough.
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["skip_probe_answers"]},
    },
}
{%- if cookiecutter.use_api %}

# The largest request body Django reads (its default, 2.5 MB); the API answers a larger one 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

REST_FRAMEWORK = {
    # Scripts send a token from POST /api/token/; the site's pages use the session, with CSRF checks.
    # The token scheme comes first: a request with neither is answered 401 with WWW-Authenticate: Bearer.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON in and out: other bodies are answered 415, and the docs page at /api/docs/ takes the
    # place of DRF's HTML pages.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "{{ cookiecutter.project_name }} API",
    "DESCRIPTION": (
        "The JSON API of {{ cookiecutter.project_name }}. Scripts get a token from POST /api/token/ and send it "
        "as `Authorization: Bearer <token>`; the site's own pages use the session cookie and a CSRF token."
    ),
    "VERSION": "{{ cookiecutter.version }}",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response schemas, so that each states exactly what it holds.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from the site's own static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links, no link sits inside an operation's button, where screen readers cannot reach it.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
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
