from django import forms

from .models import Claim, Evidence


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Claim.Status.VERIFIED, "Verify"),
            (Claim.Status.DISPUTED, "Dispute"),
            (Claim.Status.UNREVIEWED, "Reopen (back to awaiting review)"),
        ],
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        required=False,  # the service refuses an empty one, with its own message
        help_text="Shown to readers. Say what the reports say and why you decided.",
    )
    evidence_url = forms.URLField(
        required=False, label="Evidence link (optional)", assume_scheme="https"
    )
    evidence_title = forms.CharField(required=False, max_length=300, label="Evidence title")
    evidence_stance = forms.ChoiceField(
        choices=[("", "—"), *Evidence.Stance.choices], required=False, label="The link"
    )

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
