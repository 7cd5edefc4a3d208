from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_search_index(sender, using="default", **kwargs):
    """Articles' full-text index (factdesk.fulltext) exists after every migrate (and every
    test flush), on either database."""
    from django.db import connections

    from factdesk import fulltext

    connection = connections[using]
    fulltext.install(connection, [sender.get_model("Article")])
    if connection.vendor == "postgresql":
        # Search lists matching articles newest first: walking this index stops after a
        # page of matches where sorting would read them all. (SQLite cannot index NULLS
        # LAST, and its FTS5 table hands it the few matches to sort anyway.)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS article_newest_idx ON articles_article "
                "(published_on DESC NULLS LAST, id DESC)"
            )


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Sources and articles"

    def ready(self):
        post_migrate.connect(ensure_search_index, sender=self)
