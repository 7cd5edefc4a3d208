"""Hole 11: right-to-left overrides in titles and names stay inside them.

A title holding U+202E (RIGHT-TO-LEFT OVERRIDE) used to reverse the words after it on
the same line ("by …", "· original page", the next outlet's name). Every title, name
and claim shown on a reader page is now isolated: in a <bdi> element or an element
with dir="auto", or, where no element can go (the page title, chart labels), between
the Unicode isolates FSI and PDI.
"""

import re

import lxml.html
import pytest
from django.urls import reverse

from articles.models import Article, Source
from claims.models import Claim, Event
from claims.reader.sitemaps import article_path, claim_path, event_path, source_path

RLO = "\u202e"
ISOLATED_RUN = re.compile("\u2068[^\u2069]*\u2069")
# Shown on their own, never beside other words: a select's options; <title> is checked
# on its own below.
STANDALONE = {"option", "title"}


@pytest.fixture
def overridden(seeded):
    """Titles and names with an unterminated override, in a published event."""
    article = seeded["002"]
    event = article.event
    claim = Claim.objects.filter(appearances__article=article).order_by("pk").first()
    source = Source.objects.create(name=f"{RLO}Outlet Wire")
    values = {
        "article": f"{RLO}Ministers agree in Busan",
        "author": f"{RLO}Jane Doe",
        "event": f"{RLO}Busan meeting",
        "claim": f"{RLO}Wang Yi called for talks.",
        "source": source.name,
    }
    Article.objects.filter(pk=article.pk).update(
        title=values["article"], author=values["author"], source=source
    )
    Event.objects.filter(pk=event.pk).update(title=values["event"], is_published=True)
    Claim.objects.filter(pk=claim.pk).update(text=values["claim"])
    article.refresh_from_db()
    claim.refresh_from_db()
    return article, claim, source, values


def _unisolated(html: str, values: dict) -> list[str]:
    """Each text holding the override that nothing isolates from what surrounds it."""
    tree = lxml.html.fromstring(html)
    found = []
    for text in tree.xpath(f"//text()[contains(., '{RLO}')]"):
        if RLO not in ISOLATED_RUN.sub("", text):
            continue  # isolated in the text itself: FSI … PDI
        element = text.getparent()
        if element.tag in STANDALONE:
            continue
        isolating = next(
            (e for e in element.iterancestors() if e.tag == "bdi" or e.get("dir")), None
        )
        if element.tag == "bdi" or element.get("dir"):
            isolating = element
        # The isolating element holds the value alone, not the words around it.
        if isolating is None or isolating.text_content().strip() not in values.values():
            found.append(f"<{element.tag}> {text!r}")
    return found


def test_reader_pages_isolate_titles_and_names(client, overridden):
    article, claim, source, values = overridden
    pages = [
        article_path(article),
        claim_path(claim),
        event_path(article.event),
        source_path(source),
        "/",
        "/search/?q=Busan",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert RLO in html, path
        assert _unisolated(html, values) == [], path


def test_page_titles_isolate_the_title_they_quote(client, overridden):
    article, claim, source, values = overridden
    for path in (article_path(article), claim_path(claim), event_path(article.event)):
        title = lxml.html.fromstring(client.get(path).content.decode()).findtext(".//title")
        assert RLO in title
        assert RLO not in ISOLATED_RUN.sub("", title), path


def test_admin_review_pages_isolate_claims_and_titles(client, editor, overridden):
    article, claim, source, values = overridden
    other = Claim.objects.filter(event=claim.event).exclude(pk=claim.pk).first()
    appearance = claim.appearances.get(article=article)
    client.force_login(editor)
    pages = [
        f"{reverse('admin:claims_claim_merge')}?ids={claim.pk},{other.pk}",
        reverse("admin:claims_claim_review", args=[claim.pk]),
        f"{reverse('admin:review_queue')}?event={claim.event_id}",
        reverse("admin:claims_appearance_split", args=[appearance.pk]),
    ]
    quote = {"quote": appearance.quote}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert RLO in html, path
        assert _unisolated(html, {**values, **quote}) == [], path
