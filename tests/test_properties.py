"""Properties of normalize/find/canonical over generated text (hypothesis).

The text mixes the table's own forms (variants, canonical and Cyrillic forms),
protected regions (URLs, code), separators and random Unicode. Examples per
property: 300 in the default ``ci`` profile, 100 in the developer's loop (``dev``: ``pytest
-m "not slow"``), 20,000 with HYPOTHESIS_PROFILE=long; the three on long texts run
:data:`LONG_TEXT_EXAMPLES`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import translit
from helpers import display_forms
from translit.scan import PIECE
from translit.text.protect import MAX_TOKEN

LONG_TEXT_EXAMPLES = min(60, settings.default.max_examples // 5)
"""Examples of a property on long texts: 60 in the ci and long profiles, 20 in dev."""

NORMALIZER = translit.Normalizer()
USER_TABLE = Path(__file__).parent / "data" / "user_table.yaml"
NORMALIZERS = {  # (replace_inflected, with the user table)
    (inflected, user): translit.Normalizer(
        [USER_TABLE] if user else [], replace_inflected=inflected
    )
    for inflected in (False, True)
    for user in (False, True)
}


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
USER_FORMS = display_forms(USER_TABLE)
ALL_TEXTS = st.lists(
    st.one_of(PIECES, st.sampled_from(USER_FORMS), st.sampled_from(["Lukaschenkos ", "Kiews "])),
    max_size=25,
).map("".join)
WORDS = sorted({w for form in FORMS + USER_FORMS for w in form.split(" ") if len(w) > 2})
"""The single words of the forms: names that fit inside a run without a space."""


@given(TEXTS)
def test_idempotent(text: str) -> None:
    once = NORMALIZER.normalize(text)
    assert NORMALIZER.normalize(once) == once


def _twice(normalizer: translit.Normalizer, text: str, style: str = "en") -> None:
    once = normalizer.normalize(text, style=style)
    assert normalizer.normalize(once, style=style) == once


@given(ALL_TEXTS, st.sampled_from(sorted(NORMALIZERS)), st.data())
def test_idempotent_in_every_mode(text: str, mode: tuple[bool, bool], data: st.DataObject) -> None:
    """With and without replace_inflected, with a user table, in every style."""
    normalizer = NORMALIZERS[mode]
    _twice(normalizer, text, data.draw(st.sampled_from(normalizer.styles)))


_RUN_PARTS = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(["_", "'", "."])), min_size=1, max_size=6
)
LONG_RUNS = st.builds(
    lambda before, after, off, far_right: _run("-".join(before), "-".join(after), off, (
        len(after[-1]) if far_right else len(before[0])
    )),
    _RUN_PARTS, _RUN_PARTS, st.integers(min_value=-4, max_value=4), st.booleans(),
)  # fmt: skip
"""A run without a space of about MAX_TOKEN characters between the name at one end
and the far end, names inside it joined by hyphens."""


def _run(head: str, tail: str, off: int, name: int) -> str:
    """*head* and *tail* joined by letters, the far end MAX_TOKEN + *off* characters
    from the name (*name* characters long) at the other end."""
    reach = len(head) + 2 + len(tail) - name
    return f"{head}-{'a' * max(0, MAX_TOKEN + off - reach)}-{tail}"


@given(LONG_RUNS, TEXTS, st.sampled_from(sorted(NORMALIZERS)))
def test_idempotent_around_the_run_limit(run: str, around: str, mode: tuple[bool, bool]) -> None:
    """Rewriting a name in a run changes the run's length: a name left in a run too
    long must stay left when the run shrinks (``Lukaschenko-Lukaschenko-`` and 475
    letters before ``-Kiev``)."""
    _twice(NORMALIZERS[mode], f"{around} {run} {around}")


@pytest.mark.parametrize(
    ("text", "mode", "style"),
    [  # found by the long profile
        (  # an inflected form of a spelling pair the text discusses
            "Lukashenkaalyaksandr lukashenka:Alyaksandr LukashenkaAlaksandr Łukašenka",
            (True, False),
            "en",
        ),
        (  # Roza becomes Rose, which alone is no mention (a flower): Kharkiv before it
            # must read the same on both runs
            f"Kharkov Kharkiv {_run('Roza', 'Alaksandar', -4, 4)} Kharkov Kharkiv",
            (False, True),
            "en",
        ),
    ],
)
def test_idempotent_on_the_cases_found(text: str, mode: tuple[bool, bool], style: str) -> None:
    _twice(NORMALIZERS[mode], text, style)


_LINE = "The report was published on Monday.\n"


@settings(max_examples=LONG_TEXT_EXAMPLES)  # each example normalizes 130,000 characters twice
@given(
    st.lists(st.one_of(ALL_TEXTS, LONG_RUNS), min_size=2, max_size=12),
    st.integers(min_value=-200, max_value=200),
    st.sampled_from([".\n", "\n", ")\n", ".\n\n"]),
)
def test_idempotent_across_a_piece_boundary(lines: list[str], shift: int, end: str) -> None:
    """Names, and runs near the limit, on the lines around where a text of more than
    PIECE characters is cut into pieces (after a line that ends with punctuation):
    the cut moves as the names before it change length."""
    block = end.join(line.replace("\n", " ") for line in lines) + end
    head = _LINE * ((PIECE - len(block) // 2 + shift) // len(_LINE))
    _twice(NORMALIZER, head + block + head)


@settings(max_examples=LONG_TEXT_EXAMPLES)  # each example streams several windows twice
@given(
    st.lists(ALL_TEXTS, min_size=1, max_size=30),
    st.integers(min_value=100, max_value=3000),
    st.sampled_from(sorted(NORMALIZERS)),
)
@example(  # a long paragraph's language told anew on the second run (found by 1,500 examples)
    ["Nova RikaLukaschenkos Lukaschenkos Alyaksandr LukashenkaAlaksandr Łukašenka"],
    100,
    (False, False),
)
def test_streaming_is_idempotent(paragraphs: list[str], size: int, mode: tuple[bool, bool]) -> None:
    """normalize_stream twice gives what it gave once, with windows of any size, in
    every mode; once is what normalize gives."""
    from translit.stream import CONTEXT, normalize_stream

    normalizer = NORMALIZERS[mode]
    text = "\n".join(paragraphs)
    while len(text) < 3 * CONTEXT:
        text += "\n" + text + " Kiev."
    once = "".join(normalize_stream(normalizer, [text], size=size))
    assert once == normalizer.normalize(text)
    assert "".join(normalize_stream(normalizer, [once], size=size)) == once


@pytest.mark.parametrize("shift", [-5_000, -2_001, -1, 0, 1, 2_000])
def test_idempotent_across_the_stream_window(shift: int) -> None:
    """Names around the real window of normalize_stream (1 MiB), streamed twice."""
    from translit.stream import normalize_stream

    names = (  # the shapes the properties found, around the cut
        f"Lukaschenko-Kiev Gomel. Lukaschenko-Lukaschenko-{'a' * 475}-Kiev said\n"
        "Lukaschenkos Lukaschenkos Alexander Lukashenko.\n"
    )
    head = _LINE * (((1 << 20) + shift) // len(_LINE))
    text = head + names * 3 + head[: 10 * len(_LINE)]
    once = "".join(normalize_stream(NORMALIZER, [text]))
    assert once == NORMALIZER.normalize(text)
    assert "".join(normalize_stream(NORMALIZER, [once])) == once


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


@settings(max_examples=LONG_TEXT_EXAMPLES)  # each streams windows of a few thousand characters
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
    from translit.scan import match

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
        # a name with its genitive -s before another name: not part of a longer name
        "Alexander Lukaschenkos alyaksandr lukashenka",
        # a Title Case line whose names' case the first run changes
        "Alyaksandr Lukashenkaalyaksandr lukashenkaalyaksandr lukashenka Alyaksandr Lukashenka",
    ],
)
def test_idempotent_on_found_examples(text: str) -> None:
    once = NORMALIZER.normalize(text)
    assert NORMALIZER.normalize(once) == once
