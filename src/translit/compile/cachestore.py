"""Writing the compiled-table cache (:mod:`translit.compile.cache`): an entry pickled so that it
loads fast, written atomically. Imported after a build only.

Format 7 (:func:`packed`): a compiled table is stored as its type, its strings (each
once: the ASCII ones joined in one string, the others in another, numbered in that
order: format 3 stored where each went; format 4 had a packing of its own for the
words of the word forms, then a dict), its fields packed, and its :data:`LAZY`
fields pickled apart (bytes, loaded when first read). A packed field is a tuple
naming how it is rebuilt: ``plain`` (as pickled), ``set``/``frozenset``/``tuple`` of
strings (their numbers), ``column`` (a long tuple of other values), ``map`` and
``pairs`` (a dict with string keys: the keys' numbers and a column per value or per
half of a pair), ``phrases`` (keys grouped by their number of words, rows by field,
the keys with other than one row apart; format 7 stores their reasons apart, in one
string: :mod:`translit.compile.reasons`),
``object``/``state`` (the fields of one of the table's objects, or the finder's
state). A column (:func:`_column`) is numbers of strings, one value with exceptions,
numbers into its distinct values (equal values stored once), named tuples of one type
(a column per field; format 5 stored objects of one slotted dataclass so), or a plain
list.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from array import array
from collections import Counter
from collections.abc import Iterable
from typing import Any, cast

from translit.compile.cache import SEPARATOR, frame, unpacked
from translit.compile.index import Stored
from translit.gcpause import paused_gc
from translit.tables.context_rules import ContextRules

__all__ = ["KEEP", "LAZY", "packed", "pickled", "prune", "save"]

LAZY = ("word_langs", "listed_langs", "forms.anchors", "forms.stems")
"""The fields of an :class:`~translit.compile.index.Index` kept pickled in the entry,
loaded when first read: those no scan reads (the review of a mention's languages;
the anchors, which made the finder's patterns), and the stems of the word forms
(``forms.stems``), which only a word that is not itself one of the table's needs
(a short text may not have one)."""


@paused_gc()
def pickled(value: Any) -> bytes:
    """*value* pickled so that it loads fast. A compiled table (an object with ``phrases``
    and ``forms``) is stored by :func:`packed`: its strings once, in one string, and its
    big tables as columns of numbers into it, which :func:`translit.compile.cache.unpacked`
    turns back into dicts, tuples and named tuples with C loops (map, zip), not one
    pickle instruction per object. Other named tuples are rebuilt by ``tuple.__new__``
    (C) rather than by their ``__new__`` (a Python call each). The garbage collector
    waits meanwhile (the reductions make many short-lived objects)."""
    import io

    buffer = io.BytesIO()
    _pickler(buffer).dump(value)
    return buffer.getvalue()


def _pickler(buffer: Any) -> Any:
    import pickle

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            kind = type(obj)
            if _is_named_tuple(kind) and not hasattr(obj, "__dict__"):
                return tuple.__new__, (kind, tuple(obj))
            if "phrases" in getattr(obj, "__dict__", ()) and "forms" in obj.__dict__:
                return unpacked, packed(obj)
            return NotImplemented

    return Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)


def _is_named_tuple(kind: type) -> bool:
    return kind is not tuple and issubclass(kind, tuple) and bool(getattr(kind, "_fields", ()))


class _Strings:
    """The distinct strings of an entry, numbered in order of first use until :meth:`blob`
    numbers them again, in every array :meth:`ids` gave, in the order it stores them."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.arrays: list[array[int]] = []  # every array of numbers given out

    def ids(self, texts: Iterable[str]) -> array[int]:
        numbers = self.numbers
        found = array("I", [numbers.setdefault(t, len(numbers)) for t in texts])
        self.arrays.append(found)
        return found

    def blob(self) -> tuple[str, str, int] | list[str]:
        """All of them: the ASCII ones joined by :data:`~translit.compile.cache.SEPARATOR`,
        the others joined so, and the number of ASCII ones; each string is then numbered
        by its place in the two cut apart, one after the other, so that loading them is
        two splits (a list of the strings if one holds the separator: table forms
        cannot, a path could). Called once, when every field is packed."""
        texts = list(self.numbers)
        self.numbers = {}  # no more numbers: they would not be renumbered
        if any(SEPARATOR in t for t in texts):
            return texts
        plain = [t for t in texts if t.isascii()]
        other = [t for t in texts if not t.isascii()]  # never "": an empty string is ASCII
        place = dict(zip(plain + other, itertools.count()))
        renumbered = [place[t] for t in texts]
        for found in self.arrays:
            found[:] = array("I", map(renumbered.__getitem__, found))
        return SEPARATOR.join(plain), SEPARATOR.join(other), len(plain)


def packed(index: Any) -> tuple[Any, ...]:
    """The arguments of :func:`translit.compile.cache.unpacked` for *index*: its type, its
    strings, its fields packed (each a tuple naming its decoder), and the pickled
    :data:`LAZY` fields, unpickled when first read."""
    state = index.__getstate__()
    strings = _Strings()
    fields = {name: _pack(name, value, strings) for name, value in state.items()}
    kept = {}
    for name in LAZY:  # a field of the index, or of one of its fields ("forms.stems")
        owner, _, field = name.rpartition(".")
        packed_fields = fields if not owner else _object_fields(fields.get(owner))
        if field in packed_fields:
            kept[name] = packed_fields.pop(field)
    blob = strings.blob()  # renumbers the strings: before the lazy fields are pickled
    return type(index), blob, fields, {name: pickled(value) for name, value in kept.items()}


def _object_fields(packed: tuple[Any, ...] | None) -> dict[str, tuple[Any, ...]]:
    """The packed fields of a packed object (``object``), else none."""
    return packed[2] if packed is not None and packed[0] == "object" else {}


def _pack(name: str, value: Any, strings: _Strings) -> tuple[Any, ...]:
    kind = type(value)
    found: tuple[Any, ...] | None = None
    if name == "phrases":
        found = _phrases(value, strings)
    elif kind is dict and value and _all_str(value):
        found = _mapping(value, strings)
    elif kind in (set, frozenset) and value and _all_str(value):
        found = ("set" if kind is set else "frozenset", strings.ids(value))
    elif kind is tuple and value and _all_str(value):
        found = ("tuple", strings.ids(value))
    elif kind is tuple and len(value) >= _LONG:  # the finder's letters by pattern number
        found = ("column", _column(list(value), strings))
    elif hasattr(value, "patterns") and hasattr(kind, "__setstate__"):  # the finder
        found = ("state", kind, _pack_fields(value.__getstate__(), strings))
    elif isinstance(value, (Stored, ContextRules)):  # the word forms, the context rules
        # a loaded table's, some of whose fields may still be pickled: all of them
        state = cast(Any, value).__getstate__() if "_parts" in vars(value) else vars(value)
        found = ("object", kind, _pack_fields(dict(state), strings))
    return found if found is not None else ("plain", value)


_LONG = 64
"""A tuple of this many values, not all strings, is stored as a column (:func:`_column`):
one value with exceptions, or numbers into the distinct values."""


def _pack_fields(state: dict[str, Any], strings: _Strings) -> dict[str, tuple[Any, ...]]:
    return {name: _pack(name, value, strings) for name, value in state.items()}


def _all_str(values: Iterable[Any]) -> bool:
    return all(type(v) is str for v in values)


def _column(values: list[Any], strings: _Strings) -> tuple[Any, ...]:
    """One field of many rows: numbers of strings (with the few other values apart), one
    value with exceptions, numbers into the distinct values, or the values. Equal
    values (hashable, of one type) are stored once, and loaded as one object: the
    words that make 1,449 ambiguous forms of the gazetteer safe are 5 sets."""
    n = len(values)
    built = _objects(values, strings)
    if built is not None:
        return built
    texts = [i for i, v in enumerate(values) if type(v) is str]
    if len(texts) * 10 >= n * 9:
        others = {i: v for i, v in enumerate(values) if type(v) is not str}
        return "ids", strings.ids(v if type(v) is str else "" for v in values), others
    try:
        distinct: dict[tuple[type, Any], int] = {}
        numbers = [distinct.setdefault((type(v), v), len(distinct)) for v in values]
    except TypeError:  # unhashable
        return ("list", values)
    firsts: dict[int, Any] = {}  # the first of each distinct value
    for i, number in enumerate(numbers):
        firsts.setdefault(number, values[i])
    common, times = Counter(numbers).most_common(1)[0]
    if times * 2 >= n:
        others = {i: firsts[number] for i, number in enumerate(numbers) if number != common}
        return "const", firsts[common], n, others
    if len(distinct) * 4 <= n:
        return "pick", [firsts[k] for k in range(len(distinct))], array("I", numbers)
    return ("list", [firsts[number] for number in numbers])


def _objects(values: list[Any], strings: _Strings) -> tuple[Any, ...] | None:
    """Named tuples of one type (the entities' :class:`EntityInfo`): a column per field,
    rebuilt by ``tuple.__new__`` over the columns zipped (C loops, no ``__new__`` call
    of Python per object)."""
    kind = type(values[0]) if values else None
    if (
        kind is None
        or not _is_named_tuple(kind)
        or any(type(v) is not kind for v in values)
        or hasattr(values[0], "__dict__")
    ):
        return None
    columns = [_column(list(c), strings) for c in zip(*values, strict=True)]
    return "tuples", kind, columns


def _phrases(table: Any, strings: _Strings) -> tuple[Any, ...] | None:
    """A dict of tuples of strings to tuples of named tuples of one type (the phrases):
    the keys grouped by length (their words' numbers, and each key's place among the
    groups), the rows by field, and the lists that hold other than one row."""
    if type(table) is not dict or not table or any(type(v) is not tuple for v in table.values()):
        return None
    if any(type(k) is not tuple or not k or not _all_str(k) for k in table):
        return None
    rows = [row for values in table.values() for row in values]
    kinds = {type(row) for row in rows}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    if not _is_named_tuple(kind) or any(hasattr(row, "__dict__") for row in rows):
        return None
    keys = list(table)
    lengths = sorted({len(k) for k in keys})
    groups: list[tuple[int, array[int]]] = []
    order: dict[int, int] = {}
    for length in lengths:
        group = [i for i, k in enumerate(keys) if len(k) == length]
        for i in group:
            order[i] = len(order)
        groups.append((length, strings.ids(w for i in group for w in keys[i])))
    places = array("I", [order[i] for i in range(len(keys))])
    several = [(i, len(v)) for i, v in enumerate(table.values()) if len(v) != 1]
    fields = [_column(list(c), strings) for c in zip(*rows, strict=True)]
    return "phrases", kind, groups, None if len(groups) == 1 else places, several, fields


def _mapping(table: dict[str, Any], strings: _Strings) -> tuple[Any, ...]:
    """A dict with string keys; values that are pairs become a column each."""
    values = list(table.values())
    if all(type(v) is tuple and len(v) == 2 for v in values):
        firsts, seconds = zip(*values, strict=True)
        return (
            "pairs",
            strings.ids(table),
            _column(list(firsts), strings),
            _column(list(seconds), strings),
        )
    return "map", strings.ids(table), _column(values, strings)


def save(path: str, key: str, value: Any) -> None:
    """Write *value* under *key* to the entry *path*, atomically; a folder that cannot
    be written is left as it is."""
    import tempfile

    data = frame(pickled((key, value)))
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".index-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        prune(os.path.dirname(path))
    except OSError:
        pass  # a read-only or full cache folder only costs a rebuild next time


KEEP = 16
"""Entries kept in the cache folder: each new one removes the oldest beyond these
(every edit of a table, and every upgrade, makes a new entry)."""


def prune(folder: str, keep: int = KEEP) -> None:
    """Remove all but the *keep* most recently written entries of *folder*."""
    entries = []
    for item in os.scandir(folder):
        if item.name.startswith("index-") and item.name.endswith(".pickle"):
            with contextlib.suppress(OSError):  # gone meanwhile: another process pruned
                entries.append((item.stat().st_mtime_ns, item.path))
    for _, old in sorted(entries, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(old)
