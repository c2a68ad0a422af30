"""Accuracy on real press spellings: recall on names, accuracy on sentences, negatives changed.

Usage:
    python benchmarks/eval_dev.py [NAMES.yaml] [TEXTS.yaml] [--misses]

Defaults to the development sample copied into tests/data/ (dev_names.yaml:
variant spellings seen in print with their canonical form; dev_texts.yaml:
sentences with the expected normalize() output, negatives marked NEGATIVE).
Prints one line per figure; --misses also lists what was missed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import yaml

import translit

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def _load(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    args = [a for a in argv if not a.startswith("--")]
    names = _load(Path(args[0]) if args else DATA / "dev_names.yaml")
    texts = _load(Path(args[1]) if len(args) > 1 else DATA / "dev_texts.yaml")
    start = time.perf_counter()
    normalizer = translit.Normalizer()
    print(f"compile: {time.perf_counter() - start:.2f} s")

    hits = 0
    for case in names:
        got = normalizer.canonical(case["variant"])
        hits += got == case["canonical"]
        if show and got != case["canonical"]:
            print(f"  name miss: {case['variant']!r} -> {got!r} (want {case['canonical']!r})")
    print(f"names: {hits}/{len(names)} = {100 * hits / len(names):.1f} % recall")

    good = negatives = changed = 0
    for case in texts:
        out = normalizer.normalize(case["input"])
        ok = out == case["expected"] or out in case.get("also_accepted", [])
        good += ok
        if "NEGATIVE" in case.get("note", ""):
            negatives += 1
            changed += out != case["input"]
        if show and not ok:
            print(f"  text miss: {case['input']!r}\n         got {out!r}")
    print(f"sentences: {good}/{len(texts)} = {100 * good / len(texts):.1f} % accuracy")
    print(f"negatives changed: {changed} of {negatives}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
