"""The README stays a front door, and its links into docs/ lead somewhere.

The README must fit on a few screens (at most 200 lines); the manual lives in docs/.
A link that points at a missing file, or at a heading a page no longer has, fails here
rather than in a newcomer's browser.
"""

import re
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
README = ROOT / "README.md"
MAX_README_LINES = 200
# [text](target) and ![alt](target), the target up to a space or the closing bracket.
LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
FENCE_RE = re.compile(r"^(```|~~~)")


def _headings(text: str) -> list[str]:
    """The page's headings, outside code blocks (a shell comment is not a heading)."""
    found, fenced = [], False
    for line in text.splitlines():
        if FENCE_RE.match(line):
            fenced = not fenced
        elif not fenced and (match := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)):
            found.append(match.group(1))
    return found


def anchors(text: str) -> set[str]:
    """The fragment each heading gets, as GitHub makes them (repeats get -1, -2, …)."""
    seen: dict[str, int] = {}
    result = set()
    for heading in _headings(text):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        result.add(slug if count == 0 else f"{slug}-{count}")
    return result


def broken_links(page: Path) -> list[str]:
    """Each link of page to a file of this repository that is missing, or to an anchor
    its target does not have; web addresses are not followed."""
    broken = []
    for target in LINK_RE.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _, fragment = target.partition("#")
        file = (page.parent / unquote(path)).resolve() if path else page
        if not file.is_file():
            broken.append(f"{target}: no such file")
        elif (
            fragment
            and file.suffix == ".md"
            and fragment not in anchors(file.read_text(encoding="utf-8"))
        ):
            broken.append(f"{target}: no heading #{fragment} in {file.name}")
    return broken


def test_readme_is_a_front_door():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines"


def test_every_readme_link_into_docs_resolves():
    text = README.read_text(encoding="utf-8")
    into_docs = [t for t in LINK_RE.findall(text) if t.startswith("docs/")]
    # The map of the documentation and the three pictures, at least.
    assert len(into_docs) >= 10
    assert broken_links(README) == []


def test_links_between_docs_pages_resolve():
    pages = sorted((ROOT / "docs").glob("*.md"))
    assert pages
    assert {page.name: broken_links(page) for page in pages if broken_links(page)} == {}


def test_anchors_follow_githubs_rule():
    text = "# Cached pages (`x/page_cache.py`)\n```sh\n# not a heading\n```\n## Search\n## Search\n"
    assert anchors(text) == {"cached-pages-xpage_cachepy", "search", "search-1"}
