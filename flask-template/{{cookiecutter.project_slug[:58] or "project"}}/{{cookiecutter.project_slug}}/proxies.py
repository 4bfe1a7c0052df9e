"""The proxies in front of the app, whose forwarded headers it believes.

A proxy appends the address of the client it serves to X-Forwarded-For, and
states the scheme the client used in X-Forwarded-Proto. With TRUSTED_PROXIES
set to N, the app takes the client's address from the Nth entry counted from
the end, the one its own proxy wrote: entries a client sent itself come before
it and change nothing. With 0, both headers are ignored.
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import ENV_PREFIX, ConfigError


def trust_proxies(app: Flask) -> None:
    count = app.config["TRUSTED_PROXIES"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ConfigError(
            f"{ENV_PREFIX}_TRUSTED_PROXIES={count!r}: give the number of proxies in front of "
            "the app, 0 when clients connect to it directly"
        )
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
