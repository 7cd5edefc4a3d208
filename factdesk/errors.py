"""What the desk answers when something goes wrong outside a view's own rules.

Pages get HTML, everything under /api/ gets the API's one JSON error shape
(error_body), whatever failed: an unknown path, a body over the request
cap, a bug, or a database that does not answer (503 with Retry-After, so clients and
load balancers wait instead of treating the desk as broken).
"""

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

# How long clients should wait before trying again while the database is away.
RETRY_AFTER_SECONDS = 30
# What a lost, refused or terminated database connection raises.
DATABASE_ERRORS = (OperationalError, InterfaceError)
API_PREFIX = "/api/"


class DeskError(Exception):
    """A request the desk's rules refuse: its message is shown to the user as is, and
    nothing was changed. Each app's refusals subclass it (claims.services.EditorialError,
    articles.reading.IngestError, ...), so the API (400, or 409 for a `conflict`), forms
    and the admin handle them in one way.

    field: the part of the request the refusal is about, so that a form shows it there.
    """

    conflict = False

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def error_body(status: int, code: str, detail: str, errors: dict | None = None) -> dict:
    """The API's one error shape, documented in docs/api.md."""
    return {"status": status, "code": code, "detail": detail, "errors": errors or {}}


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(status: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse(error_body(status, code, detail), status=status)


def service_unavailable(request) -> HttpResponse:
    """503 with Retry-After; rendered without the request so nothing touches the database."""
    if is_api(request):
        response = json_error(
            503, "unavailable", "The service is briefly unavailable. Try again shortly."
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def body_too_large(request) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return json_error(413, "too_large", f"The request body is larger than {limit} bytes.")


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ServiceErrorsMiddleware:
    """Refuses oversized API bodies before they are read, and turns a database outage
    raised by any view into 503 instead of 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # DRF reads JSON bodies without Django's DATA_UPLOAD_MAX_MEMORY_SIZE check: the
        # declared length is checked here for every API request.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if is_api(request) and limit is not None and _declared_length(request) > limit:
            return body_too_large(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return service_unavailable(request)
        return None


# Django's error handlers (handler400/403/404/500 in factdesk.urls): JSON under /api/.


def bad_request(request, exception):
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return body_too_large(request)
        return json_error(400, "bad_request", "The request could not be understood.")
    if isinstance(exception, RequestDataTooBig):
        return too_large_page(request)
    return defaults.bad_request(request, exception)


def too_large_page(request) -> HttpResponse:
    """A pasted text over the request cap: say the limits and how to send it instead."""
    context = {
        "sent": readable_size(_declared_length(request)),
        "request_limit": readable_size(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "article_limit": readable_size(settings.FACTDESK_MAX_ARTICLE_BYTES),
        "background_size": readable_size(settings.FACTDESK_BACKGROUND_BYTES),
    }
    return HttpResponse(render_to_string("413.html", context), status=413)


def readable_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(size / 1000))} KB"


def permission_denied(request, exception):
    if is_api(request):
        return json_error(403, "permission_denied", "You may not do this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return json_error(404, "not_found", "Not found.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Called while the exception is being handled: an outage that escaped the views
    # (a middleware, a template rendered late) is still a 503.
    if isinstance(sys.exception(), DATABASE_ERRORS):
        return service_unavailable(request)
    if is_api(request):
        return json_error(500, "server_error", "Something went wrong on our side.")
    return defaults.server_error(request)
