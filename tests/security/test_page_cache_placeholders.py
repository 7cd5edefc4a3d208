"""Hole 6 of the second probe: the page cache's placeholders could come from a request.

A stored page kept the bytes "\\x00nonce\\x00" where the answer's CSP nonce goes, so
`/search/?q=%00nonce%00` had the next reader's nonce written into the search box. A
stored page now keeps the places of the token and the nonce beside its text, never as
bytes in it: nothing a request sends can become a placeholder.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.html import escape

from factdesk import page_cache

# What a request might try: the old markers and look-alikes.
GUESSES = ["\x00nonce\x00", "\x00csrf\x00", "\x00nonce\x00\x00csrf\x00", "nonce", "csrf"]


def _reflecting_view(request):
    """A reader page that shows a query parameter back (as the search box does)."""
    html = (
        f'<input name="q" value="{escape(request.GET.get("q", ""))}">'
        f'<form><input type="hidden" name="csrfmiddlewaretoken" value="{"t" * 64}"></form>'
        f'<script nonce="{request.csp_nonce}"></script>'
    )
    return HttpResponse(html)


def _ask(view, q: str, n: int):
    request = RequestFactory().get("/reflect/", {"q": q})
    request.user = AnonymousUser()
    request._csp_nonce = request.csp_nonce = f"n{n}-" + "N" * 20
    return request, view(request)


def _search_box(content: bytes) -> str:
    return re.search(rb'<input name="q" value="([^"]*)"', content).group(1).decode()


@pytest.mark.django_db
@pytest.mark.parametrize("guess", GUESSES)
def test_request_data_never_becomes_a_placeholder(guess):
    view = page_cache.cached_page(_reflecting_view)
    _first, fresh = _ask(view, guess, 1)
    second_request, cached = _ask(view, guess, 2)
    assert cached.content != fresh.content  # from the cache: its own nonce
    assert _search_box(cached.content) == _search_box(fresh.content) == escape(guess)
    assert second_request.csp_nonce.encode() in cached.content
    assert cached.content.count(second_request.csp_nonce.encode()) == 1  # the script's only


@pytest.mark.django_db
def test_the_search_box_never_shows_the_nonce():
    """Through the whole stack, as the probe sent it."""
    for _ in range(2):
        response = Client().get("/search/", {"q": "\x00nonce\x00"})
        assert response.status_code in (200, 400)
        policy = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        if policy:  # the nonce appears in nonce attributes only
            nonce = policy.group(1).encode()
            assert response.content.count(nonce) == response.content.count(b'nonce="%s"' % nonce)
