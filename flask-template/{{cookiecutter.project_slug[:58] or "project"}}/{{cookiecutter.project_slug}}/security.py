"""Security headers sent with every response."""

from flask import Response, current_app

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


def add_security_headers(response: Response) -> Response:
    """Set the security headers, and HSTS where the configuration asks for it."""
    headers = response.headers
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value
    if hsts := current_app.config["STRICT_TRANSPORT_SECURITY"]:
        headers["Strict-Transport-Security"] = hsts
    return response
