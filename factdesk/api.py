"""API conventions shared by every endpoint: strict pagination and ordering, one error shape."""

import logging
import re

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, filters, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DATABASE_ERRORS, RETRY_AFTER_SECONDS, DeskError, error_body
from .filters import GIVEN_TWICE, parse_integer

logger = logging.getLogger(__name__)


def single_param(request, name: str) -> str | None:
    """A query parameter's one value, None when absent; given twice is a 400."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise exceptions.ValidationError({name: [GIVEN_TWICE]})
    return values[0] if values else None


def whole_number(request, name: str, minimum: int, maximum: int | None = None) -> int | None:
    raw = single_param(request, name)
    if raw is None:
        return None
    number = parse_integer(raw)
    if number is None or number < minimum or (maximum is not None and number > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise exceptions.ValidationError(
            {name: [f"Give a whole number of at least {minimum}{upper}."]}
        )
    return number


class Pagination(PageNumberPagination):
    """Pages of a list; a page or page size that is not a whole number in range is a 400
    (a page past the end is a 404)."""

    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()  # "?page=last" is not in the schema

    def get_page_size(self, request):
        size = whole_number(request, self.page_size_query_param, 1, self.max_page_size)
        return self.page_size if size is None else size

    def get_page_number(self, request, paginator):
        return whole_number(request, self.page_query_param, 1) or 1

    def get_schema_operation_parameters(self, view):
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class Ordering(filters.OrderingFilter):
    """?ordering=field,-other over the view's ordering_fields; an unknown field is a 400."""

    def get_ordering(self, request, queryset, view):
        raw = single_param(request, self.ordering_param)
        if not raw:
            return self.get_default_ordering(view)
        fields = self.get_valid_fields(queryset, view, {"request": request})
        valid = {name for name, _label in fields}
        terms = raw.split(",")
        unknown = [term for term in terms if term.removeprefix("-") not in valid]
        if unknown:
            raise exceptions.ValidationError(
                {self.ordering_param: [f"Order by one of: {', '.join(sorted(valid))}."]}
            )
        return terms

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = "|".join(re.escape(name) for name in getattr(view, "ordering_fields", []))
        for parameter in parameters:
            parameter["schema"]["pattern"] = rf"^(-?({fields})(,-?({fields}))*)?$"
            parameter["description"] = (
                f"Comma-separated fields to order by, '-' first for descending: "
                f"{', '.join(view.ordering_fields)}."
            )
        return parameters


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request body is too large."


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "unavailable"
    default_detail = "The service is briefly unavailable. Try again shortly."

    def __init__(self, wait: int):
        super().__init__()
        self.wait = wait  # sent as Retry-After by DRF's handler


class BlankFilterExtension(DjangoFilterExtension):
    """Documents that an empty filter ("?source=") means no filter, as HTML forms send it."""

    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters


def exception_handler(exc, context):
    """Every error is {"status": int, "code": str, "detail": str, "errors": {...}}."""
    if isinstance(exc, DeskError):
        if exc.conflict:
            exc = Conflict(str(exc))
        else:
            exc = exceptions.ValidationError({"non_field_errors": [str(exc)]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, DATABASE_ERRORS):
        logger.warning("Database unavailable for %s: %s", context["request"].path, exc)
        exc = ServiceUnavailable(wait=RETRY_AFTER_SECONDS)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        messages = [str(m) for value in errors.values() for m in _as_list(value)]
        detail = messages[0] if messages else "Invalid input."
        code = "invalid"
    else:
        errors = {}
        detail = str(data.get("detail", "")) if isinstance(data, dict) else str(data)
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
    response.data = error_body(response.status_code, code, detail, errors)
    return response


def _as_list(value):
    if isinstance(value, dict):
        return [m for v in value.values() for m in _as_list(v)]
    return value if isinstance(value, list) else [value]


def error_response(status_code: int, code: str, detail: str) -> Response:
    return Response(error_body(status_code, code, detail), status=status_code)


# What every endpoint documents and checks, whichever app it belongs to.


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField()
    errors = serializers.DictField()


ERROR_TEXT = {
    400: "Invalid input or filter value.",
    401: "Authentication required.",
    403: "Your role may not do this.",
    404: "Not found, or not published.",
    409: "The claim changed since you loaded it.",
    429: "Too many requests.",
}


def errors(*codes: int) -> dict:
    return {code: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code]) for code in codes}


# Ids past the 64-bit range can't exist; the URL doesn't match, so they are a plain 404.
ID_PATTERN = "[0-9]{1,18}"
READ_ERRORS = errors(400, 401, 403, 404, 429)
WRITE_ERRORS = errors(400, 401, 403, 404, 429)


def has_perm(perm: str):
    class HasPermission(permissions.BasePermission):
        """Authenticated (else 401) and holding the permission (else 403)."""

        def has_permission(self, request, view):
            user = request.user
            return bool(user and user.is_authenticated and user.has_perm(perm))

    return HasPermission
