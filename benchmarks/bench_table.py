"""The default table's size and what it costs: compiling it, loading it from the cache,
starting the command line, and scanning text full of its own names.

    python benchmarks/bench_table.py                  # prints; --output FILE writes Markdown
    python benchmarks/bench_table.py --aliases my.yaml --no-default

Each timing runs in a fresh interpreter with its own empty cache folder (compile: the
first ``Normalizer()`` after install; cache load: the second), as a user meets them.
The scan text is generated (seeded) from the table itself: filler sentences, each with
two of the table's written forms (canonical names, variants, original Cyrillic forms),
so that every entity is met, not only the few of a news text. Targets (issues 14 and
18): compile < 2 s, ``Normalizer()`` from the cache < 100 ms, a warm command line
< 80 ms, scanning >= 25 MB/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SEED = 2026
FILLER = (
    "officials said on Monday that talks in {} had moved slowly, while {} stayed "
    "quiet about the plan"
).split()
TIMED = """
import json, sys, time
began = time.perf_counter()
import translit
aliases = sys.argv[1:] or None
normalizer = translit.Normalizer(aliases or (), include_default={default})
print(json.dumps({{"seconds": time.perf_counter() - began}}))
"""


def in_fresh_process(script: str, env: dict[str, str], args: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def cli_start(env: dict[str, str], runs: int, args: list[str]) -> float:
    """Median wall time of ``translit normalize`` on one line, in a fresh process."""
    script = Path(sys.executable).parent / "translit"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "translit"]
    command += ["normalize", *(f"--aliases={a}" for a in args)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=b"Kiev\n", env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def scan_text(forms: list[str], megabytes: float) -> str:
    """Filler sentences with two of *forms* each, one paragraph per 6 sentences."""
    rnd = random.Random(SEED)
    sentences, size = [], 0
    while size < megabytes * 1e6:
        sentence = " ".join(FILLER).format(rnd.choice(forms), rnd.choice(forms))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        size += len(sentence.encode()) + 2
    return "\n".join(" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--aliases", action="append", default=[], help="a user table (repeat)")
    parser.add_argument("--no-default", action="store_true", help="without the bundled table")
    parser.add_argument("--mb", type=float, default=2.0, help="MB of scan text")
    parser.add_argument("--runs", type=int, default=5, help="runs of each timing (median)")
    parser.add_argument("--output", type=Path, help="write a Markdown report here")
    args = parser.parse_args()
    import translit

    default = not args.no_default
    normalizer = translit.Normalizer(args.aliases, include_default=default)
    index = normalizer._index
    kinds = Counter(entity.type for entity in index.entities.values())
    folded = list(normalizer.variants())
    from translit.tables.aliases import load_tables
    from translit.tables.bundled import bundled_table_files

    paths = [*(bundled_table_files() if default else ()), *args.aliases]
    entities = load_tables(paths).entities
    written = sorted({form.text for entity in entities for form in entity.forms})

    rows: list[tuple[str, str, str]] = [
        (
            "entities",
            f"{len(index.entities):,} ("
            + ", ".join(f"{n:,} {k}" for k, n in kinds.most_common())
            + ")",
            "",
        ),
        ("written forms (names, variants, originals, generated)", f"{len(written):,}", ""),
        ("folded forms matched", f"{len(folded):,}", ""),
    ]
    script = TIMED.format(default=default)
    compiles, loads = [], []
    with tempfile.TemporaryDirectory(prefix="bench-table-") as tmp:
        for run in range(args.runs):
            env = {**os.environ, "TRANSLIT_CACHE_DIR": str(Path(tmp) / f"cache-{run}")}
            env.pop("TRANSLIT_NO_CACHE", None)
            compiles.append(in_fresh_process(script, env, args.aliases)["seconds"])
            loads.append(in_fresh_process(script, env, args.aliases)["seconds"])
        start = cli_start(env, args.runs, args.aliases)
    rows += [
        (
            "first `Normalizer()` (compiles, fills the cache), median",
            f"{statistics.median(compiles):.2f} s",
            "< 2 s",
        ),
        (
            "`Normalizer()` from the cache, median",
            f"{statistics.median(loads) * 1000:.0f} ms",
            "< 100 ms",
        ),
        ("`echo Kiev \\| translit normalize`, warm, median", f"{start * 1000:.0f} ms", "< 80 ms"),
    ]
    text = scan_text(written, args.mb)
    mb = len(text.encode()) / 1e6
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        normalizer.normalize(text)
        best = min(best, time.process_time() - began)
    found = len(normalizer.find(text))
    rows.append(
        (
            f"`normalize` on {mb:.1f} MB of sentences with two of the table's forms "
            f"each ({found:,} mentions)",
            f"{mb / best:.1f} MB/s",
            ">= 25 MB/s",
        )
    )
    lines = [
        "| measure | value | target |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
    ]
    report = "\n".join(lines)
    print(report)
    if args.output:
        command = " ".join(["python benchmarks/bench_table.py", *sys.argv[1:]])
        args.output.write_text(
            f"# Table size and cost\n\n`{command}`, translit {translit.__version__}\n\n{report}\n",
            "utf-8",
        )


if __name__ == "__main__":
    main()
