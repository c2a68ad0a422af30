"""An automaton that finds the table's patterns only where a word begins, for a table
of many forms.

With many forms, most hits of the plain automaton are inside words: "particular"
holds an anchor or two of 100,000 made-up names, German and Polish compounds more.
The matcher drops each such hit at once, but each has cost a tuple, a step of the hot
loop, and the automaton a walk through states that a word start never reaches. Here
each pattern is sought after a space, and in the key (Latin-1 bytes, as
:meth:`~translit.compile.finder.Finder.first` searches it) every byte that does not
continue a word (a letter, a digit, ``_``, or a mark's capital that stands for a
letter) is made a space, in one ``bytes.translate``, and a space is put before the
key: a pattern is found at every start of a word, and nowhere else. With 100,000
forms that leaves a third to a half of the hits, and the walk is faster too; with a
few thousand forms it gains nothing (:data:`WORD_STARTS_FROM`).

What differs from the plain automaton's hits (:func:`word_start_hits`), all of which
the short path takes as it is (``tests/test_matcher.py`` holds its mentions equal):

* each hit's end is one past its pattern's (the space before it counts), which the
  short path takes off;
* a pattern with an apostrophe or a hyphen (``l'viv``) is sought with a space there,
  so it is found wherever any character that ends a word stands there (``l.viv``),
  and without such characters at its end: the short path reads every word in the
  span of such a hit anyway, as the general path reads it
  (:func:`~translit.match.short_path.short_path`);
* no hit inside a word hides a word that begins after it.
"""

from __future__ import annotations

from typing import Any, Final

from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind

__all__ = ["WORD_STARTS_FROM", "word_bytes", "word_start_automaton", "word_start_hits"]

WORD_STARTS_FROM: Final = 10_000
"""Tables with this many patterns or more are searched for word starts only (the bundled
table has about 2,000: there the extra pass costs more than the hits it saves)."""

_SPACE: Final = 0x20
_NEVER: Final = (b"\x00", b"\x01\x01", b"\x02\x02", b"\x03\x03")
"""Patterns that no key holds (each of their bytes is made a space): the first stands in
for a pattern that is the same as one before it, so that numbers stay those of the
table's patterns; the others give the automaton three more first bytes, which keeps it
from a prefilter that would stop at every space, slower than the walk."""


def word_bytes(marks: dict[str, str]) -> bytes:
    """The table of ``bytes.translate`` that makes every byte a space but those that
    continue a word: letters, digits, ``_``, and the capitals of *marks* (see
    :meth:`~translit.compile.finder.Finder.first`) that stand for a letter or a digit."""
    table = bytearray(range(256))
    stands_for = {ord(mark): char for char, mark in marks.items()}
    for byte in range(256):
        char = stands_for.get(byte, chr(byte))  # (another capital stays: a key has none)
        if not (char.isalnum() or char == "_"):
            table[byte] = _SPACE
    return bytes(table)


def word_start_automaton(patterns: list[bytes], table: bytes) -> Any | None:
    """The automaton (a DFA) of *patterns* (Latin-1 bytes, as the plain automaton has
    them) after a space, each made with *table* (:func:`word_bytes`), without the spaces
    that end it; None when a pattern begins with a character that ends a word (then
    where it is found is no word start)."""
    sought: list[bytes] = []
    seen: set[bytes] = set()
    for pattern in patterns:
        made = pattern.translate(table).rstrip(b" ")
        if not made or made[0] == _SPACE:
            return None
        if made in seen:
            sought.append(_NEVER[0])
        else:
            seen.add(made)
            sought.append(b" " + made)
    sought += _NEVER[1:]
    return BytesAhoCorasick(
        sought, matchkind=MatchKind.LeftmostLongest, implementation=Implementation.DFA
    )


def word_start_hits(automaton: Any, data: bytes, table: bytes) -> list[tuple[int, int, int]]:
    """The hits of *automaton* (:func:`word_start_automaton`) in the key *data* (Latin-1
    bytes): pattern number, where its word starts, one past where it ends."""
    found: list[tuple[int, int, int]] = automaton.find_matches_as_indexes(
        b" " + data.translate(table)
    )
    return found
