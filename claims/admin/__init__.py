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

from . import claims, events, links, records  # noqa: F401  (each registers its admins)
