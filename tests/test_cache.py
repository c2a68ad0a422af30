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
    """An empty cache folder; and no default table shipped compiled (an installed wheel's),
    so that a table not in the cache is compiled (the tests of the shipped one set it)."""
    from translit import shipped

    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRANSLIT_NO_CACHE", raising=False)
    monkeypatch.setattr(shipped, "shipped_file", lambda: str(tmp_path / "none.pickle"))
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


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "head", "byte"])
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
        "head": data[: data.index(b"\n", 17) + 1],  # the magic and checksum lines only
        "byte": data[: data.index(b"\n", 17) + 2],
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


def test_shipped_tables_are_keyed_by_their_stamp_others_by_their_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables that come with the package (the gazetteer: 260 kB) are keyed as its
    modules, by size and time, not read at each start-up; a user's by its contents."""
    import translit.tables.bundled as bundled
    from translit.compile.cache import table_key

    shipped, own = _table(tmp_path), tmp_path / "own.yaml"
    own.write_text(TABLE, encoding="utf-8")
    monkeypatch.setattr(bundled, "shipped_files", lambda: (str(shipped),))
    before = table_key([shipped], ""), table_key([own], "")
    for path in (shipped, own):
        os.utime(path, ns=(1, 1))  # touched: the same bytes
    assert table_key([shipped], "") != before[0]
    assert table_key([own], "") == before[1]
    own.write_text(TABLE + "# edited\n", encoding="utf-8")
    assert table_key([own], "") != before[1]


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
    compile_table = normalizer.compile_table

    def compile_while_edited(paths: list[str]) -> object:
        index = compile_table(paths)
        table.write_text(TABLE.replace("Brest", "Brest-Litovsk"), encoding="utf-8")
        return index

    monkeypatch.setattr(normalizer, "compile_table", compile_while_edited)
    translit.Normalizer([table], include_default=False)
    assert _entries(folder) == []


# ----------------------------------------------------- the packed format, lazily loaded parts

USER_TABLE = Path(__file__).parent / "data" / "user_table.yaml"


def _same(loaded: object, built: object, name: str) -> None:
    assert loaded == built, name
    if isinstance(built, dict):
        assert list(loaded) == list(built), f"{name}: order"  # type: ignore[call-overload]


@pytest.mark.parametrize("user", [False, True])
def test_a_loaded_table_is_the_compiled_one(
    monkeypatch: pytest.MonkeyPatch, user: bool
) -> None:
    """Every field, in the same order, of the same types; the lazy ones read when first
    asked for, then ordinary attributes."""
    from translit.compile.cache import _unpickle
    from translit.compile.cachestore import LAZY, pickled

    monkeypatch.setenv("TRANSLIT_NO_CACHE", "1")
    built = translit.Normalizer([USER_TABLE] if user else [])._index
    stored, loaded = _unpickle(pickled(("key", built)))
    assert stored == "key"
    lazy = [  # the __dict__ of the object each lazy field belongs to, and the field
        (vars(getattr(loaded, owner) if owner else loaded), field)
        for owner, _, field in (name.rpartition(".") for name in LAZY)
    ]
    assert lazy and not any(field in fields for fields, field in lazy)
    for name, value in vars(built).items():
        if name in ("memo", "quick"):  # what is derived when first needed: never stored
            assert getattr(loaded, name) == {}, name
            continue
        _same(getattr(loaded, name) if name != "finder" else value, value, name)
    assert all(field in fields for fields, field in lazy)  # loaded now, and kept
    for name, value in vars(built.forms).items():
        _same(getattr(loaded.forms, name), value, f"forms.{name}")
    for words, targets in built.phrases.items():
        assert type(loaded.phrases[words]) is tuple
        assert [type(t) for t in loaded.phrases[words]] == [type(t) for t in targets]
    finder = loaded.finder
    assert (finder.patterns, finder.joined, finder.longest) == (
        built.finder.patterns, built.finder.joined, built.finder.longest,
    )  # fmt: skip
    assert finder.first("kiev kyiv") == built.finder.first("kiev kyiv")
    # what the scan reads by pattern number, and the marks of a search as bytes, stored
    assert (finder.next_letters, finder.next_pairs) == (
        built.finder.next_letters, built.finder.next_pairs,
    )  # fmt: skip
    assert finder._marks() == built.finder._marks()
    assert loaded.reasons == built.reasons and list(loaded.reasons) == list(built.reasons)


@pytest.mark.parametrize(
    "texts",
    [["kiev", "", "Київ", "kiev", "minsk", "Мінск"], ["Київ", "Мінск", "Київ"], ["", "a"], [""],
     ["Київ", ""], ["a\0b", "Київ"]],
)  # fmt: skip
def test_the_strings_of_an_entry_come_back_as_numbered(texts: list[str]) -> None:
    """The strings are numbered as they are met, then again in the order the entry
    stores them (ASCII first): the numbers given out read back the same strings, an
    empty one too, and a string with the separator in it."""
    from translit.compile.cache import _strings
    from translit.compile.cachestore import _Strings

    strings = _Strings()
    first, second = strings.ids(texts[:2]), strings.ids(texts[2:])
    stored = _strings(strings.blob())
    assert [stored[i] for i in [*first, *second]] == texts
    assert len(stored) == len(set(texts))


def test_the_stems_stay_pickled_until_a_word_needs_them(folder: Path) -> None:
    """A text whose names are words of the table never reads the stems (the start-up of a
    short run: they are a fifth of the gazetteer's load); the first case form does, and
    is read as the compiled table reads it."""
    built = translit.Normalizer()  # compiled, and stored
    loaded = translit.Normalizer()
    assert "_parts" not in vars(built._index.forms)
    assert loaded.normalize("Kiev and Minsk") == "Kyiv and Minsk"
    assert "stems" not in vars(loaded._index.forms)
    text = "Spotkanie w Mińsku i w Kijowie"
    assert [m.inflected for m in loaded.find(text)] == [True, True]
    assert "stems" in vars(loaded._index.forms)
    assert loaded.find(text) == built.find(text)
    assert loaded._index.forms == built._index.forms


def test_equal_values_of_a_column_load_as_one_object(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words that make an ambiguous form safe are the same set for many forms of an
    entity: the entry stores each set once, and the loaded table holds it once."""
    from translit.compile.cache import _unpickle
    from translit.compile.cachestore import pickled

    monkeypatch.setenv("TRANSLIT_NO_CACHE", "1")
    built = translit.Normalizer()._index
    _, loaded = _unpickle(pickled(("key", built)))
    for field in ("next_words", "previous_words"):
        sets = [getattr(t, field) for ts in loaded.phrases.values() for t in ts]
        sets = [s for s in sets if s is not None]
        assert len(sets) > 2 * len(set(sets)), field  # the data: many forms, a few sets
        assert len({id(s) for s in sets}) == len(set(sets)), field
        built_sets = [getattr(t, field) for ts in built.phrases.values() for t in ts]
        assert sets == [s for s in built_sets if s is not None]


def test_a_loaded_table_pickles_whole(folder: Path, tmp_path: Path) -> None:
    """Pickled (to worker processes) before its lazy parts were read: they go along."""
    import pickle

    table = _table(tmp_path)
    translit.Normalizer([table], include_default=False)
    loaded = translit.Normalizer([table], include_default=False)
    assert "_parts" in vars(loaded._index) and "word_langs" not in vars(loaded._index)
    assert "stems" not in vars(loaded._index.forms)
    copy = pickle.loads(pickle.dumps(loaded))
    assert "_parts" not in vars(copy._index) and "_parts" not in vars(copy._index.forms)
    assert "stems" in vars(copy._index.forms)
    assert copy._index.word_langs == loaded._index.word_langs
    assert copy._index.forms.stems == loaded._index.forms.stems
    assert copy.normalize("Brześć") == "Brest"


def test_a_damaged_lazy_part_in_the_entry_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    """The entry's checksum covers the parts loaded later: a flipped byte in one is found
    when the entry is loaded, and the entry rebuilt."""
    from translit.compile.cachestore import packed

    table = _table(tmp_path)
    first = translit.Normalizer([table], include_default=False)
    (entry,) = _entries(folder)
    data = entry.read_bytes()
    blob = packed(first._index)[3]["word_langs"]
    at = data.find(blob)
    assert at > 0
    damaged = data[: at + len(blob) // 2] + b"\xff" + data[at + len(blob) // 2 + 1 :]
    entry.write_bytes(damaged)
    assert _load(entry, entry.stem.removeprefix("index-")) is None
    again = translit.Normalizer([table], include_default=False)
    assert entry.read_bytes() != damaged
    assert again._index.word_langs == first._index.word_langs


@pytest.mark.parametrize("name", ["word_langs", "forms.stems"])
def test_a_lazy_part_that_does_not_load_is_rebuilt(folder: Path, tmp_path: Path, name: str) -> None:
    """Should a part still fail when it is first read, the table is compiled again (and
    the entry written again): never an odd error in the middle of a review, or of a
    scan (the stems)."""
    import functools

    table = _table(tmp_path)
    built = translit.Normalizer([table], include_default=False)
    loaded = translit.Normalizer([table], include_default=False)
    (entry,) = _entries(folder)
    entry.write_bytes(b"stale")
    loaded._index._parts._blobs[name] = b"not a pickle"
    path = name.split(".")
    assert functools.reduce(getattr, path, loaded._index) == functools.reduce(
        getattr, path, built._index
    )
    assert _load(entry, entry.stem.removeprefix("index-")) is not None  # written again
    with pytest.raises(AttributeError):
        loaded._index.no_such_field  # noqa: B018


def test_lazy_parts_load_once_from_threads(folder: Path, tmp_path: Path) -> None:
    """8 threads reading a part that is not loaded yet all get the one object."""
    import threading

    table = _table(tmp_path)
    translit.Normalizer([table], include_default=False)
    index = translit.Normalizer([table], include_default=False)._index
    barrier = threading.Barrier(8)
    seen: list[object] = []

    def read() -> None:
        barrier.wait()
        seen.append(index.word_langs)
        seen.append(index.listed_langs)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 16
    assert len({id(v) for v in seen[::2]}) == 1 and len({id(v) for v in seen[1::2]}) == 1


# ----------------------------------------------------- the default table the wheel ships


@pytest.fixture(scope="module")
def shipped_entry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The entry the wheel's build hook writes (shipped.write), made here from the
    installed sources."""
    from translit import shipped
    from translit.normalizer import compile_table

    path = tmp_path_factory.mktemp("shipped") / shipped.FILE_NAME
    shipped.write(str(path), compile_table)
    return path


def test_the_shipped_table_is_loaded_instead_of_compiled(
    folder: Path, shipped_entry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import translit.normalizer as normalizer
    from translit import shipped

    def refuse(paths: list[str]) -> object:
        raise AssertionError(f"compiled {paths}")

    monkeypatch.setattr(shipped, "shipped_file", lambda: str(shipped_entry))
    monkeypatch.setattr(normalizer, "compile_table", refuse)
    first = translit.Normalizer()
    assert first.normalize("Lukashenko in Kiev and Krivoy Rog") == (
        "Lukashenka in Kyiv and Kryvyi Rih"
    )
    (entry,) = _entries(folder)  # saved in the user's cache, under the user's key
    stamp = entry.stat().st_mtime_ns
    second = translit.Normalizer()
    assert entry.stat().st_mtime_ns == stamp  # read from the user's cache now
    assert list(second.variants()) == list(first.variants())
    with pytest.raises(AssertionError, match="compiled"):
        translit.Normalizer(places=False)  # not the shipped table's files


def test_a_shipped_table_of_other_files_is_not_used(
    folder: Path, shipped_entry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translit import shipped
    from translit.tables.bundled import bundled_table_files

    paths = bundled_table_files()
    other = tmp_path / shipped.FILE_NAME
    # the same bytes with another key in them (the key the files' contents give)
    other.write_bytes(shipped_entry.read_bytes().replace(
        shipped.content_key(paths, "").encode(), b"0" * 64))  # fmt: skip
    monkeypatch.setattr(shipped, "shipped_file", lambda: str(other))
    assert shipped.load(paths, "") is None
    monkeypatch.setattr(shipped, "shipped_file", lambda: str(shipped_entry))
    assert shipped.load(paths, "") is not None
    assert shipped.load(paths, "x") is None  # other options
    assert shipped.load(paths[:1], "") is None  # other files (no gazetteer)
    assert shipped.content_key(paths, "") != shipped.content_key([*paths, str(USER_TABLE)], "")


def test_an_installed_wheel_ships_the_table_of_its_files() -> None:
    """A wheel (pip install .) carries the default table compiled from its own files, which
    loads; an editable install (the checkout's sources) carries none."""
    from translit import shipped
    from translit.compile.index import Index
    from translit.tables.bundled import bundled_table_files

    package = Path(translit.__file__).resolve().parent
    checkout = Path(__file__).resolve().parents[1] / "src" / "translit"
    if package == checkout:
        assert not Path(shipped.shipped_file()).exists()
    else:
        assert isinstance(shipped.load(bundled_table_files(), ""), Index)
