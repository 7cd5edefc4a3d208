from django import forms

from .links import MAX_URL_LENGTH, validate_web_url
from .models import Source
from .outlets import tidy_name
from .reading import MAX_SOURCE_NAME


class AddArticleForm(forms.Form):
    """Paste an article's text or upload its file; ingestion does the rest."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        required=False,
        help_text="The article as copied: headline first. Page furniture is removed for you.",
    )
    file = forms.FileField(required=False, help_text="Or a .txt or .html file, UTF-8.")
    source = forms.ModelChoiceField(
        Source.objects.all(),
        required=False,
        label="Outlet",
        help_text="Leave empty if the page names it (site name, masthead, byline) or to "
        "name a new outlet below.",
    )
    new_source = forms.CharField(
        required=False,
        max_length=MAX_SOURCE_NAME,
        label="Or a new outlet",
        help_text="An outlet not in the list, as it names itself: it is created with the article.",
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

    def clean_new_source(self):
        name = " ".join(self.cleaned_data.get("new_source", "").split())
        if name and not tidy_name(name):
            raise forms.ValidationError("Give the outlet's name, not an address.")
        existing = Source.objects.filter(name__iexact=name).first() if name else None
        if existing:
            raise forms.ValidationError(
                f"“{existing.name}” is already an outlet: choose it in the list above."
            )
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("new_source"):
            self.add_error(
                "new_source", "Choose an outlet in the list or name a new one, not both."
            )
        if self.has_error("text") or self.has_error("file"):
            return cleaned  # what is wrong with them is said beside them
        if not cleaned.get("text", "").strip() and not cleaned.get("file"):
            if cleaned.get("url") or self.has_error("url"):
                return cleaned  # the page at the address is fetched
            raise forms.ValidationError("Paste the article's text, choose a file, or give its URL.")
        if cleaned.get("text", "").strip() and cleaned.get("file"):
            raise forms.ValidationError("Paste text or choose a file, not both.")
        return cleaned
