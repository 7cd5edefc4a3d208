"""The languages whose claims the desk extracts: one module each, registered here.

get(tag) answers what a stage needs to know of a language (languages.base.Language);
a tag not registered here is a language the desk stores but does not read: its article
keeps its tag and gets no claims, and editors see UNSUPPORTED_NOTE. Nothing here imports
Django or an app: the text stages and the apps both ask it.

Adding a language: a module beside these with its LANGUAGES, and its name in MODULES.
"""

from importlib import import_module

from .base import Language

# The languages' modules, each holding its LANGUAGES (zh: Simplified and Traditional).
MODULES = ("en", "es", "fr", "de", "ja", "ko", "zh")

REGISTERED: tuple[Language, ...] = tuple(
    language for name in MODULES for language in import_module(f".{name}", __name__).LANGUAGES
)

_BY_TAG = {language.tag: language for language in REGISTERED}
SUPPORTED = tuple(_BY_TAG)
CJK = tuple(language.tag for language in REGISTERED if language.cjk)
# Claims in other languages are linked to the same claim in this one (claims.pipeline.linking).
PIVOT = "en"
# What editors are told of an article in another language: stored, with no claims.
UNSUPPORTED_NOTE = "claims not extracted: language not supported yet"


def get(tag: str) -> Language | None:
    """The language a (normalised) tag names, or None when the desk does not read it."""
    return _BY_TAG.get(tag)


def is_supported(tag: str) -> bool:
    return tag in _BY_TAG


def is_cjk(tag: str) -> bool:
    language = _BY_TAG.get(tag)
    return language is not None and language.cjk


def english() -> Language:
    """English, the language text with no tag is read in."""
    return _BY_TAG["en"]


def dateparser_language(tag: str) -> str:
    """The code dateparser knows the language by (a language not registered: its base)."""
    language = _BY_TAG.get(tag)
    return language.dateparser if language else tag.split("-")[0]


__all__ = [
    "CJK",
    "PIVOT",
    "REGISTERED",
    "SUPPORTED",
    "UNSUPPORTED_NOTE",
    "Language",
    "dateparser_language",
    "english",
    "get",
    "is_cjk",
    "is_supported",
]
