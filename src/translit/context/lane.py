"""The review's plain lane: the mentions that would change and that no check can
leave, told in one pass over the mentions of a piece from a few characters and set
lookups around each (:func:`plain_lane`). Every other mention goes through every
check, in order (:mod:`translit.context.review`); ``tests/test_context.py`` holds the
two together."""

from __future__ import annotations

from typing import Final

from translit.compile.index import Index
from translit.context.cases import after_inflected_given_name
from translit.context.discussion import labelled, may_cue
from translit.context.history import may_be_historical
from translit.context.names import part_of_a_name
from translit.context.people import LOOK_BACK, family_names, own_given_names
from translit.context.reader import MEMO, WINDOW, Surroundings, plain, word_key
from translit.mention import Mention
from translit.text.fold import fold_word
from translit.text.language import style_language

__all__ = ["NO_MEMO", "plain_lane"]

NO_MEMO: Final[dict[tuple[str, str], frozenset[str]]] = {}
"""What a table remembers of case forms before it has remembered any."""


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
    2. not an adjective, unless its paragraph's language is the style's (told here as
       check 2 would tell it), and a plain word not capitalized follows it;
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
    :meth:`Surroundings.next_word` read them; the common case (words of letters after
    single spaces) inline."""
    text = seen.text
    rules = seen.rules
    index = seen.index
    entities = index.entities
    case_marks = rules.case_marks
    near_before, near_before2, near_after = rules.near_before, rules.near_before2, rules.near_after
    case_forms = index.memo.get("case_forms", NO_MEMO)
    own_full = _own_full(index)
    wanted = style_language(seen.style)
    passed: set[int] = set()
    for i in changing:
        m = mentions[i]
        if i in discussed or m.inflected:
            continue
        entity = m.entity
        kind = entities[entity].type
        if entity in others:
            continue
        start, end, written = m.start, m.end, m.text
        # the two words before it (Surroundings.last_two's common case, inline: two
        # words of letters after single spaces)
        plain_before = False
        if start > 2 and text[start - 1] == " ":
            space = text.rfind(" ", start - 40 if start > 40 else 0, start - 1)
            written1 = text[space + 1 : start - 1] if space > 0 else ""  # (not from the
            # piece's start: a slice of it all, for each such mention, grew with it)
            if written1.isalpha():
                space2 = text.rfind(" ", space - 40 if space > 40 else 0, space)
                written2 = (
                    text[space2 + 1 : space]
                    if (space2 >= 0 or space <= 40) and space2 + 1 >= start - WINDOW
                    else ""
                )  # (none found within 40 characters of the text's start: its first word;
                # one begun more than WINDOW back: last_two reads it cut)
                if written2.isalpha():
                    # word_key's ASCII case inline (a call per word costs the
                    # interpreted build more than the lowering)
                    word1 = written1.lower() if written1.isascii() else word_key(written1)
                    word2 = written2.lower() if written2.isascii() else word_key(written2)
                    sep1 = " "
                    before = (word1, sep1, written1, space + 1)
                    plain_before = True
        if not plain_before:
            before, (word2, _, _, _) = seen.last_two(start)
            word1, sep1, written1, _ = before
        if written1[:1].isupper():
            if part_of_a_name(seen, mentions, i, before):
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
        if kind == "adjective" and seen.lang(start) != wanted:
            continue  # a word of the paragraph's language (check 2, which would tell the
            # language here too: check 1 leaves none of these)
        # the word after it (Surroundings.next_word's common case, inline)
        following = ""
        if after == " ":
            space = text.find(" ", end + 1, end + 40)
            following = text[end + 1 : space] if space > 0 else ""
            if following.isalpha():
                word = following.lower() if following.isascii() else word_key(following)
                sep = " "
            else:
                following = ""
                word, sep = seen.next_word(end)
        else:
            word, sep = seen.next_word(end)
        if kind == "adjective" and (not following or following[0].isupper()):
            continue  # the start of a proper name it may begin (check 5)?
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
            if seen.any_occurs(_family_written(index, entity), floor, start):
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
