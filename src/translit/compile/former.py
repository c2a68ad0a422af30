"""Former names: recognized as the entity, left as written (docs/places.md).

A town's former name (``former:`` in a table: Dnipropetrovsk, Artemivsk,
Kirovohrad) names the same place, but a text that writes it speaks of the town's
history, not of a spelling to fix. Each former form, and every spelling the
schemes and press languages make of its Cyrillic ones (Dnepropetrovsk,
Dnjepropetrowsk), becomes a form of the entity with the reason "former name"
and a fixed expression of it (``not_when``), so ``find()`` reports it and
``normalize()`` leaves it; ``canonical()`` gives the town's canonical form.

A former spelling that is a form of another entity is dropped: a former name
never takes a current one's place (Dzerzhinsk is also a town of Russia's). One
with a hyphen (Novohrad-Volynskyi) is kept: the matcher reads it as one word, and
the compiler indexes fixed expressions by such words too.

>>> from translit.tables.aliases import Entity, Form
>>> town = Entity("dnipro", "place", "Dnipro", None, None, "t:1")
>>> town.forms = [Form("Dnipro", "en", "canonical", "t:1"),
...               Form("Днепропетровск", "ru", "former name", "t:2")]
>>> [f.text for f in add_former([town])[0].forms][:3]
['Dnipro', 'Днепропетровск', 'Dnepropetrovsk']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from translit.compile.index import FORMER
from translit.compile.variants import generated_forms
from translit.tables.aliases import Entity, Form
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

__all__ = ["add_former"]



def add_former(entities: Iterable[Entity]) -> list[Entity]:
    """*entities*, each former name with its spellings as forms left as written."""
    entities = list(entities)
    current: dict[str, str] = {}  # every other form -> its entity
    former: dict[str, set[str]] = {}  # every former spelling -> the entities it names
    made: dict[str, list[Form]] = {}
    for entity in entities:
        for form in entity.forms:
            if form.origin != FORMER:
                current.setdefault(fold_word(form.text), entity.id)
        listed = [f for f in entity.forms if f.origin == FORMER]
        if not listed:
            continue
        probe = Entity(entity.id, entity.type, entity.name, None, None, entity.where)
        probe.forms = [dataclasses.replace(f, origin="original") for f in listed
                       if is_cyrillic(f.text)]
        spellings = list(listed)
        for spelling, lang, reason in generated_forms(probe):
            spellings.append(Form(spelling, lang, FORMER, entity.where, f"{FORMER}, {reason}"))
        made[entity.id] = spellings
        for form in spellings:
            former.setdefault(fold_word(form.text), set()).add(entity.id)
    for entity in entities:
        if entity.id not in made:
            continue
        keep: dict[str, Form] = {}
        for form in made[entity.id]:
            key = fold_word(form.text)
            if (
                not key
                or len(former[key]) > 1
                or current.get(key, entity.id) != entity.id
            ):
                continue
            keep.setdefault(key, form)
        entity.forms = [f for f in entity.forms if f.origin != FORMER] + list(keep.values())
        entity.not_when.extend(f.text for f in keep.values())
    return entities
