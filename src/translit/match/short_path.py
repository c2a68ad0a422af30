"""The matcher's short path: most names in running text become mentions here, after a
few comparisons and one list lookup.

A word or a two-word name that names one thing alone (:mod:`translit.compile.quick`),
with plain surroundings and no phrase reaching it from the left, is a mention at
once: as written, inflected, before a bare genitive -s (Lukaschenkos) or before the
one hyphen of a compound (Odessa-based). A name alone that may begin a longer phrase
(Kharkiv, and Kharkiv Oblast) is held until the next hit shows that none goes on.
Every other hit is left to the general path (:mod:`translit.match.general`), which
gives the same mentions the slow way (``tests/test_matcher.py``).
:func:`short_path` is one hot loop, written for speed: its tests are inline
(the general path's functions say which).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import itemgetter
from typing import Final
from unicodedata import combining

from translit.compile.finder import Found
from translit.compile.index import Index
from translit.compile.quick import PENDING, Quick, QuickTable, quick_table
from translit.match.checks import (
    ATTACHED,
    BIDI,
    PLAIN_AFTER,
    PLAIN_BEFORE,
    PLAIN_END,
    after_given_name,
    inside,
    left_reason,
    plain_surroundings,
)
from translit.match.general import (
    GAP,
    LONGEST,
    Hit,
    Hits,
    case_form_too,
    case_forms_too,
    follower_at,
    plain_token,
    read,
    starts_word,
)
from translit.mention import Edit, Mention
from translit.text.casing import restyle
from translit.text.fold import KEY_WORD, word_stop
from translit.text.protect import MARKS, Spans

__all__ = ["new_tuple", "short_path"]

# what may stand before and after a name on the short path: the plain surroundings
# of checks.plain_surroundings (which checks the rest)
_ENDS: Final = PLAIN_AFTER
_BEFORE: Final = PLAIN_BEFORE
_SPACE: Final = frozenset(" \t\n\r")
new_tuple: Final = tuple.__new__  # a Mention without the named tuple's Python-level __new__


def short_path(
    index: Index,
    key: str,
    text: str,
    found: Found,
    style: str,
    replace_inflected: bool,
    explain: bool = True,
    shift: int = 0,
    spans: Spans | None = None,
    code: Spans | None = None,
    lag: int = 0,
) -> tuple[list[Mention | Edit], Hits]:
    """The mentions of quick words (see the module's docstring), and the hits left for the
    general path. A hit right after a slash, an equals sign or a dot, one that starts in
    one of *spans* (:func:`~translit.text.protect.token_spans`: sorted, apart) and one
    that touches *code* (:func:`~translit.text.protect.code_spans`) are passed over, as
    :func:`~translit.text.protect.outside_long_tokens` and
    :func:`~translit.text.protect.outside_code` would drop them: as the hits are read,
    not in a pass of their own over them each. *lag*: how far past its pattern each hit
    ends (:meth:`~translit.compile.finder.Finder.word_hits`).

    This is the hot loop, written for speed: for a name written as in the table,
    a few comparisons and one list lookup.
    """
    table = quick_table(index, style)
    by_pattern = table.by_pattern
    lone_by_pattern = table.lone_by_pattern
    table_words = table.words
    by_words = table.by_words  # (the table's memos, read here first: a call costs more)
    forms_seen = table.forms
    given_ends = table.given_ends
    joined = index.finder.joined
    next_letters = index.finder.next_letters
    next_pairs = index.finder.next_pairs
    genitive = index.genitive
    mentions: list[Mention | Edit] = []
    rest: Hits = {}
    n = len(key)
    chain = -1  # end of the last hit left to the general path
    lonely = -1  # start of that hit when it can only begin a phrase (a given name) and
    # no phrase reaches it from the left
    opener = -1  # start of that hit when it is a whole word that may begin a phrase
    first = ""  # and its word
    quoted = False  # and whether an attached opening quote is right before it („Dmitri)
    held = -1  # start of a name alone that may begin a longer phrase (Kharkiv, and
    # Kharkiv Oblast), taken here unless the next hit is linked to it: then it goes to
    # rest after all, and its mention (if one was made, the last) is taken back
    held_from = 0  # how many mentions there were before it
    held_hits: list[Hit] | None = None  # its hits, when it is inflected (else its word)
    lone = False  # the hit is such a name (set and read in one round)
    leaders = index.finder.leaders  # words a follower may come after (see _follows)
    leads = False  # whether the hit at lonely or held is one
    phrases = index.phrases
    known_too = case_forms_too(index)
    spans = spans or []
    code = code or []
    t = c = 0  # the first span of each that ends after the hit before began
    far = n + 1
    guard = min(spans[0][0] if spans else far, code[0][0] if code else far)  # where the
    # next span of either begins: a hit that ends there or before is in none
    for pattern, start, end in found:
        end -= lag
        if end > guard:  # (the hits come in order, apart)
            while t < len(spans) and spans[t][1] <= start:
                t += 1
            while c < len(code) and code[c][1] <= start:
                c += 1
            span_at = spans[t][0] if t < len(spans) else far
            code_at = code[c][0] if c < len(code) else far
            guard = span_at if span_at < code_at else code_at
            if span_at <= start or code_at < end:
                continue  # in a token that is not prose, or touching code
        before = key[start - 1] if start else " "
        if before in MARKS:  # a path, a query, a domain (as outside_long_tokens)
            continue
        if pattern >= joined:  # L'viv, Wit-Rusland: the general path takes the word
            if held >= 0:  # and the name before it, as the general path would
                del mentions[held_from:]
                rest[held] = _held(key, held, chain, held_hits)
                held = -1
            lonely = opener = -1
            chain = max(chain, _spanned_hits(index, key, start, end, rest))
            continue
        if before not in _BEFORE and (before.isalnum() or before == "_" or combining(before)):
            continue  # not the start of a word (general.starts_word, inline)
        if chain >= 0:
            linked = not key[chain:start].strip(GAP)
            if held >= 0:  # (then chain is where it ends)
                if linked or (leads and _follows(table, key, chain)):  # a phrase may go on:
                    del mentions[held_from:]  # the general path decides
                    rest[held] = _held(key, held, chain, held_hits)
                held = -1
        else:
            linked = False
        if lonely >= 0 and not linked and not (leads and _goes_on(table, key, rest[lonely])):
            del rest[lonely]  # "Maria" and no surname after it: the general path finds nothing
        lonely = -1
        stop = end
        after = key[stop] if stop < n else " "
        if after not in _ENDS:
            letters = next_letters[pattern]
            if letters is not None and after not in letters and after.isalpha():
                opener = -1  # no form of the table goes on so after the anchor
                continue  # ("statement" at "stat"): the general path would find none
            pairs = next_pairs[pattern]
            if pairs is not None and key[stop : stop + 2] not in pairs and after.isalpha():
                if key[stop + 1 : stop + 2].isalpha():  # nor so two letters after it
                    opener = -1  # ("statem"), nor a genitive -s
                    continue
        entry = by_pattern[pattern]
        if entry is PENDING:
            entry = table.pattern(pattern)
        inflected = unknown = False
        cut = -1  # where the mention ends inside the word (before a genitive -s or a hyphen)
        if after not in _ENDS:  # the word goes on: an inflected form?
            entry = None
            limit = start + LONGEST
            stop = word_stop(key, end, limit if limit < n else n)
            after = key[stop] if stop < n else " "
            if after in _ENDS and stop < limit:
                word = key[start:stop]
                form = forms_seen.get(word)  # (no default object: a plain tuple would be
                if form is None and word not in forms_seen:  # made anew by the compiled code)
                    form = table.form(word)
                if form is None:  # "statement" at an anchor "stat": no form of the table,
                    # unless a joiner or a genitive -s makes one
                    joined_word = "'" in word or "-" in word
                    genitive_s = word[-1] == "s" and word[:-1] in genitive
                    unknown = not (joined_word or genitive_s)
                    if genitive_s and not joined_word and text[start].isupper():
                        # a bare genitive -s after a capitalized name (Lukaschenkos): the
                        # name alone is the mention, as the general path reads it
                        # (general._forms_at) and checks it (checks.accept)
                        entry = by_words.get((word[:-1],), PENDING)
                        if entry is PENDING:
                            entry = table.word(word[:-1])
                        if entry is None:  # a name alone that may begin a phrase (Kiews)
                            entry = table.lone_word(word[:-1])
                            lone = entry is not None
                        cut = stop - 1
                    elif not genitive_s and "'" not in word and word.count("-") == 1:
                        # a compound of one hyphen (Odessa-based): the form before it,
                        # as the general path reads it at the joint
                        cut = start + word.index("-")
                        part = key[start:cut]
                        form = forms_seen.get(part)
                        if form is None and part not in forms_seen:
                            form = table.form(part)
                        if form is not None:
                            entry = by_words.get((form[0],), PENDING)
                            if entry is PENDING:
                                entry = table.word(form[0])
                            inflected = form[1]
                            if entry is None:  # a name alone that may begin a phrase
                                entry = table.lone_word(form[0])  # (Kiev-based)
                                lone = entry is not None
                elif form[1]:
                    entry = by_words.get((form[0],), PENDING)
                    if entry is PENDING:
                        entry = table.word(form[0])
                    inflected = True
                    if entry is None:  # a name alone that may begin a phrase, inflected?
                        entry = table.lone_word(form[0])
                        lone = entry is not None
        if opener >= 0:
            # a two-word name after one space ("Alyaksandr Lukashenka"): the phrase the
            # general path would take first, when it needs no check beyond these
            pair = None
            if chain == start - 1 and stop == end and after in _ENDS:
                second = table_words[pattern]
                if second is not None:
                    pair = by_words.get((first, second), PENDING)
                    if pair is PENDING:
                        pair = table.phrase((first, second))
            if (
                pair is not None
                and (
                    (after in PLAIN_END and not quoted)
                    or (after != "'" and plain_surroundings(key, opener, stop))
                    or (
                        after == "'"
                        and not quoted
                        and _possessive(table, key, opener, stop, start)
                    )
                )
                and not (pair.expressions and inside(key, opener, pair.expressions))
            ):
                del rest[opener]
                _add_pair(mentions, pair, text, opener, stop, explain, shift)
                chain = lonely = opener = -1
                continue
            opener = -1
        if entry is None and stop == end and after in _ENDS:
            entry = lone_by_pattern[pattern]  # a name alone that may begin a phrase?
            if entry is PENDING:
                entry = table.lone(pattern)
            lone = entry is not None
        if (
            entry is None
            or before not in _BEFORE
            or linked
            or (
                (after not in PLAIN_END or before in ATTACHED)
                and not plain_surroundings(key, start, stop)
                and not (after == "'" and _possessive(table, key, start, stop))
            )
        ):
            lone = False
            # the pattern is the whole word when nothing that continues a word follows
            whole = stop == end and after in _ENDS and after != "'"
            table_word = table_words[pattern] if whole else None
            if table_word:  # the pattern is the whole word
                other = known_too.get(table_word, table_word)
                if other == table_word:  # not asked yet
                    other = case_form_too(index, table_word)
                if other is None:
                    rest[start] = [(end, table_word, False)]
                else:  # and another word's case form (Донецька)
                    rest[start] = [(end, table_word, False), (end, other, True)]
                chain = end
                if not linked:
                    leads = table_word in leaders or other in leaders
                    if (table_word,) not in phrases and (other is None or (other,) not in phrases):
                        lonely = start
                    if after == " " and before in PLAIN_END:  # (no quote that
                        # plain_surroundings checks)
                        opener, first, quoted = start, table_word, False
                        if leads and _follower_pair(table, key, text, found, start, table_word,
                                                    end, explain, shift, mentions):
                            del rest[start]
                            chain = lonely = opener = -1
                    elif after == " " and before in ATTACHED:  # „Dmitri Peskow“: the pair,
                        # when plain_surroundings finds the quote's own surroundings plain
                        opener, first, quoted = start, table_word, True
                continue
            hits = [] if unknown else read(index, key, start, end)
            if hits:
                rest[start] = hits
                chain = hits[0][0]  # the longest
                if not linked and all((word,) not in phrases for _, word, _ in hits):
                    lonely = start
                    leads = any(word in leaders for _, word, _ in hits)
            continue
        if lone and inflected:  # chained as the general path's branch above leaves it
            held, held_from, lone = start, len(mentions), False
            held_hits = read(index, key, start, end)  # (as the general path reads it)
            chain = held_hits[0][0] if held_hits else stop
            leads = any(word in leaders for _, word, _ in held_hits)
        elif lone:
            held, chain = start, end
            held_from = len(mentions)
            lone = False
            held_hits = None
            leads = table_words[pattern] in leaders
            if after == " " and before in PLAIN_END:
                opener, first, quoted = start, key[start:end], False
                if leads and _follower_pair(table, key, text, found, start, first, end,
                                            explain, shift, mentions):
                    chain = held = opener = -1
                    continue
        else:
            chain = -1
        if cut >= 0:  # the -s or the rest of the compound stays outside the mention
            stop = cut
        spot: tuple[int, int] | None = None
        if inflected:
            expressions = entry.not_when.get(key[start:stop])
            if expressions is not None:
                spot = inside(key, start, expressions)
        elif (
            (entry.opens and key.startswith(entry.opens, start))
            or (entry.heads and key.endswith(entry.heads, 0, start))
        ):
            spot = inside(key, start, entry.expressions)
        if (
            spot is None
            and entry.surname
            and before == " "
            and (
                given_ends is None
                or key[start - 4 : start - 1] in given_ends
                or key[start - 2] in BIDI  # after_given_name strips them
            )
        ):
            given = after_given_name(index, key, start)
            if given >= 0:
                spot = given, stop
        written = text[start:stop]
        if spot is not None:  # a fixed expression, or another person: found and left
            if explain:
                left = left_reason(entry.kind, text[spot[0] : spot[1]], entry.reason)
                fields = (start + shift, stop + shift, written, written, entry.entity,
                          "inflected form of " + entry.reason if inflected else entry.reason,
                          entry.part, inflected, left, None)
                mentions.append(new_tuple(Mention, fields))
            continue
        if inflected:
            replacement = restyle(written, entry.canonical) if replace_inflected else written
            reason = "inflected form of " + entry.reason
        else:
            replacement = restyle(written, entry.canonical)
            reason = entry.reason
        if explain:
            entity, part = entry.entity, entry.part
            fields = (start + shift, stop + shift, written, replacement, entity, reason, part,
                      inflected, "", None)
            mentions.append(new_tuple(Mention, fields))
        elif replacement != written:
            mentions.append((start, stop, written, replacement))
    if lonely >= 0 and not (leads and _goes_on(table, key, rest[lonely])):
        del rest[lonely]
    if held >= 0 and leads and _follows(table, key, chain):
        del mentions[held_from:]
        rest[held] = _held(key, held, chain, held_hits)
    return mentions, rest


def _held(key: str, start: int, end: int, hits: list[Hit] | None) -> list[Hit]:
    """The hits of the name alone held at *start* (ending at *end*), given back to the
    general path: its *hits* when it is inflected, else its word as written."""
    return hits if hits is not None else [(end, key[start:end], False)]


def _add_pair(
    mentions: list[Mention | Edit],
    pair: Quick,
    text: str,
    start: int,
    stop: int,
    explain: bool,
    shift: int,
) -> None:
    """The mention of a quick two-word name at *start*..*stop*, as the hot loop makes one."""
    written = text[start:stop]
    replacement = restyle(written, pair.canonical)
    if explain:
        fields = (start + shift, stop + shift, written, replacement, pair.entity, pair.reason,
                  pair.part, False, "", None)
        mentions.append(new_tuple(Mention, fields))
    elif replacement != written:
        mentions.append((start, stop, written, replacement))


def _follower_pair(
    table: QuickTable,
    key: str,
    text: str,
    found: Found,
    start: int,
    first: str,
    end: int,
    explain: bool,
    shift: int,
    mentions: list[Mention | Edit],
) -> bool:
    """The quick two-word name whose first word ends at *end* after one space, when its
    second word is a follower (Kryvyi Rih, Kharkiv Oblast), which the automaton does
    not seek: added to *mentions* as the hot loop adds one found by two hits, under the
    same conditions (the follower written whole, plain surroundings, no fixed
    expression), when the automaton would have found it alone there (no other hit where
    it begins, and no mask could take it: :func:`~translit.match.general.plain_token`).
    True when added."""
    at = end + 1
    finder = table.index.finder
    if not finder.may_follow(key, at):
        return False
    stop = plain_token(key, at, True)
    if stop is None:
        return False
    stop = _WORD.match(key, at, stop).end()  # type: ignore[union-attr]
    second = key[at:stop]
    after = key[stop] if stop < len(key) else " "
    if second not in finder.followers or after not in _ENDS:
        return False
    pair = table.phrase((first, second))
    if (
        pair is None
        or not (
            after in PLAIN_END
            or (after != "'" and plain_surroundings(key, start, stop))
            or (after == "'" and _possessive(table, key, start, stop, at))
        )
        or (pair.expressions and inside(key, start, pair.expressions))
    ):
        return False
    next_hit = bisect_left(found, at, key=_START)
    if next_hit < len(found) and found[next_hit][1] == at:
        return False
    _add_pair(mentions, pair, text, start, stop, explain, shift)
    return True


_WORD: Final = re.compile(r"\w+")
_START: Final = itemgetter(1)


def _goes_on(table: QuickTable, key: str, hits: list[Hit]) -> bool:
    """Whether a follower may come after one of *hits* (:func:`_follows`)."""
    return any(_follows(table, key, end) for end, _, _ in hits)


def _follows(table: QuickTable, key: str, end: int) -> bool:
    """Whether the general path may read a follower (a phrase's last word, which the
    automaton does not seek) after the word that ends at *end*: where
    :func:`~translit.match.general.follower_at` says one may begin, a word that
    :func:`~translit.match.general.read` would find something in, as the hot loop
    tells it (a form of the table, a joiner, a genitive -s)."""
    at = follower_at(table.index, key, end)
    if at < 0:
        return False
    word = KEY_WORD.match(key, at).group()  # type: ignore[union-attr]
    return (
        table.form(word) is not None
        or "'" in word
        or "-" in word
        or (word[-1] == "s" and word[:-1] in table.index.genitive)
    )


def _spanned_hits(index: Index, key: str, start: int, end: int, rest: Hits) -> int:
    """The hits of a pattern with an apostrophe or hyphen (``l'viv``) found at
    *start*..*end*, for the general path: at *start*, and at each word start after a
    joiner inside, which the leftmost-longest search passed over (see
    :mod:`translit.compile.finder`). Each is read as the general path reads it
    (:func:`~translit.match.general.read`), from the shortest pattern there. Returns the
    end of the longest word read, or -1."""
    finder = index.finder
    starts = [start] if starts_word(key, start) else []
    starts += [
        start + i + 1
        for i, ch in enumerate(key[start : end - 1])
        if not (ch.isalnum() or ch == "_" or combining(ch))
    ]
    if not starts:
        return -1
    found = finder.every(key[start : starts[-1] + finder.longest])  # ordered by end
    last = -1
    for at in starts:
        ends = [e for _, s, e in found if s == at - start]
        if ends:
            hits = read(index, key, at, start + ends[0])
            if hits:
                rest[at] = hits
                last = max(last, hits[0][0])
    return last


def _possessive(table: QuickTable, key: str, start: int, stop: int, last: int = -1) -> bool:
    """An English possessive in plain surroundings (`` Lukashenka's ``), which the
    general path would also take: whitespace before, and no table form with the 's
    (*last*: where the name's last word starts, if not at *start*)."""
    return (
        key.startswith("'s", stop)
        and (start == 0 or key[start - 1] in _SPACE)
        and plain_surroundings(key, start, stop + 2)
        and table.form(key[start if last < 0 else last : stop + 2]) is None
    )


