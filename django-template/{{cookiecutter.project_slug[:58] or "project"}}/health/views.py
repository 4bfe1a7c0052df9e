"""Probes for the platform: /healthz (the process is up) and /readyz (it can serve).

health.middleware.ProbeMiddleware calls these views for those two paths, ahead of
the URLconf and the rest of the middleware.
"""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from .checks import run_checks

# No cache keeps an answer: written out, as never_cache's dated headers cost a probe a quarter of its time.
NOT_STORED = {"Cache-Control": "no-store"}


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answers without touching any other service: restart the process only if this fails."""
    return JsonResponse({"status": "ok"}, headers=NOT_STORED)


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Answers 503, naming what failed, while a service the site needs is not answering."""
    results = run_checks()
    if all(result == "ok" for result in results.values()):
        return JsonResponse({"status": "ok", "checks": results}, headers=NOT_STORED)
    return JsonResponse({"status": "unavailable", "checks": results}, status=503, headers=NOT_STORED)
