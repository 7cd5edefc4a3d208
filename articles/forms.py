from django import forms

from .models import Source


class AddArticleForm(forms.Form):
    """Paste an article's text or upload its file; ingestion does the rest."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        required=False,
        help_text="The article as copied: headline first. Page furniture is removed for you.",
    )
    file = forms.FileField(required=False, help_text="Or a .txt or .html file, UTF-8.")
    source = forms.ModelChoiceField(
        Source.objects.all(), required=False, help_text="Leave empty if the text names it."
    )
    url = forms.URLField(required=False, assume_scheme="https")
    collected_on = forms.DateField(
        required=False,
        help_text="When the page was saved (YYYY-MM-DD); resolves dates like “3 days ago”.",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and not cleaned.get("file"):
            raise forms.ValidationError("Paste the article's text or choose a file.")
        if cleaned.get("text", "").strip() and cleaned.get("file"):
            raise forms.ValidationError("Paste text or choose a file, not both.")
        return cleaned
