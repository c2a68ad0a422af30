"""The scan: one automaton call over the folded text, a short path for most names,
the general path for the rest.

1. Fold the text (:mod:`translit.text.fold`) and find every word and anchor of the
   table in it with one call (:mod:`translit.compile.finder`).
2. Keep the hits at the start of a word (letters of every script, digits, marks
   and ``_`` continue a word), outside the tokens that are not prose (URLs, addresses,
   paths, long runs) and outside Markdown code: the spans of those are found in one
   pass each (:mod:`translit.text.protect`), and the short path passes over the hits
   in them as it reads the hits.
3. The short path (:mod:`translit.match.short_path`): a word or a two-word name that
   names one thing alone (:mod:`translit.compile.quick`), with plain surroundings and no
   phrase reaching it from the left, becomes a mention at once. Most names in
   running text take it.
4. Every other hit goes the general way (:mod:`translit.match.general`): phrases, then
   every check.
5. Each mention that would change is checked against its context
   (:mod:`translit.context`): a name the text discusses, a historical name,
   another person, a word of the text's own language stay as written, with the
   reason.

Both paths give the same mentions (``tests/test_matcher.py``); the short one only
skips work. Matches are leftmost-longest and never overlap. A long text is
scanned in pieces of about 262,000 characters, cut after a line that ends with
punctuation, where no name and no check can reach across: the same mentions, in
bounded memory (a piece's key, hits and mentions). Each piece costs a little of its
own (its paragraphs' languages told anew, its Markdown and paragraphs found), so
pieces four times shorter run 6-15 % slower, and four times longer use more memory
for little gain (``docs/performance.md``).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Final, cast

from translit.compile.index import Index
from translit.context.cases import genitive_as_case
from translit.context.review import review
from translit.gcpause import pause_gc, resume_gc
from translit.match.general import general, scan_general
from translit.match.short_path import new_tuple, short_path
from translit.mention import Mention, splice
from translit.text.fold import fold_beyond
from translit.text.protect import code_spans, fence_spans, token_spans

__all__ = [
    "PIECE", "Fences", "fenced_pieces", "match", "normalized", "pieces", "scan", "scan_piece",
]

PIECE = 1 << 18
"""Texts are scanned in pieces of about this many characters (see :func:`pieces`)."""
_CUT_AFTER: Final = frozenset(".!?;:)]}>\"'»”’…")


def pieces(text: str, size: int = PIECE) -> list[tuple[int, str]]:
    r"""*text* cut into pieces of about *size* characters, with where each begins.

    A cut follows a line break after punctuation (``.`` ``?`` ``)`` ``”`` ...) or the
    ``>`` that ends an HTML or XML tag:
    no phrase crosses it (a phrase joins words across whitespace only), and no
    check looks across it (each stops at a line break). Never inside a fenced
    Markdown code block, which spans lines (inline code does not).

    >>> [(at, len(p)) for at, p in pieces("One.\nTwo.\nThree", size=3)]
    [(0, 5), (5, 5), (10, 5)]
    >>> [len(p) for _, p in pieces("One.\n```\nTwo.\n```\nThree", size=3)]
    [5, 18]
    """
    return [(at, piece) for at, piece, _ in fenced_pieces(text, size)]


Fences = list[tuple[int, int]]


def fenced_pieces(text: str, size: int = PIECE) -> list[tuple[int, str, Fences | None]]:
    r""":func:`pieces`, each with its fenced code blocks (in its own offsets), which
    cutting *text* has found already (none is cut, and each piece begins outside one:
    the piece's own :func:`~translit.text.protect.fence_spans`); None for a text that
    is not cut.

    >>> [(len(p), f) for _, p, f in fenced_pieces("One.\n```\nTwo.\n```\nThree", size=3)]
    [(5, []), (18, [(0, 12)])]
    """
    if len(text) <= size:
        return [(0, text, None)]
    fences = fence_spans(text) if "`" in text or "~" in text else []  # (a search for
    # one character is some 20 times faster than one for "```")
    found: list[tuple[int, str, Fences | None]] = []
    begin = 0
    at = size
    while at < len(text):
        cut = text.find("\n", at)
        if cut < 0:
            break
        before = text[cut - 2] if text[cut - 1] == "\r" else text[cut - 1]
        at = cut + 1
        k = bisect_right(fences, (at, at)) - 1
        if k >= 0 and fences[k][0] < at < fences[k][1]:  # in a fenced block: go past it
            at = fences[k][1]
            continue
        if before in _CUT_AFTER and at < len(text):
            found.append((begin, text[begin:at], _within(fences, begin, at)))
            begin, at = at, at + size
    found.append((begin, text[begin:], _within(fences, begin, len(text))))
    return found


def _within(fences: Fences, begin: int, end: int) -> Fences:
    """The *fences* that begin from *begin* to *end*, in offsets from *begin*."""
    first = bisect_right(fences, (begin, -1))
    last = bisect_right(fences, (end, -1))
    return [(start - begin, stop - begin) for start, stop in fences[first:last]]


def scan(
    index: Index,
    text: str,
    style: str,
    replace_inflected: bool = False,
    lang: str | None = None,
) -> list[Mention]:
    """All mentions of *index*'s entities in *text*, with replacements in *style*,
    each checked against its context (:mod:`translit.context`; *lang*: the text's
    language, None to tell it per paragraph).

    An inflected mention keeps its text unless *replace_inflected* is true.
    """
    mentions: list[Mention] = []
    paused = pause_gc()  # a mention is a tuple, and none is garbage (see gcpause)
    try:
        for begin, piece, fences in fenced_pieces(text, PIECE):
            mentions += scan_piece(
                index, piece, style, replace_inflected, True, begin, lang, fences
            )
    finally:
        resume_gc(paused)
    return mentions


def normalized(
    index: Index, text: str, style: str, replace_inflected: bool, lang: str | None
) -> str:
    """*text* with the mentions :func:`scan` would change rewritten, piece by piece
    (only what :func:`~translit.mention.splice` needs is told: see :func:`scan_piece`)."""
    paused = pause_gc()
    try:
        return "".join([
            splice(piece, scan_piece(index, piece, style, replace_inflected, False, 0, lang,
                                     fences))
            for _, piece, fences in fenced_pieces(text, PIECE)
        ])  # fmt: skip
    finally:
        resume_gc(paused)


def match(index: Index, text: str, style: str, replace_inflected: bool = False) -> list[Mention]:
    """Every mention of *text* as the matcher finds it, before the context review: what
    :func:`~translit.match.general.scan_general` finds the slow way (``tests/test_matcher.py``)."""
    mentions: list[Mention] = []
    for begin, piece, fences in fenced_pieces(text, PIECE):
        found = _match_piece(index, piece, style, replace_inflected, fences)
        mentions += _shifted(found, begin) if begin else found
    return mentions


def scan_piece(
    index: Index,
    text: str,
    style: str,
    replace_inflected: bool = False,
    explain: bool = True,
    shift: int = 0,
    lang: str | None = None,
    fences: Fences | None = None,
) -> list[Mention]:
    """:func:`scan` of a text that is not cut, with *shift* added to each offset (where
    the piece begins). Unless *explain*, the mentions are only what
    :func:`~translit.mention.splice` needs for ``normalize``: their ``lang`` is not
    told, and mentions left as written are not explained. *fences*: the text's fenced
    code blocks, when cutting it into pieces found them (:func:`fenced_pieces`)."""
    mentions = _match_piece(index, text, style, replace_inflected, fences)
    if not mentions:
        return mentions
    if replace_inflected:
        mentions = genitive_as_case(index, text, mentions, style)
    if explain:  # each mention is made anew with its reasons: shifted then too
        return review(index, text, mentions, style, lang, replace_inflected, True, shift)
    mentions = review(index, text, mentions, style, lang, replace_inflected, False)
    return _shifted(mentions, shift) if shift else mentions


def _match_piece(
    index: Index, text: str, style: str, replace_inflected: bool, fences: Fences | None = None
) -> list[Mention]:
    key, offsets, beyond = fold_beyond(text)
    if offsets is None:
        found, lag = index.finder.word_hits(key, beyond)
        if not found:
            return []
        code = code_spans(text, fences) if "`" in text or "~" in text else None  # Markdown
        # code is masked, not a slow path
        short, rest = short_path(
            index, key, text, found, style, replace_inflected, True, 0, token_spans(key), code,
            lag,
        )
        mentions = cast("list[Mention]", short)  # explained: whole mentions
        if rest:
            mentions += general(index, key, text, None, rest, style, replace_inflected)
            mentions.sort()
        return mentions
    return scan_general(index, text, style, replace_inflected)


def _shifted(mentions: list[Mention], shift: int) -> list[Mention]:
    return [
        new_tuple(Mention, (m[0] + shift, m[1] + shift, m[2], m[3], m[4], m[5], m[6], m[7], m[8],
                            m[9]))
        for m in mentions
    ]  # (the fields named one by one: a slice and a star would copy them twice)
