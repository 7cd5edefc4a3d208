"""Readers' pages and API answers, cached whole, never stale.

Every cached answer is filed under the desk's *version*, a token in the shared cache.
Any committed write to the desk's own tables (articles, outlets, events, claims,
reports, reviews: whatever way it came, admin, API, command, worker, a bulk update)
replaces the token, so the next request renders afresh: a reader never sees a decision
older than the last commit. The writes are seen where they happen, on the database
connection, so no domain action has to remember to invalidate anything.

Only anonymous GET and HEAD requests are served from the cache: what desk members see
depends on who they are. A stored page is kept cut where the request's CSRF token and
CSP nonce stood, and each answer gets its own. The places are kept beside the text (a
slot is a str among the page's bytes), never as marker bytes in it: whatever a request
makes the page show back, nothing in it can become a slot.
"""

import functools
import hashlib
import re
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import request_finished
from django.db import connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "factdesk:desk-version"
VERSION_CACHE = "desk-version"
STORE_CHECK_SECONDS = 1.0
# The apps whose tables readers' pages are made of (their tables carry the app's name),
# and the accounts, whose names sign the public history; emptying tables (flush) too.
WRITES_THAT_MATTER = re.compile(
    r'^\s*(?:(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(?:articles_|claims_|auth_user\b)'
    r"|TRUNCATE\b)",
    re.IGNORECASE,
)
CSRF_FIELD = rb'name="csrfmiddlewaretoken" value="(?P<csrf>[^"]*)"'
CSRF_SLOT, NONCE_SLOT = "csrf", "nonce"


def enabled() -> bool:
    return getattr(settings, "FACTDESK_PAGE_CACHE", True)


def _desk_changed_here() -> bool:
    return any(
        getattr(connection, "desk_changed", False)
        for connection in connections.all(initialized_only=True)
    )


def _forget_changes() -> None:
    for connection in connections.all(initialized_only=True):
        connection.desk_changed = False


def _version_store():
    """Where the token lives for good: its own small table, which no cull of the page
    cache can empty (the "desk-version" cache). With Redis, Redis holds the token each
    request reads, and this table the copy that survives an outage of Redis."""
    return caches[VERSION_CACHE] if VERSION_CACHE in settings.CACHES else cache


def _reads_from_store() -> bool:
    # Without Redis the pages are in a database table anyway: the token is read where it
    # lasts, one query as before.
    return not isinstance(caches["default"], RedisCache)


def desk_version() -> str:
    # This connection's own uncommitted writes count too (a request that reads after
    # writing in the same transaction must see them).
    if _desk_changed_here():
        return new_version()
    if _reads_from_store():
        version = _version_store().get(VERSION_KEY)
    else:
        version = _checked_against_store(cache.get(VERSION_KEY))
    # A token the cache forgot is replaced, never guessed: old answers become unreachable.
    return version or new_version()


_last_check = [0.0]


def _checked_against_store(version: str | None) -> str | None:
    """Redis's token, unless the lasting copy is newer: a write whose new token could not
    reach Redis (down at the time) takes effect once Redis is back. Compared at most once
    a second per process, so a cached answer still costs no database query."""
    now = time.monotonic()
    if now - _last_check[0] < STORE_CHECK_SECONDS:
        return version
    _last_check[0] = now
    lasting = _version_store().get(VERSION_KEY)
    if lasting and (not version or lasting > version):
        cache.set(VERSION_KEY, lasting, timeout=None)
        return lasting
    return version


def new_version() -> str:
    # Tokens grow with time, so of two copies the newer is known.
    version = f"{time.time_ns():020d}{uuid.uuid4().hex[:12]}"
    _forget_changes()
    if enabled():
        _version_store().set(VERSION_KEY, version, timeout=None)
        if not _reads_from_store():
            cache.set(VERSION_KEY, version, timeout=None)
    return version


def _watch_writes(connection):
    # Nothing may be queried from inside a statement's execution (SQLite still has to
    # hand back the rows of an INSERT … RETURNING), so a write only marks the connection;
    # the version is replaced on commit, at the end of the request, or by the next read.
    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and WRITES_THAT_MATTER.match(sql):
            connection.desk_changed = True
            if connection.in_atomic_block and not any(
                func is new_version for _, func, _ in connection.run_on_commit
            ):
                connection.on_commit(new_version)
        return result

    watch.factdesk_page_cache = True
    return watch


def watch_connection(sender, connection, **kwargs):
    if not any(getattr(w, "factdesk_page_cache", False) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_watch_writes(connection))


def publish_changes(**kwargs):
    """A request that wrote outside a transaction (autocommit) publishes its writes."""
    if _desk_changed_here():
        new_version()


connection_created.connect(watch_connection, dispatch_uid="factdesk.page_cache")
request_finished.connect(publish_changes, dispatch_uid="factdesk.page_cache")


def is_cacheable(request) -> bool:
    return enabled() and request.method in ("GET", "HEAD") and not request.user.is_authenticated


def cache_key(request, *parts: str, query: str | None = None) -> str:
    """query: the query string the answer depends on (None: the whole address's; API
    answers hold absolute links to their next pages)."""
    address = (
        request.build_absolute_uri()
        if query is None
        else request.build_absolute_uri(request.path) + f"?{query}"
    )
    raw = "\n".join((address, get_language() or "", *parts))
    digest = hashlib.sha256(raw.encode()).hexdigest()
    # "slots:": the layout of an entry (see store); a new layout takes a new prefix.
    return f"factdesk:page:slots:{desk_version()}:{digest}"


def _etag(parts: list) -> str:
    digest = hashlib.sha256()
    for part in parts:  # each part marked with its kind and length: no two layouts alike
        kind = b"S" if isinstance(part, str) else b"B"
        data = part.encode() if isinstance(part, str) else part
        digest.update(b"%s%d:%s" % (kind, len(data), data))
    return f'"{digest.hexdigest()[:32]}"'


def _cut(content: bytes, nonce: str | None) -> list:
    """The page as bytes between slots: CSRF_SLOT where the form token stood, NONCE_SLOT
    where the nonce did. One pass over the page."""
    pattern = CSRF_FIELD
    if nonce:
        pattern += b"|(?P<nonce>" + re.escape(nonce.encode()) + b")"
    parts, start = [], 0
    for match in re.finditer(pattern, content):
        slot = CSRF_SLOT if match.group("csrf") is not None else NONCE_SLOT
        begin, end = match.span(slot)
        parts += [content[start:begin], slot]
        start = end
    parts.append(content[start:])
    return parts


def store(request, key: str, response) -> None:
    """Keep a rendered 200 answer, with the request's token and nonce taken out."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    nonce = getattr(request, "_csp_nonce", None)
    parts = _cut(response.content, nonce if isinstance(nonce, str) else None)
    entry = {
        # An answer joins the pieces with its own token and nonce in one pass (a replace
        # per placeholder copied a 200 KB page twice).
        "parts": parts,
        "content_type": response["Content-Type"],
        "etag": _etag(parts),
        "headers": {
            name: response[name] for name in ("Content-Disposition", "Link") if name in response
        },
    }
    cache.set(key, entry, settings.FACTDESK_PAGE_CACHE_SECONDS)
    _revalidate(response, entry["etag"])


def answer(request, entry: dict) -> HttpResponse:
    parts = entry["parts"]
    values = {}
    if CSRF_SLOT in parts:
        values[CSRF_SLOT] = get_token(request).encode()
    if NONCE_SLOT in parts:
        values[NONCE_SLOT] = str(request.csp_nonce).encode()
    # Only str parts are slots; the page's own bytes are never looked up.
    content = b"".join([values[part] if isinstance(part, str) else part for part in parts])
    response = HttpResponse(content, content_type=entry["content_type"])
    for name, value in entry["headers"].items():
        response[name] = value
    _revalidate(response, entry["etag"])
    return response


def _revalidate(response, etag: str) -> None:
    # Browsers ask again every time (a 304 when nothing changed): the desk may have
    # decided something since.
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))


def cached_page(view=None, *, params: tuple[str, ...] = ()):
    """Serve a reader page from the cache when the desk has not changed since.

    params: the query parameters the page reads. Any other (a tracking tag, junk) does
    not change the page, so it is left out of the key: such a request gets the page
    cached for the same address without it, and is never stored itself, so no string of
    junk parameters can fill the cache.
    """
    if view is None:
        return functools.partial(cached_page, params=params)
    known = frozenset(params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_cacheable(request):
            return view(request, *args, **kwargs)
        canonical = known.issuperset(request.GET)
        key = cache_key(request, query=canonical_query(request, known))
        entry = cache.get(key)
        if entry is not None:
            return answer(request, entry)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if canonical:
            store(request, key, response)
        return response

    return wrapper


def canonical_query(request, known) -> str:
    return urlencode(sorted((k, v) for k, v in request.GET.lists() if k in known), doseq=True)


# The answers an API request may get from the cache before DRF runs: what ?format= or
# the Accept header asks for, when that is plain (anything else, an empty Accept header
# included, takes DRF's negotiation).
FORMAT_MEDIA_TYPES = {"json": "application/json", "csv": "text/csv"}


def _plain_media_type(request) -> str | None:
    wanted = request.GET.getlist("format")
    if len(wanted) > 1:
        return None
    media_type = FORMAT_MEDIA_TYPES.get(wanted[0]) if wanted else "application/json"
    accept = request.META.get("HTTP_ACCEPT")
    if media_type is None or accept not in (None, "*/*", media_type):
        return None
    return media_type


class CachedReadsMixin:
    """API viewsets: anonymous JSON reads come from the cache, after the throttle.

    A request that is plainly anonymous (no Authorization header) and plainly asks for
    JSON or CSV is looked up before DRF's view machinery runs (authentication, content
    negotiation, permissions): only the throttle is applied first. Anything else, and any
    miss, goes through DRF, which stores the answer under the same key.
    """

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)

        @functools.wraps(view)
        def cached_first(request, *args, **kwargs):
            media_type = _plain_media_type(request)
            if (
                media_type is None
                or "HTTP_AUTHORIZATION" in request.META
                or not is_cacheable(request)
            ):
                return view(request, *args, **kwargs)
            for throttle in cls.throttle_classes:
                if not throttle().allow_request(request, None):
                    return view(request, *args, **kwargs)  # DRF answers 429 in its shape
            request.throttled_already = True  # counted once, here
            entry = cache.get(cache_key(request, media_type))
            if entry is None:
                return view(request, *args, **kwargs)
            response = answer(request, entry)
            patch_vary_headers(response, ("Accept",))
            return response

        return cached_first

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.page_cache_key = None
        if is_cacheable(request) and request.accepted_renderer.format in ("json", "csv"):
            self.page_cache_key = cache_key(request, request.accepted_media_type or "")
            entry = cache.get(self.page_cache_key)
            if entry is not None:
                handler_name = request.method.lower()
                setattr(self, handler_name, lambda *a, **k: answer(request, entry))
                self.page_cache_key = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "page_cache_key", None) and response.status_code == 200:
            response.render()
            store(request, self.page_cache_key, response)
        return response
