"""In the admin, a claim whose reports differ is decided value by value on its review page."""

from django.urls import reverse

from claims.models import Claim, Review


def _form(claim, **data):
    return {f"version_{claim.pk}": claim.version, "rationale": "", **data}


def _value_fields(response) -> dict[str, str]:
    form = response.context["form"]
    return {name: form.fields[name].label for name in form.values}


def test_review_page_offers_a_decision_for_each_differing_value(client, editor, luna_claim):
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_review", args=[luna_claim.pk]))
    labels = _value_fields(response)
    assert len(labels) == 2
    luna, lunc = sorted(labels.values())
    assert luna.startswith("“LUNA” (code), as “") and "” (unnamed outlet) reported" in luna
    assert lunc.startswith("“LUNC” (code), as “") and "” (unnamed outlet) reported" in lunc


def test_editor_disputes_luna_and_verifies_lunc_in_one_decision(client, editor, luna_claim):
    client.force_login(editor)
    url = reverse("admin:claims_claim_review", args=[luna_claim.pk])
    names = {label[1:5]: name for name, label in _value_fields(client.get(url)).items()}
    response = client.post(
        url,
        _form(
            luna_claim,
            status="disputed",
            rationale="LUNA now names another token.",
            **{names["LUNA"]: "disputed", names["LUNC"]: "verified"},
        ),
    )
    assert response.status_code == 302
    luna_claim.refresh_from_db()
    assert {d["value"]: d["status"] for d in luna_claim.variant_decisions} == {
        "LUNA": "disputed",
        "LUNC": "verified",
    }
    page = client.get(reverse("admin:claims_claim_change", args=[luna_claim.pk])).text
    assert "“LUNC” (code): <strong>verified</strong>" in page


def test_plain_verify_in_the_admin_is_refused_with_the_reason(client, editor, luna_claim):
    client.force_login(editor)
    url = reverse("admin:claims_claim_review", args=[luna_claim.pk])
    response = client.post(url, _form(luna_claim, status="verified", rationale="Fine."))
    assert response.status_code == 200
    assert "differ (LUNA / LUNC)" in response.text
    assert not Review.objects.exists()


def test_bulk_verify_with_a_claim_whose_reports_differ_changes_nothing(client, editor, luna_claim):
    client.force_login(editor)
    plain = Claim.objects.filter(has_variants=False).first()
    form = {"ids": f"{plain.pk},{luna_claim.pk}", "status": "verified", "rationale": "All."}
    form.update({f"version_{c.pk}": c.version for c in (plain, luna_claim)})
    response = client.post(reverse("admin:claims_claim_review_many"), form)
    assert response.status_code == 200
    assert f"claim {luna_claim.pk} differ" in response.text
    assert not Review.objects.exists()  # all or nothing
