"""The language of an article: told by languages.detect, read as languages' registry says.

Kept so that the apps ask one name (articles.languages) for detection and for what the
desk does with a tag; each rule lives once, in the top-level languages package.
"""

from languages import CJK, SUPPORTED, UNSUPPORTED_NOTE, dateparser_language, is_cjk, is_supported
from languages.detect import (
    HAN_RE,
    HANGUL_RE,
    KANA_RE,
    LATIN_RE,
    chinese_variant,
    detect_language,
    latin_language,
    normalise_tag,
    to_simplified,
)

__all__ = [
    "CJK",
    "HANGUL_RE",
    "HAN_RE",
    "KANA_RE",
    "LATIN_RE",
    "SUPPORTED",
    "UNSUPPORTED_NOTE",
    "chinese_variant",
    "dateparser_language",
    "detect_language",
    "is_cjk",
    "is_supported",
    "latin_language",
    "normalise_tag",
    "to_simplified",
]
