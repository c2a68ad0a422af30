"""How ``translit normalize`` tells what it found: text, JSON lines, GitHub annotations, diffs.

Lines and columns are 1-based; a column counts characters (code points) from
the start of the line, without the byte-order mark. A line ends at ``\\n``,
``\\r\\n`` or a lone ``\\r``.

>>> from translit.mention import Mention
>>> text = "Intro\\r\\nLukashenko visited Kiev\\r\\n"
>>> found = findings("a.md", text, [Mention(26, 30, "Kiev", "Kyiv", "kyiv", "variant Kiev (en)")])
>>> print(render(found[0], "text"))
a.md:2:20: Kiev -> Kyiv (kyiv: variant Kiev (en))
>>> print(render(found[0], "github"))  # doctest: +NORMALIZE_WHITESPACE
::warning file=a.md,line=2,col=20,endColumn=24,title=translit::Kiev -> Kyiv
(kyiv: variant Kiev (en))

A mention left as written (``translit normalize --explain``) is a finding whose
``new`` is its ``old`` and whose ``left`` says why; ``github`` makes it a notice:

>>> left = Mention(6, 10, "Kiev", "Kiev", "kyiv", "variant Kiev (en)",
...                left="the text discusses the spelling", lang="en")
>>> found = findings("a.md", "Kyiv (Kiev)", [left])
>>> print(render(found[0], "text"))
a.md:1:7: Kiev left: the text discusses the spelling (kyiv)
>>> print(render(found[0], "json"))  # doctest: +NORMALIZE_WHITESPACE
{"path": "a.md", "line": 1, "column": 7, "end_column": 11, "old": "Kiev", "new": "Kiev",
"entity": "kyiv", "reason": "variant Kiev (en)", "left": "the text discusses the spelling",
"lang": "en"}
>>> print(render(found[0], "github"))  # doctest: +NORMALIZE_WHITESPACE
::notice file=a.md,line=1,col=7,endColumn=11,title=translit::Kiev left: the text
discusses the spelling (kyiv)
>>> print(unified_diff("a.md", "Kiev\\nend", "Kyiv\\nend"), end="")
--- a/a.md
+++ b/a.md
@@ -1,2 +1,2 @@
-Kiev
+Kyiv
 end
\\ No newline at end of file
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, TextIO

from translit.mention import Mention

if TYPE_CHECKING:
    from translit.cli.runner import Outcome

__all__ = [
    "FORMATS",
    "Finding",
    "Progress",
    "Tally",
    "color_diff",
    "diff_json",
    "findings",
    "number",
    "paint",
    "render",
    "split_lines",
    "unified_diff",
]

FORMATS = ("text", "json", "github")
"""The report formats of ``--format``."""

_BREAK = re.compile(r"\r\n|\r|\n")


class Finding(NamedTuple):
    """One name that changes (or would change), located by line and column; or, with
    ``left`` (why), one left as written (``new`` is then ``old``). ``lang``: the
    language of the text around it (None: not told). (A named tuple, not a dataclass:
    :mod:`dataclasses` imports :mod:`inspect`, about 6 ms of every start-up.)"""

    path: str
    line: int
    column: int
    end_column: int
    old: str
    new: str
    entity: str
    reason: str
    left: str = ""
    lang: str | None = None


def findings(path: str, text: str, mentions: Iterable[Mention]) -> list[Finding]:
    """The :class:`Finding` of each mention of *text* (the text of the file *path*)."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    result = []
    for m in mentions:
        line = bisect.bisect_right(starts, m.start) - 1
        column = m.start - starts[line] + 1
        end = column + len(m.text) if "\n" not in m.text and "\r" not in m.text else column + 1
        result.append(Finding(path, line + 1, column, end, m.text, m.replacement, m.entity,
                              m.reason, m.left, m.lang))  # fmt: skip
    return result


_COLORS = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def paint(text: str, color: str, on: bool = True) -> str:
    """*text* in *color* (``bold``, ``red``, ``green``, ``yellow``, ``cyan``) for a
    terminal, when *on*; else as it is.

    >>> paint("Kyiv", "green")
    '\\x1b[32mKyiv\\x1b[0m'
    >>> paint("Kyiv", "green", on=False)
    'Kyiv'
    """
    return f"\033[{_COLORS[color]}m{text}\033[0m" if on and text else text


def color_diff(diff: str) -> str:
    """A unified diff coloured as git colours it: headers bold, ``@@`` lines cyan, removed
    lines red, added lines green (each line's ending left outside the colour)."""
    out = []
    for line in split_lines(diff):
        body = line.rstrip("\r\n")
        end = line[len(body) :]
        if line.startswith(("---", "+++")):
            body = paint(body, "bold")
        elif line.startswith("@@"):
            body = paint(body, "cyan")
        elif line.startswith("-"):
            body = paint(body, "red")
        elif line.startswith("+"):
            body = paint(body, "green")
        out.append(body + end)
    return "".join(out)


def number(count: int) -> str:
    """*count* as the progress line and the summary write it: with thousands separators.

    >>> number(1234567)
    '1,234,567'
    """
    return f"{count:,}"


def render(finding: Finding, style: str, color: bool = False) -> str:
    """One finding as a line of the report *style* (``text``, ``json`` or ``github``);
    *color*: the text style for a terminal (the place bold, the old form red, the new
    green). JSON and GitHub annotations are never coloured."""
    f = finding
    if f.left:
        message = f"{f.old} left: {f.left} ({f.entity})"
    else:
        message = f"{f.old} -> {f.new} ({f.entity}: {f.reason})"
    if style == "json":
        import json

        record = f._asdict()
        if not f.left:  # a change: no "left" key
            del record["left"]
        return json.dumps(record, ensure_ascii=False)
    if style == "github":
        where = (
            f"file={_escape(f.path, True)},line={f.line},col={f.column},"
            f"endColumn={f.end_column},title=translit"
        )
        level = "notice" if f.left else "warning"
        return f"::{level} {where}::{_escape(message, False)}"
    where = f"{f.path}:{f.line}:{f.column}:"
    message = " ".join(message.split())
    if color:  # the same words, with the place and the forms coloured
        old, new = " ".join(f.old.split()), " ".join(f.new.split())
        if f.left:
            message = paint(old, "yellow") + message[len(old) :]
        else:
            head = f"{old} -> {new}"
            if message.startswith(head):
                message = f"{paint(old, 'red')} -> {paint(new, 'green')}{message[len(head) :]}"
        where = paint(where, "bold")
    return f"{where} {message}"


def _escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


def split_lines(text: str) -> list[str]:
    """*text* cut after each ``\\n``, ``\\r\\n`` or lone ``\\r``, endings kept.

    >>> split_lines("a\\r\\nb\\rc\\nd")
    ['a\\r\\n', 'b\\r', 'c\\n', 'd']
    """
    lines, pos = [], 0
    for m in _BREAK.finditer(text):
        lines.append(text[pos : m.end()])
        pos = m.end()
    return [*lines, text[pos:]] if pos < len(text) else lines


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff from *old* to *new*, each line with its own ending, as git writes it."""
    name = path.lstrip("/")
    label = ("<stdin>", "<stdin>") if path == "<stdin>" else (f"a/{name}", f"b/{name}")
    out = []
    import difflib

    for line in difflib.unified_diff(split_lines(old), split_lines(new), *label, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            out.append(line + "\n")
        elif line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def diff_json(outcome: Outcome) -> str:
    """The line of ``--diff --format json`` for a file that would change: an object with
    its ``path``, the number of ``names`` that change, their ``findings`` (as ``--check
    --format json`` writes each) and the unified ``diff`` (the text ``--diff`` writes)."""
    import json

    found = [json.loads(render(f, "json")) for f in outcome.findings]
    record = {"path": outcome.path, "names": len(found), "findings": found,
              "diff": outcome.output.decode("utf-8")}  # fmt: skip
    return json.dumps(record, ensure_ascii=False)


class Progress:
    """A ``\\r`` counter on *stream*, shown when it is a terminal and the run passes *delay* s.

    It is redrawn at most once per *interval* seconds.
    """

    def __init__(
        self, total: int, stream: TextIO, delay: float = 1.0, interval: float = 0.1
    ) -> None:
        self.total, self.stream, self.delay, self.interval = total, stream, delay, interval
        self.start = self.last = time.monotonic()
        self.shown = False
        isatty = getattr(stream, "isatty", None)
        self.enabled = total > 1 and callable(isatty) and bool(isatty())

    def step(self, done: int) -> None:
        """*done* files of the total are finished."""
        now = time.monotonic() if self.enabled else 0.0
        if self.enabled and now - self.start >= self.delay and (
            now - self.last >= self.interval or done == self.total or not self.shown
        ):
            self.stream.write(f"\rtranslit: {number(done)}/{number(self.total)} files")
            self.stream.flush()
            self.shown, self.last = True, now

    def close(self) -> None:
        """Erase the counter (before other output, and at the end)."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


class Tally:
    """Writes each outcome (output, report lines, warnings, errors) and counts them.

    *color*: the report and diffs on *out* are coloured (text only, never JSON or
    GitHub annotations); *err_color*: the prefixes of warnings and errors on *err*.
    *verbosity*: -1 (``-q``: only problems: warnings, errors, the findings of
    ``--check``), 0, or 1 (``-v``: also each file left unchanged, on *err*)."""

    def __init__(
        self,
        mode: str,
        style: str,
        out: TextIO,
        err: TextIO,
        progress: Progress | None = None,
        *,
        color: bool = False,
        err_color: bool = False,
        verbosity: int = 0,
    ) -> None:
        self.mode, self.style, self.out, self.err = mode, style, out, err
        self.progress = progress
        self.color, self.err_color = color and style == "text", err_color
        self.verbosity = verbosity
        self.files = self.changed = self.names = self.skipped = self.errors = self.left = 0

    def add(self, outcome: Outcome) -> None:
        """Write what *outcome* has to say, and count it."""
        self.files += 1
        if self.progress is not None and (
            outcome.warning or outcome.error or outcome.findings or outcome.output or outcome.left
            or self.verbosity > 0
        ):
            self.progress.close()
        if outcome.warning:
            self.out.flush()
            print(problem(f"warning: {outcome.warning}", "warning", self.err_color),
                  file=self.err, flush=True)  # fmt: skip
        if outcome.error:
            self.out.flush()
            print(problem(outcome.error, "error", self.err_color), file=self.err, flush=True)
        self.skipped += bool(outcome.warning)
        self.errors += bool(outcome.error)
        changed = bool(outcome.findings or outcome.shown)
        self.changed += changed
        self.names += len(outcome.findings) + outcome.shown
        self.left += len(outcome.left) + outcome.shown_left
        if self.mode == "diff" and self.style == "json" and outcome.output:
            print(diff_json(outcome), file=self.out, flush=True)
        elif self.mode in ("stdout", "diff") and outcome.output:
            self.out.flush()
            data = outcome.output
            if self.mode == "diff" and self.color:
                data = color_diff(data.decode("utf-8")).encode("utf-8")
            self.out.buffer.write(data)
            self.out.buffer.flush()
        elif self.mode in ("check", "in-place"):
            self.show(outcome.findings, outcome.left)
        if self.verbosity > 0 and not (changed or outcome.warning or outcome.error):
            self.out.flush()
            print(f"{outcome.path}: unchanged", file=self.err, flush=True)

    def show(self, found: list[Finding], left: list[Finding], out: TextIO | None = None) -> None:
        """Write the findings of one file (or of a part of one, streamed), and those
        *left* as written, in the order of the text, to *out* (by default the report).
        With ``-q`` only those of ``--check`` are written (they are the problems)."""
        if self.verbosity < 0 and self.mode != "check":
            return
        if out is None and self.progress is not None and (found or left):
            self.progress.close()
        if left:
            found = sorted([*found, *left], key=lambda f: (f.line, f.column))
        for finding in found:
            print(render(finding, self.style, self.color), file=self.out if out is None else out)

    def replay(self, spool: TextIO) -> None:
        """Write what :meth:`show` wrote to *spool* to the report."""
        import shutil

        spool.seek(0)
        if self.progress is not None and spool.read(1):
            self.progress.close()
            spool.seek(0)
        shutil.copyfileobj(spool, self.out)

    @property
    def exit_code(self) -> int:
        """2 after an error; else 1 when --check, --diff or --in-place found changes; else 0."""
        if self.errors:
            return 2
        return 1 if self.mode != "stdout" and self.changed else 0

    @property
    def clean(self) -> bool:
        """Nothing to change, nothing skipped, nothing failed: ``-q`` then says nothing."""
        return not (self.changed or self.skipped or self.errors)

    def summary(self) -> str:
        """One line in the style of black's: the files fixed (or that would be) with their
        names, those left unchanged, skipped (see the warnings) and failed (see the
        errors); then the names left as written, when asked for and there are some.
        Together the files are all those checked.

        >>> import io
        >>> tally = Tally("in-place", "text", io.StringIO(), io.StringIO())
        >>> tally.files, tally.changed, tally.names = 1000, 3, 5
        >>> tally.summary()
        'translit: 3 files fixed (5 names), 997 files left unchanged'
        >>> tally.mode, tally.skipped, tally.left = "check", 1, 1
        >>> tally.summary()  # doctest: +NORMALIZE_WHITESPACE
        'translit: 3 files would be fixed (5 names), 996 files would be left unchanged,
        1 file skipped (see the warnings); 1 name left as written'
        """
        if not self.files:
            return "translit: no files to check"
        would = "" if self.mode == "in-place" else "would be "
        unchanged = self.files - self.changed - self.skipped - self.errors
        parts = []
        if self.changed:
            parts.append(f"{_files(self.changed)} {would}fixed ({_count(self.names, 'name')})")
        if unchanged:
            parts.append(f"{_files(unchanged)} {would}left unchanged")
        if self.skipped:
            parts.append(f"{_files(self.skipped)} skipped (see the warnings)")
        if self.errors:
            parts.append(f"{_files(self.errors)} failed (see the errors)")
        line = "translit: " + ", ".join(parts)
        if self.left:
            line += f"; {_count(self.left, 'name')} left as written"
        return line


def problem(message: str, level: str, color: bool = False) -> str:
    """A line of standard error: ``translit:`` and *message*, its prefix yellow for a
    ``warning``, red for an ``error``, on a terminal (*color*).

    >>> problem("a.md: no such file", "error")
    'translit: a.md: no such file'
    """
    if not color:
        return f"translit: {message}"
    if level == "warning" and message.startswith("warning:"):
        return f"{paint('translit: warning:', 'yellow')}{message[len('warning:') :]}"
    return f"{paint('translit:', 'red' if level == 'error' else 'yellow')} {message}"


def _count(count: int, noun: str) -> str:
    return f"{number(count)} {noun}{'' if count == 1 else 's'}"


def _files(count: int) -> str:
    return _count(count, "file")
