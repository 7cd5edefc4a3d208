"""Merging two outlets the desk holds as one: an editor's action, called by the admin.

It lives with the claims because what it changes is theirs to count (articles knows
nothing of claims: tests/articles/test_layout.py).

Two rows can name one outlet: a page named it by its domain, another by its masthead;
an editor typed a name a feed already had. Merging moves everything that was the other
outlet's (articles, feeds) to the one kept, then counts again what outlets count: each
claim's sources and independent sources, in every event the articles are in.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from articles.models import Article, Source
from articles.services import may_publish
from factdesk.errors import DeskError

from . import audit
from .models import AuditEntry, Event
from .pipeline import locks
from .pipeline.refresh import refresh_event


class MergeError(DeskError):
    """A merge that cannot be done; the message is shown to the editor as is."""


def merge_outlets(*, keep: Source, others: list[Source], editor, reason: str = "") -> int:
    """Make others part of keep: their articles and feeds move, they are deleted, and the
    events of the moved articles are counted again. Returns how many articles moved.

    Public pages change at once (outlet names, source counts): editors only. Each event
    touched gets an audit entry saying which outlets became which, and why.
    """
    if not (may_publish(editor) and editor.has_perm("articles.change_source")):
        raise PermissionDenied("Only an editor may merge outlets: readers see the change.")
    others = [other for other in others if other.pk != keep.pk]
    if not others:
        raise MergeError("Choose at least two outlets: the one to keep and one to merge into it.")
    # The outlets' rows are locked, so an article stored meanwhile with a merged outlet
    # waits and then fails (ingestion tries again and finds the kept one); the events'
    # locks are ingestion's, so their counts are not written by two at once.
    with transaction.atomic():
        keep = Source.objects.select_for_update().get(pk=keep.pk)
        others = list(
            Source.objects.select_for_update().filter(pk__in=[o.pk for o in others]).order_by("pk")
        )
        if not others:
            raise MergeError("The outlets to merge are gone: someone merged them meanwhile.")
        event_ids = set(
            Article.objects.filter(source__in=others).values_list("event_id", flat=True)
        )
        moved = Article.objects.filter(source__in=others).count()
        locks.lock_events(event_ids)
        # Every row pointing at a merged outlet (articles, feeds, what any app adds).
        for relation in Source._meta.related_objects:
            if not relation.many_to_many:
                relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": others}
                ).update(**{relation.field.name: keep})
        for field in ("domain", "country", "language"):  # what the kept one did not know
            known = [getattr(other, field) for other in others if getattr(other, field)]
            if not getattr(keep, field) and known:
                setattr(keep, field, known[0])
        merged = [{"id": o.pk, "name": o.name, "domain": o.domain} for o in others]
        Source.objects.filter(pk__in=[o.pk for o in others]).delete()
        keep.save(update_fields=["domain", "country", "language"])
        names = ", ".join(f"“{o['name']}”" for o in merged)
        summary = f"Outlets merged: {names} into “{keep.name}”"
        for event in Event.objects.filter(pk__in=event_ids).order_by("pk"):
            refresh_event(event)
            audit.record(
                actor=editor,
                action=AuditEntry.Action.MERGE,
                event=event,
                summary=summary,
                reason=reason,
                data={"outlet": keep.pk, "merged_outlets": merged},
            )
        LogEntry.objects.create(
            user_id=editor.pk,
            content_type_id=ContentType.objects.get_for_model(Source).pk,
            object_id=str(keep.pk),
            object_repr=str(keep)[:200],
            action_flag=CHANGE,
            change_message=f"{summary}. {reason}".strip(),
        )
    return moved
