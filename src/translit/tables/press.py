"""How each press language spells Cyrillic names: German Lukaschenko, French Loukachenko.

A language file in ``translit/data/languages/`` may have a ``transcription`` block:
its ``letters`` give, for each lowercase Cyrillic letter, one spelling or a list of
the spellings that language's press uses (the first the Russian letter's, the others
what the press makes of the Ukrainian or Belarusian letter: German ``г`` is ``g`` in
*Gorbatschow*, ``h`` in *Charkiw*), and ``apostrophe`` the apostrophe's; its
``rules`` give spellings in context, first match wins, in the rule language of the
scheme files (docs/data-format.md, "The rule language")::

    rules:
      - {letters: ий, before: [word_end], latin: [ij, i]}
      - {letters: е, after: [word_start, vowel, ь, ъ, apostrophe], latin: [je, e]}

``after`` and ``before`` name letters, classes from ``classes``, or the tokens
``word_start``, ``word_end`` and ``apostrophe``; a rule's ``latin`` is one spelling
or alternatives for the whole sequence, its ``each`` one spelling per letter.
:func:`spellings` returns every combination of the alternatives (at most
:data:`MAX_SPELLINGS` per word, in a fixed order), in lower case: the matcher folds
case and diacritics anyway. A Russian form is spelled with the first spelling of each
letter only: the press reads a Ukrainian or Belarusian name with Russian habits
(*Gomel* for Гомель), never a Russian name with Ukrainian letter values (*Yvan* for
Иван, *Ycznia* for Ичня).

>>> de = load_press()["de"]
>>> "lukaschenko" in spellings("Лукашенко", de)
True
>>> spellings("Иван", de), spellings("Иван", de, "ru")
(['iwan', 'ywan'], ['iwan'])
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from translit.tables.languages import language_files

if TYPE_CHECKING:
    from translit.tables.yamlfile import Map

__all__ = ["MAX_SPELLINGS", "Press", "load_press", "spellings"]

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})

MAX_SPELLINGS = 64
"""Most spellings made of one word by one language."""


@dataclass(frozen=True)
class _Rule:
    letters: str
    after: frozenset[str]
    before: frozenset[str]
    latin: tuple[str, ...]


@dataclass(frozen=True)
class Press:
    """One language's transcription: default letters and ordered context rules."""

    id: str
    letters: dict[str, tuple[str, ...]]
    rules: tuple[_Rule, ...]
    samples: tuple[tuple[str, str], ...]
    alphabet: frozenset[str] = frozenset()
    """For a language written in Cyrillic (Bulgarian, Serbian): the letters its
    spellings use; empty for one written in Latin letters."""
    russian: dict[str, tuple[str, ...]] | None = None
    """The letters of a Russian form: the first spelling of each (None: as
    :attr:`letters`)."""
    by_first: dict[str, tuple[_Rule, ...]] = field(init=False, repr=False, compare=False)
    """The rules whose letters begin with each letter, in their order (made from
    :attr:`rules`): :func:`spellings` tries only those at each letter, not all of
    them (a first compile spells 20,000 names in 25 languages)."""

    def __post_init__(self) -> None:
        by_first: dict[str, list[_Rule]] = {}
        for rule in self.rules:
            by_first.setdefault(rule.letters[:1], []).append(rule)
        object.__setattr__(self, "by_first", {k: tuple(v) for k, v in by_first.items()})


@lru_cache(maxsize=1)
def load_press() -> dict[str, Press]:
    """Every language file's transcription, by language id."""
    return {doc["id"]: _press(doc["id"], doc["transcription"])
            for doc in language_files() if "transcription" in doc}  # fmt: skip


def _press(lang: str, block: Map) -> Press:
    """The transcription *block* of a language file the schema has checked."""
    letters = {k: _alternatives(v) for k, v in block["letters"].items()}
    if "apostrophe" in block:
        letters["'"] = _alternatives(block["apostrophe"])
    classes: dict[str, set[str]] = {k: set(v) for k, v in block.get("classes", {}).items()}
    classes["apostrophe"] = {"'"}

    def expand(items: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for item in items:
            out |= classes.get(item, {item})
        return frozenset(out)

    rules = tuple(
        _Rule(rule["letters"], expand(rule.get("after", [])), expand(rule.get("before", [])),
              _alternatives(rule["latin"]) if "latin" in rule else ("".join(rule["each"]),))
        for rule in block.get("rules", [])
    )  # fmt: skip
    samples = tuple((a, b) for a, b in block.get("samples", []))
    russian = {k: v[:1] for k, v in letters.items()}
    return Press(lang, letters, rules, samples, frozenset(block.get("alphabet", "")), russian)


def _alternatives(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _fits(tokens: frozenset[str], neighbour: str, edge: str) -> bool:
    if not tokens:
        return True
    return neighbour in tokens if neighbour else edge in tokens


def spellings(text: str, press: Press, lang: str | None = None) -> list[str]:
    """Every spelling of Cyrillic *text* (a form of language *lang*, if known) in
    *press*'s language, in lower case."""
    words = text.lower().translate(_APOSTROPHES).split(" ")
    letters = press.russian if lang == "ru" and press.russian is not None else press.letters
    per_word = [_word(w, press, letters) for w in words]
    return [" ".join(combo) for combo in _combinations(per_word, 256)]


def _combinations(pieces: list[list[str]] | list[tuple[str, ...]], limit: int) -> list[list[str]]:
    """Combinations of one choice per piece, fewest departures from the first choices
    first, so that a limit cuts the rarest combinations, wherever they are."""
    multi = [j for j, p in enumerate(pieces) if len(p) > 1]
    if not multi:  # one choice each (most words of most languages): the one combination
        return [[p[0] for p in pieces]]
    found: list[list[str]] = []
    for k in range(len(multi) + 1):
        for where in itertools.combinations(multi, k):
            options = [p[1:] if j in where else p[:1] for j, p in enumerate(pieces)]
            for combo in itertools.product(*options):
                found.append(list(combo))
                if len(found) >= limit:
                    return found
    return found


def _word(word: str, press: Press, letters: dict[str, tuple[str, ...]]) -> list[str]:
    pieces: list[tuple[str, ...]] = []
    i = 0
    rules = press.by_first
    while i < len(word):
        for rule in rules.get(word[i], ()):
            n = len(rule.letters)
            if (
                word.startswith(rule.letters, i)
                and _fits(rule.after, _letter(word, i - 1), "word_start")
                and _fits(rule.before, _letter(word, i + n), "word_end")
            ):
                pieces.append(rule.latin)
                i += n
                break
        else:
            pieces.append(letters.get(word[i], (word[i],)))
            i += 1
    return ["".join(p) for p in _combinations(pieces, MAX_SPELLINGS)]


def _letter(word: str, i: int) -> str:
    """The letter at *i*, or "" at a word edge (the ends, or a hyphen: Ростов-на-Дону)."""
    if 0 <= i < len(word) and (word[i].isalpha() or word[i] == "'"):
        return word[i]
    return ""
