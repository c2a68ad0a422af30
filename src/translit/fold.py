"""Folding: the matching key of a text, one character for one character.

The same fold runs when the table is compiled and when text is scanned, so a
variant and its mention meet on the same key. Folding is for matching only:
nothing folded is ever written to the output.

Steps, per character, in this order:

1. lower case (``str.lower``; ``İ`` becomes ``i``, keeping one character);
2. strip diacritics of Latin letters (``š`` → ``s``, ``ł`` → ``l``, ``ï`` → ``i``);
   Cyrillic letters keep theirs, except ``ё`` → ``е`` (often written without dots);
3. typographic apostrophes and primes (``’ ʼ ʹ ′ ‘``) → ``'``; Unicode hyphens → ``-``;
4. no-break and typographic spaces → one space each (tabs and line breaks stay);
5. combining marks, the soft hyphen, zero-width characters and the
   left-to-right / right-to-left marks are dropped.

Only step 5 changes the length. Text without such characters (nearly all text)
folds with one ``str.translate`` and offsets map one to one; otherwise
:func:`fold` also returns, for each key position, the offset in the input.

>>> fold("Łukaszenka’s")
("lukaszenka's", None)
>>> fold("Tikhanovskai\u0308a")
('tikhanovskaia', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13])
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["KEY_WORD", "fold", "fold_word", "is_word_char"]

_SPECIAL = {
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ı": "i", "İ": "i",
    "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t", "ƶ": "z", "Ƶ": "z",
    "ё": "е", "Ё": "е",
}  # fmt: skip
_APOSTROPHES = "\u2019\u2018\u02bc\u02b9\u2032\u00b4\u02bb\u02c8"
_HYPHENS = "\u2010\u2011"
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_DROPPED = (
    "\u00ad\u200b\u200c\u200d\u2060\ufeff\u034f"  # soft hyphen, zero-width, grapheme joiner
    "\u200e\u200f\u061c"  # bidi marks (paired embeddings and isolates are not dropped:
    # a replacement that swallowed one would unbalance the text's direction)
)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x41, 0x5B):
        table[cp] = chr(cp + 32)
    latin_ranges = [(0xC0, 0x250), (0x1E00, 0x1F00)]
    for lo, hi in latin_ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            if ch in _SPECIAL:
                continue
            lowered = ch.lower()
            base = "".join(
                c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c)
            )
            if len(base) == 1 and base != ch:
                table[cp] = base
    for cp in range(0x400, 0x530):
        ch = chr(cp)
        lowered = ch.lower()
        if len(lowered) == 1 and lowered != ch:
            table[cp] = lowered
    for ch, folded in _SPECIAL.items():
        table[ord(ch)] = folded
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _HYPHENS:
        table[ord(ch)] = "-"
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _DROPPED:
        table[ord(ch)] = ""
    for cp in range(0x300, 0x370):  # combining diacritical marks
        table[cp] = ""
    return table


_TABLE = _build_table()


def fold(text: str) -> tuple[str, list[int] | None]:
    """Return the matching key of *text* and, when lengths differ, its offset map.

    The offset map gives, for each position of the key, the index of the input
    character it came from. It is None when the key has the input's length and
    positions correspond one to one.

    ASCII text is only lowered; text whose only non-ASCII characters the table
    changes are ’ ‘ and the no-break space (English prose with typographic
    punctuation) gets three ``str.replace`` and ``str.lower``; in other text each
    run of non-ASCII characters goes through the table.
    """
    if text.isascii():
        return text.lower(), None
    if _NEEDS_TABLE.search(text) is None:  # English prose with typographic punctuation
        return text.replace("\u2019", "'").replace("\u2018", "'").replace(
            "\u00a0", " "
        ).lower(), None
    key = _NON_ASCII.sub(_fold_run, text).lower()
    if len(key) == len(text):
        return key, None
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _TABLE.get(ord(ch), ch).lower()
        if folded:
            chars.append(folded)
            offsets.append(i)
        elif ch in _CYRILLIC_MARKS and i and "\u0400" <= text[i - 1] <= "\u04ff":
            composed = unicodedata.normalize("NFC", text[i - 1] + ch)  # decomposed й ї ў ё
            if len(composed) == 1 and chars:
                chars[-1] = _TABLE.get(ord(composed), composed).lower()
    return "".join(chars), offsets


_CYRILLIC_MARKS = "\u0306\u0308"  # breve, diaeresis


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_COMMON = (0x2019, 0x2018, 0xA0)  # ’ ‘ and the no-break space: replaced directly
# characters the table changes, other than the common typographic ones below
_NEEDS_TABLE = re.compile(
    "["
    + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE) if cp > 0x7F and cp not in _COMMON)
    + "]"
)


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) == 1:  # mostly a typographic quote or dash between ASCII words
        return _SINGLE.get(run, run)
    return run.translate(_TABLE)


_SINGLE = {chr(cp): folded for cp, folded in _TABLE.items() if cp > 0x7F}


KEY_WORD = re.compile(r"\w*(?:['-]\w+)*")
"""A word of a key, with the apostrophes and hyphens inside it (``kiev-based``)."""


def fold_word(text: str) -> str:
    """The key of a variant or a word: :func:`fold` with whitespace runs made one space."""
    key, _ = fold(text)
    return " ".join(key.split())


def is_word_char(ch: str) -> bool:
    """True for characters that continue a word: letters, digits, marks and ``_``."""
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"
