"""The compiled table: what the matcher needs, and nothing that reads YAML.

:mod:`translit.compile.compiler` builds an :class:`Index` from alias tables;
:mod:`translit.compile.cache` stores it pickled, so loading one imports only this
module, the automaton and the matcher. The automaton itself is rebuilt from
its patterns on first use (:mod:`translit.compile.finder`). The fields no scan
reads (``word_langs``, ``listed_langs``), and those a short text does not need (the
stems, ``forms.stems``: only a word that is not itself one of the table's is looked
up there), may stay pickled in a cached index until first read
(:class:`translit.compile.cache.Parts`, through :meth:`Stored.__getattr__`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from translit.compile.finder import Finder
from translit.compile.reasons import Reasons
from translit.record import Record
from translit.tables.context_rules import ContextRules

__all__ = ["FORMER", "EntityInfo", "Index", "Stored", "Target", "WordForms"]

FORMER = "former name"
"""The origin of a former name's forms, and the start of their reason
(:mod:`translit.compile.former`); the matcher reports them left as former names."""


class Stored(Record):
    """An object of the compiled table some of whose fields a cached table may keep
    pickled until first read (:class:`translit.compile.cache.Parts`, in ``_parts``).

    Its fields (``_compared``) are compared and shown as a dataclass's
    (:class:`~translit.record.Record`; a field still pickled is loaded to be compared):
    the compiled table is loaded at every start-up, and its classes are no dataclasses
    (:mod:`dataclasses` imports :mod:`inspect`, about 6 ms of it)."""

    def __getstate__(self) -> dict[str, Any]:
        parts = self.__dict__.get("_parts")
        for name in parts.names if parts is not None else ():
            getattr(self, name)  # loaded, so that the state is whole
        state = dict(self.__dict__)
        state.pop("_parts", None)
        return state

    if not TYPE_CHECKING:  # mypy keeps checking every field read

        def __getattr__(self, name: str) -> Any:
            """A field the cache left pickled: loaded on first read, then an ordinary
            attribute."""
            parts = self.__dict__.get("_parts")
            if parts is None:
                raise AttributeError(name)
            return parts.load(self, name)


class WordForms(Stored):
    """The written forms of the table's words, compactly.

    ``words``: each word of the table (a set: no object per word but the word, for a
    table loaded from the cache to make). ``stems``: stem → (the
    word it belongs to, or for a stem that words share, the word of each ending;
    the endings that may follow it); a form is a stem plus one of its endings.
    ``weak``: inflected forms that are common words of another language.
    ``longest_ending``: how far back from a word's end a stem can start.
    ``anchors``: the automaton's keys.
    """

    __match_args__ = ("words", "stems", "weak", "longest_ending", "anchors", "joiners")
    _compared = __match_args__

    words: frozenset[str]
    stems: dict[str, tuple[str | dict[str, str], frozenset[str]]]
    weak: frozenset[str]
    longest_ending: int
    anchors: set[str]
    joiners: int
    """The most apostrophes and hyphens one word of the table has."""

    def __init__(
        self,
        words: frozenset[str],
        stems: dict[str, tuple[str | dict[str, str], frozenset[str]]],
        weak: frozenset[str],
        longest_ending: int,
        anchors: set[str],
        joiners: int = 3,
    ) -> None:
        self.words = words
        self.stems = stems
        self.weak = weak
        self.longest_ending = longest_ending
        self.anchors = anchors
        self.joiners = joiners


class Target(NamedTuple):
    """What a phrase names: an entity, which part of it, and why. (A named tuple: a
    compiled table holds thousands, and they unpickle fast from the cache.)"""

    entity: str
    part: str  # "full", "surname" or "name"
    reason_number: int  # its reason in the table's reasons (Index.reasons)
    where: str
    next_words: frozenset[str] | None = None  # ambiguous forms: the words that make them safe
    previous_words: frozenset[str] | None = None
    capitalized: bool = False  # an ambiguous form a capital inside a sentence makes safe


class EntityInfo(NamedTuple):
    """The output side of an entity: canonical forms per style, and its fixed negatives.
    (A named tuple: immutable, and the cache rebuilds thousands of them with a C loop.)"""

    id: str
    type: str
    name: str
    surname: str | None
    wikidata: str | None
    styles: dict[str, dict[str, str]]
    # fixed expressions that name something else: for each word of one, the phrase and
    # where the word starts in it
    not_when: dict[str, tuple[tuple[str, int], ...]]
    initials: frozenset[str] = frozenset()  # first letters (folded) of a person's given names

    def canonical(self, part: str, style: str) -> str:
        """The canonical form of *part* ("full", "surname", "name") in *style*."""
        forms = self.styles.get(style, {})
        if part == "surname" and self.surname is not None:
            return forms.get("surname", self.surname)
        return forms.get("name", self.name)


class Index(Stored):
    """Everything the matcher needs, built once per :class:`~translit.Normalizer`."""

    __match_args__ = (
        "phrases", "prefixes", "forms", "genitive", "entities", "given_names", "finder",
        "styles", "context", "word_langs", "listed_langs", "reasons", "memo",
    )  # fmt: skip
    _compared = __match_args__[:-1]  # not memo (nor quick)

    phrases: dict[tuple[str, ...], tuple[Target, ...]]  # by words (folded), what they name
    prefixes: frozenset[tuple[str, ...]]
    forms: WordForms  # every written form of the table's words
    genitive: frozenset[str]  # spellings of genitive-s languages (German ...)
    entities: dict[str, EntityInfo]
    given_names: frozenset[str]
    finder: Finder  # the automaton: every word of the table and its anchors
    styles: tuple[str, ...]
    context: ContextRules
    """The context rules of the language files (:mod:`translit.context`)."""
    word_langs: dict[str, frozenset[str]]
    """The languages that write each word of the table."""
    listed_langs: dict[str, frozenset[str]]
    """The languages whose press the table cites each word for (``variants``, ``styles``)."""
    reasons: Reasons
    """Why each phrase names its entity, by the number its :class:`Target` gives
    (``reasons[target.reason_number]``: "variant Kiew (de)")."""
    memo: dict[str, Any]
    """What the context rules derive from the table, made when first needed (neither
    compared nor shown)."""
    quick: dict[str, Any]
    """The short path's table per style, made when first needed
    (:func:`translit.compile.quick.quick_table`; neither compared nor shown)."""

    def __init__(
        self,
        phrases: dict[tuple[str, ...], tuple[Target, ...]],
        prefixes: frozenset[tuple[str, ...]],
        forms: WordForms,
        genitive: frozenset[str],
        entities: dict[str, EntityInfo],
        given_names: frozenset[str],
        finder: Finder,
        styles: tuple[str, ...],
        context: ContextRules | None = None,
        word_langs: dict[str, frozenset[str]] | None = None,
        listed_langs: dict[str, frozenset[str]] | None = None,
        reasons: Reasons | None = None,
        memo: dict[str, Any] | None = None,
    ) -> None:
        self.phrases = phrases
        self.prefixes = prefixes
        self.forms = forms
        self.genitive = genitive
        self.entities = entities
        self.given_names = given_names
        self.finder = finder
        self.styles = styles
        self.context = ContextRules() if context is None else context
        self.word_langs = {} if word_langs is None else word_langs
        self.listed_langs = {} if listed_langs is None else listed_langs
        self.reasons = Reasons() if reasons is None else reasons
        self.memo = {} if memo is None else memo
        self.quick = {}

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["quick"] = {}
        state["memo"] = {}
        return state
