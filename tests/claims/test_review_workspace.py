"""The review queue and the workspace: from the queue, one page to read a claim's reports
and decide it in one submit, and the next claim of the queue opens."""

import pytest
from django.urls import reverse

from claims import selectors
from claims.models import Claim, Evidence, Review
from claims.services import review_claim

QUEUE = "/admin/review-queue/"
RATIONALE = "The reports agree and the earliest one quotes the minister directly."


def _workspace(claim) -> str:
    return reverse("admin:claims_claim_review", args=[claim.pk])


def _queue_ids(response) -> list[int]:
    return [row["claim"].pk for row in response.context["rows"]]


def test_the_admin_home_and_nav_lead_with_the_review_queue(client, editor, seeded):
    client.force_login(editor)
    home = client.get(reverse("admin:index")).text
    assert reverse("admin:review_queue") == QUEUE
    # First on the home page, named for what it is.
    first_link = home.split('<div class="app-')[1]
    assert f'<a href="{QUEUE}">Review queue</a>' in first_link
    # And in the nav beside any other admin page.
    articles = client.get(reverse("admin:articles_article_changelist")).text
    nav = articles.split('id="nav-sidebar"')[1].split("</nav>")[0]
    assert f'<a href="{QUEUE}">Review queue</a>' in nav
    # The list of every claim says what it is.
    claims = client.get(reverse("admin:claims_claim_changelist")).text
    assert "<h1>All claims</h1>" in claims and "Select claim to change" not in claims


def test_the_queue_lists_awaiting_claims_in_the_selectors_order(client, editor, seeded):
    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    verified = Claim.objects.filter(has_variants=False).order_by("-source_count", "pk")[0]
    dismissed = Claim.objects.filter(has_variants=False).order_by("-source_count", "pk")[1]
    review_claim(claim=verified, editor=editor, status="verified", rationale="Four outlets.")
    review_claim(claim=dismissed, editor=editor, status="not_check_worthy", rationale="Aside.")
    back = Claim.objects.filter(has_variants=False).order_by("-source_count", "pk")[2]
    review_claim(claim=back, editor=editor, status="disputed", rationale="Only one.")
    Claim.objects.filter(pk=back.pk).update(new_report_at="2026-01-01T00:00:00Z")
    client.force_login(editor)
    response = client.get(QUEUE)
    listed = _queue_ids(response)
    expected = list(selectors.review_queue().values_list("pk", flat=True))
    assert listed == expected[: len(listed)]
    assert verified.pk not in listed and dismissed.pk not in listed
    assert back.pk in listed  # a new report since its decision: back in the queue
    priorities = [row["claim"].queue_priority for row in response.context["rows"]]
    assert priorities == sorted(priorities, reverse=True)
    page = response.text
    for heading in ("Event", "Language", "Independent sources", "Assigned to"):
        assert f'<th scope="col">{heading}</th>' in page
    row = page.split(f'href="{_workspace(luna)}"')[1].split("</tr>")[0]
    assert luna.event.title in row and "English" in row
    assert f"{luna.independent_source_count} of {luna.source_count}" in row
    assert f"{luna.checkworthiness:.2f}" in row
    assert "reports differ" in row


def test_the_queue_narrows_to_mine_and_to_one_event(client, editor, other_editor, seeded):
    from claims.services import assign_claims

    mine = list(Claim.objects.filter(has_variants=False).order_by("pk")[:2])
    assign_claims(claims=mine, assignee=editor, editor=editor)
    client.force_login(editor)
    assert set(_queue_ids(client.get(QUEUE, {"mine": "1"}))) == {c.pk for c in mine}
    event = seeded["004"].event
    listed = _queue_ids(client.get(QUEUE, {"event": event.pk}))
    assert listed and set(listed) == set(
        Claim.objects.filter(event=event, status="unreviewed").values_list("pk", flat=True)
    )
    # The links to each claim keep the narrowing, for the next claim after a decision.
    page = client.get(QUEUE, {"mine": "1"}).text
    assert f'href="{_workspace(mine[0])}?mine=1"' in page


def test_contributors_see_the_queue_with_links_to_the_claim_pages(client, contributor, seeded):
    client.force_login(contributor)
    response = client.get(QUEUE)
    assert response.status_code == 200
    claim = response.context["rows"][0]["claim"]
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in response.text
    assert _workspace(claim) not in response.text
    assert client.get(_workspace(claim)).status_code == 403


def test_readers_and_anonymous_visitors_are_sent_to_sign_in(client, reader, seeded):
    assert client.get(QUEUE).status_code == 302
    client.force_login(reader)
    assert client.get(QUEUE).status_code == 302


def test_the_workspace_shows_each_report_in_context_beside_the_form(client, editor, luna_claim):
    client.force_login(editor)
    page = client.get(_workspace(luna_claim)).text
    reports = page.split('class="fd-reports-pane"')[1].split("</section>")[0]
    for report in luna_claim.appearances.select_related("article"):
        assert f'value="{report.article_id}"' in reports
        # The quote, strong, inside its sentence's neighbours.
        before = report.article.body[max(0, report.start - 30) : report.start].split("\n")[-1]
        assert before.strip()[-20:] in reports
    assert "<mark>LUNA</mark>" in reports and "<mark>LUNC</mark>" in reports
    decision = page.split('class="fd-decision-pane"')[1]
    # The differing values side by side, each decided on its own.
    assert decision.count('class="fd-value-card"') == 2
    for key in "vdn":
        assert f'accesskey="{key}"' in decision
    assert "access keys <kbd>V</kbd> verify, <kbd>D</kbd> dispute, <kbd>N</kbd>" in decision
    # Enter in a field must not record a verdict: the form's first button does nothing.
    form = page.split('<form method="post" class="fd-workspace"')[1]
    first_button = form.split("<button")[1].split(">")[0]
    assert "disabled" in first_button


def test_one_submit_records_verdict_grade_rationale_evidence_and_citation(
    client, editor, seeded, settings
):
    settings.FACTDESK_VERDICT_NEEDS_BASIS = True
    settings.FACTDESK_MIN_RATIONALE_CHARS = 40
    client.force_login(editor)
    queue = list(selectors.review_queue()[:2])
    claim, following = queue
    report = claim.appearances.first().article_id
    response = client.post(
        _workspace(claim),
        {
            f"version_{claim.pk}": claim.version,
            "status": "disputed",
            "rating": "false",
            "rationale": RATIONALE,
            "cited_reports": [report],
            "evidence_url": "https://example.org/transcript",
            "evidence_title": "The meeting's transcript",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _workspace(following)  # the next claim of the queue
    claim.refresh_from_db()
    assert (claim.status, claim.rating, claim.rationale) == ("disputed", "false", RATIONALE)
    review = Review.objects.get(claim=claim)
    assert review.cited_reports == [report]
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.title, evidence.stance) == ("The meeting's transcript", "refutes")
    page = client.get(response["Location"]).text
    assert f"Claim {claim.pk} is now disputed (false). Next in the queue: claim" in page
    # The claim's history names the report the decision rests on.
    history = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    article = reverse("admin:articles_article_change", args=[report])
    assert f'<a href="{article}">article {report}</a>' in history


def test_after_the_last_claim_the_queue_says_it_is_empty(client, editor, seeded):
    client.force_login(editor)
    event = seeded["004"].event
    last = list(selectors.review_queue(event=event))
    for claim in last[:-1]:
        review_claim(claim=claim, editor=editor, status="not_check_worthy", rationale="Aside.")
    claim = last[-1]
    response = client.post(
        _workspace(claim) + f"?event={event.pk}",
        {f"version_{claim.pk}": claim.version, "status": "disputed", "rationale": "Unsupported."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{QUEUE}?event={event.pk}"
    assert f"Claim {claim.pk} is now disputed. The queue is empty." in response.text


def test_a_refused_decision_is_summarised_above_the_form_and_focused(
    client, editor, luna_claim, settings
):
    settings.FACTDESK_VERDICT_NEEDS_BASIS = True
    settings.FACTDESK_MIN_RATIONALE_CHARS = 40
    client.force_login(editor)
    response = client.post(
        _workspace(luna_claim),
        {f"version_{luna_claim.pk}": luna_claim.version, "status": "disputed", "rationale": "ok"},
    )
    assert response.status_code == 200
    page = response.text
    summary = page.split('id="fd-errors"')[1].split("</div>")[0]
    assert 'role="alert" tabindex="-1" autofocus' in summary
    assert '<a href="#id_rationale">Rationale</a>: Readers see this rationale' in summary
    # The summary comes first in the form, before the claim and its reports.
    assert page.index('id="fd-errors"') < page.index('class="fd-claim-text"')
    # Rationale long enough, but nothing to follow: pointed at the reports to tick.
    response = client.post(
        _workspace(luna_claim),
        {
            f"version_{luna_claim.pk}": luna_claim.version,
            "status": "disputed",
            "rationale": RATIONALE,
        },
    )
    summary = response.text.split('id="fd-errors"')[1].split("</div>")[0]
    assert 'href="#id_cited_reports_0"' in summary and "cite a report" in summary
    assert response.context["form"]["rationale"].value() == RATIONALE  # kept, not lost
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed" and not Review.objects.exists()


def test_a_stale_tab_is_refused_with_who_and_when(client, editor, other_editor, luna_claim):
    loaded = luna_claim.version
    review_claim(claim=luna_claim, editor=other_editor, status="disputed", rationale="First.")
    client.force_login(editor)
    response = client.post(
        _workspace(luna_claim),
        {f"version_{luna_claim.pk}": loaded, "status": "disputed", "rationale": "Second."},
    )
    assert response.status_code == 200
    summary = response.text.split('id="fd-errors"')[1].split("</div>")[0]
    assert f"Claim {luna_claim.pk} was changed by second_editor at " in summary
    assert f"Reload claim {luna_claim.pk}" in summary
    assert Review.objects.get().rationale == "First."


def test_values_are_decided_one_by_one_in_the_workspace(client, editor, luna_claim):
    client.force_login(editor)
    form = client.get(_workspace(luna_claim)).context["form"]
    names = {value: name for name, (_kind, value) in form.values.items()}
    response = client.post(
        _workspace(luna_claim),
        {
            f"version_{luna_claim.pk}": luna_claim.version,
            "status": "disputed",
            "rationale": "LUNA now names another token.",
            names["LUNA"]: "disputed",
            names["LUNC"]: "verified",
        },
    )
    assert response.status_code == 302
    luna_claim.refresh_from_db()
    assert {d["value"]: d["status"] for d in luna_claim.variant_decisions} == {
        "LUNA": "disputed",
        "LUNC": "verified",
    }


@pytest.mark.parametrize("decided", [False, True])
def test_next_in_queue_follows_the_queue_order_and_wraps(editor, seeded, decided):
    queue = selectors.review_queue()
    order = list(queue.values_list("pk", flat=True))
    middle = Claim.objects.get(pk=order[len(order) // 2])
    if decided:  # just decided: it left the queue, its place did not move
        review_claim(claim=middle, editor=editor, status="disputed", rationale="No.")
    assert selectors.next_in_queue(middle, queue).pk == order[len(order) // 2 + 1]
    last = Claim.objects.get(pk=order[-1])
    assert selectors.next_in_queue(last, queue).pk == order[0]  # the claims skipped
    only = selectors.review_queue(event=seeded["004"].event)
    ids = list(only.values_list("pk", flat=True))
    for pk in ids[1:]:
        review_claim(
            claim=Claim.objects.get(pk=pk), editor=editor, status="disputed", rationale="No."
        )
    assert selectors.next_in_queue(Claim.objects.get(pk=ids[0]), only) is None
