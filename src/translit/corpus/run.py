"""A corpus run: the files of a corpus read in batches (:mod:`translit.corpus.formats`),
normalized on a pool of processes (:mod:`translit.corpus.parallel`), written back in
order, with the bad records reported or stopping the run."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from translit.corpus.formats import (
    ParquetOutput,
    atomic_output,
    csv_batches,
    init,
    jsonl_batches,
    parquet_batches,
    work,
)
from translit.corpus.parallel import Meter, Recipe, ordered_map
from translit.corpus.records import Counts
from translit.documents.files import FileError

if TYPE_CHECKING:
    from translit.corpus.formats import Batch
    from translit.corpus.records import Spec

__all__ = ["Stopped", "UnknownField", "run_corpus", "unknown_fields"]


class Stopped(Exception):
    """A bad record stopped a corpus run (``--on-error stop``); ``counts`` so far."""

    def __init__(self, message: str, counts: Counts) -> None:
        super().__init__(message)
        self.counts = counts


class UnknownField(Stopped):
    """A field named for JSON Lines that no record has as text: a mistake in the command
    (an *output* file is left as it was; standard output has had the records)."""


def unknown_fields(fields: Sequence[str], counts: Counts, most: int = 10) -> str | None:
    """Why the run is refused when one of *fields* was text in no record read (None: each
    was in some record, or there were no records): the fields the records have as text,
    the most frequent first, at most *most*.

    >>> from collections import Counter
    >>> counts = Counts(read=2, seen=Counter(text=2), texts=Counter({"id": 2, "txt": 1}))
    >>> print(unknown_fields(["text", "body"], counts))
    --field body: no record has text there; the fields with text are: id (2 records), txt (1)
    """
    missing = [name for name in fields if not counts.seen[name]]
    if not counts.read or not missing:
        return None
    named = ", ".join(repr(name)[1:-1] for name in missing)
    found = counts.texts.most_common()
    if not found:
        return f"--field {named}: no record has text there, nor in any other field"
    listed = [f"{path} ({n}{(' record' + ('' if n == 1 else 's')) if i == 0 else ''})"
              for i, (path, n) in enumerate(found[:most])]  # fmt: skip
    more = f" and {len(found) - most} more" if len(found) > most else ""
    return (f"--field {named}: no record has text there; the fields with text are: "
            f"{', '.join(listed)}{more}")


def run_corpus(
    kind: str, paths: Sequence[str], spec: Spec, recipe: Recipe, *, jobs: int, records: int,
    output: str | None, err: TextIO,
) -> Counts:  # fmt: skip
    """Normalize the corpus files *paths* (``-``: standard input) of *kind* (``jsonl``,
    ``csv``, ``parquet``) to *output* (None: standard output) on *jobs* processes.

    Bad records are warnings on *err* with ``--on-error skip``; else the first one
    raises :class:`Stopped` (an *output* file is then left as it was). A JSON Lines
    field that no record has as text raises :class:`UnknownField` at the end (the CSV
    and Parquet readers refuse an unknown column before any record).
    """
    counts = Counts()
    meter = Meter(err, None if "-" in paths else sum(os.path.getsize(p) for p in paths))
    local: deque[tuple[int, Any]] = deque()

    def sent(batches: Iterable[Batch]) -> Iterator[Batch]:
        for batch in batches:
            local.append((batch.size, batch.local))
            yield batch

    with contextlib.ExitStack() as stack:
        sink = stack.enter_context(atomic_output(output))
        if kind == "parquet":
            source, batches = parquet_batches(paths[0], spec, records)
            writer = ParquetOutput(source, spec, sink)
            stack.callback(writer.close)  # before the output is kept, or dropped on an error
        elif kind == "csv":
            name = "<stdin>" if paths[0] == "-" else paths[0]
            stream = sys.stdin.buffer if paths[0] == "-" else stack.enter_context(open(name, "rb"))
            header, batches = csv_batches(name, stream, spec, records)
            sink.write(header)
        else:
            batches = _jsonl(paths, records)
        done = 0
        for result in ordered_map(work, sent(batches), jobs=jobs, initializer=init,
                                  initargs=(recipe, spec)):  # fmt: skip
            size, table = local.popleft()
            if kind == "parquet":
                writer.write(table, result)
            else:
                sink.write(result.output)
            counts.add(result.counts)
            done += size
            for message in result.errors[: len(result.errors) - result.stopped]:
                meter.close()
                print(f"translit: warning: {message}, skipped", file=err, flush=True)
            if result.stopped:
                meter.close()
                raise Stopped(result.errors[-1], counts)
            meter.update(counts.read + counts.skipped, done)
        meter.close()
        if kind == "jsonl" and (why := unknown_fields(spec.fields, counts)) is not None:
            raise UnknownField(why, counts)  # before an output file replaces the old one
    return counts


def _jsonl(paths: Sequence[str], records: int) -> Iterator[Batch]:
    for path in paths:
        if path == "-":
            yield from jsonl_batches("<stdin>", sys.stdin.buffer, records)
            continue
        try:
            stream = open(path, "rb")
        except OSError as exc:
            raise FileError(f"{path}: cannot read ({exc.strerror}); check the path") from exc
        with stream:
            yield from jsonl_batches(path, stream, records)
