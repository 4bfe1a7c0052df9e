"""Security headers on every response, the probes' included.

The probes are answered by health.middleware.ProbeMiddleware, ahead of SecurityMiddleware (whose
HTTPS redirect would refuse them), so this adds the headers SecurityMiddleware adds, to any
response still without them, and Permissions-Policy, which Django has no setting for.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Read once: a probe then costs a few dictionary look-ups.
        self.headers = {
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
            "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
            "X-Content-Type-Options": "nosniff",
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response
