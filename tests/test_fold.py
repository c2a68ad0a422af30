"""The fold's fast paths give the same key as the full table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from translit.fold import _TABLE, fold

ALPHABET = "abcKIEVłŁšŠïÏ’‘\u00a0 \n'-–—“”…ЁёЛукашэнкаİß\u2010\u00ad\u0301\u200d"


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fast_paths_equal_the_table(text: str) -> None:
    key, offsets = fold(text)
    full = "".join(_TABLE.get(ord(ch), ch).lower() for ch in text)
    assert key == full
    if offsets is None:
        assert len(key) == len(text)
    else:
        assert [text[i] for i in offsets] == [ch for ch in text if _TABLE.get(ord(ch), ch)]
