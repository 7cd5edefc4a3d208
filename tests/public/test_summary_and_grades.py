"""The event's summary leads with each verdict's grade, gives claims in full, and stays
within one phone screen; feeds lead with the grade too."""

from types import SimpleNamespace

from django.urls import reverse

from claims.reader import views
from claims.services import review_claim

from .conftest import claim_quoting, page, text
from .test_feeds_and_sitemap import entries, feed


def grade_false(editor):
    luna = claim_quoting("LUNA cryptoasset")
    review_claim(
        claim=luna,
        editor=editor,
        status="disputed",
        rating="false",
        rationale="One report names the LUNA token, another LUNC, in the same sentence.",
    )
    return luna


def test_a_summary_point_leads_with_its_grade_in_words_and_sign(client, published, editor):
    luna = grade_false(editor)
    tree = page(client.get(reverse("public:event", args=[luna.event.slug])))
    (point,) = tree.xpath(f"//section[@id='summary']//li[a/@href='#claim-{luna.pk}']")
    grade = point.xpath("./*[1]")[0]  # the first thing on the line
    assert "badge" in grade.get("class") and "status-disputed" in grade.get("class")
    assert text(grade) == "✗ False"
    assert text(point).endswith(luna.text)  # the claim in full, not cut


def test_a_feed_entry_leads_with_its_sign_verdict_and_grade(client, published, editor):
    luna = grade_false(editor)
    (entry,) = entries(feed(client, reverse("public:feed")))
    assert entry["title"] == f"✗ Disputed, false: {luna.text}"


def claims_of(*lengths, wide=False):
    letter = "漢" if wide else "a"
    return [SimpleNamespace(text=letter * n, variant_list=[]) for n in lengths]


def test_summary_points_are_bounded_by_a_phone_screen_not_cut():
    verified, disputed = claims_of(250, 250, 250, 250), claims_of(200, 200)
    (shown_verified, shown_disputed) = views.summary_points(
        [("verified", verified), ("disputed", disputed)]
    )
    # A rank at a time, in phone lines of 36 columns: both firsts (7 + 6 lines), the
    # second verified (20 lines in all); the second disputed would pass the 20 lines.
    assert shown_verified["claims"] == verified[:2] and shown_verified["more"] == 2
    assert shown_disputed["claims"] == disputed[:1] and shown_disputed["more"] == 1


def test_summary_points_count_wide_characters_twice_and_always_show_a_first():
    (only,) = views.summary_points([("verified", claims_of(400, 10, wide=True))])
    assert only["claims"] == claims_of(400, 10, wide=True)[:1]  # 800 columns: 23 lines
    (short,) = views.summary_points([("verified", claims_of(*[50] * 7))])
    assert len(short["claims"]) == views.SUMMARY_POINTS and short["more"] == 2
