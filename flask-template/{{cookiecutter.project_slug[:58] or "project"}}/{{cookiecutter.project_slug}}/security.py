"""Security headers sent with every response."""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from flask import Flask

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # Only the app's own files: its stylesheet, and no inline scripts or styles.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    # Browser features the site never uses, refused to it and to anything it embeds.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def send_security_headers(app: Flask) -> None:
    """Send the security headers with every response, and HSTS where the configuration asks."""
    headers = dict(SECURITY_HEADERS)
    if hsts := app.config["STRICT_TRANSPORT_SECURITY"]:
        headers["Strict-Transport-Security"] = hsts
    app.wsgi_app = SecurityHeaders(app.wsgi_app, headers)  # type: ignore[method-assign]


class SecurityHeaders:
    """WSGI middleware adding the headers a response does not set itself.

    They join the list the server sends in one step: werkzeug's ``Headers`` would check and
    replace them one by one, a cost as large as a probe's own.
    """

    def __init__(self, app: "WSGIApplication", headers: Mapping[str, str]) -> None:
        self.app = app
        self.headers = [(name.lower(), (name, value)) for name, value in headers.items()]

    def __call__(
        self, environ: "WSGIEnvironment", start_response: "StartResponse"
    ) -> Iterable[bytes]:
        def start_with_headers(
            status: str, headers: list[tuple[str, str]], exc_info: object = None
        ) -> object:
            present = {name.lower() for name, _ in headers}
            headers.extend(header for name, header in self.headers if name not in present)
            return start_response(status, headers, exc_info)  # type: ignore[arg-type]

        return self.app(environ, start_with_headers)  # type: ignore[arg-type]
