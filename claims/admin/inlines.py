"""A claim's reviews, wording changes and evidence, shown inside its page."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join

from ..models import (
    Evidence,
    Review,
    WordingChange,
)


class ReviewInline(admin.TabularInline):
    model = Review
    verbose_name_plural = "History of decisions (newest first)"
    fields = ["created_at", "editor", "from_status", "to_status", "rationale", "cited"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]
    extra = 0
    can_delete = False
    user_field = "editor"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.user_field)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="reports cited")
    def cited(self, review):
        """The articles the decision rests on, by id (no query per row)."""
        links = format_html_join(
            ", ",
            '<a href="{}">article {}</a>',
            (
                (reverse("admin:articles_article_change", args=[pk]), pk)
                for pk in review.cited_reports
            ),
        )
        return links or "—"


class WordingChangeInline(ReviewInline):
    model = WordingChange
    verbose_name_plural = "History of wording"
    fields = ["created_at", "editor", "old_text", "new_text"]
    readonly_fields = fields


class EvidenceInline(ReviewInline):
    model = Evidence
    verbose_name_plural = "Evidence"
    fields = ["stance", "title", "url", "added_by", "added_at"]
    readonly_fields = fields
    ordering = ["added_at"]
    user_field = "added_by"
