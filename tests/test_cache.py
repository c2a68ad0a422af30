"""The compiled-table cache: used when fresh, rebuilt when corrupt or stale, safe in parallel."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import translit
from translit.compile.cache import _load, cache_dir

TABLE = "entities:\n  - {id: brest, type: place, name: Brest, variants: {pl: [Brześć]}}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRANSLIT_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _table(tmp_path: Path, text: str = TABLE) -> Path:
    path = tmp_path / "table.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("index-*.pickle"))


def test_compiled_table_is_cached_and_reused(folder: Path, tmp_path: Path) -> None:
    table = _table(tmp_path)
    first = translit.Normalizer([table], include_default=False)
    (entry,) = _entries(folder)
    stamp = entry.stat().st_mtime_ns
    second = translit.Normalizer([table], include_default=False)
    assert entry.stat().st_mtime_ns == stamp  # read, not rewritten
    assert second.normalize("Brześć") == first.normalize("Brześć") == "Brest"
    assert cache_dir() == folder


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_corrupt_entry_is_rebuilt_not_trusted(folder: Path, tmp_path: Path, damage: str) -> None:
    table = _table(tmp_path)
    translit.Normalizer([table], include_default=False)
    (entry,) = _entries(folder)
    data = entry.read_bytes()
    damaged = {
        "truncate": data[: len(data) // 2],
        "flip": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
        "garbage": b"translit-index 1\n" + b"0" * 64 + b"\nnot a pickle",
        "empty": b"",
    }[damage]
    entry.write_bytes(damaged)
    again = translit.Normalizer([table], include_default=False)
    assert again.normalize("Brześć") == "Brest"
    assert entry.read_bytes() != damaged
    assert _load(entry, entry.stem.removeprefix("index-")) is not None  # rebuilt, whole


def test_changed_table_gets_a_new_entry(folder: Path, tmp_path: Path) -> None:
    table = _table(tmp_path)
    translit.Normalizer([table], include_default=False)
    _table(tmp_path, TABLE.replace("Brześć", "Bierascie"))
    changed = translit.Normalizer([table], include_default=False)
    assert changed.normalize("Bierascie and Brześć") == "Brest and Brześć"
    assert len(_entries(folder)) == 2


def test_no_cache_variable_bypasses_it(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLIT_NO_CACHE", "1")
    assert translit.Normalizer([_table(tmp_path)], include_default=False).normalize("Brześć")
    assert not folder.exists()


def test_unwritable_cache_folder_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(blocker / "cache"))
    n = translit.Normalizer([_table(tmp_path)], include_default=False)
    assert n.normalize("Brześć") == "Brest"


def _build(args: tuple[str, str]) -> str:
    folder, table = args
    os.environ["TRANSLIT_CACHE_DIR"] = folder
    return translit.Normalizer([table], include_default=False).normalize("Brześć")


@pytest.mark.slow  # two processes
def test_two_processes_building_at_once(folder: Path, tmp_path: Path) -> None:
    table = str(_table(tmp_path))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_build, [(str(folder), table)] * 4)
    assert results == ["Brest"] * 4
    (entry,) = _entries(folder)
    assert not list(folder.glob(".index-*.tmp"))
    assert translit.Normalizer([table], include_default=False).normalize("Brześć") == "Brest"
    assert entry.exists()


def test_old_entries_are_pruned(folder: Path, tmp_path: Path) -> None:
    from translit.compile.cachestore import KEEP

    folder.mkdir(parents=True)
    for i in range(KEEP + 5):  # entries of tables edited long ago, oldest first
        old = folder / f"index-{i:064x}.pickle"
        old.write_bytes(b"old")
        os.utime(old, ns=(i * 10**9, i * 10**9))
    translit.Normalizer([_table(tmp_path)], include_default=False)
    kept = _entries(folder)
    assert len(kept) == KEEP
    assert folder / f"index-{KEEP + 4:064x}.pickle" in kept  # the newest old ones stay
    assert folder / f"index-{0:064x}.pickle" not in kept
    assert sum(p.read_bytes() != b"old" for p in kept) == 1  # the new entry



# ----------------------------------------------------- an entry or folder not to trust


def test_an_entry_that_is_a_fifo_or_a_link_is_not_read(folder: Path, tmp_path: Path) -> None:
    """A cache entry that is a named pipe would hang every run, a link to /dev/zero
    would fill the memory: neither is read, the table is compiled (and works)."""
    table = _table(tmp_path)
    translit.Normalizer([table], include_default=False)
    (entry,) = _entries(folder)
    entry.unlink()
    os.mkfifo(entry)
    assert translit.Normalizer([table], include_default=False).normalize("Brześć") == "Brest"
    os.unlink(entry)
    os.symlink("/dev/zero", entry)
    assert _load(entry) is None
    assert translit.Normalizer([table], include_default=False).normalize("Brześć") == "Brest"


def test_an_entry_others_can_write_is_not_trusted(folder: Path, tmp_path: Path) -> None:
    table = _table(tmp_path)
    translit.Normalizer([table], include_default=False)
    (entry,) = _entries(folder)
    entry.chmod(0o666)
    assert _load(entry) is None  # a pickle runs code: only the user's own entries


def test_a_folder_others_can_write_to_is_not_used(folder: Path, tmp_path: Path) -> None:
    folder.mkdir(mode=0o700)
    folder.chmod(0o777)
    table = _table(tmp_path)
    with pytest.warns(UserWarning, match="others can write to it; it is not used"):
        n = translit.Normalizer([table], include_default=False)
    assert n.normalize("Brześć") == "Brest"
    assert _entries(folder) == []  # nothing written there either


def test_a_table_edited_while_it_compiles_is_not_stored(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key is the table's content before compiling: an edit meanwhile would store
    the old table under the old content's key, served if the edit is undone later."""
    import translit.normalizer as normalizer

    table = _table(tmp_path)
    compile_table = normalizer._compile

    def compile_while_edited(paths: list[str]) -> object:
        index = compile_table(paths)
        table.write_text(TABLE.replace("Brest", "Brest-Litovsk"), encoding="utf-8")
        return index

    monkeypatch.setattr(normalizer, "_compile", compile_while_edited)
    translit.Normalizer([table], include_default=False)
    assert _entries(folder) == []
