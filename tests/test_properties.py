"""Properties of normalize/find/canonical over generated text (hypothesis).

The text mixes the table's own forms (variants, canonical and Cyrillic forms),
protected regions (URLs, code), separators and random Unicode. Examples per
property: 300 in the default ``ci`` profile, 20,000 with HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from helpers import display_forms

NORMALIZER = translit.Normalizer()


FORMS = display_forms()
PIECES = st.one_of(
    st.sampled_from(FORMS),
    st.sampled_from(FORMS).map(str.upper),
    st.sampled_from(FORMS).map(str.lower),
    st.sampled_from(
        [
            " ",
            "  ",
            "\n",
            "\r\n",
            "\u00a0",
            "'s",
            "’s",
            "-",
            "-based",
            ", ",
            ".",
            "s",
            "`",
            "```\n",
            "https://example.org/",
            "@",
            "#",
            "_",
            "/",
            "\u0301",
            "\u00ad",
            "\u200d",
            "Kievan",
            "Minsky",
            "Alexander ",
            "Viktor ",
            "the ",
            "regiment",
            "Texas",
        ]
    ),
    st.text(max_size=8),
)
TEXTS = st.lists(PIECES, max_size=25).map("".join)


@given(TEXTS)
def test_idempotent(text: str) -> None:
    once = NORMALIZER.normalize(text)
    assert NORMALIZER.normalize(once) == once


@given(TEXTS)
def test_replaying_find_gives_normalize_and_nothing_outside_changes(text: str) -> None:
    mentions = NORMALIZER.find(text)
    out = translit.apply_mentions(text, mentions)
    assert out == NORMALIZER.normalize(text)
    pos = 0
    for m in mentions:
        assert pos <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        pos = m.end
    if not any(m.changed for m in mentions):
        assert out == text


@given(st.text())
def test_random_unicode_never_raises(text: str) -> None:
    mentions = NORMALIZER.find(text)
    assert translit.apply_mentions(text, mentions) == NORMALIZER.normalize(text)
    NORMALIZER.canonical(text)


@given(st.sampled_from(FORMS))
def test_canonical_of_a_canonical_is_itself(form: str) -> None:
    result = NORMALIZER.canonical(form)
    if result is not None:
        assert NORMALIZER.canonical(result) == result


@settings(max_examples=60)  # each example streams several windows of a few thousand characters
@given(
    st.lists(TEXTS, min_size=1, max_size=30),
    st.sampled_from(["\n\n", "\n", " "]),
    st.integers(min_value=100, max_value=3000),
)
def test_streaming_equals_all_at_once(paragraphs: list[str], joiner: str, size: int) -> None:
    """Generated text long enough for several windows (in paragraphs, lines, or one
    line) comes out as all at once. The stream keeps CONTEXT characters around each
    cut, which covers what any check reads (a sentence ahead, a paragraph back)."""
    from translit.stream import CONTEXT, normalize_stream

    text = joiner.join(paragraphs)
    while len(text) < 3 * CONTEXT:
        text += joiner + text + " Kiev."
    chunks = [text[i : i + 701] for i in range(0, len(text), 701)]
    streamed = "".join(normalize_stream(NORMALIZER, chunks, size=size))
    assert streamed == NORMALIZER.normalize(text)


def test_the_stream_context_covers_the_checks() -> None:
    from translit.context.reader import REACH
    from translit.stream import CONTEXT

    assert CONTEXT >= REACH


@given(TEXTS, st.booleans())
def test_short_path_finds_what_the_general_path_finds(text: str, inflected: bool) -> None:
    from translit.match.general import scan_general
    from translit.match.matcher import match

    index = NORMALIZER._index
    assert match(index, text, "en", inflected) == scan_general(index, text, "en", inflected)


@pytest.mark.parametrize(
    "text",
    [
        # a sentence ends before a name whose case the first run changes
        "Alyaksandr LukashenkaAlexander Lukaschenko. alyaksandr lukashenka Alyaksandr "
        "LukashenkaAlyaksandr Lukashenka",
        # a name before another name whose case the first run changes
        "Alyaksandr LukashenkaVolodymyr Zelensky alyaksandr lukashenka Volodymyr Zelenskyy",
        # a genitive -s that would make another form of the name
        "Sergej Lawrows Rede",
        # a Title Case line whose names' case the first run changes
        "Alyaksandr Lukashenkaalyaksandr lukashenkaalyaksandr lukashenka Alyaksandr Lukashenka",
    ],
)
def test_idempotent_on_found_examples(text: str) -> None:
    once = NORMALIZER.normalize(text)
    assert NORMALIZER.normalize(once) == once
