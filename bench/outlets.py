"""How often an article's own text names its outlet, and whether the name is right.

    PYTHONPATH=. .venv/bin/python bench/outlets.py --articles FILE.jsonl [--verbose]

FILE.jsonl: one article a line, {"title", "body", "url"} (ECB+ dev's format). Each
article's text alone (the address withheld) goes through cleaning and
articles.outlets.outlet_for; a name is checked against the article's address, where it
has one: it is "in the address" when its letters (spaces and "the" aside) are in the
host. Any other ("CNA" for catholicnewsagency.com) is for a person to judge: --verbose
lists each. The last line: articles, named, in the address, not in the address, named
without an address to check against.
"""

import argparse
import json
import os
import re
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from articles.cleaning import clean_text  # noqa: E402
from articles.outlets import host_of, outlet_for  # noqa: E402


def in_address(name: str, host: str) -> bool:
    letters = "".join(w for w in re.findall(r"[a-z0-9]+", name.lower()) if w != "the")
    return bool(letters) and letters in host.replace(".", "").replace("-", "")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", required=True)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    with open(args.articles, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    named = agreeing = disagreeing = unchecked = 0
    for row in rows:
        found = outlet_for(cues=clean_text(f"{row['title']}\n\n{row['body']}").source_cues)
        if found is None:
            continue
        named += 1
        host = host_of(row.get("url", ""))
        name = found.name or found.domain
        if not host:
            unchecked += 1
            verdict = "unchecked"
        elif in_address(name, host) or (found.domain and found.domain in host):
            agreeing += 1
            verdict = "in the address"
        else:
            disagreeing += 1
            verdict = "not in the address"
        if args.verbose:
            print(f"{verdict}: {name!r} for {host or '(no address)'}")
    print(
        f"articles {len(rows)}, named {named}, in the address {agreeing}, "
        f"not in the address {disagreeing}, unchecked {unchecked}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
