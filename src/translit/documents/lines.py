"""The lines and spans of a document: what :mod:`translit.documents.markup` and
:mod:`translit.documents.syntax` both read a text with.

>>> line_spans("a\\r\\nb")
[(0, 3, 'a'), (3, 4, 'b')]
"""

from __future__ import annotations

import bisect
import re
import sys

__all__ = ["LINE", "Spans", "indentation", "inside", "line_spans", "merge"]

Spans = list[tuple[int, int]]
"""Spans of a text (start, end), sorted."""
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
"""A line with its ending (``\\r\\n``, ``\\r`` or ``\\n``), or the last one without."""


def merge(spans: Spans) -> Spans:
    """*spans* sorted, with overlapping and touching spans joined; empty spans dropped.

    >>> merge([(5, 9), (0, 2), (1, 3), (9, 10), (4, 4)])
    [(0, 3), (5, 10)]
    """
    result: Spans = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        elif end > start:
            result.append((start, end))
    return result


def inside(spans: Spans, pos: int) -> bool:
    """Whether *pos* is inside one of *spans* (sorted and merged)."""
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def line_spans(text: str) -> list[tuple[int, int, str]]:
    """The lines of *text*: start, end, the line without its ending."""
    return [(m.start(), m.end(), m.group().rstrip("\r\n")) for m in LINE.finditer(text)]


def indentation(line: str) -> int:
    """How far *line* is indented, a tab counting to the next multiple of four."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))
