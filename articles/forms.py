from django import forms

from .links import MAX_URL_LENGTH, validate_web_url
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
    url = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=MAX_URL_LENGTH,
        validators=[validate_web_url],
        help_text="The page's address. Alone, without text or file, the page is fetched "
        "and ingested in the background.",
    )
    collected_on = forms.DateField(
        required=False,
        help_text="When the page was saved (YYYY-MM-DD); resolves dates like “3 days ago”.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.has_error("text") or self.has_error("file"):
            return cleaned  # what is wrong with them is said beside them
        if not cleaned.get("text", "").strip() and not cleaned.get("file"):
            if cleaned.get("url") or self.has_error("url"):
                return cleaned  # the page at the address is fetched
            raise forms.ValidationError("Paste the article's text, choose a file, or give its URL.")
        if cleaned.get("text", "").strip() and cleaned.get("file"):
            raise forms.ValidationError("Paste text or choose a file, not both.")
        return cleaned
