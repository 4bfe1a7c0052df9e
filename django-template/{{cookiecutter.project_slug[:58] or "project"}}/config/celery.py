"""The Celery app that runs the background tasks: `celery -A config worker` starts a worker.

A worker runs on servers beside gunicorn, so like config/wsgi.py it defaults to the
production settings; DJANGO_SETTINGS_MODULE, when set, names others.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("config")
# Every CELERY_* Django setting configures Celery: CELERY_BROKER_URL is its broker_url.
app.config_from_object("django.conf:settings", namespace="CELERY")
# Finds the tasks.py of each installed app.
app.autodiscover_tasks()
