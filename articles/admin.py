from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError, models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html

from claims.models import Appearance
from claims.outlet_merge import MergeError, merge_outlets
from claims.pipeline import correct_article, ingest_article, is_public, release_articles
from factdesk.paging import EstimatedCountPaginator
from intake import services as intake
from languages import SUPPORTED

from .forms import AddArticleForm
from .models import Article, Source
from .reading import ArticleHints, IngestError, read_upload, storable_text, utf8_size
from .services import may_publish


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country", "language", "article_count"]
    search_fields = ["name", "domain"]
    actions = ["merge_selected"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(articles_held=models.Count("articles"))

    @admin.display(description="articles", ordering="articles_held")
    def article_count(self, source):
        return source.articles_held

    def has_merge_permission(self, request):
        return may_publish(request.user) and request.user.has_perm("articles.change_source")

    @admin.action(description="Merge selected outlets (they are the same)…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.order_by("name").values_list("pk", flat=True))
        return redirect(f"{reverse('admin:articles_source_merge')}?ids={ids}")

    def get_urls(self):
        view = self.admin_site.admin_view(self.merge_view)
        return [path("merge/", view, name="articles_source_merge"), *super().get_urls()]

    def merge_view(self, request):
        """Choose which of the selected outlets to keep; the others become part of it."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        raw = request.POST.get("ids") or request.GET.get("ids") or ""
        ids = [int(part) for part in raw.split(",") if part.strip().isdigit()]
        sources = list(  # the one with most articles offered first
            self.get_queryset(request).filter(pk__in=ids).order_by("-articles_held", "name")
        )
        error = ""
        if len(sources) < 2:
            error = "Select at least two outlets to merge."
        elif request.method == "POST":
            keep = next((s for s in sources if str(s.pk) == request.POST.get("keep")), None)
            if keep is None:
                error = "Choose the outlet to keep."
            else:
                try:
                    moved = merge_outlets(
                        keep=keep,
                        others=[s for s in sources if s.pk != keep.pk],
                        editor=request.user,
                        reason=request.POST.get("reason", "").strip()[:1000],
                    )
                except MergeError as failure:
                    error = str(failure)
                else:
                    self.message_user(
                        request,
                        f"Merged into “{keep.name}”: {moved} article(s) moved, source counts "
                        "of their events counted again.",
                    )
                    return redirect("admin:articles_source_change", keep.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge outlets",
            "opts": self.model._meta,
            "sources": sources,
            "ids": ",".join(str(s.pk) for s in sources),
            "error": error,
        }
        return TemplateResponse(request, "admin/articles/source/merge.html", context)


class AppearanceInline(admin.TabularInline):
    model = Appearance
    verbose_name_plural = "Claims extracted from this article"
    fields = ["claim_link", "quote", "claim_status"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim").order_by("start")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="claim")
    def claim_link(self, appearance):
        url = reverse("admin:claims_claim_change", args=[appearance.claim_id])
        return format_html('<a href="{}">Claim {}</a>', url, appearance.claim_id)

    @admin.display(description="status")
    def claim_status(self, appearance):
        return appearance.claim.get_status_display()


class SourceKnownFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source_known"

    def lookups(self, request, model_admin):
        return [("no", "Unidentified: needs an editor"), ("yes", "Identified")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.needing_source()
        if self.value() == "yes":
            return queryset.filter(source__isnull=False)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "publication_date",  # before the long event names: a flagged date shows
        "source",
        "event",
        "copy_of",
        "held_for_review",
    ]
    list_filter = [SourceKnownFilter, "held_for_review", "date_precision", "language", "event"]
    actions = ["release_to_readers"]
    list_select_related = ["source", "event", "copy_of"]
    search_fields = ["title", "body", "author"]
    autocomplete_fields = ["source", "event"]
    # A pasted address without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "title",
        "source",
        "event",
        "author",
        "url",
        "published_on",
        "date_precision",
        "date_phrase",
        "date_check",
        "language",
        "language_check",
        "copy_of",
        "held_for_review",
        "file_name",
        "body",
    ]
    readonly_fields = [
        "date_phrase",
        "date_check",
        "language_check",
        "copy_of",
        "held_for_review",
        "file_name",
        "body",
    ]
    show_full_result_count = False
    # Half of Django's 100 rows: most of a page's time is the admin rendering each row.
    list_per_page = 50
    # No COUNT(*) over the whole table per page on PostgreSQL (factdesk.paging).
    paginator = EstimatedCountPaginator
    inlines = [AppearanceInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            # A page of 100 rows would otherwise read 200 article texts it never shows.
            queryset = queryset.defer(
                "body",
                "original_text",
                "search_text",
                "copy_of__body",
                "copy_of__original_text",
                "copy_of__search_text",
            )
        return queryset

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="published on", ordering="published_on")
    def publication_date(self, article):
        """The date and its precision, or why there is none: flagged when not understood."""
        phrase = article.date_not_understood
        if phrase:
            return format_html(
                '<strong class="fd-date-flag">⚠ date not understood: {}</strong>',
                phrase,
            )
        if article.published_on:
            return f"{date_format(article.published_on)} ({article.date_precision})"
        return f"unknown ({article.date_phrase})" if article.date_phrase else "unknown"

    @admin.display(description="date check")
    def date_check(self, article):
        phrase = article.date_not_understood
        if phrase:
            return format_html(
                '<strong class="fd-date-flag">⚠ date not understood: {}</strong><br>'
                "The header's date names no day that exists, so the article is undated. "
                "Set the date and its precision from the original page.",
                phrase,
            )
        return "—"

    @admin.display(description="claims")
    def language_check(self, article):
        note = article.claims_not_extracted
        if note:
            return format_html(
                '<strong class="fd-language-flag">⚠ {} ({})</strong><br>The article is kept in its '
                "event with no claims; the desk reads claims in {} only.",
                note,
                article.language or "no language",
                ", ".join(SUPPORTED),
            )
        return "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id) if request.method == "GET" else None
        if article is not None and article.date_not_understood:
            self.message_user(
                request,
                f"Date not understood: {article.date_not_understood}. Set the date from the "
                "original page.",
                messages.WARNING,
            )
        if article is not None and article.claims_not_extracted:
            self.message_user(
                request,
                f"{article.claims_not_extracted.capitalize()} ({article.language}).",
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_publish_permission(self, request):
        return may_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        if may_publish(request.user):
            return self.readonly_fields
        if obj is not None and is_public(obj):
            return self.fields  # a change readers would see at once: editors only
        # Moving an article to another event can publish it: editors only.
        return [*self.readonly_fields, "event"]

    @admin.action(description="Release to readers (held articles)", permissions=["publish"])
    def release_to_readers(self, request, queryset):
        released = release_articles(articles=list(queryset), editor=request.user)
        self.message_user(request, f"{released} held article(s) released to readers.")

    def save_model(self, request, obj, form, change):
        correct_article(article=obj, editor=request.user, changed=form.changed_data)

    def _fetch_later(self, request, url, hints):
        # Refused at once (not a web address, a private one) with the form's error.
        job = intake.submit_url(url=url, hints=hints, added_by=request.user)
        return self._queued(request, job, "The page is being fetched and ingested")

    def _queued(self, request, job, what):
        self.message_user(
            request,
            f"{what} in the background: job {job.pk} shows when it is done.",
        )
        return redirect("admin:intake_intakejob_change", job.pk)

    def add_view(self, request, form_url="", extra_context=None):
        """Adding an article means ingesting it, exactly as the ingest command does."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AddArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            source = data.get("source")
            # A new outlet is named to ingestion, which creates it with the article.
            hints = ArticleHints(
                source=source.name if source else data.get("new_source", ""),
                domain=source.domain if source else "",
                url=data.get("url", ""),
                collected_on=data.get("collected_on"),
            )
            try:
                if not data.get("file") and not data.get("text", "").strip():
                    return self._fetch_later(request, data["url"], hints)
                if (
                    data.get("text")
                    and utf8_size(data["text"]) > settings.FACTDESK_BACKGROUND_BYTES
                ):
                    text = storable_text(data["text"], label="text")
                    job = intake.submit_text(text=text, hints=hints, added_by=request.user)
                    return self._queued(
                        request, job, "The article is long, so it is being ingested"
                    )
                if data.get("file"):
                    upload = data["file"]
                    text, name = read_upload(upload, name=upload.name), upload.name
                else:
                    text, name = data["text"], ""
                result = ingest_article(
                    text=text, file_name=name, hints=hints, added_by=request.user
                )
            except IngestError as error:
                form.add_error(None, str(error))
            except (OperationalError, InterfaceError):
                # A busy or restarting database: the form comes back with the text in it.
                form.add_error(
                    None,
                    "The desk's database is busy and nothing was saved. Your text is still "
                    "in the form: send it again in a moment.",
                )
            else:
                article = result.article
                if result.created and article.held_for_review:
                    self.message_user(
                        request,
                        f"Ingested and held for review: “{article.event}” is published, so "
                        "readers see this article, and its claims are lined up, once an "
                        "editor releases it.",
                        messages.WARNING,
                    )
                elif result.created:
                    self.message_user(
                        request,
                        f"Ingested into “{article.event}” with "
                        f"{article.appearances.count()} claims."
                        + (
                            f" New outlet “{article.source}” added."
                            if data.get("new_source") and article.source
                            else ""
                        ),
                    )
                else:
                    self.message_user(
                        request,
                        "This article was already on the desk"
                        + (
                            ": no outlet was added; change its outlet on this page."
                            if data.get("new_source")
                            else "."
                        ),
                    )
                return redirect("admin:articles_article_change", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Add an article",
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/article/add.html", context)
