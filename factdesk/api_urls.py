from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from articles.api import ArticleViewSet, SourceViewSet
from claims.api.views import ClaimViewSet, EventViewSet
from intake.api import FeedViewSet, IntakeJobViewSet

router = DefaultRouter()
# Formats are chosen by the Accept header (or ?format=json). The ".json" suffix routes
# were not in the schema, and the custom actions crashed on them.
router.include_format_suffixes = False
router.register("events", EventViewSet, basename="event")
router.register("claims", ClaimViewSet, basename="claim")
router.register("articles", ArticleViewSet, basename="article")
router.register("sources", SourceViewSet, basename="source")
router.register("intake", IntakeJobViewSet, basename="intake")
router.register("feeds", FeedViewSet, basename="feed")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: CSP refuses inline scripts.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # ReDoc writes its styles into <style> elements and runs its search in a worker made
    # from a blob: URL; that much, no inline script and no other host.
    path(
        "redoc/",
        csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-redoc",
    ),
    path("", include(router.urls)),
]
