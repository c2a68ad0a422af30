"""The context checks' reader and the language of a paragraph. (The checks themselves
are tested by tests/cases/context.yaml and the real paragraphs.)"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translit
from translit.context.reader import Surroundings, last_two_matched, next_word_matched
from translit.language import detect

_INDEX = translit.Normalizer()._index
_WORDS = st.sampled_from(["Kiev", "of", "University", "Lwów", "ü", "1939", "x" * 45, ""])
_GAPS = st.sampled_from(
    [" ", " ", " ", "  ", ", ", ". ", " (", ") ", "'", "’", "-", "\n", ": ", "“"]
)
_TEXTS = st.lists(st.tuples(_WORDS, _GAPS), max_size=12).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@given(_TEXTS)
def test_words_around_fast_paths_agree(text: str) -> None:
    seen = Surroundings(_INDEX, _INDEX.context, text, None)
    for pos in range(len(text) + 1):
        assert seen.last_two(pos) == last_two_matched(text, pos), pos
        assert seen.next_word(pos) == next_word_matched(text, pos), pos


_LANGUAGE_CASES = [
    ("Swetlana Tichanowskaja rief die Menschen in Belarus zur Teilnahme auf.", "de"),
    ("La marcha de Tijanóvskaya a Lituania sorprendió a todos los que la conocían.", "es"),
    ("Na ulice Mińska i innych miast wyszły tysiące ludzi, którzy chcieli zmian.", "pl"),
    ("The opposition leader met reporters in Vilnius on Monday.", "en"),
    ("Kyiv", None),  # one name tells no language
    ("Лукашенко", None),
]


@pytest.mark.parametrize(("text", "lang"), _LANGUAGE_CASES)
def test_language_of_a_paragraph(text: str, lang: str | None) -> None:
    assert detect(text) == lang


@given(st.sampled_from([t for t, _ in _LANGUAGE_CASES]), st.integers(0, 200),
       st.sampled_from(["\u00ad", "\u200b", "\u200e", "\u2060"]))  # fmt: skip
def test_invisible_characters_do_not_change_the_language(text: str, at: int, mark: str) -> None:
    """A soft hyphen or zero-width character inside a word (which the matcher's fold
    drops) does not split it into words of another language."""
    at %= len(text) + 1
    assert detect(text[:at] + mark + text[at:]) == detect(text)
