from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "FactDesk editorial desk"
admin.site.site_title = "FactDesk desk"
admin.site.index_title = "Review queue, articles and events"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("factdesk.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("claims.public_urls")),
]
