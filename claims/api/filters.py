import django_filters
from drf_spectacular.utils import extend_schema_field

from factdesk.filters import (
    BooleanFilter,
    IdFilter,
    IntegerFilter,
    StrictFilterSet,
    TextFilter,
    TimestampFilter,
)

from .. import searching
from ..models import Appearance, Claim, Event


class ClaimFilter(StrictFilterSet):
    event = TextFilter(field_name="event__slug", help_text="Event slug.")
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    source = IdFilter(
        field_name="appearances__article__source", distinct=True, help_text="Source id."
    )
    has_variants = BooleanFilter()
    language = TextFilter(
        method="filter_language",
        help_text="Claims with a report in this language (BCP 47 tag: en, ja, ko, zh-Hans…).",
    )
    min_independent_sources = extend_schema_field({"type": "integer", "minimum": 0})(
        IntegerFilter(field_name="independent_source_count", lookup_expr="gte", min_value=0)
    )
    reviewed_since = TimestampFilter(
        field_name="reviews__created_at", lookup_expr="gte", distinct=True
    )
    reviewed_until = TimestampFilter(
        field_name="reviews__created_at", lookup_expr="lte", distinct=True
    )
    q = TextFilter(method="search", help_text="Words in the claim or its quotes.")

    class Meta:
        model = Claim
        fields = []

    def filter_language(self, queryset, name, value):
        reports = Appearance.objects.filter(article__language__iexact=value.strip())
        return queryset.filter(pk__in=reports.values("claim_id"))

    def search(self, queryset, name, value):
        return searching.search(queryset, value)


class EventFilter(StrictFilterSet):
    place = TextFilter(lookup_expr="iexact")

    class Meta:
        model = Event
        fields = []
