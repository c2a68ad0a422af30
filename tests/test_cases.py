"""Data-driven cases: tests/cases/*.yaml, one test per case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import translit

CASES = Path(__file__).parent / "cases"


def _load(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    return data


NORMALIZE = _load("normalize.yaml")
CANONICAL = _load("canonical.yaml")


_NORMALIZERS: dict[str, translit.Normalizer] = {}


def _options(case: dict[str, Any], default: translit.Normalizer) -> translit.Normalizer:
    """The Normalizer a case names under ``options:`` (keyword arguments), else *default*."""
    options = case.get("options")
    if not options:
        return default
    key = repr(sorted(options.items()))
    if key not in _NORMALIZERS:
        _NORMALIZERS[key] = translit.Normalizer(**options)
    return _NORMALIZERS[key]


@pytest.mark.parametrize("case", NORMALIZE, ids=[c["input"][:40] for c in NORMALIZE])
def test_normalize(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    """The expected output, and normalizing it again changes nothing."""
    normalizer = _options(case, normalizer)
    expected = case.get("expected", case["input"])
    assert normalizer.normalize(case["input"]) == expected, case.get("note")
    assert normalizer.normalize(expected) == expected, case.get("note")


@pytest.mark.parametrize("case", NORMALIZE, ids=[c["input"][:40] for c in NORMALIZE])
def test_find_replays_to_normalize(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    normalizer = _options(case, normalizer)
    text = case["input"]
    mentions = normalizer.find(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.entity and m.reason
    assert translit.apply_mentions(text, mentions) == normalizer.normalize(text)
    if "expected" not in case:
        assert not any(m.changed for m in mentions)


@pytest.mark.parametrize("case", CANONICAL, ids=[c["name"] or "empty" for c in CANONICAL])
def test_canonical(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    assert normalizer.canonical(case["name"]) == case["canonical"]


NEGATIVES = _load("negatives.yaml")


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["not_a_mention"] for c in NEGATIVES])
def test_known_negative(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    text = case["input"]
    assert normalizer.normalize(text) == text
    at = text.index(case["not_a_mention"])
    for m in normalizer.find(text):
        if m.start <= at < m.end:  # reported only as left, with the reason
            assert not m.changed and m.left, m


CONTEXT = _load("context.yaml")


@pytest.mark.parametrize("case", CONTEXT, ids=[c["input"][:40] for c in CONTEXT])
def test_context(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    """A mention the text discusses, a historical name, another person, a word of the
    text's language ... is found, left as written and explained."""
    text, lang = case["input"], case.get("lang")
    if "options" in case:
        normalizer = translit.Normalizer(**case["options"])
    assert normalizer.normalize(text, lang=lang) == case.get("expected", text)
    mentions = normalizer.find(text, lang=lang)
    assert translit.apply_mentions(text, mentions) == normalizer.normalize(text, lang=lang)
    by_text: dict[str, translit.Mention] = {}
    for m in mentions:
        by_text.setdefault(m.text, m)  # the first of each
    for want in case.get("left", []):
        m = by_text[want["text"]]
        assert not m.changed and m.left.startswith(want["reason"]), m
    for name in case.get("changed", []):
        assert by_text[name].changed and not by_text[name].left, by_text[name]
