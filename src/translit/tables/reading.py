"""Reading a table file's bytes, refused before reading when it is not a file to read
(a named pipe would hang, ``/dev/zero`` never end) or is too large: what both the
cache key (on every start-up, so this imports nothing heavy) and the YAML reader
need."""

from __future__ import annotations

import os
import stat

from translit.errors import TableError
from translit.limits import MAX_BYTES

__all__ = ["read_bytes"]


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the table file *path*, refused before reading unless it is a
    regular file of at most :data:`MAX_BYTES` (a FIFO would hang, ``/dev/zero`` never
    end): every failure is a :class:`TableError` naming the file."""
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise TableError(name, None, f"cannot read ({exc.strerror})", "check the path") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TableError(name, None, "not a regular file", "name a YAML file")
        if info.st_size > MAX_BYTES:
            raise TableError(
                name, None, f"file is {info.st_size} bytes", f"split it below {MAX_BYTES}"
            )
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise TableError(name, None, f"cannot read ({exc.strerror})", "check the path") from exc
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:  # grew while read
        raise TableError(name, None, f"file is over {MAX_BYTES} bytes", "split it")
    return raw
