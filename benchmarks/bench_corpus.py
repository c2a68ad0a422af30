"""Corpus throughput and memory: ``translit normalize --jsonl/--csv/--parquet``, plain text
streamed from standard input, and ``translit.corpus.dask`` on a local cluster.

One command, no downloads (Linux: peak memory is read from ``/proc``):

    python benchmarks/bench_corpus.py                 # 1,000 MB JSONL + 200 MB others
    python benchmarks/bench_corpus.py --quick         # 50 + 20 MB, prints only
    python benchmarks/bench_corpus.py --mb 500 --side-mb 100 --output /tmp/corpus.md

The corpus is generated with a seeded ``random`` from the news articles in
``tests/corpus/``: records of a news-crawl shape (``id``, ``url``, ``title``,
``text`` of 2-6 paragraphs, ``published``, ``meta``), about 2 KB each, with the
articles' own density of names. The same records are written as JSON Lines, CSV
(``;``-separated) and Parquet (zstd), and the texts alone as a plain-text file.

Each run is its own process (``translit normalize ...`` through ``python -m
translit``), timed by the wall clock; its memory is sampled from ``/proc`` every
50 ms: "peak RSS" is the largest single process (the main process or one
worker), "tree RSS" the largest sum over the process and its workers (pages
that forked workers share with the main process are counted in each). The
``--jobs 1`` and ``--jobs 2`` outputs are compared byte for byte. The JSON Lines
file is run at two sizes with ``--jobs 2`` to show that memory does not grow with
the input. MB are 10^6 bytes of input file.

Dask (if installed): a ``LocalCluster(n_workers=2, processes=True,
threads_per_worker=1)`` reads the JSON Lines with ``dask.bag.read_text``,
normalizes the ``text`` field with ``translit.corpus.dask.normalize_bag`` and sums the
lengths (nothing written); the result is checked against the command line's.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def paragraphs() -> list[str]:
    articles = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    return [p for a in articles for p in a.read_text(encoding="utf-8").split("\n") if p.strip()]


def records(megabytes: float, seed: int = 7) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    pool = paragraphs()
    size, i = 0, 0
    while size < megabytes * 1e6:
        text = "\n\n".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))
        record = {
            "id": i,
            "url": f"https://news.example.org/{2020 + i % 5}/{i:08d}.html",
            "title": rng.choice(pool)[: rng.randint(40, 110)],
            "text": text,
            "published": f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}T12:00:00Z",
            "meta": {"lang": "en", "words": text.count(" ") + 1, "score": rng.random()},
        }
        size += len(text.encode()) + 300
        i += 1
        yield record


def write_inputs(folder: Path, big: float, side: float) -> dict[str, Path]:
    paths = {k: folder / n for k, n in (("big", "big.jsonl"), ("small", "small.jsonl"),
             ("csv", "news.csv"), ("parquet", "news.parquet"), ("text", "news.txt"))}  # fmt: skip
    for key, mb in (("big", big), ("small", side)):
        with open(paths[key], "w", encoding="utf-8") as out:
            for record in records(mb):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(paths["csv"], "w", encoding="utf-8", newline="") as out, \
            open(paths["text"], "w", encoding="utf-8") as text:  # fmt: skip
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["id", "url", "title", "text", "published"])
        for r in records(side):
            writer.writerow([r["id"], r["url"], r["title"], r["text"], r["published"]])
            text.write(f"{r['title']}\n\n{r['text']}\n\n")
    with contextlib.suppress(ImportError):
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        chunk: list[dict[str, object]] = []
        for r in records(side):
            chunk.append({k: r[k] for k in ("id", "url", "title", "text", "published")})
            if len(chunk) == 20_000:
                table = pa.Table.from_pylist(chunk)
                writer = writer or pq.ParquetWriter(paths["parquet"], table.schema,
                                                    compression="zstd")  # fmt: skip
                writer.write_table(table)
                chunk = []
        table = pa.Table.from_pylist(chunk)
        writer = writer or pq.ParquetWriter(paths["parquet"], table.schema, compression="zstd")
        writer.write_table(table)
        writer.close()
    return paths


def _tree_rss(pid: int) -> list[int]:
    """The RSS in bytes of *pid* and of each of its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError):
            with open(f"/proc/{current}/statm") as handle:
                found.append(int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
    return found


def measure(
    args: list[str], stdin: Path | None = None, stdout: Path | None = None
) -> dict[str, Any]:
    """Run ``python -m translit ARGS``; wall seconds, peak and tree RSS in MB, stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(open(stdin, "rb")) if stdin else subprocess.DEVNULL
        sink = stack.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "translit", *args], stdin=source,
                                stdout=sink, stderr=subprocess.PIPE, env=env)  # fmt: skip
        peak_one = peak_tree = 0
        done = threading.Event()

        def poll() -> None:
            nonlocal peak_one, peak_tree
            while not done.wait(0.05):
                sizes = _tree_rss(proc.pid)
                peak_one = max([peak_one, *sizes])
                peak_tree = max(peak_tree, sum(sizes))

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        err = proc.stderr.read().decode() if proc.stderr else ""
        proc.wait()
        seconds = time.perf_counter() - start
        done.set()
        poller.join()
    if proc.returncode != 0:
        raise SystemExit(f"translit {' '.join(args)} failed ({proc.returncode}): {err}")
    return {"s": seconds, "peak": peak_one / 1e6, "tree": peak_tree / 1e6, "err": err}


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def checksum(texts: Iterator[str]) -> tuple[int, int]:
    """The number of texts and a sum of their hashes (equal sums: the same texts)."""
    count = total = 0
    for text in texts:
        count += 1
        total += int(hashlib.sha256(text.encode()).hexdigest()[:16], 16)
    return count, total % 2**64


def _partition_checksum(texts: list[str]) -> list[tuple[int, int]]:
    return [checksum(iter(texts))]


def run_dask(path: Path) -> dict[str, float] | None:
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:
        return None
    sys.path.insert(0, str(ROOT / "src"))
    from translit.corpus.dask import normalize_bag

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
        start = time.perf_counter()
        bag = db.read_text(str(path), blocksize=16e6).map(json.loads)
        texts = normalize_bag(bag.pluck("text"))
        parts = texts.map_partitions(_partition_checksum).compute()
        seconds = time.perf_counter() - start
        rss = sum(client.run(lambda: __import__("psutil").Process().memory_info().rss).values())
    count = sum(n for n, _ in parts)
    return {"s": seconds, "records": count, "sum": sum(s for _, s in parts) % 2**64,
            "tree": rss / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1000, help="the big JSON Lines file, MB")
    parser.add_argument("--side-mb", type=float, default=200, help="the other inputs, MB")
    parser.add_argument("--quick", action="store_true", help="50 + 20 MB, prints only")
    parser.add_argument("--output", help="the results file (default: results/corpus.md)")
    args = parser.parse_args()
    if args.quick:
        args.mb, args.side_mb = 50, 20
    output = args.output or (None if args.quick else str(HERE / "results" / "corpus.md"))
    began = time.perf_counter()
    cache = tempfile.mkdtemp(prefix="translit-bench-cache-")
    os.environ["TRANSLIT_CACHE_DIR"] = cache
    with tempfile.TemporaryDirectory(prefix="translit-bench-") as tmp:
        folder = Path(tmp)
        paths = write_inputs(folder, args.mb, args.side_mb)
        size = {k: p.stat().st_size / 1e6 for k, p in paths.items() if p.exists()}
        nrec = {k: sum(1 for _ in open(paths[k], "rb")) for k in ("big", "small")}
        (folder / "warm.txt").write_text("Kiev\n")
        measure(["normalize"], stdin=folder / "warm.txt")  # fills the compiled-table cache
        rows: list[tuple[str, float, int | None, dict[str, Any]]] = []
        outputs = {}
        jsonl = ["normalize", "--jsonl", "--field", "text", "--field", "title"]
        for key, jobs in (("big", 1), ("big", 2), ("small", 2)):
            out = folder / f"out-{key}-{jobs}.jsonl"
            m = measure([*jsonl, "--jobs", str(jobs), str(paths[key]), "-o", str(out)])
            outputs[(key, jobs)] = digest(out)
            if key == "small":
                with open(out, encoding="utf-8") as handle:
                    cli_sum = checksum(json.loads(line)["text"] for line in handle)
            out.unlink()
            rows.append((f"JSON Lines, `--jobs {jobs}`", size[key], nrec[key], m))
        same = outputs[("big", 1)] == outputs[("big", 2)]
        ncsv = sum(1 for _ in records(args.side_mb))
        for jobs in (1, 2):
            m = measure(["normalize", "--csv", "--column", "text", "--column", "title",
                         "--jobs", str(jobs), str(paths["csv"])])  # fmt: skip
            rows.append((f"CSV, `--jobs {jobs}`", size["csv"], ncsv, m))
        if "parquet" in size:
            import pyarrow.parquet as pq

            meta = pq.ParquetFile(paths["parquet"]).metadata
            raw = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
            size["parquet"] = raw / 1e6  # uncompressed: the zstd file is much smaller
            out = folder / "out.parquet"
            m = measure(["normalize", "--parquet", "--column", "text", "--column", "title",
                         "--jobs", "2", str(paths["parquet"]), "-o", str(out)])  # fmt: skip
            rows.append(("Parquet (zstd; MB uncompressed), `--jobs 2`", size["parquet"], ncsv, m))
        m = measure(["normalize"], stdin=paths["text"], stdout=folder / "out.txt")
        rows.append(("plain text, stdin → stdout (streamed)", size["text"], None, m))
        dask = run_dask(paths["small"])
        dask_same = dask is not None and (dask["records"], dask["sum"]) == cli_sum
    report = render(args, rows, size, (same, dask_same), dask, time.perf_counter() - began)
    print(report)
    if output:
        Path(output).write_text(report, encoding="utf-8")
        print(f"written to {output}")


def render(
    args: argparse.Namespace,
    rows: list[tuple[str, float, int | None, dict[str, Any]]],
    size: dict[str, float],
    same: tuple[bool, bool],
    dask: dict[str, float] | None,
    seconds: float,
) -> str:
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        "# Corpus benchmark", "",
        f"- date: {now}",
        f"- command: `python benchmarks/bench_corpus.py --mb {args.mb:g} --side-mb "
        f"{args.side_mb:g}` ({seconds / 60:.1f} min)",
        f"- commit {commit or '?'} (plus any uncommitted changes); Python "
        f"{platform.python_version()}; {platform.platform()}, os.cpu_count() = {os.cpu_count()},"
        f" load average at the end {load} (1 / 5 / 15 min)",
        "", "Inputs (generated, seeded, from the articles in `tests/corpus/`): news records of "
        "about 2 KB (`id`, `url`, `title`, `text`, `published`, `meta`); the JSON Lines runs "
        "normalize `text` and `title`, CSV and Parquet the same two columns, plain text is "
        "the titles and texts alone.", "",
        "MB/s: input file MB (10^6 bytes) per wall-clock second. peak RSS: the largest single "
        "process (the main one or a worker); tree RSS: the largest sum over the main process "
        "and its workers (sampled every 50 ms).", "",
        "| run | input MB | records | s | records/s | MB/s | peak RSS MB | tree RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, mb, n, m in rows:
        count, rate = (f"{n:,}", f"{n / m['s']:,.0f}") if n else ("—", "—")
        lines.append(f"| {name} | {mb:,.0f} | {count} | {m['s']:.1f} | {rate} | "
                     f"{mb / m['s']:.1f} | {m['peak']:.0f} | {m['tree']:.0f} |")  # fmt: skip
    if dask:
        n = int(dask["records"])
        lines.append(f"| Dask bag (`text` only), LocalCluster 2 workers | {size['small']:,.0f} | "
                     f"{n:,} | {dask['s']:.1f} | {n / dask['s']:,.0f} | "
                     f"{size['small'] / dask['s']:.1f} | — | {dask['tree']:.0f} (workers, end) |")
    lines += [
        "",
        f"- `--jobs 1` and `--jobs 2` outputs byte-identical: {'yes' if same[0] else 'NO'}",
        f"- Dask `text` values equal to the command line's: {'yes' if same[1] else 'NO'}"
        if dask else "- Dask: not installed, skipped",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
