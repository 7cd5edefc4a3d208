"""Events in the admin: their claims, name and publication, and their audit log."""

import json

from django.contrib import admin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

from articles.services import may_publish

from .. import export, services
from ..models import (
    Claim,
    Event,
)
from .records import audit_table


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "place", "starts_on", "ends_on", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "place"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish", "unpublish", "export_json", "export_csv"]

    def get_readonly_fields(self, request, obj=None):
        readonly = [] if may_publish(request.user) else ["is_published"]
        return [*readonly, "audit_history"] if obj is not None else readonly

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "audit_history"]
        return [*fields, "audit_history"] if obj is not None else fields

    @admin.display(description="audit log (newest first)")
    def audit_history(self, event):
        return audit_table(event.audit_entries.filter(claim__isnull=True))

    def save_model(self, request, obj, form, change):
        # Publishing is an editorial action with its own rule and log entry.
        published = obj.is_published
        if "is_published" in form.changed_data:
            obj.is_published = not published
        super().save_model(request, obj, form, change)
        if obj.is_published != published:
            services.set_event_published(event=obj, editor=request.user, published=published)

    def _set_published(self, request, queryset, published: bool):
        for event in queryset:
            services.set_event_published(event=event, editor=request.user, published=published)
        self.message_user(request, f"{queryset.count()} event(s) updated.")

    def _exports(self, queryset) -> list[dict]:
        claims = Claim.objects.active()  # the desk's view: unpublished work included
        return [export.event_export(event, claims) for event in queryset.order_by("slug")]

    @admin.action(description="Export selected events as JSON")
    def export_json(self, request, queryset):
        body = json.dumps(self._exports(queryset), cls=DjangoJSONEncoder, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="events.json"'
        return response

    @admin.action(description="Export selected events as CSV")
    def export_csv(self, request, queryset):
        body = export.events_csv(self._exports(queryset))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="events.csv"'
        return response

    @admin.action(description="Publish selected events", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description="Unpublish selected events", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def has_publish_permission(self, request):
        return may_publish(request.user)
