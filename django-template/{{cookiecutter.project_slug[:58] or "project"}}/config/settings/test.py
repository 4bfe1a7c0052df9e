"""Settings for the test run (pytest picks them): fixed values, nothing read from .env."""

from .base import *

# Tests sign nothing that outlives them, so a fixed key is enough.
SECRET_KEY = "tests-only-not-secret-fixed-key-for-signing-nothing-that-outlives-a-test-run"

# Hashing passwords slowly on purpose only slows the tests down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A page kept for visitors would carry one test's page into the next; the cache's own tests turn it on.
VISITOR_CACHE_SECONDS = 0
