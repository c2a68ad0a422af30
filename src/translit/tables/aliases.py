"""Alias tables: reading and validating the YAML that lists entities and their spellings.

The schema is documented in the README ("The alias table"). Every problem is a
:class:`~translit.errors.TableError` naming the file, the line and the fix, and
a table either loads completely or not at all.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translit.compile.gcpause import paused_gc
from translit.errors import TableError
from translit.tables.bundled import bundled_table_path
from translit.tables.yamlfile import Map, Seq, load_file

__all__ = [
    "ENTITY_TYPES",
    "MAX_ENTITIES",
    "MAX_FORM_LENGTH",
    "Ambiguous",
    "Entity",
    "Form",
    "Tables",
    "bundled_table_path",
    "common_word_forms",
    "load_tables",
]

ENTITY_TYPES = ("person", "place", "country", "organisation", "adjective", "other")
from translit.limits import MAX_ENTITIES, MAX_FORM_LENGTH  # noqa: E402

_ODD = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}  # controls, format, separators, unassigned
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{4})?\Z")
_STYLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*\Z")
_ENTITY_KEYS = {
    "id", "type", "wikidata", "name", "surname", "original", "variants",
    "ambiguous", "not_when", "styles", "source", "note",
}  # fmt: skip
_AMBIGUOUS_KEYS = {"form", "lang", "next", "previous", "source"}


@dataclass(frozen=True)
class Form:
    """One written form of an entity: a canonical, an original-script form or a variant."""

    text: str
    lang: str
    origin: str  # "canonical", "original", "variant", "style" or "generated"
    where: str  # "path:line"
    rule: str = ""  # for a generated form: the scheme or press language that made it
    also: tuple[str, ...] = ()  # for a generated form: the other languages that write it so
    source: str = ""  # who prints it, when the table says so ({form: X, source: Y})


@dataclass(frozen=True)
class Ambiguous:
    """A form used alone only next to the stated words (or as part of a full name)."""

    form: str
    lang: str
    next: tuple[str, ...]
    previous: tuple[str, ...]
    where: str


@dataclass
class Entity:
    """An entity after validation; tables with the same id merge into one."""

    id: str
    type: str
    name: str
    surname: str | None
    wikidata: str | None
    where: str
    forms: list[Form] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    not_when: list[str] = field(default_factory=list)
    styles: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Tables:
    """Merged tables: the entities, the style names, and the global negatives."""

    entities: list[Entity]
    styles: list[str]
    negatives: list[str]


@paused_gc()
def load_tables(paths: Iterable[str | Path]) -> Tables:
    """Load and merge tables in order."""
    entities: dict[str, Entity] = {}
    tables = Tables([], [], [])
    for path in paths:
        for entity in _read_table(str(path), tables):
            old = entities.get(entity.id)
            if old is None:
                entities[entity.id] = entity
            else:
                _merge(old, entity)
    tables.entities = list(entities.values())
    return tables


def _merge(old: Entity, new: Entity) -> None:
    if new.type != old.type or new.name != old.name:
        raise TableError(
            *_split(new.where),
            f"entity {new.id!r} is already defined at {old.where} with another name or type",
            "give it another id, or repeat the same name and type to add forms to it",
        )
    old.forms.extend(new.forms)
    old.ambiguous.extend(new.ambiguous)
    old.not_when.extend(new.not_when)
    for style, forms in new.styles.items():
        old.styles.setdefault(style, {}).update(forms)


def _split(where: str) -> tuple[str, int | None]:
    path, _, line = where.rpartition(":")
    return path, int(line)


def _read_table(path: str, tables: Tables) -> list[Entity]:
    doc = load_file(path)
    if not isinstance(doc, Map) or "entities" not in doc:
        raise TableError(path, 1, "the table has no 'entities:' list", "start it with 'entities:'")
    unknown = set(doc) - {"schema", "styles", "entities", "negatives"}
    if unknown:
        key = sorted(unknown)[0]
        raise TableError(
            path,
            doc.lines[key],
            f"unknown top-level key {key!r}",
            "use schema, styles, negatives, entities",
        )
    if "schema" in doc and doc["schema"] != 1:
        raise TableError(path, doc.lines["schema"], "unknown schema version", "write 'schema: 1'")
    styles = tables.styles
    for name in _mapping(doc.get("styles", Map()), path, doc.line, "styles"):
        if not _STYLE.match(name):
            raise TableError(path, doc.line, f"bad style name {name!r}", "use letters and digits")
        if name not in styles:
            styles.append(name)
    if "negatives" in doc:
        phrases = doc["negatives"]
        if not isinstance(phrases, Seq):
            raise TableError(path, doc.lines["negatives"], "'negatives' must be a list", "use '- '")
        tables.negatives.extend(
            _text(p, path, ln, "negative phrase")
            for p, ln in zip(phrases, phrases.lines, strict=True)
        )
    items = doc["entities"]
    if not isinstance(items, Seq):
        raise TableError(path, doc.lines["entities"], "'entities' is not a list", "use '- id: ...'")
    if len(items) > MAX_ENTITIES:
        raise TableError(
            path,
            doc.lines["entities"],
            f"{len(items)} entities",
            f"split the table; one table holds at most {MAX_ENTITIES}",
        )
    seen: dict[str, int] = {}
    result = []
    for item, line in zip(items, items.lines, strict=True):
        entity = _entity(item, path, line)
        if entity.id in seen:
            raise TableError(
                path,
                line,
                f"id {entity.id!r} is already used on line {seen[entity.id]}",
                "merge the two entries or rename one",
            )
        seen[entity.id] = line
        for style in entity.styles:
            if style not in styles:
                styles.append(style)
        result.append(entity)
    return result


def _mapping(value: Any, path: str, line: int, what: str) -> Map:
    if not isinstance(value, Map):
        raise TableError(path, line, f"'{what}' must be a mapping", f"write '{what}:' keys")
    return value


def _text(value: Any, path: str, line: int, what: str) -> str:
    if not isinstance(value, str):
        raise TableError(path, line, f"{what} must be text, not {value!r}", "quote it")
    if not value.strip():
        raise TableError(path, line, f"{what} is empty", "write the form or remove the entry")
    if len(value) > MAX_FORM_LENGTH:
        raise TableError(
            path, line, f"{what} is {len(value)} characters", f"keep it under {MAX_FORM_LENGTH}"
        )
    if "\n" in value or "\r" in value:
        raise TableError(path, line, f"{what} spans lines", "write it on one line")
    if value != value.strip() or "  " in value:
        raise TableError(path, line, f"{what} {value!r} has stray spaces", "use single spaces")
    odd = None
    if not value.isprintable():  # printable text has no control, format or odd separator
        odd = next((ch for ch in value if unicodedata.category(ch) in _ODD or ch in _BIDI), None)
    if odd is not None:
        raise TableError(
            path, line, f"{what} {value!r} has the control character U+{ord(odd):04X}", "remove it"
        )
    if not value[0].isalpha() and not any(ch.isalpha() for ch in value):
        raise TableError(path, line, f"{what} {value!r} has no letter", "write a name")
    return value


def _entity(item: Any, path: str, line: int) -> Entity:
    if not isinstance(item, Map):
        raise TableError(path, line, "an entity must be a mapping", "write '- id: ...' and fields")
    unknown = set(item) - _ENTITY_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise TableError(
            path,
            item.lines[key],
            f"unknown field {key!r}",
            f"use {', '.join(sorted(_ENTITY_KEYS))}",
        )
    for required in ("id", "type", "name"):
        if required not in item:
            raise TableError(path, line, f"entity has no '{required}'", f"add '{required}:'")
    eid = _text(item["id"], path, item.lines["id"], "id")
    if not _ID.match(eid):
        raise TableError(path, item.lines["id"], f"bad id {eid!r}", "use lowercase-words-like-this")
    etype = item["type"]
    if etype not in ENTITY_TYPES:
        raise TableError(
            path, item.lines["type"], f"unknown type {etype!r}", f"use one of {ENTITY_TYPES}"
        )
    name = _text(item["name"], path, item.lines["name"], "name")
    surname = None
    if "surname" in item:
        surname = _text(item["surname"], path, item.lines["surname"], "surname")
        if etype != "person":
            raise TableError(path, item.lines["surname"], "only people have a surname", "drop it")
    elif etype == "person":
        raise TableError(path, line, f"person {eid!r} has no 'surname'", "add 'surname:'")
    wikidata = item.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _WIKIDATA.match(wikidata)):
        raise TableError(path, item.lines["wikidata"], f"bad wikidata {wikidata!r}", "use Q123")
    entity = Entity(eid, etype, name, surname, wikidata, f"{path}:{line}")
    entity.forms.append(Form(name, "en", "canonical", f"{path}:{item.lines['name']}"))
    if surname is not None:
        entity.forms.append(Form(surname, "en", "canonical", f"{path}:{item.lines['surname']}"))
    for key, origin in (("original", "original"), ("variants", "variant")):
        if key in item:
            entity.forms.extend(_forms(item[key], path, item.lines[key], origin))
    if "ambiguous" in item:
        entity.ambiguous = _ambiguous(item["ambiguous"], path, item.lines["ambiguous"])
    if "not_when" in item:
        phrases = item["not_when"]
        if not isinstance(phrases, Seq):
            raise TableError(path, item.lines["not_when"], "'not_when' must be a list", "use '- '")
        entity.not_when = [
            _text(p, path, ln, "not_when phrase")
            for p, ln in zip(phrases, phrases.lines, strict=True)
        ]
    if "styles" in item:
        entity.styles = _styles(item["styles"], path, item.lines["styles"], etype)
        where = f"{path}:{item.lines['styles']}"
        for style, forms in entity.styles.items():  # a style's output is recognized too:
            # a style named by a language code writes that language's press spelling, a
            # variant of it, so the table need not list it again under variants
            origin = "variant" if len(style) == 2 and _LANG.match(style) else "style"
            listed = {f.text for f in entity.forms if f.lang == style and f.origin == origin}
            entity.forms.extend(
                Form(text, style, origin, where) for text in forms.values() if text not in listed
            )
    return entity


def _known_tag(tag: str) -> bool:
    """Whether *tag* is a language tag: a code of ISO 639 (two letters: one of
    ``data/language_codes.txt``; three: ISO 639-2/3, not listed), and a script."""
    if not _LANG.match(tag):
        return False
    code = tag.split("-", 1)[0]
    return len(code) == 3 or code in _language_codes()


@functools.cache
def _language_codes() -> frozenset[str]:
    from importlib import resources

    text = (resources.files("translit") / "data" / "language_codes.txt").read_text("utf-8")
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


def _forms(value: Any, path: str, line: int, origin: str) -> list[Form]:
    """``lang: [form, ...]`` or ``lang: form``; a form may be ``{form: X, source: Y}``."""
    forms = []
    for lang, entries in _mapping(value, path, line, origin).items():
        lang_line = value.lines[lang]
        if not _known_tag(lang):
            raise TableError(
                path, lang_line, f"unknown language tag {lang!r}",
                "use an ISO 639 code, with a script if needed: en, de, be-Latn",
            )
        if isinstance(entries, str):
            entries, lines = [entries], [lang_line]
        elif isinstance(entries, Seq):
            lines = entries.lines
        else:
            raise TableError(path, lang_line, f"forms for {lang!r} must be a list", "use [a, b]")
        for entry, entry_line in zip(entries, lines, strict=True):
            source = ""
            if isinstance(entry, Map):
                if "form" not in entry or set(entry) - {"form", "source"}:
                    raise TableError(
                        path, entry_line, "a form entry needs 'form' (and 'source')", "fix keys"
                    )
                if "source" in entry:
                    source = _text(entry["source"], path, entry_line, "source")
                entry = entry["form"]
            text = _text(entry, path, entry_line, "form")
            forms.append(Form(text, lang, origin, f"{path}:{entry_line}", source=source))
    return forms


def _ambiguous(value: Any, path: str, line: int) -> list[Ambiguous]:
    if not isinstance(value, Seq):
        raise TableError(path, line, "'ambiguous' must be a list", "use '- form: ...'")
    result = []
    for entry, entry_line in zip(value, value.lines, strict=True):
        if not isinstance(entry, Map) or "form" not in entry:
            raise TableError(path, entry_line, "an ambiguous entry needs 'form'", "add 'form:'")
        unknown = set(entry) - _AMBIGUOUS_KEYS
        if unknown:
            raise TableError(
                path, entry_line, f"unknown field {sorted(unknown)[0]!r}", f"use {_AMBIGUOUS_KEYS}"
            )
        words: dict[str, tuple[str, ...]] = {}
        for key in ("next", "previous"):
            raw = entry.get(key, [])
            if not isinstance(raw, list):
                raise TableError(path, entry_line, f"'{key}' must be a list", "use [word, ...]")
            words[key] = tuple(_text(w, path, entry_line, f"{key} word") for w in raw)
        lang = entry.get("lang", "und")
        if not isinstance(lang, str) or not (lang == "und" or _known_tag(lang)):
            raise TableError(
                path, entry_line, f"unknown language tag {lang!r}",
                "use an ISO 639 code, with a script if needed: pl, be-Latn",
            )
        result.append(
            Ambiguous(
                _text(entry["form"], path, entry_line, "form"),
                str(lang),
                words["next"],
                words["previous"],
                f"{path}:{entry_line}",
            )
        )
    return result


def _styles(value: Any, path: str, line: int, etype: str) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for style, forms in _mapping(value, path, line, "styles").items():
        style_line = value.lines[style]
        if not _STYLE.match(style):
            raise TableError(path, style_line, f"bad style name {style!r}", "use letters, digits")
        if isinstance(forms, str):
            forms = {"name": forms}
        if not isinstance(forms, dict) or not forms or set(forms) - {"name", "surname"}:
            raise TableError(
                path, style_line, f"style {style!r} needs 'name' and/or 'surname'", "fix keys"
            )
        if "surname" in forms and etype != "person":
            raise TableError(path, style_line, "only people have a surname", "drop it")
        result[style] = {k: _text(v, path, style_line, f"style {k}") for k, v in forms.items()}
    return result


def common_word_forms(tables: Tables) -> list[str]:
    """Warnings for the one-word forms of *tables* (variants, style and canonical forms)
    that are among the most frequent words of a language translit knows ("the", "a",
    "und"; :func:`translit.text.language.frequent_words`) and not listed as
    ``ambiguous`` with the words that make them safe: in running text they would be
    rewritten wherever the word is used. An entity's original-script names are its
    own, and are not checked. Each is ``path:line: problem; fix``.
    """
    from translit.text.fold import fold_word
    from translit.text.language import frequent_words

    frequent = frequent_words()
    found = []
    for entity in tables.entities:
        safe = {fold_word(a.form) for a in entity.ambiguous}
        for form in entity.forms:
            if form.origin not in ("variant", "style", "canonical"):
                continue
            key = fold_word(form.text)
            langs = frequent.get(key.lower()) or frequent.get(form.text.lower())
            if " " in key or key in safe or not langs:
                continue
            found.append(
                f"{form.where}: {form.text!r} is one of the most frequent words of "
                f"{', '.join(sorted(langs))}; list it under 'ambiguous' with the words "
                "that make it safe, or drop it"
            )
    return found

