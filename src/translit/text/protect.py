"""What is not prose: URLs, e-mail addresses, handles, hashtags, paths, code.

A name inside one of these is never rewritten (and not reported). Two checks:

* :func:`code_spans` finds Markdown fenced code blocks and inline code spans
  (within one line), once per text and only when the text has a backtick or a
  tilde fence;
* :func:`in_technical_token` looks at the run of non-space characters around a
  hit: a ``://``, an ``@``, a leading ``#`` or ``@``, a backslash, a ``/`` or
  ``=`` next to the name, or a dot joined to the name on either side
  (``kiev.ua``, ``Kiev.txt``) mark it as technical.

The matcher drops the hits that this check would find technical anyway, or that
touch code, from the spans of such tokens (:func:`token_spans`) and of code
(:func:`code_spans`), each found in one pass: the short path as it reads the hits,
the general path first (:func:`outside_long_tokens`, :func:`outside_code`). A file of
URLs, paths or code costs no check per name.

Identifiers with underscores need no check here: ``_`` is a word character, so
``kiev_weather`` is not the word ``kiev`` at all.

>>> in_technical_token("see https://ex.org/kiev/ now", 18, 22)
True
>>> in_technical_token("Kiev-based reporters", 0, 4)
False
>>> code_spans("Use `Kiev` here")
[(4, 10)]
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise
from typing import Final

__all__ = [
    "MARKS",
    "MAX_TOKEN",
    "STOP",
    "STOPS",
    "STOP_SET",
    "CodeSpans",
    "Spans",
    "address_tokens",
    "code_spans",
    "fence_spans",
    "in_technical_token",
    "long_runs",
    "outside_code",
    "outside_long_tokens",
    "token_spans",
]

MAX_TOKEN: Final = 500
"""A run of this many characters without a space is not prose (and is never scanned further)."""

_OPENERS: Final = "([{<\"'“‘«„*_"
_CLOSERS: Final = ")]}>\"'”’».,;:!?*_"
STOPS: Final = ' \t\n\r\x0b\x0c\u2028\u2029\x85()[]{}<>"“”«»'
"""What ends a token (a run of characters that may be a URL, an address or a path)."""
_STOPS: Final = STOPS
STOP: Final = re.compile("[" + re.escape(_STOPS) + "]")
"""One of :data:`STOPS`, searched for."""
STOP_SET: Final = frozenset(_STOPS)
"""The same, tested for one character at a time."""

Spans = list[tuple[int, int]]
"""Spans of a text (where each begins, where it ends), sorted."""


class CodeSpans:
    """Sorted, non-overlapping code spans of a text, with a fast containment test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) touches a code span."""
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self.spans[i][1] > start


def code_spans(text: str, fences: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans of fenced code blocks and inline code in Markdown *text*, in one linear
    pass over its backtick and tilde runs; *fences*: its fenced blocks, when they are
    known already (:func:`fence_spans`).

    >>> code_spans("a ``x ` y`` b `z`\\n```\\n`q`\\n```")
    [(2, 11), (14, 17), (18, 29)]
    """
    if "`" not in text and "~" not in text:
        return []
    spans = fence_spans(text) if fences is None else list(fences)
    if "`" in text:
        spans += _inline_spans(text, spans)
        spans.sort()
    return spans


def fence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks: from an opening fence line (three or more backticks
    or tildes after at most three spaces) to the next closing one (the same
    character, at least as many, and nothing else on the line); an unclosed fence
    runs to the end, as in CommonMark (the fence lines: :func:`_fence_runs`)."""
    spans = []
    opener: tuple[int, str] | None = None  # where the open block starts, its fence
    for start, stop in _fence_runs(text):
        end = text.find("\n", stop)
        end = len(text) if end < 0 else end
        fence = text[start:stop]
        if opener is None:
            opener = text.rfind("\n", 0, start) + 1, fence
        elif fence[0] == opener[1][0] and len(fence) >= len(opener[1]) and not (
            text[stop:end].strip()
        ):
            spans.append((opener[0], end))
            opener = None
    if opener is not None:
        spans.append((opener[0], len(text)))
    return spans


def _fence_runs(text: str) -> list[tuple[int, int]]:
    """The runs of three or more backticks or tildes that begin a line after at most
    three spaces, in order: found with searches for one character, which skip the
    text between them at the speed of ``memchr`` (a regular expression reads every
    character, or every line break)."""
    runs = []
    n = len(text)
    for mark in ("`", "~"):
        at = text.find(mark)
        while at >= 0:
            stop = at + 1
            while stop < n and text[stop] == mark:
                stop += 1
            if stop - at >= 3:
                line = text.rfind("\n", 0, at) + 1
                if at - line <= 3 and not text[line:at].strip(" "):
                    runs.append((at, stop))
            at = text.find(mark, stop)
    runs.sort()
    return runs


def _inline_spans(text: str, fences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inline code outside *fences* (whole lines): a run of backticks up to the next run
    of as many on its line, with something between (CommonMark's rule, within one
    line). One search pairs each run with the next one when it has its length; from
    a run it leaves alone to the end of its line, :func:`_paired` pairs the runs
    again, since a later one may close it."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for start, end in [*fences, (len(text), len(text))]:
        if begin < start:
            spans += _inline_between(text, begin, start)
        begin = end
    return spans


def _inline_between(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    found = _backtick_runs(text, begin, end)
    lone = [k for k, (_, stop, run) in enumerate(found) if stop == run]
    if not lone:
        return [(start, stop) for start, stop, _ in found]  # each run paired with the next
    spans: list[tuple[int, int]] = []
    k = 0  # the first match not read yet
    for at in lone:
        if at < k:
            continue  # on a line already paired again
        spans += [(start, stop) for start, stop, _ in found[k:at]]
        line = text.find("\n", found[at][1], end)  # the rest of the lone run's line
        k = bisect.bisect_left(found, end if line < 0 else line, at, key=_start)
        runs = []
        for start, stop, run in found[at:k]:
            runs.append((start, run))
            if stop != run:
                runs.append((stop - run + start, stop))
        spans += _paired(runs)
    spans += [(start, stop) for start, stop, _ in found[k:]]
    return spans


def _backtick_runs(text: str, begin: int, end: int) -> list[tuple[int, int, int]]:
    """The runs of backticks from *begin* to *end*, each paired with the next run of its
    line when that has its length and something is between them: (where the run
    starts, where the pair ends or the run when alone, where the run ends). Found
    with searches for one character (the runs, the line breaks between them), which
    skip the text between backticks at the speed of ``memchr``; a regular expression
    reads every character."""
    found: list[tuple[int, int, int]] = []
    at = text.find("`", begin, end)
    while at >= 0:
        stop = at + 1
        while stop < end and text[stop] == "`":
            stop += 1
        after = text.find("`", stop, end)  # the next run: the same length, same line?
        if after >= 0 and text.find("\n", stop, after) < 0:
            close = after + 1
            while close < end and text[close] == "`":
                close += 1
            if close - after == stop - at:
                found.append((at, close, stop))
                at = text.find("`", close, end)
                continue
        found.append((at, stop, stop))  # alone (the next run may still pair on)
        at = after
    return found


def _start(match: tuple[int, int, int]) -> int:
    return match[0]


def _paired(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inline code among the backtick *runs* of a line: each run is paired with the next
    of its length once, so the pass stays linear however many backticks it holds."""
    following: list[int] = [-1] * len(runs)  # the next run of the same length
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        start, stop = runs[k]
        following[k] = last.get(stop - start, -1)
        last[stop - start] = k
    spans = []
    pos = 0
    for k, (start, _) in enumerate(runs):
        if start >= pos and following[k] >= 0:
            pos = runs[following[k]][1]
            spans.append((start, pos))
    return spans


def outside_code(
    text: str,
    offsets: list[int] | None,
    found: list[tuple[int, int, int]],
    fences: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, int]]:
    """*found* (automaton hits on the key of *text*: pattern, start, end; *offsets* map
    the key to the text) without those that touch Markdown code, inline or fenced:
    code is masked before names are read, so no name reaches into it (*fences*: as
    :func:`code_spans` takes them).

    >>> outside_code("Kiev `Kiev`", None, [(0, 0, 4), (0, 6, 10)])
    [(0, 0, 4)]
    """
    code = code_spans(text, fences)
    if not code:
        return found
    # A hit [start, end) touches code when the first span that ends after its start
    # begins before its end (the spans are sorted and apart); past the last, none.
    ends = [stop for _, stop in code]
    starts = [start for start, _ in code]
    starts.append(len(text) + 1)
    kept: list[tuple[int, int, int]] = []
    k, size = 0, len(ends)  # the spans that end at or before the hit's start
    for hit in found:
        if offsets is None:
            start, end = hit[1], hit[2]
        else:
            start, end = offsets[hit[1]], offsets[hit[2] - 1] + 1
        # k = bisect_right(ends, start), walked on from the hit before: the hits come in
        # order of their starts (or nearly: the general path's come by their ends, and
        # a step back is looked up again), so a text's hits walk its spans once. Inline:
        # a call per hit would cost the interpreted build more than the walk.
        if k and ends[k - 1] > start:
            k = bisect.bisect_right(ends, start)
        while k < size and ends[k] <= start:
            k += 1
        if starts[k] >= end:
            kept.append(hit)
    return kept


MARKS: Final = frozenset("/=.")
"""What no name in prose comes right after: a path's slash, a query's equals sign, a
domain's dot (:func:`outside_long_tokens`)."""


def outside_long_tokens(key: str, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """*found* (automaton hits: pattern, start, end) without the hits that are never
    prose, as :func:`in_technical_token` would find one by one: a hit right after a
    slash, an equals sign or a dot (a path, a query, a domain: "/kiev/",
    "?city=kiev", "news.kiev": :data:`MARKS`), and a hit that starts in one of the
    :func:`token_spans` (a URL, an e-mail address, a handle; a run of more than
    :data:`MAX_TOKEN` characters with no space or bracket). The check finds each of
    them technical wherever the hit is in its token (and none is in plain
    surroundings: a stop is right before and after a hit there). A file of paths or
    URL chains would otherwise cost a check per hit. (The short path reads the
    character before each hit anyway, and skips the hits in the spans as it reads
    them: :func:`~translit.match.short_path.short_path`.)

    >>> key = "kiev " + "kiev-" * 300 + " kiev"
    >>> hits = [(0, s, s + 4) for s in range(0, len(key) - 3, 5)]
    >>> len(outside_long_tokens(key, hits)) < len(hits), outside_long_tokens("kiev", [(0, 0, 4)])
    (True, [(0, 0, 4)])
    >>> outside_long_tokens("/kiev/ kiev", [(0, 1, 5), (0, 7, 11)])
    [(0, 7, 11)]
    """
    if "/" in key or "=" in key or "." in key:
        found = [hit for hit in found if not (hit[1] and key[hit[1] - 1] in MARKS)]
    spans = token_spans(key)
    return _outside_tokens(found, spans) if spans else found


def token_spans(key: str) -> list[tuple[int, int]]:
    """The spans of the tokens of *key* that are never prose, sorted and apart: those
    that hold a ``://`` or an ``@`` (:func:`address_tokens`),
    and the runs of more than :data:`MAX_TOKEN` characters without a stop
    (:func:`long_runs`). No hit that starts in one is a name.

    >>> token_spans("see https://kiev.ua/x or " + "kiev-" * 120)
    [(4, 21), (25, 625)]
    """
    spans = address_tokens(key)
    if len(key) > MAX_TOKEN:
        runs = long_runs(key, MAX_TOKEN + 1)
        if runs:
            spans = _merged(spans + runs) if spans else runs
    return spans


def address_tokens(text: str) -> list[tuple[int, int]]:
    """The spans of the tokens of *text* (runs between :data:`STOPS`) that hold a
    ``://`` or an ``@``: URLs, e-mail addresses, handles. Found from those marks, with
    a search for one character, from each to the stops around it (at most
    :data:`MAX_TOKEN` away: a longer run is technical anyway), and on from there.

    >>> address_tokens("mail kiev@example.org or see (https://kiev.ua/x) now")
    [(5, 21), (30, 47)]
    """
    spans: list[tuple[int, int]] = []
    for mark in (":", "@"):  # (a colon, not a slash: text with URLs has several of those
        at = text.find(mark)  # to each "://", and markup one in each closing tag)
        while at >= 0:
            if mark == "@" or text[at + 1 : at + 3] == "//":
                span = _token(text, at)
                spans.append(span)
                at = text.find(mark, span[1])
            else:
                at = text.find(mark, at + 1)
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """*spans* sorted, each that overlaps the one before joined to it (the same token,
    found from another mark or as a long run)."""
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for begin, end in spans[1:]:
        if begin < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    return merged


def _token(text: str, at: int) -> tuple[int, int]:
    """The span of the token (run between stops) around *at*, at most MAX_TOKEN + 1 on
    each side: the stop after is searched for, the one before read back
    (:func:`_token_start`)."""
    found = STOP.search(text, at, at + MAX_TOKEN + 1)
    end = found.start() if found else min(len(text), at + MAX_TOKEN + 1)
    return _token_start(text, at), end


def _token_start(text: str, at: int) -> int:
    """Where the token that holds *at* begins: after the nearest stop before *at*, at
    most MAX_TOKEN + 1 back, read back a character at a time (most often a few: a
    URL's scheme, an address's name, a word)."""
    floor = max(0, at - MAX_TOKEN - 1)
    begin = at
    while begin > floor and text[begin - 1] not in STOP_SET:
        begin -= 1
    return begin


def _outside_tokens(
    found: list[tuple[int, int, int]], spans: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """*found* (hits: pattern, start, end) without those that start in one of *spans*
    (sorted, apart), walked along with the hits (as in :func:`outside_code`)."""
    starts = [begin for begin, _ in spans]
    kept: list[tuple[int, int, int]] = []
    k, size = 0, len(starts)  # the spans that begin at or before the hit
    for hit in found:
        start = hit[1]
        if k and starts[k - 1] > start:
            k = bisect.bisect_right(starts, start)
        while k < size and starts[k] <= start:
            k += 1
        if not k or spans[k - 1][1] <= start:
            kept.append(hit)
    return kept


def long_runs(text: str, shortest: int) -> list[tuple[int, int]]:
    """The runs of *text* of *shortest* characters or more without a stop (as an
    expression ``(?<![^STOPS])[^STOPS]{shortest,}`` finds them, reading every character:
    in a text of paths, some ten times slower).

    Such a run covers a whole aligned stretch of half as many characters with no space
    and no line break: only around those stretches are the stops searched for, and the
    runs are the gaps between them. The stretch before and after a row of such
    stretches has a space or a line break, where any run ends.

    >>> long_runs("a b " + "x" * 1200 + " c", 1000)
    [(4, 1204)]
    """
    size, n = max(1, shortest // 2), len(text)
    runs: list[tuple[int, int]] = []
    at = 0
    while at <= n - size:
        if text.find(" ", at, at + size) >= 0 or text.find("\n", at, at + size) >= 0:
            at += size
            continue
        first = at  # a row of stretches with no space and no line break
        while at <= n - size and text.find(" ", at, at + size) < 0 and (
            text.find("\n", at, at + size) < 0
        ):
            at += size
        low, high = max(0, first - size), min(n, at + size)
        stops = [low - 1, *(m.start() for m in STOP.finditer(text, low, high)), high]
        runs += [(a + 1, b) for a, b in pairwise(stops) if b - a - 1 >= shortest]
    return runs


def in_technical_token(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a URL, address, handle, hashtag or path,
    or touches a run of more than :data:`MAX_TOKEN` characters without a stop (with its
    first word or its last), which is not prose.

    The whole run counts, not the distance from the name to its ends: rewriting the
    names of a run changes its length, so a name left deep inside one would come
    within reach on the next run (``Lukaschenko-Lukaschenko-`` and 475 letters before
    ``-Kiev``), and nothing in a run too long is rewritten, so its length stays.

    >>> in_technical_token("x" * 495 + "-kiev ok", 496, 500)  # a run of 500
    False
    >>> in_technical_token("x" * 496 + "-kiev ok", 497, 501)  # 501: none of it is prose
    True
    """
    left = _token_start(text, start)
    ceiling = min(len(text), end + MAX_TOKEN + 1)
    found = STOP.search(text, end, ceiling)
    right = found.start() if found else ceiling
    gap = STOP.search(text, start, end)
    if gap is None:
        run = right - left
    else:  # a name of several words: the runs of its first word and of its last
        last = max(m.end() for m in STOP.finditer(text, start, end))
        run = max(gap.start() - left, right - last)
    if run > MAX_TOKEN:
        return True  # a token this long is not prose
    token = text[left:right]
    if token.isalpha():
        return False
    lo, hi = 0, len(token)
    while lo < hi and token[lo] in _OPENERS:
        lo += 1
    while hi > lo and token[hi - 1] in _CLOSERS:
        hi -= 1
    core = token[lo:hi]
    if "://" in core or "@" in core or "\\" in core or core[:1] == "#" or core[:2] in ("./", "~/"):
        return True
    before = text[start - 1] if start > left else " "
    after = text[end] if end < right else " "
    if before in MARKS or after in "/=":
        return True
    return after == "." and end + 1 < right and text[end + 1].isalnum()
