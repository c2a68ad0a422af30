"""The fold's fast paths give the same key as the full table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from translit.text.fold import _TABLE, KEY_WORD, _fold_runs, fold, fold_beyond, word_stop

ALPHABET = "abcKIEVłŁšŠïÏ’‘\u00a0 \n'-–—“”…ЁёЛукашэнкаİß\u2010\u00ad\u0301\u200d"
# characters each fast path must leave to the table: context-dependent lower case
# (final sigma), a sign whose lower case the table changes again, decomposed й,
# lone surrogates (from surrogateescape), and others that the fold keeps
TRICKY = "ΣσςΑΩ\u212b\u212aЙИ\u0306\u0308\udcff\U0001f600中"
PLAIN = "abcdefgh ,.\n"
# the letters, quotes and dashes of one code page each (the way through a code page)
PAGES = [
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”–\u00ad ab.",
    "äöüßÄÖÜéèàçôêÉÈ«»“”’—…Ÿÿ\u00ad ab.",
    "ėųūšžąčęįĖŲŪŠŽ„“–\u00ad ab.",
    "іїєґўІЇЄҐЎёЁлукашэнка«»„“’—\u00ad ab.",
]


MIXED = st.lists(
    st.sampled_from([ALPHABET, TRICKY, PLAIN * 4, *PAGES]).flatmap(
        lambda chars: st.text(alphabet=chars, max_size=30)
    ),
    max_size=8,
).map("".join)
"""Runs of each kind of text above, one after the other."""


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fast_paths_equal_the_table(text: str) -> None:
    key, offsets = fold(text)
    full = "".join(_TABLE.get(ord(ch), ch).lower() for ch in text)
    assert key == full
    if offsets is None:
        assert len(key) == len(text)
    else:
        assert [text[i] for i in offsets] == [ch for ch in text if _TABLE.get(ord(ch), ch)]


@given(MIXED)
def test_each_way_equals_folding_run_by_run(text: str) -> None:
    """Mostly ASCII text (lowered as bytes), text of one code page's letters (through
    it), mostly Cyrillic text (str.lower first) and text with characters that need the
    table: one key, one offset map."""
    assert fold(text) == _fold_runs(text)


@given(MIXED)
def test_the_characters_beyond_latin_1_a_key_holds_are_known_or_none(text: str) -> None:
    """fold_beyond gives fold's key and offsets and, where it tells them, at least every
    character above U+00FF of the key (what the automaton needs to search it as
    Latin-1 bytes)."""
    key, offsets, beyond = fold_beyond(text)
    assert (key, offsets) == fold(text)
    if beyond is not None:
        assert {ch for ch in key if ch > "\xff"} <= beyond


def test_the_characters_beyond_latin_1_of_each_way() -> None:
    english = "Lukashenko’s “Kiev” visit, Kijów and Łódź. " + "plain words " * 200
    polish = "Łukaszenka i Cichanouska „w Mińsku”. " * 20
    assert fold_beyond("Kiev")[2] == frozenset()
    assert fold_beyond(english)[2] == frozenset("“”")  # (’ folds to ')
    assert fold_beyond(polish)[2] is not None  # through a code page: its characters
    assert not {"ł", "ń"} & fold_beyond(polish)[2]  # (folded: l, n)
    assert fold_beyond("Лукашэнка і Ёсіф. " * 40)[2] is not None  # (cp1251: Cyrillic)
    assert fold_beyond("Tikhanovskai\u0308a")[2] is None  # the table's way: not told


def test_other_script_and_english_prose() -> None:
    cyrillic = "Лукашэнка і Ёсіф Ціханоўскай — «Гомель», Łódź. " * 40
    english = "Lukashenko’s “Kiev” visit, Kijów and Łódź. " + "plain words " * 200
    for text in (cyrillic, english, cyrillic + "Σ", english + "\u212b"):
        assert fold(text) == _fold_runs(text)
    assert fold(cyrillic)[0].startswith("лукашэнка і есіф ціханоўскай — «гомель», lodz.")
    assert fold(english)[0].startswith("lukashenko's “kiev” visit, kijow and lodz.")


def test_the_way_is_told_from_the_beginning_and_the_key_from_the_whole_text() -> None:
    """A long text's beginning picks the way; what comes after it, of any script and
    with any character that needs the table, still gets the table's key."""
    cyrillic = "Лукашэнка і Ёсіф Ціханоўскай — «Гомель». " * 200  # beyond the head
    english = "Lukashenko’s “Kiev” visit, Kijów and Łódź. " * 200
    for head in (cyrillic, english):
        for tail in (english, cyrillic, TRICKY, ALPHABET, "İ", "Σ", "\u212b", "\udcff"):
            text = head + tail
            assert fold(text) == _fold_runs(text), (head[:10], tail[:10])


def test_each_code_page_folds_each_byte_as_the_table() -> None:
    """A byte of a code page folds to the byte of its character's fold, or is one the
    way through the page refuses (the soft hyphen, which the fold drops)."""
    from translit.text.fold import _page_tables

    for page, (folds, dropped, _) in _page_tables().items():
        for byte in range(256):
            try:
                ch = bytes([byte]).decode(page)
            except UnicodeDecodeError:
                continue
            if byte in dropped:
                assert len(_TABLE.get(ord(ch), ch).lower()) != 1
            else:
                assert bytes([folds[byte]]).decode(page) == _TABLE.get(ord(ch), ch).lower()
    assert set(_page_tables()["cp1250"][1]) == {0xAD}


def test_long_texts_of_one_code_page_and_beyond_it() -> None:
    """A long Polish or Cyrillic text goes through its code page; one with a
    character no page holds after the beginning, or a soft hyphen, the other ways."""
    polish = "Łukaszenka i Cichanouska — „Homel”, Kijów, Żytomierz. " * 200
    cyrillic = "Лукашэнка і Ёсіф Ціханоўскай — «Гомель». " * 200
    for text in (polish, cyrillic):
        for tail in ("", "Ё" if text is polish else "ł", "\u00ad", "Σ", "\udcff", "中"):
            assert fold(text + tail) == _fold_runs(text + tail), (text[:10], tail)
    assert fold(polish)[0].startswith("lukaszenka i cichanouska — „homel”, kijow, zytomierz.")


@given(st.text(alphabet="ab1_ '-.,\u0301ßл²\u00a0", max_size=30), st.integers(0, 30),
       st.integers(0, 30))
def test_where_a_word_stops_is_where_the_pattern_ends(key: str, at: int, limit: int) -> None:
    """word_stop's search for the space gives the end the word pattern gives."""
    at, limit = min(at, len(key)), min(max(at, limit), len(key))
    assert word_stop(key, at, limit) == KEY_WORD.match(key, at, limit).end()  # type: ignore[union-attr]
