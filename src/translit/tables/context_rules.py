"""The data of the context rules (:mod:`translit.context`), read from the language files.

Each language file may have a ``context:`` section (docs/data-format.md documents
its keys): the words that make a name a cited spelling (``cues``, and
``quoted_cues`` that count only when the name is quoted), names of languages
and peoples (glosses such as "Russian: Одесса"), historical and fixed
expressions with a slot ``{}`` for the place ("University of {}"), states that
no longer exist, the capitalized words that may stand before a name (titles,
months), the words that join names in a list, ``case_marks`` (final letters that
mark an inflected form, as the Polish ogonek), and ``capitalizes_nouns``.
``given_names.yaml`` gives the patronymic endings (checked by
:func:`~translit.tables.given_names.load_given_names`).

The rules of every language apply to every text: a French paragraph may quote
an English spelling debate. Everything is folded as the matcher folds text, and
compiled once with the table (:class:`ContextRules` is part of the cached
:class:`~translit.compile.index.Index`).

>>> rules = load_context_rules()
>>> ("known", "...", "as") in rules.cues["as"], "president" in rules.titles
(True, True)
>>> rules.historical_before["university", "of"], "de" in rules.capitalizing
([('university', 'of')], True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from translit.record import Record
from translit.text.fold import fold_word

if TYPE_CHECKING:
    from translit.tables.yamlfile import Map

__all__ = ["ContextRules", "Words", "case_bases", "load_context_rules"]


Words = tuple[str, ...]
"""A phrase, as its folded words; ``...`` stands for up to three words."""


class ContextRules(Record):
    """The folded phrases of every language's ``context:`` section, indexed for the
    lookups :mod:`translit.context` makes next to a mention.

    Compared and shown field by field as the dataclass it was, a
    :class:`~translit.record.Record` (it is loaded with every table, and
    :mod:`dataclasses` imports :mod:`inspect`, about 6 ms of every start-up); the cache
    stores its fields (:mod:`translit.compile.cachestore`).
    """

    __match_args__ = (
        "cues", "quoted_cues", "languages", "historical_before", "historical_after",
        "former_states", "titles", "conjunctions", "case_marks", "capitalizing", "title_case",
        "names", "patronymic_endings", "endings", "genitive", "near_before", "near_before2",
        "near_after",
    )  # fmt: skip
    _compared = __match_args__  # compared and shown as a dataclass (Record)

    cues: dict[str, list[Words]]  # by last word
    quoted_cues: dict[str, list[Words]]  # by last word
    languages: set[str]
    historical_before: dict[Words, list[Words]]  # by last 2 words
    historical_after: dict[str, list[Words]]  # by first word
    former_states: dict[str, list[Words]]  # by first word
    titles: set[str]
    conjunctions: set[str]
    case_marks: str
    capitalizing: set[str]  # languages that capitalize nouns
    title_case: set[str]  # languages with Title Case headlines
    names: dict[str, str]  # language id -> its English name
    patronymic_endings: tuple[str, ...]
    endings: dict[str, list[tuple[str, tuple[str, ...], str]]]
    """Per language, its inflection rules (ending, forms, after), folded."""
    genitive: frozenset[str]
    """The languages whose names take a bare genitive -s (German Lukaschenkos)."""
    near_before: frozenset[str]
    """The words that, right before a name, may end a cue or a historical pattern or
    join it to another name: without one of them there (nor a cue word one word further
    back, nor one of :attr:`near_after` after it), neither check can apply."""
    near_before2: frozenset[str]
    """The words that may end a cue one word further back."""
    near_after: frozenset[str]
    """The words that, right after a name, may begin a historical pattern or a former
    state, or join it to another name."""

    def __init__(
        self,
        cues: dict[str, list[Words]] | None = None,
        quoted_cues: dict[str, list[Words]] | None = None,
        languages: set[str] | None = None,
        historical_before: dict[Words, list[Words]] | None = None,
        historical_after: dict[str, list[Words]] | None = None,
        former_states: dict[str, list[Words]] | None = None,
        titles: set[str] | None = None,
        conjunctions: set[str] | None = None,
        case_marks: str = "",
        capitalizing: set[str] | None = None,
        title_case: set[str] | None = None,
        names: dict[str, str] | None = None,
        patronymic_endings: tuple[str, ...] = (),
        endings: dict[str, list[tuple[str, tuple[str, ...], str]]] | None = None,
        genitive: frozenset[str] = frozenset(),
        near_before: frozenset[str] = frozenset(),
        near_before2: frozenset[str] = frozenset(),
        near_after: frozenset[str] = frozenset(),
    ) -> None:
        self.cues = {} if cues is None else cues
        self.quoted_cues = {} if quoted_cues is None else quoted_cues
        self.languages = set() if languages is None else languages
        self.historical_before = {} if historical_before is None else historical_before
        self.historical_after = {} if historical_after is None else historical_after
        self.former_states = {} if former_states is None else former_states
        self.titles = set() if titles is None else titles
        self.conjunctions = set() if conjunctions is None else conjunctions
        self.case_marks = case_marks
        self.capitalizing = set() if capitalizing is None else capitalizing
        self.title_case = set() if title_case is None else title_case
        self.names = {} if names is None else names
        self.patronymic_endings = patronymic_endings
        self.endings = {} if endings is None else endings
        self.genitive = genitive
        self.near_before = near_before
        self.near_before2 = near_before2
        self.near_after = near_after

    def index_triggers(self) -> None:
        """Fill :attr:`near_before`, :attr:`near_before2` and :attr:`near_after` from
        the rules (done once, when the rules are read)."""
        cues = self.cues.keys() | self.quoted_cues.keys()
        ends = {pattern[-1] for pattern in self.historical_before}
        self.near_before = frozenset(cues | ends | self.conjunctions)
        self.near_before2 = frozenset(cues)
        self.near_after = frozenset(
            self.historical_after.keys() | self.former_states.keys() | self.conjunctions
        )


def case_bases(word: str, rules: Iterable[tuple[str, tuple[str, ...], str]]) -> Iterator[str]:
    """The words of which the folded *word* is a case by *rules* (a language's
    :attr:`ContextRules.endings`): for each rule whose case ending *word* has (after a
    letter of the rule's, if it names them), the stem with the rule's ending.

    >>> list(case_bases("kalinowskiego", [("i", ("iego", "im"), "k")]))
    ['kalinowski']
    """
    for ending, cases, after in rules:
        for case in cases:
            if case and case != ending and word.endswith(case):
                stem = word[: len(word) - len(case)]
                if stem and (not after or stem[-1] in after):
                    yield stem + ending


def words_of(phrase: str) -> Words:
    """The folded words of *phrase* (``...`` kept as a word)."""
    key = fold_word(phrase).replace("'", " ")
    return tuple(w for w in key.replace("-", " ").split() if w)


@lru_cache(maxsize=1)
def load_context_rules() -> ContextRules:
    """The context rules of the bundled language files."""
    from translit.tables.given_names import load_given_names
    from translit.tables.inflection import genitive_languages, load_rules
    from translit.tables.languages import language_files

    rules = ContextRules()
    for doc in language_files():
        rules.names[doc["id"]] = doc["name"]
        if "context" in doc:
            _add(rules, doc["id"], doc["context"])
    for script_rules in load_rules().values():
        for rule in script_rules:
            rules.endings.setdefault(rule.language, []).append(
                (rule.ending, rule.forms, rule.after)
            )
    rules.genitive = genitive_languages()
    endings = load_given_names()["patronymic_endings"]
    rules.patronymic_endings = tuple(fold_word(e) for e in endings)
    rules.index_triggers()
    return rules


def _add(rules: ContextRules, lang: str, section: Map) -> None:
    """Add the ``context:`` *section* (checked by the schema) of language *lang*."""
    for key in ("cues", "quoted_cues"):
        for phrase in section.get(key, []):
            words = words_of(phrase)
            getattr(rules, key).setdefault(words[-1], []).append(words)
    for phrase in section.get("historical", []):
        before, _, after = phrase.partition("{}")
        if before.strip():
            words = words_of(before)
            rules.historical_before.setdefault(words[-2:], []).append(words)
        if after.strip():
            words = words_of(after)
            rules.historical_after.setdefault(words[0], []).append(words)
    for phrase in section.get("former_states", []):
        words = words_of(phrase)
        rules.former_states.setdefault(words[0], []).append(words)
    for key in ("languages", "titles", "conjunctions"):
        getattr(rules, key).update(fold_word(w) for w in section.get(key, []))
    rules.case_marks += section.get("case_marks", "")
    if section.get("capitalizes_nouns") is True:
        rules.capitalizing.add(lang)
    if section.get("title_case") is True:
        rules.title_case.add(lang)
