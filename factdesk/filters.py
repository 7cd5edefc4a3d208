"""Filter fields that accept every string the API schema allows."""

import datetime

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator


class NulTolerantCharField(forms.CharField):
    # A NUL byte can't be stored or searched; dropping it keeps the rest of the query usable.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class TextFilter(django_filters.CharFilter):
    field_class = NulTolerantCharField


MAX_ID = 2**63 - 1  # the largest key a database integer column holds


class IdFilter(django_filters.NumberFilter):
    """An id filter for which no row matches an id out of the database's range."""

    def filter(self, qs, value):
        if value is not None and not 0 < value <= MAX_ID:
            return qs.none()
        return super().filter(qs, value)


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 timestamp, compared in UTC.

    ISO 8601 allows offsets up to 23:59 but PostgreSQL refuses any past 15:59, so the
    value is converted to UTC first. A time that falls outside years 1..9999 in UTC is
    before (or after) every stored one: it is clamped, so the filter still means what it says.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            edge = datetime.datetime.min if value.year == 1 else datetime.datetime.max
            return edge.replace(tzinfo=datetime.UTC)


class TimestampFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField
