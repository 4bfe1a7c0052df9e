"""Settings for a server: values come from the real environment, never from .env.

Every variable read here is listed, with an example, in .env.example.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *

# What signs sessions and tokens must be long, random and this deployment's own.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the DJANGO_SECRET_KEY environment variable.")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak: use at least 50 random characters, for example "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
# Earlier keys, still accepted for what they signed, while a new key takes over.
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
{%- if cookiecutter.database == "postgresql" %}

# A server names its database: base.py's default is a developer's.
if not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured("Set the DATABASE_URL environment variable.")
{%- endif %}

# An address only the staff know keeps the admin's login page out of most scans.
ADMIN_URL = env("DJANGO_ADMIN_URL", default=ADMIN_URL)

# The site is served over HTTPS behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Login protection counts failures per client address: the one the outermost proxy saw. Each proxy
# appends its caller's address to X-Forwarded-For, so the client is the entry DJANGO_PROXY_COUNT
# from the header's end; entries before it the client sent itself, and they are passed over rather
# than making the header unusable (IPWARE_STRICT). ipware counts only the proxies the header names:
# the nearest one is REMOTE_ADDR.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=1)
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    IPWARE_STRICT = False

# WhiteNoise serves the collected files, compressed and with content-hashed names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
}
