"""The product's URLs plus /bench/hello/: the cheapest Django response, for the ratio."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("Hello, world.", content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello),
    path("", include("factdesk.urls")),
]

handler400 = "factdesk.errors.bad_request"
handler403 = "factdesk.errors.permission_denied"
handler404 = "factdesk.errors.page_not_found"
handler500 = "factdesk.errors.server_error"
