"""Corpus files read in batches and written back: JSON Lines, CSV, Parquet.

A reader cuts its input into :class:`Batch` es of at most ``records`` records
and :data:`BATCH_BYTES` bytes; :func:`work` fixes a batch in any process (after
:func:`init`); a :class:`Writer` puts the results back together, in order, on
one binary stream (:func:`atomic_output`: standard output, or a file replaced
atomically once the whole run succeeded).

* JSON Lines: lines, each record whole (a line longer than :data:`MAX_RECORD`
  is a bad record, never held in memory; so is a CSV record).
* CSV: the dialect is sniffed from the first 64 KB (delimiter ``, ; tab |``,
  quote character, spaces after delimiters; quotes inside quoted fields are
  doubled, as RFC 4180 says); the first row is the header; records may span
  lines. A row whose number of fields differs from the header's is a bad record.
* Parquet (``pip install 'translit-names[parquet]'``): record batches of the named
  string columns; the output keeps the schema, its metadata and the codec. A
  row whose language column (``Spec.lang_field``) holds an unknown code is a bad
  record, named by its row number (from 1).

A UTF-8 byte-order mark at the start of a JSON Lines or CSV input is kept.

>>> import io
>>> from translit.corpus.records import Spec
>>> spec = Spec(("text",))
>>> init(Recipe(), spec)
>>> data = io.BytesIO(b'{"text": "Kiev"}\\n{"text": "Minsk"}\\nnot json\\n')
>>> [work(b).output for b in jsonl_batches("a.jsonl", data, records=2)]
[b'{"text": "Kyiv"}\\n{"text": "Minsk"}\\n', b'']
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from translit.corpus.parallel import Recipe, normalizer_for
from translit.corpus.records import (
    Counts,
    Layout,
    Malformed,
    Result,
    Spec,
    fix_columns,
    fix_line,
    fix_row,
    record_lang,
)
from translit.documents.files import BOM, FileError

if TYPE_CHECKING:
    from translit.normalizer import Normalizer

__all__ = [
    "BATCH_BYTES", "MAX_RECORD", "Batch", "CsvRow", "ParquetOutput", "atomic_output",
    "csv_batches", "init", "jsonl_batches", "parquet_batches", "work",
]  # fmt: skip

BATCH_BYTES = 4 << 20
"""A batch holds records of about this many bytes at most (and ``records`` records)."""
MAX_RECORD = 4 << 20
"""The longest JSON Lines line or CSV record (4 MB) read; a longer one is a bad record,
never held in memory. A record is normalized whole: one of 4 MB takes about 120 MB
(``benchmarks/bench_memory.py``)."""


def _too_long() -> Malformed:
    return Malformed(f"longer than {MAX_RECORD:,} bytes, the limit for one record")


class CsvRow(NamedTuple):
    """A CSV record: its first line, and its text (line ending included) or why it could
    not be read. Only the text travels: the worker reads the fields again."""

    line: int
    raw: str
    error: str | None = None


@dataclass
class Batch:
    """Records to fix together: JSON Lines lines (bytes; a :class:`Malformed` for a line
    too long), :class:`CsvRow` s, or Parquet column values (``columns``; ``langs``: the
    values of the language column; ``line``: the first row's number)."""

    kind: str
    name: str
    line: int
    items: list[Any] = field(default_factory=list)
    size: int = 0
    prefix: bytes = b""
    layout: Layout | None = None
    columns: dict[str, list[Any]] | None = None
    langs: list[Any] | None = None
    local: Any = None  # kept by the reading process, never pickled

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "local": None}


_context: tuple[Normalizer, Spec] | None = None


def init(recipe: Recipe, spec: Spec) -> None:
    """Make this process ready to :func:`work`: its Normalizer (built once) and the spec."""
    global _context
    _context = (normalizer_for(recipe), spec)


def work(batch: Batch) -> Result:
    """Fix *batch*; stop at its first bad record unless ``spec.skip_errors``."""
    assert _context is not None, "call init() first"
    normalizer, spec = _context
    counts = Counts()
    if batch.kind == "parquet":
        return _work_columns(normalizer, spec, batch, counts)
    out: list[bytes] = [batch.prefix]
    errors: list[str] = []
    for i, item in enumerate(batch.items):
        line = batch.line + i if batch.kind == "jsonl" else item.line
        try:
            if batch.kind == "jsonl":
                if isinstance(item, Malformed):
                    raise item
                out.append(fix_line(normalizer, spec, item, counts))
                continue
            assert batch.layout is not None
            if item.error is not None:
                raise Malformed(item.error)
            out.append(fix_row(normalizer, spec, batch.layout, item.raw, counts).encode())
        except Malformed as exc:
            errors.append(f"{batch.name}:{line}: {exc}")
            if not spec.skip_errors:
                return Result(b"".join(out), counts, errors, stopped=True)
            counts.skipped += 1
    return Result(b"".join(out), counts, errors)


def _work_columns(normalizer: Normalizer, spec: Spec, batch: Batch, counts: Counts) -> Result:
    """A Parquet batch: its output is the fixed columns, the mentions, and the indices of
    the rows kept (None: all of them; the others were bad)."""
    assert batch.columns is not None
    columns, errors = batch.columns, []
    langs: list[str | None] | None = None
    rows: list[int] | None = None
    if batch.langs is not None:
        langs, rows = [], []
        for i, value in enumerate(batch.langs):
            try:
                langs.append(record_lang(value, spec))
            except Malformed as exc:
                errors.append(f"{batch.name}: row {batch.line + i}: {exc}")
                if not spec.skip_errors:
                    break
                counts.skipped += 1
                continue
            rows.append(i)
        if errors:
            columns = {name: [values[i] for i in rows] for name, values in columns.items()}
        else:
            rows = None
    fixed, listed = fix_columns(normalizer, spec, columns, counts, langs)
    stopped = bool(errors) and not spec.skip_errors
    return Result((fixed, listed, rows), counts, errors, stopped)


def jsonl_batches(name: str, stream: IO[bytes], records: int) -> Iterator[Batch]:
    """The lines of *stream* in batches."""
    batch = Batch("jsonl", name, 1)
    number = 0
    while line := stream.readline(MAX_RECORD + 1):
        number += 1
        item: bytes | Malformed = line
        if number == 1 and line.startswith(BOM):
            batch.prefix, item = BOM, line[len(BOM) :]
        if len(line) > MAX_RECORD and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_RECORD)) and not rest.endswith(b"\n"):
                pass  # the rest of the line is dropped unread
            item = _too_long()
        batch.items.append(item)
        batch.size += len(line)
        if len(batch.items) >= records or batch.size >= BATCH_BYTES:
            yield batch
            batch = Batch("jsonl", name, number + 1)
    if batch.items or batch.prefix:
        yield batch


class _Lines:
    """The decoded lines of a binary stream for ``csv.reader``, remembering those taken
    by the current record. Not a generator: it stays usable after a bad line. A record
    longer than :data:`MAX_RECORD` is a bad one: the rest of it is read a piece at a
    time, to the end of a line where its *quote* characters are balanced, and dropped."""

    def __init__(self, stream: IO[bytes], head: list[bytes], quote: str) -> None:
        self.stream, self.head, self.quote = stream, deque(head), quote
        self.taken: list[str] = []
        self.number = self.size = self.held = 0  # held: the bytes of the taken lines
        self.start = 1  # the first line of the current record

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self._read()
        if not raw:
            raise StopIteration
        self.number += 1
        self.size += len(raw)
        self.held += len(raw)
        if not self.taken:
            self.start = self.number
        if self.held > MAX_RECORD:
            self._skip(sum(line.count(self.quote) for line in self.taken), raw)
            self.taken = [""]
            raise _too_long()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.taken.append("")
            raise Malformed(f"not valid UTF-8 (line {self.number}, byte {exc.start + 1})") from None
        self.taken.append(text)
        return text

    def _skip(self, quotes: int, piece: bytes) -> None:
        """Read past the end of a record too long to hold (*quotes*: the quote characters
        before *piece*, the last piece read)."""
        quote = self.quote.encode("utf-8")
        quotes += piece.count(quote)
        ended = piece.endswith(b"\n")
        while not ended or quotes % 2:
            piece = self._read()
            if not piece:
                break
            self.number += ended
            self.size += len(piece)
            quotes += piece.count(quote)
            ended = piece.endswith(b"\n")

    def _read(self) -> bytes:
        """A line, or the first :data:`MAX_RECORD` bytes and one more of a longer one."""
        return self.head.popleft() if self.head else self.stream.readline(MAX_RECORD + 1)

    def record(self) -> tuple[int, str]:
        """The first line number and the text of the record just read."""
        raw = "".join(self.taken)
        self.taken.clear()
        self.held = 0
        return self.start, raw


def csv_batches(
    name: str, stream: IO[bytes], spec: Spec, records: int
) -> tuple[bytes, Iterator[Batch]]:
    """The header's output bytes and the batches of the other rows of a CSV input."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD))
    head, sample = [], 0
    while sample < 1 << 16 and (line := stream.readline(MAX_RECORD + 1)):
        head.append(line)
        sample += len(line)
    prefix = b""
    if head and head[0].startswith(BOM):
        prefix, head[0] = BOM, head[0][len(BOM) :]
    dialect = _sniff(b"".join(head).decode("utf-8", "replace"), name)
    lines = _Lines(stream, head, dialect["quotechar"])
    reader = csv.reader(lines, **dialect, strict=True)
    try:
        header = next(reader, None)
    except (csv.Error, Malformed) as exc:
        raise FileError(f"{name}:1: the header is not valid CSV ({exc})") from None
    if header is None:
        return prefix, iter(())
    raw = lines.record()[1]
    columns = []
    for column in (*spec.fields, *filter(None, (spec.lang_field, spec.mentions))):
        if header.count(column) > 1:  # which one is meant? not the first by chance
            raise FileError(f"{name}:1: the column {column!r} appears {header.count(column)} "
                            "times in the header; rename all but one")  # fmt: skip
    for column in spec.fields:
        if column not in header:
            known = ", ".join(header)
            raise FileError(f"{name}: no column {column!r}; the columns are: {known}")
        columns.append((column, header.index(column)))
    lang = None
    if spec.lang_field is not None:
        if spec.lang_field not in header:
            raise FileError(f"{name}: no column {spec.lang_field!r} (--lang-column); "
                            f"the columns are: {', '.join(header)}")  # fmt: skip
        lang = header.index(spec.lang_field)
    listing = header.index(spec.mentions) if spec.mentions in header else None
    layout = Layout(len(header), tuple(columns), dialect, listing, lang)
    if spec.mentions is not None and listing is None:
        body = raw.rstrip("\r\n")
        raw = body + dialect["delimiter"] + layout.form(spec.mentions) + raw[len(body) :]
    return prefix + raw.encode("utf-8"), _csv_rows(name, lines, reader, layout, records)


def _csv_rows(
    name: str, lines: _Lines, reader: Any, layout: Layout, records: int
) -> Iterator[Batch]:
    batch, done = Batch("csv", name, 0, layout=layout), lines.size
    while True:
        try:
            next(reader)
        except StopIteration:
            break
        except (csv.Error, Malformed) as exc:  # a Malformed line says why itself
            start = lines.record()[0]
            why = str(exc) if isinstance(exc, Malformed) else f"not valid CSV ({exc})"
            batch.items.append(CsvRow(start, "", why))
        else:
            batch.items.append(CsvRow(*lines.record()))
        if len(batch.items) >= records or lines.size - done >= BATCH_BYTES:
            batch.size, done = lines.size - done, lines.size
            yield batch
            batch = Batch("csv", name, 0, layout=layout)
    if batch.items:
        batch.size = lines.size - done
        yield batch


def _sniff(sample: str, name: str) -> dict[str, Any]:
    try:
        found: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        found = csv.excel_tab if name.lower().endswith(".tsv") else csv.excel
    return {
        "delimiter": found.delimiter,
        "quotechar": found.quotechar or '"',
        "doublequote": True,
        "skipinitialspace": bool(found.skipinitialspace),
    }


@contextlib.contextmanager
def atomic_output(path: str | None) -> Iterator[IO[bytes]]:
    """Standard output (*path* None), or a temporary file beside *path* that replaces it
    when the block ends without an exception (and is removed when it raises)."""
    if path is None:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = os.path.realpath(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".translit",
                                   dir=os.path.dirname(target))  # fmt: skip
    except OSError as exc:
        raise FileError(f"{path}: cannot write ({exc.strerror}); check the folder") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def parquet_batches(path: str, spec: Spec, records: int) -> tuple[Any, Iterator[Batch]]:
    """A ``pyarrow.parquet.ParquetFile`` for *path* and the batches of its named columns
    (each batch's own record batch stays in ``local``: it is not sent to the workers)."""
    pa, pq = _pyarrow()
    try:
        source = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise FileError(f"{path}: cannot read it as Parquet ({exc})") from None
    schema = source.schema_arrow
    for column in spec.fields:
        if column not in schema.names:
            raise FileError(f"{path}: no column {column!r}; the columns are: "
                            f"{', '.join(schema.names)}")  # fmt: skip
        kind = schema.field(column).type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            raise FileError(f"{path}: column {column!r} holds {kind}, not strings")
    lang = spec.lang_field
    if lang is not None:
        if lang not in schema.names:
            raise FileError(f"{path}: no column {lang!r} (--lang-column); the columns are: "
                            f"{', '.join(schema.names)}")  # fmt: skip
        kind = schema.field(lang).type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)
                or pa.types.is_null(kind)):  # fmt: skip
            raise FileError(f"{path}: column {lang!r} holds {kind}, not language codes")

    meta = source.metadata
    data = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if data and meta.num_rows:  # BATCH_BYTES of uncompressed data at most
        records = max(1, min(records, BATCH_BYTES * meta.num_rows // data))

    def batches() -> Iterator[Batch]:
        row = 1
        for table in source.iter_batches(batch_size=records):
            columns = {c: table.column(c).to_pylist() for c in spec.fields}
            langs = None if lang is None else table.column(lang).to_pylist()
            yield Batch("parquet", path, row, size=table.nbytes, columns=columns, langs=langs,
                        local=table)  # fmt: skip
            row += table.num_rows

    return source, batches()


class ParquetOutput:
    """Writes the fixed record batches of *source* to *sink*: the same schema (and its
    metadata) and codec, plus a ``list<struct>`` column of mentions if asked."""

    def __init__(self, source: Any, spec: Spec, sink: IO[bytes]) -> None:
        pa, pq = _pyarrow()
        self.spec, self.pa = spec, pa
        schema = source.schema_arrow
        if spec.mentions is not None:
            kinds = {"start": pa.int64(), "end": pa.int64()}
            names = ("field", "start", "end", "text", "replacement", "entity", "left", "lang")
            items = pa.struct([(k, kinds.get(k, pa.string())) for k in names])
            listed = pa.field(spec.mentions, pa.list_(items))
            at = schema.get_field_index(spec.mentions)
            schema = schema.set(at, listed) if at >= 0 else schema.append(listed)
        self.schema = schema
        meta = source.metadata
        codec = meta.row_group(0).column(0).compression if meta.num_row_groups else "snappy"
        codec = "none" if codec == "UNCOMPRESSED" else codec.lower()
        self.writer = pq.ParquetWriter(sink, schema, compression=codec)

    def write(self, table: Any, result: Result) -> None:
        """Write *table* (its rows that *result* kept) with the columns of *result* (from
        :func:`work`) in place."""
        columns, listed, rows = result.output
        if rows is not None:
            table = table.take(self.pa.array(rows, type=self.pa.int64()))
        arrays = dict(zip(table.schema.names, table.columns, strict=True))
        for name, values in columns.items():
            arrays[name] = self.pa.array(values, type=table.schema.field(name).type)
        if self.spec.mentions is not None:
            arrays[self.spec.mentions] = self.pa.array(
                listed, type=self.schema.field(self.spec.mentions).type
            )
        batch = self.pa.RecordBatch.from_arrays(
            [arrays[name] for name in self.schema.names], schema=self.schema
        )
        self.writer.write_batch(batch)

    def close(self) -> None:
        """Write the footer."""
        self.writer.close()


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise FileError("--parquet needs pyarrow: pip install 'translit-names[parquet]'") from None
    return pa, pq
