"""The desk's admin site: Django's, with the review queue first on its home and nav.

Installed in place of django.contrib.admin (INSTALLED_APPS), so `admin.site` and every
`@admin.register` use it. The queue itself (claims.workspace) belongs to the claims app.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path, reverse


class DeskAdminSite(admin.AdminSite):
    site_header = "FactDesk editorial desk"
    site_title = "FactDesk desk"
    index_title = "Review queue, articles and events"

    def get_urls(self):
        from claims import workspace

        return [
            path("review-queue/", self.admin_view(workspace.queue_view), name="review_queue"),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        """Every app as Django lists them, after a first "Editorial desk" entry holding
        the review queue: where a desk member starts, on the home page and in the nav."""
        apps = super().get_app_list(request, app_label)
        if app_label is not None or not request.user.has_perm("claims.view_claim"):
            return apps
        queue = reverse("admin:review_queue", current_app=self.name)
        desk = {
            "name": "Editorial desk",
            "app_label": "desk",
            "app_url": queue,
            "has_module_perms": True,
            "models": [
                {
                    "name": "Review queue",
                    "object_name": "ReviewQueue",
                    "admin_url": queue,
                    "add_url": None,
                    "view_only": True,
                    "perms": {"view": True},
                }
            ],
        }
        return [desk, *apps]


class DeskAdminConfig(AdminConfig):
    default_site = "factdesk.desk_admin.DeskAdminSite"
