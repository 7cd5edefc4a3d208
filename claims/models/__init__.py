"""The claims app's models, one module per kind of record; Django and callers use
claims.models.<Name>.
"""

from .claims import Appearance, Claim, ClaimQuerySet, Event, EventQuerySet  # noqa: F401
from .links import ClaimLink, EntityAlias, MatchProposal  # noqa: F401
from .records import ArticleSketch, AuditEntry, Evidence, Review, WordingChange  # noqa: F401
