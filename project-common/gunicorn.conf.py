"""Gunicorn's settings, read from the environment the platform provides."""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Both logs go to the standard streams, where the platform collects them.
accesslog = "-"
errorlog = "-"
