"""Readable URL slugs: the first words of a title. The id in the URL decides what is shown."""

from django.utils.text import slugify

SLUG_WORDS = 8


def title_slug(text: str) -> str:
    """The first few words of a title, for a readable URL ("item" when none are ASCII)."""
    return slugify(" ".join(text.split()[:SLUG_WORDS]))[:80].strip("-") or "item"
