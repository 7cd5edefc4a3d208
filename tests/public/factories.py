"""A published desk whose every page grows with `size`, for query-count tests."""

import hashlib
from datetime import date, timedelta

from articles.models import Article, Source
from claims.models import Appearance, Claim, Event
from claims.services import review_claim
from tests.factories import BODY, make_desk


def make_public_desk(size: int, editor) -> Event:
    """tests.factories.make_desk, published and dated, with a decision on each event.

    Its first event (returned) also gets `size` more outlets' articles and `size` more
    claims reported by every article, one of them copied and one claim with variants.
    """
    make_desk(size)
    events = Event.objects.filter(slug__startswith=f"event-{size}-")
    events.update(is_published=True, place="Busan", starts_on=date(2024, 5, 1))
    first = events.order_by("pk").first()
    extra = [
        Article.objects.create(
            source=Source.objects.create(name=f"Extra outlet {size}-{n}"),
            event=first,
            title=f"Extra report {n}",
            body=BODY,
            original_text="x",
            content_hash=hashlib.sha256(f"extra-{size}-{n}".encode()).hexdigest(),
        )
        for n in range(size)
    ]
    articles = list(first.articles.all())
    Article.objects.filter(pk=extra[-1].pk).update(copy_of=articles[0])
    claims = list(first.claims.all()) + [
        Claim.objects.create(event=first, text=f"Extra claim {n}") for n in range(size)
    ]
    Appearance.objects.bulk_create(
        Appearance(
            claim=claim, article=article, quote="Minister A said B.", start=c * 19, end=c * 19 + 18
        )
        for c, claim in enumerate(claims)
        for article in articles
        if not (c < 3 and article.source.name.startswith("Outlet"))  # make_desk made these
    )
    Claim.objects.filter(event=first).update(source_count=len(articles), independent_source_count=1)
    Claim.objects.filter(pk=claims[-1].pk).update(
        has_variants=True,
        variants=[{"kind": "code", "values": {"LUNA": [articles[0].pk], "LUNC": [articles[1].pk]}}],
    )
    for n, article in enumerate(Article.objects.filter(event__in=events)):
        article.published_on = date(2024, 5, 1) + timedelta(days=n % 5)
        article.date_precision = "day"
        article.save(update_fields=["published_on", "date_precision"])
    for claim in Claim.objects.filter(event__in=events, text__startswith="Claim 0 "):
        review_claim(
            claim=claim,
            editor=editor,
            status="disputed",
            rationale="Reports differ.",
            evidence=[{"url": "https://example.org/a", "title": "A", "stance": "refutes"}],
        )
    return first
