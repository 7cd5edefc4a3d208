"""The claim list's filters, and the form its assign action asks with."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from articles.models import Source

from .. import selectors
from ..models import (
    Claim,
)


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
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.possible_assignees()


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
