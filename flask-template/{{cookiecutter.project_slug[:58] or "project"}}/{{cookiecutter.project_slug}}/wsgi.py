"""The WSGI application for servers: ``gunicorn <package>.wsgi:app``."""

from . import create_app

app = create_app()
