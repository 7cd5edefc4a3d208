from django.urls import reverse

from articles.models import Source
from claims.models import Claim, Event


def _article_form(article, **changes):
    data = {
        "title": article.title,
        "source": article.source_id or "",
        "event": article.event_id,
        "author": article.author,
        "url": article.url,
        "published_on": article.published_on or "",
        "date_precision": article.date_precision,
        "language": article.language,
        "appearances-TOTAL_FORMS": 0,
        "appearances-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_editor_names_an_unidentified_source_and_counts_follow(client, editor, seeded):
    client.force_login(editor)
    cryptopolitan = Source.objects.get(name="Cryptopolitan")
    parties = Claim.objects.get(appearances__quote__startswith="All parties agreed")
    assert parties.source_count == 2  # 000 (Cryptopolitan) and 002 (unidentified)

    url = reverse("admin:articles_article_change", args=[seeded["002"].pk])
    response = client.post(url, _article_form(seeded["002"], source=cryptopolitan.pk))

    assert response.status_code == 302
    parties.refresh_from_db()
    assert parties.source_count == 1  # one outlet reported it twice


def test_editor_dates_an_article_with_its_precision(client, editor, seeded):
    client.force_login(editor)
    article = seeded["003"]
    url = reverse("admin:articles_article_change", args=[article.pk])
    missing = client.post(url, _article_form(article, published_on="2023-11-27"))
    assert "Say how precise the date is" in missing.text
    response = client.post(
        url, _article_form(article, published_on="2023-11-27", date_precision="day")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert str(article.published_on) == "2023-11-27"


def test_moving_an_article_to_another_event_recounts_both(client, editor, seeded):
    client.force_login(editor)
    forum = seeded["004"].event
    url = reverse("admin:articles_article_change", args=[seeded["003"].pk])
    assert client.post(url, _article_form(seeded["003"], event=forum.pk)).status_code == 302
    fta = Claim.objects.get(appearances__quote__startswith="He stressed the urgency")
    assert fta.source_count == 3  # 003's report no longer counts for the Busan claim


def test_only_editors_publish_events(client, editor, contributor, seeded):
    event = Event.objects.first()
    data = {"action": "publish", "_selected_action": [event.pk]}
    client.force_login(contributor)
    client.post(reverse("admin:claims_event_changelist"), data)
    event.refresh_from_db()
    assert not event.is_published
    client.force_login(editor)
    client.post(reverse("admin:claims_event_changelist"), data)
    event.refresh_from_db()
    assert event.is_published
