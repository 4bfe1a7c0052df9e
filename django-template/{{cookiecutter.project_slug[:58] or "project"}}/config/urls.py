"""The site's URLs: pages, accounts and the admin at DJANGO_ADMIN_URL.

The health probes, /healthz and /readyz, are answered before URL routing, by
health.middleware.ProbeMiddleware.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

# The admin's pages name the site rather than "Django administration".
admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = f"{settings.SITE_NAME} admin"

urlpatterns = [
    path("", include("pages.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    {%- if cookiecutter.use_api %}
    path("api/", include("api.urls")),
    {%- endif %}
    path(settings.ADMIN_URL, admin.site.urls),
]
