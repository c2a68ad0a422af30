"""The matcher's short path: the words that name one thing by themselves.

A *quick* word has one target that needs no context, is not the start of a longer
phrase and has no apostrophe or hyphen inside (Lukashenko, Irpin; not Alexander,
which may begin "Alexander Lukashenko", nor Kiev, which may begin "Kiev Oblast", nor
Georgia, which needs its context). A quick phrase is the same for two words or more
("Alexander Lukashenko"). Found in plain surroundings, it is a mention at once: the
table made here holds, per style, everything that mention needs, by word and by the
number of the finder's pattern (:mod:`translit.compile.finder`), so the hot loop
does one list lookup per name.

>>> from translit import Normalizer
>>> table = quick_table(Normalizer()._index, "en")
>>> table.word("lukashenko").canonical, table.word("alexander"), table.word("kiev")
('Lukashenka', None, None)
"""

from __future__ import annotations

from typing import NamedTuple

from translit.compile.index import Index
from translit.compile.lookup import lookup

__all__ = ["PENDING", "Quick", "QuickTable", "quick_table"]


def quick_table(index: Index, style: str) -> QuickTable:
    """The short path's table of *index* for *style*, made once (kept in ``index.quick``)."""
    table: QuickTable | None = index.quick.get(style)
    if table is None:
        table = index.quick[style] = QuickTable(index, style)
    return table


class Quick(NamedTuple):
    """What the short path writes for one quick word (a named tuple: fast to read)."""

    canonical: str  # in the style the table was made for
    entity: str
    part: str
    reason: str
    not_when: dict[str, tuple[tuple[str, int], ...]]  # the entity's fixed expressions
    expressions: tuple[tuple[str, int], ...]  # those with its (first) word, and where
    opens: tuple[str, ...]  # those that begin with that word ("minsk mazowiecki")
    heads: tuple[str, ...]  # what comes before that word in the others ("viktor ")
    surname: bool  # a person's surname alone: not after another person's given name
    kind: str  # the entity's type (person, place ...)


class QuickTable:
    """The quick words of one style, made as the text asks for them: a table of
    100,000 words costs nothing until its words are met.

    ``by_pattern`` is read by the hot loop directly: :data:`PENDING` there means
    "not made yet", and :meth:`pattern` makes it.
    """

    def __init__(self, index: Index, style: str) -> None:
        self.index = index
        self.style = style
        self.by_pattern: list[Quick | None] = [PENDING] * len(index.finder.patterns)
        self.lone_by_pattern: list[Quick | None] = [PENDING] * len(index.finder.patterns)
        """The same for the words that would be quick but begin a longer phrase
        (:meth:`lone`); :data:`PENDING` there too."""
        self.lone_words: dict[str, Quick | None] = {}
        """What :meth:`lone_word` made, by word."""
        self.by_words: dict[tuple[str, ...], Quick | None] = {}
        """What :meth:`phrase` made, by words (the hot loop reads it first)."""
        self.forms: dict[str, tuple[str, bool] | None] = {}
        """What :meth:`form` looked up, by word (the hot loop reads it first)."""
        known, finder = index.forms.words, index.finder
        self.words: list[str | None] = [p if p in known else None for p in finder.plain]
        """Each pattern of the finder, when it is a whole word of the table without joiners
        (those with one come after the plain ones: None)."""
        self.words += [None] * (len(finder.patterns) - len(self.words))
        names = index.given_names
        self.given_ends: frozenset[str] | None = (
            None if any(len(name) < 3 for name in names) else frozenset(n[-3:] for n in names)
        )
        """The last three letters of each given name (None when one is shorter): a word
        that does not end so is no given name."""

    def pattern(self, number: int) -> Quick | None:
        """The quick word that pattern *number* of the finder is, if it is one."""
        entry = self.word(self.index.finder.patterns[number])
        self.by_pattern[number] = entry
        return entry

    def lone(self, number: int) -> Quick | None:
        """What pattern *number* of the finder names as a quick word when no phrase goes on
        after it: a word that names one thing alone and also begins a longer phrase
        (Kharkiv, and Kharkiv Oblast). None for a quick word itself, and any other."""
        entry = self.lone_word(self.index.finder.patterns[number])
        self.lone_by_pattern[number] = entry
        return entry

    def lone_word(self, word: str) -> Quick | None:
        """:meth:`lone` of the table's word *word* (folded): the short path asks it of an
        inflected form's word (Kharkovom, and Kharkovskaya oblast)."""
        try:
            return self.lone_words[word]
        except KeyError:
            words = (word,)
            index = self.index
            entry = _make(index, words, self.style, True) if words in index.prefixes else None
            self.lone_words[word] = entry
            return entry

    def form(self, word: str) -> tuple[str, bool] | None:
        """:func:`~translit.compile.lookup.lookup` of *word* (not weak), remembered: running text
        repeats its words ("Lukashenka's", and "statement" at an anchor "stat")."""
        try:
            return self.forms[word]
        except KeyError:
            found = lookup(self.index.forms, word)
            if len(self.forms) < _REMEMBERED:
                self.forms[word] = found
            return found

    def word(self, word: str) -> Quick | None:
        """The quick word *word* (folded), or None when it is not one."""
        return self.phrase((word,))

    def phrase(self, words: tuple[str, ...]) -> Quick | None:
        """The quick phrase of *words* (folded): a name of several words that is not
        the start of a longer one ("alyaksandr lukashenka", "kryvyi rih")."""
        try:
            return self.by_words[words]
        except KeyError:
            entry = self.by_words[words] = _make(self.index, words, self.style)
            return entry


_REMEMBERED = 1 << 16
"""At most this many looked-up words are remembered per table and style."""

PENDING = Quick("", "", "", "", {}, (), (), (), False, "")
"""In :attr:`QuickTable.by_pattern`: not looked at yet (the hot loop also reads
:attr:`QuickTable.by_words` with it as the default)."""


def _make(index: Index, words: tuple[str, ...], style: str, begins: bool = False) -> Quick | None:
    """The quick entry of *words*; with *begins*, also when they begin a longer phrase."""
    targets = index.phrases.get(words)
    if (
        targets is None
        or len(targets) > 1
        or targets[0].next_words is not None
        or (not begins and words in index.prefixes)
        or any("'" in word or "-" in word for word in words)
    ):
        return None
    target = targets[0]
    info = index.entities[target.entity]
    spots = info.not_when.get(words[0], ())
    return Quick(
        info.canonical(target.part, style),
        target.entity,
        target.part,
        index.reasons[target.reason_number],
        info.not_when,
        spots,
        tuple({phrase for phrase, at in spots if not at}),
        tuple({phrase[:at] for phrase, at in spots if at}),
        target.part != "full" and len(words) == 1,
        info.type,
    )
