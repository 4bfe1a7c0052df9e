"""Limits on failed log-ins, per account and per client address, kept by Flask-Limiter.

Only failures count: the log-in view calls ``count_failed_login`` when the
credentials are wrong. An account, or a client address, with as many failures
within the window as LOGIN_LIMIT_PER_ACCOUNT or LOGIN_LIMIT_PER_CLIENT allow gets
429 for its next attempts, the error page and a Retry-After header, until the
oldest of those failures leaves the window.
{%- if cookiecutter.use_api %}

``POST /api/token`` takes credentials too and counts in the same limits, so
failures there and on the form add up; under /api the 429 is JSON.
{%- endif %}
{%- if cookiecutter.use_celery %}

The counts live in Redis (REDIS_URL), where every gunicorn worker shares them.
While Redis is unreachable, each process counts in its own memory.
{%- else %}

The counts live in each process's memory: every gunicorn worker counts on its
own, so a client can get up to WEB_CONCURRENCY times the limits, and a restart
forgets them.
{%- endif %}
"""

import ipaddress
from collections.abc import Callable
from math import ceil

from flask import Flask, current_app, g, request
from flask.wrappers import Response
from flask_limiter import Limiter, RouteLimit
from limits import parse_many
from werkzeug.exceptions import RequestEntityTooLarge

from ..config import ENV_PREFIX, ConfigError
from .models import EMAIL_MAX_LENGTH, normalize_email
from .request_hooks import init_for_blueprints

LIMIT_SETTINGS = ("LOGIN_LIMIT_PER_ACCOUNT", "LOGIN_LIMIT_PER_CLIENT")
# The endpoints that take credentials, and their blueprints: no other request spends any time on
# the limiter.
{%- if cookiecutter.use_api %}
LOGIN_ENDPOINTS = {"auth.login", "tokens.Token"}
{%- else %}
LOGIN_ENDPOINTS = {"auth.login"}
{%- endif %}
LOGIN_BLUEPRINTS = {endpoint.partition(".")[0] for endpoint in LOGIN_ENDPOINTS}


def client_key() -> str:
    """The client's address; an IPv6 client counts by its /64 network, all of which it may use."""
    address = request.remote_addr or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"client:{address}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is None:
            return f"client:{ipaddress.IPv6Network((ip, 64), strict=False)}"
        ip = ip.ipv4_mapped
    return f"client:{ip}"


def account_key() -> str:
    {%- if cookiecutter.use_api %}
    """The account the form or the JSON body names, as accounts store addresses."""
    {%- else %}
    """The account the form names, as accounts store addresses."""
    {%- endif %}
    email = normalize_email(posted_email())
    return f"account:{email[:EMAIL_MAX_LENGTH]}"


def posted_email() -> str:
    """The email address the request's body holds; "" if it holds none that can be read.

    Never an error: the limiter would take one for its storage failing.
    """
    {%- if cookiecutter.use_api %}
    try:
        if not request.is_json:
            return request.form.get("email", "")
        body = request.get_json(silent=True)
    except (RequestEntityTooLarge, RecursionError):
        # Over MAX_CONTENT_LENGTH, which the view answers with 413, or nested too deeply to
        # parse, which silent=True lets through.
        return ""
    email = body.get("email") if isinstance(body, dict) else None
    if not isinstance(email, str):
        return ""
    # A JSON escape such as \ud800 leaves half a character, which no storage key can hold.
    return email.encode(errors="replace").decode()
    {%- else %}
    try:
        return request.form.get("email", "")
    except RequestEntityTooLarge:
        # Over MAX_CONTENT_LENGTH: the view answers 413.
        return ""
    {%- endif %}


limiter = Limiter(
    client_key,
    # A failure counts for one whole window from when it happened.
    strategy="moving-window",
    # The Retry-After header on a 429, and the X-RateLimit-* headers on every log-in.
    headers_enabled=True,
)


@limiter.request_filter
def takes_no_credentials() -> bool:
    return request.endpoint not in LOGIN_ENDPOINTS


def count_failed_login() -> None:
    """Count this request's log-in as failed, for its account and its client."""
    g.failed_login = True


def failed_login(response: Response) -> bool:
    return bool(g.get("failed_login", False))


def setting(name: str) -> Callable[[], str]:
    """The limit the configuration holds, read on each request."""
    return lambda: str(current_app.config[name])


def lockout_message(whose: str, name: str) -> Callable[[], str]:
    def message() -> str:
        window = max(limit.get_expiry() for limit in parse_many(current_app.config[name]))
        return (
            f"Too many failed log-ins {whose}: wait up to {ceil(window / 60)} minutes, "
            "then try again."
        )

    return message


def failure_limit(name: str, key_func: Callable[[], str], whose: str) -> RouteLimit:
    """A decorator of a log-in view that refuses with 429 while the limit in setting ``name`` is
    reached. The limit is shared: every view it decorates counts in the same buckets."""
    return limiter.shared_limit(
        setting(name),
        "login",
        key_func=key_func,
        methods=["POST"],
        deduct_when=failed_login,
        error_message=lockout_message(whose, name),
    )


limit_failures_per_account = failure_limit(
    "LOGIN_LIMIT_PER_ACCOUNT", account_key, "for this account"
)
limit_failures_per_client = failure_limit("LOGIN_LIMIT_PER_CLIENT", client_key, "from your address")


def init_login_limits(app: Flask) -> None:
    """Check the limits, choose where the counts live, and bind the limiter to the app."""
    for name in LIMIT_SETTINGS:
        try:
            parse_many(app.config[name])
        except ValueError:
            raise ConfigError(
                f"{ENV_PREFIX}_{name}={app.config[name]!r} is not a rate limit: "
                "write it as, for example, '5 per 15 minutes'"
            ) from None
    {%- if cookiecutter.use_celery %}
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"])
    # A hung Redis holds a log-in for a second at most, then the process counts in memory.
    app.config.setdefault(
        "RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 1, "socket_timeout": 1}
    )
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    {%- else %}
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    {%- endif %}
    init_for_blueprints(app, limiter.init_app, LOGIN_BLUEPRINTS)
