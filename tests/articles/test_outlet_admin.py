"""Editors name new outlets as they add articles, merge outlets that are one, and see
the header dates the desk could not understand."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied

from articles.models import Article, Source
from claims.models import AuditEntry, Claim
from claims.outlet_merge import MergeError, merge_outlets
from intake.models import Feed

PASTED = (
    "Harbour crane collapses in storm at the container port\n\n"
    "A harbour crane collapsed at the city's container port on Tuesday night during a "
    "storm, the port authority said on Wednesday.\n\n"
    "No one was hurt: the night shift had left the quay an hour before it fell, the "
    "authority said."
)


def test_editor_adds_an_article_with_a_new_outlet(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/", {"text": PASTED, "new_source": "  Harbour  Gazette "}
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.source.name == "Harbour Gazette"
    page = client.get(response["Location"]).content.decode()
    assert "New outlet “Harbour Gazette” added." in page


def test_naming_an_existing_outlet_as_new_points_to_it_and_saves_nothing(client, editor):
    Source.objects.create(name="Harbour Gazette")
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/", {"text": PASTED, "new_source": "harbour gazette"}
    )
    assert response.status_code == 200
    assert "“Harbour Gazette” is already an outlet: choose it in the list above." in (
        response.content.decode()
    )
    assert not Article.objects.exists() and Source.objects.count() == 1


def test_an_outlet_chosen_and_one_named_is_refused(client, editor):
    chosen = Source.objects.create(name="Harbour Gazette")
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/",
        {"text": PASTED, "source": chosen.pk, "new_source": "Port Daily"},
    )
    assert "Choose an outlet in the list or name a new one, not both." in (
        response.content.decode()
    )
    assert not Article.objects.exists() and not Source.objects.filter(name="Port Daily").exists()


@pytest.fixture
def twins(seeded):
    """The demo's Cryptopolitan, and the same outlet again as a page named it by domain."""
    kept = Source.objects.get(name="Cryptopolitan")
    twin = Source.objects.create(name="cryptopolitan.example", domain="cryptopolitan.example")
    seeded["002"].source = twin
    seeded["002"].save(update_fields=["source"])
    feed = Feed.objects.create(url="https://cryptopolitan.example/feed", source=twin)
    from claims.pipeline.refresh import refresh_event

    refresh_event(seeded["002"].event)
    return kept, twin, feed


def test_merging_outlets_moves_articles_and_counts_again(twins, editor, seeded):
    kept, twin, feed = twins
    claim = Claim.objects.get(  # reported by 000 (Cryptopolitan) and 002 (its twin)
        appearances__article=seeded["000"],
        appearances__quote__contains="The parties agreed to facilitate",
    )
    assert set(claim.appearances.values_list("article__source", flat=True)) == {kept.pk, twin.pk}
    assert claim.source_count == 2

    moved = merge_outlets(keep=kept, others=[twin], editor=editor, reason="Same site")

    assert moved == 1
    assert not Source.objects.filter(pk=twin.pk).exists()
    assert Article.objects.get(pk=seeded["002"].pk).source == kept
    feed.refresh_from_db()
    assert feed.source == kept
    claim.refresh_from_db()
    assert claim.source_count == 1  # one outlet now, where there were two
    entry = AuditEntry.objects.get(action="merge", event=seeded["002"].event, claim=None)
    assert entry.summary == "Outlets merged: “cryptopolitan.example” into “Cryptopolitan”"
    assert entry.reason == "Same site" and entry.actor == editor
    assert LogEntry.objects.filter(object_id=str(kept.pk), user=editor).exists()


def test_a_contributor_cannot_merge_outlets(twins, contributor):
    kept, twin, _ = twins
    with pytest.raises(PermissionDenied):
        merge_outlets(keep=kept, others=[twin], editor=contributor)
    assert Source.objects.filter(pk=twin.pk).exists()


def test_merging_an_outlet_into_itself_is_refused(twins, editor):
    kept, _, _ = twins
    with pytest.raises(MergeError, match="Choose at least two outlets"):
        merge_outlets(keep=kept, others=[kept], editor=editor)


def test_editor_merges_outlets_from_the_admin(client, twins, editor, seeded):
    kept, twin, _ = twins
    client.force_login(editor)
    response = client.post(
        "/admin/articles/source/",
        {"action": "merge_selected", "_selected_action": [kept.pk, twin.pk]},
    )
    form = client.get(response["Location"])
    assert "Keep" in form.content.decode() and "cryptopolitan.example" in form.content.decode()
    response = client.post(
        "/admin/articles/source/merge/",
        {"ids": f"{kept.pk},{twin.pk}", "keep": kept.pk, "reason": "Same site"},
    )
    assert response.status_code == 302
    assert list(Source.objects.filter(pk__in=[kept.pk, twin.pk])) == [kept]


def test_an_impossible_header_date_is_flagged_to_editors(client, editor):
    client.force_login(editor)
    dated = PASTED.replace("\n\n", "\n31 February 2023\n\n", 1)
    client.post("/admin/articles/article/add/", {"text": dated})
    article = Article.objects.get()
    assert (article.published_on, article.date_phrase) == (None, "31 February 2023")
    listing = client.get("/admin/articles/article/").content.decode()
    assert "date not understood: 31 February 2023" in listing
    page = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Date not understood: 31 February 2023" in page  # the note atop the page
    assert "date not understood: 31 February 2023" in page  # beside the date's fields


def test_a_date_that_needs_the_saving_day_is_not_flagged(seeded):
    article = Article.objects.get(pk=seeded["003"].pk)  # "11 months ago", no saving day
    assert article.date_phrase == "11 months ago" and article.published_on is None
    assert article.date_not_understood == ""
    article.date_phrase = "31 February 2023"
    assert article.date_not_understood == "31 February 2023"
