from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_roles(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    from .roles import apply_roles

    apply_roles(Group.objects.db_manager(using), Permission.objects.db_manager(using))


def ensure_cache_table(sender, using="default", **kwargs):
    """The database cache's table (API throttle counts) follows `migrate` wherever it runs;
    createcachetable does nothing when the table exists or the cache is Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


def ensure_search_indexes(sender, using="default", **kwargs):
    """Full-text indexes (factdesk.fulltext) exist after every migrate, on either database."""
    from django.apps import apps
    from django.db import connections

    from factdesk import fulltext

    fulltext.install(
        connections[using],
        [apps.get_model("articles", "Article"), apps.get_model("claims", "Claim")],
    )


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Events and claims"

    def ready(self):
        # Readers' cached pages follow every write to the desk's tables from here on.
        import factdesk.page_cache  # noqa: F401

        # After every migrate (and every test flush), so the roles always exist.
        post_migrate.connect(ensure_roles, sender=self)
        post_migrate.connect(ensure_cache_table, sender=self)
        post_migrate.connect(ensure_search_indexes, sender=self)
