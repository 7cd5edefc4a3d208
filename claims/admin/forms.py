from django import forms

from .. import ratings, statuses
from ..models import Claim, Evidence


def _rating_choices():
    verbs = {facts.value: facts.decision_label.lower() for facts in statuses.STATUSES}
    return [("", "no grade")] + [
        (rating, f"{ratings.Rating(rating).label} (with {verbs[grade.status]})")
        for rating, grade in ratings.GRADES.items()
    ]


# Where a refusal of services.review_claim is shown (its `field`), when the form has it.
SERVICE_FIELDS = {
    "rationale": "rationale",
    "rating": "rating",
    "evidence": "evidence_url",
    "cited_reports": "cited_reports",
}
# An evidence link given with a verdict supports a verified claim and refutes a disputed
# one unless the editor says otherwise.
STANCE_OF_VERDICT = {
    facts.value: Evidence.Stance(facts.evidence_stance)
    for facts in statuses.STATUSES
    if facts.evidence_stance
}


class ReviewForm(forms.Form):
    """One decision on one claim (the review workspace) or on several (bulk actions).

    claim: the one claim under review: its differing values get a field each.
    reports: [(article id, label)] the editor may cite (the reports shown beside the form).
    """

    status = forms.ChoiceField(
        choices=[(facts.value, facts.decision_label) for facts in statuses.DISPLAY_ORDER],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision: verify, dispute or not check-worthy."},
    )
    rating = forms.ChoiceField(
        choices=_rating_choices,
        required=False,
        widget=forms.RadioSelect,
        label="Grade (optional)",
        help_text="Refines the verdict for readers and fact-check aggregators (ClaimReview).",
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        required=False,  # the service refuses an empty one, with its own message
        help_text="Shown to readers. Say what the reports say and why you decided.",
    )
    cited_reports = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        label="Reports this decision rests on",
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_url = forms.URLField(
        required=False,
        label="Evidence link: a source that supports or refutes the claim",
        assume_scheme="https",
    )
    evidence_title = forms.CharField(
        required=False, max_length=300, label="Its title, as readers will see it"
    )
    evidence_stance = forms.ChoiceField(
        choices=[
            ("", "as the verdict says"),
            (Evidence.Stance.SUPPORTS, "supports the claim"),
            (Evidence.Stance.REFUTES, "refutes the claim"),
        ],
        required=False,
        label="The source…",
        help_text="“As the verdict says”: supports a verified claim, refutes a disputed one.",
    )

    VALUE_CHOICES = [("", "not decided")] + [
        (facts.value, facts.value_label) for facts in statuses.DISPLAY_ORDER if facts.value_label
    ]

    def __init__(
        self,
        *args,
        claim: Claim | None = None,
        reports: list[tuple[int, str]] = (),
        holders: dict | None = None,
        **kwargs,
    ):
        """holders: {(kind, value): (outlet labels, how many more)}, as
        selectors.value_holders gives them, to name who reported each differing value."""
        super().__init__(*args, **kwargs)
        if reports:
            self.fields["cited_reports"].choices = list(reports)
        else:  # a bulk decision: no reports shown to tick
            del self.fields["cited_reports"]
        self.values: dict[str, tuple[str, str]] = {}
        current = {}
        if claim is not None:
            current = {(d["kind"], d["value"]): d["status"] for d in claim.variant_decisions}
        offered = claim.variants if claim is not None else []
        for index, (kind, value) in enumerate(
            (variant["kind"], value) for variant in offered for value in variant["values"]
        ):
            name = f"value_{index}"
            self.values[name] = (kind, value)
            labels, more = (holders or {}).get((kind, value), ([], 0))
            given_by = ", ".join(labels) + (f" and {more} more" if more else "")
            self.fields[name] = forms.ChoiceField(
                choices=self.VALUE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                label=f"“{value}” ({kind}), as {given_by or 'the reports'} reported it",
                initial=current.get((kind, value), ""),
                help_text="The reports differ on this value: decide it on its own. Needed to "
                "verify; optional to dispute (without them every report counts as disputed).",
            )
        self.order_fields(["status", *self.values, "rating"])

    def clean(self):
        """Errors a field can own are shown beside it (and listed above the form)."""
        data = super().clean()
        status, rating = data.get("status"), data.get("rating")
        if rating and status and rating not in ratings.grades_for(status):
            self.add_error("rating", "This grade does not go with that decision.")
        if status == Claim.Status.NOT_CHECK_WORTHY and any(data.get(n) for n in self.values):
            for name in self.values:
                if data.get(name):
                    self.add_error(name, "A dismissed claim gets no decision on its values.")
        url, title = data.get("evidence_url"), data.get("evidence_title")
        if (url or title) and not (url and title):
            name = "evidence_title" if url else "evidence_url"
            self.add_error(name, "Needed for the evidence link: give the link and its title.")
        if url and title and not (data.get("evidence_stance") or status in STANCE_OF_VERDICT):
            self.add_error("evidence_stance", "Say whether the source supports or refutes it.")
        return data

    def error_links(self) -> list[tuple[str, str, str]]:
        """Every field error as (the id of the element to jump to, the field's label, the
        message), in the order of the fields; a choice of several jumps to its first."""
        links = []
        for field in self:
            multiple = isinstance(
                field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            )
            anchor = f"{field.auto_id}_0" if multiple else field.auto_id
            links.extend((anchor, field.label, error) for error in field.errors)
        return links

    def add_service_error(self, error) -> None:
        """Show a refusal of the editorial services beside the field it is about."""
        field = SERVICE_FIELDS.get(getattr(error, "field", None) or "")
        self.add_error(field if field in self.fields else None, str(error))

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
        stance = data.get("evidence_stance") or STANCE_OF_VERDICT.get(data.get("status"), "")
        return [
            {
                "url": data.get("evidence_url", ""),
                "title": data.get("evidence_title", ""),
                "stance": stance,
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
