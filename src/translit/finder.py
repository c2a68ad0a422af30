"""The automaton: every word and anchor of the table, found in a key in one call.

The patterns are the table's words and their anchors (:mod:`translit.wordforms`):
a word written as itself is one hit that ends where the word ends, and an
inflected word is a hit on its anchor. The automaton is ahocorasick-rs (Rust);
one call returns every hit of a text as a list, so no Python code runs between
names. It cannot be pickled, so a :class:`Finder` pickles its patterns and
builds the automaton on first use (about a millisecond per thousand patterns).

Two searches:

* :meth:`Finder.first`: leftmost-longest, without overlaps: at most one hit
  per word, the longest pattern starting there. A pattern of word characters
  only can never hide the start of another word; one with an apostrophe or a
  hyphen (``l'viv``, ``wit-rusland``) can, so such patterns get the highest
  numbers (from :attr:`Finder.joined` on) and the matcher takes another way
  when one is hit;
* :meth:`Finder.every`: every hit, overlapping ones too, ordered by end.

>>> finder = Finder(["kiev", "kyiv", "wit-rusland"])
>>> finder.first("in kiev and kyiv"), finder.joined
([(0, 3, 7), (1, 12, 16)], 2)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

__all__ = ["Finder", "Found"]

Found = list[tuple[int, int, int]]  # (pattern number, start, end) of each hit

_SURROGATES = re.compile("[\ud800-\udfff]")


class Finder:
    """The table's patterns, and the automata that find them (built when first used)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        ordered = sorted(set(patterns), key=lambda p: (not p.isalnum(), p))
        self.patterns: tuple[str, ...] = tuple(ordered)
        self.joined: int = next(
            (i for i, p in enumerate(ordered) if not p.isalnum()), len(ordered)
        )
        """The number of the first pattern with a character other than a letter or digit."""
        self._first: Any = None
        self._every: Any = None

    def first(self, key: str) -> Found:
        """Leftmost-longest hits of *key*, without overlaps, in order."""
        if self._first is None:
            self._first = self._build(MatchKind.LeftmostLongest)
        return _search(self._first, key, False)

    def every(self, key: str) -> Found:
        """Every hit of *key*, overlapping ones too, ordered by end."""
        if self._every is None:
            self._every = self._build(MatchKind.Standard)
        return _search(self._every, key, True)

    def _build(self, kind: MatchKind) -> Any:
        if not self.patterns:
            return None
        return AhoCorasick(list(self.patterns), matchkind=kind, implementation=Implementation.DFA)

    def __getstate__(self) -> dict[str, Any]:
        return {"patterns": self.patterns, "joined": self.joined}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.patterns = state["patterns"]
        self.joined = state["joined"]
        self._first = None
        self._every = None


def _search(automaton: Any, key: str, overlapping: bool) -> Found:
    if automaton is None:
        return []
    try:
        found: Found = automaton.find_matches_as_indexes(key, overlapping=overlapping)
    except UnicodeEncodeError:  # lone surrogates (from surrogateescape): not letters
        found = automaton.find_matches_as_indexes(
            _SURROGATES.sub("\ufffd", key), overlapping=overlapping
        )
    return found
