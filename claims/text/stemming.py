"""Word stems by language, safe in any thread (languages.base keeps a stemmer per thread).

Text with no language given is read as English: the glosses of CJK words are English,
and so is every text the desk read before it read other languages.
"""

from functools import lru_cache

import languages

_ENGLISH = languages.english()


# Remembered here too, so that a word costs one look-up, as it did with English alone.
@lru_cache(maxsize=100_000)
def stem(word: str, language: str = "") -> str:
    """word's stem in the language tag names (English for no tag or one the desk does
    not read)."""
    return (languages.get(language) or _ENGLISH).stem(word)
