"""The reader site's URLs.

Canonical paths (built in claims.reader.sitemaps) carry a slug for people
(/claims/15-this-includes-high-profile/); the id alone decides what is shown, and a
missing or outdated slug redirects to the canonical path, so a link keeps working after
an editor rewords a claim.
"""

from django.contrib.sitemaps.views import index, sitemap
from django.urls import path, register_converter

from factdesk.page_cache import cached_page

from . import feeds, views
from .sitemaps import SITEMAPS


class IdConverter:
    """Ids a database integer column can hold: longer digit strings are a plain 404."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


# The query parameters each page reads; any other is left out of its cache key.
PAGE = ("page",)
REPORTS = ("reports",)
SITEMAP_PAGE = ("p",)
SEARCH = (
    "q",
    "source",
    "event",
    "status",
    "published_after",
    "published_before",
    "claims_page",
    "articles_page",
)

app_name = "public"
urlpatterns = [
    path("", cached_page(views.home, params=PAGE), name="home"),
    path("search/", cached_page(views.search, params=SEARCH), name="search"),
    # An index of paged sections: no one response grows with the desk (claims.reader.sitemaps).
    path(
        "sitemap.xml",
        cached_page(index, params=SITEMAP_PAGE),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "public:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cached_page(sitemap, params=SITEMAP_PAGE),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("feed/", cached_page(feeds.DecisionsFeed()), name="feed"),
    path("events/<slug:slug>/", cached_page(views.event_detail), name="event"),
    path(
        "events/<slug:slug>/awaiting-review/",
        cached_page(views.event_awaiting_review, params=PAGE),
        name="event_awaiting",
    ),
    path("events/<slug:slug>/feed/", cached_page(feeds.EventDecisionsFeed()), name="event_feed"),
    path("claims/<id:pk>/", cached_page(views.claim_detail, params=REPORTS), name="claim_short"),
    path(
        "claims/<id:pk>-<slug:slug>/", cached_page(views.claim_detail, params=REPORTS), name="claim"
    ),
    path(
        "articles/<id:pk>/", cached_page(views.article_detail, params=REPORTS), name="article_short"
    ),
    path(
        "articles/<id:pk>-<slug:slug>/",
        cached_page(views.article_detail, params=REPORTS),
        name="article",
    ),
    path("sources/<id:pk>/", cached_page(views.source_detail, params=PAGE), name="source_short"),
    path(
        "sources/<id:pk>-<slug:slug>/", cached_page(views.source_detail, params=PAGE), name="source"
    ),
]
