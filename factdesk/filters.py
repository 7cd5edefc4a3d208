"""Filter fields that accept every string the API schema allows, and nothing else.

A value that does not fit its parameter is a 400 naming the parameter: "?source=0.5"
or "?has_variants=2" never silently means "no filter". Unknown parameters are ignored.
"""

import datetime
import re

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


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
INTEGER = re.compile(r"-?[0-9]+")


def parse_integer(raw: str) -> int | None:
    """Digits with an optional minus sign; int() would also take "1_000", " 5" and "+5"."""
    return int(raw) if INTEGER.fullmatch(raw) else None


class StrictIntegerField(forms.IntegerField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_integer(str(value))
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    """A whole number (documented as an OpenAPI integer); "0.5" or "1e3" is a 400."""

    field_class = StrictIntegerField


class IdFilter(IntegerFilter):
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


class IsoDateField(forms.DateField):
    input_formats = ["%Y-%m-%d"]  # the schema says ISO 8601 dates; "10/25/06" is refused


class DateFilter(django_filters.DateFilter):
    field_class = IsoDateField


@extend_schema_field({"type": "boolean"})
class BooleanFilter(django_filters.TypedChoiceFilter):
    """ "true" or "false", as OpenAPI serialises booleans in a query; anything else is a 400."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, coerce=lambda value: value == "true", **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """A filter given twice ("?source=1&source=2") is a 400, not its last value."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        getlist = getattr(self.data, "getlist", None)
        if getlist is None:
            return valid
        for name in self.filters:
            if len(getlist(name)) > 1:
                self.form.add_error(name, forms.ValidationError(GIVEN_TWICE, code="repeated"))
                valid = False
        return valid


GIVEN_TWICE = "Give this parameter once."
