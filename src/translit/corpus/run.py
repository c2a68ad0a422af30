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

__all__ = ["Stopped", "run_corpus"]


class Stopped(Exception):
    """A bad record stopped a corpus run (``--on-error stop``); ``counts`` so far."""

    def __init__(self, message: str, counts: Counts) -> None:
        super().__init__(message)
        self.counts = counts


def run_corpus(
    kind: str, paths: Sequence[str], spec: Spec, recipe: Recipe, *, jobs: int, records: int,
    output: str | None, err: TextIO,
) -> Counts:  # fmt: skip
    """Normalize the corpus files *paths* (``-``: standard input) of *kind* (``jsonl``,
    ``csv``, ``parquet``) to *output* (None: standard output) on *jobs* processes.

    Bad records are warnings on *err* with ``--on-error skip``; else the first one
    raises :class:`Stopped` (an *output* file is then left as it was).
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
