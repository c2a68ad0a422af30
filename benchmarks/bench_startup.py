"""Warm start-up: ``echo Kiev | translit normalize`` with the default table (which holds
the gazetteer and the regions) and without them (``--no-places``), and ``import
translit`` + ``Normalizer()``, each the median of fresh processes; and the first run after
installing: the same command with an empty cache folder (``TRANSLIT_CACHE_DIR``, a new
one each run), which loads the table the wheel ships compiled, or compiles it.

    python benchmarks/bench_startup.py              # 20 runs of each
    python benchmarks/bench_startup.py --runs 40

The cache is the user's (``$TRANSLIT_CACHE_DIR`` or the user cache folder): one run of
each fills it first, so the figures are a warm start. The commands run in an empty
temporary folder, as in a folder with no configuration file: a ``pyproject.toml`` that
names translit (this checkout's) is read with ``tomllib``, 3-4 ms more. The package
is byte-compiled as installed, so ``PYTHONDONTWRITEBYTECODE`` is dropped (with it set,
a checkout would compile every module on every run). The runs of the three measures
alternate, so that a busy machine slows all of them alike. Targets (issue 18): a warm
command line < 80 ms, ``Normalizer()`` from the cache < 100 ms, the first run < 2 s.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LOAD = (
    "import time; began = time.perf_counter(); import translit; "
    "translit.Normalizer(); print(time.perf_counter() - began)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each (median)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    script = Path(sys.executable).parent / "translit"
    program = [str(script)] if script.is_file() else [sys.executable, "-m", "translit"]
    commands = {
        "`echo Kiev \\| translit normalize`": [*program, "normalize"],
        "the same, `--no-places` (aliases.yaml alone)": [*program, "normalize", "--no-places"],
    }

    folder = tempfile.mkdtemp(prefix="bench-startup-")  # no configuration file there

    def cli(command: list[str]) -> float:
        began = time.perf_counter()
        subprocess.run(command, input=b"Kiev\n", env=env, check=True, capture_output=True,
                       cwd=folder)  # fmt: skip
        return time.perf_counter() - began

    def load() -> float:
        done = subprocess.run([sys.executable, "-c", LOAD], env=env, check=True,
                              capture_output=True, text=True, cwd=folder)  # fmt: skip
        return float(done.stdout)

    measures: dict[str, Callable[[], float]] = {
        name: functools.partial(cli, command) for name, command in commands.items()
    }
    measures["`import translit` + `Normalizer()`"] = load

    def first() -> float:
        with tempfile.TemporaryDirectory(prefix="bench-startup-cache-") as cache:
            began = time.perf_counter()
            subprocess.run([*program, "normalize"], input=b"Kiev\n", check=True,
                           env={**env, "TRANSLIT_CACHE_DIR": cache}, capture_output=True,
                           cwd=folder)  # fmt: skip
            return time.perf_counter() - began

    measures[FIRST] = first
    for measure in measures.values():  # fills the cache, and the page cache
        measure()
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(args.runs):
        for name, measure in measures.items():
            times[name].append(measure())
    print(f"| start-up, median of {args.runs} | ms |\n|---|---|")
    for name, found in times.items():
        print(f"| {name} | {statistics.median(found) * 1000:.0f} |")
    os.rmdir(folder)


FIRST = "the first run after installing: `translit normalize`, an empty cache"


if __name__ == "__main__":
    main()
