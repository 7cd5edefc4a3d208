"""The desk's admin site: Django's, with the review queue first on its home and nav.

Installed in place of django.contrib.admin (INSTALLED_APPS), so `admin.site` and every
`@admin.register` use it. The queue itself (claims.admin.workspace) belongs to the claims
app, which adds it here (add_desk_page).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db import DataError
from django.db.models.signals import post_migrate
from django.urls import path, reverse


class WrongFilterValuesRefused:
    """A list filtered on a value its column cannot hold ("?ip_address=x", a date that
    does not exist) answers as for any filter the admin refuses (?e=1), not with a 500:
    PostgreSQL refuses such values only when the query runs, after the admin's checks."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (ValueError, ValidationError, DataError) as error:
            raise IncorrectLookupParameters(error) from error


@dataclass(frozen=True)
class DeskPage:
    route: str
    view: Callable
    name: str
    label: str
    permission: str


class DeskAdminSite(admin.AdminSite):
    site_header = "FactDesk editorial desk"
    site_title = "FactDesk desk"
    index_title = "Review queue, articles and events"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model's admin, the desk's and other apps' (axes), refuses wrong filter
        values cleanly (WrongFilterValuesRefused)."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, WrongFilterValuesRefused):
            admin_class = type(admin_class.__name__, (WrongFilterValuesRefused, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.desk_pages: list[DeskPage] = []

    def add_desk_page(self, *, route: str, view, name: str, label: str, permission: str):
        """A page of the "Editorial desk" entry, listed first on the home page and in the
        nav for those holding permission; the app that owns the page adds it (the claims
        admin adds its review queue), so the site knows no app."""
        self.desk_pages.append(DeskPage(route, view, name, label, permission))

    def get_urls(self):
        return [
            *(path(p.route, self.admin_view(p.view), name=p.name) for p in self.desk_pages),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        """Every app as Django lists them, after a first "Editorial desk" entry holding
        the desk's pages: where a desk member starts, on the home page and in the nav."""
        apps = super().get_app_list(request, app_label)
        pages = [p for p in self.desk_pages if request.user.has_perm(p.permission)]
        if app_label is not None or not pages:
            return apps
        urls = [reverse(f"{self.name}:{p.name}", current_app=self.name) for p in pages]
        desk = {
            "name": "Editorial desk",
            "app_label": "desk",
            "app_url": urls[0],
            "has_module_perms": True,
            "models": [
                {
                    "name": page.label,
                    "object_name": page.label.title().replace(" ", ""),
                    "admin_url": url,
                    "add_url": None,
                    "view_only": True,
                    "perms": {"view": True},
                }
                for page, url in zip(pages, urls, strict=True)
            ],
        }
        return [desk, *apps]


def ensure_cache_table(sender, using="default", **kwargs):
    """The database cache's table (API throttle counts, cached pages) follows `migrate`
    wherever it runs; createcachetable does nothing when the table exists or the cache is
    Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class DeskAdminConfig(AdminConfig):
    """Django's admin with the desk's site; and, as the project's own app, the setup every
    database needs whatever the apps (the cache table)."""

    default_site = "factdesk.desk_admin.DeskAdminSite"

    def ready(self):
        super().ready()
        # Readers' cached pages follow every write to the desk's tables from here on.
        import factdesk.page_cache  # noqa: F401

        post_migrate.connect(ensure_cache_table, sender=self)
