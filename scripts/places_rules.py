"""The rules that decide which places are towns, their ids, and which of their forms are
ambiguous (docs/places.md, "Precision")."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from places_names import KnownEntities, clean

from translit.compile.variants import generated_forms
from translit.tables.aliases import Entity, Form
from translit.tables.common_words import CommonWords
from translit.tables.given_names import given_names
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

SECTION_WORDS = ("район", "масив")
"""A GeoNames entry one of whose names holds one of these is a section of a city."""
NEAR = 0.0075
"""A place closer than NEAR * sqrt(population) km to a bigger place is part of it ..."""
NEAR_NEW = 0.0125
"""... or NEAR_NEW for entries added after GeoNames' first import (id over 1,000,000),
most of them city districts."""
PLACE_WORDS = {
    "previous": ["in", "near", "outside", "city", "town"],
    "next": ["oblast", "raion", "district", "region", "voblast"],
}
"""The words next to which a common word, given name or surname-like form names the place.
Not "from": it comes before people as readily ("a letter from Borisov", "quotes from
Nikolaev")."""
SURNAME_ENDINGS = ("ov", "ev", "ow", "ew", "off", "in", "yn", "ine", "sky", "ski", "skiy",
                   "skyi", "skij", "skyj", "skyy")
"""Endings of Slavic surnames (Borisov, Kobrin, Khmelnytskyi): a one-word Latin form so
ending may be a person."""


def _distance(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def without_sections(places: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Any]]:
    """(towns, sections): GeoNames' cities file also lists districts of cities
    (Obolon, Saltivka, Pravyi Bereh). The first import's entries are taken first,
    largest first, then the later ones."""
    order = sorted(
        places, key=lambda c: (int(c["geonameid"]) >= 1_000_000, -int(c["population"]),
                               int(c["geonameid"])),
    )
    towns: list[dict[str, Any]] = []
    sections = []
    for city in order:
        if any(w in a.lower() for a in city["alternatenames"] for w in SECTION_WORDS):
            sections.append(city)
            continue
        near = NEAR if int(city["geonameid"]) < 1_000_000 else NEAR_NEW
        if any(_distance(city, t) < near * math.sqrt(int(t["population"])) for t in towns):
            sections.append(city)
            continue
        towns.append(city)
    return sorted(towns, key=lambda c: int(c["geonameid"])), sections


def slug(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")


def give_ids(entries: list[dict[str, Any]], taken: set[str] | None = None) -> None:
    """An id for each entry: its name as a slug; a name that several have gets the
    GeoNames id after it."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[slug(entry["name"])] = counts.get(slug(entry["name"]), 0) + 1
    for entry in entries:
        base = slug(entry["name"])
        clash = counts[base] > 1 or base in (taken or set())
        entry["id"] = f"{base}-{entry['geonames']}" if clash else base


def first_of_each(merged: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """*merged* with one entry per id: the first (the town with the lowest GeoNames id)."""
    seen: dict[str, dict[str, Any]] = {}
    for entry in merged:
        seen.setdefault(entry["id"], entry)
    return list(seen.values())


def _forms(entry: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(listed forms, generated spellings) of an entry."""
    listed = [entry["name"], *entry["original"].values(), *entry.get("variants", {}).values()]
    entity = Entity(entry["id"], "place", entry["name"], None, None, "places:1")
    entity.forms = [Form(text, lang, "original", "places:1") for lang, text in
                    entry["original"].items()]
    made = sorted({spelling for spelling, _, _ in generated_forms(entity)})
    return listed, made


def _world_keys(world: list[dict[str, Any]], countries: tuple[str, ...]) -> set[str]:
    keys = set()
    for city in world:
        if city["countrycode"] in countries:
            continue
        keys.add(fold_word(city["name"]))
        keys.update(fold_word(clean(a)) for a in city["alternatenames"] if is_cyrillic(a))
    return keys


def _surname_like(key: str) -> bool:
    return " " not in key and "-" not in key and key.isascii() and key.endswith(SURNAME_ENDINGS)


def mark_ambiguous(
    entries: list[dict[str, Any]], world: list[dict[str, Any]], countries: tuple[str, ...],
    known: KnownEntities,
) -> None:
    """Set each entry's ``ambiguous``: (form, why, context words or None)."""
    common = CommonWords.load()
    given = {fold_word(n) for n in given_names()}
    outside = _world_keys(world, countries)
    table = {fold_word(f.text) for e in known.entities for f in e.forms}
    forms = {id(e): _forms(e) for e in entries}
    owners: dict[str, set[int]] = {}
    for entry in entries:
        listed, made = forms[id(entry)]
        for text in (*listed, *made):
            owners.setdefault(fold_word(text), set()).add(id(entry))
    for entry in entries:
        listed, made = forms[id(entry)]
        found: dict[str, tuple[str, str, bool]] = {}  # key -> form, why, with place words
        for text in (*listed, *made):
            key = fold_word(text)
            if key in found:
                continue
            generated = text not in listed
            if len(owners[key]) > 1 and not generated:
                found[key] = (text, "another place of this table", False)
            elif key in table and not generated:
                found[key] = (text, "a form of aliases.yaml", False)
            elif key in outside:
                found[key] = (text, "a place elsewhere (GeoNames)", False)
            elif is_cyrillic(text) or " " in key:
                continue
            elif key in given:
                found[key] = (text, "a given name", True)
            elif common.clashes(key, set()):
                found[key] = (text, "a common word", True)
            elif _surname_like(key):
                found[key] = (text, "a surname", True)
        name_key = fold_word(entry["name"])
        if name_key in found:  # the Cyrillic names of an ambiguous name are too
            why = found[name_key][1]
            for text in entry["original"].values():
                found.setdefault(fold_word(text), (text, why, found[name_key][2]))
        entry["ambiguous"] = sorted(found.values(), key=lambda f: (f[0].casefold(), f[0]))


def lost_readings(base: Any, new: Any) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The written forms of *base*'s words (compiled indexes) that *new* reads as one
    of its own new words instead of an entity they named in *base*: form -> (the new
    word that took it, the entities lost). A word of the table is read as itself
    before it is read as another word's case form (``compile/lookup.lookup``), so a
    new form holding the word ``донецька`` (Донецька область) hides the genitive of
    Донецьк, unless the matcher also reads it as that case form where no phrase of
    the new word completes (``match/general.case_form_too``: a word that names
    nothing alone); and two words sharing a stem share its endings (a new
    ``khmelnitska`` takes ``khmelnitskom`` from Khmelnitsky). A form that *new* reads as another
    word *base* already had is left out: that is a change of the words' languages
    (an old word in a new form of another language takes that language's endings),
    not a new word's."""
    from translit.compile.lookup import lookup
    from translit.match.general import case_form_too

    def naming(index: Any) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for phrase, targets in index.phrases.items():
            for word in phrase:
                out.setdefault(word, set()).update(t.entity for t in targets)
        return out

    written = set(base.forms.words)
    for stem, (_, endings) in base.forms.stems.items():
        written.update(stem + ending for ending in endings)
    before, after = naming(base), naming(new)
    lost: dict[str, tuple[str, tuple[str, ...]]] = {}
    for form in sorted(written):
        was, now = lookup(base.forms, form, weak=True), lookup(new.forms, form, weak=True)
        if was == now or was is None or (now is not None and now[0] in base.forms.words):
            continue
        if now is not None and was[1] and not now[1] and case_form_too(new, now[0], True) == was[0]:
            continue  # read as the old word's case form too, where no phrase completes
        gone = before.get(was[0], set()) - (after.get(now[0], set()) if now else set())
        if gone:
            lost[form] = (now[0] if now else "", tuple(sorted(gone)))
    return lost


def form_words(text: str, lang: str, generate: bool) -> set[str]:
    """The words (as the compiler keys them) of a form of *text*, and with *generate*
    of every spelling the generator makes of it."""
    texts = [text]
    if generate:
        entity = Entity("x", "place", text, None, None, "places:1")
        entity.forms = [Form(text, lang, "original", "places:1")]
        texts += [spelling for spelling, _, _ in generated_forms(entity)]
    return {fold_word(w).strip("'") for t in texts for w in fold_word(t).split(" ")}
