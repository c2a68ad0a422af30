"""Reading, atomic writing and discovery of files (translit.documents.files)."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from translit.documents import files
from translit.documents.files import FileError, Skipped, decode, discover, read, write_atomic


def test_decode_keeps_bom_and_line_endings() -> None:
    data = b"\xef\xbb\xbfKiev\r\nx\ry\n"
    doc = decode(data, "a.txt")
    assert doc.bom and doc.text == "Kiev\r\nx\ry\n"
    assert doc.encode(doc.text) == data


def test_decode_refuses_binary_and_invalid_utf8() -> None:
    with pytest.raises(Skipped, match=r"a.bin: binary file"):
        decode(b"GIF89a\x00\x01", "a.bin")
    with pytest.raises(Skipped, match=r"b.txt:2: not valid UTF-8"):
        decode(b"ok\nKiev \xff\n", "b.txt")
    decode(b"x" * files.SNIFF + b"\x00", "late-nul.txt")  # only the first 8 KB are sniffed


def test_read_vanished_file_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(Skipped, match=r"gone\.txt: vanished"):
        read(tmp_path / "gone.txt")


def test_read_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="is a folder"):
        read(tmp_path)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_atomic_keeps_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"Kiev\n")
    target.chmod(0o640)
    write_atomic(target, b"Kyiv\n")
    assert target.read_bytes() == b"Kyiv\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == ["a.md"]


def test_write_atomic_through_a_symlink_writes_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"Kiev\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, b"Kyiv\n")
    assert link.is_symlink() and real.read_bytes() == b"Kyiv\n"


@pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
def test_failed_write_leaves_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"Kiev\n")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(FileError, match=r"a.md: cannot write \(No space left on device\)"):
        write_atomic(target, b"Kyiv\n")
    monkeypatch.undo()
    assert target.read_bytes() == b"Kiev\n"
    assert _leftovers(tmp_path) == ["a.md"]


def test_interrupted_write_leaves_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"Kiev\n")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"Kyiv\n")
    assert target.read_bytes() == b"Kiev\n" and _leftovers(tmp_path) == ["a.md"]


def test_read_only_file_is_not_written(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"Kiev\n")
    target.chmod(0o444)  # as root, os.access still says writable: the mode bits decide
    with pytest.raises(FileError, match=r"a\.md: read-only"):
        write_atomic(target, b"Kyiv\n")
    assert target.read_bytes() == b"Kiev\n"


def test_unwritable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"Kiev\n")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(FileError, match=r"a.md: cannot write \(Permission denied\)"):
        write_atomic(target, b"Kyiv\n")
    assert target.read_bytes() == b"Kiev\n"


def test_file_changed_since_reading_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"Kiev\n")
    _, stamp = read(target)
    target.write_bytes(b"Kiev, edited meanwhile\n")
    with pytest.raises(FileError, match="changed while translit ran"):
        write_atomic(target, b"Kyiv\n", stamp)
    assert target.read_bytes() == b"Kiev, edited meanwhile\n"


def test_an_edit_while_the_new_content_is_synced_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is looked at again right before it is replaced: a line appended while
    the temporary file was written and synced (seconds, for a long file) stays."""
    import os

    from translit.documents import files

    target = tmp_path / "race.txt"
    target.write_bytes(b"Kiev\n")
    _, stamp = read(target)
    real_fsync = os.fsync

    def fsync_while_someone_appends(fd: int) -> None:
        real_fsync(fd)
        if not target.read_bytes().endswith(b"LOST\n"):
            with target.open("ab") as handle:
                handle.write(b"LOST\n")

    monkeypatch.setattr(files.os, "fsync", fsync_while_someone_appends)
    with pytest.raises(files.Changed, match=r"race\.txt: changed while translit ran"):
        write_atomic(target, b"Kyiv\n", stamp)
    assert target.read_bytes() == b"Kiev\nLOST\n"
    assert os.listdir(tmp_path) == ["race.txt"]  # no temporary file left


def test_setuid_and_setgid_bits_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file owned by someone else gets its owner back on the new content, and chown
    clears the setuid and setgid bits (as the kernel does, emulated here so that the
    test runs for any user): so the mode is set after the owner."""
    import os
    import stat as st

    from translit.documents import files

    target = tmp_path / "tool.sh"
    target.write_bytes(b"echo Kiev\n")
    os.chmod(target, 0o6755)
    _, stamp = read(target)
    owners: list[tuple[int, int]] = []

    def chown_clearing_the_bits(path: str, uid: int, gid: int) -> None:
        owners.append((uid, gid))
        os.chmod(path, st.S_IMODE(os.stat(path).st_mode) & ~0o6000)

    monkeypatch.setattr(files.os, "getuid", lambda: os.stat(target).st_uid + 1)
    monkeypatch.setattr(files.os, "chown", chown_clearing_the_bits)
    write_atomic(target, b"echo Kyiv\n", stamp)
    assert owners == [(os.stat(target).st_uid, os.stat(target).st_gid)]
    assert st.S_IMODE(os.stat(target).st_mode) == 0o6755
    assert target.read_bytes() == b"echo Kyiv\n"



def _tree(root: Path) -> None:
    for name in ("a.md", "sub/b.txt", ".hidden/c.md", "ignored/d.md", "e.log"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Kiev\n", encoding="utf-8")
    (root / ".gitignore").write_text("ignored/\n*.log\n", encoding="utf-8")
    (root / "link.md").symlink_to(root / "a.md")


def _names(found: list[Path], root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in found)


def test_discover_in_a_git_repository_honours_gitignore(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed for this test")
    _tree(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert _names(discover([str(tmp_path)]), tmp_path) == [
        ".gitignore", ".hidden/c.md", "a.md", "sub/b.txt"
    ]  # fmt: skip


def test_discover_outside_git_skips_hidden_folders(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert _names(discover([str(tmp_path)]), tmp_path) == [
        ".gitignore", "a.md", "e.log", "ignored/d.md", "sub/b.txt"
    ]  # fmt: skip


def test_discover_named_files_once_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    a = str(tmp_path / "a.md")
    assert discover([a, a, str(tmp_path)]) == [Path(a)]
    with pytest.raises(FileError, match=r"nope\.md: no such file or folder"):
        discover([str(tmp_path / "nope.md")])


@pytest.mark.slow  # a real run in another process, killed
@pytest.mark.parametrize("moment", ["before-rename", "during-write"])
def test_sigterm_mid_write_leaves_the_original_whole(tmp_path: Path, moment: str) -> None:
    """A real SIGTERM (no Python cleanup) while a file is being fixed: the original
    stays byte for byte; no truncated file takes its place."""
    import subprocess
    import sys

    target = tmp_path / "a.md"
    original = ("Lukashenko visited Kiev.\n" * 2000).encode()
    target.write_bytes(original)
    hook = "os.replace" if moment == "before-rename" else "os.fsync"
    code = f"""
import os, signal, sys
from translit.cli.main import main
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)
{hook} = die
sys.exit(main(["normalize", "--in-place", "--jobs", "1", {str(target)!r}]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=tmp_path)
    assert done.returncode == -15  # killed by SIGTERM
    assert target.read_bytes() == original
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "a.md"]
    assert all(name.endswith(".tmp") or name.startswith(".") for name in leftovers)


@pytest.mark.slow  # a real run in another process, killed
def test_a_later_run_removes_the_stale_temporary_file_a_killed_run_left(tmp_path: Path) -> None:
    """SIGKILL while a file is being fixed leaves the original whole and the hidden
    temporary file beside it; the next run that fixes the file removes that file,
    and only translit's own for this file, unchanged for a while and held by no run:
    not a fresh one, a locked one, another file's, a link, nor a user's look-alike."""
    import fcntl
    import signal
    import sys

    from translit.cli.main import main

    target = tmp_path / "a.md"
    original = ("Lukashenko visited Kiev.\n" * 2000).encode()
    target.write_bytes(original)
    code = f"""
import os, signal, sys
from translit.cli.main import main
os.fsync = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
sys.exit(main(["normalize", "--in-place", "--jobs", "1", {str(target)!r}]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=tmp_path)
    assert done.returncode == -signal.SIGKILL
    assert target.read_bytes() == original
    (stale,) = [p for p in tmp_path.iterdir() if p.name != "a.md"]
    assert stale.name.startswith(".a.md.") and stale.name.endswith(".translit")
    kept = {
        name: tmp_path / name
        for name in (
            ".a.md.fresh123.translit",  # written a moment ago
            ".a.md.locked12.translit",  # a run is still writing it
            ".b.md.abcdefgh.translit",  # another file's
            ".a.md.abcdefgh.translit.bak",  # the user's, not of the pattern
            ".a.md.backup.translit",
            "a.md.abcdefgh.translit",
        )
    }
    for path in kept.values():
        path.write_bytes(b"keep")
    (tmp_path / ".a.md.linkxxxx.translit").symlink_to(tmp_path / "a.md.abcdefgh.translit")
    kept[".a.md.linkxxxx.translit"] = tmp_path / ".a.md.linkxxxx.translit"
    old = os.stat(target).st_mtime - 2 * files.STALE_AFTER
    for path in (stale, *kept.values()):
        if path.name != ".a.md.fresh123.translit" and not path.is_symlink():
            os.utime(path, (old, old))
    with open(kept[".a.md.locked12.translit"], "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert main(["normalize", "--in-place", str(target)]) == 1  # fixed
    assert target.read_bytes() == original.replace(b"Lukashenko", b"Lukashenka").replace(
        b"Kiev", b"Kyiv"
    )
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, "a.md"])
