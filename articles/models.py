from django.db import models
from django.db.models import Exists, OuterRef, Q


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


class ArticleQuerySet(models.QuerySet):
    def needing_source(self):
        return self.filter(source__isnull=True)

    def published(self):
        """Articles readers may see: those of published events."""
        return self.filter(event__is_published=True)


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
    url = models.URLField(max_length=1000, blank=True)
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
    copy_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

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
        ]

    def __str__(self) -> str:
        return self.title

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
        return self.url or None

    @property
    def source_label(self) -> str:
        return self.source.name if self.source else "Unidentified outlet"
