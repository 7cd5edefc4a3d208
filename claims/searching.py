"""A claim's search text: the tokens of its wording and of every report's quote.

Readers and the API search claims by either (factdesk.fulltext). The tokens are stored on
the claim, so a search reads one index whatever the number of reports; these functions
keep them current when reports join a claim, leave it, or its wording changes.
"""

from factdesk import fulltext

from .models import Appearance, Claim


def of_new_claim(text: str, quotes: list[str]) -> str:
    """The search text of a claim made with these reports: what add_reports gives it."""
    return fulltext.search_text(text, *quotes)


def add_reports(appearances) -> None:
    """New reports' quotes join their claims' search text (tokens only ever add up here)."""
    quotes: dict[int, list[str]] = {}
    for appearance in appearances:
        quotes.setdefault(appearance.claim_id, []).append(appearance.quote)
    claims = list(Claim.objects.filter(pk__in=quotes).only("id", "text", "search_text"))
    for claim in claims:
        claim.search_text = fulltext.merged_search_text(
            claim.search_text, fulltext.search_text(claim.text, *quotes[claim.id])
        )
    Claim.objects.bulk_update(claims, ["search_text"], batch_size=500)


def refresh(claim_ids) -> None:
    """Search text made afresh from the wording and the reports each claim has now."""
    claims = list(Claim.objects.filter(pk__in=set(claim_ids)).only("id", "text"))
    quotes: dict[int, set[str]] = {claim.id: set() for claim in claims}
    for claim_id, quote in Appearance.objects.filter(claim__in=claims).values_list(
        "claim_id", "quote"
    ):
        quotes[claim_id].add(quote)
    for claim in claims:
        claim.search_text = fulltext.search_text(claim.text, *quotes[claim.id])
    Claim.objects.bulk_update(claims, ["search_text"], batch_size=500)


def search(queryset, query: str):
    """The claims of queryset whose wording or some report's quote holds every word."""
    return fulltext.matching(queryset, query)
