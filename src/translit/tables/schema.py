"""The schema of every data file, written once, as data: scheme files, language files,
alias tables and the given names file.

Each kind of file is a :class:`Record`: its keys, and for each key the type of its
value, whether it is required and what it means. :func:`check` walks a document
read by :mod:`translit.tables.yamlfile` (which keeps line numbers and refuses a key
written twice) and raises :class:`~translit.errors.TableError` at the line of the
first problem: an unknown key, a missing key, a value of the wrong type or not
among those allowed, an ``after``/``before`` item that is no letter, class or
token. The loaders (:mod:`~translit.tables.schemes`, :mod:`~translit.tables.languages`)
check every file with it before they read it, so a key is valid exactly where
:data:`SCHEME`, :data:`LANGUAGE`, :data:`ALIASES` and :data:`GIVEN_NAMES` put it;
what one file says about another part of itself (a rule letter missing from
``letters``, an id used twice) and limits (:mod:`translit.limits`) the loaders check
themselves.

Both kinds of file speak one rule language (docs/data-format.md, "The rule
language"): a rule is ``{letters, after, before, latin or each}`` in a scheme's
``rules:`` and in a transcription's ``rules:`` alike (:func:`_rules`), classes are
lists of letters, ``after``/``before`` take the same items (:data:`TOKENS`, class
names, letters), and ``after`` of an inflection rule is a list of letters too. A key
of the older formats is refused with the new key in the fix (:attr:`Record.renamed`,
:attr:`MapOf.moved`, and an apostrophe character in ``after``/``before``).

>>> from translit.tables.yamlfile import load_text
>>> doc = load_text("id: pl\\nname: Polish\\nscript: Latin\\n", "pl.yaml")
>>> check(doc, LANGUAGE, "pl.yaml")
Traceback (most recent call last):
...
translit.errors.TableError: pl.yaml:3: script is 'Latin', not one of Cyrl, Latn; write script: Latn
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, Union

from translit.errors import TableError
from translit.tables.yamlfile import Map, Seq, load_text

if TYPE_CHECKING:
    from importlib.abc import Traversable
    from pathlib import Path

__all__ = ["ALIASES", "APOSTROPHES", "ENTITY_TYPES", "GIVEN_NAMES", "LANGUAGE", "SCHEME", "TOKENS",
           "Item", "Key", "ListOf", "MapOf", "Number", "Record", "Text", "check", "check_id",
           "is_cyrillic", "kind_of", "known_tag", "read_checked"]  # fmt: skip

#: Characters read as the Belarusian/Ukrainian apostrophe when they stand between two
#: Cyrillic letters (elsewhere they are punctuation and pass through).
APOSTROPHES = "'’ʼ´`‘"
#: The items a rule's ``after``/``before`` may hold besides letters and class names, in
#: scheme and language files alike: the word's edges, and the apostrophe.
TOKENS = frozenset({"word_start", "word_end", "apostrophe"})


def is_cyrillic(text: str) -> bool:
    """Whether *text* is one or more lowercase Cyrillic letters."""
    return bool(text) and all(
        "CYRILLIC" in unicodedata.name(c, "") and unicodedata.category(c) == "Ll" for c in text
    )


_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{4})?\Z")


def known_tag(tag: str) -> bool:
    """Whether *tag* is a language tag of an alias table: a code of ISO 639 (two
    letters: one of ``data/language_codes.txt``; three: ISO 639-2/3, not listed),
    and a script if needed (``be-Latn``)."""
    if not _LANG.match(tag):
        return False
    code = tag.split("-", 1)[0]
    return len(code) == 3 or code in _language_codes()


@functools.cache
def _language_codes() -> frozenset[str]:
    text = (resources.files("translit") / "data" / "language_codes.txt").read_text("utf-8")
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


#: The shapes a text may be required to have: a test, and what it asks for.
SHAPES: dict[str, tuple[Callable[[str], bool], str]] = {
    "cyrillic": (is_cyrillic, "lowercase Cyrillic letters"),
    "letter": (lambda t: len(t) == 1 and is_cyrillic(t), "one lowercase Cyrillic letter"),
    "lowercase": (lambda t: len(t) == 1 and t.isalpha() and t == t.lower(),
                  "one lowercase letter"),
    "name": (lambda t: bool(re.fullmatch("[a-z_]+", t)) and t not in TOKENS,
             f"a name of a-z and _, other than {', '.join(sorted(TOKENS))}"),
    "slot": (lambda t: "{}" in t, "a pattern with {} where the place stands"),
    "tag": (lambda t: bool(re.fullmatch(r"[a-z]{2,3}(-[A-Z][a-z]{3})?", t)),
            "a language tag such as pl or be-Latn"),
    "language": (known_tag, "an ISO 639 code, with a script if needed: en, de, be-Latn"),
    "language_or_und": (lambda t: t == "und" or known_tag(t),
                        "an ISO 639 code, with a script if needed (pl, be-Latn), or und"),
    "id": (lambda t: bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", t)),
           "lowercase-words-like-this (a-z, 0-9 and single hyphens)"),
    "style": (lambda t: bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", t)),
              "a style name of letters, digits, _ and -, starting with a letter"),
    "wikidata": (lambda t: bool(re.fullmatch(r"Q[1-9][0-9]*", t)), "a Wikidata id such as Q123"),
}  # fmt: skip


@dataclass(frozen=True)
class Text:
    """Text: any, one of ``allowed``, or of the shape named ``shape`` (:data:`SHAPES`).
    With ``unknown`` (a noun: "type"), a value not allowed or not of the shape is
    reported as "unknown type 'planet' in ...", with the allowed values or the shape in
    the fix."""

    allowed: tuple[str, ...] = ()
    shape: str = ""
    unknown: str = ""


@dataclass(frozen=True)
class Number:
    """A whole number, one of ``allowed`` (any from 1 when ``allowed`` is empty); ``what``
    names it in messages ("schema version")."""

    allowed: tuple[int, ...]
    what: str


@dataclass(frozen=True)
class Flag:
    """``true`` or ``false``."""


@dataclass(frozen=True)
class ListOf:
    """A list of ``item``; ``length``, when given, is the number of items it must have."""

    item: Spec
    length: int = 0
    what: str = "a list"


@dataclass(frozen=True)
class MapOf:
    """A mapping of keys of the shape ``key`` to values ``value``; ``moved`` gives, for a
    key an older format had here, the problem and the fix that name its new place."""

    key: Text
    value: Spec
    moved: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Either:
    """One of ``options``, told apart by the type of the value (text, list, mapping);
    ``what`` names the options in messages."""

    options: tuple[Spec, ...]
    what: str = "text or a list of texts"


@dataclass(frozen=True)
class Item:
    """A rule's ``after``/``before`` item: one lowercase Cyrillic letter, a class named
    under ``classes:`` of the nearest enclosing mapping that has it, or a token."""

    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Key:
    """A key of a :class:`Record`: its value, its meaning, whether it must be there,
    and a line that shows it written right (the fix of a wrong value)."""

    spec: Spec
    meaning: str
    example: str
    required: bool = False


@dataclass(frozen=True)
class Record:
    """A mapping with fixed keys; ``what`` names it in messages ("a scheme rule").

    ``renamed`` maps a key of an older format to its new name (refused, with the new
    name in the fix); of each group in ``one_of`` exactly one key must be there."""

    what: str
    keys: Mapping[str, Key]
    renamed: Mapping[str, str] = field(default_factory=dict)
    one_of: tuple[tuple[str, ...], ...] = ()


Spec = Union[Text, Flag, Number, ListOf, MapOf, Either, Item, Record]  # noqa: UP007 (a runtime alias)

_TEXTS = ListOf(Text(), what="a list of texts")
_SPELLINGS = Either((Text(), ListOf(Text(), what="a list of texts")))
_PAIR = ListOf(Text(), length=2, what="a [cyrillic, latin] pair")
_CONTEXT = ListOf(Item(tuple(sorted(TOKENS))))
_CLASSES = MapOf(Text(shape="name"), ListOf(Text(shape="letter"), what="a list of letters"))


def _rules(what: str, latin: Key, meaning: str, example: str) -> Key:
    """The ``rules:`` of a scheme file or of a transcription: the one rule language.
    Only ``latin`` differs: one output in a scheme, alternatives in a language file."""
    return Key(ListOf(Record(what, {
        "letters": Key(Text(shape="cyrillic"), "the letter or sequence the rule rewrites",
                       "letters: ий", required=True),
        "latin": latin,
        "each": Key(ListOf(Text(), what="a list of texts"),
                    "one output per letter of letters (casing follows each letter)",
                    'each: [y, ""]'),
        "after": Key(_CONTEXT, "the letter before: letters, classes, tokens",
                     "after: [word_start, vowels]"),
        "before": Key(_CONTEXT, "the letter after: letters, classes, tokens",
                      "before: [word_end]"),
    }, renamed={"letter": "letters"}, one_of=(("latin", "each"),))), meaning, example)

#: A scheme file, ``src/translit/data/schemes/<id>.yaml``: one official romanization.
SCHEME = Record("a scheme file", {
    "id": Key(Text(), "equal to the file name without .yaml", "id: be-national-2007",
              required=True),
    "name": Key(Text(), "the system's name", "name: Belarusian national system (2007)",
                required=True),
    "language": Key(Text(allowed=("be", "ru", "uk")), "the language it romanizes",
                    "language: be", required=True),
    "default": Key(Flag(), "the scheme for scheme='be' / 'uk' / 'ru'; one per language",
                   "default: true"),
    "description": Key(Text(), "what the system does, in prose", "description: ...",
                       required=True),
    "document": Key(Text(), "the official document", "document: ...", required=True),
    "date": Key(Text(), "its date, quoted", 'date: "2010-01-27"', required=True),
    "source": Key(Text(), "where to read it", "source: https://...", required=True),
    "classes": Key(_CLASSES, "named sets of letters for the rules", "vowels: [а, е, ё]"),
    "letters": Key(MapOf(Text(shape="letter"), Text()),
                   "the Latin of each lowercase Cyrillic letter", "щ: shch", required=True),
    "title_case": Key(MapOf(Text(), Text()), "Title case forms that casing cannot derive",
                      '"i\\u0361o": "I\\u0361O"'),
    "apostrophe": Key(Text(), "what the apostrophe between two letters becomes",
                      'apostrophe: ""'),
    "rules": _rules("a scheme rule", Key(Text(), "the Latin of the whole sequence",
                                         'latin: je, or each: [y, ""] for one output per letter'),
                    "contextual romanizations, first match wins",
                    "- {letters: е, after: [word_start], latin: je}"),
    "samples": Key(ListOf(_PAIR), "official examples", "- [Гомель, Homieĺ]", required=True),
})  # fmt: skip

#: A language file, ``src/translit/data/languages/<id>.yaml``: one press language.
LANGUAGE = Record("a language file", {
    "id": Key(Text(shape="tag"), "the tag alias tables use; the file is <id>.yaml", "id: pl",
              required=True),
    "name": Key(Text(), "its English name", "name: Polish", required=True),
    "script": Key(Text(allowed=("Cyrl", "Latn")), "the script of its names and endings",
                  "script: Latn", required=True),
    "genitive": Key(Text(allowed=("s",)), "names take a bare genitive -s", "genitive: s"),
    "inflection": Key(ListOf(Record("an inflection rule", {
        "ending": Key(Text(), "the ending a word has", "ending: ka", required=True),
        "forms": Key(_TEXTS, "the endings that replace it", "forms: [ki, ce, kę, ką]",
                     required=True),
        "after": Key(ListOf(Text(shape="lowercase"), what="a list of letters"),
                     "letters one of which must stand before the ending",
                     "after: [b, c, d, ł, ż]"),
    })), "case endings", "- {ending: ka, forms: [ki, ce, kę, ką]}"),
    "transcription": Key(Record("transcription", {
        "letters": Key(MapOf(Text(shape="letter"), _SPELLINGS, moved={"'": (
                           "the apostrophe is no longer a key of transcription.letters",
                           'write its spelling as apostrophe: "" in transcription')}),
                       "each letter's spelling, or alternatives, most usual first",
                       "г: [g, h]", required=True),
        "apostrophe": Key(_SPELLINGS, "what the apostrophe between two letters becomes",
                          'apostrophe: ""'),
        "classes": Key(_CLASSES, "named sets of letters for the rules",
                       "vowel: [а, е, ё, и, о, у, ы, э, ю, я, і, ї, є, ў]"),
        "rules": _rules("a transcription rule",
                        Key(_SPELLINGS, "its spelling, or alternatives for the whole sequence",
                            "latin: [ij, i]"),
                        "spellings in context, first match wins",
                        "- {letters: ий, before: [word_end], latin: [ij, i]}"),
        "alphabet": Key(Text(), "for a Cyrillic-script language: the letters it spells with",
                        "alphabet: абвгд..."),
        "samples": Key(ListOf(_PAIR), "real press spellings", "- [Лукашенко, Lukaschenko]"),
    }), "how its press spells Cyrillic names", "transcription:\n  letters: ..."),
    "context": Key(Record("context", {
        "cues": Key(_TEXTS, "phrases after which a name is cited", "cues: [known as]"),
        "quoted_cues": Key(_TEXTS, "the same, for a quoted name", "quoted_cues: [called]"),
        "languages": Key(_TEXTS, "names of languages and peoples", "languages: [Russian]"),
        "historical": Key(ListOf(Text(shape="slot"), what="a list of texts"),
                          "historical names, {} for the place",
                          'historical: ["university of {}"]'),
        "former_states": Key(_TEXTS, "states that no longer exist",
                             "former_states: [Ukrainian SSR]"),
        "titles": Key(_TEXTS, "capitalized words that may stand before a name",
                      "titles: [President]"),
        "conjunctions": Key(_TEXTS, "words that join names in a list", "conjunctions: [and]"),
        "case_marks": Key(Text(), "final letters that mark a case", "case_marks: ąę"),
        "capitalizes_nouns": Key(Flag(), "a capitalized word before a name says nothing",
                                 "capitalizes_nouns: true"),
        "title_case": Key(Flag(), "headlines capitalize every word", "title_case: true"),
    }), "words around names", "context:\n  cues: [...]"),
})  # fmt: skip


#: The kinds of entity of an alias table.
ENTITY_TYPES = ("person", "place", "country", "organisation", "adjective", "other")

_PHRASES = ListOf(Text(), what="a list of phrases")
_FORM_ENTRY = Record("a form entry", {
    "form": Key(Text(), "the form", "form: Aleksandr Łukaszenka", required=True),
    "source": Key(Text(), "who prints it", 'source: "Gazeta Wyborcza"'),
})  # fmt: skip
_FORMS = MapOf(Text(shape="language", unknown="language tag"), Either((
    Text(), ListOf(Either((Text(), _FORM_ENTRY), what="text or {form, source}"),
                   what="a list of forms")), what="a form or a list of forms"))  # fmt: skip

#: An alias table: ``aliases.yaml`` at the top of the repository, or a user's table.
#: What a schema cannot say, :mod:`translit.tables.aliases` checks after it: the text
#: of each form (not empty, one line, no stray space or control character, a letter,
#: at most MAX_FORM_LENGTH characters), at most MAX_ENTITIES entities, ids unique in a
#: file, a surname for a person and only for a person, a style with a form.
ALIASES = Record("an alias table", {
    "schema": Key(Number((1,), "schema version"), "the version of the format", "schema: 1"),
    "styles": Key(MapOf(Text(shape="style", unknown="style name"), Text()),
                  "output styles this table defines, with a description",
                  "fr: French quality press (Le Monde)"),
    "negatives": Key(_PHRASES, "fixed expressions in which no form names any entity",
                     "negatives: [Kievan Rus]"),
    "entities": Key(ListOf(Record("an entity", {
        "id": Key(Text(shape="id"), "stable id, unique within a file", "id: kyiv",
                  required=True),
        "type": Key(Text(allowed=ENTITY_TYPES, unknown="type"), "the kind of entity",
                    "type: place", required=True),
        "name": Key(Text(), "canonical form in style en (a person's full name)",
                    "name: Kyiv", required=True),
        "surname": Key(Text(), "a person's canonical surname alone (people only)",
                       "surname: Lukashenka"),
        "wikidata": Key(Text(shape="wikidata", unknown="wikidata id"), "the Wikidata item",
                        "wikidata: Q1899"),
        "geonames": Key(Number((), "GeoNames id"), "the GeoNames id of a place",
                        "geonames: 703448"),
        "original": Key(_FORMS, "the names in the entity's own scripts, by language tag",
                        "be: Кастусь Каліноўскі"),
        "former": Key(_FORMS, "former names, by language tag: recognized, left as written",
                      "former: {uk: Дніпропетровськ, en: Dnipropetrovsk}"),
        "variants": Key(_FORMS, "other spellings seen in print, by language tag",
                        "en: [Kiev, Kyev]"),
        "ambiguous": Key(ListOf(Record("an ambiguous entry", {
            "form": Key(Text(), "the form", "form: Kalinowski", required=True),
            "lang": Key(Text(shape="language_or_und", unknown="language tag"),
                        "its language; und when not given", "lang: pl"),
            "next": Key(_PHRASES, "words that may follow it", "next: [regiment]"),
            "previous": Key(_PHRASES, "words that may precede it", "previous: [president]"),
            "capitalized": Key(Flag(), "a word in lower case: capitalized inside a sentence "
                               "(not first, nor among capitalized words) it is the name",
                               "capitalized: true"),
            "source": Key(Text(), "why (not used by the code)", "source: ..."),
        })), "forms used alone only next to the given words",
            "ambiguous: [{form: Kalinowski, lang: pl, next: [regiment]}]"),
        "not_when": Key(_PHRASES, "fixed expressions where a form names something else",
                        "not_when: [Rose Garden]"),
        "styles": Key(MapOf(Text(shape="style", unknown="style name"), Either((
            Text(), Record("a style's forms", {
                "name": Key(Text(), "the canonical form in this style", "name: Kiev"),
                "surname": Key(Text(), "a person's surname in this style",
                               "surname: Loukachenko"),
            })), what="text or {name, surname}")),
            "canonical forms of other output styles", "fr: {name: Kiev}"),
        "source": Key(Text(), "why the canonical form is what it is (not used by the code)",
                      "source: ..."),
        "note": Key(Text(), "a free remark (not used by the code)", "note: ..."),
    })), "one mapping per entity",
                  "entities: [{id: kyiv, type: place, name: Kyiv}]", required=True),
})  # fmt: skip

#: ``src/translit/data/given_names.yaml``: common given names, one list per group, and
#: the patronymic endings. A surname written right after a given name that is not the
#: entity's own names someone else. Every list but ``patronymic_endings`` holds names.
GIVEN_NAMES = Record("the given names file", {
    "slavic_male": Key(_TEXTS, "Belarusian, Ukrainian and Russian men's names, romanized",
                       "slavic_male: [Aleksandr, Aliaksandr]", required=True),
    "slavic_female": Key(_TEXTS, "the same, women's names", "slavic_female: [Alena, Hanna]",
                         required=True),
    "press_forms": Key(_TEXTS, "given names as other press languages write them, and "
                       "their case forms", "press_forms: [Mikołaj, Mikołaja]", required=True),
    "other": Key(_TEXTS, "other given names", "other: [John]", required=True),
    "patronymic_endings": Key(_TEXTS, "endings of patronymics (not names)",
                              "patronymic_endings: [ovich, evna]", required=True),
})  # fmt: skip


def kind_of(folder: str, doc: Any) -> str:
    """What a data file is: ``scheme``, ``language``, ``given_names`` or ``aliases``.

    A file in a folder named ``schemes`` or ``languages`` is of that kind; any other
    file is told by its top-level keys: ``entities`` makes an alias table,
    ``patronymic_endings`` the given names file, a key
    only language files have (``script``, ``transcription``, ``inflection``,
    ``context``, ``genitive``) a language file, a key only scheme files have
    (``language``, ``letters``, ``samples``, ...) a scheme file.

    >>> kind_of("data", {"id": "pl", "script": "Latn"}), kind_of("schemes", None)
    ('language', 'scheme')
    """
    if folder in ("schemes", "languages"):
        return folder[:-1]
    keys = set(doc) if isinstance(doc, dict) else set()
    if "entities" in keys:
        return "aliases"
    if "patronymic_endings" in keys:
        return "given_names"
    if keys & (LANGUAGE.keys.keys() - SCHEME.keys.keys()):
        return "language"
    if keys & (SCHEME.keys.keys() - LANGUAGE.keys.keys()):
        return "scheme"
    return "aliases"


def check(doc: Any, record: Record, name: str) -> None:
    """Raise :class:`TableError` at the first place where *doc* departs from *record*."""
    if not isinstance(doc, Map):
        first = next(k for k in record.keys.values() if k.required)
        raise TableError(name, 1, f"{record.what} must be a mapping of keys",
                         f"start it with {first.example!r}")
    _Walk(name).record(doc, record, "", ())


def read_checked(path: Traversable | Path, record: Record, where: str) -> Map:
    """Read the data file *path* (named *where* in errors) and :func:`check` it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(where, None, f"cannot read the file ({exc})",
                         "make it a readable UTF-8 file") from exc  # fmt: skip
    doc: Map = load_text(text, where)  # check() makes sure it is one
    check(doc, record, where)
    return doc


def check_id(doc: Map, file_name: str, name: str) -> None:
    """Refuse a checked *doc* whose ``id`` is not its file name (*file_name*) without .yaml."""
    stem = file_name.removesuffix(".yaml")
    if doc["id"] != stem:
        raise TableError(name, doc.lines["id"],
                         f"id {doc['id']!r} differs from the file name {stem!r}",
                         f"name the file {doc['id']}.yaml or set 'id: {stem}'")  # fmt: skip


def _kind(value: Any) -> str:
    """How a value of the wrong type is described."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, int) and abs(value) > 10**40:
        return "a number"  # a long one, not spelt out (nor converted: Python refuses)
    return "empty" if value is None else repr(value)


class _Walk:
    """One check of one file: *name* is the file, for the messages."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, line: int, problem: str, fix: str) -> TableError:
        return TableError(self.name, line, problem, fix)

    def record(self, doc: Map, record: Record, label: str, scopes: tuple[Map, ...]) -> None:
        scopes = (*scopes, doc)
        for key, value in doc.items():
            line = doc.lines[key]
            if key in record.renamed:
                raise self.fail(line, f"{key!r} is now {record.renamed[key]!r} in {record.what}",
                                f"rename it to {record.renamed[key]!r}")
            if key not in record.keys:
                raise self.fail(line, f"unknown key {key!r} in {record.what}",
                                f"use {', '.join(record.keys)}")
            spec = record.keys[key]
            self.value(value, spec.spec, f"{label}{key}", line, spec.example, scopes)
        for key, spec in record.keys.items():
            if spec.required and key not in doc:
                raise self.fail(doc.line, f"{record.what} has no {key!r}",
                                f"add {spec.example!r} ({spec.meaning})")
        for group in record.one_of:
            present = [k for k in group if k in doc]
            if len(present) > 1:
                raise self.fail(doc.lines[present[1]],
                                f"{record.what} has both {present[0]!r} and {present[1]!r}",
                                "keep one")
            if not present:
                options = " or ".join(repr(record.keys[k].example) for k in group)
                raise self.fail(doc.line, f"{record.what} has no {' or '.join(map(repr, group))}",
                                f"add {options}")

    def value(self, value: Any, spec: Spec, label: str, line: int, example: str,
              scopes: tuple[Map, ...]) -> None:
        """Check *value* (the value of *label*, on *line*) against *spec*."""
        if isinstance(spec, Either):
            types = {Text: str, Flag: bool, ListOf: Seq, MapOf: Map, Record: Map, Item: str,
                     Number: int}
            fits = [s for s in spec.options if isinstance(value, types[type(s)])]
            if not fits:
                raise self.fail(line, f"{label} is {_kind(value)}, not {spec.what}",
                                f"write it as {example}")
            self.value(value, fits[0], label, line, example, scopes)
        elif isinstance(spec, Record):
            if not isinstance(value, Map):
                raise self.fail(line, f"{label} is {_kind(value)}, not a mapping",
                                f"write it as {example}")
            self.record(value, spec, f"{label}.", scopes)
        elif isinstance(spec, MapOf):
            if not isinstance(value, Map):
                raise self.fail(line, f"{label} is {_kind(value)}, not a mapping",
                                f"write its entries as {example}")
            for key, item in value.items():
                if key in spec.moved:
                    raise self.fail(value.lines[key], *spec.moved[key])
                self.text(key, spec.key, f"a key of {label}", value.lines[key], example)
                self.value(item, spec.value, f"{label}.{key}", value.lines[key], example, scopes)
        elif isinstance(spec, ListOf):
            if not isinstance(value, Seq):
                if spec.what == "a list of letters" and isinstance(value, str):
                    example = f"{label.rsplit('.', 1)[-1]}: [{', '.join(value)}]"
                raise self.fail(line, f"{label} is {_kind(value)}, not {spec.what}",
                                f"write it as {example}")
            if spec.length and len(value) != spec.length:
                raise self.fail(line, f"{label} {value!r} is not {spec.what}",
                                f"write it as {example}")
            for item, at in zip(value, value.lines, strict=True):
                self.value(item, spec.item, label, at, example, scopes)
        elif isinstance(spec, Number) and not spec.allowed:  # any whole number from 1
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise self.fail(line, f"{label} is {_kind(value)}, not a whole number from 1",
                                f"write it as {example}")
        elif isinstance(spec, Number):
            if isinstance(value, bool) or value not in spec.allowed:
                allowed = ", ".join(map(str, spec.allowed))
                raise self.fail(line, f"unknown {spec.what} {_kind(value)} in {label}",
                                f"write {example} (known: {allowed})")
        elif isinstance(spec, Flag):
            if not isinstance(value, bool):
                raise self.fail(line, f"{label} is {_kind(value)}, not true or false",
                                f"write it as {example}")
        elif isinstance(spec, Item):
            self.item(value, spec, label, line, scopes)
        else:
            self.text(value, spec, label, line, example)

    def text(self, value: Any, spec: Text, label: str, line: int, example: str) -> None:
        if not isinstance(value, str):
            quote = "" if isinstance(value, Map | Seq) else (
                " (quote what YAML reads otherwise: no, yes, on, numbers, dates)")
            raise self.fail(line, f"{label} is {_kind(value)}, not text",
                            f"write it as {example}{quote}")
        if spec.allowed and value not in spec.allowed:
            if spec.unknown:
                raise self.fail(line, f"unknown {spec.unknown} {value!r} in {label}",
                                f"write one of {', '.join(spec.allowed)}, as {example}")
            raise self.fail(line, f"{label} is {value!r}, not one of {', '.join(spec.allowed)}",
                            f"write {example}")
        if spec.shape and not SHAPES[spec.shape][0](value):
            if spec.unknown:
                where = label.removeprefix("a key of ")
                raise self.fail(line, f"unknown {spec.unknown} {value!r} in {where}",
                                f"use {SHAPES[spec.shape][1]}")
            raise self.fail(line, f"{label} {value!r} is not {SHAPES[spec.shape][1]}",
                            f"write it as {example}")

    def item(self, value: Any, spec: Item, label: str, line: int,
             scopes: tuple[Map, ...]) -> None:
        classes = next((s["classes"] for s in reversed(scopes) if "classes" in s), None)
        names = sorted(classes) if isinstance(classes, Map) else []
        if not isinstance(value, str):
            raise self.fail(line, f"{label} item is {_kind(value)}, not text",
                            "write one letter, class or token per item")
        if value in names or value in spec.tokens or SHAPES["letter"][0](value):
            return
        if value in APOSTROPHES and "apostrophe" in spec.tokens:
            raise self.fail(line, f"{label} item {value!r} is now the token apostrophe",
                            "write apostrophe")
        known = ", ".join([*names, *spec.tokens])
        if re.fullmatch("[a-z_]+", value):
            raise self.fail(line, f"unknown class {value!r} in {label}",
                            f"use one of {known}, or one lowercase Cyrillic letter")
        raise self.fail(line, f"{label} item {value!r} is not one letter, a class or a token",
                        f"use one lowercase Cyrillic letter, or one of {known}")
