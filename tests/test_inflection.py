"""The fast paths of compiling word forms give what their plain definitions give."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translit.compile.wordforms import _minimal
from translit.errors import TableError
from translit.tables.common_words import CommonWords
from translit.tables.inflection import Stemmer, genitive_languages, load_rules, word_stems
from translit.tables.languages import load_language

_LETTERS = {"Latn": "abcdeiklmnorsuyz'", "Cyrl": "абвгдеийклмнорстуыьэюяіўє"}
_LANGUAGES = st.one_of(
    st.none(), st.frozensets(st.sampled_from(["be", "ru", "uk", "pl", "cs", "de", "lt", "en"]))
)


@given(st.sampled_from(sorted(_LETTERS)), st.data(), _LANGUAGES)
def test_stemmer_gives_what_word_stems_gives(
    script: str, data: st.DataObject, langs: frozenset[str] | None
) -> None:
    rules = load_rules()[script]
    stemmer = Stemmer(rules)
    words = data.draw(st.lists(st.text(_LETTERS[script], min_size=1, max_size=9), max_size=8))
    for word in words:  # one stemmer for all: what it remembers must not leak between words
        chosen = tuple(r for r in rules if langs is None or r.language in langs)
        expected = word_stems(word, chosen)
        assert stemmer.stems(word, langs) == expected


@given(st.sets(st.text("abc", max_size=5)))
def test_minimal_keeps_the_prefixes_no_other_one_begins(prefixes: set[str]) -> None:
    expected = {p for p in prefixes if not any(q and q != p and p.startswith(q) for q in prefixes)}
    assert _minimal(prefixes) == expected


@settings(max_examples=25)  # each example reads the whole list
@given(st.text("abcdeklnorstuz", max_size=4))
def test_common_words_starting_with_a_prefix(prefix: str) -> None:
    words = CommonWords.load()
    assert words.starting_with(prefix) == sorted(w for w in words._sorted if w.startswith(prefix))


def test_genitive_key_is_s_or_a_clear_error(tmp_path: Path) -> None:
    assert genitive_languages() == {"de", "nl", "no"}
    bad = tmp_path / "xx.yaml"
    bad.write_text("id: xx\nname: X\nscript: Latn\n\ngenitive: es\n", "utf-8")
    with pytest.raises(TableError, match=r"xx\.yaml:5: genitive is 'es', not one of s; "):
        load_language(bad)
