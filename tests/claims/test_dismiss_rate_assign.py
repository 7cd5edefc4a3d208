"""The desk's workspace: dismissing what is not check-worthy, grading verdicts, and
giving claims to an editor."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from claims import ratings
from claims.jsonld import claim_review
from claims.models import AuditEntry, Claim, Review
from claims.services import EditorialError, assign_claims, review_claim, set_event_published


@pytest.fixture
def fta(seeded):
    return Claim.objects.filter(
        appearances__quote__contains="resume negotiations on the Japan-China-Korea FTA"
    ).first()


def test_dismissed_claim_leaves_the_queue_and_the_reader_site(client, editor, fta):
    set_event_published(event=fta.event, editor=editor, published=True)
    review_claim(
        claim=fta, editor=editor, status="not_check_worthy", rationale="Opinion, not a fact."
    )
    fta.refresh_from_db()
    assert fta.status == "not_check_worthy" and fta.rating == ""
    assert not Claim.objects.published().filter(pk=fta.pk).exists()
    assert client.get(fta.get_absolute_url()).status_code == 404
    event_page = client.get(fta.event.get_absolute_url()).text
    assert f'id="claim-{fta.pk}"' not in event_page
    assert f"#claim-{fta.pk}" not in event_page
    entry = AuditEntry.objects.filter(claim=fta, action="review").get()
    assert entry.summary.startswith("Dismissed as not check-worthy")
    client.force_login(editor)
    queue = client.get(reverse("admin:claims_claim_changelist")).text
    assert f"/admin/claims/claim/{fta.pk}/change/" not in queue
    dismissed = client.get(reverse("admin:claims_claim_changelist"), {"merged": "dismissed"})
    assert f"/admin/claims/claim/{fta.pk}/change/" in dismissed.text


def test_dismissing_gives_no_verdict_on_values(editor, luna_claim):
    with pytest.raises(EditorialError, match="no verdict on its values"):
        review_claim(
            claim=luna_claim,
            editor=editor,
            status="not_check_worthy",
            rationale="Out of scope.",
            variant_decisions=[{"kind": "code", "value": "LUNA", "status": "disputed"}],
        )
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("status", "rating"),
    [("verified", "false"), ("disputed", "true"), ("unreviewed", "mixed"), ("verified", "x")],
)
def test_a_grade_that_does_not_fit_the_verdict_is_refused(editor, fta, status, rating):
    with pytest.raises(EditorialError, match="takes no rating"):
        review_claim(claim=fta, editor=editor, status=status, rationale="Why.", rating=rating)
    fta.refresh_from_db()
    assert (fta.status, fta.rating, fta.version) == ("unreviewed", "", 1)


@pytest.mark.parametrize(
    ("status", "rating", "value", "name"),
    [
        ("verified", "", 5, "Verified"),
        ("verified", "mostly_true", 4, "Mostly true"),
        ("disputed", "mostly_false", 2, "Mostly false"),
        ("disputed", "", 1, "Disputed"),
        ("disputed", "unverifiable", None, "Unverifiable"),
    ],
)
def test_grade_is_claimreviews_rating(editor, fta, status, rating, value, name):
    review_claim(claim=fta, editor=editor, status=status, rationale="Checked.", rating=rating)
    fta.refresh_from_db()
    markup = claim_review(Claim.objects.with_appearances().get(pk=fta.pk))
    assert markup["reviewRating"]["alternateName"] == name
    assert markup["reviewRating"].get("ratingValue") == value
    if value is not None:
        assert markup["reviewRating"]["bestRating"] == ratings.BEST_RATING
    assert Review.objects.get(claim=fta).rating == rating


def test_every_grade_belongs_to_a_verdict_the_desk_gives():
    assert set(ratings.GRADES) == set(ratings.Rating.values)
    assert {g.status for g in ratings.GRADES.values()} == {"verified", "disputed"}


def test_api_dismisses_and_grades(client, editor, fta):
    client.force_login(editor)
    url = f"/api/v1/claims/{fta.pk}/review/"
    bad = client.post(
        url, {"status": "verified", "rationale": "x", "rating": "false"}, "application/json"
    )
    assert bad.status_code == 400 and "takes no rating" in bad.json()["detail"]
    ok = client.post(
        url, {"status": "verified", "rationale": "x", "rating": "mostly_true"}, "application/json"
    )
    assert ok.status_code == 201 and ok.json()["rating"] == "mostly_true"
    gone = client.post(
        url, {"status": "not_check_worthy", "rationale": "Out of scope."}, "application/json"
    )
    assert gone.status_code == 201 and gone.json()["status"] == "not_check_worthy"


def test_assigning_mails_the_assignee_logs_it_and_shows_in_my_queue(
    client, editor, other_editor, fta, luna_claim, django_capture_on_commit_callbacks
):
    due = datetime.date(2030, 1, 31)
    with django_capture_on_commit_callbacks(execute=True):  # mail goes once committed
        changed = assign_claims(
            claims=[fta, luna_claim], assignee=other_editor, editor=editor, due_on=due
        )
    assert changed == 2
    assert set(other_editor.assigned_claims.values_list("pk", flat=True)) == {fta.pk, luna_claim.pk}
    (notice,) = mail.outbox
    assert notice.to == [other_editor.email]
    assert "2 claims to review by 2030-01-31" in notice.subject
    assert f"/admin/claims/claim/{fta.pk}/change/" in notice.body
    assert AuditEntry.objects.filter(action="assign").count() == 2
    # Assignment is the desk's own business: not in the claim's public history.
    public = client.get(fta.get_absolute_url())
    assert public.status_code in (200, 404)
    if public.status_code == 200:
        assert "Assigned to" not in public.text
    client.force_login(other_editor)
    mine = client.get(reverse("admin:claims_claim_changelist"), {"assigned": "me"}).text
    assert f"/admin/claims/claim/{fta.pk}/change/" in mine
    assert "due 2030-01-31" in mine or "Jan. 31, 2030" in mine
    client.force_login(editor)
    theirs = client.get(reverse("admin:claims_claim_changelist"), {"assigned": "me"}).text
    assert f"/admin/claims/claim/{fta.pk}/change/" not in theirs


def test_assigning_again_to_the_same_person_changes_nothing(
    editor, other_editor, fta, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assign_claims(claims=[fta], assignee=other_editor, editor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert assign_claims(claims=[fta], assignee=other_editor, editor=editor) == 0
    assert len(mail.outbox) == 1


def test_claims_go_only_to_people_who_may_review_them(editor, contributor, fta):
    with pytest.raises(EditorialError, match="may not review claims"):
        assign_claims(claims=[fta], assignee=contributor, editor=editor)
    with pytest.raises(Exception, match="permission"):
        assign_claims(claims=[fta], assignee=editor, editor=contributor)
    fta.refresh_from_db()
    assert fta.assigned_to is None and not mail.outbox
    assert not AuditEntry.objects.filter(action="assign").exists()


def test_admin_assigns_from_the_queue_action_bar(client, editor, other_editor, fta):
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "assign_selected",
            "_selected_action": [fta.pk],
            "assignee": other_editor.pk,
            "due_on": "2030-02-01",
        },
        follow=True,
    )
    assert "1 claim is now assigned to second_editor." in response.text
    fta.refresh_from_db()
    assert fta.assigned_to == other_editor and fta.due_on == datetime.date(2030, 2, 1)


def test_bulk_decision_message_uses_plural_forms(client, editor, seeded):
    client.force_login(editor)
    claims = list(Claim.objects.filter(has_variants=False).order_by("pk")[:3])
    form = {
        "ids": ",".join(str(c.pk) for c in claims),
        "status": "disputed",
        "rationale": "Unsupported.",
        **{f"version_{c.pk}": c.version for c in claims},
    }
    response = client.post(reverse("admin:claims_claim_review_many"), form, follow=True)
    assert "3 claims are now disputed." in response.text
    one = Claim.objects.filter(has_variants=False, status="unreviewed").first()
    response = client.post(
        reverse("admin:claims_claim_review", args=[one.pk]),
        {"status": "disputed", "rationale": "No.", f"version_{one.pk}": one.version},
        follow=True,
    )
    # The workspace names the claim decided, and opens the next one.
    assert f"Claim {one.pk} is now disputed. Next in the queue: claim " in response.text


def test_review_form_shows_errors_beside_their_fields(client, editor, fta):
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_review", args=[fta.pk]),
        {
            "status": "verified",
            "rating": "false",
            "rationale": "x",
            "evidence_url": "https://example.org/a",
            f"version_{fta.pk}": fta.version,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["rating"] == ["This grade does not go with that decision."]
    # The link's stance follows from the verdict; its title is missing.
    assert "evidence_title" in form.errors and "evidence_stance" not in form.errors
    # Both are also listed above the form, each linked to its field.
    summary = response.text.split('id="fd-errors"')[1].split("</div>")[0]
    assert 'href="#id_rating_0">Grade (optional)</a>: This grade does not go' in summary
    assert 'href="#id_evidence_title">' in summary
    assert f'href="/admin/claims/claim/{fta.pk}/change/">Claim {fta.pk}’s page</a>' in response.text
    assert "Reports, each quote in its context" in response.text
    fta.refresh_from_db()
    assert fta.status == "unreviewed"
