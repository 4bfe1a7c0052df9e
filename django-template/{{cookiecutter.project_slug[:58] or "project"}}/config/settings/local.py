"""Settings for a developer's machine: debugging on, values from the git-ignored .env."""

from .base import *

# Only this module reads .env: servers get the real environment, tests need none.
env.read_env(BASE_DIR / ".env")

DEBUG = True

SECRET_KEY = env("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# Read again now that .env is loaded: it may name another database{% if cookiecutter.use_celery %} or Redis{% endif %}.
DATABASES = {"default": env.db("DATABASE_URL", default=DEFAULT_DATABASE_URL)}
{%- if cookiecutter.use_celery %}
REDIS_URL = env("REDIS_URL", default=REDIS_URL)
CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
{%- endif %}
