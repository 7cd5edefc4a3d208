from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_roles(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    from .roles import apply_roles

    apply_roles(Group.objects.db_manager(using), Permission.objects.db_manager(using))


def ensure_search_index(sender, using="default", **kwargs):
    """Claims' full-text index (factdesk.fulltext) exists after every migrate, on either
    database."""
    from django.db import connections

    from factdesk import fulltext

    fulltext.install(connections[using], [sender.get_model("Claim")])


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Events and claims"

    def ready(self):
        # After every migrate (and every test flush), so the roles always exist.
        post_migrate.connect(ensure_roles, sender=self)
        post_migrate.connect(ensure_search_index, sender=self)
