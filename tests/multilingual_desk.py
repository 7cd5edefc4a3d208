"""One event reported in English, Japanese, Korean and Chinese, from bench/corpus, published
with its two most widely restated claims verified: the reader pages then show the same
claim in four languages side by side."""

import json
from pathlib import Path

from articles.services import ArticleHints, read_article_file
from claims.models import Claim, ClaimLink
from claims.pipeline import ingest_article
from claims.services import review_claim, set_event_published

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus"
EVENT = "trilateral-fm-meeting-busan-2023"


def build(editor):
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))["articles"]
    names = sorted(
        (name for name, label in labels.items() if label["event"] == EVENT),
        key=lambda name: labels[name]["order"],
    )
    articles = []
    for name in names:
        label = labels[name]
        hints = ArticleHints.from_dict(label)  # its outlet, address, language, date
        text = read_article_file(CORPUS / "articles" / name)
        articles.append(ingest_article(text=text, file_name=name, hints=hints).article)
    event = articles[0].event
    set_event_published(event=event, editor=editor, published=True)
    # The English claims the most other-language reports were linked to.
    linked = ClaimLink.objects.filter(status=ClaimLink.Status.LINKED, claim__event=event)
    english_ids = sorted({link.same_as_id for link in linked})
    for claim in Claim.objects.filter(pk__in=english_ids):
        review_claim(
            claim=claim,
            editor=editor,
            status=Claim.Status.VERIFIED,
            rationale="The foreign ministries' own readouts of the meeting say so.",
        )
    return event, articles
