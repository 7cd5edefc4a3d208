"""Korean: cut like Japanese and Chinese (a Korean ending before a full stop also ends a
sentence), no stemming: a word carries its particles and n-grams compare it."""

from .base import Language

LANGUAGES = (Language(tag="ko", name="Korean", sentences="cjk", dateparser="ko"),)
