"""robots.txt: readers' pages are for search engines, the desk and the API are not."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("public:sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain")
