"""The reader search: one form, applied to claims and to articles of published events.

Every input a reader can type is handled: blank fields are no filter, a bad value is a
form error shown beside the field (and no results), never a server error.
"""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Source
from factdesk import fulltext
from factdesk.filters import TextFilter

from .. import searching, statuses
from ..models import Appearance, Claim, Event

MAX_QUERY_CHARS = 200


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        # A browser's date field only takes ISO dates, whatever the reader's language.
        return value.isoformat() if hasattr(value, "isoformat") else value


class SearchForm(forms.Form):
    def clean(self):
        data = super().clean()
        after, before = data.get("published_after"), data.get("published_before")
        if after and before and after > before:
            raise forms.ValidationError(_("The start of the date range is after its end."))
        return data

    def has_criteria(self) -> bool:
        return any(value not in (None, "") for value in self.cleaned_data.values())


class SourceField(django_filters.fields.ModelChoiceField):
    """An outlet by id; a value that cannot be an id is an invalid choice, not a query."""

    def to_python(self, value):
        if value not in self.empty_values and not (str(value).isdigit() and len(str(value)) < 19):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SourceFilter(django_filters.ModelChoiceFilter):
    field_class = SourceField


def public_sources() -> QuerySet:
    return Source.objects.published().order_by("name")


class EventField(django_filters.fields.ModelChoiceField):
    """A published event by its slug; hidden in the form, named on the page instead.

    An unknown slug and an unpublished event's get the same message: readers learn
    nothing about events they may not see.
    """

    default_error_messages = {"invalid_choice": _("No published event has this address.")}


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventField


class _ReportFilters(django_filters.FilterSet):
    """What claims and articles are both searched by: words, outlet, publication date."""

    q = TextFilter(
        label=_("Words"),
        method="filter_words",
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    source = SourceFilter(
        label=_("Outlet"),
        queryset=public_sources(),
        empty_label=_("Any outlet"),
        method="filter_source",
    )
    published_after = django_filters.DateFilter(
        label=_("Published from"), widget=DateInput, method="filter_after"
    )
    published_before = django_filters.DateFilter(
        label=_("Published until"), widget=DateInput, method="filter_before"
    )
    # The event page links here for the reports it does not list (its outlets beyond
    # the first few): claims and articles of one published event, by its slug.
    event = EventFilter(
        label=_("Event"),
        queryset=Event.objects.published(),
        to_field_name="slug",
        widget=forms.HiddenInput,
    )

    class Meta:
        fields: list[str] = []
        form = SearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per request, so a newly published outlet is offered at once.
        self.filters["source"].queryset = public_sources()
        self.filters["event"].queryset = Event.objects.published()


class ClaimSearch(_ReportFilters):
    """Claims by their wording or quotes, status, and the outlets and dates of their reports."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        # Readers never see dismissed claims: no choice would find one.
        choices=[(facts.value, facts.label) for facts in statuses.ACCOUNT],
        empty_label=_("Any status"),
    )

    class Meta(_ReportFilters.Meta):
        model = Claim

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # One report must match outlet and dates together: a claim "from outlet X in
        # December" is one that X reported in December, not one X reported at some time
        # and someone else reported in December.
        data, report = self.form.cleaned_data, Q()
        if data.get("source"):
            report &= Q(article__source=data["source"])
        if data.get("published_after"):
            report &= Q(article__published_on__gte=data["published_after"])
        if data.get("published_before"):
            report &= Q(article__published_on__lte=data["published_before"])
        if report:
            queryset = queryset.filter(pk__in=Appearance.objects.filter(report).values("claim_id"))
        return queryset

    def filter_words(self, queryset, name, value):
        return searching.search(queryset, value)

    def filter_source(self, queryset, name, value):
        return queryset  # applied with the dates in filter_queryset

    filter_after = filter_before = filter_source


class ArticleSearch(_ReportFilters):
    """Articles by their headline or text, outlet and publication date."""

    class Meta(_ReportFilters.Meta):
        model = Article

    def filter_words(self, queryset, name, value):
        return fulltext.matching(queryset, value)

    def filter_source(self, queryset, name, value):
        return queryset.filter(source=value) if value else queryset

    def filter_after(self, queryset, name, value):
        return queryset.filter(published_on__gte=value) if value else queryset

    def filter_before(self, queryset, name, value):
        return queryset.filter(published_on__lte=value) if value else queryset
