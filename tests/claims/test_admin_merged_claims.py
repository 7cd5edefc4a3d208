"""After a merge, the absorbed claims stay reachable in the admin, read-only, linked to
the claim they joined; the surviving claim lists what was merged into it."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services import merge_claims, review_claim


def _claim(quote_part):
    return Claim.objects.active().get(appearances__quote__contains=quote_part)


@pytest.fixture
def merged(editor, seeded):
    target = _claim("Yi encouraged the countries")
    duplicate = _claim("In his address, Minister Wang Yi urged")
    review_claim(claim=duplicate, editor=editor, status="disputed", rationale="Only in 000.")
    merge_claims(target=target, others=[duplicate], editor=editor, reason="Same remark.")
    return target, duplicate


def test_merged_claim_page_opens_read_only_and_links_to_the_survivor(client, editor, merged):
    target, duplicate = merged
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_change", args=[duplicate.pk]))
    assert response.status_code == 200
    page = response.text
    assert "doesn’t exist" not in page and "doesn't exist" not in page
    survivor = reverse("admin:claims_claim_change", args=[target.pk])
    assert f'Merged into <a href="{survivor}">claim {target.pk}</a>' in page
    assert "by editor" in page
    # Read-only: no wording field, no save button, no review button; its history stays.
    assert 'name="text"' not in page
    assert 'name="_save"' not in page
    assert "Verify, dispute or reopen" not in page
    assert "Only in 000." in page
    response = client.post(
        reverse("admin:claims_claim_change", args=[duplicate.pk]),
        {"text": "Changed", "version": duplicate.version + 1},
    )
    assert response.status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.text != "Changed"


def test_survivor_lists_what_was_merged_into_it_when_and_by_whom(client, editor, merged):
    target, duplicate = merged
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[target.pk])).text
    assert "Merged into this claim:" in page
    absorbed = reverse("admin:claims_claim_change", args=[duplicate.pk])
    assert f'<a href="{absorbed}">claim {duplicate.pk}</a>' in page
    assert "by editor" in page
    assert "Same remark." in page  # the merge's reason, in the audit log


def test_queue_leaves_merged_claims_out_unless_asked(client, editor, merged):
    target, duplicate = merged
    client.force_login(editor)
    url = reverse("admin:claims_claim_changelist")
    listed = {c.pk for c in client.get(url).context["cl"].result_list}
    assert target.pk in listed and duplicate.pk not in listed
    merged_only = {c.pk for c in client.get(url, {"merged": "yes"}).context["cl"].result_list}
    assert merged_only == {duplicate.pk}


def test_a_merged_claim_cannot_be_reviewed_from_the_admin(client, editor, merged):
    _target, duplicate = merged
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_review", args=[duplicate.pk]))
    assert response.status_code == 404
