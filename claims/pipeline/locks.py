"""What ingestion serialises, and nothing more.

Two things must not happen at once: two reports of one new event each starting an event
(choosing), and two writers changing one event's claims and counts (the event's lock).
Everything else (reading, sentences, event scores, matching) is worked out before, from
what is stored, and checked again under the lock.

PostgreSQL: choosing is an advisory lock that every web process and worker shares, held
for a few statements (longer only by the report that starts an event, until its
transaction ends, so that the next one sees the event); an event's lock is its row,
locked FOR NO KEY UPDATE until the transaction ends, so reports of different events are
written in parallel. SQLite lets one transaction write at a time (IMMEDIATE transactions:
factdesk.settings), which already serialises both; there the work is to keep that
transaction short.
"""

from collections.abc import Iterable
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

from ..models import Event

# Any constant: the PostgreSQL advisory lock key that choosing an event takes.
CHOOSING_KEY = 0x46_41_43_54_44_45_53_4B  # "FACTDESK"


class Choosing:
    """The turn to choose an event, held until the block ends; see hold_until_commit."""

    def hold_until_commit(self) -> None:
        """Keep others from choosing until this transaction ends: it started an event
        they cannot see before it commits."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHOOSING_KEY])


@contextmanager
def choosing():
    """One ingestion at a time decides which event its report joins (see the module).

    Must run inside a transaction. On PostgreSQL the lock is the session's, taken and
    given back around the block, which runs in a savepoint so that an error in it leaves
    the transaction able to give the lock back.
    """
    if connection.vendor != "postgresql":
        yield Choosing()
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [CHOOSING_KEY])
    try:
        with transaction.atomic():
            yield Choosing()
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [CHOOSING_KEY])
        except DatabaseError:
            # The connection broke, and a session's locks go with it; close it so that
            # nothing goes on with a lock no one would give back.
            connection.close()
            raise


def lock_events(ids: Iterable[int]) -> dict[int, Event]:
    """These events, read afresh and locked until the transaction ends, in id order (so
    that two writers locking several never wait for each other in a circle)."""
    events = Event.objects.select_for_update(no_key=True).filter(pk__in=set(ids)).order_by("pk")
    return {event.pk: event for event in events}
