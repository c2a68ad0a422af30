"""Common words of the press languages, so that generated spellings do not hit them.

``common_words.txt.gz`` holds the most frequent words of each language that
translit generates spellings for (wordfreq's top lists, folded as the matcher
folds them). It is built by ``scripts/build_common_words.py``; see that script
for the languages and the size. A generated spelling that is one of these words
(German *Buche*, Polish *Bucza*-like forms ...) is used only inside a full name.

>>> "the" in common_words() and "lukashenka" not in common_words()
True
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

__all__ = ["common_words"]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The folded common words of all press languages."""
    data = (resources.files("translit") / "common_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split("\n")) - {""}
