"""Where each public page lives: its canonical path, and sitemap.xml listing them all.

Only published events, and what belongs to them, are listed.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Article, Source

from .models import Claim, Event

SLUG_WORDS = 8


def title_slug(text: str) -> str:
    """The first few words of a title, for a readable URL ("item" when none are ASCII)."""
    return slugify(" ".join(text.split()[:SLUG_WORDS]))[:80].strip("-") or "item"


def event_path(event) -> str:
    return reverse("public:event", args=[event.slug])


def claim_path(claim) -> str:
    return reverse("public:claim", args=[claim.pk, title_slug(claim.text)])


def article_path(article) -> str:
    return reverse("public:article", args=[article.pk, title_slug(article.title)])


def source_path(source) -> str:
    return reverse("public:source", args=[source.pk, title_slug(source.name)])


class HomeSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["public:home"]

    def location(self, name):
        return reverse(name)


class EventSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Event.objects.published().order_by("pk")

    def location(self, event):
        return event_path(event)


class ClaimSitemap(Sitemap):
    def items(self):
        return Claim.objects.published().only("pk", "text", "updated_at").order_by("pk")

    def location(self, claim):
        return claim_path(claim)

    def lastmod(self, claim):
        return claim.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("pk", "title", "ingested_at").order_by("pk")

    def location(self, article):
        return article_path(article)

    def lastmod(self, article):
        return article.ingested_at


class SourceSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Source.objects.published().order_by("pk")

    def location(self, source):
        return source_path(source)


SITEMAPS = {
    "home": HomeSitemap,
    "events": EventSitemap,
    "claims": ClaimSitemap,
    "articles": ArticleSitemap,
    "sources": SourceSitemap,
}
