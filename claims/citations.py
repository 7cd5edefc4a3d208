"""Words a rationale quotes: how an editor cites a report without naming its id.

A passage between quotation marks ("…", “…”, «…», 「…」, 『…』) is a quotation; an
ellipsis inside it ("...", "…") marks words left out, so each part is a quotation of
its own. A part shorter than MIN_QUOTED_CHARS cites nothing: "calls for" or "agreed"
could come from any report, a clause says which one the editor read. Pure text in,
text out: services.review_claim looks the passages up in the event's articles.
"""

import re

# About a clause: long enough that the words identify what the editor read.
MIN_QUOTED_CHARS = 20
# A rationale quoting more passages than this is checked on its first few; one found is
# enough to cite a report.
MAX_PASSAGES = 8

QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»|「([^」]+)」|『([^』]+)』')
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")


def quoted_passages(rationale: str) -> list[str]:
    """The passages the rationale quotes, each at least MIN_QUOTED_CHARS long, longest
    first (the likeliest to be found word for word), at most MAX_PASSAGES."""
    passages = []
    for match in QUOTED.finditer(rationale or ""):
        quoted = next(group for group in match.groups() if group is not None)
        for part in ELLIPSIS.split(quoted):
            part = part.strip()
            if len(part) >= MIN_QUOTED_CHARS and part not in passages:
                passages.append(part)
    return sorted(passages, key=len, reverse=True)[:MAX_PASSAGES]
