import json

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.models import Source
from factdesk.paging import EstimatedCountPaginator

from . import export, selectors, services, statuses, workspace
from .forms import ClaimWordingForm, ReviewForm
from .models import (
    Appearance,
    AuditEntry,
    Claim,
    ClaimLink,
    EntityAlias,
    Event,
    Evidence,
    MatchProposal,
    Review,
    WordingChange,
)

CONTEXT_CHARS = 160


def decision_message(claims: list[Claim]) -> str:
    """“1 claim is now disputed.”, “3 claims are now disputed.”"""
    status = claims[0].get_status_display()
    if len(claims) == 1:
        return f"1 claim is now {status}."
    return f"{len(claims)} claims are now {status}."


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "place", "starts_on", "ends_on", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "place"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish", "unpublish", "export_json", "export_csv"]

    def get_readonly_fields(self, request, obj=None):
        readonly = [] if request.user.has_perm("claims.publish_event") else ["is_published"]
        return [*readonly, "audit_history"] if obj is not None else readonly

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "audit_history"]
        return [*fields, "audit_history"] if obj is not None else fields

    @admin.display(description="audit log (newest first)")
    def audit_history(self, event):
        return audit_table(event.audit_entries.filter(claim__isnull=True))

    def save_model(self, request, obj, form, change):
        # Publishing is an editorial action with its own rule and log entry.
        published = obj.is_published
        if "is_published" in form.changed_data:
            obj.is_published = not published
        super().save_model(request, obj, form, change)
        if obj.is_published != published:
            services.set_event_published(event=obj, editor=request.user, published=published)

    def _set_published(self, request, queryset, published: bool):
        for event in queryset:
            services.set_event_published(event=event, editor=request.user, published=published)
        self.message_user(request, f"{queryset.count()} event(s) updated.")

    def _exports(self, queryset) -> list[dict]:
        claims = Claim.objects.active()  # the desk's view: unpublished work included
        return [export.event_export(event, claims) for event in queryset.order_by("slug")]

    @admin.action(description="Export selected events as JSON")
    def export_json(self, request, queryset):
        body = json.dumps(self._exports(queryset), cls=DjangoJSONEncoder, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="events.json"'
        return response

    @admin.action(description="Export selected events as CSV")
    def export_csv(self, request, queryset):
        body = export.events_csv(self._exports(queryset))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="events.csv"'
        return response

    @admin.action(description="Publish selected events", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description="Unpublish selected events", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def has_publish_permission(self, request):
        return request.user.has_perm("claims.publish_event")


def audit_table(entries) -> str:
    """Audit entries as a small table for a change page (who, when, what, why)."""
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                f"{timezone.localtime(e.created_at):%Y-%m-%d %H:%M}",
                e.actor.get_username() if e.actor else "—",
                e.summary,
                e.reason,
            )
            for e in entries.select_related("actor")
        ),
    )
    if not rows:
        return "nothing yet"
    return format_html(
        "<table class='fd-audit'><thead><tr><th>when</th><th>who</th><th>what</th>"
        "<th>why</th></tr></thead><tbody>{}</tbody></table>",
        rows,
    )


class RecordAdmin(admin.ModelAdmin):
    """A record of what happened: shown to the desk, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The claims are read-only here: no need for the review queue's ordering.
        kwargs.setdefault("queryset", Claim.objects.order_by("pk"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdmin):
    """The audit log: every publication, review, rewording, merge and split. Read-only."""

    list_display = ["created_at", "actor", "action", "target", "summary", "reason"]
    list_filter = ["action", "event"]
    list_select_related = ["actor", "event", "claim"]
    search_fields = ["summary", "reason", "claim__text"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    # Read-only fields render their value; a choice list of claims would take the claim
    # admin's queue ordering, which only the claim admin's own queryset can resolve.
    fields = ["created_at", "actor", "action", "event", "claim", "other_claim", "summary"]
    fields += ["reason", "data"]
    readonly_fields = fields

    @admin.display(description="event or claim")
    def target(self, entry):
        if entry.claim_id:
            url = reverse("admin:claims_claim_change", args=[entry.claim_id])
            return format_html('<a href="{}">claim {}</a>', url, entry.claim_id)
        url = reverse("admin:claims_event_change", args=[entry.event_id])
        return format_html('<a href="{}">{}</a>', url, entry.event)


class ReviewInline(admin.TabularInline):
    model = Review
    verbose_name_plural = "History of decisions (newest first)"
    fields = ["created_at", "editor", "from_status", "to_status", "rationale", "cited"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]
    extra = 0
    can_delete = False
    user_field = "editor"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.user_field)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="reports cited")
    def cited(self, review):
        """The articles the decision rests on, by id (no query per row)."""
        links = format_html_join(
            ", ",
            '<a href="{}">article {}</a>',
            (
                (reverse("admin:articles_article_change", args=[pk]), pk)
                for pk in review.cited_reports
            ),
        )
        return links or "—"


class WordingChangeInline(ReviewInline):
    model = WordingChange
    verbose_name_plural = "History of wording"
    fields = ["created_at", "editor", "old_text", "new_text"]
    readonly_fields = fields


class EvidenceInline(ReviewInline):
    model = Evidence
    verbose_name_plural = "Evidence"
    fields = ["stance", "title", "url", "added_by", "added_at"]
    readonly_fields = fields
    ordering = ["added_at"]
    user_field = "added_by"


class ReportedBySourceFilter(admin.SimpleListFilter):
    title = "reported by"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(s.pk, s.name) for s in Source.objects.all()] + [("none", "Unidentified outlet")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(appearances__article__source__isnull=True).distinct()
        if self.value():
            return queryset.filter(appearances__article__source=self.value()).distinct()
        return queryset


class MergedFilter(admin.SimpleListFilter):
    """The queue shows live claims; merged and dismissed ones stay reachable on request."""

    title = "state"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [
            ("yes", "merged into another claim"),
            ("dismissed", "dismissed as not check-worthy"),
        ]

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "All":
                choice["display"] = "in the queue (not merged, not dismissed)"
            yield choice

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        live = queryset.filter(merged_into__isnull=True)
        if self.value() == "dismissed" or request.GET.get("status__exact"):
            return live.filter(status=Claim.Status.NOT_CHECK_WORTHY) if self.value() else live
        return live.exclude(status=Claim.Status.NOT_CHECK_WORTHY)


class AssigneeFilter(admin.SimpleListFilter):
    """ "My queue": the claims given to the signed-in editor."""

    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "My queue"), ("nobody", "nobody"), ("overdue", "overdue")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        if self.value() == "overdue":
            return queryset.filter(due_on__lt=timezone.localdate(), status=Claim.Status.UNREVIEWED)
        return queryset


class NewReportFilter(admin.SimpleListFilter):
    """Decided claims that got a report after the decision: back in the queue."""

    title = "new report since the decision"
    parameter_name = "new_report"

    def lookups(self, request, model_admin):
        return [("yes", "yes: decide again")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(new_report_at__isnull=False)
        return queryset


class AssignForm(admin.helpers.ActionForm):
    """The queue's action bar: who to assign the selected claims to, and by when."""

    assignee = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="nobody (unassign)", label="to"
    )
    due_on = forms.DateField(
        required=False, label="due", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        reviewers = (
            Q(is_superuser=True)
            | Q(groups__permissions__codename="review_claim")
            | Q(user_permissions__codename="review_claim")
        )
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(reviewers, is_active=True, is_staff=True)
            .distinct()
            .order_by("username")
        )


class IndependentSourcesFilter(admin.SimpleListFilter):
    title = "independent sources"
    parameter_name = "independent"

    def lookups(self, request, model_admin):
        return [("1", "only one"), ("2", "two"), ("3", "three or more")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "3":
            return queryset.filter(independent_source_count__gte=3)
        if value in {"1", "2"}:
            return queryset.filter(independent_source_count=int(value))
        return queryset


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """The review queue: open claims first, the most check-worthy first among them."""

    form = ClaimWordingForm
    action_form = AssignForm
    list_display = [
        "short_text",
        "status_label",
        "sources_column",
        "assignee_column",
        "last_activity",
    ]
    list_display_links = ["short_text"]
    list_filter = [
        AssigneeFilter,
        NewReportFilter,
        "status",
        "event",
        ReportedBySourceFilter,
        "has_variants",
        IndependentSourcesFilter,
        MergedFilter,
    ]
    list_select_related = ["event", "assigned_to"]
    search_fields = ["text", "appearances__quote"]
    show_full_result_count = False
    # No COUNT(*) over the whole table per page on PostgreSQL (factdesk.paging).
    paginator = EstimatedCountPaginator
    list_per_page = 50
    fields = [
        "text",
        "version",
        "event",
        "decision",
        "merges",
        "counts",
        "variant_summary",
        "reports",
        "audit_history",
    ]
    readonly_fields = [
        "event",
        "decision",
        "merges",
        "counts",
        "variant_summary",
        "reports",
        "audit_history",
    ]
    inlines = [EvidenceInline, ReviewInline, WordingChangeInline]
    actions = [
        "verify_selected",
        "dispute_selected",
        "reopen_selected",
        "dismiss_selected",
        "assign_selected",
        "merge_selected",
    ]

    def get_queryset(self, request):
        # Merged claims are included so their pages stay reachable; the list's
        # MergedFilter leaves them out unless asked for. The order is the selectors'.
        queryset = selectors.desk_claims()
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            # The list shows none of these; a claim of 30k reports has a tally of ~1 MB.
            queryset = queryset.defer("tally", "search_text", "variant_decisions", "rationale")
        return queryset

    def get_ordering(self, request):
        return list(selectors.DESK_ORDER)

    def changelist_view(self, request, extra_context=None):
        # Every claim, decided or not: the review queue is its own page (claims.workspace).
        extra_context = {"title": "All claims", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_object(self, request, object_id, from_field=None):
        claim = super().get_object(request, object_id, from_field)
        if claim is not None:
            claim = Claim.objects.with_appearances().filter(pk=claim.pk).first()
        return claim

    def has_add_permission(self, request):
        return False  # claims come from ingestion; split creates them deliberately

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.merged_into_id:
            return False  # a merged claim is a record: read-only, its reports live elsewhere
        return super().has_change_permission(request, obj)

    def log_change(self, request, obj, message):
        pass  # services.edit_claim_wording writes the audit log (and its admin mirror)

    def has_delete_permission(self, request, obj=None):
        return False  # merging keeps history; deleting would lose it

    @admin.display(description="claim", ordering="text")
    def short_text(self, claim):
        text = claim.text if len(claim.text) <= 140 else claim.text[:137] + "…"
        if claim.new_report_at:
            text = format_html(
                '<span class="fd-new-report">new report since the decision</span> {}', text
            )
        if not claim.has_variants:
            return text
        values = " / ".join(v for variant in claim.variants for v in variant["values"])
        return format_html(
            '{} <span class="fd-variant" title="The reports differ: decide each value">≠ {}</span>',
            text,
            Truncator(values).chars(60),
        )

    @admin.display(description="status", ordering="status")
    def status_label(self, claim):
        label = claim.get_status_display()
        if claim.rating:
            label += f" ({claim.get_rating_display()})"
        css_class = statuses.BY_VALUE[claim.status].desk_css_class
        return format_html('<span class="fd-badge {}">{}</span>', css_class, label)

    @admin.display(description="sources", ordering="-source_count")
    def sources_column(self, claim):
        return f"{claim.source_count} ({claim.independent_source_count} indep.)"

    @admin.display(description="last activity", ordering="-updated_at")
    def last_activity(self, claim):
        return timezone.localtime(claim.updated_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description="assigned to", ordering="assigned_to__username")
    def assignee_column(self, claim):
        if not claim.assigned_to_id:
            return "—"
        due = ""
        if claim.due_on:
            late = claim.due_on < timezone.localdate() and claim.status == "unreviewed"
            due = format_html(
                '<br><span class="fd-due{}">{} {}</span>',
                " fd-late" if late else "",
                "overdue since" if late else "due",
                claim.due_on,
            )
        return format_html("{}{}", claim.assigned_to.get_username(), due)

    @admin.display(description="decision")
    def decision(self, claim):
        rationale = format_html("<p>{}</p>", claim.rationale) if claim.rationale else ""
        values = format_html_join(
            "",
            "<li>“{}” ({}): <strong>{}</strong></li>",
            ((d["value"], d["kind"], d["status"]) for d in claim.variant_decisions),
        )
        if values:
            values = format_html("<ul class='fd-values'>{}</ul>", values)
        if claim.merged_into_id:
            button = ""
        else:
            link = reverse("admin:claims_claim_review", args=[claim.pk])
            button = format_html(
                ' <a class="button" href="{}">Verify, dispute or reopen…</a>', link
            )
        return format_html(
            "<strong>{}</strong>{}{}{}", claim.get_status_display(), values, rationale, button
        )

    @admin.display(description="merges")
    def merges(self, claim):
        """Where a merged claim went, and what was merged into a surviving one."""
        parts = []
        if claim.merged_into_id:
            joined = claim.audit_entries.filter(action=AuditEntry.Action.MERGE).first()
            url = reverse("admin:claims_claim_change", args=[claim.merged_into_id])
            parts.append(
                format_html(
                    '<p class="fd-merged">Merged into <a href="{}">claim {}</a>{}. '
                    "Read-only: its reports moved there; its decisions stay here.</p>",
                    url,
                    claim.merged_into_id,
                    _when_and_who(joined),
                )
            )
        absorbed = AuditEntry.objects.filter(
            action=AuditEntry.Action.MERGE, other_claim=claim
        ).select_related("actor", "claim")
        items = format_html_join(
            "",
            '<li><a href="{}">claim {}</a> “{}”{}</li>',
            (
                (
                    reverse("admin:claims_claim_change", args=[entry.claim_id]),
                    entry.claim_id,
                    Truncator(entry.claim.text).chars(100),
                    _when_and_who(entry),
                )
                for entry in absorbed
            ),
        )
        if items:
            parts.append(format_html("<p>Merged into this claim:</p><ul>{}</ul>", items))
        return format_html_join("", "{}", ((p,) for p in parts)) if parts else "none"

    @admin.display(description="audit log (newest first)")
    def audit_history(self, claim):
        return audit_table(
            AuditEntry.objects.filter(Q(claim=claim) | Q(other_claim=claim)).distinct()
        )

    @admin.display(description="sources")
    def counts(self, claim):
        return f"{claim.source_count} sources, {claim.independent_source_count} independent"

    @admin.display(description="variants")
    def variant_summary(self, claim):
        if not claim.variants:
            return "none: the reports agree on numbers, dates, codes and stance"
        titles = {
            a.article_id: f"{a.article.source_label} (“{Truncator(a.article.title).words(10)}”)"
            for a in claim.appearances.all()
        }
        rows = []
        for variant in claim.variants:
            values = "; ".join(
                f"“{value}” in {', '.join(titles.get(i, f'article {i}') for i in ids)}"
                for value, ids in variant["values"].items()
            )
            rows.append((variant["kind"], values))
        return format_html_join(mark_safe("<br>"), "<strong>{}</strong>: {}", rows)

    @admin.display(description="every report, side by side")
    def reports(self, claim):
        marks = {v for variant in claim.variants for v in variant["values"]}
        # Reports that came in after the latest decision are what the editor has not seen.
        decided = claim.reviews.order_by("-created_at").values_list("created_at", flat=True)
        decided_at = decided.first() if claim.new_report_at else None
        rows = []
        for appearance in claim.appearances.all():
            article = appearance.article
            is_new = decided_at is not None and article.ingested_at > decided_at
            body = article.body
            before = body[max(0, appearance.start - CONTEXT_CHARS) : appearance.start]
            after = body[appearance.end : appearance.end + CONTEXT_CHARS]
            quote = escape(appearance.quote)
            for value in sorted(marks, key=len, reverse=True):
                quote = quote.replace(escape(value), f"<mark>{escape(value)}</mark>")
            split_url = reverse("admin:claims_appearance_split", args=[appearance.pk])
            rows.append(
                format_html(
                    "<tr{}><td>{}</td><td><a href='{}'>{}</a><br><small>{}</small></td>"
                    "<td class='fd-quote'>…{}<strong>{}</strong>{}…</td>"
                    "<td><a href='{}'>Split off…</a></td></tr>",
                    mark_safe(" class='fd-new-report-row' title='new since the decision'")
                    if is_new
                    else "",
                    format_html(
                        "<strong>new since the decision</strong><br><bdi>{}</bdi>",
                        article.source_label,
                    )
                    if is_new
                    else format_html("<bdi>{}</bdi>", article.source_label),
                    reverse("admin:articles_article_change", args=[article.pk]),
                    format_html("<bdi>{}</bdi>", article.title),
                    article.published_on or f"date unknown {article.date_phrase}".strip(),
                    before,
                    mark_safe(quote),
                    after,
                    split_url,
                )
            )
        return format_html(
            "<table class='fd-reports'><thead><tr><th>source</th><th>article</th>"
            "<th>the exact quote, in its context</th><th></th></tr></thead>"
            "<tbody>{}</tbody></table>",
            mark_safe("".join(rows)),
        )

    def save_model(self, request, obj, form, change):
        services.edit_claim_wording(
            claim=obj,
            editor=request.user,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class StaleCheckingForm(form):
            def clean(self):
                cleaned = super().clean()
                current = Claim.objects.filter(pk=self.instance.pk).values("version").first()
                if current and cleaned.get("version") != current["version"]:
                    fresh = Claim.objects.select_related("updated_by").get(pk=self.instance.pk)
                    who = fresh.updated_by.get_username() if fresh.updated_by else "someone"
                    raise forms.ValidationError(
                        f"Claim {fresh.pk} was changed by {who} at "
                        f"{fresh.updated_at:%Y-%m-%d %H:%M:%S}; reload it and edit again."
                    )
                return cleaned

        return StaleCheckingForm

    # Bulk actions lead to the same review page as the single-claim button.
    def _review_selected(self, request, queryset, status):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        url = reverse("admin:claims_claim_review_many")
        return redirect(f"{url}?ids={ids}&status={status}")

    @admin.action(description="Verify selected claims…", permissions=["review"])
    def verify_selected(self, request, queryset):
        return self._review_selected(request, queryset, Claim.Status.VERIFIED)

    @admin.action(description="Dispute selected claims…", permissions=["review"])
    def dispute_selected(self, request, queryset):
        return self._review_selected(request, queryset, Claim.Status.DISPUTED)

    @admin.action(description="Reopen selected claims…", permissions=["review"])
    def reopen_selected(self, request, queryset):
        return self._review_selected(request, queryset, Claim.Status.UNREVIEWED)

    @admin.action(
        description="Dismiss selected claims as not check-worthy…", permissions=["review"]
    )
    def dismiss_selected(self, request, queryset):
        return self._review_selected(request, queryset, Claim.Status.NOT_CHECK_WORTHY)

    @admin.action(
        description="Assign selected claims (choose who and when)", permissions=["review"]
    )
    def assign_selected(self, request, queryset):
        form = AssignForm(request.POST)
        form.fields["action"].choices = self.get_action_choices(request)
        if not form.is_valid():
            self.message_user(request, f"Not assigned: {form.errors.as_text()}", level="error")
            return None
        assignee = form.cleaned_data["assignee"]
        try:
            changed = services.assign_claims(
                claims=list(queryset),
                assignee=assignee,
                editor=request.user,
                due_on=form.cleaned_data["due_on"],
            )
        except services.EditorialError as error:
            self.message_user(request, f"Not assigned: {error}", level="error")
            return None
        who = assignee.get_username() if assignee else "nobody"
        self.message_user(
            request,
            f"1 claim is now assigned to {who}."
            if changed == 1
            else f"{changed} claims are now assigned to {who}.",
        )
        return None

    @admin.action(description="Merge selected claims…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:claims_claim_merge')}?ids={ids}")

    def has_review_permission(self, request):
        return request.user.has_perm("claims.review_claim")

    def has_merge_permission(self, request):
        return request.user.has_perm("claims.merge_claim")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", view(self.workspace_view), name="claims_claim_review"),
            path("review/", view(self.review_view), name="claims_claim_review_many"),
            path("merge/", view(self.merge_view), name="claims_claim_merge"),
            path(
                "appearance/<int:pk>/split/",
                view(self.split_view),
                name="claims_appearance_split",
            ),
            *super().get_urls(),
        ]

    def _selected(self, request, pk=None):
        if pk is not None:
            return [get_object_or_404(Claim.objects.active(), pk=pk)]
        raw = request.GET.get("ids") or request.POST.get("ids") or ""
        ids = [int(part) for part in raw.split(",") if part.strip().isdigit()]
        claims = list(Claim.objects.active().filter(pk__in=ids).select_related("event"))
        if not claims:
            raise PermissionDenied("No claims selected.")
        return claims

    def workspace_view(self, request, pk):
        return workspace.workspace_view(self, request, pk)

    def review_view(self, request):
        """One decision for the claims selected in the list (its bulk actions)."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        claims = self._selected(request)
        if len(claims) == 1 and request.method == "GET":
            return redirect("admin:claims_claim_review", claims[0].pk)  # the workspace
        versions = {c.pk: c.version for c in claims}
        if request.method == "POST":
            form = ReviewForm(request.POST)
            loaded = {c.pk: workspace.posted_version(request, c) for c in claims}
            if form.is_valid():
                try:
                    with transaction.atomic():  # a bulk decision lands whole or not at all
                        for claim in claims:
                            services.review_claim(
                                claim=claim,
                                editor=request.user,
                                status=form.cleaned_data["status"],
                                rationale=form.cleaned_data["rationale"],
                                expected_version=loaded[claim.pk],
                                evidence=form.evidence(),
                                rating=form.cleaned_data.get("rating", ""),
                            )
                except services.EditorialError as error:
                    form.add_service_error(error)
                else:
                    self.message_user(request, decision_message(claims))
                    return redirect("admin:claims_claim_changelist")
            versions = loaded
        else:
            form = ReviewForm(initial={"status": request.GET.get("status", "")})
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review {len(claims)} claims",
            "opts": self.model._meta,
            "claims": claims,
            "versions": versions,
            "ids": ",".join(str(c.pk) for c in claims),
            "form": form,
        }
        return TemplateResponse(request, "admin/claims/claim/review.html", context)

    def merge_view(self, request):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        claims = self._selected(request)
        error = ""
        if request.method == "POST":
            target = next((c for c in claims if str(c.pk) == request.POST.get("target")), None)
            try:
                if target is None:
                    raise services.EditorialError("Choose the claim to keep.")
                merged = services.merge_claims(
                    target=target,
                    others=claims,
                    editor=request.user,
                    reason=request.POST.get("reason", ""),
                )
            except services.EditorialError as exc:
                error = str(exc)
            else:
                self.message_user(request, f"Merged {len(claims)} claims into claim {merged.pk}.")
                return redirect("admin:claims_claim_change", merged.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {len(claims)} claims",
            "opts": self.model._meta,
            "claims": claims,
            "ids": ",".join(str(c.pk) for c in claims),
            "error": error,
        }
        return TemplateResponse(request, "admin/claims/claim/merge.html", context)

    def split_view(self, request, pk):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        appearance = get_object_or_404(Appearance.objects.select_related("claim", "article"), pk=pk)
        error = ""
        if request.method == "POST":
            try:
                claim = services.split_appearance(
                    appearance=appearance,
                    editor=request.user,
                    reason=request.POST.get("reason", ""),
                )
            except services.EditorialError as exc:
                error = str(exc)
            else:
                self.message_user(request, f"The quote is now claim {claim.pk}.")
                return redirect("admin:claims_claim_change", claim.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Split a report off into its own claim",
            "opts": self.model._meta,
            "appearance": appearance,
            "error": error,
        }
        return TemplateResponse(request, "admin/claims/claim/split.html", context)


@admin.register(Review)
class ReviewAdmin(RecordAdmin):
    """Reviews are the record of decisions: nobody edits or deletes them here."""

    list_display = ["claim", "editor", "from_status", "to_status", "created_at"]
    list_select_related = ["claim", "editor"]
    list_filter = ["to_status"]
    show_full_result_count = False
    # Shown, never edited: no form field, so no choice list of every claim is built
    # (which ClaimAdmin's queue ordering cannot sort).
    fields = ["claim", "editor", "from_status", "to_status", "rationale", "created_at"]
    readonly_fields = fields


def _when_and_who(entry) -> str:
    if entry is None:
        return ""
    who = entry.actor.get_username() if entry.actor else "someone"
    return f" on {timezone.localtime(entry.created_at):%Y-%m-%d %H:%M} by {who}"


@admin.register(EntityAlias)
class EntityAliasAdmin(admin.ModelAdmin):
    """Other spellings of names, which editors add: the next reports that use them meet
    the English reports naming the same person or place."""

    list_display = ["spelling", "name"]
    search_fields = ["spelling", "name"]


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    """Claims in two languages that ingestion linked or proposes to link: editors confirm
    a proposal (linked) or reject it, and ingestion keeps a rejection."""

    list_display = ["claim", "same_as", "status", "score"]
    list_editable = ["status"]
    list_filter = ["status"]
    list_select_related = ["claim", "same_as"]
    ordering = ["id"]
    readonly_fields = ["claim", "same_as", "score"]

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The claims are read-only here: no need for the review queue's ordering.
        kwargs.setdefault("queryset", Claim.objects.order_by("pk"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MatchProposal)
class MatchProposalAdmin(admin.ModelAdmin):
    """Sentences ingestion was not sure enough to join to a claim: each started a claim of
    its own, proposed as the same as a close one. Editors confirm (the two are merged) or
    reject (they stay apart, and the pair is not proposed again)."""

    list_display = ["new_claim", "candidate_claim", "score", "margin", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["claim", "candidate"]
    show_full_result_count = False
    actions = ["confirm_selected", "reject_selected"]
    fields = ["claim", "candidate", "score", "margin", "status", "decided_by", "decided_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        # The texts of both claims are all a row shows: not their tallies (up to ~1 MB).
        return (
            super()
            .get_queryset(request)
            .defer(
                *(
                    f"{side}__{field}"
                    for side in ("claim", "candidate")
                    for field in ("tally", "search_text", "variant_decisions", "rationale")
                )
            )
        )

    @admin.display(description="new claim (the sentence's own)")
    def new_claim(self, proposal):
        return _claim_cell(proposal.claim)

    @admin.display(description="proposed as the same as")
    def candidate_claim(self, proposal):
        return _claim_cell(proposal.candidate)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided through the actions, which merge or record the rejection

    def has_delete_permission(self, request, obj=None):
        return False

    def has_merge_permission(self, request):
        return request.user.has_perm("claims.merge_claim")

    def _decide(self, request, queryset, decide, done: str):
        decided = 0
        for proposal in queryset.filter(status=MatchProposal.Status.PROPOSED).order_by("pk"):
            try:
                decide(proposal=proposal, editor=request.user)
            except services.EditorialError as error:
                self.message_user(request, f"Proposal {proposal.pk}: {error}", level="error")
            else:
                decided += 1
        self.message_user(request, f"{decided} proposed match(es) {done}.")

    @admin.action(description="Confirm: merge each new claim into its match", permissions=["merge"])
    def confirm_selected(self, request, queryset):
        self._decide(request, queryset, services.confirm_match, "confirmed and merged")

    @admin.action(description="Reject: keep the claims apart", permissions=["merge"])
    def reject_selected(self, request, queryset):
        self._decide(request, queryset, services.reject_match, "rejected")


def _claim_cell(claim) -> str:
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html(
        '<a href="{}">claim {}</a> <span class="fd-badge {}">{}</span><br>{}',
        url,
        claim.pk,
        statuses.BY_VALUE[claim.status].desk_css_class,
        claim.get_status_display(),
        Truncator(claim.text).chars(160),
    )
