"""The compiled-table cache: compile a table once, load it in milliseconds afterwards.

The key is a SHA-256 of the library version, the Python version, the *contents*
of the alias tables in use, and the name, size and modification time of the
package's modules, schemes, language files, given names and common words. A
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

import functools
import gc
import importlib
import itertools
import os
import stat
import sys
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_ENTRY", "SEPARATOR", "cache_dir", "cached", "frame", "rebuilt", "table_key", "trusted",
]

_MAGIC = b"translit-index 2\n"  # 2: a CRC-32 line instead of a SHA-256 one
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
def _sha256() -> Callable[..., Any]:
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


def _package_files() -> str:
    """Name, size and modification time of each package file that shapes a compiled
    table (code and data): they change with an upgrade or an edit, and stat is
    cheaper than reading. A file added or removed changes the list too."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package
    found = []
    for folder, suffix in (
        ("", ".py"), ("text", ".py"), ("tables", ".py"), ("compile", ".py"),
        ("match", ".py"), ("context", ".py"), ("data/schemes", ".yaml"),
        ("data/languages", ".yaml"),
    ):
        with os.scandir(os.path.join(root, folder)) as entries:  # the compiler's code, too
            found += sorted(e.path for e in entries if e.name.endswith(suffix))
    found += [os.path.join(root, "data", n) for n in ("given_names.yaml", "common_words.txt.gz")]
    stamps = []
    for path in found:
        info = os.stat(path)
        stamps.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(stamps)


def table_key(paths: Iterable[str | os.PathLike[str]], options: str) -> str:
    """The cache key of a table compiled from *paths* with *options*."""
    from translit.version import __version__

    digest = _sha256()()
    digest.update(f"{__version__}|{sys.version}".encode())
    digest.update(options.encode())
    from translit.tables.reading import read_bytes  # refused before reading if odd

    for path in paths:
        digest.update(_sha256()(read_bytes(path)).digest())
    digest.update(_package_files().encode())
    hexdigest: str = digest.hexdigest()
    return hexdigest


def _checksum(payload: bytes) -> bytes:
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
    following a link or waiting on a pipe; its checksum and key must match."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # missing, a symbolic link, or unreadable
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_size > MAX_ENTRY
            or (hasattr(os, "getuid") and info.st_uid != os.getuid())
            or info.st_mode & 0o022
        ):
            return None
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(_MAGIC) + 8
    if not raw.startswith(_MAGIC) or len(raw) < head + 1 or raw[head : head + 1] != b"\n":
        return None
    payload = raw[head + 1 :]
    if _checksum(payload) != raw[len(_MAGIC) : head]:
        return None
    try:
        stored_key, value = _unpickle(payload)
    except Exception:
        return None
    return value if stored_key == key else None  # an entry copied from another table


def _unpickle(payload: bytes) -> Any:
    """The C unpickler's result, without the garbage collector: a table is tens of
    thousands of containers, none of them garbage, which a collection every 700
    new ones would walk again and again (a third of the load time)."""
    try:
        loads: Callable[[bytes], Any] = importlib.import_module("_pickle").loads
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
"""What joins the values of a column of distinct strings (see
:mod:`translit.compile.cachestore`)."""


def _table(kind: type, keys: list[Any], counts: list[int] | None, columns: list[Any]) -> Any:
    """The table :func:`translit.compile.cachestore.columns` took apart; the loops are in C (map,
    zip)."""
    fields = [c.split(SEPARATOR) if type(c) is str else c for c in columns]
    rows: Iterator[Any] = map(tuple.__new__, itertools.repeat(kind), zip(*fields, strict=True))
    if counts is None:
        return dict(zip(keys, map(list, zip(rows, strict=True)), strict=True))
    return dict(zip(keys, [list(itertools.islice(rows, n)) for n in counts], strict=True))


def rebuilt(kind: type, state: dict[str, Any], tables: dict[str, tuple[Any, ...]]) -> Any:
    """The object of *kind* whose state is *state* plus the *tables*
    :func:`translit.compile.cachestore.columns` packed."""
    for name, packed in tables.items():
        state[name] = _table(*packed)
    obj = cast(Any, kind).__new__(kind)
    obj.__dict__.update({sys.intern(name): value for name, value in state.items()})
    return obj


def cached(
    key: str, build: Callable[[], T], kind: type[T], store: Callable[[str, str, T], None]
) -> T:
    """The value cached under *key* (an instance of *kind*), or ``build()`` saved under it
    by *store* (path, key, value: :func:`translit.compile.cachestore.save`, which the
    caller imports after a build only: the load side is on every start-up)."""
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
    if isinstance(value, kind):
        return value
    value = build()
    store(path, key, value)
    return value
