"""The scan: one automaton pass over the folded text, then phrases, then checks.

1. Fold the text (:mod:`translit.fold`) and walk the automaton once over it
   (ahocorasick-rs: one call returns every anchor hit).
2. Keep the hits at the start of a word (letters of every script, digits, marks
   and ``_`` continue a word), and read the whole word there. A German genitive
   ``-s`` after a capitalized German spelling (Lukaschenkos, Putins) is allowed
   and stays outside the mention. A stem followed by one of its case endings is
   an inflected hit (:mod:`translit.inflection`).
3. The short path: a word that names one thing alone (:meth:`Index.quick`), with
   plain surroundings and no phrase reaching it from the left, becomes a mention
   at once. Most names in running text take it.
4. Every other hit goes the general way: from left to right, each hit is joined
   with the hits that follow it across whitespace (one line break at most) into
   the longest phrase of the table; if that phrase fails a check
   (:mod:`translit.checks`), shorter ones at the same place are tried.

Both paths give the same mentions; the short one only skips work. Matches are
leftmost-longest and never overlap.
"""

from __future__ import annotations

import unicodedata
from unicodedata import combining

from .casing import restyle
from .checks import BIDI, accept, after_given_name, inside, plain_surroundings
from .finder import Found
from .fold import KEY_WORD, fold
from .index import Index, Target, WordForms, lookup
from .limits import MAX_FORM_LENGTH
from .mention import Mention
from .protect import CodeSpans, code_spans
from .quick import PENDING, QuickTable

__all__ = ["match_whole", "scan", "scan_general"]

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_GAP = " \t" + _BREAKS
_LONGEST = MAX_FORM_LENGTH + 16  # the longest form of a table, with an ending
# after a word: what may follow a name on the short path (the rest of the
# surroundings is checked by plain_surroundings)
_ENDS = frozenset(" \t\n\r,.;:!?)]}\"'»”’")
_BEFORE = frozenset(" \t\n\r(\"'«“‘[")
_SPACE = frozenset(" \t\n\r")
new_tuple = tuple.__new__  # a Mention without the named tuple's Python-level __new__

Hit = tuple[int, str, bool]  # end, the word of the table, inflected
Hits = dict[int, list[Hit]]  # by start


def scan(index: Index, text: str, style: str, replace_inflected: bool = False) -> list[Mention]:
    """All mentions of *index*'s entities in *text*, with replacements in *style*.

    An inflected mention keeps its text unless *replace_inflected* is true.
    """
    key, offsets = fold(text)
    if offsets is None and "`" not in text and "~~~" not in text:
        found = index.finder.first(key)
        if not found:
            return []
        mentions, rest = _short_path(index, key, text, found, style, replace_inflected)
        if rest:
            mentions += _general(index, key, text, None, None, rest, style, replace_inflected)
            mentions.sort()
        return mentions
    return scan_general(index, text, style, replace_inflected)


def scan_general(
    index: Index, text: str, style: str, replace_inflected: bool = False
) -> list[Mention]:
    """:func:`scan` without the short path: the same mentions, found the slow way
    (for texts with code spans or dropped characters, and for tests)."""
    key, offsets = fold(text)
    hits = _word_hits(index, key, index.finder.every(key))
    code = CodeSpans(code_spans(text)) if "`" in text or "~~~" in text else None
    return _general(index, key, text, offsets, code, hits, style, replace_inflected)


def _short_path(
    index: Index,
    key: str,
    text: str,
    found: Found,
    style: str,
    replace_inflected: bool,
) -> tuple[list[Mention], Hits]:
    """The mentions of quick words (see the module's step 3), and the hits left for the
    general path.

    This is the hot loop, written for speed: for a name written as in the table,
    a few comparisons and one list lookup.
    """
    table = index.quick(style)
    by_pattern = table.by_pattern
    table_words = table.words
    given_ends = table.given_ends
    joined = index.finder.joined
    forms = index.forms
    genitive = index.genitive
    word_end = KEY_WORD.match
    mentions: list[Mention] = []
    rest: Hits = {}
    n = len(key)
    chain = -1  # end of the last hit left to the general path
    lonely = -1  # start of that hit when it can only begin a phrase (a given name) and
    # no phrase reaches it from the left
    opener = -1  # start of that hit when it is a whole word that may begin a phrase
    first = ""  # and its word
    phrases = index.phrases
    for pattern, start, end in found:
        if pattern >= joined:  # L'viv, Wit-Rusland: the general path takes the word
            lonely = opener = -1
            chain = max(chain, _spanned_hits(index, key, start, end, rest))
            continue
        before = key[start - 1] if start else " "
        if before not in _BEFORE and (before.isalnum() or before == "_" or combining(before)):
            continue  # not the start of a word
        linked = chain >= 0 and not key[chain:start].strip(_GAP)
        if lonely >= 0 and not linked:
            del rest[lonely]  # "Maria" and no surname after it: the general path finds nothing
        lonely = -1
        stop = end
        after = key[stop] if stop < n else " "
        entry = by_pattern[pattern]
        if entry is PENDING:
            entry = table.pattern(pattern)
        inflected = unknown = False
        if after not in _ENDS:  # the word goes on: an inflected form?
            entry = None
            limit = start + _LONGEST
            stop = word_end(key, end, limit if limit < n else n).end()  # type: ignore[union-attr]
            after = key[stop] if stop < n else " "
            if after in _ENDS and stop < limit:
                word = key[start:stop]
                form = table.form(word)
                if form is None:  # "statement" at an anchor "stat": no form of the table,
                    # unless a joiner or a genitive -s makes one (the general path looks)
                    unknown = not (
                        "'" in word
                        or "-" in word
                        or (word[-1] == "s" and word[:-1] in genitive)
                    )
                elif form[1]:
                    entry = table.word(form[0])
                    inflected = True
        if opener >= 0:
            # a two-word name after one space ("Alyaksandr Lukashenka"): the phrase the
            # general path would take first, when it needs no check beyond these
            pair = None
            if chain == start - 1 and stop == end and after in _ENDS:
                second = table_words[pattern]
                if second is not None:
                    pair = table.phrase((first, second))
            if (
                pair is not None
                and (
                    after in _SPACE
                    or (after != "'" and plain_surroundings(key, opener, stop))
                    or (after == "'" and _possessive(table, key, opener, stop, start))
                )
                and not (pair.expressions and inside(key, opener, pair.expressions))
            ):
                del rest[opener]
                written = text[opener:stop]
                mentions.append(
                    new_tuple(
                        Mention,
                        (
                            opener,
                            stop,
                            written,
                            restyle(written, pair.canonical),
                            pair.entity,
                            pair.reason,
                            pair.part,
                            False,
                        ),
                    )
                )
                chain = lonely = opener = -1
                continue
            opener = -1
        if (
            entry is None
            or before not in _BEFORE
            or linked
            or (
                after not in _SPACE
                and not plain_surroundings(key, start, stop)
                and not (after == "'" and _possessive(table, key, start, stop))
            )
        ):
            # the pattern is the whole word when nothing that continues a word follows
            whole = stop == end and after in _ENDS and after != "'"
            table_word = table_words[pattern] if whole else None
            if table_word:  # the pattern is the whole word
                rest[start] = [(end, table_word, False)]
                chain = end
                if not linked:
                    if (table_word,) not in phrases:
                        lonely = start
                    if after == " " and before in _BEFORE:
                        opener, first = start, table_word
                continue
            hits = [] if unknown else _read(forms, genitive, key, start, end)
            if hits:
                rest[start] = hits
                chain = hits[0][0]  # the longest
                if not linked and all((word,) not in phrases for _, word, _ in hits):
                    lonely = start
            continue
        chain = -1
        if inflected:
            expressions = entry.not_when.get(key[start:stop])
            if expressions is not None and inside(key, start, expressions):
                continue
        elif (
            (entry.opens and key.startswith(entry.opens, start))
            or (entry.heads and key.endswith(entry.heads, 0, start))
        ) and inside(key, start, entry.expressions):
            continue
        if (
            entry.surname
            and before == " "
            and (
                given_ends is None
                or key[start - 4 : start - 1] in given_ends
                or key[start - 2] in BIDI  # after_given_name strips them
            )
            and after_given_name(index, key, start)
        ):
            continue
        written = text[start:stop]
        if inflected:
            keep = not replace_inflected
            replacement = written if keep else restyle(written, entry.canonical)
            reason = "inflected form of " + entry.reason
        else:
            replacement = restyle(written, entry.canonical)
            reason = entry.reason
        mentions.append(
            new_tuple(
                Mention,
                (start, stop, written, replacement, entry.entity, reason, entry.part, inflected),
            )
        )
    if lonely >= 0:
        del rest[lonely]
    return mentions, rest


def _spanned_hits(index: Index, key: str, start: int, end: int, rest: Hits) -> int:
    """The hits of a pattern with an apostrophe or hyphen (``l'viv``) found at
    *start*..*end*, for the general path: at *start*, and at each word start after a
    joiner inside, which the leftmost-longest search passed over (see
    :mod:`translit.finder`). Each is read as :func:`_word_hits` reads it, from the
    shortest pattern there. Returns the end of the longest word read, or -1."""
    finder = index.finder
    last = -1
    for at in range(start, end):
        if at:
            before = key[at - 1]
            if before.isalnum() or before == "_" or combining(before):
                continue
        ends = [e for _, s, e in finder.every(key[at : at + finder.longest]) if s == 0]
        if ends:
            hits = _read(index.forms, index.genitive, key, at, at + ends[0])
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


def _general(
    index: Index,
    key: str,
    text: str,
    offsets: list[int] | None,
    code: CodeSpans | None,
    hits: Hits,
    style: str,
    replace_inflected: bool,
) -> list[Mention]:
    """The mentions of *hits*, phrase by phrase, with every check."""
    mentions: list[Mention] = []
    pos = 0
    for start in sorted(hits):
        if start < pos:
            continue
        cands = _phrases(index, key, hits, start)
        if len(cands) > 1:
            cands.sort(key=lambda c: _order(key, c))
        for words, cstart, cend, inflected in cands:
            ostart, oend = _original_span(text, offsets, cstart, cend)
            target = accept(index, key, words, (cstart, cend), text[ostart].isupper())
            if target is None:
                continue
            if code is not None and code.overlaps(ostart, oend):
                break
            keep = inflected and not replace_inflected
            mentions.append(_mention(index, text, (ostart, oend), target, style, inflected, keep))
            pos = cend
            break
    return mentions


Candidate = tuple[tuple[str, ...], int, int, bool]  # words, start, end, inflected


def _order(key: str, cand: Candidate) -> tuple[int, bool]:
    """Longest first; a name with a genitive -s counts the -s, and wins over an inflection."""
    _, _, end, inflected = cand
    genitive = not inflected and end < len(key) and key[end] == "s"
    return -(end + genitive), inflected


def _word_hits(index: Index, key: str, found: Found, weak: bool = False) -> Hits:
    """The whole-word forms of the table at the hits *found* (:meth:`Finder.every`),
    longest first at each start. *weak* also takes inflected forms that are common
    words of another language."""
    hits: Hits = {}
    done: set[int] = set()
    for _, start, anchor_end in found:
        if start in done:  # a word, after its anchor
            continue
        done.add(start)
        if start:
            before = key[start - 1]
            if before.isalnum() or before == "_" or combining(before):
                continue
        read = _read(index.forms, index.genitive, key, start, anchor_end, weak)
        if read:
            hits[start] = read
    return hits


def _read(
    forms: WordForms,
    genitive: frozenset[str],
    key: str,
    start: int,
    anchor_end: int,
    weak: bool = False,
) -> list[Hit]:
    """The forms of the table that the word at *start* (whose anchor ends at
    *anchor_end*) is, or begins with before an apostrophe or hyphen, longest first."""
    n = len(key)
    # no form is longer than MAX_FORM_LENGTH: never read further (a run of
    # "Kiev-Kiev-..." would otherwise be read again at every hit)
    stop = KEY_WORD.match(key, anchor_end, min(n, start + _LONGEST)).end()  # type: ignore[union-attr]
    if stop == start + _LONGEST and stop < n:
        # the cap cut a long run (Kiev-Kiev-...): keep its whole words only
        stop = max(key.rfind("-", anchor_end, stop), key.rfind("'", anchor_end, stop))
        if stop < 0:
            return []  # one word longer than any form
    if stop < n and combining(key[stop]):
        return []  # a mark after the last letter: part of a longer word
    word = key[start:stop]
    ends = [stop]
    if "'" in word or "-" in word:  # Kiev-based, Kiev'e: also the part before each joiner
        ends += [start + i for i in range(len(word) - 1, 0, -1) if word[i] in "'-"]
    found: list[Hit] = []
    for end in ends:
        form = lookup(forms, key[start:end], weak)
        if form is not None:
            found.append((end, form[0], form[1]))
        elif end == stop and word[-1] == "s" and word[:-1] in genitive:
            found.append((end - 1, word[:-1], False))
    return found


def _phrases(index: Index, key: str, hits: Hits, start: int) -> list[Candidate]:
    found: list[Candidate] = []
    stack: list[Candidate] = [((word,), start, end, infl) for end, word, infl in hits[start]]
    while stack:
        words, s, e, infl = stack.pop()
        if words in index.phrases:
            found.append((words, s, e, infl))
        if words not in index.prefixes or (e < len(key) and (key[e].isalnum() or key[e] == "_")):
            continue
        j, breaks = e, 0
        while j < len(key) and key[j] in _GAP:
            breaks += key[j] in _BREAKS and not (key[j] == "\n" and key[j - 1] == "\r")
            j += 1
        if j == e or breaks > 1 or j not in hits:
            continue
        for end, word, inflected in hits[j]:
            stack.append(((*words, word), s, end, infl or inflected))
    return found


def _original_span(text: str, offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a key span back to the input, taking the combining marks of its last letter."""
    if offsets is None:
        return start, end
    ostart, oend = offsets[start], offsets[end - 1] + 1
    while oend < len(text) and unicodedata.combining(text[oend]):
        oend += 1
    return ostart, oend


def _mention(
    index: Index,
    text: str,
    span: tuple[int, int],
    target: Target,
    style: str,
    inflected: bool,
    keep: bool,
) -> Mention:
    start, end = span
    info = index.entities[target.entity]
    written = text[start:end]
    if keep:
        replacement = written
    else:
        replacement = restyle(written, info.canonical(target.part, style))
    reason = f"inflected form of {target.reason}" if inflected else target.reason
    return Mention(start, end, written, replacement, target.entity, reason, target.part, inflected)


def match_whole(index: Index, name: str) -> tuple[Target, bool] | None:
    """The target of *name* when the whole of it is one phrase (and whether inflected).

    No context is required here: the caller says that *name* is a name.
    """
    key, _ = fold(name)
    hits = _word_hits(index, key, index.finder.every(key), weak=True)
    if 0 not in hits:
        return None
    for words, _, end, inflected in sorted(_phrases(index, key, hits, 0), key=lambda c: -c[2]):
        if end == len(key):
            targets = index.phrases[words]
            if len({t.entity for t in targets}) == 1:
                return targets[0], inflected
    return None
