"""Every page the desk will not take is refused with one line, and nothing is written."""

import time
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from intake.models import PageSnapshot

from .conftest import PAGES, article_html, dripping, slow, streamed

pytestmark = pytest.mark.django_db


def ingest(*arguments) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *arguments, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return out.getvalue(), err.getvalue(), code


def assert_refused(url: str, reason: str):
    out, err, code = ingest(url)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert reason in lines[0]
    assert "Done: 0 new, 0 unchanged, 1 failed." in out
    assert not Article.objects.exists()
    assert not PageSnapshot.objects.exists()


def test_not_html_is_refused(site):
    url = site.page("/logo.png", b"\x89PNG\r\n", content_type="image/png")
    assert_refused(url, "not an HTML page (image/png)")


def test_a_page_without_article_text_is_refused(site):
    url = site.page("/menu", (PAGES / "empty.html").read_bytes())
    assert_refused(url, "no article text")


def test_a_page_over_the_size_limit_is_refused_by_its_length(site, settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 50_000
    url = site.page("/big", b"<p>" + b"x" * 60_000 + b"</p>")
    assert_refused(url, "over the 50,000 byte limit")


def test_a_page_over_the_size_limit_is_cut_off_while_streaming(site, settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 100_000
    site.routes["/endless"] = streamed(10_000_000)
    assert_refused(site.url("/endless"), "over the 100,000 byte limit")


def test_an_unreachable_server_is_refused(site):
    assert_refused("http://127.0.0.1:9/", "unreachable")


def test_a_server_error_is_refused(site):
    url = site.page("/broken", b"oops", status=500)
    assert_refused(url, "the server answered 500")


def test_a_host_that_does_not_resolve_is_refused(site):
    assert_refused("http://no-such-host.invalid/news", "does not resolve")


def test_a_loopback_address_is_refused_unless_allowed(site, settings):
    url = site.page("/news", article_html("000_10dd2e685f804502.txt"))
    settings.FACTDESK_FETCH_ALLOWED_HOSTS = []
    assert_refused(url, "private, loopback, link-local or reserved address (127.0.0.1)")
    assert site.hits("/news") == 0  # refused before any request


@pytest.mark.parametrize(
    "address",
    ["10.0.0.7", "192.168.1.1", "169.254.169.254", "[::1]", "0.0.0.0", "240.0.0.1"],
)
def test_private_link_local_and_reserved_addresses_are_refused(site, address):
    assert_refused(f"http://{address}/latest/meta-data/", "private, loopback")


def test_a_redirect_to_a_private_address_is_refused_after_resolving_it(site):
    # "localhost" is not on the allowed list: it is checked by the address it resolves to.
    url = site.redirect("/moved", f"http://localhost:{site.server.server_port}/news")
    site.page("/news", article_html("000_10dd2e685f804502.txt"))
    assert_refused(url, "localhost is a private, loopback")
    assert site.hits("/news") == 0


def test_a_redirect_loop_is_refused(site):
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    assert_refused(site.url("/a"), "redirect loop")


def test_more_than_five_redirects_are_refused(site):
    for n in range(6):
        site.redirect(f"/r{n}", f"/r{n + 1}")
    site.page("/r6", article_html("000_10dd2e685f804502.txt"))
    assert_refused(site.url("/r0"), "more than 5 redirects")


def test_five_redirects_are_followed(site):
    for n in range(5):
        site.redirect(f"/r{n}", f"/r{n + 1}")
    site.page("/r5", article_html("000_10dd2e685f804502.txt"))
    out, err, code = ingest(site.url("/r0"))
    assert code == 0, err
    assert Article.objects.get().url == site.url("/r5")


def test_a_slow_page_times_out(site, settings):
    settings.FACTDESK_FETCH_TIMEOUT = 1
    site.routes["/slow"] = slow(3)
    assert_refused(site.url("/slow"), "(timeout)")


def test_a_page_dripping_a_byte_at_a_time_times_out_on_time(site, settings):
    settings.FACTDESK_FETCH_TIMEOUT = 1
    site.routes["/drip"] = dripping(6)
    started = time.monotonic()
    assert_refused(site.url("/drip"), "(timeout)")
    assert time.monotonic() - started < 3


def test_a_server_dripping_its_headers_times_out_on_time(site, settings):
    """A socket timeout bounds each wait; the fetch's deadline bounds the whole fetch."""
    settings.FACTDESK_FETCH_TIMEOUT = 2

    def drip_headers(handler):
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        try:
            for _ in range(150):  # 30 s of one byte every 0.2 s
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    site.routes["/robots.txt"] = drip_headers
    site.routes["/slow-headers"] = drip_headers
    started = time.monotonic()
    assert_refused(site.url("/slow-headers"), "(timeout)")
    assert time.monotonic() - started < 2 + 3


def test_robots_txt_is_respected(site):
    site.page("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    url = site.page("/private/news", article_html("000_10dd2e685f804502.txt"))
    assert_refused(url, "robots.txt does not allow")
    assert site.hits("/private/news") == 0


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/news", "file:///etc/passwd", "javascript://x"])
def test_other_schemes_are_refused(site, url):
    assert_refused(url, "not a web address")


def test_the_desk_says_who_it_is(site):
    url = site.page("/news", article_html("000_10dd2e685f804502.txt"))
    ingest(url)
    _path, headers = next(r for r in site.requests if r[0] == "/news")
    assert headers["User-Agent"].startswith("FactDesk/")
