"""Check 4: another person of the same name: a patronymic after someone else's given
name, and a bare surname whose nearest reference in its paragraph is another
member of the family the table's negatives name."""

from __future__ import annotations

from typing import Final

from translit.compile.index import Index
from translit.compile.lookup import lookup
from translit.context.reader import NONE, REACH, Surroundings, plain, table_word
from translit.mention import Mention

__all__ = ["family_names", "given_key", "other_person", "own_given_names"]


LOOK_BACK: Final = REACH
"""How far back in its paragraph a surname looks for the person it names."""


def other_person(seen: Surroundings, mentions: list[Mention], i: int, word1: str, sep1: str) -> str:
    m = mentions[i]
    index = seen.index
    # a patronymic right before the surname: whose is it?
    if word1.endswith(seen.rules.patronymic_endings) and plain(sep1):
        before = seen.before(m.start)
        given = before[1] if len(before) > 1 and plain(before[1][1]) else None
        own = own_given_names(index, m.entity)
        if given is None or given_key(index, given[0]) not in own:
            begin = given[2] if given else before[0][2]
            return seen.text[begin : m.end]
    # the nearest reference before it in the paragraph: this person, or another?
    family = family_names(index, m.entity)
    if not family:
        return ""
    start = max(seen.paragraph(m.start)[0], m.start - LOOK_BACK)
    this, (other, name) = seen.references(mentions, i, start)
    begin, end = seen.family_at(family, max(start, other + 1), m.start)
    if begin >= 0:
        other, name = begin, seen.text[begin:end]
    return name if other > this else ""


def given_key(index: Index, word: str) -> str:
    found = table_word(index, word)
    return found[0] if found else word


def own_given_names(index: Index, entity: str) -> frozenset[str]:
    """The given names (folded, as the table writes them) of a person's full names."""
    memo: dict[str, frozenset[str]] = index.memo.setdefault("own_given", {})
    if not memo:
        names: dict[str, set[str]] = {}
        for phrase, targets in index.phrases.items():
            for target in targets:
                if target.part == "full" and len(phrase) > 1:
                    names.setdefault(target.entity, set()).update(phrase[:-1])
        memo.update((eid, frozenset(found)) for eid, found in names.items())
        memo.setdefault("", frozenset())
    return memo.get(entity, NONE)


def family_names(index: Index, entity: str) -> frozenset[str]:
    """The given names of other people who share the entity's surname, from the
    table's fixed expressions ("Viktor Lukashenko": viktor)."""
    memo = index.memo.setdefault("family", {})
    if entity not in memo:
        info = index.entities[entity]
        names: set[str] = set()
        for spots in info.not_when.values():
            for phrase, offset in spots:
                words = phrase.split()
                if len(words) == 2 and offset == 0:
                    found = lookup(index.forms, words[1], True)
                    targets = index.phrases.get((found[0],), ()) if found else ()
                    if any(t.entity == entity and t.part == "surname" for t in targets):
                        names.add(words[0])
        memo[entity] = frozenset(names)
    found_names: frozenset[str] = memo[entity]
    return found_names
