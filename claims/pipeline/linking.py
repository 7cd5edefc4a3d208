"""Stage: the same claim across languages (claims.text.claim_links).

A Japanese, Korean or Chinese report's sentence never joins an English claim by its
words; after each ingestion, each CJK claim of the event is linked to the English claim
whose names (read aloud) and numbers it shares clearly, or the link is proposed to
editors when they only suggest it. An editor's rejection stays.
"""

from languages import PIVOT, is_cjk

from .. import selectors
from ..models import Appearance, ClaimLink, Event, MatchProposal
from ..text import claim_links


def link_across_languages(event: Event) -> None:
    languages: dict[int, set[str]] = {}
    texts: dict[int, str] = {}
    for claim_id, text, language in Appearance.objects.filter(
        claim__event=event, claim__merged_into__isnull=True
    ).values_list("claim_id", "claim__text", "article__language"):
        languages.setdefault(claim_id, set()).add(language)
        texts[claim_id] = text
    cjk = [
        (claim_id, texts[claim_id], sorted(langs)[0])
        for claim_id, langs in languages.items()
        if all(is_cjk(language) for language in langs)
    ]
    english = [
        (claim_id, texts[claim_id]) for claim_id, langs in languages.items() if PIVOT in langs
    ]
    rejected = set(
        ClaimLink.objects.filter(claim__event=event, status=ClaimLink.Status.REJECTED).values_list(
            "claim_id", "same_as_id"
        )
    )
    # A claim proposed as the same as another is no rival of it until an editor decides.
    together = dict(
        MatchProposal.objects.filter(
            claim__event=event, status=MatchProposal.Status.PROPOSED
        ).values_list("claim_id", "candidate_id")
    )
    ClaimLink.objects.filter(claim__event=event).exclude(status=ClaimLink.Status.REJECTED).delete()
    ClaimLink.objects.bulk_create(
        ClaimLink(
            claim_id=cjk_id,
            same_as_id=english_id,
            score=score,
            status=ClaimLink.Status.LINKED if sure else ClaimLink.Status.PROPOSED,
        )
        for cjk_id, english_id, score, sure in claim_links.best_links(
            cjk, english, selectors.entity_aliases() if cjk else (), together
        )
        if (cjk_id, english_id) not in rejected
    )
