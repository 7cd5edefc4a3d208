"""The graded rating scale: the one place that says which grades exist, which verdict
each belongs to, and how each maps onto schema.org ClaimReview's `reviewRating`.

A desk that wants a different scale changes GRADES (and adds a migration for the
choices); the admin, the API, the pages and the JSON-LD all read it from here.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy

from . import statuses


class Rating(models.TextChoices):
    TRUE = "true", gettext_lazy("true")
    MOSTLY_TRUE = "mostly_true", gettext_lazy("mostly true")
    MIXED = "mixed", gettext_lazy("mixed")
    MOSTLY_FALSE = "mostly_false", gettext_lazy("mostly false")
    FALSE = "false", gettext_lazy("false")
    UNVERIFIABLE = "unverifiable", gettext_lazy("unverifiable")


@dataclass(frozen=True)
class Grade:
    status: str  # the verdict (Claim.Status value) this grade refines
    rating_value: int | None  # ClaimReview ratingValue; None: no point on the scale
    alternate_name: str  # ClaimReview alternateName, in English as aggregators expect


# ClaimReview's scale: WORST_RATING (false) to BEST_RATING (true).
BEST_RATING, WORST_RATING = 5, 1
GRADES = {
    Rating.TRUE: Grade("verified", 5, "True"),
    Rating.MOSTLY_TRUE: Grade("verified", 4, "Mostly true"),
    Rating.MIXED: Grade("disputed", 3, "Mixed"),
    Rating.MOSTLY_FALSE: Grade("disputed", 2, "Mostly false"),
    Rating.FALSE: Grade("disputed", 1, "False"),
    # Nothing supports or refutes it: disputed as unsupported, not placed on the scale.
    Rating.UNVERIFIABLE: Grade("disputed", None, "Unverifiable"),
}
# A verdict given without a grade: an end of the scale (claims.statuses says which),
# named by the verdict.
SCALE_ENDS = {"best": BEST_RATING, "worst": WORST_RATING}
UNGRADED = {
    facts.value: Grade(facts.value, SCALE_ENDS[facts.ungraded_rating[1]], facts.ungraded_rating[0])
    for facts in statuses.STATUSES
    if facts.ungraded_rating
}


def grades_for(status: str) -> list[str]:
    """The ratings an editor may give with this verdict (none for the others)."""
    return [rating for rating, grade in GRADES.items() if grade.status == status]


def review_rating(status: str, rating: str = "") -> dict | None:
    """ClaimReview's reviewRating for a verdict and its grade; None for no verdict."""
    grade = GRADES.get(rating) if rating else UNGRADED.get(status)
    if grade is None or grade.status != status:
        grade = UNGRADED.get(status)
    if grade is None:
        return None
    markup = {"@type": "Rating", "alternateName": grade.alternate_name}
    if grade.rating_value is not None:
        markup.update(
            ratingValue=grade.rating_value, bestRating=BEST_RATING, worstRating=WORST_RATING
        )
    return markup
