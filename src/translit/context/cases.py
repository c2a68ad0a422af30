"""Check 1: case forms that folding would hide, endings of a language other than the
text's, and a genitive -s that would break the word it is glued to."""

from __future__ import annotations

from typing import Final

from translit.compile.index import Index
from translit.context.people import own_given_names
from translit.context.reader import MEMO, Surroundings, plain, table_word
from translit.match.general import scan_general
from translit.mention import Mention
from translit.tables.context_rules import case_bases
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

__all__ = [
    "after_inflected_given_name", "broken_genitive", "case_form_in", "case_form_there",
    "genitive_as_case",
]


def after_inflected_given_name(
    seen: Surroundings, m: Mention, word1: str, sep1: str, capitalized: bool
) -> bool:
    """Whether the person's given name, right before the surname or first in the
    mention, is one of their given names in a case other than the nominative: then
    so is the surname, although it reads as another language's nominative (Czech
    "Alexandra Lukašenka", genitive)."""
    if m.part == "full":
        word = fold_word(m.text).split(" ", 1)[0]
    elif capitalized and plain(sep1):
        word = word1
    else:
        return False
    if word in own_given_names(seen.index, m.entity):
        return False
    found = table_word(seen.index, word)
    return found is not None and found[1] and found[0] in own_given_names(seen.index, m.entity)


def case_form_in(seen: Surroundings, m: Mention) -> frozenset[str]:
    """The languages in which *m*, not a form the table cites for the language, is by
    its case endings a case of a form it does cite, of the same entity: Czech
    *Lukašenka* is the genitive of the Czech press's *Lukašenko*, though Łacinka
    writes it as a nominative."""
    index = seen.index
    memo: dict[tuple[str, str], frozenset[str]] = index.memo.setdefault("case_forms", {})
    found = memo.get((m.text, m.entity))
    if found is None:
        word = fold_word(m.text)
        langs = set()
        for lang, rules in seen.rules.endings.items():
            if lang in index.listed_langs.get(word, ()):
                continue
            if any(
                lang in index.listed_langs.get(base, ()) and _names(index, base, m.entity)
                for base in case_bases(word, rules)
            ):
                langs.add(lang)
        found = frozenset(langs)
        if len(memo) < MEMO:
            memo[m.text, m.entity] = found
    return found


def case_form_there(seen: Surroundings, m: Mention, lang: str) -> bool:
    """Whether the inflected mention *m* (a stem of the table and an ending) is a case
    form in the language *lang*: one of *lang*'s rules makes it from a word of the table
    of the same entity, or *lang* takes a bare genitive -s and it is such a word and an
    -s. Its ending may be another language's only: English *Kievan* and *Odessan* read
    as Finnish genitives of *Kieva* and *Odessa*, and English has no case endings. A
    name of several words, or one in Cyrillic (whose three languages are told apart
    less surely), counts as a case form in any language."""
    word = fold_word(m.text)
    if " " in word or is_cyrillic(word):
        return True
    memo: dict[tuple[str, str, str], bool] = seen.index.memo.setdefault("case_there", {})
    found = memo.get((word, m.entity, lang))
    if found is None:
        index = seen.index
        found = (
            lang in seen.rules.genitive and word[-1:] == "s" and _names(index, word[:-1], m.entity)
        ) or any(
            _names(index, base, m.entity)
            for base in case_bases(word, seen.rules.endings.get(lang, ()))
        )
        if len(memo) < MEMO:
            memo[word, m.entity, lang] = found
    return found


def _names(index: Index, word: str, entity: str) -> bool:
    """Whether the table's word *word* alone names *entity*."""
    return any(t.entity == entity for t in index.phrases.get((word,), ()))


def broken_genitive(seen: Surroundings, m: Mention) -> bool:
    """Whether the canonical form with the bare genitive -s that follows *m* would read
    wrong: a canonical form ending in a sibilant (Belarus + s), or one that with the
    -s is another form the matcher would rewrite (Lavrov + s is Latvian Lavrovs):
    normalizing again would change it once more."""
    if m.replacement[-1:] in _SIBILANTS:
        return True
    return _rewritten(seen.index, m.replacement + "s", seen.style, False)


def genitive_as_case(index: Index, text: str, mentions: list[Mention], style: str) -> list[Mention]:
    """*mentions* of *text* as ``replace_inflected`` reads them: a changed mention
    followed by a bare genitive -s whose canonical form with the -s is an inflected
    form (Lukaschenko + s gives Lukashenkas, Latvian for Lukashenka; Kiew + s gives
    Kyivs) takes the -s and is an inflected form, replaced by the nominative, as the
    next run would replace it (Lukaschenkos gives Lukashenka). A genitive whose
    canonical form with the -s reads well stays attached (Selenskyjs gives
    Zelenskyys); one that the matcher would rewrite even without
    ``replace_inflected`` is left by the review (:func:`broken_genitive`)."""
    result = mentions
    for i, m in enumerate(mentions):
        if (
            m.inflected
            or not m.changed
            or text[m.end : m.end + 1] != "s"
            or text[m.end + 1 : m.end + 2].isalnum()
            or m.replacement[-1:] in _SIBILANTS
        ):
            continue
        glued = m.replacement + "s"
        if _rewritten(index, glued, style, True) and not _rewritten(index, glued, style, False):
            if result is mentions:
                result = list(mentions)
            result[i] = m._replace(
                end=m.end + 1, text=m.text + "s", inflected=True,
                reason=f"inflected form of {m.reason}",
            )  # fmt: skip
    return result


_SIBILANTS: Final = "sSxXzZß"


def _rewritten(index: Index, text: str, style: str, replace_inflected: bool) -> bool:
    """Whether the matcher changes a mention in *text* (remembered per table)."""
    memo: dict[tuple[str, str, bool], bool] = index.memo.setdefault("glued", {})
    found = memo.get((text, style, replace_inflected))
    if found is None:
        found = any(f.changed for f in scan_general(index, text, style, replace_inflected))
        if len(memo) < MEMO:
            memo[text, style, replace_inflected] = found
    return found
