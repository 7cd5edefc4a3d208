from django import forms

from . import ratings
from .models import Claim, Evidence


def _rating_choices():
    verdicts = {"verified": "with verify", "disputed": "with dispute"}
    return [("", "no grade")] + [
        (rating, f"{ratings.Rating(rating).label} ({verdicts[grade.status]})")
        for rating, grade in ratings.GRADES.items()
    ]


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Claim.Status.VERIFIED, "Verify"),
            (Claim.Status.DISPUTED, "Dispute"),
            (Claim.Status.UNREVIEWED, "Reopen (back to awaiting review)"),
            (
                Claim.Status.NOT_CHECK_WORTHY,
                "Not check-worthy (out of scope: off the queue and the reader site, no verdict)",
            ),
        ],
        widget=forms.RadioSelect,
    )
    rating = forms.ChoiceField(
        choices=_rating_choices,
        required=False,
        label="Grade (optional)",
        help_text="Refines the verdict for fact-check aggregators (ClaimReview rating).",
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        required=False,  # the service refuses an empty one, with its own message
        help_text="Shown to readers. Say what the reports say and why you decided.",
    )
    evidence_url = forms.URLField(
        required=False,
        label="Source link that supports or refutes the claim (optional)",
        assume_scheme="https",
    )
    evidence_title = forms.CharField(
        required=False, max_length=300, label="Title of that source, as readers will see it"
    )
    evidence_stance = forms.ChoiceField(
        choices=[
            ("", "—"),
            (Evidence.Stance.SUPPORTS, "supports the claim"),
            (Evidence.Stance.REFUTES, "refutes the claim"),
        ],
        required=False,
        label="That source…",
    )

    VALUE_CHOICES = [
        ("", "not decided"),
        (Claim.Status.VERIFIED, "verified: this value is right"),
        (Claim.Status.DISPUTED, "disputed: this value is wrong or unsupported"),
    ]

    def __init__(self, *args, claim: Claim | None = None, **kwargs):
        """claim: the one claim under review; its differing values get a field each."""
        super().__init__(*args, **kwargs)
        self.values: dict[str, tuple[str, str]] = {}
        current = {}
        if claim is not None:
            current = {(d["kind"], d["value"]): d["status"] for d in claim.variant_decisions}
        offered = claim.variants if claim is not None else []
        outlets = {}
        if offered:
            reports = claim.appearances.select_related("article__source").defer(
                "article__body", "article__original_text"
            )
            outlets = {r.article_id: r.article.source_label for r in reports}
        for index, (kind, value, article_ids) in enumerate(
            (variant["kind"], value, ids)
            for variant in offered
            for value, ids in variant["values"].items()
        ):
            name = f"value_{index}"
            self.values[name] = (kind, value)
            given_by = ", ".join(outlets.get(i, f"article {i}") for i in article_ids)
            self.fields[name] = forms.ChoiceField(
                choices=self.VALUE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                label=f"“{value}” ({kind}), as {given_by} reported it",
                initial=current.get((kind, value), ""),
                help_text="The reports differ on this value: decide it on its own. Needed to "
                "verify; optional to dispute (without them every report counts as disputed).",
            )
        self.order_fields(["status", *self.values, "rating"])

    def clean(self):
        """Errors a field can own are shown beside it, not above the form."""
        data = super().clean()
        status, rating = data.get("status"), data.get("rating")
        if rating and status and rating not in ratings.grades_for(status):
            self.add_error("rating", "This grade does not go with that decision.")
        if status == Claim.Status.NOT_CHECK_WORTHY and any(data.get(n) for n in self.values):
            for name in self.values:
                if data.get(name):
                    self.add_error(name, "A dismissed claim gets no decision on its values.")
        link = [data.get("evidence_url"), data.get("evidence_title"), data.get("evidence_stance")]
        if any(link) and not all(link):
            for name, value in zip(
                ("evidence_url", "evidence_title", "evidence_stance"), link, strict=True
            ):
                if not value:
                    self.add_error(name, "Needed for the source link: give all three, or none.")
        return data

    def variant_decisions(self) -> list[dict]:
        return [
            {"kind": kind, "value": value, "status": self.cleaned_data[name]}
            for name, (kind, value) in self.values.items()
            if self.cleaned_data.get(name)
        ]

    def evidence(self) -> list[dict]:
        data = self.cleaned_data
        if not (data.get("evidence_url") or data.get("evidence_title")):
            return []
        return [
            {
                "url": data.get("evidence_url", ""),
                "title": data.get("evidence_title", ""),
                "stance": data.get("evidence_stance", ""),
            }
        ]


class ClaimWordingForm(forms.ModelForm):
    """The claim change form: wording only, guarded by the version the editor loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Claim
        fields = ["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
