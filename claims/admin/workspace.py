"""The review workspace: the queue of claims awaiting a decision, and one claim's
reports beside the decision form.

From the queue, an editor opens a claim (one page), reads its reports, decides it with
grade, rationale, evidence and cited reports in one submit, and lands on the next claim
in the queue (the second page). The order of the queue and what it holds are
claims.selectors' (review_queue); every write goes through services.review_claim.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from articles.models import Article
from factdesk.paging import EstimatedCountPaginator

from .. import ratings, selectors, services, statuses
from ..models import Appearance, Claim, Event
from .forms import ReviewForm

QUEUE_PAGE_SIZE = 50
# The queue's own narrowing, kept in the links from the queue to each claim and on to
# the next: "mine" (assigned to the signed-in editor) and "event" (an event's id).
QUEUE_FILTERS = ("mine", "event")
# The three verdicts' buttons: status, label, access key (documented on the page).
VERDICTS = [(facts.value, *facts.button) for facts in statuses.DISPLAY_ORDER if facts.button]
RATIONALE_KEY = "r"


# --- The queue -----------------------------------------------------------------------


@dataclass
class QueueFilters:
    mine: bool = False
    event: Event | None = None

    @classmethod
    def from_query(cls, query) -> "QueueFilters":
        event_id = query.get("event", "")
        event = Event.objects.filter(pk=event_id).first() if event_id.isdigit() else None
        return cls(mine=query.get("mine") == "1", event=event)

    def query(self, **changes) -> str:
        """The query string of these filters (with changes), "" when there is none."""
        values = {"mine": "1" if self.mine else "", "event": self.event.pk if self.event else ""}
        values.update(changes)
        kept = {k: v for k, v in values.items() if v}
        return f"?{urlencode(kept)}" if kept else ""

    def queue(self, user):
        return selectors.review_queue(assignee=user if self.mine else None, event=self.event)


def language_name(tag: str | None) -> str:
    if not tag:
        return "—"
    try:
        return get_language_info(tag.lower())["name"]
    except KeyError:
        return tag


def queue_view(request):
    """The review queue: the claims awaiting a decision, most check-worthy first."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not request.user.has_perm("claims.view_claim"):
        raise PermissionDenied
    filters = QueueFilters.from_query(request.GET)
    paginator = EstimatedCountPaginator(filters.queue(request.user), QUEUE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("p"))
    may_review = services.may_review(request.user)
    today = timezone.localdate()
    rows = []
    for position, claim in enumerate(page.object_list, start=page.start_index()):
        if may_review:
            url = reverse("admin:claims_claim_review", args=[claim.pk]) + filters.query()
        else:
            url = reverse("admin:claims_claim_change", args=[claim.pk])
        rows.append(
            {
                "position": position,
                "claim": claim,
                "url": url,
                "language": language_name(claim.language),
                "event_url": filters.query(event=claim.event_id),
                "late": bool(claim.due_on and claim.due_on < today),
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "subtitle": None,
        "rows": rows,
        "page": page,
        "filters": filters,
        "all_url": filters.query(mine=""),
        "mine_url": filters.query(mine="1"),
        "all_events_url": filters.query(event=""),
        "previous_url": filters.query(p=page.previous_page_number()) if page.has_previous() else "",
        "next_url": filters.query(p=page.next_page_number()) if page.has_next() else "",
        "may_review": may_review,
    }
    return TemplateResponse(request, "admin/review_queue.html", context)


# --- One claim: its reports beside the decision form ---------------------------------


@dataclass
class ReportCard:
    """One article's reports of the claim, each quote in its context."""

    article: Article
    passages: list[str] = field(default_factory=list)  # HTML: …before <quote> after…
    is_new: bool = False  # came in after the latest decision


def _context_before(text: str) -> str:
    text = text[text.rfind("\n") + 1 :]  # the quote's own paragraph
    if len(text) >= selectors.CONTEXT_CHARS and " " in text:
        text = "…" + text[text.find(" ") + 1 :]
    return text


def _context_after(text: str) -> str:
    cut = text.find("\n")
    text = text if cut == -1 else text[:cut]
    if len(text) >= selectors.CONTEXT_CHARS and " " in text:
        text = text[: text.rfind(" ")] + "…"
    return text


def _passage(report: Appearance, marks: list[str]) -> str:
    quote = escape(report.quote)
    for value in marks:
        quote = quote.replace(escape(value), f"<mark>{escape(value)}</mark>")
    return format_html(
        '{}<strong class="fd-quote">{}</strong>{}',
        _context_before(report.before),
        mark_safe(quote),
        _context_after(report.after),
    )


def report_cards(claim: Claim) -> list[ReportCard]:
    """The claim's first reports (selectors.WORKSPACE_REPORTS), one card per article,
    differing values marked, reports newer than the latest decision flagged."""
    marks = sorted(
        {value for variant in claim.variants or [] for value in variant["values"]},
        key=len,
        reverse=True,
    )
    decided_at = None
    if claim.new_report_at:
        latest = claim.reviews.order_by("-created_at").values_list("created_at", flat=True)
        decided_at = latest.first()
    cards: dict[int, ReportCard] = {}
    for report in selectors.workspace_reports(claim):
        card = cards.get(report.article_id)
        if card is None:
            is_new = decided_at is not None and report.article.ingested_at > decided_at
            card = cards[report.article_id] = ReportCard(report.article, is_new=is_new)
        card.passages.append(_passage(report, marks))
    return list(cards.values())


def _grade_groups(form: ReviewForm) -> list[tuple[str, list]]:
    """The grade radios, grouped by the verdict each refines: [(group, [(radio, label)])]."""
    radios = {radio.data["value"]: radio for radio in form["rating"]}
    groups = [("", [(radios[""], "no grade")])]
    for facts in statuses.DISPLAY_ORDER:
        if facts.value in statuses.VERDICTS:
            choices = [
                (radios[r], ratings.Rating(r).label) for r in ratings.grades_for(facts.value)
            ]
            groups.append((f"with {facts.button[0]}", choices))
    return groups


def _value_groups(form: ReviewForm, claim: Claim, holders) -> list[dict]:
    """The differing values, one group per kind, each value with its field and holders."""
    by_key = {key: name for name, key in form.values.items()}
    return [
        {
            "kind": variant["kind"],
            "values": [
                {
                    "value": value,
                    "field": form[by_key[(variant["kind"], value)]],
                    "holders": holders.get((variant["kind"], value), ([], 0)),
                }
                for value in variant["values"]
            ],
        }
        for variant in claim.variants or []
    ]


def posted_version(request, claim: Claim) -> int:
    """The version of the claim the editor's form was loaded with (0, refused as stale,
    when it is not a number); the current one when the form does not say."""
    raw = request.POST.get(f"version_{claim.pk}", "")
    return int(raw) if raw.isdigit() else (0 if raw else claim.version)


def workspace_view(model_admin, request, pk: int):
    """One claim's reports beside the decision form; a decision opens the next claim."""
    if not model_admin.has_review_permission(request):
        raise PermissionDenied
    claim = get_object_or_404(Claim.objects.active().select_related("event", "assigned_to"), pk=pk)
    filters = QueueFilters.from_query(request.GET)
    cards = report_cards(claim)
    reports = [(card.article.pk, card.article.source_label) for card in cards]
    holders = selectors.value_holders(claim)
    version = claim.version
    stale = False
    if request.method == "POST":
        form = ReviewForm(request.POST, claim=claim, reports=reports, holders=holders)
        # The version the editor loaded: a newer claim is refused (who changed it, when).
        version = posted_version(request, claim)
        if form.is_valid():
            try:
                services.review_claim(
                    claim=claim,
                    editor=request.user,
                    status=form.cleaned_data["status"],
                    rationale=form.cleaned_data["rationale"],
                    expected_version=version,
                    evidence=form.evidence(),
                    variant_decisions=form.variant_decisions(),
                    rating=form.cleaned_data.get("rating", ""),
                    cited_reports=form.cleaned_data.get("cited_reports", []),
                )
            except services.EditorialError as error:
                stale = isinstance(error, services.StaleClaimError)
                form.add_service_error(error)
            else:
                return _decided(request, claim, filters)
    else:
        # A decided claim back in the queue (a new report) starts from its decision.
        initial = {"rationale": claim.rationale, "rating": claim.rating}
        form = ReviewForm(initial=initial, claim=claim, reports=reports, holders=holders)
    following = selectors.next_in_queue(claim, filters.queue(request.user))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Review claim {claim.pk}",
        "subtitle": None,
        "opts": model_admin.model._meta,
        "claim": claim,
        "version": version,
        "stale": stale,
        "form": form,
        "cards": cards,
        "cited": {str(pk) for pk in (form.data.getlist("cited_reports") if form.is_bound else [])},
        "report_count": claim.appearances.count(),
        "reports_shown": sum(len(card.passages) for card in cards),
        "values": _value_groups(form, claim, holders),
        "grades": _grade_groups(form),
        "verdicts": VERDICTS,
        "rationale_key": RATIONALE_KEY,
        "decided": claim.status != Claim.Status.UNREVIEWED,
        "language": language_name(cards[0].article.language if cards else None),
        "queue_url": reverse("admin:review_queue") + filters.query(),
        "next_url": (
            reverse("admin:claims_claim_review", args=[following.pk]) + filters.query()
            if following
            else ""
        ),
        "event_queue_url": reverse("admin:review_queue") + filters.query(event=claim.event_id),
    }
    return TemplateResponse(request, "admin/claims/claim/workspace.html", context)


def _decided(request, claim: Claim, filters: QueueFilters):
    """After a decision: say what it was, and open the next claim of the same queue."""
    following = selectors.next_in_queue(claim, filters.queue(request.user))
    decision = claim.get_status_display()
    if claim.rating:
        decision += f" ({claim.get_rating_display()})"
    if following is None:
        messages.success(request, f"Claim {claim.pk} is now {decision}. The queue is empty.")
        return redirect(reverse("admin:review_queue") + filters.query())
    messages.success(
        request,
        f"Claim {claim.pk} is now {decision}. Next in the queue: claim {following.pk}.",
    )
    return redirect(reverse("admin:claims_claim_review", args=[following.pk]) + filters.query())
