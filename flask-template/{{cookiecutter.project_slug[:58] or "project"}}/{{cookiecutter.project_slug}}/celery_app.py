"""The Celery app for workers: ``celery -A <package>.celery_app worker``.

Like ``wsgi.py`` for gunicorn, it builds the Flask app from the environment.
``create_app`` has set Celery up on it, so the worker takes its settings from
the app's configuration and runs every task inside the app context.
"""

from celery import Celery
from flask.cli import load_dotenv

from . import create_app

# Read .env as the flask command does: a developer's worker runs the development
# configuration beside `flask run`. Variables already set win, and servers have no .env.
load_dotenv()
flask_app = create_app()
# `celery -A` looks for the attribute named `app`.
app: Celery = flask_app.extensions["celery"]
