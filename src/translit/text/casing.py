r"""Casing and script of a replacement: what a mention's own writing says to keep.

Rules, in order:

1. a mention in another script than the canonical form keeps its own text
   (Cyrillic text stays Cyrillic);
2. an ALL-CAPS mention (two letters or more, all upper case) gets an ALL-CAPS
   canonical form;
3. any other mention takes the canonical form's casing (``kyiv`` → ``Kyiv``);
4. the whitespace between the words of a mention (a line break, a no-break
   space) stays between the words of the replacement.

>>> restyle("LUKASHENKO", "Lukashenka")
'LUKASHENKA'
>>> restyle("kyiv", "Kyiv")
'Kyiv'
>>> restyle("Лукашенко", "Lukashenka")
'Лукашенко'
>>> restyle("Alexander\nLukashenko", "Alyaksandr Lukashenka")
'Alyaksandr\nLukashenka'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = ["is_cyrillic", "restyle"]


def is_cyrillic(text: str) -> bool:
    """True when *text* has a Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


_CYRILLIC: Final = re.compile("[\u0400-\u052f\u1c80-\u1c8f]")


@lru_cache(maxsize=8192)
def restyle(mention: str, canonical: str) -> str:
    """The replacement for *mention*: *canonical*, in the mention's case and script."""
    if is_cyrillic(mention) != is_cyrillic(canonical):
        return mention
    if mention.isupper() and sum(ch.isalpha() for ch in mention) >= 2:
        canonical = canonical.upper()
    gaps = _GAPS.findall(mention)
    if not gaps or " " not in canonical:
        return canonical
    words = canonical.split(" ")
    parts = [words[0]]
    for i, word in enumerate(words[1:]):
        parts.append(gaps[i] if i < len(gaps) else " ")
        parts.append(word)
    return "".join(parts)


_GAPS: Final = re.compile(r"\s+")
