"""Name aliases, links across languages and proposed matches, each confirmed by an editor."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from .. import services, statuses
from ..models import (
    Claim,
    ClaimLink,
    EntityAlias,
    MatchProposal,
)


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
        return claim_cell(proposal.claim)

    @admin.display(description="proposed as the same as")
    def candidate_claim(self, proposal):
        return claim_cell(proposal.candidate)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided through the actions, which merge or record the rejection

    def has_delete_permission(self, request, obj=None):
        return False

    def has_merge_permission(self, request):
        return services.may_merge(request.user)

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


def claim_cell(claim) -> str:
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html(
        '<a href="{}">claim {}</a> <span class="fd-badge {}">{}</span><br>{}',
        url,
        claim.pk,
        statuses.BY_VALUE[claim.status].desk_css_class,
        claim.get_status_display(),
        Truncator(claim.text).chars(160),
    )
