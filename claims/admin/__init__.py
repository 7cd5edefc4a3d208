"""The desk's admin for claims: where editors review, merge and publish.

claims         the claim list and a claim's page (every report side by side)
claim_actions  bulk review, dismiss, assign, merge and split, and their pages
workspace      the review queue and one claim's review page
events         events, their publication and audit log
records        the audit log and reviews, read-only
links          name aliases, cross-language links, proposed matches
filters, inlines, forms  the pieces the pages above are built from

Every rule is a service's (claims.services) or a selector's (claims.selectors); these
classes only collect input and show results. Django imports this package to register them.
"""

from django.contrib import admin

from . import claims, events, links, records, workspace  # noqa: F401  (each registers its admins)

# The queue is where a desk member starts: first on the admin's home and in its nav.
admin.site.add_desk_page(
    route="review-queue/",
    view=workspace.queue_view,
    name="review_queue",
    label="Review queue",
    permission="claims.view_claim",
)
