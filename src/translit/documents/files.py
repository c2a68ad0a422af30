"""Finding, reading and writing text files without harming them.

* :func:`discover` lists the files to work on: named files, and the files under
  named folders (``git ls-files`` inside a git work tree, so ``.gitignore`` is
  honoured; elsewhere a walk that skips hidden folders). Symbolic links inside
  folders are not followed.
* :func:`decode` turns bytes into text, or says why the file is left alone: a
  NUL byte in the first 8 KB (binary) or invalid UTF-8. A byte-order mark is
  remembered and written back; nothing else is translated (line endings stay).
* :func:`write_atomic` replaces a file through a temporary file in the same
  folder, flushed to disk, with the original's permissions, so that a crash or a
  full disk leaves either the old or the new content, never a mix. A run killed
  with SIGKILL (no code runs) leaves its hidden temporary file
  (``.NAME.XXXXXXXX.translit``) beside the file, which it did not touch; the next
  run that rewrites the file removes it (:func:`remove_stale`).

>>> doc = decode(b"\\xef\\xbb\\xbfKiev\\r\\n", "a.txt")
>>> doc.text, doc.bom, doc.encode("Kyiv\\r\\n")
('Kiev\\r\\n', True, b'\\xef\\xbb\\xbfKyiv\\r\\n')
>>> decode(b"\\x89PNG\\r\\n\\x00\\x00", "logo.png")
Traceback (most recent call last):
...
translit.documents.files.Skipped: logo.png: binary file (NUL byte), skipped
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pathlib and tempfile are imported where used: standard input needs neither
    from pathlib import Path

__all__ = [
    "BOM", "TEMPORARY", "Changed", "Decoded", "FileError", "Rewrite", "Skipped", "decode",
    "discover", "is_file",
    "open_file", "output_file", "read", "remove_stale", "unreadable", "write_atomic",
]  # fmt: skip

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte-order mark, kept when a file starts with it."""
SNIFF = 8192
"""A NUL byte among the first SNIFF bytes marks a file as binary."""


class FileError(Exception):
    """A file cannot be read or written: an error (exit code 2), one line naming the file."""


class Skipped(Exception):
    """A file that is left alone (binary, not UTF-8, vanished): a warning, not an error."""


class Decoded(NamedTuple):
    """The text of a file (without its byte-order mark) and whether it had one. (A named
    tuple, not a dataclass: :mod:`dataclasses` imports :mod:`inspect`, about 6 ms of
    every start-up.)"""

    text: str
    bom: bool

    def encode(self, text: str) -> bytes:
        """*text* as the file's bytes: UTF-8, with the byte-order mark if the file had one."""
        return (BOM if self.bom else b"") + text.encode("utf-8")


def decode(data: bytes, name: str) -> Decoded:
    """Decode a file's bytes; raise :class:`Skipped` for a binary or non-UTF-8 file."""
    if b"\0" in data[:SNIFF]:
        raise Skipped(f"{name}: binary file (NUL byte), skipped")
    bom = data.startswith(BOM)
    try:
        return Decoded(data[3:].decode("utf-8") if bom else data.decode("utf-8"), bom)
    except UnicodeDecodeError as exc:
        line = data[: exc.start + (3 if bom else 0)].count(b"\n") + 1
        raise Skipped(
            f"{name}:{line}: not valid UTF-8, skipped; save it as UTF-8 or exclude it"
        ) from exc


def read(path: str | Path) -> tuple[bytes, tuple[int, int]]:
    """The bytes of *path* and its (mtime_ns, size) when read.

    A file that vanished since it was listed is :class:`Skipped`; any other
    failure is a :class:`FileError`.
    """
    handle, stamp = open_file(path)
    with handle:
        try:
            return handle.read(), stamp
        except OSError as exc:
            raise unreadable(path, exc) from exc


def open_file(path: str | Path) -> tuple[IO[bytes], tuple[int, int]]:
    """*path* open for reading (binary), and its (mtime_ns, size), with the errors of
    :func:`read`."""
    try:
        handle = open(path, "rb")  # the caller closes it
    except FileNotFoundError as exc:
        raise Skipped(f"{path}: vanished before it could be read, skipped") from exc
    except IsADirectoryError as exc:
        raise FileError(f"{path}: is a folder; name files, or the folder without -") from exc
    except OSError as exc:
        raise unreadable(path, exc) from exc
    info = os.fstat(handle.fileno())
    return handle, (info.st_mtime_ns, info.st_size)


class Changed(FileError):
    """A file edited by someone else while translit ran: it is not overwritten, and
    the run ends with an error (exit code 2), so that no edit is lost unseen."""


def unreadable(path: str | Path, exc: OSError) -> FileError:
    """The error for *path*, which cannot be read (*exc*)."""
    return FileError(f"{path}: cannot read ({exc.strerror}); check its permissions")


def write_atomic(path: str | Path, data: bytes, expected: tuple[int, int] | None = None) -> None:
    """Replace the content of *path* with *data*, atomically, keeping its permissions.

    *expected* is the (mtime_ns, size) seen when the file was read: a file
    changed since then is not overwritten (:class:`Skipped`). A file without
    write permission is not written (:class:`FileError`), even for root.
    """
    _writable(path, expected)
    rewrite = Rewrite(path, expected)
    rewrite.write(data)
    rewrite.commit()


TEMPORARY: set[str] = set()
"""The temporary files of this process's rewrites not yet committed or discarded: what
a worker removes when it must end at once (:func:`translit.corpus.parallel.exit_with_parent`)."""


class Rewrite:
    """A new content for *path*, written as it comes (:meth:`write`) to a temporary file
    beside it; :meth:`commit` puts it in the file's place, atomically, with the checks
    and the care of :func:`write_atomic` (which is one), and :meth:`discard` leaves the
    file as it was. A file too long to hold in memory is rewritten so, in bounded
    memory. A failure to write the temporary file is told by :meth:`commit`: nothing
    needs to be written if nothing changes."""

    def __init__(self, path: str | Path, expected: tuple[int, int] | None = None) -> None:
        self.path, self.expected = path, expected
        self.target = os.path.realpath(path)
        self.tmp = ""
        self.handle: IO[bytes] | None = None
        self.error: OSError | None = None
        import tempfile

        try:
            folder, base = os.path.split(self.target)
            remove_stale(self.target)
            fd, self.tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".translit", dir=folder)
            TEMPORARY.add(self.tmp)
            self.handle = os.fdopen(fd, "wb")
            if _flock is not None:  # held while it is in use: a later run leaves it alone
                with contextlib.suppress(OSError):
                    _flock.flock(fd, _flock.LOCK_EX | _flock.LOCK_NB)
        except OSError as exc:
            self.error = exc

    def write(self, data: bytes) -> None:
        """Add *data* to the new content."""
        if self.handle is not None and self.error is None:
            try:
                self.handle.write(data)
            except OSError as exc:
                self.error = exc

    def commit(self) -> None:
        """Replace the file with what was written (:class:`Skipped` if it vanished or
        changed since it was read, :class:`FileError` if it cannot be written)."""
        try:
            info = _writable(self.path, self.expected)
            if self.error is not None:
                raise self.error
            assert self.handle is not None
            self.handle.flush()
            os.fsync(self.handle.fileno())
            if _flock is None:  # where an open file cannot be renamed (Windows)
                self.handle.close()
            # chown first: it clears the setuid and setgid bits, which chmod then restores
            if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):
                    os.chown(self.tmp, info.st_uid, info.st_gid)
            os.chmod(self.tmp, stat.S_IMODE(info.st_mode))
            # the file may have been edited while the new content was written and synced
            # (a long file takes seconds): look again right before it is replaced
            now = _writable(self.path, self.expected)
            if (now.st_dev, now.st_ino, now.st_mtime_ns, now.st_size) != (
                info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size
            ):
                raise Changed(f"{self.path}: {_CHANGED}")
            os.replace(self.tmp, self.target)
            TEMPORARY.discard(self.tmp)
            self.handle.close()  # and its lock, once it is the file
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError):
                raise FileError(
                    f"{self.path}: cannot write ({exc.strerror or exc}), left unchanged; "
                    "check free space and the folder's permissions"
                ) from exc
            raise
        _sync_folder(os.path.dirname(self.target))

    def discard(self) -> None:
        """Remove the temporary file; the file stays as it was."""
        if self.handle is not None:
            with contextlib.suppress(OSError):
                self.handle.close()
        if self.tmp:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            TEMPORARY.discard(self.tmp)


try:
    import fcntl as _flock
except ImportError:  # pragma: no cover - Windows
    _flock = None  # type: ignore[assignment]

STALE_AFTER = 60
"""Seconds a temporary file of translit's own must have been left unchanged, and held
by no process, before a later run removes it (a day where files cannot be locked)."""
_TEMPORARY_NAME = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.translit")  # as Rewrite names them
_LEFT: dict[str, dict[str, list[str]]] = {}  # folder -> file -> temporaries seen for it


def remove_stale(path: str | Path) -> list[str]:
    """Remove the temporary files a killed run of translit left beside *path*, and say
    which: a file is removed only when it is translit's own for *path* (named
    ``.NAME.XXXXXXXX.translit``, as :class:`Rewrite` names them, a regular file of
    this user), unchanged for :data:`STALE_AFTER` seconds, and not locked by a run
    still writing it. A folder is listed once per process."""
    folder, base = os.path.split(os.path.realpath(path))
    seen = _LEFT.get(folder)
    if seen is None:
        seen = _LEFT[folder] = {}
        with contextlib.suppress(OSError), os.scandir(folder or ".") as entries:
            for entry in entries:
                match = _TEMPORARY_NAME.fullmatch(entry.name)
                if match:
                    seen.setdefault(match[1], []).append(entry.path)
    removed = []
    for tmp in seen.pop(base, []):
        if _stale(tmp):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
                removed.append(tmp)
    return removed


def _stale(tmp: str) -> bool:
    """Whether *tmp* is a regular file of this user, left unchanged long enough, that no
    process holds locked."""
    try:
        info = os.lstat(tmp)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or (hasattr(os, "geteuid") and info.st_uid != os.geteuid()):
        return False
    if time.time() - info.st_mtime < (STALE_AFTER if _flock is not None else 86_400):
        return False
    if _flock is None:  # pragma: no cover - Windows
        return True
    try:
        fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        _flock.flock(fd, _flock.LOCK_EX | _flock.LOCK_NB)
    except OSError:
        return False  # a run is writing it
    finally:
        os.close(fd)
    return True


def _writable(path: str | Path, expected: tuple[int, int] | None) -> os.stat_result:
    """The status of the file *path* may be replaced, as :func:`write_atomic` checks it."""
    try:
        info = os.stat(os.path.realpath(path))
    except FileNotFoundError as exc:
        raise Skipped(f"{path}: vanished before it could be written, skipped") from exc
    if not os.access(os.path.realpath(path), os.W_OK) or not info.st_mode & 0o222:
        raise FileError(f"{path}: read-only, left unchanged; make it writable or exclude it")
    if expected is not None and (info.st_mtime_ns, info.st_size) != expected:
        raise Changed(f"{path}: {_CHANGED}")
    return info


_CHANGED = "changed while translit ran, not written; run translit again"


def _sync_folder(folder: str) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def discover(paths: Iterable[str], problems: list[str] | None = None) -> list[Path]:
    """The files named by *paths*, folders expanded, each file once, in order.

    A path that does not exist, or is not a file or a folder, is a :class:`FileError`;
    with *problems*, its message goes there instead and the other paths are listed.
    """
    from pathlib import Path

    result: list[Path] = []
    seen: set[str] = set()
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found = _list_folder(path)
        elif path.is_file():
            found = [path]
        else:
            message = (
                f"{arg}: not a regular file or folder; name text files" if path.exists()
                else f"{arg}: no such file or folder; check the path"
            )
            if problems is None:
                raise FileError(message)
            problems.append(message)
            continue
        for item in found:
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                result.append(item)
    return result


def output_file() -> tuple[int, int] | None:
    """The identity (device, inode) of the regular file standard output writes to, or
    None (a terminal, a pipe): an input that is this file must not be read."""
    try:
        info = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def is_file(path: Path, identity: tuple[int, int]) -> bool:
    """Whether *path* is the file of *identity* (see :func:`output_file`)."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == identity


def _list_folder(folder: Path) -> list[Path]:
    from pathlib import Path

    listed = _git_files(folder)
    if listed is None:
        listed = []
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            listed.extend(Path(root, name) for name in sorted(names))
    return [p for p in listed if p.is_file() and not p.is_symlink()]


def _git_files(folder: Path) -> list[Path] | None:
    """The files git sees under *folder* (tracked and untracked, not ignored), or None."""
    command = ["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others"]
    import subprocess

    try:
        done = subprocess.run(
            [*command, "--exclude-standard"], capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    names = sorted({n for n in done.stdout.decode("utf-8", "surrogateescape").split("\0") if n})
    return [folder / name for name in names]
