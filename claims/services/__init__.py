"""Editorial actions on claims: the one place their rules live.

The admin, the API, commands and tests call these as `claims.services.<name>`; each checks
the actor's permission, the claim's current state and version, and records who did what.
"""

from .changes import (  # noqa: F401
    confirm_match,
    edit_claim_wording,
    merge_claims,
    reject_match,
    split_appearance,
)
from .common import (  # noqa: F401
    PUBLISHED_VERDICTS,
    VALUE_STATUSES,
    WORDING_ID,
    EditorialError,
    StaleClaimError,
    may_be_assigned,
    may_merge,
    may_review,
    refuse_if_stale,
)
from .desk import assign_claims, set_event_published  # noqa: F401
from .reviewing import (  # noqa: F401
    review_claim,
)
