from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from factdesk import fulltext
from languages import UNSUPPORTED_NOTE, is_supported

from .dates import date_understood
from .links import validate_web_url, web_url_or_none
from .outlets import host_of
from .slugs import title_slug


class SourceQuerySet(models.QuerySet):
    def published(self):
        """Outlets readers may see: those with an article in a published event."""
        return self.filter(Exists(Article.objects.published().filter(source=OuterRef("pk"))))


class Source(models.Model):
    """A publisher or outlet."""

    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    language = models.CharField(max_length=16, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:source", args=[self.pk, title_slug(self.name)])


class ArticleQuerySet(models.QuerySet):
    def needing_source(self):
        return self.filter(source__isnull=True)

    def published(self):
        """Articles readers may see: those of published events, unless held for review."""
        return self.filter(event__is_published=True, held_for_review=False)


class Article(models.Model):
    class DatePrecision(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"
        YEAR = "year", "year"
        UNKNOWN = "unknown", "unknown"

    # Null means the outlet could not be identified: shown to editors, never guessed.
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    event = models.ForeignKey("claims.Event", on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=500)
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True, validators=[validate_web_url])
    published_on = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_phrase = models.CharField(
        max_length=200, blank=True, help_text="The date as the article wrote it."
    )
    language = models.CharField(max_length=16, default="en")
    body = models.TextField(help_text="Clean text; appearance offsets point into it.")
    original_text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    file_name = models.CharField(max_length=255, blank=True)
    # The earliest article this one closely paraphrases or copies; null if independent.
    # Added by someone who may not publish to an event already published: hidden from
    # readers, and its claims not lined up, until an editor releases it.
    held_for_review = models.BooleanField(
        default=False,
        help_text="Added to a published event by a contributor: readers see it once an "
        "editor releases it.",
    )
    copy_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    ingested_at = models.DateTimeField(auto_now_add=True)
    # The search tokens of the headline and text (factdesk.fulltext), set on every save.
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["published_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="article_date_matches_precision",
                condition=Q(published_on__isnull=True, date_precision="unknown")
                | (Q(published_on__isnull=False) & ~Q(date_precision="unknown")),
            ),
            models.CheckConstraint(
                name="article_not_copy_of_itself", condition=~Q(copy_of=models.F("id"))
            ),
        ]
        indexes = [
            # The event page and the admin list articles of one event by date.
            models.Index(fields=["event", "published_on"], name="article_event_date_idx"),
            # The admin's list of all articles reads a page in order, not sorts the table.
            models.Index(fields=["published_on", "id"], name="article_date_order_idx"),
            # Ingestion counts an event's released reports (claims.pipeline.naming) from
            # the index alone, whatever the size of the articles' texts.
            models.Index(fields=["event", "held_for_review"], name="article_event_released_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "body"} & set(update_fields):
            self.search_text = fulltext.search_text(self.title, self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("public:article", args=[self.pk, title_slug(self.title)])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.published_on and self.date_precision == self.DatePrecision.UNKNOWN:
            raise ValidationError({"date_precision": "Say how precise the date is."})
        if not self.published_on and self.date_precision != self.DatePrecision.UNKNOWN:
            raise ValidationError({"published_on": "A precision needs a date."})

    @property
    def independence_root_id(self) -> int:
        return self.copy_of_id or self.id

    @property
    def url_or_none(self) -> str | None:
        """The original page's address, only if it is one readers may follow."""
        return web_url_or_none(self.url)

    @property
    def source_label(self) -> str:
        """The outlet as the desk names it where it stands alone (chart columns, lists of
        outlets, the API, commands): its name; else the domain of its page; else its
        headline, said to be an unnamed outlet's. Never a file name: readers see this.
        """
        return self.outlet_label(beside_title=False)

    @property
    def outlet_beside_title(self) -> str:
        """The outlet where the article's headline is shown next to it: "unnamed outlet"
        rather than the headline a second time."""
        return self.outlet_label(beside_title=True)

    @property
    def outlet_is_named(self) -> bool:
        """Whether anything names the outlet: a source, else the page's address."""
        return bool(self.source_id or (self.url and host_of(self.url)))

    def outlet_label(self, *, beside_title: bool) -> str:
        if self.source:
            return self.source.name
        host = host_of(self.url) if self.url else ""
        if host:
            return host
        if beside_title or not self.title:
            return gettext("Unnamed outlet")
        return gettext("“%(headline)s” (unnamed outlet)") % {
            "headline": Truncator(self.title).words(8)
        }

    @property
    def date_not_understood(self) -> str:
        """The header's date as written when it names no day that exists ("31 February
        2023"), for editors to fix; "" when the date is known or simply not given."""
        if self.published_on or not self.date_phrase:
            return ""
        return "" if date_understood(self.date_phrase, self.language) else self.date_phrase

    @property
    def claims_not_extracted(self) -> str:
        """Why the desk read no claims in this article, for editors: "" when it reads them."""
        return "" if is_supported(self.language) else UNSUPPORTED_NOTE
