"""One audit log for every editorial action: who, when, what, why; in the admin (its own
list, each object's page, "Recent actions") and, for public claims, on their page."""

import lxml.html
import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import AuditEntry, Claim, Event
from claims.reader.sitemaps import claim_path
from claims.services import (
    edit_claim_wording,
    merge_claims,
    review_claim,
    set_event_published,
    split_appearance,
)


def _claim(quote_part):
    return Claim.objects.active().get(appearances__quote__contains=quote_part)


@pytest.fixture
def worked(editor, contributor, seeded):
    """A day at the desk: publish, review, reword, merge, split, unpublish."""
    busan = _claim("LUNA").event
    set_event_published(event=busan, editor=editor, published=True)
    set_event_published(event=busan, editor=editor, published=True)  # no change: no entry
    fta = _claim("resume negotiations on the Japan-China-Korea FTA")
    review_claim(claim=fta, editor=editor, status="verified", rationale="All four say so.")
    edit_claim_wording(
        claim=fta, editor=contributor, text="Wang Yi urged FTA talks.", reason="Shorter."
    )
    target, duplicate = _claim("Yi encouraged the countries"), _claim("Minister Wang Yi urged")
    merge_claims(target=target, others=[duplicate], editor=editor, reason="Same remark.")
    luna = _claim("LUNA")
    new_claim = split_appearance(
        appearance=luna.appearances.get(quote__contains="LUNC"), editor=editor, reason="Apart."
    )
    forum = Event.objects.exclude(pk=busan.pk).get()
    set_event_published(event=forum, editor=editor, published=True)
    set_event_published(event=forum, editor=editor, published=False)
    return {
        "busan": busan,
        "fta": fta,
        "target": target,
        "duplicate": duplicate,
        "luna": luna,
        "split": new_claim,
        "forum": forum,
    }


def test_every_editorial_action_is_logged_with_who_what_and_why(worked, editor, contributor):
    entries = [
        (e.action, e.actor, e.claim_id, e.other_claim_id, e.reason)
        for e in AuditEntry.objects.order_by("id")
    ]
    fta, duplicate, target = worked["fta"], worked["duplicate"], worked["target"]
    luna, split = worked["luna"], worked["split"]
    assert entries == [
        ("publish", editor, None, None, ""),
        ("review", editor, fta.pk, None, "All four say so."),
        ("reword", contributor, fta.pk, None, "Shorter."),
        ("review", contributor, fta.pk, None, entries[3][4]),  # back to review
        ("merge", editor, duplicate.pk, target.pk, "Same remark."),
        ("split", editor, luna.pk, split.pk, "Apart."),
        ("publish", editor, None, None, ""),
        ("unpublish", editor, None, None, ""),
    ]
    assert "wording changed" in entries[3][4]
    reword = AuditEntry.objects.get(action="reword")
    assert reword.data["new_text"] == "Wang Yi urged FTA talks." and reword.data["reopened"]
    assert all(e.created_at for e in AuditEntry.objects.all())


def test_audit_entries_cannot_be_changed_or_deleted(worked):
    entry = AuditEntry.objects.first()
    entry.reason = "rewritten"
    with pytest.raises(ValidationError, match="immutable"):
        entry.save()
    with pytest.raises(ValidationError, match="immutable"):
        entry.delete()


def test_recent_actions_in_the_admin_show_them(client, worked, editor, contributor):
    assert LogEntry.objects.filter(user=editor).count() == 6
    assert LogEntry.objects.filter(user=contributor).count() == 2  # a rewording reopens
    client.force_login(editor)
    index = client.get(reverse("admin:index")).text
    assert "Unpublished: 20th Beijing-Tokyo Forum" in index
    assert f"Merged into claim {worked['target'].pk}" in index
    # Each object's own history page lists what was done to it.
    history = client.get(reverse("admin:claims_claim_history", args=[worked["fta"].pk])).text
    assert "Verified (was awaiting review). All four say so." in history
    assert "Reworded from" in history


def test_the_audit_log_is_listed_in_the_admin_read_only(client, worked, editor):
    client.force_login(editor)
    url = reverse("admin:claims_auditentry_changelist")
    response = client.get(url, {"action__exact": "merge"})
    assert response.status_code == 200
    assert [e.action for e in response.context["cl"].result_list] == ["merge"]
    entry = AuditEntry.objects.first()
    assert (
        client.post(reverse("admin:claims_auditentry_delete", args=[entry.pk])).status_code == 403
    )
    assert client.get(reverse("admin:claims_auditentry_add")).status_code == 403


def test_claim_and_event_pages_in_the_admin_show_their_log(client, worked, editor):
    client.force_login(editor)
    claim_page = client.get(reverse("admin:claims_claim_change", args=[worked["fta"].pk])).text
    assert "All four say so." in claim_page and "Shorter." in claim_page
    event_page = client.get(reverse("admin:claims_event_change", args=[worked["forum"].pk])).text
    assert "Unpublished" in event_page and "Published" in event_page


def test_publishing_from_the_event_form_is_logged_too(client, editor, seeded):
    forum = Event.objects.get(slug="20th-beijing-tokyo-forum")
    client.force_login(editor)
    url = reverse("admin:claims_event_change", args=[forum.pk])
    form = {
        "title": forum.title,
        "slug": forum.slug,
        "place": forum.place,
        "starts_on": forum.starts_on or "",
        "ends_on": forum.ends_on or "",
        "is_published": "on",
    }
    assert client.post(url, form).status_code == 302
    forum.refresh_from_db()
    assert forum.is_published
    assert AuditEntry.objects.get(event=forum).action == "publish"


def test_public_claim_page_shows_merges_and_splits(client, worked, editor):
    set_event_published(event=worked["busan"], editor=editor, published=True)

    def history(claim) -> str:
        tree = lxml.html.fromstring(client.get(claim_path(claim)).content.decode())
        return " ".join(tree.xpath("string(//ol[@class='history'])").split())

    merged = history(worked["target"])
    assert "a duplicate claim was merged into this one by an editor" in merged
    assert worked["duplicate"].text in merged
    assert "a report was split off into a claim of its own by an editor" in history(worked["luna"])
    page = client.get(claim_path(worked["luna"])).content.decode()
    assert claim_path(worked["split"]) in page
    assert "split off by an editor from another claim" in history(worked["split"])
