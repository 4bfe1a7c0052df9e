"""The WSGI application for servers: ``gunicorn {{ cookiecutter.project_slug }}.wsgi:app``."""

from {{ cookiecutter.project_slug }} import create_app

app = create_app()
