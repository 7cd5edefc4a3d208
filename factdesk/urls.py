from django.contrib import admin
from django.urls import include, path

from . import health, robots

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("factdesk.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("claims.reader.urls")),
]

# Pages get HTML, /api/ gets the API's JSON error shape (factdesk.errors).
handler400 = "factdesk.errors.bad_request"
handler403 = "factdesk.errors.permission_denied"
handler404 = "factdesk.errors.page_not_found"
handler500 = "factdesk.errors.server_error"
