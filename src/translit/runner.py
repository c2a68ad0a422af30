"""``translit normalize`` over files: the fix of one file, and of many on every core.

One file: read its bytes, decode (binary and non-UTF-8 files are skipped),
find the mentions that change, drop those in protected spans
(:mod:`translit.markup`) or spelled as the config allows, then, by mode,
return the new content (``stdout``), a diff (``diff``), nothing (``check``), or
write the file atomically (``in-place``, only when something changes).

Many files: a process pool whose workers get the compiled Normalizer once, in
their initializer; outcomes come back in the order of the files.

>>> from translit import Normalizer
>>> job = Job(mode="stdout")
>>> out = fix_bytes(Normalizer(), job, "a.md", b"Kiev and `Kiev`\\r\\n")
>>> out.output, [(f.line, f.column, f.old, f.new) for f in out.findings]
(b'Kyiv and `Kiev`\\r\\n', [(1, 1, 'Kiev', 'Kyiv')])
>>> fix_bytes(Normalizer(), Job(allow=allowed(["kiev"])), "a.md", b"Kiev\\n").output
b'Kiev\\n'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .files import FileError, Skipped, decode, read, write_atomic
from .fold import fold_word
from .markup import kind_of, merge, protected_spans
from .mention import Mention, splice
from .report import Finding, Progress, findings, unified_diff

if TYPE_CHECKING:  # what one file or standard input does not need is imported where used
    from pathlib import Path

    from .normalizer import Normalizer

Span = tuple[int, int]

__all__ = [
    "MODES", "Job", "Outcome", "allowed", "fix_bytes", "fix_file", "fix_text", "kept", "run",
]

MODES = ("stdout", "check", "diff", "in-place")
"""What ``normalize`` does with a result."""


@dataclass(frozen=True)
class Job:
    """What to do with each file: the mode, the style, the allowed spellings, the file type."""

    mode: str = "stdout"
    style: str | None = None
    allow: frozenset[str] = frozenset()
    kind: str | None = None  # None: from each file's name


@dataclass
class Outcome:
    """The result for one file: its findings, output bytes, and a warning or an error."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    output: bytes = b""
    warning: str | None = None
    error: str | None = None


def allowed(forms: Iterable[str]) -> frozenset[str]:
    """The matching keys of spellings that stay as written."""
    return frozenset(" ".join(fold_word(form).split()) for form in forms)


def fix_text(normalizer: Normalizer, text: str, kind: str, job: Job) -> tuple[str, list[Mention]]:
    """*text* fixed, and the mentions that changed it."""
    keep = kept(text, normalizer.find(text, style=job.style), kind, job.allow)
    return (splice(text, keep), keep) if keep else (text, [])


def kept(
    text: str,
    mentions: Iterable[Mention],
    kind: str,
    allow: frozenset[str],
    extra: Sequence[Span] = (),
) -> list[Mention]:
    """The mentions of *mentions* that change *text*: not allowed, not in a protected span
    (of the file type *kind*, or one of the spans *extra*)."""
    mentions = [m for m in mentions if m.changed]
    if allow:
        mentions = [m for m in mentions if " ".join(fold_word(m.text).split()) not in allow]
    if not mentions:
        return []
    spans = protected_spans(text, kind)
    if extra:
        spans = merge([*spans, *extra])
    starts = [start for start, _ in spans]
    keep = []
    for m in mentions:
        i = bisect.bisect_left(starts, m.end) - 1
        if i < 0 or spans[i][1] <= m.start:
            keep.append(m)
    return keep


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
    new, changed = fix_text(normalizer, doc.text, job.kind or kind_of(name), job)
    outcome = Outcome(name, findings(name, doc.text, changed))
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

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the run
    _init(normalizer, job)


STREAM_AFTER = 1 << 22
"""Plain text on standard input longer than this (4 MB) is streamed
(:func:`translit.pipe.stream_text`)."""
