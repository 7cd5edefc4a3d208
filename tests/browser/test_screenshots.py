"""The README's pictures of the reader site, taken from the demo desk so they stay current.

Every run checks that the event page and a claim page show what the pictures promise.
With FACTDESK_SCREENSHOTS set (`make screenshots`), the pictures are also written to
docs/images/, 1280 pixels wide, for the README; without it they go to a scratch folder.
"""

import os
import struct
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from claims.models import Claim
from claims.reader.sitemaps import claim_path, event_path

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1280, 900
# Past this a picture slows the README down; a first screen of a page stays well below.
MAX_BYTES = 300_000


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def pictures(tmp_path) -> Path:
    if os.environ.get("FACTDESK_SCREENSHOTS"):
        folder = Path(settings.BASE_DIR) / "docs" / "images"
    else:
        folder = tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def reader(browser):
    """A desktop reader in English, at the README pictures' size."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1, locale="en-US"
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_disputed(transactional_db) -> Claim:
    """The demo desk, and its claim disputed value by value ("announced" / "called for")."""
    call_command("seed_demo", stdout=StringIO())
    return next(c for c in Claim.objects.filter(status="disputed") if c.variant_decisions)


def _take(page, path: Path) -> None:
    page.screenshot(path=str(path))
    assert _png_size(path) == (WIDTH, HEIGHT)
    assert path.stat().st_size <= MAX_BYTES, f"{path.name}: {path.stat().st_size} bytes"


def test_event_page_picture_shows_the_account_answer_first(
    live_server, reader, demo_disputed, pictures
):
    event = demo_disputed.event
    reader.goto(live_server.url + event_path(event))
    assert reader.locator("h1").inner_text().strip() == event.title
    # What the caption promises: "In short" above the chart of who reports what.
    summary = reader.locator("#summary-title")
    assert summary.is_visible() and summary.bounding_box()["y"] < HEIGHT
    assert reader.locator("#coverage svg.agreement").count() == 1
    _take(reader, pictures / "event-page.png")


def test_claim_page_picture_shows_the_verdict_and_rationale(
    live_server, reader, demo_disputed, pictures
):
    reader.goto(live_server.url + claim_path(demo_disputed))
    main = reader.locator("main")
    text = main.inner_text()
    assert "disputed" in text.lower()
    # The rationale's opening is on the first screen, as the picture shows it.
    opening = demo_disputed.rationale[:40]
    rationale = main.get_by_text(opening, exact=False).first
    assert rationale.is_visible() and rationale.bounding_box()["y"] < HEIGHT
    _take(reader, pictures / "claim-page.png")
