"""Records of a corpus: the named fields of each record normalized, the rest as it was.

The work of ``translit normalize --jsonl/--csv/--parquet``, one batch of
records at a time, in any process (:mod:`translit.corpus.formats` reads and writes the
files, :mod:`translit.corpus.parallel` spreads the batches). A field's text goes
through the same steps as a plain-text file (URLs and ``translit: ignore``
comments left alone, ``--allow`` forms kept).

* JSON Lines: a line whose fields do not change is written back byte for byte.
  In a line that changes, only the changed string values are rewritten (as
  ``json.dumps`` writes them; ``\\uXXXX`` escapes when the line was ASCII with
  escapes): the other values, the key order, the spacing, the numbers stay as
  written. A field is a top-level key, or a dotted path into nested objects
  (``meta.title``; a top-level key spelled with the dot wins). A missing field,
  or one whose value is not a string, is left as it is. A line that is not a
  JSON object is a record left as it is; a blank line is passed through.
* CSV: a row that does not change is written back byte for byte; in a row that
  changes, only the changed fields are rewritten, quoted if they were quoted.
* ``mentions``: every mention found in the fields (also those left as they
  are: their ``replacement`` is their ``text``), as objects with ``field``,
  ``start``, ``end`` (offsets in characters into the original value), ``text``,
  ``replacement``, ``entity``, ``left`` (why a name that would change is left as
  written, :func:`translit.documents.changes.sort_out`; empty for a change or a canonical
  name) and ``lang`` (the language of the text around it; null: not told).
* ``lang_field``: a field (a column) holding each record's language, a code of
  :data:`translit.text.language.LANGUAGES` (case, and a region after ``-`` or ``_``, do
  not count: ``EN``, ``en-GB``); a record without it, or with null or an empty
  string there, gets ``lang`` (None: its language is told per paragraph). Any
  other value makes the record a bad one (:class:`Malformed`).

>>> from translit import Normalizer
>>> spec = Spec(("text", "meta.title"))
>>> line = b'{"id": 1.50, "text": "Kiev", "meta": {"title": "Gomel"}}\\n'
>>> fix_line(Normalizer(), spec, line, Counts())
b'{"id": 1.50, "text": "Kyiv", "meta": {"title": "Homiel"}}\\n'
>>> fix_line(Normalizer(), Spec(("text",), mentions="m"), b'{"text":"Kiev"}', Counts())
b'{"text":"Kyiv","m":[{"field":"text","start":0,"end":4,"text":"Kiev",...}]}'
>>> spec = Spec(("text",), lang_field="lang")
>>> line = '{"lang": "fr", "text": "Loukachenko biélorusse"}'.encode()
>>> fix_line(Normalizer(), spec, line, Counts()).decode()
'{"lang": "fr", "text": "Lukashenka biélorusse"}'
>>> fix_line(Normalizer(), spec, line.replace(b"fr", b"en"), Counts()).decode()
'{"lang": "en", "text": "Lukashenka Belarusian"}'
>>> fix_line(Normalizer(), spec, b'{"lang": "xx", "text": "Kiev"}', Counts())
Traceback (most recent call last):
...
translit.corpus.records.Malformed: unknown language 'xx' in 'lang'; use one of bg, cs, ...
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from translit.documents.changes import sort_out
from translit.mention import Mention, splice
from translit.text.language import language_code

if TYPE_CHECKING:
    from translit.normalizer import Normalizer

__all__ = [
    "Counts", "Layout", "Malformed", "Result", "Spec", "fix_columns", "fix_line", "fix_row",
    "fix_value", "mention_dicts", "record_lang", "text_paths",
]  # fmt: skip


class Malformed(ValueError):
    """A record that cannot be read: the message says why (the caller adds where)."""


@dataclass(frozen=True)
class Spec:
    """What to do with each record: the fields to normalize, where to list the mentions
    (None: nowhere), the style, the spellings to leave, skip bad records or stop, the
    language of the records (None: told per paragraph) and the field that gives it
    record by record (None: none does)."""

    fields: tuple[str, ...]
    mentions: str | None = None
    style: str | None = None
    allow: frozenset[str] = frozenset()
    skip_errors: bool = False
    lang: str | None = None
    lang_field: str | None = None


@dataclass
class Counts:
    """Records read, changed and skipped, names changed, per field named how many records
    had it as a string (``seen``), and for the records of JSON Lines that lack one of
    the named fields, how many had text at each path (``texts``: ``meta.title``), so
    that a field in no record can be told with the fields the records do have."""

    read: int = 0
    changed: int = 0
    skipped: int = 0
    names: int = 0
    seen: Counter[str] = field(default_factory=Counter)
    texts: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line: records read, changed (names), skipped.

        >>> Counts(read=3, changed=1, names=2).summary()
        'translit: 3 records read, 1 changed (2 names), 0 skipped'
        """
        names = f" ({self.names} name{'' if self.names == 1 else 's'})" if self.changed else ""
        return (f"translit: {self.read} record{'' if self.read == 1 else 's'} read, "
                f"{self.changed} changed{names}, {self.skipped} skipped")  # fmt: skip

    def add(self, other: Counts) -> None:
        """Add *other*'s counts to these."""
        for name in ("read", "changed", "skipped", "names"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seen.update(other.seen)
        self.texts.update(other.texts)


@dataclass
class Result:
    """A batch's output, counts, and the messages of its bad records (``file:line: why``);
    ``stopped``: the batch stopped at the last of them (the output ends before it)."""

    output: Any
    counts: Counts
    errors: list[str] = field(default_factory=list)
    stopped: bool = False


def fix_value(
    normalizer: Normalizer, spec: Spec, value: str, lang: str | None = None
) -> tuple[str, list[Mention], list[Mention]]:
    """*value* normalized, the mentions that changed it, and, when ``spec.mentions``
    asks for them, every mention found as it went out: those left as written with
    their own text and, if they would have changed, the reason (:func:`sort_out`).
    *lang*: the record's language (None: ``spec.lang``)."""
    found = normalizer.find(value, style=spec.style, lang=lang or spec.lang)
    listing = spec.mentions is not None
    keep, left = sort_out(value, found, "plain", spec.allow, explain=listing)
    new = splice(value, keep) if keep else value
    if not listing:
        return new, keep, []
    done = {m.start: m for m in (*keep, *left)}
    return new, keep, [done.get(m.start, m) for m in found]


def mention_dicts(name: str, mentions: Sequence[Mention]) -> list[Any]:
    """The *mentions* (:func:`fix_value`'s third list) of the field *name* as JSON-ready
    objects."""
    return [
        {"field": name, "start": m.start, "end": m.end, "text": m.text,
         "replacement": m.replacement, "entity": m.entity, "left": m.left, "lang": m.lang}
        for m in mentions
    ]  # fmt: skip


def record_lang(value: Any, spec: Spec) -> str | None:
    """The language of a record whose ``spec.lang_field`` holds *value* (None: the
    record has none): its code, or ``spec.lang`` for a missing, null or empty value;
    any other value is :class:`Malformed`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return spec.lang
    code = language_code(value) if isinstance(value, str) else None
    if code is None:
        from translit.text.language import LANGUAGES

        raise Malformed(f"unknown language {value!r} in {spec.lang_field!r}; "
                        f"use one of {', '.join(LANGUAGES)}")  # fmt: skip
    return code


def _fix_field(
    normalizer: Normalizer, spec: Spec, counts: Counts, name: str, value: str, listed: list[Any],
    lang: str | None,
) -> str | None:  # fmt: skip
    """One field of a record: counted, its mentions listed if asked; the new value, or
    None when nothing changes."""
    counts.seen[name] += 1
    new, keep, mentions = fix_value(normalizer, spec, value, lang)
    if spec.mentions is not None:
        listed += mention_dicts(name, mentions)
    if not keep:
        return None
    counts.names += len(keep)
    return new


def fix_line(normalizer: Normalizer, spec: Spec, line: bytes, counts: Counts) -> bytes:
    """One JSON Lines line (with its line ending) fixed; :class:`Malformed` if it is not JSON."""
    body = line.rstrip(b"\r\n")
    if not body.strip():
        return line
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Malformed(f"not valid UTF-8 (byte {exc.start + 1})") from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Malformed(f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise Malformed(f"not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        counts.read += 1
        return line
    lang = spec.lang if spec.lang_field is None else record_lang(
        _lookup(record, spec.lang_field)[1], spec
    )
    counts.read += 1
    edits: list[tuple[list[str], str]] = []
    listed: list[Any] = []
    lacks = False
    for name in spec.fields:
        path, value = _lookup(record, name)
        if not isinstance(value, str):
            lacks = True
            continue
        new = _fix_field(normalizer, spec, counts, name, value, listed, lang)
        if new is not None:
            edits.append((path, new))
    counts.changed += bool(edits)
    if lacks:  # only then: a record with all its fields costs nothing more
        counts.texts.update(text_paths(record))
    if not edits and spec.mentions is None:
        return line
    return _splice(text, edits, spec.mentions, listed).encode("utf-8") + line[len(body) :]


def text_paths(record: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """The paths of the string values of *record*, nested objects as ``a.b``.

    >>> list(text_paths({"id": 1, "text": "Kiev", "meta": {"title": "", "n": [1]}}))
    ['text', 'meta.title']
    """
    for key, value in record.items():
        if isinstance(value, str):
            yield prefix + key
        elif isinstance(value, dict):
            yield from text_paths(value, f"{prefix}{key}.")


def _lookup(record: dict[str, Any], name: str) -> tuple[list[str], Any]:
    if name in record:
        return [name], record[name]
    path = name.split(".")
    node: Any = record
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return path, None
        node = node[key]
    return path, node


class _Member(NamedTuple):
    key: str
    key_start: int
    key_end: int
    start: int
    end: int


_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _members(text: str, pos: int) -> Iterator[_Member]:
    """The members of the JSON object at *pos* (valid JSON), with the spans of their values."""
    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    while text[pos] == '"':
        key, key_end = _scanstring(text, pos + 1)
        start = _WS.match(text, _WS.match(text, key_end).end() + 1).end()  # type: ignore[union-attr]
        end = _DECODER.raw_decode(text, start)[1]
        yield _Member(key, pos, key_end, start, end)
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def _find(text: str, members: list[_Member], path: list[str]) -> _Member | None:
    found = None
    for member in members:
        if member.key == path[0]:
            found = member  # the last one wins, as in json.loads
    if found is None or len(path) == 1:
        return found
    return _find(text, list(_members(text, found.start)), path[1:])


def _splice(text: str, edits: list[tuple[list[str], str]], key: str | None, listed: Any) -> str:
    ascii_only = text.isascii() and "\\u" in text
    top = list(_members(text, _WS.match(text).end()))  # type: ignore[union-attr]
    changes: list[tuple[int, int, str]] = []
    for path, new in edits:
        where = _find(text, top, path)
        assert where is not None  # the record was read along this path
        changes.append((where.start, where.end, json.dumps(new, ensure_ascii=ascii_only)))
    if key is not None:
        key_sep, item_sep = _separators(text, top)
        value = json.dumps(listed, ensure_ascii=ascii_only, separators=(item_sep, key_sep))
        old = _find(text, top, [key])
        if old is not None:
            changes.append((old.start, old.end, value))
        else:
            at = top[-1].end if top else text.index("{") + 1
            lead = item_sep if top else ""
            changes.append((at, at, f"{lead}{json.dumps(key, ensure_ascii=ascii_only)}"
                                    f"{key_sep}{value}"))  # fmt: skip
    parts, pos = [], 0
    for start, end, new_text in sorted(changes):
        parts += [text[pos:start], new_text]
        pos = end
    return "".join([*parts, text[pos:]])


def _separators(text: str, top: list[_Member]) -> tuple[str, str]:
    """The record's own spacing after ``:`` and ``,`` (compact or json.dumps' default)."""
    if not top:
        return ": ", ", "
    key_sep = ": " if text[top[0].key_end : top[0].start].strip(":") else ":"
    if len(top) < 2:
        return key_sep, ", " if key_sep == ": " else ","
    return key_sep, ", " if text[top[0].end : top[1].key_start].strip(",") else ","


@dataclass(frozen=True)
class Layout:
    """A CSV file's shape: fields per row (the header's), the columns to normalize
    (name, index), and its dialect as ``csv.writer`` keyword arguments."""

    width: int
    columns: tuple[tuple[str, int], ...]
    dialect: dict[str, Any]
    listing: int | None = None  # the index of the mentions column, if the header has it
    lang: int | None = None  # the index of the language column, if one is named

    def form(self, value: str) -> str:
        """*value* as a field of this file, quoted only if it has to be."""
        return _form(value, self.dialect, False)


def fix_row(normalizer: Normalizer, spec: Spec, layout: Layout, raw: str, counts: Counts) -> str:
    """One CSV record, the text *raw* of one or more lines (line ending included), fixed.

    >>> from translit import Normalizer
    >>> layout = Layout(2, (("text", 1),), {"delimiter": ";"})
    >>> fix_row(Normalizer(), Spec(("text",)), layout, '1;"Kiev"\\r\\n', Counts())
    '1;"Kyiv"\\r\\n'
    """
    parts = raw.split("\n")  # the lines as the file was read: csv splits them no further
    lines = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    try:
        fields = next(csv.reader(lines, **layout.dialect, strict=True), [])
    except csv.Error as exc:
        raise Malformed(f"not valid CSV ({exc})") from None
    if not fields:  # a blank line
        return raw
    if len(fields) != layout.width:
        raise Malformed(f"{len(fields)} fields where the header has {layout.width}")
    lang = spec.lang if layout.lang is None else record_lang(fields[layout.lang], spec)
    counts.read += 1
    edits: dict[int, str] = {}
    listed: list[Any] = []
    for name, index in layout.columns:
        new = _fix_field(normalizer, spec, counts, name, fields[index], listed, lang)
        if new is not None:
            edits[index] = new
    counts.changed += bool(edits)
    if not edits and spec.mentions is None:
        return raw
    body = raw.rstrip("\r\n")
    listing = json.dumps(listed, ensure_ascii=False, separators=(",", ":"))
    if spec.mentions is not None and layout.listing is not None:
        edits[layout.listing] = listing
    try:
        if edits:
            body = _edit_row(body, fields, edits, layout.dialect)
        if spec.mentions is not None and layout.listing is None:
            body += layout.dialect["delimiter"] + layout.form(listing)
    except csv.Error as exc:
        raise Malformed(f"cannot be written back in the file's dialect ({exc})") from None
    return body + raw[len(raw.rstrip("\r\n")) :]


def _edit_row(body: str, fields: list[str], edits: dict[int, str], dialect: dict[str, Any]) -> str:
    spans = _spans(body, fields, dialect)
    if spans is None:  # the row's own spelling cannot be traced: the csv module writes it
        return _form([edits.get(i, f) for i, f in enumerate(fields)], dialect, False)
    parts, pos = [], 0
    for index, new in sorted(edits.items()):
        start, end, quoted = spans[index]
        parts += [body[pos:start], _form(new, dialect, quoted)]
        pos = end
    return "".join(parts) + body[pos:]


def _spans(body: str, fields: list[str], dialect: dict[str, Any]) -> list[Any] | None:
    """Where each field is in *body*, and whether it is quoted there; None if unsure."""
    delimiter = dialect["delimiter"]
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for i, value in enumerate(fields):
        if i:
            if not body.startswith(delimiter, pos):
                return None
            pos += len(delimiter)
            while dialect.get("skipinitialspace") and body.startswith(" ", pos):
                pos += 1
        for quoted in (True, False):
            form = _form(value, dialect, quoted)
            end = pos + len(form)
            if body.startswith(form, pos) and (end == len(body) or body.startswith(delimiter, end)):
                spans.append((pos, end, quoted))
                pos = end
                break
        else:
            return None
    return spans if pos == len(body) else None


def _form(value: str | list[str], dialect: dict[str, Any], quoted: bool) -> str:
    """A field (quoted, or only if needed), or a whole row when *value* is a list."""
    out = io.StringIO()
    quoting: Literal[0, 1] = csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL
    writer = csv.writer(out, **dialect, quoting=quoting, lineterminator="")
    if isinstance(value, list):
        writer.writerow(value)
        return out.getvalue()
    writer.writerow([value] if quoted else [value, ""])  # ["", ""]: no quotes for ""
    return out.getvalue() if quoted else out.getvalue()[: -len(dialect["delimiter"])]


def fix_columns(
    normalizer: Normalizer,
    spec: Spec,
    columns: dict[str, list[Any]],
    counts: Counts,
    langs: Sequence[str | None] | None = None,
) -> tuple[dict[str, list[Any]], list[Any] | None]:
    """The values of a batch's *columns* fixed (strings only; None and others stay), and
    each row's mentions when ``spec.mentions`` is set. *langs*: each row's language,
    as :func:`record_lang` gave it (None: ``spec.lang`` for every row).

    >>> from translit import Normalizer
    >>> fix_columns(Normalizer(), Spec(("t",)), {"t": ["Kiev", None]}, Counts())
    ({'t': ['Kyiv', None]}, None)
    """
    rows = len(next(iter(columns.values()), []))
    out = {name: list(values) for name, values in columns.items()}
    listed: list[Any] | None = [[] for _ in range(rows)] if spec.mentions is not None else None
    changed = [False] * rows
    for name, values in columns.items():
        for i, value in enumerate(values):
            if not isinstance(value, str):
                continue
            counts.seen[name] += 1
            lang = spec.lang if langs is None else langs[i]
            new, keep, mentions = fix_value(normalizer, spec, value, lang)
            if keep:
                out[name][i], changed[i] = new, True
                counts.names += len(keep)
            if listed is not None:
                listed[i] += mention_dicts(name, mentions)
    counts.read += rows
    counts.changed += sum(changed)
    return out, listed
