"""Alias tables: reading and validating the YAML that lists entities and their spellings.

The format is :data:`translit.tables.schema.ALIASES` (documented in
docs/data-format.md, "The alias table"): each table is checked against it first,
then for what a schema cannot say (the text of each form, at most MAX_ENTITIES
entities, ids unique in a file, a surname for people only, clashes between
tables). Every problem is a :class:`~translit.errors.TableError` naming the file,
the line and the fix, and a table either loads completely or not at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from translit.errors import TableError
from translit.gcpause import paused_gc
from translit.limits import MAX_ENTITIES, MAX_FORM_LENGTH
from translit.tables.bundled import bundled_table_path
from translit.tables.schema import ALIASES, ENTITY_TYPES, check
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


_ODD = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}  # controls, format, separators, unassigned
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{4})?\Z")


@dataclass(frozen=True)
class Form:
    """One written form of an entity: a canonical, an original-script form or a variant."""

    text: str
    lang: str
    origin: str  # "canonical", "original", "variant", "style", "generated" or "former name"
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
    capitalized: bool = False
    """A word in lower case: capitalized inside a sentence, the form names the entity."""


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
    geonames: int | None = None


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
    if old.geonames is None:
        old.geonames = new.geonames
    old.ambiguous.extend(new.ambiguous)
    old.not_when.extend(new.not_when)
    for style, forms in new.styles.items():
        old.styles.setdefault(style, {}).update(forms)


def _split(where: str) -> tuple[str, int | None]:
    path, _, line = where.rpartition(":")
    return path, int(line)


def _read_table(path: str, tables: Tables) -> list[Entity]:
    """Read one table: first against the schema (:data:`~translit.tables.schema.ALIASES`:
    keys, types, language tags, style names, ids' shape), then what it cannot say."""
    doc = load_file(path)
    items = doc.get("entities") if isinstance(doc, Map) else None
    if isinstance(items, Seq) and len(items) > MAX_ENTITIES:  # before walking them all
        raise TableError(
            path,
            doc.lines["entities"],
            f"{len(items)} entities",
            f"split the table; one table holds at most {MAX_ENTITIES}",
        )
    check(doc, ALIASES, path)
    styles = tables.styles
    for name in doc.get("styles", ()):
        if name not in styles:
            styles.append(name)
    if "negatives" in doc:
        phrases = doc["negatives"]
        tables.negatives.extend(
            _text(p, path, ln, "negative phrase")
            for p, ln in zip(phrases, phrases.lines, strict=True)
        )
    items = doc["entities"]
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


def _text(value: str, path: str, line: int, what: str) -> str:
    """*value* (text: the schema has said so), if it is a form one can write."""
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


def _entity(item: Map, path: str, line: int) -> Entity:
    """An entity of a table the schema has checked."""
    eid = _text(item["id"], path, item.lines["id"], "id")
    etype = item["type"]
    name = _text(item["name"], path, item.lines["name"], "name")
    surname = None
    if "surname" in item:
        surname = _text(item["surname"], path, item.lines["surname"], "surname")
        if etype != "person":
            raise TableError(path, item.lines["surname"], "only people have a surname", "drop it")
    elif etype == "person":
        raise TableError(path, line, f"person {eid!r} has no 'surname'", "add 'surname:'")
    entity = Entity(eid, etype, name, surname, item.get("wikidata"), f"{path}:{line}")
    entity.forms.append(Form(name, "en", "canonical", f"{path}:{item.lines['name']}"))
    if surname is not None:
        entity.forms.append(Form(surname, "en", "canonical", f"{path}:{item.lines['surname']}"))
    entity.geonames = item.get("geonames")
    origins = (("original", "original"), ("variants", "variant"), ("former", "former name"))
    for key, origin in origins:
        if key in item:
            entity.forms.extend(_forms(item[key], path, origin))
    if "ambiguous" in item:
        entity.ambiguous = _ambiguous(item["ambiguous"], path)
    if "not_when" in item:
        phrases = item["not_when"]
        entity.not_when = [
            _text(p, path, ln, "not_when phrase")
            for p, ln in zip(phrases, phrases.lines, strict=True)
        ]
    if "styles" in item:
        entity.styles = _styles(item["styles"], path, etype)
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


def _forms(value: Map, path: str, origin: str) -> list[Form]:
    """``lang: [form, ...]`` or ``lang: form``; a form may be ``{form: X, source: Y}``."""
    forms = []
    for lang, entries in value.items():
        lang_line = value.lines[lang]
        if isinstance(entries, str):
            entries, lines = [entries], [lang_line]
        else:
            lines = entries.lines
        for entry, entry_line in zip(entries, lines, strict=True):
            source = ""
            if isinstance(entry, Map):
                if "source" in entry:
                    source = _text(entry["source"], path, entry_line, "source")
                entry = entry["form"]
            text = _text(entry, path, entry_line, "form")
            forms.append(Form(text, lang, origin, f"{path}:{entry_line}", source=source))
    return forms


def _ambiguous(value: Seq, path: str) -> list[Ambiguous]:
    result = []
    for entry, entry_line in zip(value, value.lines, strict=True):
        words = {
            key: tuple(_text(w, path, entry_line, f"{key} word") for w in entry.get(key, []))
            for key in ("next", "previous")
        }
        result.append(
            Ambiguous(
                _text(entry["form"], path, entry_line, "form"),
                entry.get("lang", "und"),
                words["next"],
                words["previous"],
                f"{path}:{entry_line}",
                bool(entry.get("capitalized", False)),
            )
        )
    return result


def _styles(value: Map, path: str, etype: str) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for style, forms in value.items():
        style_line = value.lines[style]
        if isinstance(forms, str):
            forms = {"name": forms}
        if not forms:
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

