import django_filters
from django.db.models import Q

from factdesk.filters import IdFilter, TextFilter, TimestampFilter

from .models import Claim, Event


class ClaimFilter(django_filters.FilterSet):
    event = TextFilter(field_name="event__slug", help_text="Event slug.")
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    source = IdFilter(
        field_name="appearances__article__source", distinct=True, help_text="Source id."
    )
    # Strict: an unknown value is a 400, not silently "no filter".
    has_variants = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")], coerce=lambda value: value == "true"
    )
    min_independent_sources = django_filters.NumberFilter(
        field_name="independent_source_count", lookup_expr="gte"
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

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(text__icontains=value) | Q(appearances__quote__icontains=value)
        ).distinct()


class EventFilter(django_filters.FilterSet):
    place = TextFilter(lookup_expr="iexact")

    class Meta:
        model = Event
        fields = []
