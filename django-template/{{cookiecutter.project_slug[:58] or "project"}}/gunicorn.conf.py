{# Copied from project-common/gunicorn.conf.py by scripts/sync.py: edit that file, then run it. -#}
"""Gunicorn's settings, read from the environment the platform provides."""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
# Threaded workers: a request stuck on a hung database holds one thread, not a whole
# process, so the other threads go on answering, /healthz among them.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Both logs go to the standard streams, where the platform collects them.
accesslog = "-"
errorlog = "-"
