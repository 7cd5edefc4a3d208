"""Japanese, Korean and Chinese reports on the event page render as glyphs, not boxes.

A browser without a font for a script draws every character of it as the same empty box
("tofu"); with one, different characters look different. For each language the page
holds, two different characters of its text are drawn with the element's own font and
their pixels compared.
"""

from itertools import pairwise

import pytest

from articles.reading import ArticleHints
from claims.models import Appearance
from claims.pipeline import ingest_article
from claims.reader.sitemaps import event_path

from ..conftest import _member
from ..multilingual_desk import build

pytestmark = pytest.mark.browser

# For each element of a language: two different characters of its script, drawn in its
# computed font on a canvas; the same pixels for both means no glyph for either.
DRAWN_ALIKE = """
(lang) => {
  const script = /[\\u3040-\\u9fff\\uac00-\\ud7af]/;
  const element = [...document.querySelectorAll(`[lang="${lang}"]`)]
    .find((e) => e.getClientRects().length && script.test(e.textContent));
  if (!element) return null;
  const chars = [...new Set(element.textContent.match(/[\\u3040-\\u9fff\\uac00-\\ud7af]/g))];
  const font = getComputedStyle(element).font;
  const draw = (ch) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 64;
    const context = canvas.getContext("2d");
    context.font = font.replace(/\\d+(\\.\\d+)?px/, "48px");
    context.fillText(ch, 4, 52);
    return Array.from(context.getImageData(0, 0, 64, 64).data).join();
  };
  return {text: element.textContent.trim().slice(0, 40), chars: chars.slice(0, 2),
          alike: draw(chars[0]) === draw(chars[1]), blank: !/[1-9]/.test(draw(chars[0]))};
}
"""


@pytest.fixture
def desk(transactional_db):
    event, articles = build(_member("cjk_editor", "editor", is_staff=True))
    # One more English outlet restating a report word for word: a claim two outlets
    # report, so the agreement chart is drawn with every outlet's name over it.
    quote = (
        Appearance.objects.filter(article=articles[0], claim__event=event)
        .order_by("start")
        .values_list("quote", flat=True)[0]
    )
    ingest_article(
        text=f"Ministers meet in Busan\n\n{quote}\n",
        file_name="restated.txt",
        hints=ArticleHints(source="Harbour Ledger", language="en"),
        trusted=True,
    )
    return event, articles


def test_event_page_shows_japanese_korean_and_chinese_reports_as_glyphs(
    live_server, page, desk, screenshots
):
    event, _ = desk
    page.goto(live_server.url + event_path(event))
    page.wait_for_selector(".other-languages")
    page.screenshot(path=str(screenshots / "event-cjk-reports.png"), full_page=True)
    for lang in ("ja", "ko", "zh-Hans"):
        drawn = page.evaluate(DRAWN_ALIKE, lang)
        assert drawn is not None, f"no visible {lang} text on the event page"
        assert len(drawn["chars"]) == 2, drawn
        assert not drawn["blank"], f"{lang}: nothing drawn for {drawn}"
        assert not drawn["alike"], f"{lang}: {drawn['chars']} drawn as the same box: no font"


LABEL_EXTENTS = """
() => [...document.querySelectorAll("svg text.column-label")].map((label) => {
  const box = label.getBoundingClientRect();
  return {name: label.querySelector("title").textContent, left: box.left, right: box.right};
})
"""


def test_outlet_names_over_the_agreement_chart_do_not_run_into_each_other(live_server, page, desk):
    event, _ = desk
    page.goto(live_server.url + event_path(event))
    labels = page.evaluate(LABEL_EXTENTS)
    assert len(labels) >= 5, labels
    for left, right in pairwise(labels):
        assert left["right"] < right["left"], f"{left['name']} runs into {right['name']}"
