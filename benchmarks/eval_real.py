"""Precision and recall of normalize() on real published paragraphs, one mention at a time.

    python benchmarks/eval_real.py [FILE] [--show N]

FILE defaults to tests/data/real_paragraphs.yaml: 96 paragraphs in ten languages
(news, encyclopedias, blogs, NGO reports), each with the expected output and the
changes that may be made or not (``optional``). A change that normalize() makes
and the expected text does not is *wrong*; an expected change it does not make is
*missed*; optional changes count neither way. Tokens are runs of word characters
or single other characters, aligned with difflib. Precision = right / (right +
wrong), recall = right / (right + missed). ``tests/test_real_paragraphs.py`` holds
the figures this prints.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "real_paragraphs.yaml"
_TOKEN = re.compile(r"\w+|\W")

Changes = dict[int, tuple[str, str]]


def changes(before: str, after: str) -> Changes:
    """The changes from *before* to *after*, by the token where each starts."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    found: Changes = {}
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            found[i1] = ("".join(a[i1:i2]), "".join(b[j1:j2]))
    return found


def score(
    rows: Iterable[dict[str, Any]], normalize: Callable[[str], str]
) -> tuple[dict[str, collections.Counter[str]], list[str]]:
    """Per language: paragraphs, exact, right, wrong, missed, optional; and a line per
    wrong or missed change."""
    per: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    notes = []
    for row in rows:
        got = normalize(row["input"])
        optional = set(row.get("optional") or [])
        made, wanted = changes(row["input"], got), changes(row["input"], row["expected"])
        counts = per[row["lang"]]
        counts["paragraphs"] += 1
        counts["exact"] += got == row["expected"]
        for at, (old, new) in made.items():
            if wanted.get(at) == (old, new):
                counts["right"] += 1
            elif f"{old} -> {new}" in optional:
                counts["optional"] += 1
            else:
                counts["wrong"] += 1
                notes.append(f"wrong  [{row['lang']}] {old!r} -> {new!r} in {row['input'][:70]!r}")
        for at, (old, new) in wanted.items():
            if at not in made and f"{old} -> {new}" not in optional:
                counts["missed"] += 1
                notes.append(f"missed [{row['lang']}] {old!r} -> {new!r} in {row['input'][:70]!r}")
    return per, notes


def ratios(counts: collections.Counter[str]) -> tuple[float, float]:
    """(precision, recall) of *counts*; 1.0 where nothing was counted."""
    right = counts["right"]
    made, wanted = right + counts["wrong"], right + counts["missed"]
    return (right / made if made else 1.0), (right / wanted if wanted else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", default=str(DATA))
    parser.add_argument("--show", type=int, default=20, help="wrong and missed changes shown")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import translit

    rows = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    per, notes = score(rows, translit.normalize)
    for note in notes[: args.show]:
        print(note)
    print(f"\n{'lang':6}{'paras':>7}{'exact':>7}{'right':>7}{'wrong':>7}{'missed':>8}"
          f"{'precision':>11}{'recall':>8}")  # fmt: skip
    total: collections.Counter[str] = collections.Counter()
    for lang, counts in sorted(per.items(), key=lambda item: -item[1]["paragraphs"]):
        total.update(counts)
        p, r = ratios(counts)
        print(f"{lang:6}{counts['paragraphs']:7}{counts['exact']:7}{counts['right']:7}"
              f"{counts['wrong']:7}{counts['missed']:8}{p:11.3f}{r:8.3f}")  # fmt: skip
    p, r = ratios(total)
    print(f"all: precision {p:.3f}, recall {r:.3f} ({total['right']} right, {total['wrong']} "
          f"wrong, {total['missed']} missed), {total['exact']}/{total['paragraphs']} "
          "paragraphs exact")  # fmt: skip


if __name__ == "__main__":
    main()
