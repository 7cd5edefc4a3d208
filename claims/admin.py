from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.models import Source

from . import services
from .forms import ClaimWordingForm, ReviewForm
from .models import Appearance, Claim, Event, Evidence, Review, WordingChange

CONTEXT_CHARS = 160


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "place", "starts_on", "ends_on", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "place"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish", "unpublish"]

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.has_perm("claims.publish_event") else ["is_published"]

    def _set_published(self, request, queryset, published: bool):
        for event in queryset:
            services.set_event_published(event=event, editor=request.user, published=published)
        self.message_user(request, f"{queryset.count()} event(s) updated.")

    @admin.action(description="Publish selected events", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description="Unpublish selected events", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def has_publish_permission(self, request):
        return request.user.has_perm("claims.publish_event")


class ReviewInline(admin.TabularInline):
    model = Review
    verbose_name_plural = "History of decisions (newest first)"
    fields = ["created_at", "editor", "from_status", "to_status", "rationale"]
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
    """The review queue: busiest unreviewed claims first."""

    form = ClaimWordingForm
    list_display = [
        "short_text",
        "event",
        "status_label",
        "source_count",
        "independent_source_count",
        "has_variants",
    ]
    list_filter = [
        "status",
        "event",
        ReportedBySourceFilter,
        "has_variants",
        IndependentSourcesFilter,
    ]
    list_select_related = ["event"]
    search_fields = ["text", "appearances__quote"]
    show_full_result_count = False
    list_per_page = 50
    fields = [
        "text",
        "version",
        "event",
        "decision",
        "counts",
        "variant_summary",
        "reports",
    ]
    readonly_fields = ["event", "decision", "counts", "variant_summary", "reports"]
    inlines = [EvidenceInline, ReviewInline, WordingChangeInline]
    actions = ["verify_selected", "dispute_selected", "reopen_selected", "merge_selected"]

    def get_queryset(self, request):
        # Annotated before ordering: the admin orders by review_order (open claims first).
        return (
            Claim.objects.active()
            .annotate(
                review_order=Case(
                    When(status=Claim.Status.UNREVIEWED, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        return ["review_order", "-source_count", "id"]

    def get_object(self, request, object_id, from_field=None):
        claim = super().get_object(request, object_id, from_field)
        if claim is not None:
            claim = Claim.objects.with_appearances().filter(pk=claim.pk).first()
        return claim

    def has_add_permission(self, request):
        return False  # claims come from ingestion; split creates them deliberately

    def has_delete_permission(self, request, obj=None):
        return False  # merging keeps history; deleting would lose it

    @admin.display(description="claim", ordering="text")
    def short_text(self, claim):
        return claim.text if len(claim.text) <= 140 else claim.text[:137] + "…"

    @admin.display(description="status", ordering="status")
    def status_label(self, claim):
        return claim.get_status_display()

    @admin.display(description="decision")
    def decision(self, claim):
        link = reverse("admin:claims_claim_review", args=[claim.pk])
        rationale = format_html("<p>{}</p>", claim.rationale) if claim.rationale else ""
        return format_html(
            '<strong>{}</strong>{} <a class="button" href="{}">Verify, dispute or reopen…</a>',
            claim.get_status_display(),
            rationale,
            link,
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
        rows = []
        for appearance in claim.appearances.all():
            article = appearance.article
            body = article.body
            before = body[max(0, appearance.start - CONTEXT_CHARS) : appearance.start]
            after = body[appearance.end : appearance.end + CONTEXT_CHARS]
            quote = escape(appearance.quote)
            for value in sorted(marks, key=len, reverse=True):
                quote = quote.replace(escape(value), f"<mark>{escape(value)}</mark>")
            split_url = reverse("admin:claims_appearance_split", args=[appearance.pk])
            rows.append(
                format_html(
                    "<tr><td>{}</td><td><a href='{}'>{}</a><br><small>{}</small></td>"
                    "<td class='fd-quote'>…{}<strong>{}</strong>{}…</td>"
                    "<td><a href='{}'>Split off…</a></td></tr>",
                    article.source_label,
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article.title,
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
            path("<int:pk>/review/", view(self.review_view), name="claims_claim_review"),
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

    def review_view(self, request, pk=None):
        if not self.has_review_permission(request):
            raise PermissionDenied
        claims = self._selected(request, pk)
        versions = {c.pk: c.version for c in claims}
        if request.method == "POST":
            form = ReviewForm(request.POST)
            loaded = {
                c.pk: int(request.POST.get(f"version_{c.pk}", c.version) or 0) for c in claims
            }
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
                            )
                except services.EditorialError as error:
                    form.add_error(None, str(error))
                else:
                    self.message_user(
                        request, f"{len(claims)} claim(s) now {claims[0].get_status_display()}."
                    )
                    if pk is not None:
                        return redirect("admin:claims_claim_change", pk)
                    return redirect("admin:claims_claim_changelist")
            versions = loaded
        else:
            form = ReviewForm(initial={"status": request.GET.get("status", "")})
        context = {
            **self.admin_site.each_context(request),
            "title": "Review claim" if len(claims) == 1 else f"Review {len(claims)} claims",
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
                merged = services.merge_claims(target=target, others=claims, editor=request.user)
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
                claim = services.split_appearance(appearance=appearance, editor=request.user)
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
class ReviewAdmin(admin.ModelAdmin):
    """Reviews are the record of decisions: nobody edits or deletes them here."""

    list_display = ["claim", "editor", "from_status", "to_status", "created_at"]
    list_select_related = ["claim", "editor"]
    list_filter = ["to_status"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
