from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .views import CurrentUserView, NoteViewSet, TokenView, not_found

router = DefaultRouter()
router.register("notes", NoteViewSet, basename="note")

# ReDoc styles its page inline and searches in a blob: worker: its page alone may do so. (Its
# "API docs by Redocly" logo stays blocked: it would come from Redocly's CDN.)
redoc_policy = csp_update({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

urlpatterns = [
    path("token/", TokenView.as_view(), name="api-token"),
    path("me/", CurrentUserView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path(
        "redoc/",
        redoc_policy(SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html")),
        name="api-redoc",
    ),
    path("", include(router.urls)),
    # Any other address answers 404 in JSON (one without the final slash is redirected to it first).
    re_path(r"^.*/$", not_found),
]
