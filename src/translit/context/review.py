"""The review: each mention that would change, checked in order (see
:mod:`translit.context`); the first check that applies leaves it as written, with
the reason."""

from __future__ import annotations

from collections.abc import Sequence

from translit.compile.index import Index
from translit.context.cases import after_inflected_given_name, broken_genitive, case_form_in
from translit.context.discussion import cued, discussed_pairs, gloss, labelled, may_cue
from translit.context.history import historical, may_be_historical
from translit.context.names import adjective_in_name, inside_proper_name
from translit.context.people import LOOK_BACK, family_names, other_person, own_given_names
from translit.context.reader import MEMO, WINDOW, Surroundings, Word, plain, table_word, word_key
from translit.mention import Mention
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

__all__ = ["review", "style_language"]


def style_language(style: str) -> str:
    """The language a style writes: its id, or the part before a hyphen; ``en`` for a
    house style named otherwise."""
    head = style.split("-")[0]
    return head if len(head) == 2 and head.isalpha() else "en"


def review(
    index: Index,
    text: str,
    mentions: Sequence[Mention],
    style: str,
    lang: str | None,
    replace_inflected: bool,
    explain: bool,
) -> list[Mention]:
    """*mentions* of *text* with each that should not change left as written, and why.

    Unless *explain*, only the mentions that change are checked, and only when
    one does; with it, every mention also gets the reason a non-canonical form
    stays (inflected, another script) and the language the checks used there
    (the caller's, or its paragraph's where a check needed to tell it; else None).
    """
    changing = [i for i, m in enumerate(mentions) if m.changed]
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
    others = {m.entity for m in result if m.left.startswith(_ANOTHER)}
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
            if left.startswith(_ANOTHER):
                others.add(m.entity)
    if explain:
        for i, m in enumerate(result):
            left = m.left or _unchanged_reason(index, m, style)
            result[i] = m._replace(left=left, lang=seen.told(m.start))
    return result


def _unchanged_reason(index: Index, m: Mention, style: str) -> str:
    if m.changed:
        return ""
    if m.inflected:
        return "inflected form"
    canonical = index.entities[m.entity].canonical(m.part, style)
    if m.text == canonical or fold_word(m.text) == fold_word(canonical):
        return ""
    if is_cyrillic(m.text) != is_cyrillic(canonical):
        return "written in another script"
    return ""


_ANOTHER = "another person ("


def plain_lane(
    seen: Surroundings,
    mentions: list[Mention],
    changing: list[int],
    discussed: set[int],
    others: set[str],
) -> set[int]:
    """The mentions of *changing* (those that would change) that no check can leave,
    told cheaply from what each check needs to apply, most often from a few characters
    and set lookups, in one pass over them. *discussed*: the mentions whose spelling is
    compared with another in their sentence; *others*: the entities a mention before
    is another person of (the caller still skips a mention whose entity joins them
    later). Any other mention goes through every check (:func:`_left`);
    ``tests/test_context.py`` holds the two together. The conditions, by check:

    1. not inflected, no case mark at its end, no -s after it, not a case form of
       another language's (remembered per form), and a full name's given name its own;
       no given name of its own in another case right before a person;
    2. not an adjective;
    3. no historical pattern ends at the words before it or begins after it, no former
       state after it, and no conjunction or comma joins it to a name close by (only
       next to a word of :attr:`~translit.tables.context_rules.ContextRules.near_before`
       or ``near_after`` can one);
    4. a person: no patronymic before it, none of its relatives named in the text
       before it, and no mention of another person of its name (*others*);
    5. not after a capitalized word that makes it part of another proper name (the
       check itself: it is cheap);
    6. not *discussed*, no language name and colon or full stop before it, no bracket
       after it, and no cue ending at the two words before it.

    The words before and after a mention are read as :meth:`Surroundings.last_two` and
    :meth:`Surroundings.next_word` read them; the common case (plain words after single
    spaces) inline."""
    text = seen.text
    rules = seen.rules
    index = seen.index
    entities = index.entities
    case_marks = rules.case_marks
    near_before, near_before2, near_after = rules.near_before, rules.near_before2, rules.near_after
    case_forms = index.memo.get("case_forms", _NO_MEMO)
    own_full = _own_full(index)
    passed: set[int] = set()
    for i in changing:
        m = mentions[i]
        if i in discussed or m.inflected:
            continue
        entity = m.entity
        kind = entities[entity].type
        if kind == "adjective" or entity in others:
            continue
        start, end, written = m.start, m.end, m.text
        # the two words before it (Surroundings.last_two's common case, inline)
        words = None
        if start > 2 and text[start - 1] == " ":
            space = text.rfind(" ", start - 40 if start > 40 else 0, start - 1)
            written1 = text[space + 1 : start - 1]
            if space > 0 and written1.isalpha():
                space2 = text.rfind(" ", space - 40 if space > 40 else 0, space)
                written2 = text[space2 + 1 : space]
                if space2 >= 0 and written2.isalpha():
                    word1 = written1.lower() if written1.isascii() else word_key(written1)
                    word2 = written2.lower() if written2.isascii() else word_key(written2)
                    sep1 = " "
                    if written1[0].isupper():
                        words = seen.last_two(start)
                else:
                    words = seen.last_two(start)
            else:
                words = seen.last_two(start)
        else:
            words = seen.last_two(start)
        if words is not None:
            (word1, sep1, written1, _), (word2, _, _, _) = words
            if written1[:1].isupper():
                if _part_of_a_name(seen, mentions, i, words[0]):
                    continue
                if (
                    kind == "person"
                    and m.part != "full"
                    and plain(sep1)
                    and after_inflected_given_name(seen, m, word1, sep1, True)
                ):
                    continue
        after = text[end : end + 1]
        if after == "s" or written[-1].lower() in case_marks:
            continue
        # the word after it (Surroundings.next_word's common case, inline)
        if after == " ":
            space = text.find(" ", end + 1, end + 40)
            following = text[end + 1 : space]
            if space > 0 and following.isalpha():
                word = following.lower() if following.isascii() else word_key(following)
                sep = " "
            else:
                word, sep = seen.next_word(end)
        else:
            word, sep = seen.next_word(end)
        if (
            (sep != " " and sep.strip()[:1] in ("(", "["))
            or (
                (
                    word1 in near_before
                    or word2 in near_before2
                    or word in near_after
                    or "," in sep
                )
                and (
                    may_be_historical(seen, mentions, i, (word2, word1), (word, sep))
                    or may_cue(seen, m, word1, word2)
                )
            )
            or (
                (
                    text.find(":", start - WINDOW if start > WINDOW else 0, start) >= 0
                    or text.find(".", start - 8 if start > 8 else 0, start) >= 0
                )
                and labelled(seen, m)
            )
        ):
            continue
        if kind == "person":
            if m.part == "full":
                own = own_full.get((written, entity))
                if own is None:
                    own = own_full[written, entity] = (
                        fold_word(written).split(" ", 1)[0] in own_given_names(index, entity)
                    )
                if own:
                    passed.add(i)
                continue
            if word1.endswith(rules.patronymic_endings):
                continue
            floor = start - LOOK_BACK if start > LOOK_BACK else 0
            if any(seen.occurs(name, floor, start) for name in _family_written(index, entity)):
                continue
        if kind in ("person", "place") and m.part != "full":
            langs = case_forms.get((written, entity))
            if langs is None or langs:
                continue  # a case form somewhere, or not known yet
        passed.add(i)
    return passed


def _own_full(index: Index) -> dict[tuple[str, str], bool]:
    """Per full name as written and its entity, whether its given name is one of the
    person's own (remembered per table, at most :data:`~translit.context.reader.MEMO`)."""
    memo: dict[tuple[str, str], bool] = index.memo.setdefault("own_full", {})
    if len(memo) >= MEMO:
        memo.clear()
    return memo


def _family_written(index: Index, entity: str) -> tuple[str, ...]:
    """:func:`~translit.context.people.family_names` of *entity*, capitalized as the text
    writes them."""
    memo: dict[str, tuple[str, ...]] = index.memo.setdefault("family_written", {})
    found = memo.get(entity)
    if found is None:
        found = memo[entity] = tuple(
            name[:1].upper() + name[1:] for name in sorted(family_names(index, entity))
        )
    return found


def _part_of_a_name(seen: Surroundings, mentions: list[Mention], i: int, word: Word) -> str:
    """The proper name mention *i* is the end of, after the capitalized word *word*
    right before it (check 5), or "": not after a space, nor after another mention
    ("Belarusian Kyiv")."""
    _, sep, written, begin = word
    if (
        written[:1].isupper()
        and sep in (" ", "\u00a0")
        and not (i and mentions[i - 1].end >= begin + len(written))
    ):
        return inside_proper_name(seen, mentions[i], begin, written)
    return ""


def _inflected(reason: str, replace_inflected: bool, discussed: bool) -> tuple[str, bool]:
    """An inflected mention: left with *reason*, or with ``replace_inflected`` changed
    to its nominative, unless the text discusses its spelling (then left as check 6
    leaves it: rewriting one spelling of a pair would make the next run see one
    spelling, and rewrite the other)."""
    if not replace_inflected:
        return reason, True
    return (_DISCUSSED if discussed else ""), True


_DISCUSSED = "the text discusses the spelling"


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
            langs = seen.index.memo.get("case_forms", _NO_MEMO).get((m.text, m.entity))
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
            return f"another person ({found})", False
    # 5. part of another proper name
    found = _part_of_a_name(seen, mentions, i, words[0])
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
    return "", False


_NO_MEMO: dict[tuple[str, str], frozenset[str]] = {}


def form_languages(seen: Surroundings, m: Mention) -> frozenset[str]:
    word = fold_word(m.text).rsplit(" ", 1)[-1]
    found = table_word(seen.index, word)
    return seen.index.word_langs.get(found[0] if found else word, frozenset())
