"""The reader site in English, Japanese, Korean and Simplified Chinese."""

import gettext
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from .conftest import BUSAN_SLUG, page, text

LOCALE = Path(settings.BASE_DIR) / "locale"


def event_in(client, language: str):
    return page(
        client.get(reverse("public:event", args=[BUSAN_SLUG]), HTTP_ACCEPT_LANGUAGE=language)
    )


@pytest.mark.parametrize(
    ("language", "lang", "verified", "awaiting", "date"),
    [
        ("en", "en", "Verified", "Awaiting review", "Nov. 26, 2023"),
        ("ja", "ja", "検証済み", "検証待ち", "2023年11月26日"),
        ("ko", "ko", "검증됨", "검토 대기", "2023년 11월 26일"),
        ("zh-CN,zh;q=0.9", "zh-hans", "已核实", "待核查", "2023年11月26日"),
    ],
)
def test_event_page_speaks_the_readers_language(
    client, decided, language, lang, verified, awaiting, date
):
    tree = event_in(client, language)
    assert tree.get("lang") == lang
    assert text(tree.xpath("//h2[@id='verified-title']")[0]) == verified
    assert text(tree.xpath("//h2[@id='awaiting-title']")[0]) == awaiting
    assert date in text(tree.xpath("//dl[@class='facts']")[0])  # dates in the local format


def test_japanese_reader_sees_japanese_interface_around_the_english_reports(client, decided):
    tree = event_in(client, "ja")
    luna_card = tree.xpath(f"//li[@id='claim-{decided.luna.pk}']")[0]
    assert "2 媒体が報道（独立した情報源は 1）" in text(luna_card)
    assert "報道の間で食い違い（名称・コード）" in text(luna_card)
    assert "媒体不明" in text(luna_card)
    # The claim itself stays as reported, marked as English for screen readers.
    assert luna_card.xpath(".//p[@class='claim-text']/a/@lang") == ["en"]
    assert text(tree.xpath("//a[@class='skip-link']")[0]) == "本文へ移動"


def test_language_switcher_remembers_the_choice(client, published):
    home = reverse("public:home")
    tree = page(client.get(home))
    (form,) = tree.xpath("//form[@class='language-form']")
    assert form.get("action") == reverse("set_language")
    assert set(form.xpath(".//option/@value")) == {"en", "ja", "ko", "zh-hans"}
    response = client.post(reverse("set_language"), {"language": "ko", "next": home})
    assert response.status_code == 302 and response["Location"] == home
    assert page(client.get(home)).get("lang") == "ko"
    assert "사건" in text(page(client.get(home)).xpath("//h1")[0])


def po_messages(po: Path) -> list[str]:
    """Every msgid of a .po file, joined across its continuation lines."""
    messages = []
    for block in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            parts = re.findall(r'"(.*)"', match.group(1))
            messages.append("".join(parts).replace('\\"', '"'))
    return messages


@pytest.mark.parametrize("language", ["ja", "ko", "zh_Hans"])
def test_every_message_is_translated_and_compiled(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    messages = po_messages(folder / "django.po")
    assert len(messages) > 100
    untranslated = [m for m in messages if catalog.gettext(m) == m and m != "JSON API"]
    assert untranslated == []


def test_catalogues_hold_every_message_the_code_has(tmp_path, monkeypatch, settings):
    """A message added or reworded in the code without `makemessages` would show in
    English to every reader: the catalogues are compared with a fresh extraction."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("CI must check the catalogues: install GNU gettext")
        pytest.skip("no GNU gettext on this machine")
    # makemessages writes beside the sources it reads: extract from a copy.
    for folder in ("articles", "claims", "factdesk", "templates"):
        shutil.copytree(Path(settings.BASE_DIR) / folder, tmp_path / folder)
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["ja"], no_obsolete=True, verbosity=0)
    extracted = set(po_messages(tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    for language in ("ja", "ko", "zh_Hans"):
        kept = set(po_messages(LOCALE / language / "LC_MESSAGES" / "django.po"))
        assert extracted - kept == set(), language
