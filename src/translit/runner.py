"""``translit normalize`` over files: the fix of one file, and of many on every core.

One file: read its bytes, decode (binary and non-UTF-8 files are skipped),
find the mentions that change, drop those in protected spans
(:mod:`translit.markup`) or spelled as the config allows, then, by mode,
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
>>> fix_bytes(Normalizer(), Job(allow=allowed(["kiev"])), "a.md", b"Kiev\\n").output
b'Kiev\\n'
>>> out = fix_bytes(Normalizer(), Job("check", explain=True), "a.md", b"Kyiv (Kiev)")
>>> [(f.column, f.old, f.left) for f in out.left]
[(7, 'Kiev', 'the text discusses the spelling')]
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
    "ALLOWED", "MODES", "PROTECTED", "READ_WHOLE", "SOURCE", "STREAM_AFTER", "Job", "Outcome",
    "allowed", "fix_bytes", "fix_file", "fix_text", "kept", "run", "sort_out",
]

MODES = ("stdout", "check", "diff", "in-place")
"""What ``normalize`` does with a result."""


@dataclass(frozen=True)
class Job:
    """What to do with each file: the mode, the style, the allowed spellings, the file type,
    and whether to list the mentions left as written (``explain``)."""

    mode: str = "stdout"
    style: str | None = None
    allow: frozenset[str] = frozenset()
    kind: str | None = None  # None: from each file's name
    explain: bool = False


@dataclass
class Outcome:
    """The result for one file: its findings (the names that change), output bytes, a
    warning or an error, and with ``Job.explain`` the names left as written (``left``)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)
    output: bytes = b""
    warning: str | None = None
    error: str | None = None
    shown: int = 0  # a streamed file: findings already written (not in findings)
    shown_left: int = 0  # ... and names left as written (not in left)


def allowed(forms: Iterable[str]) -> frozenset[str]:
    """The matching keys of spellings that stay as written."""
    return frozenset(" ".join(fold_word(form).split()) for form in forms)


def fix_text(normalizer: Normalizer, text: str, kind: str, job: Job) -> tuple[str, list[Mention]]:
    """*text* fixed, and the mentions that changed it."""
    keep = kept(text, normalizer.find(text, style=job.style), kind, job.allow)
    return (splice(text, keep), keep) if keep else (text, [])


ALLOWED = "allowed by --allow or the config's allow"
"""Why a mention spelled as ``--allow`` or the config's ``allow`` says stays."""
PROTECTED = "protected (code, a link, a URL, [sic] or a translit: ignore comment)"
"""Why a mention in a protected span (:func:`~translit.markup.protected_spans`) stays."""
SOURCE = "in a source or data file (its prose is not told from its code)"
"""Why a mention in a source or data file (the whole file is protected) stays."""


def kept(
    text: str,
    mentions: Iterable[Mention],
    kind: str,
    allow: frozenset[str],
    extra: Sequence[Span] = (),
) -> list[Mention]:
    """The mentions of *mentions* that change *text*: not allowed, not in a protected span
    (of the file type *kind*, or one of the spans *extra*)."""
    return sort_out(text, mentions, kind, allow, extra)[0]


def sort_out(
    text: str,
    mentions: Iterable[Mention],
    kind: str,
    allow: frozenset[str],
    extra: Sequence[Span] = (),
    *,
    explain: bool = False,
    spans: Sequence[Span] | None = None,
) -> tuple[list[Mention], list[Mention]]:
    """The mentions of *mentions* that change *text* (as :func:`kept`), and with *explain*
    those left as written, in order, each with its reason in ``left``: the library's
    (``the text discusses the spelling``, ``French adjective`` ...), or this module's:
    in a protected span (:data:`PROTECTED`, :data:`SOURCE`), spelled as *allow* says
    (:data:`ALLOWED`). Without *explain* the second list is empty, and only the
    mentions that change are looked at. *spans*: the protected spans, when the caller
    knows them (a window of a longer text: :mod:`translit.pipe`), instead of those of
    *kind* and *extra*.

    >>> from translit import Normalizer
    >>> text = "Kiev [sic], Kiev, Gomel, Лукашенко"
    >>> changes, left = sort_out(text, Normalizer().find(text), "plain", allowed(["Gomel"]),
    ...                          explain=True)
    >>> [m.start for m in changes]
    [12]
    >>> for m in left:
    ...     print(m.start, m.text, "-", m.left)
    0 Kiev - protected (code, a link, a URL, [sic] or a translit: ignore comment)
    18 Gomel - allowed by --allow or the config's allow
    25 Лукашенко - written in another script
    """
    candidates = [m for m in mentions if m.changed or (explain and m.left)]
    if allow and not explain:
        candidates = [m for m in candidates if not _allowed(m, allow)]
    if not candidates:
        return [], []
    if spans is None:
        spans = protected_spans(text, kind)
        if extra:
            spans = merge([*spans, *extra])
    starts = [start for start, _ in spans]
    keep, left = [], []
    for m in candidates:
        i = bisect.bisect_left(starts, m.end) - 1
        if i >= 0 and spans[i][1] > m.start:
            why = SOURCE if kind == "code" else PROTECTED
        elif not m.changed:
            why = m.left
        elif allow and _allowed(m, allow):
            why = ALLOWED
        else:
            keep.append(m)
            continue
        if explain:
            left.append(m._replace(replacement=m.text, left=why))
    return keep, left


def _allowed(mention: Mention, allow: frozenset[str]) -> bool:
    return " ".join(fold_word(mention.text).split()) in allow


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

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the run
    _init(normalizer, job)


STREAM_AFTER = 1 << 22
"""A file or standard input longer than this (4 MB) is streamed (:mod:`translit.pipe`),
or read whole up to :data:`READ_WHOLE`."""
READ_WHOLE = 8 << 20
"""The longest file read whole when it cannot be streamed (reStructuredText, ``--diff``):
8 MB, which takes up to about 180 MB (``--diff``); a longer one is refused
(:mod:`translit.pipe`)."""
