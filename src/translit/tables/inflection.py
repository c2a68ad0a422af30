"""Case endings: recognizing Лукашэнкі, Тихановской, Zełenskiego, Homlu, Kyjivo.

Each language file in ``translit/data/languages/`` lists, for a word ending, the
endings that replace it in the other grammatical cases. For every word of every
form, each rule of its script whose ending fits gives a *stem* and the endings
that may follow it: ``Łukaszenka`` with the Polish rule ``ka → ki, ce, kę, ką``
gives the stem ``lukaszen`` and the endings ``ki, ce, ke, ka``. The matcher finds
the stem with the same automaton and accepts the rest of the word only when it is
one of those endings, so inflected forms cost no extra keys per form.

Rules of all the languages of a script apply to every word of that script: a
Polish text inflects the Belarusian passport spelling too (Kastusiem
Kalinouskim). A stem shorter than three letters would be found everywhere, so
its inflected forms are listed whole instead (Київ: ки + єва → києва).

>>> rules = load_rules()
>>> endings = word_stems("гомель", rules["Cyrl"])
>>> sorted(endings["гомел"])[:4], sorted(endings["гомел"]["ем"])
(['е', 'ем', 'и', 'ью'], ['be', 'ru', 'uk'])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from translit.tables.languages import language_files
from translit.text.fold import fold_word

if TYPE_CHECKING:
    from translit.tables.yamlfile import Map

__all__ = [
    "MIN_STEM", "Endings", "Rule", "Stemmer", "genitive_languages", "load_rules", "word_stems"
]

MIN_STEM = 3


@dataclass(frozen=True)
class Rule:
    """Words ending in ``ending`` (after a letter of ``after``, if given) take ``forms``.

    In the file ``after`` is a list of letters, as in every rule; here it is their
    folded string."""

    ending: str
    forms: tuple[str, ...]
    after: str
    language: str


@lru_cache(maxsize=1)
def _language_files() -> tuple[dict[str, tuple[Rule, ...]], frozenset[str]]:
    rules: dict[str, list[Rule]] = {}
    for doc in language_files():
        for rule in _rules(doc):
            rules.setdefault(doc["script"], []).append(rule)
    genitive = frozenset(doc["id"] for doc in language_files() if doc.get("genitive") == "s")
    return {script: tuple(items) for script, items in rules.items()}, genitive


def load_rules() -> dict[str, tuple[Rule, ...]]:
    """The inflection rules of every language file, grouped by script (folded)."""
    return _language_files()[0]


def genitive_languages() -> frozenset[str]:
    """The languages whose files say ``genitive: s``: a name takes a bare genitive -s
    there (German Lukaschenkos, Dutch Poetins, Swedish Lukasjenkos), which stays
    attached to the name as it is rewritten.

    >>> sorted(genitive_languages())
    ['de', 'nl', 'no']
    """
    return _language_files()[1]


def _rules(doc: Map) -> list[Rule]:
    """The inflection rules of the language file *doc* (checked by the schema), folded."""
    return [
        Rule(fold_word(item["ending"]) if item["ending"] else "",
             tuple(fold_word(f) for f in item["forms"]),
             fold_word("".join(item["after"])) if item.get("after") else "", doc["id"])
        for item in doc.get("inflection", [])
    ]  # fmt: skip


Endings = dict[str, set[str]]  # ending -> the languages whose rules allow it


def word_stems(word: str, rules: tuple[Rule, ...]) -> dict[str, Endings]:
    """For a folded *word*: each stem, the endings that may follow it, and their languages."""
    stems: dict[str, Endings] = {}
    for rule in rules:
        if not word.endswith(rule.ending):
            continue
        stem = word[: len(word) - len(rule.ending)]
        if not stem or (rule.after and stem[-1] not in rule.after):
            continue
        endings = stems.setdefault(stem, {})
        for form in rule.forms:
            if form and form != rule.ending:
                endings.setdefault(form, set()).add(rule.language)
    return stems


class Stemmer:
    """:func:`word_stems` for many words, fast: rules grouped by ending, and the result
    for each (word ending, languages) remembered, since words share their endings.

    >>> stemmer = Stemmer(load_rules()["Latn"])
    >>> sorted(stemmer.stems("putin", None)["putin"])[:3]
    ['a', 'am', 'as']
    """

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self._by_ending: dict[str, list[Rule]] = {}
        for rule in rules:
            self._by_ending.setdefault(rule.ending, []).append(rule)
        self._lengths = sorted({len(e) for e in self._by_ending})
        self._reach = 1 + max(self._lengths, default=0)
        self._memo: dict[tuple[str, frozenset[str] | None], list[tuple[int, Endings]]] = {}
        self._groups: dict[tuple[str, frozenset[str] | None, str], Endings | None] = {}

    def stems(self, word: str, languages: frozenset[str] | None) -> dict[str, Endings]:
        """Stems of *word* by the rules of *languages* (None: every language)."""
        tail = word[-self._reach :]
        key = (tail, languages)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._cuts(tail, languages)
        return {word[: len(word) - cut]: endings for cut, endings in found}

    def _cuts(self, tail: str, languages: frozenset[str] | None) -> list[tuple[int, Endings]]:
        """For the last letters of a word: how many letters each stem cuts off, and
        the endings after it, shortest cut first (the order :func:`word_stems` gives).
        The tail is one letter longer than the longest ending, so every stem it
        gives is a stem of the word, and what decides a rule is that letter."""
        found = []
        for cut in self._lengths:
            if cut >= len(tail):  # a stem is never empty
                break
            ending = tail[len(tail) - cut :]
            if ending not in self._by_ending:
                continue
            endings = self._group(ending, languages, tail[-cut - 1])
            if endings is not None:
                found.append((cut, endings))
        return found

    def _group(self, ending: str, languages: frozenset[str] | None, before: str) -> Endings | None:
        """The endings that replace *ending* after the letter *before* (None: no rule
        applies), computed once and shared by every word that ends so."""
        key = (ending, languages, before)
        if key not in self._groups:
            rules = tuple(
                r for r in self._by_ending[ending] if languages is None or r.language in languages
            )
            self._groups[key] = word_stems(before + ending, rules).get(before)
        return self._groups[key]
