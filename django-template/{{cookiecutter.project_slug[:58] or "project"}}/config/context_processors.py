"""Values every template can use."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """The site's name, so templates do not repeat it.

    Named like the setting: Django's LoginView puts a site_name of its own (the request's host)
    into its pages' context, which would hide one of that name.
    """
    return {"SITE_NAME": settings.SITE_NAME}
