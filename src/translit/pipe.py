"""A long standard input through ``translit normalize``: plain text normalized in
windows, in bounded memory, by the command line's rules (imported only for such an
input; :data:`translit.runner.STREAM_AFTER` says how long).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, cast

from .files import BOM, SNIFF, FileError
from .markup import _DIRECTIVE, _URL
from .mention import Mention
from .runner import Job, Outcome, kept

if TYPE_CHECKING:
    from .normalizer import Normalizer

__all__ = ["stream_file", "stream_text"]


def stream_text(
    normalizer: Normalizer, job: Job, name: str, source: IO[bytes], sink: IO[bytes],
    *, head: bytes = b"", size: int = 1 << 20, context: int | None = None,
) -> None:  # fmt: skip
    """Plain text from *source* to *sink* in bounded memory: windows of about *size*
    characters (:func:`~translit.stream.normalize_stream`; *context*: its ``context``,
    by default :data:`~translit.stream.CONTEXT`), with the command line's rules (URLs,
    suppression comments, allowed forms); the same bytes as :func:`fix_bytes` in
    ``stdout`` mode. A binary or non-UTF-8 input is a :class:`FileError` (what was
    before the bad byte may have been written).

    >>> import io
    >>> from translit import Normalizer
    >>> out = io.BytesIO()
    >>> stream_text(Normalizer(), Job(), "-", io.BytesIO(b"Kiev # translit: ignore\\nKiev"), out)
    >>> out.getvalue()
    b'Kiev # translit: ignore\\nKyiv'
    """
    import codecs

    from .stream import CONTEXT, normalize_stream

    context = CONTEXT if context is None else context
    head += source.read(max(0, SNIFF - len(head)))
    if b"\0" in head[:SNIFF]:
        raise FileError(f"{name}: binary file (NUL byte); pass UTF-8 text")
    if head.startswith(BOM):
        sink.write(BOM)
        head = head[len(BOM) :]
    view = _Suppressions(normalizer, job)
    decoder = codecs.getincrementaldecoder("utf-8")()

    def chunks() -> Iterator[str]:
        data, final = head, False
        while not final:
            final = not data
            try:
                text = decoder.decode(data, final)
            except UnicodeDecodeError as exc:
                line = view.lines + data[: exc.start].count(b"\n") + 1
                raise FileError(f"{name}:{line}: not valid UTF-8; pass UTF-8 text") from None
            view.feed(text, final)
            yield text
            data = b"" if final else source.read(max(size, 1 << 16))

    for piece in normalize_stream(cast("Normalizer", view), chunks(), style=job.style,
                                  size=size, context=context):  # fmt: skip
        sink.write(piece.encode("utf-8"))


def stream_file(normalizer: Normalizer, job: Job, path: str, sink: IO[bytes]) -> Outcome:
    """A long plain-text file in ``stdout`` mode, streamed like a long standard input:
    the same output as reading it whole, in bounded memory. A binary file is skipped
    with a warning, as when read whole; a file that turns out not to be UTF-8 part way
    is an error, after the part before the bad line has been written."""
    try:
        with open(path, "rb") as source:
            head = source.read(SNIFF)
            if b"\0" in head:
                return Outcome(path, warning=f"{path}: binary file (NUL byte), skipped")
            stream_text(normalizer, job, path, source, sink, head=head)
    except FileNotFoundError:
        return Outcome(path, warning=f"{path}: vanished before it could be read, skipped")
    except FileError as exc:
        return Outcome(path, error=str(exc))
    except OSError as exc:
        return Outcome(path, error=f"{path}: cannot read ({exc.strerror}); check its permissions")
    return Outcome(path)


_BREAK = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")


class _Suppressions:
    """What :func:`normalize_stream` sees as the Normalizer: its mentions, where those
    that the command line would leave (allowed, protected) keep their text. A
    ``translit: off`` ... ``on`` block can be longer than a window: the switches are
    tracked here, by absolute position, as the text is fed (each window ends where
    the text fed so far ends)."""

    def __init__(self, normalizer: Normalizer, job: Job) -> None:
        self.normalizer, self.job = normalizer, job
        self.fed = self.lines = 0
        self.partial, self.partial_at = "", 0  # the last line, not yet ended
        self.switches: list[tuple[int, bool]] = []  # (position, off from there)

    def feed(self, text: str, final: bool) -> None:
        """*text* comes next; *final*: nothing comes after it."""
        data = self.partial + text
        origin = self.fed - len(self.partial)  # where data starts
        self.fed += len(text)
        self.lines += text.count("\n")
        pos = 0
        if "translit:" in data:
            for found in _BREAK.finditer(data):
                if found.end() == len(data) and data.endswith("\r") and not final:
                    break  # a CR whose LF may come next
                start = origin + found.start() if found.start() else self.partial_at
                self._line(found.group(), start, origin + found.end())
                pos = found.end()
        else:
            pos = max(data.rfind("\n"), data.rfind("\r", 0, len(data) - 1)) + 1
        if final and pos < len(data):
            self._line(data[pos:], origin + pos if pos else self.partial_at, origin + len(data))
            pos = len(data)
        if pos:
            self.partial_at = origin + pos
        self.partial = data[pos:][-(1 << 16) :]  # the line's start stays at partial_at

    def _line(self, line: str, start: int, end: int) -> None:
        found = _DIRECTIVE.search(line)
        if found is None or any(u.start() <= found.start(1) < u.end() for u in _URL.finditer(line)):
            return
        off = bool(self.switches) and self.switches[-1][1]
        if found.group(1) == "off" and not off:
            self.switches.append((start, True))
        elif found.group(1) == "on" and off:
            self.switches.append((end, False))

    def find(self, text: str, *, style: str | None = None) -> list[Mention]:
        found = self.normalizer.find(text, style=style)
        if not any(m.changed for m in found):
            return found
        base = self.fed - len(text)
        i = bisect.bisect_right(self.switches, (base, True))
        blocks, since = [], base if i and self.switches[i - 1][1] else None
        for at, off in self.switches[i:]:
            if off and since is None:
                since = at
            elif not off and since is not None:
                blocks.append((since - base, at - base))
                since = None
        if since is not None:
            blocks.append((since - base, len(text)))
        keep = {m.start for m in kept(text, found, "plain", self.job.allow, blocks)}
        return [m if m.start in keep else m._replace(replacement=m.text) for m in found]
