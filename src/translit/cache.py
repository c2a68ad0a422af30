"""The compiled-table cache: compile a table once, load it in milliseconds afterwards.

The key is a SHA-256 of the library version, the Python version, the *contents*
of the alias tables in use, and the size and
modification time of the package's modules, schemes, language files, given names
and common words. A changed table, an edited data file or an upgraded translit gives
a new key, so a stale entry is never used.

Each entry is one file, ``index-<key>.pickle`` in the user's cache folder
(``$TRANSLIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/translit``, else
``~/.cache/translit``; ``%LOCALAPPDATA%\\translit`` on Windows), holding a magic
line, the SHA-256 of the payload, and the pickled payload: the key and the
compiled table (plain Python objects: the automaton is rebuilt from its anchors
when loaded). A file that is truncated, altered, unreadable, holds another
key (copied from another table) or another kind of object is rebuilt, never
trusted.
Entries are written to a temporary file in the same folder and renamed into
place, so two processes building at once each leave a complete file. Set
``TRANSLIT_NO_CACHE=1`` to bypass the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cache_dir", "cached", "table_key"]

_MAGIC = b"translit-index 1\n"
T = TypeVar("T")


def cache_dir() -> Path:
    """The folder of cached compiled tables."""
    if os.environ.get("TRANSLIT_CACHE_DIR"):
        return Path(os.environ["TRANSLIT_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "translit"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "translit"


def _package_files() -> list[str]:
    """Name, size and modification time of each package file that shapes a compiled
    table (code and data): they change with an upgrade or an edit, and stat is
    cheaper than reading."""
    root = Path(__file__).parent
    found = [str(p) for p in sorted(root.glob("*.py"))]  # the compiler's code, too
    for folder in ("schemes", "languages"):
        found += [str(p) for p in sorted((root / folder).glob("*.yaml"))]
    found += [str(root / "given_names.yaml"), str(root / "common_words.txt.gz")]
    return [f"{p}:{os.stat(p).st_size}:{os.stat(p).st_mtime_ns}" for p in found]


def table_key(paths: Iterable[str | Path], options: str) -> str:
    """The cache key of a table compiled from *paths* with *options*."""
    from . import __version__

    digest = hashlib.sha256()
    digest.update(f"{__version__}|{sys.version}".encode())
    digest.update(options.encode())
    for path in paths:
        data = Path(path).read_bytes()
        digest.update(hashlib.sha256(data).digest())
    digest.update("|".join(_package_files()).encode())
    return digest.hexdigest()


def _load(path: Path, key: str = "") -> Any:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 64
    if not raw.startswith(_MAGIC) or len(raw) < head + 1:
        return None
    payload = raw[head + 1 :]
    if hashlib.sha256(payload).hexdigest().encode() != raw[len(_MAGIC) : head]:
        return None
    try:
        stored_key, value = pickle.loads(payload)
    except Exception:
        return None
    return value if stored_key == key else None  # an entry copied from another table


def _save(path: Path, key: str, value: Any) -> None:
    payload = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    data = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only or full cache folder only costs a rebuild next time


def cached(key: str, build: Callable[[], T], kind: type[T]) -> T:
    """The value cached under *key* (an instance of *kind*), or ``build()`` saved under it."""
    if os.environ.get("TRANSLIT_NO_CACHE"):
        return build()
    path = cache_dir() / f"index-{key}.pickle"
    value = _load(path, key)
    if isinstance(value, kind):
        return value
    value = build()
    _save(path, key, value)
    return value
