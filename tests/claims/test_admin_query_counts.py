"""Admin pages issue the same number of queries whatever the size of the desk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Appearance, Claim
from claims.services import review_claim
from tests.factories import make_desk

PAGES = [
    "admin:review_queue",
    "admin:claims_claim_changelist",
    "admin:articles_article_changelist",
    "admin:claims_event_changelist",
    "admin:claims_review_changelist",
    "admin:articles_source_changelist",
]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_admin_lists_stay_constant_as_data_grows(
    client, editor, page, django_assert_max_num_queries
):
    client.force_login(editor)
    make_desk(2)
    small = _queries(client, reverse(page))
    make_desk(20)
    with django_assert_max_num_queries(small):
        client.get(reverse(page))


def test_claim_page_stays_constant_as_reports_and_decisions_grow(client, editor, other_editor):
    client.force_login(editor)
    make_desk(1)
    few = Claim.objects.first()
    review_claim(claim=few, editor=editor, status="verified", rationale="One source checked.")
    small = _queries(client, reverse("admin:claims_claim_change", args=[few.pk]))
    # The same claim with many more reports and decisions by other editors.
    make_desk(4)
    for n, status in enumerate(["disputed", "unreviewed", "verified", "disputed"]):
        who = other_editor if n % 2 else editor
        review_claim(claim=few, editor=who, status=status, rationale=f"Decision {n}.")
    for appearance in Appearance.objects.exclude(claim=few)[:12]:
        Appearance.objects.create(
            claim=few,
            article=appearance.article,
            quote=appearance.quote,
            start=appearance.start + 100,
            end=appearance.end + 100,
        )
    assert _queries(client, reverse("admin:claims_claim_change", args=[few.pk])) <= small


def test_review_workspace_stays_constant_as_reports_and_the_queue_grow(client, editor):
    client.force_login(editor)
    make_desk(1)
    claim = Claim.objects.order_by("pk").first()
    small = _queries(client, reverse("admin:claims_claim_review", args=[claim.pk]))
    # Many more claims in the queue, and the claim reported far more often.
    make_desk(6)
    for appearance in Appearance.objects.exclude(claim=claim)[:40]:
        Appearance.objects.create(
            claim=claim,
            article=appearance.article,
            quote=appearance.quote,
            start=appearance.start + 100,
            end=appearance.end + 100,
        )
    response = client.get(reverse("admin:claims_claim_review", args=[claim.pk]))
    assert response.context["reports_shown"] < response.context["report_count"]  # capped
    assert _queries(client, reverse("admin:claims_claim_review", args=[claim.pk])) <= small
