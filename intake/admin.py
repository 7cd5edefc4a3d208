from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_tasks_db.models import DBTaskResult

from articles.links import validate_web_url
from articles.reading import IngestError
from claims.pipeline import is_public

from . import services
from .models import Feed, FeedItem, IntakeJob

# The task queue's own rows are the backend's bookkeeping (and absent on Celery): the desk
# follows its work on the intake jobs below, the same on every backend.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


# A job's outcome (intake.services) as the job's page says it.
OUTCOMES = {
    "new": "new",
    "unchanged": "already on the desk",
    "new revision": "a new revision of a page already on the desk",
}


@admin.register(IntakeJob)
class IntakeJobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "what",
        "progress",
        "article_link",
        "short_error",
        "attempts",
        "created_at",
        "started_at",
        "finished_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["article", "feed"]
    search_fields = ["url", "error"]
    actions = ["retry"]
    show_full_result_count = False
    readonly_fields = [
        "made",
        "kind",
        "status",
        "url",
        "feed",
        "added_by",
        "article",
        "outcome",
        "error_message",
        "attempts",
        "done",
        "total",
        "created_at",
        "started_at",
        "finished_at",
    ]
    fields = readonly_fields
    change_form_template = "admin/intake/intakejob/change_form.html"

    def has_add_permission(self, request):
        return False  # jobs come from adding articles and polling feeds

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_retry_permission(self, request):
        return request.user.has_perm("intake.change_intakejob")

    # Every field is read-only: no Save buttons, and the job has no page for readers.
    view_on_site = False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="what")
    def what(self, job):
        if job.url or job.feed_id:
            return job.url or job.feed.url
        # A finished job's text is dropped (the article keeps it): say what it was.
        return f"pasted text ({len(job.text):,} characters)" if job.text else "pasted text"

    @admin.display(description="what it made")
    def made(self, job):
        """A finished job's results with links: the article, its event, its claims."""
        if job.status != IntakeJob.Status.DONE:
            return "Nothing yet: the job is " + job.get_status_display() + "."
        if job.kind == IntakeJob.Kind.FEED:
            url = reverse("admin:intake_feed_change", args=[job.feed_id])
            return format_html('{} — see <a href="{}">the feed’s items</a>.', job.outcome, url)
        article = job.article
        if article is None:
            return "No article: it was removed since."
        claims = article.appearances.values("claim_id").distinct().count()
        article_url = reverse("admin:articles_article_change", args=[article.pk])
        event_url = reverse("admin:claims_event_change", args=[article.event_id])
        lines = [
            format_html(
                'Article: <a href="{}"><bdi>{}</bdi></a> ({}){}',
                article_url,
                article.title,
                OUTCOMES.get(job.outcome, job.outcome),
                _readers_link(article) if is_public(article) else "",
            ),
            format_html(
                'Event: <a href="{}"><bdi>{}</bdi></a>{}',
                event_url,
                article.event.title,
                _readers_link(article.event) if article.event.is_published else "",
            ),
            format_html(
                'Claims: <a href="{}#appearances-group">{} claim{} from this article</a>{}',
                article_url,
                claims,
                "" if claims == 1 else "s",
                " (held for review: an editor releases it to readers)"
                if article.held_for_review
                else "",
            ),
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    @admin.display(description="done/total")
    def progress(self, job):
        return f"{job.done}/{job.total}"

    @admin.display(description="article")
    def article_link(self, job):
        if not job.article_id:
            return "—"
        url = reverse("admin:articles_article_change", args=[job.article_id])
        return format_html('<a href="{}">{}</a>', url, job.article)

    @admin.display(description="error")
    def error_message(self, job):
        return editors_error(job.error)

    @admin.display(description="error")
    def short_error(self, job):
        return job.error.partition(services.FAULT_DETAIL)[0][:160]

    @admin.action(description="Retry selected failed jobs", permissions=["retry"])
    def retry(self, request, queryset):
        retried = []
        for job in queryset.order_by("pk"):
            try:
                services.retry_job(job=job, user=request.user)
            except IngestError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                retried.append(job.pk)
        if retried:
            self.message_user(request, f"Queued again: job(s) {', '.join(map(str, retried))}.")


def editors_error(error: str):
    """An error as editors read it: the words first, any technical detail folded away."""
    message, _, detail = error.partition(services.FAULT_DETAIL)
    if not detail:
        return message or "—"
    return format_html(
        "{}<details><summary>Technical detail</summary><code>{}</code></details>",
        message,
        detail,
    )


def _readers_link(obj) -> str:
    return format_html(' · <a href="{}">readers’ page</a>', obj.get_absolute_url())


class FeedItemInline(admin.TabularInline):
    model = FeedItem
    fields = ["title", "url", "article", "error_message", "seen_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="error")
    def error_message(self, item):
        return editors_error(item.error) if item.error else ""


class FeedForm(forms.ModelForm):
    url = forms.URLField(
        max_length=1000, assume_scheme="https", validators=[validate_web_url], label="URL"
    )

    class Meta:
        model = Feed
        fields = ["url", "source", "title", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            services.check_url(url)
        except IngestError as error:
            raise forms.ValidationError(str(error)) from error
        return url


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = ["url", "source", "active", "last_polled_at", "last_new_items", "last_error"]
    list_filter = ["active"]
    list_select_related = ["source"]
    search_fields = ["url", "title"]
    autocomplete_fields = ["source"]
    readonly_fields = ["last_polled_at", "last_new_items", "last_error"]
    inlines = [FeedItemInline]
    actions = ["poll_now"]
    show_full_result_count = False

    def has_poll_permission(self, request):
        return request.user.has_perm("intake.change_feed")

    @admin.action(description="Poll selected feeds now (in the background)", permissions=["poll"])
    def poll_now(self, request, queryset):
        jobs = [
            services.submit(kind=IntakeJob.Kind.FEED, feed=feed, added_by=request.user)
            for feed in queryset
        ]
        self.message_user(request, f"{len(jobs)} feed poll(s) queued.")
