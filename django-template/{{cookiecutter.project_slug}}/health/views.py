"""Probes for the platform: /healthz (the process is up) and /readyz (it can serve)."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .checks import failing_checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answers without touching any other service: restart the process only if this fails."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Answers 503, naming what failed, while a service the site needs is not answering."""
    failing = failing_checks()
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing}, status=503)
    return JsonResponse({"status": "ok"})
