"""Normalizing text of any size in bounded memory, with the same result as all at once.

:func:`normalize_stream` reads chunks, scans windows of about ``size``
characters and writes each window out up to a *cut*. The cut lies
:data:`CONTEXT` characters before the window's end, at a line break when there
is one, and before any mention that would straddle it, so every mention written
was scanned with its whole context on both sides (the next window starts
:data:`CONTEXT` characters before the cut, and mentions in that overlap are
not applied twice). A fenced code block open at a cut stays open in the next
window. Peak memory is a few times ``size``, whatever the input's length.

>>> from translit import Normalizer
>>> chunks = ["Lukashenko visited Ki", "ev.\\n" * 3]
>>> "".join(normalize_stream(Normalizer(), chunks, size=16))
'Lukashenka visited Kyiv.\\nev.\\nev.\\n'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .mention import Mention, apply_mentions
from .protect import fence_spans

if TYPE_CHECKING:
    from .normalizer import Normalizer

__all__ = ["CONTEXT", "PARAGRAPH", "normalize_stream"]

CONTEXT = 2000
"""Characters of context kept on each side of a cut (longer than any name and its context)."""

PARAGRAPH = 50
"""How many contexts back the stream looks for the start of a paragraph."""



def normalize_stream(
    normalizer: Normalizer,
    chunks: Iterable[str],
    *,
    style: str | None = None,
    size: int = 1 << 20,
    context: int = CONTEXT,
) -> Iterator[str]:
    """Yield the normalized text of *chunks*, window by window.

    ``"".join(normalize_stream(n, chunks))`` equals ``n.normalize("".join(chunks))``
    as long as no name with its deciding context is longer than *context*.
    """
    state = _State(normalizer, style, max(size, 1), max(context, 1))
    for chunk in chunks:
        state.buffer += chunk
        while len(state.buffer) >= state.size + 2 * state.context:
            yield state.window(final=False)
    if state.buffer:
        yield state.window(final=True)


class _State:
    def __init__(self, normalizer: Normalizer, style: str | None, size: int, context: int):
        self.normalizer, self.style, self.size, self.context = normalizer, style, size, context
        self.left = ""  # written text kept as context (after the fence line if one is open)
        self.buffer = ""
        self.paragraph = True  # left starts where a paragraph (or the stream) starts

    def window(self, *, final: bool) -> str:
        left, buffer = self.left, self.buffer
        text = left + buffer
        base = len(left)
        found = self.normalizer.find(text, style=self.style)
        mentions = [  # in buffer's offsets; those in the context (left) were written
            tuple.__new__(Mention, (m[0] - base, m[1] - base, *m[2:]))
            for m in found
            if m[0] >= base
        ]
        fenced = "```" in text or "~~~" in text
        spans = [(s - base, e - base) for s, e in fence_spans(text)] if fenced else []
        cut = len(buffer) if final else self._cut(buffer, mentions)
        out = apply_mentions(buffer[:cut], [m for m in mentions if m.end <= cut])
        start = self._context_start(text, base + cut) - base  # in left when negative
        opener = ""
        for s, e in spans:
            if s < start < e:  # the context starts inside a fenced block: reopen it
                line_end = text.find("\n", base + s)
                opener = text[base + s : line_end + 1]
        self.left = opener + text[base + start : base + cut]
        self.buffer = buffer[cut:]
        return out

    def _context_start(self, text: str, cut: int) -> int:
        """Where, in *text* (the window with its context), the context kept for the next
        window starts: at the start of the cut's paragraph, so that inline code pairs its
        backticks as in the whole text (up to :data:`PARAGRAPH` contexts back); else at
        a line start, so that a partial line cannot pass for a fence."""
        reach = PARAGRAPH * self.context
        blank = text.rfind("\n\n", max(0, cut - reach), cut)
        if blank >= 0:
            self.paragraph = True
            return min(blank + 2, cut)
        if self.paragraph and cut <= reach:  # the paragraph began where the text begins
            return 0
        self.paragraph = False
        start = max(0, cut - self.context)
        if start and text[start - 1] != "\n":
            newline = text.find("\n", start, cut)
            start = newline + 1 if newline >= 0 else start
            while start < cut and start and text[start - 1] != "\n" and text[start] in " `~":
                start += 1  # a partial line that could look like a fence: drop its head
        return start

    def _cut(self, buffer: str, mentions: list[Mention]) -> int:
        """Where to stop this window: a line break about *context* before the end (inline
        code does not cross lines), and never inside a mention."""
        limit = len(buffer) - self.context
        newline = buffer.rfind("\n", 0, limit)
        cut = newline + 1 if newline > limit // 2 else limit
        for m in mentions:
            if m.start < cut < m.end:
                cut = m.start
        return cut if cut > 0 else limit
