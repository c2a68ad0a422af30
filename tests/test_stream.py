"""Streaming: bounded windows give exactly the all-at-once result."""

from __future__ import annotations

import random

import pytest

import translit
from translit.stream import normalize_stream

PIECES = [
    "Lukashenko visited Kiev. ", "Alexander\nLukashenko said. ", "the Kalinowski regiment ",
    "Odessa, Texas. ", "Chicken Kiev. ", "ordinary words here ", "\n", "\n\n",
    "```\nKiev = 1\n", "```\n", "`Kiev` ", "https://kiev.ua/x ", "Svetlana Tikhanovskaya ",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("size", [1, 50, 4096])
def test_windows_equal_whole(normalizer: translit.Normalizer, seed: int, size: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(3000))
    chunk = rng.randint(1, 5000)
    chunks = [text[i : i + chunk] for i in range(0, len(text), chunk)]
    streamed = "".join(normalize_stream(normalizer, chunks, size=size, context=200))
    assert streamed == normalizer.normalize(text)


def test_a_long_code_block_stays_code_across_windows(normalizer: translit.Normalizer) -> None:
    text = "Kiev\n```\n" + "Kiev x\n" * 5000 + "```\nKiev\n"
    streamed = "".join(normalize_stream(normalizer, [text], size=100, context=50))
    assert streamed == "Kyiv\n```\n" + "Kiev x\n" * 5000 + "```\nKyiv\n"


def test_inline_code_longer_than_the_context(normalizer: translit.Normalizer) -> None:
    """A first paragraph with no line break: the window keeps it from its start, so the
    backticks pair as in the whole text (found by hypothesis)."""
    code = "`" + "Alyaksandr Lukashenka" * 5 + "Alexander Lukashenko`"
    text = "Alyaksandr Lukashenka" * 3 + code + " Kiev"
    chunks = [text[i : i + 7] for i in range(0, len(text), 7)]
    streamed = "".join(normalize_stream(normalizer, chunks, size=1, context=60))
    assert streamed == normalizer.normalize(text) == text.replace("Kiev", "Kyiv")
