"""Real published paragraphs (tests/data/real_paragraphs.yaml): the figures the README
gives, per mention, with the scoring of benchmarks/eval_real.py."""

from __future__ import annotations

import collections
import importlib.util
from pathlib import Path
from typing import Any

import pytest
import yaml

import translit

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_real", ROOT / "benchmarks" / "eval_real.py")
assert _spec is not None and _spec.loader is not None
eval_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_real)

ROWS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "data" / "real_paragraphs.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def scored(normalizer: translit.Normalizer) -> Any:
    return eval_real.score(ROWS, normalizer.normalize)


def test_precision_and_recall(scored: Any) -> None:
    per, notes = scored
    total: collections.Counter[str] = sum(per.values(), start=collections.Counter())
    precision, recall = eval_real.ratios(total)
    assert precision >= 0.99 and recall >= 0.97, notes
    assert total["paragraphs"] == len(ROWS) == 96


@pytest.mark.parametrize("lang", ["en", "de", "es", "cs"])
def test_no_wrong_change(scored: Any, lang: str) -> None:
    """English, German, Spanish and Czech news and reference text: not one wrong rewrite."""
    per, notes = scored
    assert per[lang]["wrong"] == 0, [n for n in notes if f"[{lang}]" in n]


def test_scoring_counts_a_wrong_change() -> None:
    """The scorer itself: a rewrite the expected text does not make is wrong."""
    row = {"input": "Odessa or Odesa", "expected": "Odessa or Odesa", "lang": "en"}
    per, notes = eval_real.score([row], lambda text: text.replace("Odessa", "Odesa"))
    assert per["en"]["wrong"] == 1 and notes
