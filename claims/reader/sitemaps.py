"""Where each public page lives: its canonical path, and sitemap.xml listing them all.

Only published events, and what belongs to them, are listed.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.slugs import title_slug  # noqa: F401  (where callers have long found it)

from .. import selectors

# Each model knows its own address (get_absolute_url); these name the rule for callers
# that hold any object with that method.
# URLs per sitemap page: with its lastmod a URL takes at most ~250 bytes, so a page stays
# well under 1 MB and renders in well under a second (the protocol allows 50,000).
URLS_PER_SITEMAP = 2_000


def event_path(event) -> str:
    return event.get_absolute_url()


def claim_path(claim) -> str:
    return claim.get_absolute_url()


def article_path(article) -> str:
    return article.get_absolute_url()


def source_path(source) -> str:
    return source.get_absolute_url()


class HomeSitemap(Sitemap):
    limit = URLS_PER_SITEMAP
    changefreq = "daily"

    def items(self):
        return ["public:home"]

    def location(self, name):
        return reverse(name)


class EventSitemap(Sitemap):
    limit = URLS_PER_SITEMAP
    changefreq = "daily"

    def items(self):
        return selectors.public_events().order_by("pk")


class ClaimSitemap(Sitemap):
    limit = URLS_PER_SITEMAP

    def items(self):
        return selectors.public_claims().only("pk", "text", "updated_at").order_by("pk")

    def lastmod(self, claim):
        return claim.updated_at


class ArticleSitemap(Sitemap):
    limit = URLS_PER_SITEMAP
    changefreq = "monthly"

    def items(self):
        return selectors.public_articles().only("pk", "title", "ingested_at").order_by("pk")

    def lastmod(self, article):
        return article.ingested_at


class SourceSitemap(Sitemap):
    limit = URLS_PER_SITEMAP
    changefreq = "weekly"

    def items(self):
        return selectors.public_sources().order_by("pk")


SITEMAPS = {
    "home": HomeSitemap,
    "events": EventSitemap,
    "claims": ClaimSitemap,
    "articles": ArticleSitemap,
    "sources": SourceSitemap,
}
