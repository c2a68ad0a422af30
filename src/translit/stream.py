"""Normalizing text of any size in bounded memory, with the same result as all at once.

:func:`normalize_stream` reads chunks, scans windows of about ``size``
characters and writes each window out up to a *cut*. The cut lies
:data:`CONTEXT` characters before the window's end, at a line break when there
is one, and before any mention that would straddle it, so every mention written
was scanned with its whole context on both sides (the next window starts
:data:`CONTEXT` characters before the cut, and mentions in that overlap are
not applied twice). A fenced code block open at a cut stays open in the next
window. Peak memory is a few times ``size``, whatever the input's length.

:func:`windows` is the same walk for callers that judge the mentions themselves
(the command line's rules: :mod:`translit.cli.pipe`): it yields each piece of the
input with its mentions.

>>> from translit import Normalizer
>>> chunks = ["Lukashenko visited Ki", "ev.\\n" * 3]
>>> "".join(normalize_stream(Normalizer(), chunks, size=16))
'Lukashenka visited Kyiv.\\nev.\\nev.\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from translit.mention import Mention, apply_mentions
from translit.text.protect import fence_spans

if TYPE_CHECKING:
    from translit.normalizer import Normalizer

__all__ = ["CONTEXT", "PARAGRAPH", "Window", "normalize_stream", "windows"]

CONTEXT = 2000
"""Characters of context kept on each side of a cut (longer than any name and its context)."""

PARAGRAPH = 50
"""How many contexts back the stream looks for the start of a paragraph."""


class Window(NamedTuple):
    """One window of the input as it is scanned: ``text`` is a fenced block's opening
    line put back (``skip`` characters, not in the input; 0: none), the context kept
    from the windows before, and from ``new`` on the text not written yet, of which
    ``text[new:cut]`` is written now. ``at`` is the input's offset, in characters,
    of ``text[skip]``."""

    text: str
    skip: int
    new: int
    cut: int
    at: int

    def offset(self, pos: int) -> int:
        """The input's offset of ``text[pos]`` (*pos* >= ``skip``)."""
        return self.at + pos - self.skip


Judge = Callable[[Window, list[Mention]], list[Mention]]
"""Given a window and the mentions of ``text[new:cut]`` (in ``text``'s offsets), the
mentions to write (the others are written as they are)."""


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
    for piece, mentions in windows(normalizer, chunks, style=style, size=size, context=context):
        yield apply_mentions(piece, mentions)


def windows(
    normalizer: Normalizer,
    chunks: Iterable[str],
    *,
    style: str | None = None,
    size: int = 1 << 20,
    context: int = CONTEXT,
    judge: Judge | None = None,
) -> Iterator[tuple[str, list[Mention]]]:
    """The input of *chunks* cut in pieces, each with its mentions (in the piece's
    offsets) as :meth:`~translit.Normalizer.find` gives them for the whole text, or as
    *judge* keeps them: ``"".join`` of the pieces is the input."""
    state = _State(normalizer, style, max(size, 1), max(context, 1), judge)
    for chunk in chunks:
        state.buffer += chunk
        while len(state.buffer) >= state.size + 2 * state.context:
            yield state.window(final=False)
    if state.buffer:
        yield state.window(final=True)


class _State:
    def __init__(
        self, normalizer: Normalizer, style: str | None, size: int, context: int,
        judge: Judge | None,
    ) -> None:  # fmt: skip
        self.normalizer, self.style, self.size, self.context = normalizer, style, size, context
        self.judge = judge
        self.left = ""  # written text kept as context (after the fence line if one is open)
        self.skip = 0  # the length of that fence line (put back, not in the input)
        self.at = 0  # the input's offset of left[skip]
        self.buffer = ""
        self.paragraph = True  # left starts where a paragraph (or the stream) starts

    def window(self, *, final: bool) -> tuple[str, list[Mention]]:
        text = self.left + self.buffer
        new = len(self.left)
        found = self.normalizer.find(text, style=self.style)
        fresh = [m for m in found if m[0] >= new]  # those in the context were written
        cut = len(text) if final else self._cut(text, new, fresh)
        done = [m for m in fresh if m[1] <= cut]
        if self.judge is not None:
            done = self.judge(Window(text, self.skip, new, cut, self.at), done)
        mentions = [tuple.__new__(Mention, (m[0] - new, m[1] - new, *m[2:])) for m in done]
        start = self._context_start(text, cut)
        if start <= self.skip:  # the context keeps the fence line put back before
            start = 0
        opener = ""
        if start and ("`" in text or "~" in text):
            for s, e in fence_spans(text):
                if s < start < e:  # the context starts inside a fenced block: reopen it
                    opener = text[s : text.find("\n", s) + 1]
        if start:
            self.at += start - self.skip
            self.skip = len(opener)
        self.left = opener + text[start:cut]
        self.buffer = text[cut:]
        return text[new:cut], mentions

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

    def _cut(self, text: str, new: int, mentions: list[Mention]) -> int:
        """Where to stop this window: after a line break (``\\n``, ``\\r\\n`` or ``\\r``)
        about *context* before the end (inline code does not cross lines), and never
        inside a mention."""
        limit = len(text) - self.context
        newline = max(text.rfind("\n", new, limit), text.rfind("\r", new, limit))
        newline += text.startswith("\r\n", newline)
        cut = newline + 1 if newline - new > (limit - new) // 2 else limit
        for m in mentions:
            if m.start < cut < m.end:
                cut = m.start
        return cut if cut > new else limit
