"""Work on several processes: results in input order, identical to one process."""

from __future__ import annotations

import io
import json
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import translit
from translit.cli import main as cli
from translit.corpus import parallel
from translit.corpus.parallel import Meter, Recipe, normalizer_for, ordered_map

_state: dict[str, int] = {}


def _setup(value: int) -> None:
    _state["value"] = value


def _tag(item: int) -> tuple[int, int, int]:
    return item, _state["value"], os.getpid()


def test_ordered_map_keeps_the_order_and_runs_the_initializer_everywhere() -> None:
    items = list(range(60))
    results = list(ordered_map(_tag, items, jobs=2, initializer=_setup, initargs=(7,)))
    assert [r[0] for r in results] == items
    assert {r[1] for r in results} == {7}
    assert os.getpid() not in {r[2] for r in results}


def test_ordered_map_alone_runs_in_this_process() -> None:
    for jobs, items in ((1, [1, 2, 3]), (4, [5])):
        _state.clear()
        results = list(ordered_map(_tag, items, jobs=jobs, initializer=_setup, initargs=(3,)))
        assert results == [(i, 3, os.getpid()) for i in items]


def test_ordered_map_reads_ahead_a_bounded_number_of_items() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for i in range(100):
            taken.append(i)
            yield i

    results = ordered_map(_tag, items(), jobs=2, initializer=_setup, initargs=(1,))
    assert next(results)[0] == 0
    assert len(taken) == 4  # 2 * jobs in flight when the first result is handed out
    results.close()  # the rest is cancelled
    assert len(taken) == 4


def test_recipe_is_small_and_builds_one_normalizer_per_process() -> None:
    recipe = Recipe(("extra.yaml",), "de", True, False)
    assert len(pickle.dumps(recipe)) < 300
    plain = Recipe()
    built = normalizer_for(plain)
    assert normalizer_for(Recipe()) is built and built.normalize("Kiev") == "Kyiv"
    fresh = translit.Normalizer()
    assert normalizer_for(plain, fresh) is fresh and normalizer_for(plain) is fresh


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_meter_on_a_terminal_only() -> None:
    terminal = _Terminal()
    meter = Meter(terminal, total=None, delay=0, interval=0)
    meter.update(1200, 3_000_000)
    assert terminal.getvalue().startswith("\rtranslit: 1,200 records, 3.0 MB, ")
    assert terminal.getvalue().endswith(" MB/s\033[K")
    sized = Meter(_Terminal(), total=6_000_000, delay=0, interval=0)
    sized.update(10, 3_000_000)
    assert " left\033[K" in sized.stream.getvalue()
    sized.close()
    assert sized.stream.getvalue().endswith("\r\033[K")
    quiet = io.StringIO()
    Meter(quiet, total=None, delay=0, interval=0).update(1, 1)
    assert quiet.getvalue() == ""


# --- the command line: --jobs 1 and --jobs 2 give the same bytes --------------

Runner = Callable[..., tuple[int, bytes, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Runner:
    monkeypatch.chdir(tmp_path)

    def call(*args: str) -> tuple[int, bytes, str]:
        out, err = io.BytesIO(), io.BytesIO()
        streams = [io.TextIOWrapper(b, encoding="utf-8", newline="") for b in (out, err)]
        monkeypatch.setattr(sys, "stdout", streams[0])
        monkeypatch.setattr(sys, "stderr", streams[1])
        code = cli.main(["normalize", *args])
        for stream in streams:
            stream.flush()
        return code, out.getvalue(), err.getvalue().decode("utf-8")

    return call


def _paragraphs() -> list[str]:
    articles = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    return [p for a in articles for p in a.read_text(encoding="utf-8").split("\n") if p.strip()]


def _jsonl(path: Path, bad: bool) -> None:
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in
             enumerate(_paragraphs() * 2)]  # fmt: skip
    if bad:
        lines[37], lines[90] = "{broken", '"a string record"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow  # worker processes
@pytest.mark.parametrize("on_error", ["skip", "stop"])
def test_jsonl_jobs_2_equals_jobs_1(run: Runner, tmp_path: Path, on_error: str) -> None:
    _jsonl(tmp_path / "news.jsonl", bad=True)
    args = ("--jsonl", "--field", "text", "--mentions", "m", "--on-error", on_error,
            "--batch-size", "7", "news.jsonl")  # fmt: skip
    one, two = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one == two
    code, out, err = one
    ids = [json.loads(line)["id"] for line in out.splitlines() if line.startswith(b"{")]
    assert ids == sorted(ids)
    assert len(ids) == (2 * len(_paragraphs()) - 2 if on_error == "skip" else 37)
    assert code == (0 if on_error == "skip" else 2)
    assert "news.jsonl:38: not valid JSON" in err


@pytest.mark.slow  # worker processes
def test_many_files_jobs_2_in_order(run: Runner, tmp_path: Path) -> None:
    names = []
    for i in range(5):
        _jsonl(tmp_path / f"{i}.jsonl", bad=False)
        names.append(f"{i}.jsonl")
    one = run("--jsonl", "--field", "text", "--jobs", "1", *names)
    two = run("--jsonl", "--field", "text", "--jobs", "2", "--batch-size", "50", *names)
    assert one == two and one[1].count(b"\n") == 5 * 2 * len(_paragraphs())


@pytest.mark.slow  # worker processes
def test_csv_and_parquet_jobs_2_equal_jobs_1(run: Runner, tmp_path: Path) -> None:
    import csv

    with open(tmp_path / "news.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["id", "text"])
        writer.writerows(enumerate(_paragraphs()))
    args = ("--csv", "--column", "text", "--batch-size", "5", "news.csv")
    one, two = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one == two and one[0] == 0 and one[1].count(b"\n") == len(_paragraphs()) + 1

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": list(range(len(_paragraphs()))), "text": _paragraphs()})
    pq.write_table(table, tmp_path / "news.parquet", row_group_size=20)
    for jobs in ("1", "2"):
        code, _, err = run("--parquet", "--column", "text", "news.parquet", "--jobs", jobs,
                           "--batch-size", "9", "--output", f"out{jobs}.parquet")  # fmt: skip
        assert code == 0, err
    tables = [pq.read_table(tmp_path / f"out{jobs}.parquet") for jobs in ("1", "2")]
    assert tables[0].equals(tables[1])
    normalizer = translit.Normalizer()
    assert tables[0].column("text").to_pylist() == [normalizer.normalize(p) for p in _paragraphs()]


def test_workers_build_from_the_recipe(tmp_path: Path) -> None:
    """A worker that did not inherit the Normalizer builds it from the recipe's arguments."""
    parallel._built.pop(Recipe(style="de"), None)
    assert normalizer_for(Recipe(style="de")).normalize("Kiev") == "Kiew"


@pytest.mark.slow  # worker processes
def test_the_recipe_carries_no_places(run: Runner, tmp_path: Path) -> None:
    """``--no-places`` reaches the workers of a corpus run: a worker that did not inherit
    the Normalizer builds it from the recipe, which says whether the gazetteer is in."""
    core = Recipe(places=False)
    parallel._built.pop(core, None)
    assert normalizer_for(core).normalize("Slavyansk and Kiev") == "Slavyansk and Kyiv"
    assert normalizer_for(Recipe()).normalize("Slavyansk and Kiev") == "Sloviansk and Kyiv"
    lines = "".join(json.dumps({"text": f"{i}: Slavyansk and Kiev."}) + "\n" for i in range(40))
    (tmp_path / "in.jsonl").write_text(lines, "utf-8")
    for flags, town in (([], "Sloviansk"), (["--no-places"], "Slavyansk")):
        code, out, err = run("--jsonl", "in.jsonl", "--field", "text", "--jobs", "2",
                             "--batch-size", "5", *flags)  # fmt: skip
        texts = [json.loads(line)["text"] for line in out.decode().splitlines()]
        assert code == 0 and texts == [f"{i}: {town} and Kyiv." for i in range(40)], (flags, err)
