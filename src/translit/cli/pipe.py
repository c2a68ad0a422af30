"""A long input through ``translit normalize``, in bounded memory: plain text, Markdown
and source files (longer than :data:`~translit.cli.runner.STREAM_AFTER`) normalized in
windows (:func:`translit.stream.windows`) by the command line's rules, and written to
standard output or to the file in place, or reported (``--check``), window by window.

The result is the bytes, findings and exit code of reading the input whole
(:func:`~translit.cli.runner.fix_bytes`): what the whole text decides is read first
(:func:`survey`: binary, UTF-8, Markdown's reference labels and front matter) or
carried from window to window line by line (suppression comments, indented code, an
open fenced block), and lines and columns are counted as the pieces go out. Each
window sees what :mod:`translit.stream` says; markup (a tag, a link, a raw HTML
element) is seen whole when it is shorter than the context, and a paragraph's
inline code pairs as in the whole text.

What is not streamed is read whole up to :data:`~translit.cli.runner.READ_WHOLE` bytes,
and refused beyond, with a message that says what to do: reStructuredText (its blocks
are told by their indentation against any earlier line), ``--diff`` (``difflib``
aligns the two texts whole: its hunks depend on how often each line occurs in the
whole file), and Markdown whose front matter is longer than :data:`FRONT_MAX`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Protocol

from translit.cli.report import Finding, findings
from translit.cli.runner import READ_WHOLE, Job, Outcome, fix_bytes
from translit.documents.changes import sort_out
from translit.documents.files import BOM, SNIFF, FileError, Rewrite, Skipped, open_file, unreadable
from translit.documents.lines import LINE, Spans, merge
from translit.documents.markup import Directives, kind_of, protected_spans
from translit.mention import Mention, splice

if TYPE_CHECKING:
    from translit.cli.report import Tally
    from translit.normalizer import Normalizer
    from translit.stream import Window

__all__ = ["FRONT_MAX", "STREAMED", "Survey", "Unstreamable", "fix_long_file", "fix_long_stdin",
           "stream_text", "survey"]  # fmt: skip

STREAMED = ("plain", "markdown", "code")
"""The kinds of file (:func:`~translit.documents.markup.kind_of`) that are streamed."""
FRONT_MAX = 1 << 20
"""Markdown front matter that ends further than this (in characters) is not streamed."""
LABELS_MAX = 1 << 20
"""Markdown reference labels longer than this in all (in characters) are not streamed."""
WINDOW = 1 << 20
"""The size of a window, in characters (the memory taken grows with it)."""
_BREAK = re.compile(r"\r\n|\r|\n")

Show = Callable[[list[Finding], list[Finding]], None]
"""Where the findings of each window go: those that change, and those left as written
(``--explain``)."""


class Sink(Protocol):
    """Where the output goes: standard output, or a :class:`~translit.documents.files.Rewrite`."""

    def write(self, data: bytes, /) -> object: ...


class Unstreamable(Exception):
    """What the whole text decides is too long to carry to the windows (the message says
    what): the input is read whole, if it is short enough."""


@dataclass
class Survey:
    """What a text decides as a whole, read before it is streamed: for Markdown, the
    labels of its reference definitions and its front matter's spans."""

    labels: set[str] = field(default_factory=set)
    front: Spans = field(default_factory=list)
    size: int = 0  # the labels' characters

    def add_labels(self, text: str, whole: bool) -> None:
        """The labels defined in *text* (*whole*: it starts a line)."""
        from translit.documents.syntax import labels

        if not whole:
            cut = text.find("\n")
            text = text[cut + 1 :] if cut >= 0 else ""
        new = labels(text) - self.labels
        self.labels |= new
        self.size += sum(map(len, new))
        if self.size > LABELS_MAX:
            raise Unstreamable(f"reference labels longer than {LABELS_MAX:,} characters in all")


@dataclass
class Streamed:
    """What :func:`stream_text` did: names changed, and names left (``--explain``)."""

    changed: int = 0
    left: int = 0


def survey(source: IO[bytes], name: str, kind: str) -> Survey:
    """Read *source* once, in bounded memory: a binary or non-UTF-8 input is
    :class:`~translit.documents.files.Skipped`, with the messages of
    :func:`~translit.documents.files.decode`; for Markdown, the labels and the front matter
    (:class:`Unstreamable` if they are too long).

    >>> import io
    >>> found = survey(io.BytesIO(b"---\\ntitle: Kiev\\n---\\nSee [Kiev].\\n\\n[kiev]: /k\\n"),
    ...                "a.md", "markdown")
    >>> found.labels, found.front
    ({'kiev'}, [(0, 11), (15, 20)])
    """
    from translit.documents.syntax import FRONT, front_matter

    found = Survey()
    data = _read(source, name)
    if b"\0" in data[:SNIFF]:
        raise Skipped(f"{name}: binary file (NUL byte), skipped")
    if data.startswith(BOM):
        data = data[len(BOM) :]

    def bad(line: int) -> Skipped:
        return Skipped(f"{name}:{line}: not valid UTF-8, skipped; save it as UTF-8 or exclude it")

    pieces = _pieces(_texts(source, name, data, bad, 1 << 20))
    first = next(pieces, None)
    if kind != "markdown" or first is None:
        for _ in pieces:
            pass
        return found
    pieces = itertools.chain([first], pieces)

    def lines() -> Generator[tuple[int, int, str], None, None]:
        for at, text, whole in pieces:
            found.add_labels(text, whole)
            for m in LINE.finditer(text):
                yield at + m.start(), at + m.end(), m.group().rstrip("\r\n")

    reading = lines()
    if FRONT.match(first[1]):
        front = front_matter(reading)
        if front is not None and front[-1][1] > FRONT_MAX:
            raise Unstreamable(f"front matter longer than {FRONT_MAX:,} characters")
        found.front = front or []
    reading.close()
    for _, text, whole in pieces:
        found.add_labels(text, whole)
    return found


def _texts(
    source: IO[bytes], name: str, data: bytes, bad: Callable[[int], Exception], size: int
) -> Iterator[str]:
    """The text of *data*, then of the rest of *source*, decoded *size* bytes at a time;
    ``bad(line)`` is raised at the line of an invalid byte."""
    import codecs

    def blocks() -> Iterator[bytes]:
        for at in range(0, len(data), size):
            yield data[at : at + size]
        while block := _read(source, name, size):
            yield block
        yield b""

    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    for block in blocks():
        pending = len(decoder.getstate()[0])  # the start of a character cut in two
        try:
            text = decoder.decode(block, not block)
        except UnicodeDecodeError as exc:
            raise bad(lines + block[: max(0, exc.start - pending)].count(b"\n") + 1) from None
        lines += block.count(b"\n")
        yield text


def _read(source: IO[bytes], name: str, size: int = 1 << 20) -> bytes:
    try:
        return source.read(size)
    except OSError as exc:
        raise unreadable(name, exc) from exc


def _pieces(texts: Iterator[str]) -> Iterator[tuple[int, str, bool]]:
    """*texts* again, cut after a ``\\n`` (each: its offset, the text, whether it starts
    a line); a line longer than a megabyte comes in several pieces."""
    at, carry, whole = 0, "", True
    for text in texts:
        carry += text
        end = carry.rfind("\n") + 1
        if not end and len(carry) < 1 << 20:
            continue
        end = end or len(carry)
        yield at, carry[:end], whole
        whole = carry[end - 1] == "\n"
        at, carry = at + end, carry[end:]
    if carry:
        yield at, carry, whole


def stream_text(
    normalizer: Normalizer, job: Job, name: str, source: IO[bytes], sink: Sink | None = None,
    *, head: bytes = b"", kind: str = "plain", found: Survey | None = None,
    show: Show | None = None, size: int | None = None, context: int | None = None,
) -> Streamed:  # fmt: skip
    """The text of *source* (after *head*, its first bytes, already read) fixed by the
    command line's rules for the file kind *kind* (one of :data:`STREAMED`), in bounded
    memory, in windows of about *size* characters (by default :data:`WINDOW`) with
    *context* characters of context (by default :data:`~translit.stream.CONTEXT`): the
    new bytes to *sink*, the findings of each window to *show*. The same bytes and
    findings as :func:`fix_bytes`; Markdown needs what :func:`survey` *found*. A binary
    or non-UTF-8 input is a :class:`FileError` (what was before the bad byte may have
    been written).

    >>> import io
    >>> from translit import Normalizer
    >>> out = io.BytesIO()
    >>> data = io.BytesIO(b"Kiev # translit: ignore\\nKiev")
    >>> done = stream_text(Normalizer(), Job(), "-", data, out)
    >>> out.getvalue(), done
    (b'Kiev # translit: ignore\\nKyiv', Streamed(changed=1, left=0))
    """
    from translit.stream import CONTEXT, windows

    if kind == "markdown" and found is None:
        raise ValueError("streaming Markdown needs what survey() found")
    head += _read(source, name, max(0, SNIFF - len(head)))
    if b"\0" in head[:SNIFF]:
        raise FileError(f"{name}: binary file (NUL byte); pass UTF-8 text")
    if head.startswith(BOM):
        if sink is not None:
            sink.write(BOM)
        head = head[len(BOM) :]
    window = WINDOW if size is None else size

    def bad(line: int) -> FileError:
        return FileError(f"{name}:{line}: not valid UTF-8; pass UTF-8 text")

    chunks = _texts(source, name, head, bad, window)
    judge = _Judge(job, kind, found or Survey())
    place = _Place(name)
    done = Streamed()
    for piece, mentions in windows(normalizer, chunks, style=job.style, size=window,
                                   context=CONTEXT if context is None else context,
                                   judge=judge):  # fmt: skip
        changed = [m for m in mentions if m.changed]
        if sink is not None:
            sink.write((splice(piece, changed) if changed else piece).encode("utf-8"))
        if show is not None and mentions:
            left = [m for m in mentions if not m.changed]
            show(place.findings(piece, changed), place.findings(piece, left))
        place.advance(piece)
        done.changed += len(changed)
        done.left += len(mentions) - len(changed)
    return done


class _Judge:
    """The mentions of each window that the command line changes, and with ``explain``
    those it leaves, with why (:func:`~translit.documents.changes.sort_out`): the window's protected
    spans, with what the whole text decides. The suppression comments and Markdown's
    indented code are read line by line, each line once, from the first line that
    starts in the window's new text to the one the cut falls in (in input offsets). A
    line longer than the context that runs past the window is read in two: what the
    window holds, and in the next window the rest, as a line of its own (so that a
    directive at its end still counts from there on)."""

    def __init__(self, job: Job, kind: str, found: Survey) -> None:
        from translit.documents.syntax import Indented

        self.job, self.kind, self.found = job, kind, found
        self.directives = Directives()
        self.indented = Indented() if kind == "markdown" else None
        self.code: Spans = []  # indented code lines that may reach into the next window
        self.done = 0  # the input's offset where the next line to read starts
        self.cr = False  # ... after a \r, which a \n may follow

    def __call__(self, window: Window, mentions: list[Mention]) -> list[Mention]:
        text, cut = window.text, window.cut
        final = cut == len(text)
        shift = window.at - window.skip  # a position in text + shift: the input's offset
        start = self.done - shift
        if self.cr:  # a \r ended the last line read: the \n of a \r\n is not a line
            self.cr = False
            start += text.startswith("\n", start)
        end = start
        if start < cut:
            end, self.cr = _line_end(text, cut - 1, final)
        self.done = end + shift
        read = start < end and (
            text.find("translit:", start, end) >= 0 or self.directives.next_line
        )
        lines = []
        if read or (self.indented is not None and start < end):
            lines = [(m.start(), m.end(), m.group().rstrip("\r\n"))
                     for m in LINE.finditer(text, start, end)]  # fmt: skip
        explain = self.job.explain
        candidates = [m for m in mentions if m.changed or (explain and m.left)]
        spans: Spans = []
        if self.kind == "code":
            spans = [(0, len(text))]
        elif candidates or read:
            spans = self._spans(text, shift, lines, read)
        elif self.indented is not None:
            self._indent(shift, lines, self._fenced(text, shift))
        reach = cut + shift
        self.code = [s for s in self.code if s[1] > reach]
        self.directives.spans = [s for s in self.directives.spans if s[1] > reach]
        if not candidates:
            return []
        keep, left = sort_out(text, candidates, self.kind, self.job.allow, explain=explain,
                              spans=spans)  # fmt: skip
        return sorted([*keep, *left]) if left else keep

    def _spans(self, text: str, shift: int, lines: list[tuple[int, int, str]], read: bool) -> Spans:
        def directives(markup: Spans) -> Spans:
            if read:
                for start, end, line in lines:
                    self.directives.line(start + shift, end + shift, line, markup, shift)
            spans = _window(self.directives.spans, shift, len(text))
            if self.directives.off is not None:
                spans.append((max(0, self.directives.off - shift), len(text)))
            return spans

        def indented(fenced: Spans) -> Spans:
            self._indent(shift, lines, fenced)
            return _window(self.code, shift, len(text))

        if self.indented is None:
            return protected_spans(text, self.kind, directives=directives)
        front = _window(self.found.front, shift, len(text))
        return protected_spans(text, self.kind, front=front, labels=self.found.labels,
                               indented=indented, directives=directives)  # fmt: skip

    def _fenced(self, text: str, shift: int) -> Spans:
        from translit.text.protect import code_spans

        return merge(_window(self.found.front, shift, len(text)) + code_spans(text))

    def _indent(self, shift: int, lines: list[tuple[int, int, str]], fenced: Spans) -> None:
        assert self.indented is not None
        for start, _, line in lines:
            span = self.indented.line(start + shift, line, fenced, shift)
            if span is not None:
                self.code.append(span)


def _line_end(text: str, pos: int, final: bool) -> tuple[int, bool]:
    """Where the line at *pos* in *text* ends (after its line break; at the end of
    *text* if it goes on past it), and whether its break is a ``\\r`` at the end of
    *text* (not *final*), which a ``\\n`` may follow."""
    follow = _BREAK.search(text, pos)
    if follow is None:
        return len(text), False
    return follow.end(), not final and follow.group() == "\r" and follow.end() == len(text)


def _window(spans: Spans, shift: int, length: int) -> Spans:
    """The input's *spans* that reach into a window of *length* characters, in its
    offsets (the window's position + *shift* is the input's offset)."""
    return [(max(0, s - shift), e - shift) for s, e in spans if e > shift and s < shift + length]


class _Place:
    """Lines and columns across the pieces of a stream, as :func:`findings` counts them
    in the whole text (a ``\\r\\n`` may be cut in two)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.line, self.column, self.cr = 1, 0, False  # where the next piece starts

    def findings(self, piece: str, mentions: list[Mention]) -> list[Finding]:
        lines = self.line - 1 - (self.cr and piece.startswith("\n"))
        result = []
        for f in findings(self.name, piece, mentions):
            column = self.column if f.line == 1 else 0
            result.append(f._replace(line=f.line + lines, column=f.column + column,
                                     end_column=f.end_column + column))  # fmt: skip
        return result

    def advance(self, piece: str) -> None:
        breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
        self.line += breaks - (self.cr and piece.startswith("\n"))
        last = max(piece.rfind("\n"), piece.rfind("\r"))
        self.column = len(piece) - last - 1 if last >= 0 else self.column + len(piece)
        self.cr = piece.endswith("\r")


def fix_long_file(
    normalizer: Normalizer, job: Job, path: str, tally: Tally, sink: IO[bytes]
) -> Outcome:
    """A file longer than :data:`~translit.cli.runner.STREAM_AFTER`: streamed when its kind
    and the mode allow it, its findings shown as they come (with ``--in-place``, once
    the file is written); else read whole up to :data:`~translit.cli.runner.READ_WHOLE`
    bytes, and refused beyond."""
    kind = job.kind or kind_of(path)
    try:
        source, stamp = open_file(path)
        with source:
            why = _unstreamed(kind, job.mode)
            found = Survey()
            if why is None:
                try:
                    found = survey(source, path, kind)
                except Unstreamable as exc:
                    why = f"{exc}, so it is read whole"
            source.seek(0)
            if why is None:
                return _stream_file(normalizer, job, path, kind, source, found, stamp, tally,
                                    sink)  # fmt: skip
            if stamp[1] > READ_WHOLE:
                return Outcome(path, error=_refusal(path, stamp[1], why, job.mode))
            from pathlib import Path

            return fix_bytes(normalizer, job, path, _read(source, path, -1), Path(path), stamp)
    except Skipped as exc:
        return Outcome(path, warning=str(exc))
    except FileError as exc:
        return Outcome(path, error=str(exc))


def fix_long_stdin(
    normalizer: Normalizer, job: Job, name: str, head: bytes, source: IO[bytes], tally: Tally,
    sink: IO[bytes],
) -> Outcome:  # fmt: skip
    """A standard input longer than :data:`~translit.cli.runner.STREAM_AFTER` (*head*, then
    the rest of *source*) as a file of that name: streamed (Markdown through a
    temporary file, read twice), or read whole up to :data:`~translit.cli.runner.READ_WHOLE`
    bytes, and refused beyond (a :class:`FileError`)."""
    kind = job.kind or kind_of(name)
    why = _unstreamed(kind, job.mode)
    if why is None and kind != "markdown":
        show = tally.show if job.mode == "check" else None
        done = stream_text(normalizer, job, name, source, sink if show is None else None,
                           head=head, kind=kind, show=show)  # fmt: skip
        return Outcome(name, shown=done.changed, shown_left=done.left)
    import shutil
    import tempfile

    with tempfile.TemporaryFile() as spool:
        spool.write(head)
        shutil.copyfileobj(source, spool)
        size = spool.tell()
        spool.seek(0)
        if why is None:
            try:
                found = survey(spool, name, kind)
            except Unstreamable as exc:
                why = f"{exc}, so it is read whole"
            except Skipped as exc:
                return Outcome(name, warning=str(exc))
            spool.seek(0)
        if why is None:
            return _stream_file(normalizer, job, name, kind, spool, found, (0, 0), tally, sink)
        if size > READ_WHOLE:
            raise FileError(_refusal(name, size, why, job.mode))
        return fix_bytes(normalizer, job, name, spool.read())


def _refusal(name: str, size: int, why: str, mode: str) -> str:
    return (f"{name}: {size:,} bytes, and {why}, up to {READ_WHOLE:,} bytes; "
            f"{_INSTEAD[mode == 'diff']}")  # fmt: skip


_INSTEAD = (
    "split it, or rename it .txt (plain text is streamed)",
    "use --check, or --in-place and git diff (which stream the file)",
)


def _unstreamed(kind: str, mode: str) -> str | None:
    """Why a file of *kind* is read whole in *mode* (None: it is streamed)."""
    if mode == "diff":
        return "--diff reads a file whole"
    if kind not in STREAMED:
        return f"{'reStructuredText' if kind == 'rst' else kind} is read whole"
    return None


def _stream_file(
    normalizer: Normalizer, job: Job, name: str, kind: str, source: IO[bytes], found: Survey,
    stamp: tuple[int, int], tally: Tally, sink: IO[bytes],
) -> Outcome:  # fmt: skip
    if job.mode == "stdout":
        stream_text(normalizer, job, name, source, sink, kind=kind, found=found)
        return Outcome(name)
    if job.mode == "check":
        done = stream_text(normalizer, job, name, source, kind=kind, found=found,
                           show=tally.show)  # fmt: skip
        return Outcome(name, shown=done.changed, shown_left=done.left)
    import tempfile

    rewrite = Rewrite(name, stamp)
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool, \
            tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as lefts:  # fmt: skip

        def show(changed: list[Finding], left: list[Finding]) -> None:
            tally.show(changed, left, spool)
            if left:
                tally.show([], left, lefts)

        try:
            done = stream_text(normalizer, job, name, source, rewrite, kind=kind, found=found,
                               show=show)  # fmt: skip
        except BaseException:
            rewrite.discard()
            raise
        outcome = Outcome(name, shown=done.changed, shown_left=done.left)
        try:
            if done.changed:
                rewrite.commit()
            else:
                rewrite.discard()
        except Skipped as exc:  # as fix_bytes: the names left are still told
            outcome.shown, outcome.warning = 0, str(exc)
        except FileError as exc:
            outcome.shown, outcome.error = 0, str(exc)
        tally.replay(spool if outcome.shown == done.changed else lefts)
        return outcome
