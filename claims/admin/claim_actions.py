"""What editors do to selected claims: review, dismiss, assign, merge and split."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .. import services
from ..models import (
    Appearance,
    Claim,
)
from . import workspace
from .filters import AssignForm
from .forms import ReviewForm


def decision_message(claims: list[Claim]) -> str:
    """“1 claim is now disputed.”, “3 claims are now disputed.”"""
    status = claims[0].get_status_display()
    if len(claims) == 1:
        return f"1 claim is now {status}."
    return f"{len(claims)} claims are now {status}."


class ClaimActions:
    """The claim list's bulk actions and the pages they lead to: review, merge, split."""

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
        return services.may_review(request.user)

    def has_merge_permission(self, request):
        return services.may_merge(request.user)

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
