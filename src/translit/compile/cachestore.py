"""Writing the compiled-table cache (:mod:`translit.compile.cache`): an entry pickled so that it
loads fast, written atomically. Imported after a build only.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from translit.compile.cache import SEPARATOR, frame, rebuilt
from translit.gcpause import paused_gc

__all__ = ["KEEP", "columns", "pickled", "prune", "save"]


@paused_gc()
def pickled(value: Any) -> bytes:
    """*value* pickled so that it loads fast: named tuples are rebuilt by ``tuple.__new__``
    (C) rather than by their ``__new__`` (a Python call each, thousands in a table), and
    a dataclass's tables of named tuples (the phrases of a compiled table) by column
    (:func:`columns`). The garbage collector waits meanwhile (a third of the time for a
    large table: the reductions make many short-lived tuples, and each burst of them
    set off a walk of the whole table)."""
    import copyreg
    import dataclasses
    import io
    import pickle

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            kind = type(obj)
            if _is_named_tuple(kind) and not hasattr(obj, "__dict__"):
                return tuple.__new__, (kind, tuple(obj))
            if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
                return NotImplemented
            reduced = obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
            if (  # what the unpickler would do: kind.__new__(kind), then update __dict__
                isinstance(reduced, tuple)
                and reduced[:2] == (vars(copyreg)["__newobj__"], (kind,))
                and type(reduced[2]) is dict
                and all(item is None for item in reduced[3:])
                and not hasattr(kind, "__setstate__")
            ):
                state = dict(reduced[2])
                tables = {}
                for name, table in reduced[2].items():
                    packed = columns(table)
                    if packed is not None:
                        tables[name] = packed
                        del state[name]
                if tables:
                    return rebuilt, (kind, state, tables)
            return NotImplemented

    buffer = io.BytesIO()
    Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _is_named_tuple(kind: type) -> bool:
    return kind is not tuple and issubclass(kind, tuple) and bool(getattr(kind, "_fields", ()))


def columns(table: Any) -> tuple[Any, ...] | None:
    """*table*, a dict whose values are lists of named tuples of one type, as columns:
    (the type, the keys, the length of each list or None when all are 1, a list per
    field). A field whose values are distinct strings is one string, cut where
    :data:`SEPARATOR` is: one decoding instead of thousands. None for another table."""
    if type(table) is not dict or not table or any(type(v) is not list for v in table.values()):
        return None
    rows = [row for values in table.values() for row in values]
    kinds = {type(row) for row in rows}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    if not _is_named_tuple(kind) or any(hasattr(row, "__dict__") for row in rows):
        return None
    counts = None if all(len(v) == 1 for v in table.values()) else [len(v) for v in table.values()]
    columns: list[Any] = []
    for column in zip(*rows, strict=True):
        texts = all(type(item) is str and SEPARATOR not in item for item in column)
        if texts and len(set(column)) == len(column):  # distinct: no sharing to lose
            columns.append(SEPARATOR.join(column))
        else:
            columns.append(list(column))
    return kind, list(table), counts, columns


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
