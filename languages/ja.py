"""Japanese: sentences cut at 。！？ by the desk's own rules, no stemming (words are not
spaced), dates read by dateparser and by articles.dates' CJK patterns."""

from .base import Language

LANGUAGES = (Language(tag="ja", name="Japanese", sentences="cjk", dateparser="ja"),)
