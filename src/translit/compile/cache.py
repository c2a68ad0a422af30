"""The compiled-table cache: compile a table once, load it in milliseconds afterwards.

The key is a SHA-256 of the library version, the Python version, the *contents*
of the alias tables in use, and the name, size and modification time of the
package's modules, schemes, language files, given names, common words and of the
tables it ships (the default table, the gazetteer, the regions: not read at start-up). A
changed table, an edited data file or an upgraded translit gives a new key, so
a stale entry is never used.

Each entry is one file, ``index-<key>.pickle`` in the user's cache folder
(``$TRANSLIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/translit``, else
``~/.cache/translit``; ``%LOCALAPPDATA%\\translit`` on Windows), holding a magic
line, the CRC-32 of the payload, and the pickled payload: the key and the
compiled table (plain Python objects: the automaton is rebuilt from its patterns
when loaded). A file that is truncated, altered, unreadable, holds another
key (copied from another table) or another kind of object is rebuilt, never
trusted. (The checksum is against accidents: whoever can write the cache
folder could write any checksum, so a cryptographic one would add nothing.)

The payload is *packed* (format 7, :mod:`translit.compile.cachestore`): every string
of the table is stored once, the ASCII ones in one string and the others in another,
cut apart at :data:`SEPARATOR` and numbered in that order; the big tables (the
phrases and their targets, the word forms, the stems, the automaton's patterns) are
columns of numbers into those strings (``array('I')``), rebuilt by :func:`unpacked`
with C loops (map, zip, ``tuple.__new__``) instead of one pickle instruction per
object. The fields no scan reads (``word_langs``, ``listed_langs``: the review of a
mention's languages; ``forms.anchors``, which made the automaton's patterns), and
the stems of the word forms (``forms.stems``: only a word that is not itself one of
the table's is looked up there, so a short text of names may never need them; with
the gazetteer they are about a fifth of the load), stay pickled in the loaded table
until first read (:class:`Parts`, through ``__getattr__`` of
:class:`~translit.compile.index.Stored`: one call per field and process, under a
lock; then an ordinary attribute, so the per-mention code reads it as before). The
checksum covers those parts too, so a damaged one is found when the entry is loaded
and the entry rebuilt; should one still fail to unpickle when it is read, the table
is compiled again and the entry written again. With the gazetteer, the loaded table
fills about 17 MB (25 before the stems were left pickled, equal values stored once
and the words made a set), most of it the 27,000 phrases, their targets and reasons,
which every scan reads; its load is most of a start-up with the gazetteer
(docs/places.md, "Start-up").

On a miss, the caller may offer a value to try before a build: the default table the
wheel ships compiled (:mod:`translit.shipped`, keyed by contents), saved under the key
as a built one would be.

Entries are written to a temporary file in the same folder and renamed into
place, so two processes building at once each leave a complete file; each new
entry removes the oldest beyond the 16 most recent. Set ``TRANSLIT_NO_CACHE=1``
to bypass the cache.

Loading an entry is on the start-up path of every command, so this module
imports neither hashlib (which loads OpenSSL) nor pathlib, pickle or tempfile
until it needs them: the key is hashed with the interpreter's built-in SHA-256
(small inputs), the payload is unpickled by the C unpickler.
"""

from __future__ import annotations

import _thread
import contextlib
import functools
import gc
import importlib
import itertools
import os
import stat
import sys
import warnings
import zlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_ENTRY", "SEPARATOR", "Parts", "cache_dir", "cached", "entry_value", "frame",
    "package_files", "sha256", "table_key", "trusted", "unpacked",
]

_MAGIC = b"translit-index 7\n"  # 2: a CRC-32 line instead of a SHA-256 one; 3: packed;
# 4: the strings numbered in the order they are stored (no list of where each goes);
# 5: the words of the word forms a set (no packing of their own); 6: the entities named
# tuples, a column per field rebuilt by tuple.__new__ (not slotted dataclasses); 7: the
# phrases' reasons one UTF-8 string (translit.compile.reasons), their targets tuples
T = TypeVar("T")


def cache_dir() -> Path:
    """The folder of cached compiled tables."""
    from pathlib import Path

    return Path(_folder())


def _folder() -> str:
    if os.environ.get("TRANSLIT_CACHE_DIR"):
        return os.environ["TRANSLIT_CACHE_DIR"]
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return os.path.join(os.environ["LOCALAPPDATA"], "translit")
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):  # what Path.home() says
            raise RuntimeError("Could not determine home directory.")
        base = os.path.join(home, ".cache")
    return os.path.join(base, "translit")


@functools.cache
def sha256() -> Callable[..., Any]:
    """SHA-256 as the interpreter builds it in: hashlib would load OpenSSL (about 2 ms of
    start-up) for the few kilobytes a key hashes."""
    for name in ("_sha2", "_sha256"):  # Python 3.12 and later; 3.11
        try:
            found: Callable[..., Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return found
    fallback: Callable[..., Any] = importlib.import_module("hashlib").sha256
    return fallback  # pragma: no cover - other Pythons


def package_files() -> list[str]:
    """The package files that shape a compiled table: code (the compiler's too) and data."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package
    found = []
    for folder, suffix in (
        ("", ".py"), ("text", ".py"), ("tables", ".py"), ("compile", ".py"),
        ("match", ".py"), ("context", ".py"), ("data/schemes", ".yaml"),
        ("data/languages", ".yaml"),
    ):
        with os.scandir(os.path.join(root, folder)) as entries:
            found += sorted(e.path for e in entries if e.name.endswith(suffix))
    found += [os.path.join(root, "data", n) for n in ("given_names.yaml", "common_words.txt.gz")]
    return found


def _package_files() -> str:
    """Name, size and modification time of each of :func:`package_files`: they change
    with an upgrade or an edit, and stat is cheaper than reading. A file added or
    removed changes the list too."""
    stamps = []
    for path in package_files():
        info = os.stat(path)
        stamps.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(stamps)


def table_key(paths: Iterable[str | os.PathLike[str]], options: str) -> str:
    """The cache key of a table compiled from *paths* with *options*: the contents of each
    table file, but those that come with the package (the default table, the gazetteer,
    the regions) by name, size and modification time, as its modules (reading and
    hashing the gazetteer's 260 kB would be a millisecond of every start-up)."""
    from translit.tables.bundled import shipped_files
    from translit.version import __version__

    digest = sha256()()
    digest.update(f"{__version__}|{sys.version}".encode())
    digest.update(options.encode())
    shipped = shipped_files()
    for path in paths:
        name = os.fspath(path)
        if name in shipped:
            info = os.stat(name)
            digest.update(f"{name}:{info.st_size}:{info.st_mtime_ns}".encode())
        else:
            from translit.tables.reading import read_bytes  # refused before reading if odd

            digest.update(sha256()(read_bytes(path)).digest())
    digest.update(_package_files().encode())
    hexdigest: str = digest.hexdigest()
    return hexdigest


def _checksum(payload: bytes | memoryview) -> bytes:
    return b"%08x" % zlib.crc32(payload)


def frame(payload: bytes) -> bytes:
    """An entry's bytes: the magic line, the payload's checksum line, the payload."""
    return _MAGIC + _checksum(payload) + b"\n" + payload


MAX_ENTRY = 1 << 30
"""The largest cache entry read (a table of 100,000 variants takes about 20 MB)."""


def trusted(folder: str) -> bool:
    """Whether the cache folder may be used: on POSIX, it is the user's own and no one
    else can write to it (else another user could plant an entry, and a pickle runs
    code when it is loaded). A folder that does not exist yet is made so."""
    if not hasattr(os, "getuid"):
        return True
    try:
        info = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):  # made when saving, or never
        return True
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _load(path: str | os.PathLike[str], key: str = "") -> Any:
    """The value stored under *key* in the entry *path*, or None: only a regular file
    of the user's, that no one else can write to, of a sane size, read without
    following a link or waiting on a pipe; its checksum and key must match.

    The file is mapped, not read: its pages come from the page cache many at a time
    as the checksum walks them, rather than being copied into megabytes of new
    memory, page by page (about 2 ms of a start-up with the gazetteer). An entry is
    only ever replaced by a rename, never rewritten in place, so the mapping holds."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # missing, a symbolic link, or unreadable
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or not len(_MAGIC) + 9 < info.st_size <= MAX_ENTRY
            or (hasattr(os, "getuid") and info.st_uid != os.getuid())
            or info.st_mode & 0o022
        ):
            return None
        import mmap

        raw = mmap.mmap(fd, info.st_size, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    with raw, memoryview(raw) as view:
        return entry_value(view, key)


def entry_value(raw: memoryview, key: str) -> Any:
    """The value of the entry *raw* (its bytes) if it is whole and holds *key*, else None."""
    head = len(_MAGIC) + 8
    if raw[: len(_MAGIC)] != _MAGIC or raw[head] != ord("\n"):
        return None
    with raw[head + 1 :] as payload:  # not a copy: a large table is megabytes
        if _checksum(payload) != raw[len(_MAGIC) : head]:
            return None
        try:
            stored_key, value = _unpickle(payload)
        except Exception:
            return None
    return value if stored_key == key else None  # an entry copied from another table


def _unpickle(payload: bytes | memoryview) -> Any:
    """The C unpickler's result, without the garbage collector: a table is tens of
    thousands of containers, none of them garbage, which a collection every 700
    new ones would walk again and again (a third of the load time)."""
    try:
        loads: Callable[[bytes | memoryview], Any] = importlib.import_module("_pickle").loads
    except ImportError:  # pragma: no cover - Pythons without the C pickle
        loads = importlib.import_module("pickle").loads
    enabled = gc.isenabled()
    gc.disable()
    try:
        return loads(payload)
    finally:
        if enabled:
            gc.enable()


SEPARATOR = "\0"
"""What joins the strings of an entry (see :mod:`translit.compile.cachestore`)."""


def unpacked(
    kind: type,
    blob: tuple[str, str, int] | list[str],
    fields: dict[str, tuple[Any, ...]],
    lazy: dict[str, bytes],
) -> Any:
    """The compiled table :func:`translit.compile.cachestore.packed` took apart: its strings
    are one string cut at :data:`SEPARATOR`, its tables columns of numbers into them,
    rebuilt with C loops (map, zip); the *lazy* fields stay pickled until first read
    (:class:`Parts`)."""
    strings = _strings(blob)
    obj = cast(Any, kind).__new__(kind)
    state = {sys.intern(name): _unpack(value, strings) for name, value in fields.items()}
    if lazy:
        parts = state["_parts"] = Parts(lazy, strings)
        for name in parts.owners:  # the fields with lazy fields of their own ("forms")
            owner = state.get(name)
            if owner is not None and hasattr(owner, "__dict__"):
                owner.__dict__["_parts"] = Parts(lazy, strings, parts, name)
    obj.__dict__.update(state)
    return obj


def _strings(blob: tuple[str, str, int] | list[str]) -> list[str]:
    """The strings of an entry: the ASCII ones and the others in two strings (the
    ASCII one decodes at memory speed, one byte a character), cut apart and put one
    after the other, in the order of their numbers."""
    if type(blob) is list:
        return blob
    ascii_, other, count = cast("tuple[str, str, int]", blob)
    strings = ascii_.split(SEPARATOR) if count else []
    if other:
        strings += other.split(SEPARATOR)
    return strings


def _unpack(packed: tuple[Any, ...], strings: list[str]) -> Any:
    how = packed[0]
    if how == "plain":
        return packed[1]
    if how in ("set", "frozenset", "tuple"):
        return {"set": set, "frozenset": frozenset, "tuple": tuple}[how](
            map(strings.__getitem__, packed[1])
        )
    if how == "map":
        return dict(zip(map(strings.__getitem__, packed[1]), _column(packed[2], strings),
                        strict=True))  # fmt: skip
    if how == "pairs":
        pairs = zip(_column(packed[2], strings), _column(packed[3], strings), strict=True)
        return dict(zip(map(strings.__getitem__, packed[1]), pairs, strict=True))
    if how == "phrases":
        return _phrases(strings, *packed[1:])
    if how == "column":
        return tuple(_column(packed[1], strings))
    if how in ("object", "state"):
        obj = cast(Any, packed[1]).__new__(packed[1])
        state = {sys.intern(k): _unpack(v, strings) for k, v in packed[2].items()}
        if how == "state":
            obj.__setstate__(state)
        else:
            obj.__dict__.update(state)
        return obj
    raise ValueError(f"unknown packing {how!r}")


def _column(packed: tuple[Any, ...], strings: list[str]) -> list[Any]:
    """A column of :func:`translit.compile.cachestore._column`."""
    how = packed[0]
    if how == "list":
        column: list[Any] = packed[1]
        return column
    if how == "pick":
        return list(map(packed[1].__getitem__, packed[2]))
    if how == "tuples":
        rows = zip(*(_column(c, strings) for c in packed[2]), strict=True)
        return list(map(tuple.__new__, itertools.repeat(packed[1]), rows))
    if how == "ids":
        column, others = list(map(strings.__getitem__, packed[1])), packed[2]
    elif how == "const":
        column, others = [packed[1]] * packed[2], packed[3]
    else:
        raise ValueError(f"unknown column {how!r}")
    for i, value in others.items():
        column[i] = value
    return column


def _phrases(
    strings: list[str],
    kind: type,
    groups: list[tuple[int, Any]],
    places: Any,
    several: list[tuple[int, int]],
    fields: list[tuple[Any, ...]],
) -> dict[tuple[str, ...], tuple[Any, ...]]:
    """The phrases: keys from their words, grouped by length; rows from their fields,
    a tuple of them per key (``zip`` makes the tuples of one)."""
    keys: list[tuple[str, ...]] = []
    for length, ids in groups:
        words = list(map(strings.__getitem__, ids))
        keys += zip(*[words[j::length] for j in range(length)], strict=True)
    if places is not None:
        keys = list(map(keys.__getitem__, places))
    columns = [_column(field, strings) for field in fields]
    rows: list[Any] = list(map(tuple.__new__, itertools.repeat(kind), zip(*columns, strict=True)))
    if not several:
        return dict(zip(keys, zip(rows), strict=True))
    values: list[tuple[Any, ...]] = []
    done = at = 0  # keys and rows taken
    for key, count in several:
        values += zip(rows[at : at + key - done])
        at += key - done
        values.append(tuple(rows[at : at + count]))
        at += count
        done = key + 1
    values += zip(rows[at:])
    return dict(zip(keys, values, strict=True))


class Parts:
    """The fields of a cached object that stay pickled until first read: the object's
    ``__getattr__`` calls :meth:`load` once per field, which puts the value in its
    ``__dict__`` (later reads are plain attribute reads). A lock makes threads load a
    field once. The entry's checksum covered these bytes when it was loaded; if one
    still does not unpickle, the table is built again (:attr:`recover`, set by
    :func:`cached`, which also writes the entry again), never left half there.

    The fields of one of the table's fields are named with its name first
    (``forms.stems``): that field's own Parts (*root* the table's, *owner* its name)
    shares the table's blobs, lock and :attr:`recover`."""

    __slots__ = ("_blobs", "_lock", "_prefix", "_root", "_strings", "recover")

    def __init__(
        self, blobs: dict[str, bytes], strings: list[str], root: Parts | None = None,
        owner: str = "",
    ) -> None:  # fmt: skip
        self._blobs = blobs
        self._strings = strings
        self._root = self if root is None else root
        self._lock: _thread.LockType = _thread.allocate_lock() if root is None else root._lock
        self._prefix = f"{owner}." if owner else ""
        self.recover: Callable[[], Any] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The fields kept here (of this object, not of its fields)."""
        size = len(self._prefix)
        return tuple(
            name[size:] for name in self._blobs
            if name.startswith(self._prefix) and "." not in name[size:]
        )  # fmt: skip

    @property
    def owners(self) -> tuple[str, ...]:
        """The fields some of whose own fields are kept here."""
        return tuple(dict.fromkeys(n.partition(".")[0] for n in self._blobs if "." in n))

    def load(self, owner: Any, name: str) -> Any:
        """Field *name* of *owner*, unpickled now if it was not yet; AttributeError for a
        field not kept here."""
        with self._lock:
            found = owner.__dict__.get(name, _MISSING)
            if found is not _MISSING:
                return found
            key = self._prefix + name
            if key not in self._blobs:
                raise AttributeError(name)
            try:
                value = _unpack(_unpickle(self._blobs[key]), self._strings)
            except Exception:
                recover = self._root.recover
                if recover is None:
                    raise
                value = functools.reduce(getattr, key.split("."), recover())
            owner.__dict__[sys.intern(name)] = value
            return value


_MISSING = object()


def _rebuild(
    path: str, key: str, build: Callable[[], T], store: Callable[[str, str, T], None]
) -> T:
    """The value built again, for an entry whose lazily loaded part did not load: the
    entry is removed and written again."""
    with contextlib.suppress(OSError):
        os.unlink(path)
    value = build()
    store(path, key, value)
    return value


def cached(
    key: str,
    build: Callable[[], T],
    kind: type[T],
    store: Callable[[str, str, T], None],
    shipped: Callable[[], object] | None = None,
) -> T:
    """The value cached under *key* (an instance of *kind*), or ``build()`` saved under it
    by *store* (path, key, value: :func:`translit.compile.cachestore.save`, which the
    caller imports after a build only: the load side is on every start-up). *shipped*:
    what to try before a build, the table that came with the package
    (:func:`translit.shipped.load`), saved under *key* the same way."""
    if os.environ.get("TRANSLIT_NO_CACHE"):
        return build()
    folder = _folder()
    if not trusted(folder):
        warnings.warn(
            f"translit: the cache folder {folder} is not the user's own or others can "
            "write to it; it is not used (set TRANSLIT_CACHE_DIR to a private folder)",
            stacklevel=3,
        )
        return build()
    path = os.path.join(folder, f"index-{key}.pickle")
    value = _load(path, key)
    if not isinstance(value, kind):
        found = shipped() if shipped is not None else None
        if not isinstance(found, kind):
            value = build()
            store(path, key, value)
            return value
        value = found
        store(path, key, value)
    parts = getattr(value, "__dict__", {}).get("_parts")
    if isinstance(parts, Parts):
        parts.recover = functools.partial(_rebuild, path, key, build, store)
    return value
