"""Generated variants: every entity's Cyrillic forms through every scheme and press language.

No table can list every spelling a name gets in print. At compile time each
original-script form of an entity (``original:`` in the table) is romanized
with the schemes of :mod:`translit.romanize` of its own language and the Russian
ones (letters a scheme lacks fall back to unidecode, so Russian schemes also run on
Belarusian and Ukrainian forms, as journalists do; a Russian form gets no Ukrainian
or Belarusian system) and spelled with every press language of
:mod:`translit.tables.press` (a Russian form with the Russian letter values only).
Each result becomes a form of the entity with a reason naming the rule that
made it (``scheme be-bgn of Лукашэнка (be)``, ``press de of Лукашенко (ru)``).

Precision first: a generated spelling is dropped when it is already a form of
the table (of this or another entity), when two entities generate it, or when
it is a common word of one of the press languages (:mod:`translit.tables.common_words`)
or a common given name; such spellings stay usable inside a full name only.
The result is deterministic: the same table gives the same variants in the
same order.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator

from translit.gcpause import paused_gc
from translit.tables.aliases import Ambiguous, Entity, Form
from translit.tables.common_words import CommonWords
from translit.tables.press import load_press, spellings
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

__all__ = ["add_generated", "add_rewritten", "generated_forms"]


def generated_forms(entity: Entity) -> Iterator[tuple[str, str, str]]:
    """(spelling, language, reason) for each romanization of *entity*'s original forms.

    The language is the press language, or ``und`` for a scheme's output.
    """
    from translit.romanize import FallbackWarning, schemes, transliterate

    presses = load_press()
    for form in entity.forms:
        if form.origin != "original" or not is_cyrillic(form.text):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FallbackWarning)
            for scheme in schemes():
                if not _reads(scheme, form.lang):
                    continue
                latin = transliterate(form.text, scheme, errors="fallback")
                yield latin, "und", f"scheme {scheme} of {form.text} ({form.lang})"
        for lang, press in presses.items():
            for spelling in spellings(form.text, press, form.lang):
                yield _title(spelling), lang, f"press {lang} of {form.text} ({form.lang})"


def _reads(scheme: str, lang: str) -> bool:
    """Whether *scheme* romanizes a form of *lang*: a scheme of its own language, or a
    Russian one (the press romanizes Ukrainian and Belarusian names with Russian
    habits, never a Russian name with a Ukrainian or Belarusian system)."""
    own = scheme.split("-", 1)[0]
    return own == "ru" or own == lang or lang not in ("ru", "uk", "be")


def _title(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def _alone(entity: Entity, key: str) -> str:
    """The part of a folded form that can name *entity* by itself: a person's surname
    (given names are shared by many people), or the whole form of anything else."""
    return key.rsplit(" ", 1)[-1] if entity.type == "person" else key


@paused_gc()
def add_generated(entities: Iterable[Entity], given_names: Iterable[str]) -> list[Entity]:
    """*entities* with their generated forms added (safe ones as variants)."""
    entities = list(entities)
    listed: dict[str, str] = {}  # what table forms name alone -> their entity
    for entity in entities:
        for form in entity.forms:
            listed.setdefault(_alone(entity, fold_word(form.text)), entity.id)
    owners: dict[str, set[str]] = {}  # what generated forms name alone -> entities
    made: dict[str, list[tuple[str, str, str, str]]] = {}  # (key, spelling, lang, reason)
    made_by: dict[tuple[str, str], set[str]] = {}  # (entity, key) -> languages that made it
    for entity in entities:
        for spelling, lang, reason in generated_forms(entity):
            key = fold_word(spelling)
            if not key:
                continue
            by = made_by.setdefault((entity.id, key), set())
            if not by:
                made.setdefault(entity.id, []).append((key, spelling, lang, reason))
            by.add(lang)
            owners.setdefault(_alone(entity, key), set()).add(entity.id)
    common = CommonWords.load()
    given = {fold_word(n) for n in given_names}
    for entity in entities:
        flagged: set[str] = set()
        for key, spelling, lang, reason in made.get(entity.id, []):
            also = tuple(sorted(made_by[(entity.id, key)] - {lang}))
            form = Form(spelling, lang, "generated", entity.where, reason, also)
            alone = _alone(entity, key)
            if listed.get(alone, entity.id) != entity.id or len(owners[alone]) > 1:
                continue  # another entity's name: never generated into this one
            entity.forms.append(form)
            if alone in listed or alone in flagged:
                continue
            if alone in given or common.clashes(alone, made_by[(entity.id, key)]):
                flagged.add(alone)
                entity.ambiguous.append(Ambiguous(alone, "und", (), (), form.where))
    return entities


def add_rewritten(entities: list[Entity]) -> list[Entity]:
    """*entities*, with each name of several words that holds another entity's
    canonical form (in any style) also written with every form of that entity:
    ``Homiel Oblast`` (of the Homiel Region) gives ``Gomel Oblast``, ``Homel Oblast``.

    Without them normalizing is not idempotent: the first pass rewrites the inner
    name alone (``Gomel Oblast`` becomes ``Homiel Oblast``), and the second then
    finds the longer name (``Homiel Region``). A spelling that is already a form of
    any entity is not added. Persons are not rewritten inside (a name holds no
    place), nor used as the inner name.
    """
    taken = {fold_word(f.text) for e in entities for f in e.forms}
    outputs: dict[tuple[str, ...], Entity] = {}  # canonical words -> their entity
    for entity in entities:
        if entity.type == "person":
            continue
        for text in (entity.name, *(s.get("name", "") for s in entity.styles.values())):
            words = tuple(fold_word(text).split())
            if words:
                outputs.setdefault(words, entity)
    longest = max(map(len, outputs), default=0)
    for entity in entities:
        if entity.type == "person":
            continue
        added: list[Form] = []
        for form in entity.forms:
            if form.origin == "generated" or " " not in form.text.strip():
                continue
            written = form.text.split()
            folded = [fold_word(w) for w in written]
            for size in range(min(longest, len(folded) - 1), 0, -1):
                for at in range(len(folded) - size + 1):
                    inner = outputs.get(tuple(folded[at : at + size]))
                    if inner is None or inner is entity:
                        continue
                    script = is_cyrillic(" ".join(written[at : at + size]))
                    for other in inner.forms:
                        if is_cyrillic(other.text) != script:
                            continue  # a name is written in one script
                        text = " ".join([*written[:at], other.text, *written[at + size :]])
                        key = fold_word(text)
                        if key not in taken:
                            taken.add(key)
                            reason = f"{form.text} with {other.text} for {inner.name}"
                            added.append(Form(text, form.lang, "generated", form.where, reason))
        entity.forms.extend(added)
    return entities

