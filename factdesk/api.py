"""API conventions shared by every endpoint: pagination and one error shape."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from articles.services import IngestError
from claims.services import EditorialError, StaleClaimError


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def exception_handler(exc, context):
    """Every error is {"status": int, "code": str, "detail": str, "errors": {...}}."""
    if isinstance(exc, StaleClaimError):
        exc = Conflict(str(exc))
    elif isinstance(exc, EditorialError | IngestError):
        exc = exceptions.ValidationError({"non_field_errors": [str(exc)]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
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
    response.data = {
        "status": response.status_code,
        "code": code,
        "detail": detail,
        "errors": errors,
    }
    return response


def _as_list(value):
    if isinstance(value, dict):
        return [m for v in value.values() for m in _as_list(v)]
    return value if isinstance(value, list) else [value]


def error_response(status_code: int, code: str, detail: str) -> Response:
    return Response(
        {"status": status_code, "code": code, "detail": detail, "errors": {}}, status=status_code
    )
