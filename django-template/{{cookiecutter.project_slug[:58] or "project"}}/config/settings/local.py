"""Settings for a developer's machine: debugging on, values from the git-ignored .env."""

from pathlib import Path

import environ

# Only this module reads .env: servers get the real environment, tests need none. It is read
# before base.py builds the shared settings, so every variable base.py reads can be set there;
# a variable already set in the real environment wins over .env.
environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env")

from .base import *  # noqa: E402

DEBUG = True

SECRET_KEY = env("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
