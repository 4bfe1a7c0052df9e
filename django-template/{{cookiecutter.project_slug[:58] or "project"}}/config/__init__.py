{% if cookiecutter.use_celery -%}
# Loaded whenever Django is, so that each app's @shared_task functions bind to this Celery app.
from .celery import app as celery_app

__all__ = ("celery_app",)
{% endif -%}
