"""Security headers on every response, the probes' included.

The probes are answered by health.middleware.ProbeMiddleware, ahead of SecurityMiddleware (whose
HTTPS redirect would refuse them), so SecurityHeadersMiddleware adds the headers SecurityMiddleware
adds, to any response still without them, and Permissions-Policy, which Django has no setting for.
CSPMiddleware adds the Content-Security-Policy.
"""

from collections.abc import Callable

import csp.middleware
from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

# What django-csp's decorators set on a response whose view changes the policy.
POLICY_CHANGES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


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


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the site's policy built once rather than for each response.

    Building it takes longer than answering a probe. A response whose view changes the policy, or
    whose page used a nonce, still has one built for it, as does every response while DEBUG is on
    (django-csp leaves Django's debug pages without one) or a report-only policy is set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        super().__init__(get_response)
        self.policy = build_policy()
        self.policy_is_fixed = not (
            settings.DEBUG
            or build_policy(report_only=True)
            or settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
        )

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        changed = used_a_nonce(request) or any(hasattr(response, name) for name in POLICY_CHANGES)
        if changed or not self.policy_is_fixed:
            return super().process_response(request, response)
        if HEADER not in response:
            response[HEADER] = self.policy
        return response


def used_a_nonce(request: HttpRequest) -> bool:
    """Whether the page asked django-csp for a nonce, which it then keeps on the request."""
    return getattr(request, "_csp_nonce", None) is not None
