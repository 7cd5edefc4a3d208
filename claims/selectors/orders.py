"""The orders and caps every read shares: claims in an event, the review queue, and how
much a page shows."""

from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Greatest, Ln

from .. import statuses

# The order of an event's claims everywhere: most reported first, then most
# independently reported, then oldest.
CLAIM_ORDER = (F("source_count").desc(), F("independent_source_count").desc(), "id")
# The editors' review queue: the most check-worthy first (claims.text.extraction.assess), a
# claim that more outlets report independently a little higher: each doubling of them
# counts as 0.07 of probability, so a vague sentence many outlets repeat stays below a
# checkable one.
QUEUE_PRIORITY = ExpressionWrapper(
    F("checkworthiness") + 0.1 * Ln(Greatest(F("independent_source_count"), 1)),
    output_field=FloatField(),
)
QUEUE_ORDER = (F("queue_priority").desc(), F("source_count").desc(), "id")
# What awaits a decision: claims nobody has checked, and decided claims a report joined
# after the decision (claims.reopening). Dismissed and merged claims wait for nothing.
_AWAITING_STATUSES = [
    facts.value for facts in statuses.STATUSES if facts.desk_group == statuses.AWAITING_GROUP
]
_DISMISSED_STATUSES = [
    facts.value for facts in statuses.STATUSES if facts.desk_group == statuses.DISMISSED_GROUP
]
AWAITING = (Q(status__in=_AWAITING_STATUSES) | Q(new_report_at__isnull=False)) & ~Q(
    status__in=_DISMISSED_STATUSES
)
# The desk's list of every claim: what awaits a decision first, then the decided, then
# the dismissed (claims.statuses' desk_group); within each, the queue's order.
REVIEW_ORDER = Case(
    When(AWAITING, then=Value(statuses.AWAITING_GROUP)),
    *(
        When(status=facts.value, then=Value(facts.desk_group))
        for facts in statuses.STATUSES
        if facts.desk_group != statuses.DECIDED_GROUP
    ),
    default=Value(statuses.DECIDED_GROUP),
    output_field=IntegerField(),
)
DESK_ORDER = ("review_order", *QUEUE_ORDER)
# The review workspace shows this many reports of a claim, each with some text either
# side of its quote; the claim's admin page lists them all.
WORKSPACE_REPORTS = 30
CONTEXT_CHARS = 160
# What is established first, then what is contested, then what nobody has checked.
READING_ORDER = statuses.READING_ORDER
# An article's text is only needed on its own page and for quotes in context.
HEAVY_ARTICLE_FIELDS = ("body", "original_text", "search_text")
# A claim may be reported tens of thousands of times (one long article repeating it):
# pages name each differing value's first few holders with a count of the rest, and the
# event page links a few passages of each article, so no response grows with the data.
VARIANT_HOLDERS = 5
PASSAGES_PER_ARTICLE = 5
# The event page names this many outlets (the most independent reports first), in its
# sources list and its agreement chart, and links to a search for the rest; each outlet
# lists its first few articles, each claim card its first few reporting articles. An
# event reported by a thousand outlets gives a page the size of one reported by twenty.
OUTLETS_SHOWN = 12
ARTICLES_PER_OUTLET = 5
REPORTS_PER_CARD = 5
VALUES_PER_CARD = 4
OTHER_LANGUAGES_SHOWN = 5
