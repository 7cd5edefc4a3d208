"""The claim statuses: the one table that says which exist and what follows from each.

`Claim.Status` (the model's choices), the reader's words and signs, the queue, the
feeds, the ClaimReview markup and the API all read their facts about a status here. A
new status is a new row (then a migration for the choices, and its colours in the
stylesheets); tests/claims/test_statuses.py fails while any of them lacks it.

The rules of each editorial action (what reopening or dismissing clears) stay in
claims.services; this table only says which statuses they concern.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

# The desk's list of every claim shows, in this order, what awaits a decision, what is
# decided and what is dismissed (claims.selectors.REVIEW_ORDER).
AWAITING_GROUP, DECIDED_GROUP, DISMISSED_GROUP = 0, 1, 2


@dataclass(frozen=True)
class StatusFacts:
    value: str  # stored in Claim.status, Review.to_status and per-value decisions
    name: str  # the Claim.Status member
    choice_label: str  # the model's label: the desk admin and the audit log say this
    label: Promise  # the reader's word: badges, the search filter, page titles
    symbol: str  # the sign beside the colour: a status is never told by colour alone
    colour: str  # its text colour, as the stylesheets give it (the test compares them)
    public: bool  # readers see claims in it; not public: off the reader site and feeds
    # A verdict on whether the claim is true: needs a rationale of some length and a basis
    # readers can follow, may be given to each differing value, may be graded, is marked
    # up as ClaimReview and reopened (for the queue) when a new report arrives.
    verdict: bool
    # Its group in the desk's list; awaiting and dismissed say whether it is in the queue.
    desk_group: int
    # An outlet reporting a claim differently in several articles is judged by the worst
    # of its reports, lowest first; None: never the status of a report.
    precedence: int | None
    # The event page's account, and the reader's search filter, in this order; None:
    # not in the account. Each has a count in an event's summary under `api_name`.
    reading_rank: int | None
    api_name: str | None
    audit_word: str  # an audit summary of a decision to it: "Reopened (was verified)"
    feed_title: Promise | None  # an Atom entry for a decision to it; None: never in feeds
    graded_feed_title: Promise | None  # the same with the verdict's grade
    # ClaimReview's reviewRating of a verdict given without a grade: (alternateName,
    # ratingValue, an end of claims.ratings' scale). None: no ClaimReview.
    ungraded_rating: tuple[str, str] | None
    # The desk's review form: the choice that decides it, and its button in the review
    # workspace (label, access key; the page documents the keys). None: no button.
    decision_label: str
    button: tuple[str, str] | None
    # A verdict given to one differing value: the form's word for it, and the stance an
    # evidence link given with the verdict takes unless the editor says otherwise.
    value_label: str | None
    evidence_stance: str | None

    @property
    def css_class(self) -> str:
        """The class reader templates give its badges, cards and quotes (public.css)."""
        return f"status-{self.value}"

    @property
    def desk_css_class(self) -> str:
        """The class of its badge and verdict button in the desk admin (desk-admin.css)."""
        return f"fd-{self.value}"


# In the order of the model's choices (migrations record that order).
STATUSES = (
    StatusFacts(
        value="unreviewed",
        name="UNREVIEWED",
        choice_label="awaiting review",
        label=gettext_lazy("Awaiting review"),
        symbol="?",
        colour="#5c4500",
        public=True,
        verdict=False,
        desk_group=AWAITING_GROUP,
        precedence=1,
        reading_rank=2,
        api_name="awaiting_review",
        audit_word="reopened",
        feed_title=gettext_lazy("Reopened for review: %(claim)s"),
        graded_feed_title=None,
        ungraded_rating=None,
        decision_label="Reopen (back to awaiting review)",
        button=None,
        value_label=None,
        evidence_stance=None,
    ),
    StatusFacts(
        value="verified",
        name="VERIFIED",
        choice_label="verified",
        label=gettext_lazy("Verified"),
        symbol="✓",
        colour="#0a5c2b",
        public=True,
        verdict=True,
        desk_group=DECIDED_GROUP,
        precedence=2,
        reading_rank=0,
        api_name="verified",
        audit_word="verified",
        feed_title=gettext_lazy("Verified: %(claim)s"),
        graded_feed_title=gettext_lazy("Verified, %(grade)s: %(claim)s"),
        ungraded_rating=("Verified", "best"),
        decision_label="Verify",
        button=("Verify", "v"),
        value_label="verified (right)",
        evidence_stance="supports",
    ),
    StatusFacts(
        value="disputed",
        name="DISPUTED",
        choice_label="disputed",
        label=gettext_lazy("Disputed"),
        symbol="✗",
        colour="#9b1c1c",
        public=True,
        verdict=True,
        desk_group=DECIDED_GROUP,
        precedence=0,
        reading_rank=1,
        api_name="disputed",
        audit_word="disputed",
        feed_title=gettext_lazy("Disputed: %(claim)s"),
        graded_feed_title=gettext_lazy("Disputed, %(grade)s: %(claim)s"),
        ungraded_rating=("Disputed", "worst"),
        decision_label="Dispute",
        button=("Dispute", "d"),
        value_label="disputed (wrong or unsupported)",
        evidence_stance="refutes",
    ),
    # Out of scope or not a checkable statement: off the queue and the reader site,
    # without a verdict.
    StatusFacts(
        value="not_check_worthy",
        name="NOT_CHECK_WORTHY",
        choice_label="not check-worthy",
        label=gettext_lazy("Not check-worthy"),
        symbol="–",
        colour="#444",
        public=False,
        verdict=False,
        desk_group=DISMISSED_GROUP,
        precedence=None,
        reading_rank=None,
        api_name=None,
        audit_word="dismissed as not check-worthy",
        feed_title=None,
        graded_feed_title=None,
        ungraded_rating=None,
        decision_label=(
            "Not check-worthy (out of scope: off the queue and the reader site, no verdict)"
        ),
        button=("Not check-worthy", "n"),
        value_label=None,
        evidence_stance=None,
    ),
)

BY_VALUE = {facts.value: facts for facts in STATUSES}
VALUES = [facts.value for facts in STATUSES]
CHOICES = [(facts.name, (facts.value, facts.choice_label)) for facts in STATUSES]
DEFAULT = STATUSES[0].value  # a new claim awaits review
# Verdicts: what a rationale and a basis are needed for, what a differing value may be
# decided as, what a grade refines and a new report reopens.
VERDICTS = [facts.value for facts in STATUSES if facts.verdict]
# Statuses readers never see (dismissed claims and decisions to dismiss).
HIDDEN = [facts.value for facts in STATUSES if not facts.public]
# The event's account, in reading order: verified, disputed, then awaiting review.
ACCOUNT = sorted(
    (facts for facts in STATUSES if facts.reading_rank is not None),
    key=lambda facts: facts.reading_rank,
)
READING_ORDER = tuple(facts.value for facts in ACCOUNT)
# The worst judgement first.
PRECEDENCE = tuple(
    facts.value
    for facts in sorted(
        (facts for facts in STATUSES if facts.precedence is not None),
        key=lambda facts: facts.precedence,
    )
)
# Every status as lists show them: the account's in its order, then the others.
DISPLAY_ORDER = [*ACCOUNT, *(facts for facts in STATUSES if facts.reading_rank is None)]
LABELS = {facts.value: facts.label for facts in DISPLAY_ORDER}
SYMBOLS = {facts.value: facts.symbol for facts in STATUSES}


def facts_of(status: str) -> StatusFacts | None:
    return BY_VALUE.get(status)
