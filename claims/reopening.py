"""A decided claim that gets a new report goes back to the editors.

A verdict was made on the reports known then; a report that arrives later may confirm
or contradict it. The claim keeps its verdict for readers (with a notice that a new
report came in) and returns to the review queue, marked, until an editor decides again.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from . import statuses
from .models import Claim, Review

DECIDED = statuses.VERDICTS


def flag_new_reports(*, claim_ids) -> int:
    """Mark the decided claims among these as having a report newer than their decision.

    Called when an article's reports are attached. Claims already marked keep their
    first mark (the earliest report the editor has not seen). Returns how many were marked.
    """
    return (
        Claim.objects.filter(
            pk__in=list(claim_ids),
            status__in=DECIDED,
            new_report_at__isnull=True,
            merged_into__isnull=True,
        )
        .filter(Exists(Review.objects.filter(claim=OuterRef("pk"))))
        .update(new_report_at=timezone.now())
    )
