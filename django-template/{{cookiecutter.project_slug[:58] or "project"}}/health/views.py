"""Probes for the platform: /healthz (the process is up) and /readyz (it can serve).

health.middleware.ProbeMiddleware calls these views for those two paths, ahead of
the URLconf and the rest of the middleware.
"""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .checks import run_checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answers without touching any other service: restart the process only if this fails."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Answers 503, naming what failed, while a service the site needs is not answering."""
    results = run_checks()
    if all(result == "ok" for result in results.values()):
        return JsonResponse({"status": "ok", "checks": results})
    return JsonResponse({"status": "unavailable", "checks": results}, status=503)
