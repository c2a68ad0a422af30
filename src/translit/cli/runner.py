"""``translit normalize`` over files: the fix of one file, and of many on every core.

One file: read its bytes, decode (binary and non-UTF-8 files are skipped),
find the mentions that change, drop those in protected spans
(:mod:`translit.documents.markup`) or spelled as the config allows, then, by mode,
return the new content (``stdout``), a diff (``diff``), nothing (``check``), or
write the file atomically (``in-place``, only when something changes). With
``Job(explain=True)`` the outcome also lists the mentions left as written, each
with its reason (:func:`sort_out`).

Many files: a process pool whose workers get the compiled Normalizer once, in
their initializer; outcomes come back in the order of the files.

>>> from translit import Normalizer
>>> job = Job(mode="stdout")
>>> out = fix_bytes(Normalizer(), job, "a.md", b"Kiev and `Kiev`\\r\\n")
>>> out.output, [(f.line, f.column, f.old, f.new) for f in out.findings]
(b'Kyiv and `Kiev`\\r\\n', [(1, 1, 'Kiev', 'Kyiv')])
>>> from translit.documents.changes import allowed
>>> fix_bytes(Normalizer(), Job(allow=allowed(["kiev"])), "a.md", b"Kiev\\n").output
b'Kiev\\n'
>>> out = fix_bytes(Normalizer(), Job("check", explain=True), "a.md", b"Kyiv (Kiev)")
>>> [(f.column, f.old, f.left) for f in out.left]
[(7, 'Kiev', 'the text discusses the spelling')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from translit.cli.report import Finding, Progress, findings, unified_diff
from translit.documents.changes import kept, sort_out
from translit.documents.files import FileError, Skipped, decode, read, write_atomic
from translit.documents.markup import kind_of
from translit.mention import Mention, splice
from translit.record import Record

if TYPE_CHECKING:  # what one file or standard input does not need is imported where used
    from pathlib import Path

    from translit.normalizer import Normalizer

Span = tuple[int, int]

__all__ = ["MODES", "READ_WHOLE", "STREAM_AFTER", "Job", "Outcome", "fix_bytes", "fix_file",
           "fix_text", "run"]

MODES = ("stdout", "check", "diff", "in-place")
"""What ``normalize`` does with a result."""


class Job(NamedTuple):
    """What to do with each file: the mode, the style, the allowed spellings, the file type,
    and whether to list the mentions left as written (``explain``). (A named tuple, and
    :class:`Outcome` a :class:`~translit.record.Record`, not dataclasses:
    :mod:`dataclasses` imports :mod:`inspect`, about 6 ms of every start-up.)"""

    mode: str = "stdout"
    style: str | None = None
    allow: frozenset[str] = frozenset()
    kind: str | None = None  # None: from each file's name
    explain: bool = False


class Outcome(Record):
    """The result for one file: its findings (the names that change), output bytes, a
    warning or an error, and with ``Job.explain`` the names left as written (``left``).
    ``shown``: a streamed file's findings already written (not in ``findings``);
    ``shown_left``: its names left as written already written (not in ``left``)."""

    __slots__ = ("error", "findings", "left", "output", "path", "shown", "shown_left",
                 "warning")  # fmt: skip
    __match_args__ = ("path", "findings", "left", "output", "warning", "error", "shown",
                      "shown_left")  # fmt: skip
    _compared = __match_args__  # compared and shown as a dataclass (Record)

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,
        left: list[Finding] | None = None,
        output: bytes = b"",
        warning: str | None = None,
        error: str | None = None,
        shown: int = 0,
        shown_left: int = 0,
    ) -> None:
        self.path = path
        self.findings: list[Finding] = [] if findings is None else findings
        self.left: list[Finding] = [] if left is None else left
        self.output = output
        self.warning = warning
        self.error = error
        self.shown = shown
        self.shown_left = shown_left


def fix_text(normalizer: Normalizer, text: str, kind: str, job: Job) -> tuple[str, list[Mention]]:
    """*text* fixed, and the mentions that changed it."""
    keep = kept(text, normalizer.find(text, style=job.style), kind, job.allow)
    return (splice(text, keep), keep) if keep else (text, [])


def fix_bytes(
    normalizer: Normalizer,
    job: Job,
    name: str,
    data: bytes,
    path: Path | None = None,
    stamp: tuple[int, int] | None = None,
) -> Outcome:
    """Fix the content *data* of the file *name*; write it to *path* in ``in-place`` mode."""
    try:
        doc = decode(data, name)
    except Skipped as exc:
        return Outcome(name, warning=str(exc))
    found = normalizer.find(doc.text, style=job.style)
    changed, left = sort_out(doc.text, found, job.kind or kind_of(name), job.allow,
                             explain=job.explain)  # fmt: skip
    new = splice(doc.text, changed) if changed else doc.text
    outcome = Outcome(name, findings(name, doc.text, changed))
    if left:
        outcome.left = findings(name, doc.text, left)
    if job.mode == "stdout":
        outcome.output = doc.encode(new) if changed else data
    elif job.mode == "diff" and changed:
        outcome.output = unified_diff(name, doc.text, new).encode("utf-8")
    elif job.mode == "in-place" and changed and path is not None:
        try:
            write_atomic(path, doc.encode(new), stamp)
        except Skipped as exc:
            outcome.findings, outcome.warning = [], str(exc)
        except FileError as exc:
            outcome.findings, outcome.error = [], str(exc)
    return outcome


_worker: tuple[Normalizer, Job] | None = None


def _init(normalizer: Normalizer, job: Job) -> None:
    global _worker
    _worker = (normalizer, job)


def fix_file(path: Path) -> Outcome:
    """Read and fix *path* with the Normalizer and Job this process was given."""
    assert _worker is not None, "call run(), which sets up the worker"
    name = str(path)
    try:
        data, stamp = read(path)
    except Skipped as exc:
        return Outcome(name, warning=str(exc))
    except FileError as exc:
        return Outcome(name, error=str(exc))
    return fix_bytes(_worker[0], _worker[1], name, data, path, stamp)


def run(
    paths: Sequence[Path],
    normalizer: Normalizer,
    job: Job,
    jobs: int,
    progress: Progress,
    before: int = 0,
) -> Iterator[Outcome]:
    """The outcome of each file of *paths*, in order, using up to *jobs* processes
    (*before*: files already done, for the progress line)."""
    _init(normalizer, job)
    if jobs <= 1 or len(paths) < 2:
        outcomes: Iterable[Outcome] = map(fix_file, paths)
        for done, outcome in enumerate(outcomes, before + 1):
            yield outcome
            progress.step(done)
        return
    workers = min(jobs, len(paths))
    chunk = max(1, min(4, len(paths) // (workers * 4)))  # small: Ctrl-C waits for chunks begun
    from concurrent.futures import ProcessPoolExecutor  # only for many files: keeps start-up short

    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(normalizer, job))
    try:
        for done, outcome in enumerate(pool.map(fix_file, paths, chunksize=chunk), before + 1):
            yield outcome
            progress.step(done)
    finally:  # on Ctrl-C or an error, files not started yet are left alone
        pool.shutdown(wait=True, cancel_futures=True)


def _init_worker(normalizer: Normalizer, job: Job) -> None:
    import signal

    from translit.corpus.parallel import exit_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the run
    exit_with_parent()  # a killed main process leaves no worker behind
    _init(normalizer, job)


STREAM_AFTER = 1 << 22
"""A file or standard input longer than this (4 MB) is streamed (:mod:`translit.cli.pipe`),
or read whole up to :data:`READ_WHOLE`."""
READ_WHOLE = 8 << 20
"""The longest file read whole when it cannot be streamed (reStructuredText, ``--diff``):
8 MB, which takes up to about 180 MB (``--diff``); a longer one is refused
(:mod:`translit.cli.pipe`)."""
