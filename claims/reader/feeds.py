"""Atom feeds of the desk's decisions, site-wide and per event, newest first.

An entry is one review: the claim, its new status and the editor's public rationale.
Like the claim pages, feeds say what was decided and when, not which editor decided.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, gettext_lazy

from .. import selectors, statuses
from ..selectors import public_decisions

FEED_LENGTH = 50
ENTRY_TITLES = {facts.value: facts.feed_title for facts in statuses.STATUSES if facts.feed_title}
# A graded verdict leads with its grade, as on the pages.
GRADED_TITLES = {
    facts.value: facts.graded_feed_title for facts in statuses.STATUSES if facts.graded_feed_title
}


class DecisionsFeed(Feed):
    feed_type = Atom1Feed
    subtitle = gettext_lazy("Claims the desk verified, disputed or reopened, newest first.")

    def title(self, obj=None):
        return gettext("%(desk)s: editorial decisions") % {"desk": settings.FACTDESK_NAME}

    def link(self, obj=None):
        return reverse("public:home")

    def author_name(self, obj=None):
        return settings.FACTDESK_NAME

    def items(self, obj=None):
        return public_decisions()[:FEED_LENGTH]

    def item_title(self, review):
        """The verdict's sign and words, its grade, then the claim: "✗ Disputed, false: …"."""
        graded = GRADED_TITLES.get(review.to_status) if review.rating else None
        title = graded or ENTRY_TITLES[review.to_status]
        words = title % {"claim": review.claim.text, "grade": review.get_rating_display()}
        sign = statuses.SYMBOLS.get(review.to_status)
        return f"{sign} {words}" if sign else words

    def item_description(self, review):
        return review.rationale

    def item_link(self, review):
        # One entry per decision: the fragment keeps entries on the same claim apart.
        return f"{review.claim.get_absolute_url()}#review-{review.pk}"

    def item_pubdate(self, review):
        return review.created_at

    def item_updateddate(self, review):
        return review.created_at

    def item_author_name(self, review):
        return settings.FACTDESK_NAME

    def item_categories(self, review):
        return [review.claim.event.title]


class EventDecisionsFeed(DecisionsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(selectors.public_events(), slug=slug)

    def title(self, obj=None):
        return gettext("%(desk)s: decisions on %(event)s") % {
            "desk": settings.FACTDESK_NAME,
            "event": obj.title,
        }

    def link(self, obj=None):
        return obj.get_absolute_url()

    def items(self, obj=None):
        return public_decisions().filter(claim__event=obj)[:FEED_LENGTH]
