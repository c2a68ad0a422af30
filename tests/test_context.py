"""The context checks' reader: its fast paths give what the general reading gives.
(The checks themselves are tested by tests/cases/context.yaml and the real paragraphs.)"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import translit
from translit.context.reader import Surroundings, last_two_matched

_INDEX = translit.Normalizer()._index
_WORDS = st.sampled_from(["Kiev", "of", "University", "Lwów", "ü", "1939", "x" * 45, ""])
_GAPS = st.sampled_from(
    [" ", " ", " ", "  ", ", ", ". ", " (", ") ", "'", "’", "-", "\n", ": ", "“"]
)
_TEXTS = st.lists(st.tuples(_WORDS, _GAPS), max_size=12).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@given(_TEXTS)
def test_last_two_words_fast_path_agrees(text: str) -> None:
    seen = Surroundings(_INDEX, _INDEX.context, text, None)
    for pos in range(len(text) + 1):
        assert seen.last_two(pos) == last_two_matched(text, pos), pos
