"""The review: each mention that would change, checked in order (see
:mod:`translit.context`); the first check that applies leaves it as written, with
the reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from translit.compile.index import Index
from translit.context.cases import (
    after_inflected_given_name,
    broken_genitive,
    case_form_in,
    case_form_there,
)
from translit.context.discussion import cued, discussed_pairs, gloss, labelled, may_cue
from translit.context.history import historical, may_be_historical
from translit.context.lane import NO_MEMO, plain_lane
from translit.context.names import adjective_in_name, part_of_a_name
from translit.context.people import other_person
from translit.context.reader import MEMO, Surroundings, Word, plain, table_word
from translit.match.checks import ANOTHER
from translit.match.short_path import new_tuple
from translit.mention import Mention
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word
from translit.text.language import style_language

__all__ = ["review"]


def review(
    index: Index,
    text: str,
    mentions: Sequence[Mention],
    style: str,
    lang: str | None,
    replace_inflected: bool,
    explain: bool,
    shift: int = 0,
) -> list[Mention]:
    """*mentions* of *text* with each that should not change left as written, and why.

    Unless *explain*, only the mentions that change are checked, and only when
    one does; with it, every mention also gets the reason a non-canonical form
    stays (inflected, another script) and the language the checks used there
    (the caller's, or its paragraph's where a check needed to tell it; else None),
    and *shift* added to its offsets (where the piece begins in its text).
    """
    changing = [i for i, m in enumerate(mentions) if m[3] != m[2]]  # Mention.changed,
    # read as the tuple's items: a property is an attribute lookup and a call per mention
    if not changing and not explain:
        return list(mentions)
    rules = index.context
    seen = Surroundings(index, rules, text, lang)
    seen.style = style
    seen.starts = {m.start for m in mentions}
    seen.spans = [(m.start, m.end) for m in mentions]
    result = list(mentions)
    entities = {mentions[i].entity for i in changing}  # only these can be left
    discussed = discussed_pairs(seen, result, entities) if len(result) > 1 else set()
    others = {m.entity for m in result if m.left.startswith(ANOTHER)}
    passed = plain_lane(seen, result, changing, discussed, others)
    for i in changing:
        m = result[i]
        if i in passed and m.entity not in others:
            continue  # no check can apply: the common case, told from the words around it
        words = seen.last_two(m.start)
        nxt = seen.next_word(m.end)
        left, inflected = _left(
            seen, result, i, style, replace_inflected, i in discussed, words, nxt
        )
        if left:
            result[i] = m._replace(replacement=m.text, left=left, inflected=inflected)
            if left.startswith(ANOTHER):
                others.add(m.entity)
    if explain:
        reasons = _unchanged_reasons(index, style)
        for i, m in enumerate(result):
            left = m[8]  # left; unless it changes (replacement != text), why it keeps its form
            if not left and m[3] == m[2]:
                key = (m[2], m[4], m[6], m[7])
                found = reasons.get(key)
                if found is None:
                    found = reasons[key] = _unchanged_reason(index, m, style)
                left = found
            start = m[0]
            lang = seen.told(start)  # (a method called by name: compiled, a direct call)
            if shift or left != m[8] or lang != m[9]:  # else the mention is already whole
                fields = (start + shift, m[1] + shift, m[2], m[3], m[4], m[5], m[6], m[7], left,
                          lang)  # (named one by one: a slice and a star would copy twice)
                result[i] = new_tuple(Mention, fields)
    return result


def _unchanged_reasons(index: Index, style: str) -> dict[tuple[str, str, str, bool], str]:
    """:func:`_unchanged_reason` in *style*, remembered per written form, entity, part and
    inflection (at most :data:`~translit.context.reader.MEMO` of them per table)."""
    styles: dict[str, dict[tuple[str, str, str, bool], str]]
    styles = index.memo.setdefault("unchanged", {})
    memo = styles.setdefault(style, {})
    if len(memo) >= MEMO:
        memo.clear()
    return memo


def _unchanged_reason(index: Index, m: Mention, style: str) -> str:
    """Why a mention that does not change keeps a form other than the canonical one
    ("" when it is the canonical one)."""
    if m.inflected:
        return "inflected form"
    canonical = index.entities[m.entity].canonical(m.part, style)
    if m.text == canonical or fold_word(m.text) == fold_word(canonical):
        return ""
    if is_cyrillic(m.text) != is_cyrillic(canonical):
        return "written in another script"
    return ""


def _inflected(reason: str, replace_inflected: bool, discussed: bool) -> tuple[str, bool]:
    """An inflected mention: left with *reason*, or with ``replace_inflected`` changed
    to its nominative, unless the text discusses its spelling (then left as check 6
    leaves it: rewriting one spelling of a pair would make the next run see one
    spelling, and rewrite the other)."""
    if not replace_inflected:
        return reason, True
    return (_DISCUSSED if discussed else ""), True


_DISCUSSED: Final = "the text discusses the spelling"


def _left(
    seen: Surroundings,
    mentions: list[Mention],
    i: int,
    style: str,
    replace_inflected: bool,
    discussed: bool,
    words: tuple[Word, Word],
    nxt: tuple[str, str],
) -> tuple[str, bool]:
    """Why mention *i* stays as written ("" when it changes), and whether it is
    inflected (*words*, *nxt*: the words around it, as :meth:`Surroundings.last_two`
    and :meth:`Surroundings.next_word` read them)."""
    m = mentions[i]
    rules = seen.rules
    info = seen.index.entities[m.entity]
    text = seen.text
    (word1, sep1, written1, _), (word2, _, _, _) = words
    # 1. case forms
    person = info.type == "person"
    if not m.inflected:
        last = m.text[-1].lower()
        if last in rules.case_marks:
            return _inflected(f"inflected form (-{last})", replace_inflected, discussed)
        after = text[m.end : m.end + 2]
        if after[:1] == "s" and not after[1:2].isalnum() and broken_genitive(seen, m):
            return f"a genitive -s would make {m.replacement}s", False
        capitalized = written1[:1].isupper()
        if (
            person
            and (m.part == "full" or (capitalized and plain(sep1)))
            and after_inflected_given_name(seen, m, word1, sep1, capitalized)
        ):
            return _inflected("inflected form (after its given name)", replace_inflected, discussed)
        if m.part != "full" and (person or info.type == "place"):
            langs = seen.index.memo.get("case_forms", NO_MEMO).get((m.text, m.entity))
            if langs is None:
                langs = case_form_in(seen, m)
            if langs:
                lang = seen.lang(m.start)
                if lang in langs or lang is None:  # unsure: any language's case
                    name = rules.names.get(lang or min(langs), "")
                    return _inflected(f"inflected form ({name})", replace_inflected, discussed)
    # 2. a word of the text's own language
    if info.type == "adjective":
        lang = seen.lang(m.start)  # unsure: the word's own language decides
        wanted = style_language(style)
        own = form_languages(seen, m)
        if lang != wanted and not (lang is None and wanted in own):
            lang = lang or min(own, default="")
            return f"{rules.names.get(lang, 'another language')} adjective", False
    # 3. historical and fixed names: only next to a word that begins or ends one, or
    # next to another name (a list of them)
    if may_be_historical(seen, mentions, i, (word2, word1), nxt):
        found = historical(seen, mentions, i, (word2, word1), nxt)
        if found:
            return f"historical name ({found})", False
    # 4. another person
    if person and m.part != "full":
        found = other_person(seen, mentions, i, word1, sep1)
        if found:
            return f"{ANOTHER}{found})", False
    # 5. part of another proper name
    found = part_of_a_name(seen, mentions, i, words[0])
    if found:
        return f"part of another name ({found})", False
    if info.type == "adjective" and nxt[1] == " ":
        found = adjective_in_name(seen, m)
        if found:
            return f"part of another name ({found})", False
    # 6. the text discusses the name
    if (
        discussed
        or ((labelled(seen, m) or nxt[1].strip()[:1] in ("(", "[")) and gloss(seen, m))
        or (may_cue(seen, m, word1, word2) and cued(seen, m))
    ):
        return _DISCUSSED, False
    # last, an inflected form (replace_inflected): its ending must be a case ending of the
    # paragraph's language (English Belarusians, Kievan: no Latvian or Finnish cases)
    if m.inflected:
        lang = seen.lang(m.start)
        if lang is not None and not case_form_there(seen, m, lang):
            return f"not a case form in {rules.names.get(lang, lang)}", False
    return "", False


def form_languages(seen: Surroundings, m: Mention) -> frozenset[str]:
    word = fold_word(m.text).rsplit(" ", 1)[-1]
    found = table_word(seen.index, word)
    return seen.index.word_langs.get(found[0] if found else word, frozenset())
