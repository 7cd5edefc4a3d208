"""Sign-in protections around Django's own: session lifetimes, the lock-out page, and the
client address that django-axes counts failures against."""

import math
import time

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

SIGNED_IN_AT = "factdesk_signed_in_at"
LAST_SEEN_AT = "factdesk_last_seen_at"
# The last-seen time is written at most this often, so that a busy editor does not
# cost a session write per request; the idle timeout is exact to within this much.
LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """Ends a signed-in session FACTDESK_SESSION_MAX_AGE seconds after sign-in, or after
    FACTDESK_SESSION_IDLE seconds without a request, whichever comes first.

    SESSION_COOKIE_AGE alone cannot do either: the session's expiry moves on every save.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie nobody is signed in: reading request.user would touch
        # the session and make every anonymous response vary on Cookie.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_session and request.user.is_authenticated:
            self._check(request)
        response = self.get_response(request)
        # The request that signed in (its session was just cycled) starts the clocks now.
        signing_in = has_session or request.session.modified
        if signing_in and request.user.is_authenticated and SIGNED_IN_AT not in request.session:
            self._start(request)
        return response

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = int(time.time())
        signed_in, seen = session.get(SIGNED_IN_AT), session.get(LAST_SEEN_AT)
        if signed_in is None or seen is None:
            self._start(request)  # a session signed in before this rule existed
        elif now - signed_in >= settings.FACTDESK_SESSION_MAX_AGE:
            self._end(request, "Your session reached its time limit. Sign in again.")
        elif now - seen >= settings.FACTDESK_SESSION_IDLE:
            self._end(request, "Your session ended after a period without activity. Sign in again.")
        elif now - seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_AT] = now

    @staticmethod
    def _start(request: HttpRequest) -> None:
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now

    @staticmethod
    def _end(request: HttpRequest, message: str) -> None:
        logout(request)  # flushes the session; the request goes on as anonymous
        messages.info(request, message)


def client_ip(request: HttpRequest) -> str | None:
    """The address a failed sign-in is counted against.

    Behind FACTDESK_PROXY_COUNT proxies, each appends the address it received the request
    from to X-Forwarded-For, so the client is that many entries from the right; anything
    further left was written by the client and cannot be trusted.
    """
    remote = request.META.get("REMOTE_ADDR")
    hops = settings.FACTDESK_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < hops:
        return remote
    return forwarded[-hops]


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page django-axes shows instead of signing in while a lock-out lasts."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in locked",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": math.ceil(cool_off.total_seconds() / 60),
    }
    response = TemplateResponse(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()
