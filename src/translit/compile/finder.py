"""The automaton: every word and anchor of the table, found in a key in one call.

The patterns are the table's words and their anchors (:mod:`translit.compile.wordforms`):
a word written as itself is one hit that ends where the word ends, and an
inflected word is a hit on its anchor. The automaton is ahocorasick-rs (Rust);
one call returns every hit of a text as a list, so no Python code runs between
names. It cannot be pickled, so a :class:`Finder` pickles its patterns and
builds the automaton on first use: a contiguous NFA first (about 0.7 ms per
thousand patterns), then a DFA, slower to build (about 2.5 ms per thousand
patterns) but faster to walk (``normalize`` runs about 25 % faster), once the
texts searched add up to :data:`DFA_AFTER` characters per pattern: a call on a
few words never pays for it, a corpus or a long text soon does.

Two searches:

* :meth:`Finder.first`: leftmost-longest, without overlaps: at most one hit
  per word, the longest pattern starting there. A pattern of word characters
  only can never hide the start of another word; one with an apostrophe or a
  hyphen (``l'viv``, ``wit-rusland``) can, so such patterns get the highest
  numbers (from :attr:`Finder.joined` on) and the matcher looks again inside
  such a hit;
* :meth:`Finder.every`: every hit, overlapping ones too, ordered by end.

The matcher asks :meth:`Finder.word_hits`: :meth:`Finder.first`'s hits, or for a
table of many patterns those at the start of a word only
(:mod:`translit.compile.word_starts`).

The words that only ever end a phrase of two words or more (:attr:`Finder.followers`:
Časiv Âr's âr, Kharkiv Oblast's oblast) are not sought: a short one would hit
inside every other word ("particular"), and none names anything alone. Where a
phrase's word is found and whitespace follows, the matcher reads the word after
it (:func:`translit.match.general.follower_at`), first asking
:meth:`Finder.may_follow` whether it begins like one of them.

>>> finder = Finder(["kiev", "kyiv", "wit-rusland"])
>>> finder.first("in kiev and kyiv"), finder.joined
([(0, 3, 7), (1, 12, 16)], 2)
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any, Final

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation, MatchKind

from translit.compile.word_starts import (
    WORD_STARTS_FROM,
    word_bytes,
    word_start_automaton,
    word_start_hits,
)

__all__ = ["Finder", "Found"]

Found = list[tuple[int, int, int]]  # (pattern number, start, end) of each hit

_SURROGATES: Final = re.compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")  # (no surrogate in a literal:
# the compiled build refuses one)


class Finder:
    """The table's patterns, and the automata that find them (built when first used)."""

    def __init__(
        self,
        patterns: Iterable[str] = (),  # (a default for each: the compiled build unpickles
        # a Finder by calling Finder(), then __setstate__)
        followers: Iterable[str] = (),
        follower_starts: Iterable[str] = (),
        leaders: Iterable[str] = (),
        next_letters: dict[str, str] | None = None,
        next_pairs: dict[str, frozenset[str]] | None = None,
    ) -> None:
        unique = set(patterns)
        plain = sorted(p for p in unique if p.isalnum())
        self.patterns: tuple[str, ...] = (*plain, *sorted(unique.difference(plain)))
        self.joined: int = len(plain)
        """The number of the first pattern with a character other than a letter or digit."""
        self.longest: int = max(map(len, unique), default=0)
        """The length of the longest pattern."""
        self._automata: dict[tuple[bool, bool, bool], Any] = {}  # by (overlapping, dfa,
        # narrow: for Latin-1 bytes)
        self._mark_table: dict[str, str] | None = None  # see _marks
        self._wide_chars: frozenset[str] = frozenset()
        self._question = False
        self._swaps: dict[frozenset[str], tuple[tuple[str, str], ...] | None] = {}
        self._searched = 0  # characters searched without a DFA
        self._looked = 0  # characters searched without an automaton
        self._numbers: dict[str, int] | None = None  # pattern -> its number
        self._word_dfa: Any = None  # see word_hits: None until built, False if none
        self._word_table = b""
        self.word_starts_from: int = WORD_STARTS_FROM
        """Tables of this many patterns or more are searched for word starts only
        (:meth:`word_hits`)."""
        self.followers: frozenset[str] = frozenset(followers)
        """The words of the table the automaton does not seek (see the module's docstring)."""
        self.leaders: frozenset[str] = frozenset(leaders)
        """The words that come right before a follower in a phrase of the table."""
        self._heads: dict[str, tuple[str, ...]] = {}
        self._head = 0
        self._set_heads(follower_starts)
        self.next_letters: tuple[str | None, ...] = tuple(
            map((next_letters or {}).get, self.patterns)
        )
        """Per pattern number, for an anchor that is no word of the table, the letters that
        come right after it in the forms that begin with it
        (:func:`~translit.compile.wordforms.next_characters`); None for the other patterns."""
        self.next_pairs: tuple[frozenset[str] | None, ...] = tuple(
            map((next_pairs or {}).get, self.patterns)
        )
        """The same for the two characters after it."""

    def _set_heads(self, starts: Iterable[str]) -> None:
        """The beginnings every form of a follower has (*starts*), by their first
        :attr:`_head` characters."""
        kept = sorted(starts)
        self._head = min(map(len, kept), default=0)
        heads: dict[str, list[str]] = {}
        for start in kept:  # without those another one begins (sorted: it came first)
            same = heads.setdefault(start[: self._head], [])
            if not any(start.startswith(other) for other in same):
                same.append(start)
        self._heads = {head: tuple(starts) for head, starts in heads.items()}

    def may_follow(self, key: str, at: int) -> bool:
        """Whether a form of a follower may begin at *at* of *key* (its word, or the part
        of it before an apostrophe or a hyphen): False only when none does."""
        head = self._head
        if not head:
            return False
        starts = self._heads.get(key[at : at + head])
        return starts is not None and key.startswith(starts, at)

    @property
    def plain(self) -> tuple[str, ...]:
        """The patterns of letters and digits only (the first :attr:`joined`)."""
        return self.patterns[: self.joined]

    def first(self, key: str, beyond: frozenset[str] | None = None) -> Found:
        """Leftmost-longest hits of *key*, without overlaps, in order. *beyond*: the
        characters above U+00FF the key holds, when known (:func:`~translit.text.fold.
        fold_beyond`): the key is then searched as Latin-1 bytes, one byte a character,
        by an automaton of the patterns so written, where each such character is one no
        pattern has (a ``?`` then, which no pattern has either) or one of the few of the
        patterns' own that have a byte of their own (:meth:`_marks`: ``”`` in ``kam”yan``,
        a romanization's apostrophe): the same hits, without the cost of reading a
        string's characters as UTF-8 and counting them back (about a millisecond per
        MB). A key with others (Cyrillic letters) is searched as a string."""
        return self._search(key, MatchKind.LeftmostLongest, False, self._swaps_of(beyond))

    def word_hits(self, key: str, beyond: frozenset[str] | None = None) -> tuple[Found, int]:
        """:meth:`first`'s hits at the start of a word (and maybe others), and how far
        past its pattern each hit ends: 0, or 1 from the automaton of word starts, which
        searches a key as bytes (see :meth:`first`) for a table of
        :attr:`word_starts_from` patterns or more, once a DFA is worth building
        (:mod:`translit.compile.word_starts`)."""
        swaps = self._swaps_of(beyond)
        if swaps is not None and len(self.patterns) >= self.word_starts_from:
            automaton = self._word_dfa
            if automaton is None and (  # (in place of the plain DFA of bytes, built then)
                self._searched + len(key) >= DFA_AFTER * len(self.patterns)
            ):
                automaton = self._build_word_dfa()
            if automaton is not None and automaton is not False:
                return word_start_hits(automaton, _narrow(key, swaps), self._word_table), 1
        return self._search(key, MatchKind.LeftmostLongest, False, swaps), 0

    def _build_word_dfa(self) -> Any:
        """The automaton of word starts, or False when the patterns allow none."""
        self._word_table = word_bytes(self._marks())
        built = word_start_automaton(self._narrow_patterns(), self._word_table)
        self._word_dfa = False if built is None else built
        return self._word_dfa

    def _swaps_of(self, beyond: frozenset[str] | None) -> tuple[tuple[str, str], ...] | None:
        """:meth:`_swaps_for` *beyond*, told once per set (a few sets of characters
        recur); None when *beyond* is not known."""
        if beyond is None:
            return None
        return self._swaps[beyond] if beyond in self._swaps else self._swaps_for(beyond)

    def _narrow_patterns(self) -> list[bytes]:
        """The patterns as Latin-1 bytes, as a key is searched (:meth:`first`)."""
        marks = self._marks()
        return [_latin_1(pattern, marks) for pattern in self.patterns]

    def _swaps_for(self, beyond: frozenset[str]) -> tuple[tuple[str, str], ...] | None:
        """What :meth:`first` makes of a key holding the characters *beyond* (above
        U+00FF) before it searches it as bytes, each character with its byte's capital
        letter; None when the key is searched as a string."""
        marks = self._marks()
        swaps = None
        if beyond.isdisjoint(self._wide_chars) and not (
            self._question and beyond.difference(marks)
        ):
            swaps = tuple((ch, marks[ch]) for ch in sorted(beyond.intersection(marks)))
        if len(self._swaps) < 256:
            self._swaps[beyond] = swaps
        return swaps

    def _marks(self) -> dict[str, str]:
        """The characters of the patterns above U+00FF, outside Cyrillic, each with a
        capital letter of Latin-1 to stand for it in bytes (at most 55; a key, in lower
        case, has none of them); the patterns' other characters above U+00FF are
        :attr:`_wide_chars`, and :attr:`_question` tells whether one has a ``?``."""
        marks = self._mark_table
        if marks is None:
            wide = sorted({ch for pattern in self.patterns for ch in pattern if ch > "\xff"})
            own = [ch for ch in wide if not "\u0400" <= ch <= "\u052f"][: len(_MARK_BYTES)]
            marks = dict(zip(own, _MARK_BYTES, strict=False))
            self._wide_chars = frozenset(wide).difference(marks)
            self._question = any("?" in pattern for pattern in self.patterns)
            self._mark_table = marks
        return marks

    def every(self, key: str) -> Found:
        """Every hit of *key*, overlapping ones too, ordered by end."""
        return self._search(key, MatchKind.Standard, True)

    def _search(
        self,
        key: str,
        kind: MatchKind,
        overlapping: bool,
        swaps: tuple[tuple[str, str], ...] | None = None,
    ) -> Found:
        """The hits of *key*; with *swaps*, searched as Latin-1 bytes after each of them
        is made (see :meth:`first`)."""
        narrow = swaps is not None
        if not self.patterns:
            return []
        if not self._automata and self._looked + len(key) <= LOOK_UP_TO:
            self._looked += len(key)  # a few words: no automaton yet (see _look_up)
            return self._look_up(key, overlapping)
        fast = self._automata.get((overlapping, True, narrow))
        if fast is None:
            self._searched += len(key)
            if self._searched >= DFA_AFTER * len(self.patterns):
                fast = self._build(kind, overlapping, True, narrow)
        automaton = (
            fast
            or self._automata.get((overlapping, False, narrow))
            or self._build(kind, overlapping, False, narrow)
        )
        found: Found
        if swaps is not None:
            found = automaton.find_matches_as_indexes(_narrow(key, swaps), overlapping=overlapping)
            return found
        try:
            found = automaton.find_matches_as_indexes(key, overlapping=overlapping)
        except UnicodeEncodeError:  # lone surrogates (from surrogateescape): not letters
            key = _SURROGATES.sub("\ufffd", key)
            found = automaton.find_matches_as_indexes(key, overlapping=overlapping)
        return found

    def _look_up(self, key: str, overlapping: bool) -> Found:
        """What the automaton finds in *key*, by looking up each substring of up to
        :attr:`longest` characters in a dict of the patterns: the same hits in the
        same order (:meth:`every`: by end, the longest first; :meth:`first`: at each
        start the longest, then on after its end), at a cost that grows with the
        key's length times :attr:`longest`, and no automaton to build (about 30 ms
        for 40,000 patterns): the command line on a few words. The first
        :data:`BISECT_UP_TO` characters are looked up by binary search in the
        patterns (:meth:`_bisect`), the others in a dict of them, made then (about
        2 ms for 20,000 patterns: more than a word or two costs by binary search)."""
        numbers = self._numbers
        if numbers is None and self._looked > BISECT_UP_TO:
            numbers = self._numbers = dict(zip(self.patterns, itertools.count()))
        number_of = self._bisect if numbers is None else numbers.get
        longest, size = self.longest, len(key)
        found: Found = []
        if overlapping:
            for end in range(1, size + 1):
                for start in range(max(0, end - longest), end):
                    number = number_of(key[start:end])
                    if number is not None:
                        found.append((number, start, end))
            return found
        start = 0
        while start < size:
            for end in range(min(size, start + longest), start, -1):
                number = number_of(key[start:end])
                if number is not None:
                    found.append((number, start, end))
                    start = end
                    break
            else:
                start += 1
        return found

    def _bisect(self, text: str) -> int | None:
        """The number of pattern *text*, or None: a binary search in the plain patterns or
        in the others, each run sorted."""
        patterns = self.patterns
        low, high = (0, self.joined) if text.isalnum() else (self.joined, len(patterns))
        at = bisect_left(patterns, text, low, high)
        return at if at < high and patterns[at] == text else None

    def _build(self, kind: MatchKind, overlapping: bool, dfa: bool, narrow: bool) -> Any:
        implementation = Implementation.DFA if dfa else Implementation.ContiguousNFA
        automaton: Any
        if narrow:
            automaton = BytesAhoCorasick(self._narrow_patterns(), matchkind=kind,
                                         implementation=implementation)  # fmt: skip
        else:
            automaton = AhoCorasick(list(self.patterns), matchkind=kind,
                                    implementation=implementation)  # fmt: skip
        self._automata[overlapping, dfa, narrow] = automaton
        return automaton

    def __getstate__(self) -> dict[str, Any]:
        return {
            "patterns": self.patterns,
            "joined": self.joined,
            "longest": self.longest,
            "followers": self.followers,
            "leaders": self.leaders,
            "heads": tuple(s for starts in self._heads.values() for s in starts),
            "next_letters": self.next_letters,  # by pattern number, as the scan reads them
            "next_pairs": self.next_pairs,
            "marks": self._marks(),  # a walk over every character of the patterns
            "wide_chars": self._wide_chars,
            "question": self._question,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.patterns = state["patterns"]
        self.joined = state["joined"]
        self.longest = state["longest"]
        self._automata = {}
        self._mark_table = state["marks"]
        self._wide_chars = state["wide_chars"]
        self._question = state["question"]
        self._swaps = {}
        self._searched = self._looked = 0
        self._numbers = None
        self._word_dfa = None
        self._word_table = b""
        self.word_starts_from = WORD_STARTS_FROM
        self.followers = frozenset(state["followers"])
        self.leaders = frozenset(state["leaders"])
        self._set_heads(state["heads"])
        self.next_letters = state["next_letters"]
        self.next_pairs = state["next_pairs"]


def _narrow(key: str, swaps: tuple[tuple[str, str], ...]) -> bytes:
    """*key* as Latin-1 bytes, after each of *swaps* is made (see :meth:`Finder.first`;
    each other character above U+00FF a ``?``)."""
    for char, mark in swaps:
        key = key.replace(char, mark)
    return key.encode("latin-1", "replace")


def _latin_1(pattern: str, marks: dict[str, str]) -> bytes:
    """*pattern* as Latin-1 bytes, each of its *marks* as its capital letter, or ``Z`` when
    it has another character beyond: a key is in lower case and never holds a capital
    letter, nor is a key with one of those characters searched as bytes."""
    for char, mark in marks.items():
        pattern = pattern.replace(char, mark)
    try:
        return pattern.encode("latin-1")
    except UnicodeEncodeError:
        return b"Z"


_MARK_BYTES: Final = [
    *"ABCDEFGHIJKLMNOPQRSTUVWXY", *(chr(c) for c in range(0xC0, 0xDF) if c != 0xD7)
]
"""Capital letters of Latin-1 (but ``Z``): no key, in lower case, holds one."""


DFA_AFTER: Final = 50
"""A DFA is built once this many characters per pattern have been searched."""
LOOK_UP_TO: Final = 256
"""Keys adding up to this many characters are searched without an automaton."""
BISECT_UP_TO: Final = 32
"""Keys adding up to this many characters are looked up by binary search in the patterns."""
