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
folds in a few passes in C and offsets map one to one; otherwise
:func:`fold` also returns, for each key position, the offset in the input.

>>> fold("Łukaszenka’s")
("lukaszenka's", None)
>>> fold("Tikhanovskai\u0308a")
('tikhanovskaia', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13])
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

__all__ = ["KEY_WORD", "fold", "fold_beyond", "fold_word", "is_word_char", "word_stop"]

_SPECIAL: Final = {
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ı": "i", "İ": "i",
    "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t", "ƶ": "z", "Ƶ": "z",
    "ё": "е", "Ё": "е",
}  # fmt: skip
_APOSTROPHES: Final = "\u2019\u2018\u02bc\u02b9\u2032\u00b4\u02bb\u02c8"
_HYPHENS: Final = "\u2010\u2011"
_SPACES: Final = "\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_DROPPED: Final = (
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


_TABLE: Final = _build_table()


def fold(text: str) -> tuple[str, list[int] | None]:
    """Return the matching key of *text* and, when lengths differ, its offset map
    (:func:`fold_beyond`'s first two)."""
    key, offsets, _ = fold_beyond(text)
    return key, offsets


Beyond = frozenset[str] | None
"""The characters beyond Latin-1 a key holds (at least), or None when not known."""
NONE_BEYOND: Final[frozenset[str]] = frozenset()


def fold_beyond(text: str) -> tuple[str, list[int] | None, Beyond]:
    """Return the matching key of *text*, when lengths differ its offset map, and the
    characters beyond Latin-1 (above U+00FF) the key may hold, where the fold learns
    them on its way (else None): what the automaton needs to know to search the key as
    Latin-1 bytes (:meth:`~translit.compile.finder.Finder.first`).

    The offset map gives, for each position of the key, the index of the input
    character it came from. It is None when the key has the input's length and
    positions correspond one to one.

    Four ways, all giving the key the table gives, in a few passes in C:

    * ASCII text is only lowered;
    * text with many letters beyond ASCII (Polish, French, Cyrillic) that a Windows
      code page holds is encoded in it, one byte a character, each byte folded
      with ``bytes.translate``, and decoded (:func:`_through_code_page`);
    * other text with few non-ASCII characters (English, German prose) is
      lowered as UTF-8 bytes (ASCII letters only), then each distinct non-ASCII
      character the fold changes is replaced with one ``str.replace``;
    * other text in another script gets ``str.lower``, then the characters the
      table still changes (``ё``, apostrophes) are found with one regular expression.

    Text where the fold changes the length (dropped characters, ``İ``), or whose
    lower case depends on context (``Σ``), goes through the table run by run.
    """
    if text.isascii():
        return text.lower(), None, NONE_BEYOND
    whole = len(text) <= _HEAD  # else the way is told from the beginning's bytes (each
    # way gives the table's key: this only picks the faster one, and a text in another
    # script is never encoded whole)
    try:
        raw = (text if whole else text[:_HEAD]).encode()
        others = raw.translate(None, _ASCII)
        if len(others) * _PAGE_SHARE > len(raw):  # many letters beyond ASCII (Polish,
            # French, Cyrillic): through a code page that holds the text, if one does
            paged = _through_code_page(text)
            if paged is not None:
                return paged[0], None, _page_tables()[paged[1]][2]
        if len(others) * _SCRIPT_SHARE > len(raw):  # mostly another script
            key = text.lower()
            if len(key) != len(text) or any(ch in text for ch in _CONTEXT):
                return (*_fold_runs(text), None)
            key, offsets, _ = _replaced(text, key, set(_changed().findall(key)))
            return key, offsets, None  # (only the characters the fold changes are known)
        if not whole:
            raw = text.encode()
            others = raw.translate(None, _ASCII)
    except UnicodeEncodeError:  # lone surrogates (from surrogateescape)
        return (*_fold_runs(text), None)
    return _replaced(text, raw.lower().decode(), set(others.decode()))  # (every character
    # beyond ASCII of the text)


def _through_code_page(text: str) -> tuple[str, str] | None:
    """The key of *text* in three passes in C, when one of :data:`_CODE_PAGES` holds
    every character of it: encoded in it (one byte a character), each byte folded
    (:func:`_page_tables`), decoded; else None (a long text's beginning picks the code
    page). A character one page could not write is tried first with the next pages (a
    text is not encoded whole again only to fail on it)."""
    sample = text if len(text) <= _HEAD else text[:_HEAD]
    for page in _CODE_PAGES:
        try:
            sample.encode(page)
            raw = text.encode(page)
        except UnicodeEncodeError as error:  # (or a lone surrogate)
            sample = error.object[error.start : error.end] + sample
            continue
        folds, dropped, _ = _page_tables()[page]
        if any(byte in raw for byte in dropped):  # the fold is not one for one
            return None
        return raw.translate(folds).decode(page), page
    return None


_CODE_PAGES: Final = ("cp1252", "cp1250", "cp1257", "cp1251")
"""Western, Central European, Baltic and Cyrillic Windows code pages: each writes
every letter of its languages, and the quotes and dashes of their press, in one byte."""
_PAGE_SHARE: Final = 30  # one byte in this many is beyond ASCII: a code page is faster (Polish
# has about one in 10, French one in 16, German one in 43, English prose one in 700)


@functools.cache
def _page_tables() -> dict[str, tuple[bytes, bytes, frozenset[str]]]:
    """Per code page: the fold of each byte (the byte of its character's fold), the
    bytes whose character the fold does not make one character of the page (the soft
    hyphen, which it drops), and the characters beyond Latin-1 a key folded through
    it may hold."""
    tables: dict[str, tuple[bytes, bytes, frozenset[str]]] = {}
    for page in _CODE_PAGES:
        folds = bytearray(range(256))
        dropped = bytearray()
        for byte in range(256):
            try:
                ch = bytes([byte]).decode(page)
            except UnicodeDecodeError:  # a byte the page leaves undefined: never made
                continue
            folded = "" if ch in _CONTEXT else _TABLE.get(ord(ch), ch).lower()
            try:
                one = folded.encode(page)
            except UnicodeEncodeError:
                one = b""
            if len(folded) == 1 and len(one) == 1:
                folds[byte] = one[0]
            else:
                dropped.append(byte)
        beyond = frozenset(bytes(folds).decode(page, "ignore")).difference(_LATIN_1)
        tables[page] = bytes(folds), bytes(dropped), beyond
    return tables


def _replaced(text: str, key: str, chars: set[str]) -> tuple[str, list[int] | None, Beyond]:
    """*key* (*text* lowered) with each of *chars* (its non-ASCII characters, or at
    least those the fold changes) replaced by its fold, and the characters beyond
    Latin-1 of that key that *chars* leave or make; *text* the table's way when a fold
    changes the length or there are many to replace (then None for the characters)."""
    changes = []
    beyond = set()
    for ch in chars:
        folded = _ONE.get(ch)
        if folded is None:
            folded = "" if ch in _CONTEXT else _TABLE.get(ord(ch), ch).lower()
            if len(_ONE) < 4096:
                _ONE[ch] = folded
        if folded != ch:
            if len(folded) != 1:
                return (*_fold_runs(text), None)
            changes.append((ch, folded))
        if folded > "\xff":
            beyond.add(folded)
    if len(changes) > _MOST_CHANGES:
        return (*_fold_runs(text), None)
    for ch, folded in changes:
        key = key.replace(ch, folded)
    return key, None, frozenset(beyond)


def _fold_runs(text: str) -> tuple[str, list[int] | None]:
    """:func:`fold` through the table: each run of non-ASCII characters is translated."""
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


_ASCII: Final = bytes(range(0x80))
_LATIN_1: Final = frozenset(map(chr, range(0x100)))
_ONE: Final[dict[str, str]] = {}  # what each non-ASCII character met so far folds to
_MOST_CHANGES: Final = 40  # more distinct characters to change: a pass through the table is faster
_HEAD: Final = 4096  # characters whose bytes tell the way (the whole text's would cost a pass)
_SCRIPT_SHARE: Final = 3  # one byte in this many is non-ASCII: text in another script (Cyrillic;
# Polish or Czech, with a diacritic in every other word, has about one in 12)
# lowered with context (final sigma), or lowered to a letter the table changes (Å sign)
_CONTEXT: Final = "\u03a3\u212b"
_CYRILLIC_MARKS: Final = "\u0306\u0308"  # breve, diaeresis
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]+")


@functools.cache
def _changed() -> re.Pattern[str]:
    """The non-ASCII characters the fold changes (compiled when first needed: a
    millisecond of start-up)."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE) if cp > 0x7F) + "]")


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) == 1:  # mostly a typographic quote or dash between ASCII words
        return _SINGLE.get(run, run)
    return run.translate(_TABLE)


_SINGLE: Final = {chr(cp): folded for cp, folded in _TABLE.items() if cp > 0x7F}


KEY_WORD: Final = re.compile(r"\w*(?:['-]\w+)*")
"""A word of a key, with the apostrophes and hyphens inside it (``kiev-based``)."""


def word_stop(key: str, at: int, limit: int) -> int:
    """Where the word of *key* that goes on at *at* ends, as ``KEY_WORD.match(key, at,
    limit)`` reads it: its common case, letters or digits up to a space, told from a
    search for the space (the expression costs a call and a match object).

    >>> word_stop("kyivs prava", 4, 11), word_stop("kyiv-based, x", 4, 13)
    (5, 10)
    """
    space = key.find(" ", at, limit)
    if space > at and key[at:space].isalnum():
        return space
    return KEY_WORD.match(key, at, limit).end()  # type: ignore[union-attr]


def fold_word(text: str) -> str:
    """The key of a variant or a word: :func:`fold` with whitespace runs made one space."""
    key, _ = fold(text)
    return " ".join(key.split())


def is_word_char(ch: str) -> bool:
    """True for characters that continue a word: letters, digits, marks and ``_``."""
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"
