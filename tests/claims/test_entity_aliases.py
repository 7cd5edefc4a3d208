"""Editors teach the desk other spellings of names in the admin; ingestion uses them."""

from datetime import date

import pytest

from articles.reading import ArticleHints
from claims.models import EntityAlias
from claims.pipeline import ingest_article

ENGLISH = (
    "Park Jin and Wang Yi meet in Busan\n\n"
    "South Korean Foreign Minister Park Jin met Chinese Foreign Minister Wang Yi in "
    "Busan on Sunday, the ministry said."
)
# Chinese reads both names its own way (朴振 "Piao Zhen"); 王毅 is too short to read.
CHINESE = "朴振会见王毅\n\n朴振26日会见王毅，双方就合作交换了意见。"


def ingest(text: str, name: str):
    hints = ArticleHints(collected_on=date(2023, 11, 26))
    return ingest_article(text=text, file_name=name, hints=hints).article


@pytest.mark.django_db
def test_an_alias_brings_a_chinese_report_into_the_english_event():
    english = ingest(ENGLISH, "en.txt")
    EntityAlias.objects.create(spelling="朴振", name="Park Jin")
    EntityAlias.objects.create(spelling="王毅", name="Wang Yi")
    chinese = ingest(CHINESE, "zh.txt")
    assert chinese.language.startswith("zh")
    assert chinese.event_id == english.event_id


@pytest.mark.django_db
def test_an_editor_adds_an_alias_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/claims/entityalias/add/", {"spelling": "시진핑", "name": "Xi Jinping"}
    )
    assert response.status_code == 302
    assert EntityAlias.objects.get().name == "Xi Jinping"
    again = client.post(
        "/admin/claims/entityalias/add/", {"spelling": "시진핑", "name": "Xi Jinping"}
    )
    assert again.status_code == 200  # the same spelling twice: the form says so
    assert "already exists" in again.content.decode()
    assert EntityAlias.objects.count() == 1
