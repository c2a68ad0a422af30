"""The matcher's short path gives exactly the general path's mentions.

Run over every text the tests hold: the case files, the dev sentences and the
corpus articles (the property test in test_properties.py adds generated text).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import translit
from translit.matcher import scan, scan_general

HERE = Path(__file__).parent


def _texts() -> list[str]:
    texts: list[str] = []
    for name in ("normalize.yaml", "negatives.yaml"):
        texts += [c["input"] for c in yaml.safe_load((HERE / "cases" / name).read_text("utf-8"))]
    dev = yaml.safe_load((HERE / "data" / "dev_texts.yaml").read_text("utf-8"))
    texts += [c["input"] for c in dev]
    texts += [p.read_text("utf-8") for p in sorted((HERE / "corpus").glob("*.txt"))]
    return texts


TEXTS = _texts()


def test_the_texts_are_there() -> None:
    assert len(TEXTS) > 100
    assert any(len(t) > 5000 for t in TEXTS)  # the corpus articles


@pytest.mark.parametrize("style", ["en", "fr"])
@pytest.mark.parametrize("replace_inflected", [False, True])
def test_short_path_equals_general_path(
    normalizer: translit.Normalizer, style: str, replace_inflected: bool
) -> None:
    index = normalizer._index
    for text in TEXTS:
        assert scan(index, text, style, replace_inflected) == scan_general(
            index, text, style, replace_inflected
        ), text[:80]


def test_a_pattern_with_a_joiner_takes_the_general_path(normalizer: translit.Normalizer) -> None:
    # "wit-rusland" is a pattern with a hyphen: its words go the general way, same result
    text = "In Wit-Rusland en Oekraïne: Loekasjenko."
    index = normalizer._index
    assert scan(index, text, "en") == scan_general(index, text, "en")
    assert [m.text for m in scan(index, text, "en")][:1] == ["Wit-Rusland"]


_INDEX = translit.Normalizer()._index
_WORDS = sorted({word for phrase in _INDEX.phrases for word in phrase})
_PHRASES = sorted(" ".join(phrase) for phrase in _INDEX.phrases if len(phrase) > 1)
_GIVEN = sorted(_INDEX.given_names)[:200]
_GAPS = [" ", "  ", "\n", "\n\n", ", ", "'s ", "’s ", "-", ". ", "s ", ""]
_GAPS += ["\u2069 ", " (", "\u20d0 "]  # a bidi isolate, an opener, a mark that fold keeps


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_WORDS + _PHRASES + _GIVEN + ["the", "x", "kievan", "rus"]),
            st.sampled_from(_GAPS),
            st.sampled_from([str.lower, str.title, str.upper]),
        ),
        max_size=12,
    ),
    st.booleans(),
)
def test_short_path_equals_general_path_on_dense_names(
    parts: list[tuple[str, str, Any]], replace_inflected: bool
) -> None:
    """Words and phrases of the table and given names, back to back: every way
    phrases can start, continue and stop."""
    text = "".join(case(word) + gap for word, gap, case in parts)
    assert scan(_INDEX, text, "en", replace_inflected) == scan_general(
        _INDEX, text, "en", replace_inflected
    )


def test_the_finder_gives_the_same_hits_before_and_after_a_long_text() -> None:
    """Short texts are searched with an NFA until a long one brings the DFA: same hits."""
    from translit.finder import _LONG, Finder
    from translit.fold import fold

    finder = Finder(_INDEX.finder.patterns)
    key = fold(" ".join(TEXTS[:60]))[0]
    assert len(key) < _LONG
    first, every = finder.first(key), finder.every(key)
    assert first and len(every) > len(first)
    long_key = (key + " ") * (_LONG // len(key) + 1)
    finder.first(long_key), finder.every(long_key)  # builds both DFAs
    assert len(finder._automata) == 4
    assert (finder.first(key), finder.every(key)) == (first, every)
