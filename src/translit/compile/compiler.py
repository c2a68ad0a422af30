"""Compiling alias tables into an :class:`~translit.compile.index.Index`.

Every form of every entity becomes a *phrase*: the tuple of its folded words.
A person's forms are also split into given names and a surname, and every
given name is combined with every surname of the same script, so that
"Alexander Lukashenka" (a Russian given name with the Belarusian surname) is
recognized although no table lists it. A given name alone is never a phrase.

Every word is written in several forms (inflections, :mod:`translit.compile.wordforms`);
the automaton holds only their anchors. The matcher finds words in one pass and
joins neighbouring words into phrases, so the cost per megabyte does not grow
with the number of forms.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from translit.compile.finder import Finder
from translit.compile.index import EntityInfo, Index, Target
from translit.compile.reasons import Reasons
from translit.compile.wordforms import next_characters, word_forms
from translit.errors import TableError
from translit.gcpause import paused_gc
from translit.tables.aliases import Ambiguous, Entity, Form
from translit.tables.context_rules import load_context_rules
from translit.tables.inflection import genitive_languages
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

__all__ = ["build_index"]


@paused_gc()
def build_index(
    entities: Iterable[Entity],
    styles: Iterable[str],
    given_names: Iterable[str],
    negatives: Sequence[str] = (),
) -> Index:
    """Compile *entities*; a form claimed by two entities is a :class:`TableError`.

    *negatives* are fixed expressions in which no form names any entity.
    """
    phrases: dict[tuple[str, ...], list[Target]] = {}
    infos: dict[str, EntityInfo] = {}
    given_keys = {fold_word(name) for name in given_names}
    langs: dict[str, set[str]] = {}
    keys = _Keys()
    negative_words = _by_word(negatives)
    listed: dict[str, set[str]] = {}  # the languages whose press the table cites a word for
    reasons: dict[str, int] = {}  # each reason's number, in the order they come
    for entity in entities:
        for form in entity.forms:
            for word in keys.words(form.text):
                langs.setdefault(word, set()).update((form.lang, *form.also))
                if form.origin in ("variant", "style"):
                    listed.setdefault(word, set()).add(form.lang)
        infos[entity.id] = EntityInfo(
            entity.id,
            entity.type,
            entity.name,
            entity.surname,
            entity.wikidata,
            entity.styles,
            _by_word([*entity.not_when, *negatives]) if entity.not_when else negative_words,
        )
        if entity.type == "person":
            targets = _person_targets(entity, given_keys, keys, reasons)
        else:
            unsafe = {keys.words(a.form) for a in entity.ambiguous}
            targets = [
                (keys.words(f.text), _target(entity.id, "name", f, reasons))
                for f in entity.forms
                if keys.words(f.text) not in unsafe
            ]
            targets += _ambiguous_targets(entity, "name", keys, reasons)
        for words, target in targets:
            _add(phrases, words, target)
    for eid, letters in _initials(phrases).items():
        infos[eid] = infos[eid]._replace(initials=frozenset(letters))
    prefixes = frozenset(p[:i] for p in phrases for i in range(1, len(p)))
    all_words = {word for phrase in phrases for word in phrase}
    followers = _followers(phrases)
    follower_starts: set[str] = set()
    forms = word_forms(all_words, langs, followers, follower_starts)
    genitive = genitive_languages()
    return Index(
        {words: tuple(targets) for words, targets in phrases.items()},
        prefixes,
        forms,
        frozenset(w for w in all_words if langs.get(w, _NONE) & genitive and w[-1] not in "sxzß"),
        infos,
        frozenset(given_keys),
        Finder(
            (forms.words - followers) | forms.anchors,
            followers,
            follower_starts,
            {phrase[-2] for phrase in phrases if len(phrase) > 1 and phrase[-1] in followers},
            *next_characters(forms),
        ),
        tuple(styles),
        load_context_rules(),
        _shared(langs),
        _shared(listed),
        Reasons(reasons),
    )


def _followers(phrases: Iterable[tuple[str, ...]]) -> frozenset[str]:
    """The words of letters and digits that only ever end a phrase of two words or more
    (Časiv Âr's âr, Kharkiv Oblast's oblast): the automaton does not seek them, the
    matcher reads one after the word before it (:class:`~translit.compile.finder.Finder`).
    Sought, a short one hits inside every other word (âr in "particular")."""
    ending: set[str] = set()
    other: set[str] = set()
    for phrase in phrases:
        if len(phrase) > 1:
            ending.add(phrase[-1])
        other.update(phrase[:-1] if len(phrase) > 1 else phrase)
    return frozenset(word for word in ending - other if word.isalnum())


def _shared(langs: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """*langs* with frozen sets, one object for each distinct set: a table of 17,000
    words has some 500 (the cache then stores each once, and loads 10 ms faster)."""
    distinct: dict[frozenset[str], frozenset[str]] = {}
    result = {}
    for word, found in langs.items():
        key = frozenset(found)
        result[word] = distinct.setdefault(key, key)
    return result


def _initials(phrases: dict[tuple[str, ...], list[Target]]) -> dict[str, set[str]]:
    """The first letters of the given names each person is written with."""
    initials: dict[str, set[str]] = {}
    for phrase, targets in phrases.items():
        for target in targets:
            if target.part == "full":
                initials.setdefault(target.entity, set()).add(phrase[0][0])
    return initials


_TOKENS = re.compile(r"\w+")
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")  # also read whole by the matcher (Novohrad-Volynskyi)
_NONE: frozenset[str] = frozenset()


def _by_word(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    index: dict[str, list[tuple[str, int]]] = {}
    for phrase in phrases:
        key = fold_word(phrase)
        for tokens in (_TOKENS, _HYPHENATED):
            for token in tokens.finditer(key):
                index.setdefault(token.group(), []).append((key, token.start()))
    return {word: tuple(items) for word, items in index.items()}


class _Keys(dict[str, str]):
    """The key of each word of the table, and the phrase of each form, folded once:
    a table of 100,000 forms repeats its words (given names, surnames, words like
    Novy), and a form is split into words several times while it is compiled."""

    def __init__(self) -> None:
        super().__init__()
        self._phrases: dict[str, tuple[str, ...]] = {}

    def __missing__(self, word: str) -> str:
        key = self[word] = _key(word)
        return key

    def words(self, text: str) -> tuple[str, ...]:
        """The phrase of a form: the keys of its folded words."""
        phrase = self._phrases.get(text)
        if phrase is None:
            phrase = self._phrases[text] = tuple([self[w] for w in fold_word(text).split(" ")])
        return phrase


def _key(word: str) -> str:
    """The key of one word of a form. An apostrophe at a word's edge (a soft sign
    written ', as in Mariupol') is dropped: in text it cannot be told from a
    closing quote, which must never be eaten by a replacement."""
    return fold_word(word).strip("'")


def _reason(form: Form) -> str:
    if form.rule:
        return f"{form.text}: {form.rule}"
    if form.origin == "canonical":
        return f"canonical {form.text}"
    return f"{form.origin} {form.text} ({form.lang})"


def _target(
    entity: str, part: str, form: Form, reasons: dict[str, int], amb: Ambiguous | None = None
) -> Target:
    """The target of *form*, its reason numbered in *reasons*; for an ambiguous one
    (*amb*), with the words that make it safe."""
    reason = reasons.setdefault(_reason(form), len(reasons))
    if amb is None:
        return Target(entity, part, reason, form.where)
    return Target(entity, part, reason, form.where,
                  frozenset(fold_word(w) for w in amb.next),
                  frozenset(fold_word(w) for w in amb.previous), amb.capitalized)


def _person_targets(
    entity: Entity, given_keys: set[str], keys: _Keys, reasons: dict[str, int]
) -> list[tuple[tuple[str, ...], Target]]:
    surnames: dict[tuple[str, bool], Form] = {}
    givens: dict[tuple[tuple[str, ...], bool], Form] = {}
    for form in entity.forms:
        words = form.text.split(" ")
        cyr = is_cyrillic(form.text)
        surnames.setdefault((keys[words[-1]], cyr), _part(form, words[-1]))
        if len(words) > 1:
            given = tuple([keys[w] for w in words[:-1]])
            givens.setdefault((given, cyr), _part(form, " ".join(words[:-1])))
            given_keys.add(" ".join(given))
    ambiguous = {keys[a.form]: a for a in entity.ambiguous}
    result: list[tuple[tuple[str, ...], Target]] = []
    for (surname, cyr), form in surnames.items():
        amb = ambiguous.get(surname)
        if amb is None:
            result.append(((surname,), _target(entity.id, "surname", form, reasons)))
        for (given, given_cyr), given_form in givens.items():
            if given_cyr == cyr:
                full = _part(form, f"{given_form.text} {form.text}")
                if given_form.rule and given_form.rule != form.rule:
                    full = dataclasses.replace(full, rule=f"{given_form.rule} + {form.rule}")
                result.append(((*given, surname), _target(entity.id, "full", full, reasons)))
    return result + _ambiguous_targets(entity, "surname", keys, reasons)


def _ambiguous_targets(
    entity: Entity, part: str, keys: _Keys, reasons: dict[str, int]
) -> list[tuple[tuple[str, ...], Target]]:
    result = []
    for amb in entity.ambiguous:
        form = Form(amb.form, amb.lang, "ambiguous form", amb.where)
        result.append((keys.words(amb.form), _target(entity.id, part, form, reasons, amb)))
    return result


def _part(form: Form, text: str) -> Form:
    return dataclasses.replace(form, text=text)


def _add(phrases: dict[tuple[str, ...], list[Target]], words: tuple[str, ...], new: Target) -> None:
    targets = phrases.setdefault(words, [])
    for old in targets:
        if old.entity == new.entity:
            return
        if old.next_words is None and new.next_words is None:
            path, _, line = new.where.rpartition(":")
            raise TableError(
                path,
                int(line),
                f"{' '.join(words)!r} is claimed by {new.entity!r} and by {old.entity!r} "
                f"({old.where})",
                "keep it in one entity, or list it under 'ambiguous:' with the words that decide",
            )
    targets.append(new)
