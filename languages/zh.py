"""Chinese, in its two scripts: Simplified and Traditional are one language to every
stage but detection (which tells them apart) and dateparser (which has a code for each)."""

from .base import Language

LANGUAGES = (
    Language(tag="zh-Hans", name="Chinese (Simplified)", sentences="cjk", dateparser="zh"),
    Language(tag="zh-Hant", name="Chinese (Traditional)", sentences="cjk", dateparser="zh-Hant"),
)
