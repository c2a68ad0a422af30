"""Idempotence as a property of the table: what ``normalize`` writes, it must leave.

After compiling, each output of each entity (its canonical ``name`` and
``surname``, and those of every style) is read back by the matcher in its own
style, as a second run would read it. A table is refused, at the line of the
entry that comes later, naming both entries, when

1. an output is read as something to rewrite: a form of another entity, an
   inflected form (with ``replace_inflected``), or a form that is not the output
   itself (``Mariupol'``: the apostrophe at a word's edge is not part of a name);
2. an output with a bare genitive -s glued to it, as German, Dutch and the
   Scandinavian languages write it, is as a whole a form of another entity
   (``Kyiv`` and a place ``Kyivs``): every genitive of the name would be left as
   written;
3. a form of several words that is not an output holds another entity's output
   (a ``Lukashenka Foundation`` of a ``Lukashenka Foundation Trust``) and that
   entity has other spellings the compiler does not write into it
   (:func:`~translit.compile.variants.add_rewritten` writes them for places):
   ``Lukashenko Foundation`` would become ``Lukashenka Foundation``, then the
   canonical form.

The bundled table passes (``tests/test_table.py``). The check reads with the
matcher, so it stands above it, beside the API: ``normalizer.compile_table`` calls it
on each table it compiles.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from translit.compile.index import Index
from translit.errors import TableError
from translit.match.general import scan_general
from translit.mention import Mention
from translit.tables.aliases import Entity, Form
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

__all__ = ["check_outputs"]

_SIBILANTS = "sSxXzZß"


def check_outputs(index: Index, entities: Sequence[Entity]) -> None:
    """Raise a :class:`TableError` for the first output of *entities* that a second
    run would rewrite (see the module's text)."""
    try:
        _check(index, entities)
    finally:
        _WORDS.clear()


def _check(index: Index, entities: Sequence[Entity]) -> None:
    order = _table_order(entities)
    by_id = {e.id: e for e in entities}
    for entity in entities:
        genitive = any(_words(f.text)[-1] in index.genitive for f in entity.forms)
        for style, output, form in _outputs(entity, index.styles):
            for text in (output, output + "s") if genitive else (output,):
                if text != output and output[-1] in _SIBILANTS:
                    continue  # left as written by the review: it would read wrong
                for m in scan_general(index, text, style, True):
                    if not m.changed or (
                        text != output and (m.entity == entity.id or m.end - m.start < len(text))
                    ):
                        continue  # the same name, or a part of it, glued to its -s: the
                        # review leaves the genitive as written (Lavrovs, Stanytsia Luhanskas)
                    other = _form_of(by_id[m.entity], m)
                    what = f"the {style} output of {entity.id!r} ({form.where})"
                    if text != output:
                        what += " with a genitive -s"
                    result = (
                        "a second run would rewrite it" if text == output
                        else "its genitives would be left as written"
                    )  # fmt: skip
                    _refuse(
                        order, form, other,
                        f"{text!r}, {what}, reads as {m.reason} of {m.entity!r} "
                        f"({other.where}): {result}",
                        "self" if m.entity == entity.id else "other",
                    )  # fmt: skip
    _check_inside(index, entities, order)


def _check_inside(index: Index, entities: Sequence[Entity], order: dict[str, int]) -> None:
    """Rule 3: a form of several words holding another entity's output."""
    outputs: dict[tuple[str, ...], list[tuple[Entity, str, Form]]] = {}
    for entity in entities:
        for style, output, form in _outputs(entity, index.styles):
            outputs.setdefault(_words(output), []).append((entity, style, form))
    longest = max(map(len, outputs), default=0)
    firsts = {words[0] for words in outputs}  # an output held begins with one of these
    for outer in entities:
        if outer.type == "person":
            continue  # a person's name holds no other name (add_rewritten)
        own: set[tuple[str, ...]] | None = None
        for form in outer.forms:
            if form.origin == "generated":
                continue
            words = _words(form.text)
            if len(words) < 2 or firsts.isdisjoint(words):
                continue
            if own is None:
                own = {_words(o) for _, o, _ in _outputs(outer, index.styles)}
            if words in own:
                continue
            written = form.text.split(" ")
            for at, size, inner, style, output_form in _inside(words, outputs, longest):
                if inner is outer:
                    continue
                spelling = _other_spelling(index, inner, written, at, size, output_form)
                if spelling is not None:
                    result = outer.styles.get(style, {}).get("name", outer.name)
                    problem = (
                        f"{form.text!r} of {outer.id!r} ({form.where}) holds "
                        f"{output_form.text!r}, the {style} output of {inner.id!r} "
                        f"({output_form.where}): {spelling!r} would become "
                        f"{form.text!r}, then {result!r}"
                    )
                    _refuse(order, form, output_form, problem, "inside")


def _inside(
    words: tuple[str, ...],
    outputs: dict[tuple[str, ...], list[tuple[Entity, str, Form]]],
    longest: int,
) -> Iterator[tuple[int, int, Entity, str, Form]]:
    """Each output that *words* hold as whole words, shorter than all of them."""
    for size in range(min(longest, len(words) - 1), 0, -1):
        for at in range(len(words) - size + 1):
            for inner, style, form in outputs.get(words[at : at + size], ()):
                yield at, size, inner, style, form


def _other_spelling(
    index: Index, inner: Entity, written: list[str], at: int, size: int, output: Form
) -> str | None:
    """The outer form with another spelling of *inner* in place of its output, when
    no entity has that spelling as a form (then the first run rewrites the inner
    name alone); None when every spelling is a form itself."""
    script = is_cyrillic(" ".join(written[at : at + size]))
    for other in inner.forms:
        text = other.text
        if inner.type == "person" and size == 1:
            text = text.rsplit(" ", 1)[-1]  # the surname
        if is_cyrillic(text) != script or _words(text) == _words(output.text):
            continue
        if len(text.split(" ")) != size and inner.type == "person":
            continue  # a full name for a surname, or the reverse
        spelling = " ".join([*written[:at], text, *written[at + size :]])
        if _words(spelling) not in index.phrases:
            return spelling
    return None


def _outputs(entity: Entity, styles: Sequence[str]) -> Iterator[tuple[str, str, Form]]:
    """(style, output, the form that gives it) for each output of *entity*, once per
    text, in the first style that writes it: the matcher reads a text the same way
    in every style, only the replacement differs (the entity's output there)."""
    canonical = {f.text: f for f in entity.forms if f.origin == "canonical"}
    seen = set()
    for style in styles:
        chosen = entity.styles.get(style, {})
        parts = [chosen.get("name", entity.name)]
        if entity.surname is not None:
            parts.append(chosen.get("surname", entity.surname))
        for text in parts:
            if text in seen:
                continue
            seen.add(text)
            form = canonical.get(text) or next(
                (f for f in entity.forms if f.text == text and f.lang == style), None
            )
            yield style, text, form or Form(text, "en", "canonical", entity.where)


def _form_of(entity: Entity, m: Mention) -> Form:
    """The form of *entity* that the mention *m* was read as (its own entry when the
    form was generated or combined)."""
    key = _words(m.text)
    for form in entity.forms:
        if _words(form.text) == key:
            return form
    return Form(m.text, "und", "generated", entity.where)


def _words(text: str) -> tuple[str, ...]:
    """The phrase of a form, as the compiler keys it; remembered while a table is
    checked (each form is asked for about three times)."""
    found = _WORDS.get(text)
    if found is None:
        found = _WORDS[text] = tuple(w.strip("'") for w in fold_word(text).split(" "))
    return found


_WORDS: dict[str, tuple[str, ...]] = {}
"""The memo of :func:`_words`, emptied when a check ends."""


def _table_order(entities: Sequence[Entity]) -> dict[str, int]:
    """Each table's place in the load order (the bundled table first)."""
    order: dict[str, int] = {}
    for entity in entities:
        for where in (entity.where, *(f.where for f in entity.forms)):
            order.setdefault(where.rpartition(":")[0], len(order))
    return order


def _refuse(order: dict[str, int], form: Form, other: Form, problem: str, kind: str) -> None:
    """The error, at the entry of *form* or *other* that comes later (in the table
    loaded later: the one just added); *problem* names both. *kind*: ``inside``
    (rule 3), ``self`` (an output read as another form of its own entity) or
    ``other``."""
    here = max(form.where, other.where, key=lambda where: _place(order, where))
    path, _, line = here.rpartition(":")
    if kind == "inside":
        fix = (
            "drop it, or make it the output: other spellings of that name in it are rewritten twice"
        )
    elif kind == "self":
        fix = (
            "write the output as it is read (an apostrophe at a word's edge is not part of a name)"
        )
    else:
        fix = "keep the spelling in one entity, or list it under 'ambiguous:' with the words"
    raise TableError(path, int(line), problem, fix)


def _place(order: dict[str, int], where: str) -> tuple[int, int]:
    path, _, line = where.rpartition(":")
    return order.get(path, 0), int(line)
