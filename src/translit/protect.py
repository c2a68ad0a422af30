"""What is not prose: URLs, e-mail addresses, handles, hashtags, paths, code.

A name inside one of these is never rewritten (and not reported). Two checks:

* :func:`code_spans` finds Markdown fenced code blocks and inline code spans
  (within one line), once per text and only when the text has a backtick or a
  tilde fence;
* :func:`in_technical_token` looks at the run of non-space characters around a
  hit: a ``://``, an ``@``, a leading ``#`` or ``@``, a backslash, a ``/`` or
  ``=`` next to the name, or a dot joined to the name on either side
  (``kiev.ua``, ``Kiev.txt``) mark it as technical.

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

__all__ = [
    "MAX_TOKEN",
    "CodeSpans",
    "code_spans",
    "fence_spans",
    "in_technical_token",
    "outside_code",
    "outside_long_tokens",
]

MAX_TOKEN = 500
"""A run of this many characters without a space is not prose (and is never scanned further)."""

_FENCE_BLOCK = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_INLINE = re.compile(r"(?<!`)(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")
_OPENERS = "([{<\"'“‘«„*_"
_CLOSERS = ")]}>\"'”’».,;:!?*_"
_STOPS = ' \t\n\r\x0b\x0c\u2028\u2029\x85()[]{}<>"“”«»'
_STOP = re.compile("[" + re.escape(_STOPS) + "]")
_LONG_RUN = re.compile(  # tried only where a run begins: linear in long runs too
    f"(?<![^{re.escape(_STOPS)}])[^{re.escape(_STOPS)}]{{{2 * MAX_TOKEN},}}"
)


class CodeSpans:
    """Sorted, non-overlapping code spans of a text, with a fast containment test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) touches a code span."""
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self.spans[i][1] > start


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks and inline code in Markdown *text*."""
    spans: list[tuple[int, int]] = []
    if "```" in text or "~~~" in text:
        spans.extend(fence_spans(text))
    if "`" in text:
        fences = CodeSpans(sorted(spans))
        spans.extend(m.span() for m in _INLINE.finditer(text) if not fences.overlaps(*m.span()))
    spans.sort()
    return spans


def fence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks: from an opening fence line to its closing one."""
    spans = []
    opener: re.Match[str] | None = None
    for match in _FENCE_BLOCK.finditer(text):
        if opener is None:
            opener = match
        elif (
            match.group(1)[0] == opener.group(1)[0]
            and len(match.group(1)) >= len(opener.group(1))
            and match.group(0).strip() == match.group(1)
        ):
            spans.append((opener.start(), match.end()))
            opener = None
    if opener is not None:  # an unclosed fence runs to the end, as in CommonMark
        spans.append((opener.start(), len(text)))
    return spans


def outside_code(
    text: str, offsets: list[int] | None, found: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """*found* (automaton hits on the key of *text*: pattern, start, end; *offsets* map
    the key to the text) without those that touch Markdown code, inline or fenced:
    code is masked before names are read, so no name reaches into it.

    >>> outside_code("Kiev `Kiev`", None, [(0, 0, 4), (0, 6, 10)])
    [(0, 0, 4)]
    """
    code = code_spans(text)
    if not code:
        return found
    spans = CodeSpans(code)
    if offsets is None:
        return [hit for hit in found if not spans.overlaps(hit[1], hit[2])]
    return [hit for hit in found if not spans.overlaps(offsets[hit[1]], offsets[hit[2] - 1] + 1)]


def outside_long_tokens(key: str, found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """*found* (automaton hits: pattern, start, end) without the hits that are never
    prose, as :func:`in_technical_token` would find one by one: a hit right after a
    slash, an equals sign or a dot (a path, a query, a domain: "/kiev/",
    "?city=kiev", "news.kiev"), and a hit deep inside a run of more than
    :data:`MAX_TOKEN` characters with no space or bracket (a chain like
    "Kiev-Kiev-..."). Hits within MAX_TOKEN of a run's ends are kept, for the same
    check to decide as before. A file of paths or URL chains would otherwise cost a
    check per hit.

    >>> key = "kiev " + "kiev-" * 300 + " kiev"
    >>> hits = [(0, s, s + 4) for s in range(0, len(key) - 3, 5)]
    >>> len(outside_long_tokens(key, hits)) < len(hits), outside_long_tokens("kiev", [(0, 0, 4)])
    (True, [(0, 0, 4)])
    >>> outside_long_tokens("/kiev/ kiev", [(0, 1, 5), (0, 7, 11)])
    [(0, 7, 11)]
    """
    if "/" in key or "=" in key or "." in key:
        found = [hit for hit in found if not (hit[1] and key[hit[1] - 1] in "/=.")]
    if len(key) <= 2 * MAX_TOKEN or not _spaceless_stretch(key):
        return found
    runs = [m.span() for m in _LONG_RUN.finditer(key)]
    if not runs:
        return found
    inner = [(a + MAX_TOKEN, b - MAX_TOKEN) for a, b in runs if b - a > 2 * MAX_TOKEN]
    if not inner:
        return found
    starts = [a for a, _ in inner]
    kept = []
    for hit in found:
        at = bisect.bisect_right(starts, hit[1]) - 1
        if at < 0 or hit[2] > inner[at][1] or hit[1] < inner[at][0]:
            kept.append(hit)
    return kept


def _spaceless_stretch(key: str) -> bool:
    """Whether *key* may hold a run of over 2 * MAX_TOKEN characters without a stop: a
    cheap test first, since such a run covers a whole aligned stretch of MAX_TOKEN
    characters with no space and no line break."""
    return any(
        " " not in key[at : at + MAX_TOKEN] and "\n" not in key[at : at + MAX_TOKEN]
        for at in range(0, len(key) - MAX_TOKEN + 1, MAX_TOKEN)
    )


def in_technical_token(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a URL, address, handle, hashtag or path."""
    floor = max(0, start - MAX_TOKEN)
    found = _STOP.search(text[floor:start][::-1])  # the nearest stop before: read backwards
    left = start - found.start() if found else floor
    ceiling = min(len(text), end + MAX_TOKEN)
    found = _STOP.search(text, end, ceiling)
    right = found.start() if found else ceiling
    if (left == floor and floor > 0) or (right == ceiling and ceiling < len(text)):
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
    if before in "/=." or after in "/=":
        return True
    return after == "." and end + 1 < right and text[end + 1].isalnum()
