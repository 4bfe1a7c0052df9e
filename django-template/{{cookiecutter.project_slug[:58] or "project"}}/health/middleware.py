"""Answer the platform's probes before anything else looks at the request.

Load balancers and container health checks call /healthz and /readyz by IP
address and over plain HTTP; answering here, ahead of SecurityMiddleware and
CommonMiddleware in MIDDLEWARE, keeps the HTTPS redirect and host validation,
which would refuse them, out of their way. Only the middleware that adds
security headers to every response runs before this.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .views import healthz, readyz

PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
