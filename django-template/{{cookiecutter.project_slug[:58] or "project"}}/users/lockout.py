"""Login protection (django-axes): a limit for each account and a larger one for each client address.

The settings are in config/settings/base.py, beside AXES_HANDLER and AXES_LOCKOUT_CALLABLE, which
name the two things here.
"""

from math import ceil
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import pluralize


def failures(attempts: QuerySet[AccessAttempt]) -> int:
    total: int | None = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit of its own for a client address.

    Axes compares one count with AXES_FAILURE_LIMIT: the larger of the account's recent failures
    and the address's. Many people can share an address (an office, a mobile network), so here an
    address counts only once it reaches its own, larger limit, LOGIN_FAILURES_PER_ADDRESS.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        # The recent attempts of each entry of AXES_LOCKOUT_PARAMETERS, in its order.
        of_account, from_address = self.get_user_attempts(request, credentials)
        if failures(from_address) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            # What Axes takes for a locked-out client.
            return max(failures(of_account), int(settings.AXES_FAILURE_LIMIT))
        return failures(of_account)


def lockout_response(
    request: HttpRequest, response: HttpResponse, credentials: dict[str, Any] | None
) -> HttpResponse:
    """429 Too Many Requests, saying when to try again: the lockout page for browsers (they prefer
    HTML), JSON for scripts and API clients.

    Every attempt during a lockout starts it again, so the wait is always the whole cool-off.
    """
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = ceil(seconds / 60)
    prefers_html = request.get_preferred_type(["application/json", "text/html"]) == "text/html"
    {%- if cookiecutter.use_api %}
    # API clients get JSON whatever they accept: curl and most HTTP libraries send Accept: */*.
    prefers_html = prefers_html and not request.path_info.startswith("/api/")
    {%- endif %}
    if prefers_html:
        lockout = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    else:
        lockout = JsonResponse(
            {"detail": f"Too many failed logins: try again in {minutes} minute{pluralize(minutes)}."},
            status=429,
        )
    lockout["Retry-After"] = str(seconds)
    return lockout
