"""The general path: hits joined into phrases, then every check.

From left to right, each hit is joined with the hits that follow it across
whitespace (one line break at most) into the longest phrase of the table; if
that phrase fails a check (:mod:`translit.match.checks`), shorter ones at the same
place are tried. A bare genitive ``-s`` after a capitalized spelling of a language
whose file says ``genitive: s`` (Lukaschenkos, Poetins) is allowed and stays
outside the mention; a stem followed
by one of its case endings is an inflected hit (:mod:`translit.tables.inflection`).

:mod:`translit.scan` sends here what its short path does not take, and the
whole of a text with characters that folding drops;
:func:`match_whole` serves ``canonical()``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Final
from unicodedata import combining

from translit.compile.finder import Found
from translit.compile.index import Index, Target
from translit.compile.lookup import case_reading, lookup
from translit.limits import MAX_FORM_LENGTH
from translit.match.checks import Left, accept, left_reason
from translit.mention import Mention
from translit.tables.context_rules import case_bases
from translit.text.casing import is_cyrillic, restyle
from translit.text.fold import KEY_WORD, fold, word_stop
from translit.text.protect import STOP, STOP_SET, outside_code, outside_long_tokens

__all__ = [
    "GAP",
    "LONGEST",
    "Hit",
    "Hits",
    "case_form_too",
    "case_forms_too",
    "follower_at",
    "general",
    "match_whole",
    "own_ending",
    "plain_token",
    "read",
    "scan_general",
    "starts_word",
]

_BREAKS: Final = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
GAP: Final = " \t" + _BREAKS
"""What may separate the words of a phrase (one line break at most)."""
LONGEST: Final = MAX_FORM_LENGTH + 16
"""The longest form of a table, with an ending: no word is read further."""

Hit = tuple[int, str, bool]  # end, the word of the table, inflected
Hits = dict[int, list[Hit]]  # by start


def scan_general(
    index: Index, text: str, style: str, replace_inflected: bool = False
) -> list[Mention]:
    """:func:`scan` without the short path: the same mentions, found the slow way
    (for texts with code spans or dropped characters, and for tests)."""
    key, offsets = fold(text)
    found = outside_long_tokens(key, index.finder.every(key))
    if "`" in text or "~" in text:
        found = outside_code(text, offsets, found)
    hits = _word_hits(index, key, found)
    return general(index, key, text, offsets, hits, style, replace_inflected)


def general(
    index: Index,
    key: str,
    text: str,
    offsets: list[int] | None,
    hits: Hits,
    style: str,
    replace_inflected: bool,
) -> list[Mention]:
    """The mentions of *hits*, phrase by phrase, with every check."""
    mentions: list[Mention] = []
    pos = 0
    code = "`" in text or "~" in text

    def follower(at: int) -> list[Hit]:
        """The hits of a follower at *at*, masked as the automaton's are before the
        matcher: no mask can take a word that begins a short token after a stop (the
        mask of paths takes a hit after a slash, equals sign or dot; of long runs, one in
        a run of more than MAX_TOKEN characters; of addresses, one in a token with an @
        or ://; and Markdown code would have begun before a word of the phrase), so only
        another one is put through them."""
        if key[at - 1] not in STOP_SET or plain_token(key, at, code) is None:
            stop = KEY_WORD.match(key, at).end()  # type: ignore[union-attr]
            found = outside_long_tokens(key, [(0, at, stop)])
            if found and code:
                found = outside_code(text, offsets, found)
            if not found:
                return []
        return read(index, key, at, at)

    for start in sorted(hits):
        if start < pos:
            continue
        cands = _phrases(index, key, hits, start, follower)
        if len(cands) > 1:
            cands.sort(key=lambda c: _order(key, c))
        for words, cstart, cend, inflected in cands:
            ostart, oend = _original_span(text, offsets, cstart, cend)
            target = accept(index, key, words, (cstart, cend), text[ostart:oend],
                            _capitals(text, ostart, oend))
            if target is None:
                continue
            if isinstance(target, Left):
                begin, end = _original_span(text, offsets, target.start, target.end, False)
                kind = index.entities[target.target.entity].type
                reason = index.reasons[target.target.reason_number]
                left = left_reason(kind, text[begin:end], reason)
                mentions.append(
                    _mention(index, text, (ostart, oend), target.target, style, inflected, True)
                    ._replace(left=left)
                )
            else:
                keep = inflected and not replace_inflected
                mentions.append(
                    _mention(index, text, (ostart, oend), target, style, inflected, keep)
                )
            pos = cend
            break
    return mentions


Candidate = tuple[tuple[str, ...], int, int, bool]  # words, start, end, inflected


def _capitals(text: str, start: int, end: int) -> tuple[bool, bool, bool]:
    """Whether the word before *start* is capitalized inside a sentence (not after a
    full stop, question or exclamation mark, colon or line break), whether the word
    after *end* is capitalized, and whether the form at *start* begins a sentence: the
    words after spaces only, as the checks read them
    (:func:`~translit.match.checks.accept`)."""
    at = end
    while at < len(text) and text[at] == " ":
        at += 1
    after = at < len(text) and text[at].isupper()
    at = start
    while at > 0 and text[at - 1] == " ":
        at -= 1
    first = at == 0 or text[at - 1] in _SENTENCE_ENDS
    word = at
    while word > 0 and text[word - 1].isalpha():
        word -= 1
    if word == at or not text[word].isupper():
        return False, after, first
    while word > 0 and text[word - 1] == " ":
        word -= 1
    return word > 0 and text[word - 1] not in _SENTENCE_ENDS, after, first


_SENTENCE_ENDS: Final = frozenset(".!?:\n\r\"“”«»(")
"""What may come before the first word of a sentence (a capital there says nothing)."""


def _order(key: str, cand: Candidate) -> tuple[int, bool]:
    """Longest first; a name with a genitive -s counts the -s, and wins over an inflection."""
    _, _, end, inflected = cand
    genitive = not inflected and end < len(key) and key[end] == "s"
    return -(end + genitive), inflected


def starts_word(key: str, at: int) -> bool:
    """True when a word of *key* may start at *at*: no letter, digit, ``_`` or
    combining mark before it (the matcher's hot loop has this test inline)."""
    if not at:
        return True
    before = key[at - 1]
    return not (before.isalnum() or before == "_" or combining(before))


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
        if not starts_word(key, start):
            continue
        words = read(index, key, start, anchor_end, weak)
        if words:
            hits[start] = words
    return hits


def read(index: Index, key: str, start: int, anchor_end: int, weak: bool = False) -> list[Hit]:
    """The forms of the table that the word at *start* (whose anchor ends at
    *anchor_end*) is, or begins with before an apostrophe or hyphen, longest first (a
    word of the table that is no name alone, and also another word's case form, is
    both: :func:`case_form_too`)."""
    forms = index.forms
    n = len(key)
    # no form is longer than MAX_FORM_LENGTH: never read further (a run of
    # "Kiev-Kiev-..." would otherwise be read again at every hit)
    stop = word_stop(key, anchor_end, min(n, start + LONGEST))
    if stop == start + LONGEST and stop < n:
        # the cap cut a long run (Kiev-Kiev-...): keep its whole words only
        stop = max(key.rfind("-", anchor_end, stop), key.rfind("'", anchor_end, stop))
        if stop < 0:
            return []  # one word longer than any form
    if stop < n and combining(key[stop]):
        return []  # a mark after the last letter: part of a longer word
    word = key[start:stop]  # what it is depends on it only: remembered per table
    memo = _reads(index, weak)
    known = memo.get(word)
    if known is None:
        ends = [stop]
        if "'" in word or "-" in word:  # Kiev-based, Kiev'e: also the part before each
            # joiner ... but no form of the table has more than forms.joiners of them:
            # in a run "Kiev-Kiev-Kiev-..." only the first few parts can begin a form
            joints = _joints(key, start, stop, forms.joiners + 1)
            ends = [] if len(joints) > forms.joiners else ends
            ends += reversed(joints)
        known = tuple((end - start, form, flag)
                      for end, form, flag in _forms_at(index, key, start, stop, ends, weak))
        if len(memo) < READS_MEMO:
            memo[word] = known
    return [(start + length, form, flag) for length, form, flag in known]


def _forms_at(
    index: Index, key: str, start: int, stop: int, ends: list[int], weak: bool
) -> list[Hit]:
    """:func:`read`'s hits: the forms key[start:end] is for each of *ends*, and a
    genitive -s where one ends at *stop*, the word's end."""
    found: list[Hit] = []
    for end in ends:
        form = lookup(index.forms, key[start:end], weak)
        if form is not None:
            found.append((end, form[0], form[1]))
            other = None if form[1] else case_form_too(index, form[0], weak)
            if other is not None:
                found.append((end, other, True))
        elif end == stop and key[stop - 1] == "s" and key[start : stop - 1] in index.genitive:
            found.append((end - 1, key[start : stop - 1], False))
    return found


def _reads(index: Index, weak: bool) -> dict[str, tuple[tuple[int, str, bool], ...]]:
    """What :func:`read` found for each word met so far (its hits' lengths), remembered
    per table (at most :data:`READS_MEMO` words)."""
    memo: dict[str, tuple[tuple[int, str, bool], ...]]
    memo = index.memo.setdefault(_READS[weak], {})
    return memo


_READS: Final = {False: "read", True: "read_weak"}
READS_MEMO: Final = 1 << 16


def case_form_too(index: Index, word: str, weak: bool = False) -> str | None:
    """The word of the table that *word*, a word of the table that names nothing
    alone, is also a case form of, or None. The matcher reads a word of the table as
    itself first; where no phrase of it completes, this reading is tried next:
    Донецька begins Донецька область, and alone is the genitive of Донецьк. (A word
    that is a name alone keeps that reading only.) Remembered per table."""
    memo = case_forms_too(index, weak)
    found = memo.get(word, word)  # never the word itself once known
    if found == word:
        owner = None if (word,) in index.phrases else case_reading(index.forms, word, weak)
        found = memo[word] = owner if owner != word else None
    return found


def case_forms_too(index: Index, weak: bool = False) -> dict[str, str | None]:
    """What :func:`case_form_too` has told of each word so far (the short path reads it
    first: one lookup for a word met before)."""
    memo: dict[str, str | None] = index.memo.setdefault(_MEMO[weak], {})
    return memo


_MEMO: Final = {False: "case_form_too", True: "case_form_too_weak"}


def _joints(key: str, start: int, stop: int, most: int) -> list[int]:
    """Where the first *most* apostrophes and hyphens of key[start:stop] are."""
    found: list[int] = []
    at = start
    while len(found) < most:
        hyphen, apostrophe = key.find("-", at, stop), key.find("'", at, stop)
        nearest = min(hyphen, apostrophe) if hyphen >= 0 and apostrophe >= 0 else max(
            hyphen, apostrophe
        )
        if nearest < 0:
            break
        found.append(nearest)
        at = nearest + 1
    return found


def plain_token(key: str, at: int, code: bool) -> int | None:
    """Where the token that begins at *at* ends, when it is short and holds no ``@``, no
    ``/`` (nor, in a text with Markdown code, a backtick or tilde); else None."""
    found = STOP.search(key, at, at + _SHORT_TOKEN)
    if found is None:
        return None
    token = key[at : found.start()]
    if "@" in token or "/" in token or (code and ("`" in token or "~" in token)):
        return None
    return found.start()


_SHORT_TOKEN: Final = 64


def follower_at(index: Index, key: str, end: int) -> int:
    """Where a follower (:attr:`~translit.compile.finder.Finder.followers`, which the
    automaton does not seek) may begin after a word that ends at *end*: past the
    whitespace that may separate a phrase's words, if a form of one may begin there;
    else -1."""
    n = len(key)
    j, breaks = end, 0
    while j < n and key[j] in GAP:
        breaks += key[j] in _BREAKS and not (key[j] == "\n" and key[j - 1] == "\r")
        j += 1
    if j == end or breaks > 1 or j == n or not index.finder.may_follow(key, j):
        return -1
    return j


def _phrases(
    index: Index,
    key: str,
    hits: Hits,
    start: int,
    follower: Callable[[int], list[Hit]],
) -> list[Candidate]:
    """The phrases of the table that begin at *start*, from the hits there and after,
    and the followers *follower* reads where no hit is (see :func:`follower_at`)."""
    found: list[Candidate] = []
    stack: list[Candidate] = [((word,), start, end, infl) for end, word, infl in hits[start]]
    while stack:
        words, s, e, infl = stack.pop()
        if words in index.phrases:
            found.append((words, s, e, infl))
        if words not in index.prefixes or (e < len(key) and (key[e].isalnum() or key[e] == "_")):
            continue
        j, breaks = e, 0
        while j < len(key) and key[j] in GAP:
            breaks += key[j] in _BREAKS and not (key[j] == "\n" and key[j - 1] == "\r")
            j += 1
        if j == e or breaks > 1:
            continue
        after = hits.get(j)
        if after is None:
            finder = index.finder
            if j == len(key) or words[-1] not in finder.leaders or not finder.may_follow(key, j):
                continue
            after = follower(j)
        for end, word, inflected in after:
            stack.append(((*words, word), s, end, infl or inflected))
    return found


def _original_span(
    text: str, offsets: list[int] | None, start: int, end: int, marks: bool = True
) -> tuple[int, int]:
    """Map a key span back to the input, taking the combining marks of its last letter
    (unless not *marks*: the fixed expression a mention is left for is quoted as the
    short path quotes it, whatever the text holds elsewhere)."""
    if offsets is None:
        return start, end
    ostart, oend = offsets[start], offsets[end - 1] + 1
    while marks and oend < len(text) and unicodedata.combining(text[oend]):
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
    reason = index.reasons[target.reason_number]
    if inflected:
        reason = f"inflected form of {reason}"
    return Mention(start, end, written, replacement, target.entity, reason, target.part, inflected)


def own_ending(index: Index, key: str, words: tuple[str, ...]) -> bool:
    """Whether each word of the folded *key* that is not written as its word of the table
    (*words*, in order) is a case of it by the rules of a language the table lists that
    word in; a Cyrillic word by the rules of any language of its script."""
    written = key.split(" ")
    if len(written) != len(words):
        return False
    endings = index.context.endings
    for word, base in zip(written, words, strict=True):
        if word == base or is_cyrillic(base):
            continue
        if base not in {
            found
            for lang in index.listed_langs.get(base, ())
            for found in case_bases(word, endings.get(lang, ()))
        }:
            return False
    return True


def match_whole(index: Index, name: str) -> tuple[Target, bool] | None:
    """The target of *name* when the whole of it is one phrase (and whether inflected).

    No context is required here: the caller says that *name* is a name. So an
    ambiguous form (a common word or a name of another language, too) counts as
    written; inflected, only with an ending of a language the table writes it in
    (:func:`own_ending`): Polish *Kalinowskiego* is Kalinowski's genitive, but
    ``Minsky`` is no case of ``Minska`` (a form of Minsk no language is listed for),
    it is a surname.
    """
    key, _ = fold(name)
    hits = _word_hits(index, key, index.finder.every(key), weak=True)
    if 0 not in hits:
        return None
    phrases = _phrases(index, key, hits, 0, lambda at: read(index, key, at, at, True))
    for words, _, end, inflected in sorted(phrases, key=lambda c: -c[2]):
        if end == len(key):
            targets = index.phrases[words]
            if (
                inflected
                and any(t.next_words is not None for t in targets)
                and not own_ending(index, key, words)
            ):
                continue  # an ambiguous form's case: not told apart from the other word's
            if len({t.entity for t in targets}) == 1:
                return targets[0], inflected
    return None
