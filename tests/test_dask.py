"""translit.corpus.dask on a real local cluster (two worker processes): the single-process
result."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import translit
from translit.cli import main as cli
from translit.corpus.dask import (
    find_bag,
    find_series,
    normalize_bag,
    normalize_columns,
    normalize_series,
)

pytestmark = pytest.mark.slow  # a real local cluster of worker processes


def _paragraphs() -> list[str]:
    articles = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    return [p for a in articles for p in a.read_text(encoding="utf-8").split("\n") if p.strip()]


TEXTS = [*_paragraphs(), "Kiev, Gomel and Лукашенко", "Łukaszenki", ""]


@pytest.fixture(scope="module")
def client(normalizer: translit.Normalizer) -> Iterator[Client]:
    """Two worker processes, one thread each; the compiled-table cache is warm (the
    session's Normalizer filled it; workers inherit TRANSLIT_CACHE_DIR)."""
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as connected:  # fmt: skip
        yield connected


def test_bag_equals_one_process(client: Client, normalizer: translit.Normalizer) -> None:
    bag = db.from_sequence([*TEXTS, None], npartitions=6)
    assert normalize_bag(bag).compute() == [*map(normalizer.normalize, TEXTS), None]
    assert find_bag(bag).compute() == [*map(normalizer.find, TEXTS), []]
    german = translit.Normalizer(style="de", replace_inflected=True)
    styled = normalize_bag(bag, style="de", replace_inflected=True).compute()
    assert styled == [*map(german.normalize, TEXTS), None]
    towns = db.from_sequence(["Shelling hit Slavyansk.", "Kiev"], npartitions=2)
    assert normalize_bag(towns).compute() == ["Shelling hit Sloviansk.", "Kyiv"]
    assert normalize_bag(towns, places=False).compute() == ["Shelling hit Slavyansk.", "Kyiv"]


def test_dataframe_equals_one_process(client: Client, normalizer: translit.Normalizer) -> None:
    frame = pd.DataFrame({"id": range(len(TEXTS) + 1), "text": [*TEXTS, None],
                          "title": [t[:40] for t in TEXTS] + ["Kiev"]})  # fmt: skip
    lazy = dd.from_pandas(frame, npartitions=5)
    normalized = normalize_series(lazy["text"]).compute()
    assert normalized.index.tolist() == frame.index.tolist()
    assert normalized.tolist()[:-1] == [normalizer.normalize(t) for t in TEXTS]
    assert pd.isna(normalized.iloc[-1]) and normalized.name == "text"
    found = find_series(lazy["text"]).compute().tolist()
    assert found == [*map(normalizer.find, TEXTS), []]
    core = normalize_columns(lazy, ["title"], places=False).compute()["title"].tolist()
    assert core == [translit.Normalizer(places=False).normalize(t) for t in frame["title"]]
    both = normalize_columns(lazy, ["text", "title"]).compute()
    assert both["id"].tolist() == frame["id"].tolist()
    assert both["title"].tolist() == [normalizer.normalize(t) for t in frame["title"]]


def test_one_normalizer_per_worker(client: Client) -> None:
    def which(part: list[str]) -> list[tuple[int, int]]:
        from translit.corpus.parallel import Recipe, normalizer_for

        return [(os.getpid(), id(normalizer_for(Recipe())))]

    bag = normalize_bag(db.from_sequence(TEXTS, npartitions=12))
    seen = set(bag.map_partitions(which).compute())
    pids = {pid for pid, _ in seen}
    assert len(seen) == len(pids) <= 2 and os.getpid() not in pids


def test_dask_equals_the_command_line_with_1_and_2_jobs(
    client: Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    records = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in TEXTS)
    Path("news.jsonl").write_text(records, encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        code = cli.main(["normalize", "--jsonl", "--field", "text", "news.jsonl", "--jobs", jobs,
                         "--batch-size", "10", "--output", f"out{jobs}.jsonl"])  # fmt: skip
        assert code == 0
        outputs.append(Path(f"out{jobs}.jsonl").read_bytes())
    assert outputs[0] == outputs[1]
    lines = db.read_text("news.jsonl", blocksize=2000).map(json.loads).pluck("text")
    assert len(lines.to_delayed()) > 1
    normalized = normalize_bag(lines).compute()
    assert [json.loads(line)["text"] for line in io.BytesIO(outputs[0])] == normalized


def test_import_translit_does_not_import_dask() -> None:
    code = ("import sys, translit; translit.normalize('Kiev'); import translit.corpus.parallel; "
            "found = {'dask', 'distributed', 'pandas', 'pyarrow'} & set(sys.modules); "
            "print(sorted(found)); sys.exit(1 if found else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
