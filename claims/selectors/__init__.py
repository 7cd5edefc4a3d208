"""Reads shared by the reader pages, the API, the feeds, the sitemap and the admin.

What is visible to whom, an event's account, an outlet's track record, the public
decisions and the review queue each have one home here, so that a page and the API list,
group and order the same claims the same way. Each read costs a fixed number of queries.
Callers use `claims.selectors.<name>`; the modules below say where each lives.
"""

from .accounts import (  # noqa: F401
    EventAccount,
    awaiting_review,
    by_status,
    event_account,
    event_articles,
    event_claims,
    linked_claims,
    pair_across_languages,
    track_record,
)
from .orders import (  # noqa: F401
    ARTICLES_PER_OUTLET,
    AWAITING,
    CLAIM_ORDER,
    CONTEXT_CHARS,
    DESK_ORDER,
    HEAVY_ARTICLE_FIELDS,
    OTHER_LANGUAGES_SHOWN,
    OUTLETS_SHOWN,
    PASSAGES_PER_ARTICLE,
    QUEUE_ORDER,
    QUEUE_PRIORITY,
    READING_ORDER,
    REPORTS_PER_CARD,
    REVIEW_ORDER,
    VALUES_PER_CARD,
    VARIANT_HOLDERS,
    WORKSPACE_REPORTS,
)
from .queue import (  # noqa: F401
    desk_claims,
    next_in_queue,
    possible_assignees,
    review_queue,
    value_holders,
    workspace_reports,
)
from .reports import (  # noqa: F401
    Outlet,
    ReportGroup,
    Variant,
    VariantValue,
    claim_reports,
    describe_claim,
    first_reports_prefetch,
    group_outlets,
    outlet_key,
    rank_outlets,
    reports_prefetch,
)
from .visibility import (  # noqa: F401
    cited_reports,
    claim_history,
    claims_with_pages,
    entity_aliases,
    is_public,
    public_articles,
    public_claims,
    public_decisions,
    public_events,
    public_sources,
    visible_claims,
    visible_events,
)
