"""Safe merging: a close but uncertain match is proposed to editors, never merged silently."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import AuditEntry, Claim, MatchProposal
from claims.pipeline.attaching import attach_claims
from claims.pipeline.candidates import candidates_for

from .pipeline.conftest import seeded_event, store  # noqa: F401 (a fixture)

FIRST = (
    "Ruritania to build Strela dam",
    "President Alma Voss said Ruritania would build a dam on the Strela river by 2028. "
    "Finance Minister Ida Kron said the dam would cost 400 million crowns.",
)
# Same topic and words, another actor: Kron, not Voss, says the dam will be built.
OTHER_ACTOR = (
    "Kron backs Strela dam",
    "Finance Minister Ida Kron said Ruritania would build a dam on the Strela river by 2028.",
)
RESTATED = (
    "Strela dam to be built by 2028",
    "Ruritania will build a dam on the Strela river by 2028, President Alma Voss said.",
)


def _attached(event, title, body, day=date(2025, 3, 4)):
    article = store(event, title, body, day)
    attach_claims(article=article, candidates=candidates_for(body))
    return article


def _claim_of(article) -> Claim:
    return article.appearances.get().claim


@pytest.fixture
def proposal(seeded_event, editor):  # noqa: F811
    first = _attached(seeded_event, *FIRST, date(2025, 3, 3))
    voss = first.appearances.order_by("start").first().claim
    services.review_claim(claim=voss, editor=editor, status="verified", rationale="On record.")
    _attached(seeded_event, *OTHER_ACTOR)
    return MatchProposal.objects.select_related("claim", "candidate").get()


def test_another_actor_saying_the_same_is_proposed_not_merged(proposal):
    voss, kron = proposal.candidate, proposal.claim
    assert "Alma Voss" in voss.text and "Ida Kron" in kron.text
    assert proposal.status == MatchProposal.Status.PROPOSED
    assert voss.appearances.count() == 1  # the verified claim did not gain the report
    # The new claim is its own, awaiting review: it does not inherit the verdict.
    assert (voss.status, kron.status) == ("verified", "unreviewed")
    assert kron.rationale == ""


def test_a_plain_restatement_still_joins_outright(seeded_event):  # noqa: F811
    first = _attached(seeded_event, *FIRST, date(2025, 3, 3))
    again = _attached(seeded_event, *RESTATED)
    assert _claim_of(again) == first.appearances.order_by("start").first().claim
    assert not MatchProposal.objects.exists()


def test_the_public_page_shows_the_new_claim_as_awaiting_review(client, proposal, editor):
    services.set_event_published(event=proposal.claim.event, editor=editor, published=True)
    page = client.get(proposal.claim.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "awaiting review" in text
    assert "On record." not in text  # the other claim's rationale


def test_an_editor_confirms_in_the_admin_and_the_claims_merge(client, proposal, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/claims/matchproposal/",
        {"action": "confirm_selected", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == MatchProposal.Status.CONFIRMED
    assert proposal.decided_by == editor
    kron = Claim.objects.get(pk=proposal.claim_id)
    assert kron.merged_into_id == proposal.candidate_id
    assert proposal.candidate.appearances.count() == 2
    assert AuditEntry.objects.filter(action="merge", claim=kron).exists()


def test_an_editor_rejects_and_the_pair_is_not_proposed_again(client, proposal, editor):
    client.force_login(editor)
    client.post(
        "/admin/claims/matchproposal/",
        {"action": "reject_selected", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.status == MatchProposal.Status.REJECTED
    assert Claim.objects.get(pk=proposal.claim_id).merged_into_id is None
    # The same sentence again joins the claim it started, by its wording: no new proposal.
    reprint = _attached(proposal.claim.event, "Reprint: " + OTHER_ACTOR[0], OTHER_ACTOR[1])
    assert _claim_of(reprint) == proposal.claim
    assert MatchProposal.objects.count() == 1
    with pytest.raises(services.EditorialError):
        services.confirm_match(proposal=proposal, editor=editor)


def test_only_editors_decide_proposals(client, proposal, contributor):
    with pytest.raises(PermissionDenied):
        services.confirm_match(proposal=proposal, editor=contributor)
    with pytest.raises(PermissionDenied):
        services.reject_match(proposal=proposal, editor=contributor)
    client.force_login(contributor)
    page = client.get("/admin/claims/matchproposal/")
    assert page.status_code == 200  # contributors see the proposals
    assert "confirm_selected" not in page.content.decode()
    client.post(
        "/admin/claims/matchproposal/",
        {"action": "confirm_selected", "_selected_action": [proposal.pk]},
    )
    proposal.refresh_from_db()
    assert proposal.status == MatchProposal.Status.PROPOSED


def _proposals(event, count: int) -> None:
    for n in range(count):
        first, second = (
            Claim.objects.create(event=event, text=f"Claim {n} {side}") for side in "ab"
        )
        MatchProposal.objects.create(claim=first, candidate=second, score=0.4, margin=0.01)


def test_the_proposal_list_costs_the_same_whatever_its_length(client, seeded_event, editor):  # noqa: F811
    client.force_login(editor)
    _proposals(seeded_event, 2)
    client.get("/admin/claims/matchproposal/")  # the session's and caches' first reads
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/claims/matchproposal/").status_code == 200
    _proposals(seeded_event, 8)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/admin/claims/matchproposal/").status_code == 200
    assert _own(many) == _own(few)


def _own(queries) -> list[str]:
    """The page's queries, not the desk cache's own bookkeeping after a write."""
    return [
        q["sql"].split(" WHERE ")[0]
        for q in queries.captured_queries
        if "factdesk_cache" not in q["sql"]
        and "factdesk_desk_version" not in q["sql"]
        and "SAVEPOINT" not in q["sql"]
    ]
