"""Values every template can use."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """The site's name, so templates do not repeat it."""
    return {"site_name": settings.SITE_NAME}
