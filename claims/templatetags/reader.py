"""Template tags of the reader site: status words, canonical links, quotes in their text,
the event page's charts and JSON-LD."""

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import audit, jsonld, statuses
from claims.reader import agreement_chart as agreement
from claims.reader import charts, sitemaps
from claims.selectors import outlet_key

register = template.Library()

# Status is never told by colour alone: each badge and highlight also carries a sign.
STATUS_LABELS = statuses.LABELS
STATUS_SYMBOLS = statuses.SYMBOLS
VARIANT_KINDS = {
    "number": gettext_lazy("a number"),
    "code": gettext_lazy("a name or code"),
    "date": gettext_lazy("a date"),
    "stance": gettext_lazy("whether it was done or only called for"),
}
# claims.text.variants names the two stances in English; readers get them in their language.
STANCE_VALUES = {
    "announced": gettext_lazy("announced"),
    "called for": gettext_lazy("called for"),
}
CONTEXT_CHARS = 280
# Keeps </script> and friends out of the JSON-LD block, as Django's json_script does.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def status_symbol(status: str) -> str:
    return STATUS_SYMBOLS.get(status, "")


@register.simple_tag
def account_statuses() -> tuple[str, ...]:
    """The statuses of an event's account, in reading order: verified, disputed, awaiting."""
    return statuses.READING_ORDER


@register.filter
def status_counts(event) -> list[tuple[str, int]]:
    """An event's count of claims in each status of its account (Event.with_counts)."""
    return [(status, getattr(event, f"{status}_count")) for status in statuses.READING_ORDER]


@register.filter
def variant_kind(kind: str) -> str:
    return VARIANT_KINDS.get(kind, kind)


@register.filter
def variant_value(value: str) -> str:
    return STANCE_VALUES.get(value, value)


@register.filter
def public_name(user) -> str:
    return audit.public_name(user)


@register.filter
def event_url(event) -> str:
    return sitemaps.event_path(event)


@register.filter
def claim_url(claim) -> str:
    return sitemaps.claim_path(claim)


@register.filter
def article_url(article) -> str:
    return sitemaps.article_path(article)


@register.filter
def source_url(source) -> str:
    return sitemaps.source_path(source)


@register.filter
def outlet_name(article) -> str:
    return article.source_label  # the one rule, in articles.models


@register.filter
def outlet_beside_title(article) -> str:
    """The outlet where the article's headline follows: not the headline twice."""
    return article.outlet_beside_title


@register.filter
def article_date(article) -> str:
    """The publication date as precisely as it is known, or as the article wrote it."""
    precision = article.date_precision
    if article.published_on and precision == "day":
        return date_format(article.published_on, "DATE_FORMAT")
    if article.published_on and precision == "month":
        return date_format(article.published_on, "YEAR_MONTH_FORMAT")
    if article.published_on:
        return str(article.published_on.year)
    if article.date_phrase:
        return _("date unknown (the page says “%(phrase)s”)") % {"phrase": article.date_phrase}
    return _("date unknown")


@register.filter
def claim_lang(claim) -> str:
    """The language of a claim's wording: that of the articles it comes from."""
    reports = getattr(claim, "reports", None) or []
    return reports[0].article.language if reports else ""


@register.filter
def ld_json(data) -> str:
    """A dict as the body of a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))


@register.simple_tag
def desk_name() -> str:
    return settings.FACTDESK_NAME


@register.simple_tag(takes_context=True)
def absolute(context, path: str) -> str:
    return jsonld.absolute_url(path, context.get("request"))


@register.simple_tag
def page_url(request, name: str, number: int) -> str:
    """The current URL with one page parameter changed, other filters kept."""
    query = request.GET.copy()
    query[name] = number
    return "?" + urlencode(sorted(query.items()))


@dataclass
class QuoteInContext:
    before: str
    quote: str
    after: str


def _trim_start(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[-CONTEXT_CHARS:]
    return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut


def _trim_end(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[:CONTEXT_CHARS]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"


@register.simple_tag
def quote_context(appearance) -> QuoteInContext:
    """The quote with the rest of its paragraph around it, trimmed to a few lines."""
    body, start, end = appearance.article.body, appearance.start, appearance.end
    if body[start:end] != appearance.quote:  # offsets out of date: show the quote alone
        return QuoteInContext("", appearance.quote, "")
    paragraph_start = body.rfind("\n", 0, start) + 1
    paragraph_end = body.find("\n", end)
    paragraph_end = len(body) if paragraph_end == -1 else paragraph_end
    return QuoteInContext(
        before=_trim_start(body[paragraph_start:start]),
        quote=appearance.quote,
        after=_trim_end(body[end:paragraph_end]),
    )


@dataclass
class Segment:
    text: str
    report: object = None
    anchor: bool = False


@register.simple_tag
def highlighted_paragraphs(body: str, reports) -> list[list[Segment]]:
    """The article's paragraphs, cut where each report's quote starts and ends.

    Reports whose offsets no longer match the text, or overlap an earlier one, are left
    unhighlighted (they are still listed under the article).
    """
    segments: list[Segment] = []
    position = 0
    for report in sorted(reports, key=lambda r: r.start):
        if report.start < position or body[report.start : report.end] != report.quote:
            continue
        segments.append(Segment(body[position : report.start]))
        segments.append(Segment(body[report.start : report.end], report))
        position = report.end
    segments.append(Segment(body[position:]))
    paragraphs: list[list[Segment]] = [[]]
    for segment in segments:
        anchor = segment.report is not None
        for i, part in enumerate(re.split(r"\n+", segment.text)):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Segment(part, segment.report, anchor))
                anchor = False
    return [p for p in paragraphs if any(s.text.strip() for s in p)]


def _csp_nonce(context) -> str:
    """The response's Content-Security-Policy nonce: a chart's size is an inline style."""
    return str(getattr(context.get("request"), "csp_nonce", ""))


@register.inclusion_tag("public/charts/timeline.html", takes_context=True)
def coverage_timeline(context, event, articles) -> dict:
    return {
        "chart": charts.coverage_timeline(event=event, articles=articles),
        "csp_nonce": _csp_nonce(context),
    }


@register.inclusion_tag("public/charts/agreement.html", takes_context=True)
def agreement_chart(context, claims, outlets, all_outlets=None) -> dict:
    """outlets: the columns drawn; all_outlets: how many the event has, if more."""
    chart = agreement.agreement_chart(
        claims=claims,
        outlets=outlets,
        outlet_key=outlet_key,
        value_label=variant_value,
        all_outlets=all_outlets,
    )
    return {"chart": chart, "outlets": outlets, "csp_nonce": _csp_nonce(context)}
