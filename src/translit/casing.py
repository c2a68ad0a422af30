"""Casing and script of a replacement: what a mention's own writing says to keep.

Rules, in order:

1. a mention in another script than the canonical form keeps its own text
   (Cyrillic text stays Cyrillic);
2. an ALL-CAPS mention (two letters or more, all upper case) gets an ALL-CAPS
   canonical form;
3. any other mention takes the canonical form's casing (``kyiv`` → ``Kyiv``).

>>> restyle("LUKASHENKO", "Lukashenka")
'LUKASHENKA'
>>> restyle("kyiv", "Kyiv")
'Kyiv'
>>> restyle("Лукашенко", "Lukashenka")
'Лукашенко'
"""

from __future__ import annotations

__all__ = ["is_cyrillic", "restyle"]


def is_cyrillic(text: str) -> bool:
    """True when *text* has a Cyrillic letter."""
    return any("\u0400" <= ch <= "\u052f" or "\u1c80" <= ch <= "\u1c8f" for ch in text)


def restyle(mention: str, canonical: str) -> str:
    """The replacement for *mention*: *canonical*, in the mention's case and script."""
    if is_cyrillic(mention) != is_cyrillic(canonical):
        return mention
    letters = [ch for ch in mention if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return canonical.upper()
    return canonical
