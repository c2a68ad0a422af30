"""Hostile input (issue 8): adversarial text, adversarial alias tables, a damaged cache.

Text: every Python string (lone surrogates, combining-mark storms, bidi controls,
invisible characters, huge lines, millions of characters without a space, runs of
punctuation, unbalanced code fences ...) goes through ``find``, ``normalize`` and
``canonical`` without an exception; outside the mentions the output is the input,
byte for byte; replaying ``find`` gives ``normalize``; normalizing twice changes
nothing. The work done grows linearly with the input (counted in executed lines of
translit's code, not timed: timings are in ``benchmarks/bench_linear.py``).

Invisible characters inside a name (the decision tested here):

* format characters that only affect rendering or line breaking (soft hyphen,
  zero-width space / joiner / non-joiner, word joiner, BOM, the combining grapheme
  joiner, and the unpaired bidi marks LRM, RLM and ALM) are ignored for matching:
  ``Luka\\u00adshenko`` is Lukashenko, and its replacement drops the character;
* paired bidi controls (embeddings, overrides and isolates, U+202A-E and
  U+2066-9) are never dropped, since that would unbalance the text's bidi
  structure: a name with one inside is left as written;
* whatever the character, it is invisible to the context rules too: ``Viktor\\u200e
  Lukashenko`` is still Viktor Lukashenko (another person), and stays;
* spaces and separators between the words of a name (no-break space, U+2028/9)
  stay in the replacement; inside a word they split it.

Tables: the cases of ``tests/cases/hostile_tables.yaml`` (with libyaml, and again
with PyYAML's pure-Python reader), the size limits, and a failed constructor
leaving nothing behind (in the cache or elsewhere).
Cache: an entry that is valid as a file but holds something else is not trusted.

Properties run with the hypothesis profile of ``tests/conftest.py`` (``ci``: 300
examples each; ``dev``, under ``-m "not slow"``: 100; ``HYPOTHESIS_PROFILE=long``: 20,000).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import translit
import translit.version
from helpers import display_forms
from translit.compile.cache import _MAGIC, frame
from translit.stream import normalize_stream
from translit.tables import yamlfile
from translit.tables.aliases import MAX_FORM_LENGTH, bundled_table_path
from translit.tables.yamlfile import MAX_BYTES, MAX_DEPTH

HERE = Path(__file__).parent
SRC = Path(translit.__file__).parent
N = translit.Normalizer()


# --------------------------------------------------------------------------- helpers


def _check(text: str, n: translit.Normalizer = N, style: str | None = None) -> str:
    """find/normalize on *text*: valid spans, the output outside the mentions is the
    input, replaying find gives normalize; returns the output."""
    mentions = n.find(text, style=style)
    out = n.normalize(text, style=style)
    parts: list[str] = []
    pos = 0
    for m in mentions:
        assert pos <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.text, m
        assert m.replacement and any(ch.isalpha() for ch in m.text), m
        parts += [text[pos : m.start], m.replacement]
        pos = m.end
    parts.append(text[pos:])
    assert out == "".join(parts)  # outside the mentions, byte for byte the input
    assert translit.apply_mentions(text, mentions) == out
    if not any(m.changed for m in mentions):
        assert out == text
    return out


def _check_all(text: str, n: translit.Normalizer = N) -> str:
    """_check, idempotence, and canonical() on the same text."""
    out = _check(text, n)
    assert n.normalize(out) == out
    found = n.canonical(text)
    assert found is None or isinstance(found, str)
    return out


def _canonical_forms() -> list[str]:
    data = yaml.safe_load(Path(bundled_table_path()).read_text("utf-8"))
    return [e[k] for e in data["entities"] for k in ("name", "surname") if k in e]


DISPLAY = display_forms()
CANONICAL = _canonical_forms()
VARIANTS = sorted({form for form, _, _ in N.variants()})

DROPPED = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f"]
BIDI_MARKS = ["\u200e", "\u200f", "\u061c"]  # LRM, RLM, ALM: unpaired
BIDI_PAIRED = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
INVISIBLE = DROPPED + BIDI_MARKS + BIDI_PAIRED
SEPARATORS = [
    " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u202f", "\u2009", "\u3000",
    "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", ", ", ". ", "; ", ": ", "-", "\u2013",
    "\u2014", "'", "\u2019", "'s", "\u2019s", "s", "(", ")", "\u00ab", "\u00bb", '"', "\u201c",
    "\u201d", "/", "!", "?", "*", "_", "=", "&", "<", ">",
]  # fmt: skip
MARKS = ["\u0301", "\u0308", "\u0306", "\u0327", "\ufe0f", "\u20d0", "\u0903", "\u1dc0"]
PROTECTED = [
    "https://kiev.ua/Kiev?q=Lukashenko", "http://example.org/Gomel#Minsk", "www.kiev.ua",
    "user@kiev.ua", "lukashenko@gov.by", "@Kiev", "#Kiev", "#Lukashenko", "./Kiev/x",
    "~/Gomel", "C:\\Kiev\\x", "/srv/kiev/data", "kiev_weather", "Kiev.txt", "a=Kiev",
    "Kiev=b", "_Kiev_",
]  # fmt: skip
CODE = ["`Kiev`", "``Lukashenko``", "```\nKiev\n```\n", "~~~\nGomel\n~~~\n", "```", "`", "~~~"]
SURROGATES = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3)
ANY_CHAR = st.characters(codec=None, categories=None, exclude_categories=[])  # blacklist nothing


def _spoil(form: str, junk: str, where: int) -> str:
    """*form* with *junk* inserted at a position between two of its letters (if any)."""
    spots = [i for i in range(1, len(form)) if form[i - 1].isalpha() and form[i].isalpha()]
    if not spots:
        return form
    i = spots[where % len(spots)]
    return form[:i] + junk + form[i:]


FORMS = st.one_of(
    st.sampled_from(DISPLAY),
    st.sampled_from(DISPLAY).map(str.upper),
    st.sampled_from(DISPLAY).map(str.lower),
    st.sampled_from(DISPLAY).map(lambda s: unicodedata.normalize("NFD", s)),
    st.sampled_from(VARIANTS),
    st.sampled_from(CANONICAL),
)
PIECES = st.one_of(
    FORMS,
    st.builds(_spoil, FORMS, st.sampled_from(INVISIBLE + MARKS + SEPARATORS), st.integers(0, 99)),
    st.sampled_from(SEPARATORS),
    st.sampled_from(INVISIBLE),
    st.sampled_from(MARKS),
    st.sampled_from(PROTECTED),
    st.sampled_from(CODE),
    SURROGATES,
    st.text(ANY_CHAR, max_size=6),
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


# ------------------------------------------------------------ adversarial texts, one by one


def _prose(n: int) -> str:
    return "Alexander Lukashenko met reporters in Kiev; Gomel and Odessa, Texas, too. " * n


ADVERSARIAL: dict[str, Callable[[], str]] = {
    "surrogateescape": lambda: b"Kiev \xff\xfe Lukashenko".decode("utf-8", "surrogateescape"),
    "lone surrogates around names": lambda: "\ud800Kiev\udfff \udcffLukashenko\udc80",
    "surrogate inside a name": lambda: "Luka\udcffshenko Ki\ud800ev",
    "surrogate pair as two code points": lambda: "\ud83d\ude00Kiev\ud83d\ude00 ok",
    "all surrogates": lambda: "".join(map(chr, range(0xD800, 0xE000))) + " Kiev",
    "combining storm after a letter": lambda: "K" + "\u0301" * 100_000 + " Kiev",
    "combining storm after a name": lambda: "Kiev" + "\u0301" * 100_000 + " Gomel",
    "combining storm between names": lambda: "Kiev " + "\u0301" * 100_000 + "Gomel",
    "combining storm inside a name": lambda: "Ki" + "\u0301" * 100_000 + "ev",
    "non-dropped mark storm": lambda: "Kiev" + "\u20d0" * 100_000 + " Gomel",
    "bidi controls everywhere": lambda: "".join(c + "Kiev" + c + " " for c in INVISIBLE),
    "separators everywhere": lambda: "".join("Alexander" + c + "Lukashenko " for c in SEPARATORS),
    "line of a few MB": lambda: _prose(40_000),
    "100,000 mentions": lambda: "Kiev " * 100_000,
    "100,000 prefixes of a variant": lambda: "Lukashenk " * 100_000,
    "100,000 given names": lambda: "Alexander " * 100_000,
    "100,000 ambiguous forms": lambda: "Kalinowski " * 100_000,
    "run of slashes": lambda: "/" * 1_000_000 + " Kiev " + "/" * 1_000_000,
    "run of backticks": lambda: "`" * 1_000_000 + " Kiev " + "`" * 1_000_000,
    "run of apostrophes": lambda: "'" * 1_000_000 + " Kiev " + "'" * 1_000_000,
    "run of hyphens": lambda: "-" * 1_000_000 + " Kiev " + "-" * 1_000_000,
    "run of tildes": lambda: "~" * 1_000_000 + " Kiev " + "~" * 1_000_000,
    "run of underscores": lambda: "_" * 1_000_000 + " Kiev " + "_" * 1_000_000,
    "run of dots": lambda: "." * 1_000_000 + "Kiev" + "." * 1_000_000,
    "run of spaces in a name": lambda: "Alexander" + " " * 1_000_000 + "Lukashenko",
    "run of line breaks": lambda: "Kiev" + "\n" * 1_000_000 + "Kiev",
    "unbalanced fences": lambda: "```\n" * 10_001 + "Kiev\n",
    "fences with info strings": lambda: "```Kiev\n" * 10_001 + "Kiev\n",
    "unbalanced inline code": lambda: "`a ``b ```c " * 10_000 + "Kiev",
    "a MB without whitespace": lambda: "Kiev" * 250_000,
    "a MB of one letter, then a name": lambda: "x" * 1_000_000 + " Kiev",
    "paths without whitespace": lambda: "Kiev/" * 10_000,
    "alternating scripts": lambda: "a\u0431" * 500_000,
    "alternating scripts with names": lambda: "Kiev \u041a\u0438\u0435\u0432 " * 20_000,
    "hyphen chain": lambda: "Kiev-" * 300,
    "apostrophe chain": lambda: "Kiev'" * 300,
    "NUL characters": lambda: "\x00Kiev\x00" * 10_000,
    "soft hyphens everywhere": lambda: "\u00ad".join("Lukashenko visited Kiev. ") * 1_000,
}


_HEAVY = {  # 0.2 to 2 s each (the developer's loop runs the other runs and storms)
    "line of a few MB", "100,000 mentions", "100,000 ambiguous forms", "100,000 given names",
    "alternating scripts with names", "run of backticks", "run of tildes", "run of line breaks",
    "100,000 prefixes of a variant", "run of spaces in a name", "a MB without whitespace",
    "prefixes", "no whitespace",  # the same two texts, with the output they give
}  # fmt: skip
_ADVERSARIAL_PARAMS = [
    pytest.param(name, marks=pytest.mark.slow) if name in _HEAVY else name for name in ADVERSARIAL
]


@pytest.mark.parametrize("name", _ADVERSARIAL_PARAMS)
def test_adversarial_text_is_handled(name: str) -> None:
    _check_all(ADVERSARIAL[name]())


def _run(char: str) -> str:
    return char * 100_000


EXPECTED = {
    "surrogateescape": ("Kiev \udcff\udcfe Lukashenko", "Kyiv \udcff\udcfe Lukashenka"),
    "around": ("\ud800Kiev\udfff", "\ud800Kyiv\udfff"),
    "storm": ("Kiev " + "\u0301" * 100_000 + "Gomel", "Kyiv " + "\u0301" * 100_000 + "Homiel"),
    "marks of the last letter belong to the name": ("Kiev\u0301\u0301 x", "Kyiv x"),
    "storm inside": ("Ki" + "\u0301" * 100_000 + "ev", "Kyiv"),
    "100,000 mentions": ("Kiev " * 100_000, "Kyiv " * 100_000),
    "prefixes": ("Lukashenk " * 100_000, "Lukashenk " * 100_000),
    "slashes": (_run("/") + " Kiev " + _run("/"), _run("/") + " Kyiv " + _run("/")),
    "backticks": (_run("`") + " Kiev " + _run("`"), _run("`") + " Kiev " + _run("`")),
    "fence open": ("```\n" * 10_001 + "Kiev\n", "```\n" * 10_001 + "Kiev\n"),
    "fence closed": ("```\n" * 10_000 + "Kiev\n", "```\n" * 10_000 + "Kyiv\n"),
    "no whitespace": ("Kiev" * 250_000, "Kiev" * 250_000),
    "one long word": ("x" * 1_000_000 + " Kiev", "x" * 1_000_000 + " Kyiv"),
    "paths": ("Kiev/" * 1_000, "Kiev/" * 1_000),
    # one sentence each: in one sentence, the two would be a spelling pair, left as written
    "scripts": (
        "Kiev. \u041a\u0438\u0435\u0432. " * 1_000,
        "Kyiv. \u041a\u0438\u0435\u0432. " * 1_000,
    ),
    "hyphen chain": ("Kiev-" * 100, "Kyiv-" * 100),
    "spaces in a name": (
        "Alexander" + " " * 10_000 + "Lukashenko",
        "Alyaksandr" + " " * 10_000 + "Lukashenka",
    ),
    "two line breaks split a name": ("Alexander\n\nLukashenko", "Alexander\n\nLukashenka"),
    "NUL": ("\x00Kiev\x00", "\x00Kyiv\x00"),
}


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in _HEAVY else n for n in EXPECTED]
)
def test_adversarial_text_gives_the_right_output(name: str) -> None:
    text, expected = EXPECTED[name]
    assert _check_all(text) == expected


def test_surrogateescape_round_trip() -> None:
    raw = b"Kiev \xff\xfe Lukashenko \xc3(\n"
    out = N.normalize(raw.decode("utf-8", "surrogateescape"))
    assert out.encode("utf-8", "surrogateescape") == b"Kyiv \xff\xfe Lukashenka \xc3(\n"


@pytest.mark.slow
def test_a_line_of_a_few_mb_is_the_sum_of_its_sentences() -> None:
    sentence = "Alexander Lukashenko met reporters in Kiev; Gomel and Odessa, Texas, too. "
    line = sentence * 40_000  # 3 MB, no line break
    assert N.normalize(line) == N.normalize(sentence) * 40_000
    assert len(N.find(line)) == 40_000 * len(N.find(sentence))


# ------------------------------------------------------------------ invisible characters


@pytest.mark.parametrize("char", DROPPED + BIDI_MARKS, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_character_inside_a_name_is_ignored_and_dropped(char: str) -> None:
    assert _check_all(f"Luka{char}shenko said") == "Lukashenka said"
    assert _check_all(f"Alexander Luka{char}shenko") == "Alyaksandr Lukashenka"
    assert N.canonical(f"Ki{char}ev") == "Kyiv"


@pytest.mark.parametrize("char", BIDI_PAIRED, ids=lambda c: f"U+{ord(c):04X}")
def test_paired_bidi_control_inside_a_name_is_left_as_written(char: str) -> None:
    text = f"Luka{char}shenko and Ki{char}ev"
    assert _check_all(text) == text


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_character_around_a_name_stays(char: str) -> None:
    assert _check_all(f"{char}Kiev{char} and {char}Lukashenko{char}") == (
        f"{char}Kyiv{char} and {char}Lukashenka{char}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kastus\u00a0Kalinouski", "Kastus\u00a0Kalinouski"),
        ("Kastous\u00a0Kalinowski", "Kastus\u00a0Kalinouski"),
        ("Alexander\u2028Lukashenko", "Alyaksandr\u2028Lukashenka"),
        ("Alexander\u2029Lukashenko", "Alyaksandr\u2029Lukashenka"),
        ("Alexander\u202fLukashenko", "Alyaksandr\u202fLukashenka"),
        ("Luka\u00a0shenko", "Luka\u00a0shenko"),
        ("Luka\u2028shenko", "Luka\u2028shenko"),
        ("Kiev\u2029Kiev", "Kyiv\u2029Kyiv"),
    ],
)
def test_separators_in_and_around_names(text: str, expected: str) -> None:
    assert _check_all(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Viktor\u00ad Lukashenko", "Viktor\u00ad Lukashenko"),
        ("Viktor \u200bLukashenko", "Viktor \u200bLukashenko"),
        ("Viktor\u200e Lukashenko", "Viktor\u200e Lukashenko"),
        ("Viktor \u200fLukashenko", "Viktor \u200fLukashenko"),
        ("\u2066Viktor\u2069 Lukashenko", "\u2066Viktor\u2069 Lukashenko"),
        ("Chicken \u200eKiev", "Chicken \u200eKiev"),
        ("Odessa,\u200e Texas", "Odessa,\u200e Texas"),
        ("Alexander\u200e Lukashenko", "Alyaksandr Lukashenka"),
    ],
    ids=repr,
)
def test_context_rules_see_through_invisible_characters(text: str, expected: str) -> None:
    assert _check_all(text) == expected


@pytest.mark.parametrize("tail", ["\u20d0", "\u0301\u20d0A", "\u0903", "\u0301"])
def test_a_mention_does_not_depend_on_a_distant_invisible_character(tail: str) -> None:
    """A combining mark after a name: whether the replacement keeps it, and whether a
    second pass changes the result, must not depend on a soft hyphen elsewhere."""
    text = f"Kyrylo Budanov{tail} and Kiev{tail} y"
    assert N.normalize("\u00ad\n" + text) == "\u00ad\n" + N.normalize(text)
    _check_all(text)
    _check_all("\u00ad\n" + text)


def test_decomposed_forms_are_found_like_composed() -> None:
    """The README: composed and decomposed (NFD) input both match."""
    missed = []
    for form in DISPLAY:
        composed = [m.entity for m in N.find(unicodedata.normalize("NFC", form))]
        decomposed = [m.entity for m in N.find(unicodedata.normalize("NFD", form))]
        if composed != decomposed:
            missed.append(form)
    assert missed == []


# ------------------------------------------------------------ linear work (counted, not timed)


def _work(fn: Callable[[str], Any], text: str) -> int:
    """Lines of translit's code executed by fn(text): deterministic, unlike a timing."""
    count = 0
    prefix = str(SRC)

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return local

    def start(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(prefix) else None

    fn(text)  # warm-up: imports, caches
    sys.settrace(start)
    try:
        fn(text)
    finally:
        sys.settrace(None)
    return count


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "prose": (_prose, 100),
    "mentions": (lambda n: "Kiev " * n, 500),
    "prefixes of a variant": (lambda n: "Lukashenk " * n, 500),
    "given names": (lambda n: "Alexander " * n, 500),
    "ambiguous forms": (lambda n: "Kalinowski " * n, 500),
    "soft hyphens": (lambda n: "Kiev\u00ad " * n, 500),
    "scripts": (lambda n: "Kiev \u041a\u0438\u0435\u0432 " * n, 500),
    "fences": (lambda n: "```\nKiev\n" * n, 500),
    "combining storm": (lambda n: "Kiev" + "\u0301" * n + " Kiev", 5000),
    "space runs": (lambda n: ("Kalinowski" + " " * 50) * n, 200),
    "paths without whitespace": (lambda n: "Kiev/" * n, 1000),
    "hyphen chain": (lambda n: "Kiev-" * n, 200),
    "apostrophe chain": (lambda n: "Kiev'" * n, 200),
    "inline code spans": (lambda n: "`a` Kiev " * n, 300),
    "unpaired backticks": (lambda n: "`x Kiev " * n, 300),
}


@pytest.mark.parametrize("method", ["normalize", "canonical"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_work_grows_linearly(shape: str, method: str) -> None:
    make, size = SHAPES[shape]
    fn = getattr(N, method)
    small, large = _work(fn, make(size)), _work(fn, make(2 * size))
    assert large <= 2.3 * small + 1000, f"{shape}: {small} -> {large} lines ({large / small:.2f}x)"


# ------------------------------------------------------------------------------ properties


@given(TEXTS)
def test_hostile_text_invariants(text: str) -> None:
    _check(text)
    found = N.canonical(text)
    assert found is None or isinstance(found, str)


@given(TEXTS, st.sampled_from(N.styles))
def test_hostile_text_idempotent(text: str, style: str) -> None:
    once = _check(text, style=style)
    assert N.normalize(once, style=style) == once


@given(st.lists(st.one_of(st.text(ANY_CHAR, max_size=20), SURROGATES, FORMS), max_size=12))
def test_random_unicode_and_surrogates(pieces: list[str]) -> None:
    text = "".join(pieces)
    once = _check(text)
    assert N.normalize(once) == once
    for piece in pieces:
        N.canonical(piece)


@given(st.lists(st.tuples(st.booleans(), PIECES), max_size=20))
def test_protected_regions_are_never_touched(items: list[tuple[bool, str]]) -> None:
    spans: list[tuple[int, int]] = []
    text = ""
    for protect, piece in items:
        if protect:
            piece = PROTECTED[len(piece) % len(PROTECTED)]
            text += " "
            spans.append((len(text), len(text) + len(piece)))
            text += piece + " "
        else:
            text += piece
    _check(text)
    for m in N.find(text):
        assert not any(s < m.end and m.start < e for s, e in spans), (m, text)


@given(FORMS, st.sampled_from(DROPPED), st.integers(0, 99))
def test_a_dropped_character_inside_a_form_changes_nothing(form: str, char: str, at: int) -> None:
    spoiled = _spoil(form, char, at)
    before, after = N.find(form), N.find(spoiled)
    assert [m.entity for m in after] == [m.entity for m in before]
    assert N.canonical(spoiled) == N.canonical(form)
    if len(before) == 1 and before[0].text == form and before[0].changed:
        assert N.normalize(spoiled) == N.normalize(form)


@given(TEXTS)
def test_an_invisible_prefix_changes_nothing_after_it(text: str) -> None:
    prefix = "\u00ad\n"  # forces the offset-mapping path of the fold; a line of its own
    assert N.normalize(prefix + text) == prefix + N.normalize(text)


@given(TEXTS, st.integers(min_value=1, max_value=50))
def test_streaming_hostile_text_equals_all_at_once(text: str, size: int) -> None:
    whole = N.normalize(text)
    # the stream's promise holds when a name and what decides it (up to its line's start,
    # for a code fence) fit in the context
    context = max(80, *(len(line) + 1 for line in text.split("\n")))
    for step in (1, 7, 64):
        chunks = [text[i : i + step] for i in range(0, len(text), step)]
        assert "".join(normalize_stream(N, chunks, size=size, context=context)) == whole


# ------------------------------------------------------------------- threads and processes

CONCURRENT_TEXTS = [
    *(ADVERSARIAL[k]() for k in ["surrogateescape", "bidi controls everywhere",
                                 "separators everywhere", "soft hyphens everywhere"]),
    _prose(200),
    "Lukashenko visited Kiev, said Svetlana Tikhanovskaya. " * 100,
    "Protesty w Mi\u0144sku i w Homlu. \u041b\u0443\u043a\u0430\u0448\u044d\u043d\u043a\u0456",
]  # fmt: skip


def _results(n: translit.Normalizer) -> list[Any]:
    out: list[Any] = []
    for text in CONCURRENT_TEXTS:
        for style in n.styles:
            out.append((n.find(text, style=style), n.normalize(text, style=style)))
        out.append(n.canonical(text[:60], style="en"))
    return out


@pytest.mark.slow
def test_eight_threads_at_once_equal_one() -> None:
    expected = _results(N)
    barrier = threading.Barrier(8)
    results: list[list[Any]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            results.append(_results(N))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 8 and all(r == expected for r in results)


@pytest.mark.slow
def test_default_normalizer_built_once_under_eight_threads() -> None:
    code = textwrap.dedent(
        """
        import threading, translit
        barrier = threading.Barrier(8)
        seen, out = [], []
        def work():
            barrier.wait()
            out.append(translit.normalize("Lukashenko in Kiev"))
            seen.append(id(translit._normalizer()))
        threads = [threading.Thread(target=work) for _ in range(8)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        assert out == ["Lukashenka in Kyiv"] * 8, out
        assert len(set(seen)) == 1, seen
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def _in_worker(n: translit.Normalizer) -> list[Any]:
    return _results(n)


@pytest.mark.slow
def test_worker_processes_equal_one_thread() -> None:
    expected = _results(N)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_in_worker, [N, N, translit.Normalizer(style="de"), N])
    assert results[0] == results[1] == results[3] == expected
    assert results[2] == expected  # the default style only changes the default


# ----------------------------------------------------------------------------------- tables

HOSTILE = yaml.safe_load((HERE / "cases" / "hostile_tables.yaml").read_text("utf-8"))


def _table_bytes(case: dict[str, Any]) -> bytes:
    text: str = case["table"]
    for token, (piece, count) in case.get("repeat", {}).items():
        text = text.replace(token, piece * count)
    return text.encode(case.get("encoding", "utf-8"), "surrogatepass")


_LOAD = """
import sys, translit
try:
    n = translit.Normalizer([sys.argv[1]], include_default=False)
except translit.TableError as e:
    print("TableError", e.line, str(e), sep="\\n")
else:
    print("OK")
"""


@pytest.mark.parametrize("case", HOSTILE, ids=[c["name"] for c in HOSTILE])
def test_hostile_table(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hostile_table(_expected(case, libyaml=hasattr(yaml, "CSafeLoader")), tmp_path, monkeypatch)


# Where PyYAML's pure-Python reader differs from libyaml, the outcome without libyaml.
WITHOUT_LIBYAML: dict[str, dict[str, Any]] = {
    # It builds the lone surrogate; the table's own check refuses the name.
    "a lone surrogate escape": {"line": 2, "message": "control character U+D800"},
    # It takes no tab as the space after a colon (libyaml does): the table is refused.
    "a tab after a colon is fine": {"line": 2, "message": "not valid YAML"},
}


@pytest.mark.parametrize("case", HOSTILE, ids=[c["name"] for c in HOSTILE])
def test_hostile_table_without_libyaml(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same cases with PyYAML's pure-Python loader, as where libyaml is missing.
    Its parser keeps no C stack, so the cases libyaml could crash on run in this
    process (the loader is patched here, not in a child)."""
    monkeypatch.setattr(yamlfile, "_Loader", yaml.SafeLoader)
    _hostile_table({**_expected(case, libyaml=False), "isolate": False}, tmp_path, monkeypatch)


def _expected(case: dict[str, Any], libyaml: bool) -> dict[str, Any]:
    """*case*, with the outcome of WITHOUT_LIBYAML where libyaml is not used."""
    different = None if libyaml else WITHOUT_LIBYAML.get(case["name"])
    if different is None:
        return case
    return {k: v for k, v in case.items() if k not in ("ok", "line", "message")} | different


def _hostile_table(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Load the table of *case*: refused as the case says (a TableError naming the
    file, the line and a fix; nothing cached), or loaded and normalizing as it says.
    A traceback of another kind, or a table accepted that should not be, fails."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(cache))
    path = tmp_path / "table.yaml"
    path.write_bytes(_table_bytes(case))
    if case.get("isolate"):  # libyaml may crash the process: load it in another one
        done = subprocess.run(
            [sys.executable, "-c", _LOAD, str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, f"the process died ({done.returncode}): {done.stderr[-500:]}"
        if "ok" in case:
            assert done.stdout.strip() == "OK", done.stdout
            return
        kind, line, message = done.stdout.split("\n", 2)
        assert kind == "TableError", done.stdout
        assert line == str(case["line"])
        assert case.get("message") is None or case["message"] in message
        return
    if "ok" in case:
        n = translit.Normalizer([path], include_default=case.get("include_default", False))
        for text, expected in (case["ok"] or {}).items():
            assert _check_all(text, n) == expected
        return
    with pytest.raises(translit.TableError) as info:
        translit.Normalizer([path], include_default=False)
    err = info.value
    assert err.path == str(path)
    assert err.line == case["line"], str(err)
    where = f"{path}:{err.line}" if err.line is not None else str(path)
    assert str(err).startswith(f"{where}: ")
    assert case.get("message") is None or case["message"] in str(err), str(err)
    assert err.fix
    assert not list(cache.glob("index-*")) and not list(cache.glob(".index-*"))


def test_table_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # sparse: nothing is written but the size
        handle.write(b"entities:\n")
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(translit.TableError, match=f"split it below {MAX_BYTES}") as info:
        translit.Normalizer([path], include_default=False)
    assert info.value.path == str(path) and info.value.line is None


def test_a_table_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """Also by the cache key, which reads the tables it names: a 1 GiB table cost 6 s
    and 1 GB of memory before it was refused."""
    import resource

    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # sparse: 1 GiB that takes no disk
        handle.truncate(1 << 30)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(translit.TableError, match=f"split it below {MAX_BYTES}"):
        translit.Normalizer([path], include_default=False)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000  # never read: not the gigabyte


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_table_that_is_no_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    """A named pipe used to hang normalize and validate, /dev/zero to fill the memory."""
    import os

    path = tmp_path / "aliases.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        os.symlink("/dev/zero", path)
    with pytest.raises(translit.TableError, match="not a regular file; name a YAML file"):
        translit.Normalizer([path], include_default=False)


def test_a_million_full_entities_are_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "million.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("entities:\n")
        for i in range(1_000_000):
            handle.write(f"  - {{id: e{i}, type: place, name: Place{i}, variants: {{en: [P{i}]}}}}")
            handle.write("\n")
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(translit.TableError, match="bytes"):
        translit.Normalizer([path], include_default=False)


_BOUNDED = """
import resource, sys
limit = 1 << 30
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import translit
try:
    translit.Normalizer([sys.argv[1]], include_default=False)
except translit.TableError as e:
    print("TableError", str(e)[-200:])
except MemoryError:
    print("MemoryError")
else:
    print("OK")
"""


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["block", "flow"])
def test_a_million_entities_in_a_small_file_are_refused_in_bounded_memory(
    tmp_path: Path, shape: str
) -> None:
    """Under MAX_BYTES, yet over MAX_ENTITIES: refused within 1 GiB of address space."""
    path = tmp_path / "million.yaml"
    if shape == "block":
        path.write_text("entities:\n" + "".join(f"- {{id: e{i}}}\n" for i in range(1_000_000)))
    else:
        path.write_text("entities: [" + "a," * (MAX_BYTES // 2 - 16) + "a]\n")
    assert path.stat().st_size <= MAX_BYTES
    done = subprocess.run(
        [sys.executable, "-c", _BOUNDED, str(path)], capture_output=True, text=True
    )
    assert done.stdout.startswith("TableError"), (done.stdout, done.stderr[-300:])
    assert "split the table" in done.stdout


@pytest.mark.slow  # compiles 100,000 variants
def test_100000_variants_on_one_entity(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    lines = ["entities:", "  - id: wide", "    type: place", "    name: Wideplace", "    variants:"]
    lines += ["      en:"] + [f"        - Wv{i:06d}q" for i in range(100_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n = translit.Normalizer([path], include_default=False)
    assert n.normalize("Wv000000q. Wv099999q. Wv100000q.") == (
        "Wideplace. Wideplace. Wv100000q."
    )
    assert sum(1 for _ in n.variants()) == 100_001


def test_form_of_the_maximum_length_is_accepted(tmp_path: Path) -> None:
    form = "Q" + "x" * (MAX_FORM_LENGTH - 1)
    path = tmp_path / "t.yaml"
    path.write_text(f"entities:\n  - {{id: q, type: place, name: Qq, variants: {{en: [{form}]}}}}")
    assert translit.Normalizer([path], include_default=False).normalize(form) == "Qq"


def test_limits_are_what_the_docs_say() -> None:
    page = (HERE.parent / "docs" / "names.md").read_text("utf-8")  # "The alias table"
    assert f"nesting is limited to {MAX_DEPTH} levels" in page
    assert f"a form to {MAX_FORM_LENGTH} characters" in page
    assert f"a file to {MAX_BYTES // (1 << 20)} MB" in page


GOOD = "entities:\n  - {id: brest, type: place, name: Brest, variants: {pl: [Brze\u015b\u0107]}}\n"
BAD = "entities:\n  - {id: hrodna, type: place, name: Hrodna, variants: {ru: [Brze\u015b\u0107]}}\n"


def test_a_failed_constructor_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(cache))
    monkeypatch.delenv("TRANSLIT_NO_CACHE", raising=False)
    good, bad, broken = tmp_path / "good.yaml", tmp_path / "bad.yaml", tmp_path / "broken.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")  # claims Brześć too: a conflict across files
    broken.write_text(GOOD + "  - {id: x, type: place, name: [unclosed\n", encoding="utf-8")
    before = translit.normalize("Lukashenko in Brze\u015b\u0107")  # may cache the bundled table
    entries = set(cache.iterdir()) if cache.exists() else set()
    for tables in ([good, bad], [good, broken], [broken], [bad, good, bad], [good, bad, good]):
        with pytest.raises(translit.TableError):
            translit.Normalizer(tables, include_default=False)
        assert (set(cache.iterdir()) if cache.exists() else set()) == entries
    assert translit.normalize("Lukashenko in Brze\u015b\u0107") == before
    n = translit.Normalizer([good], include_default=False)
    assert n.normalize("Brze\u015b\u0107 and Hrodna") == "Brest and Hrodna"
    assert [m.entity for m in n.find("Brze\u015b\u0107 Hrodna Brest")] == ["brest", "brest"]
    assert len(set(cache.glob("index-*.pickle")) - entries) == 1


# ------------------------------------------------------------------------------------ cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRANSLIT_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _two_tables(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(
        "entities:\n  - {id: hrodna, type: place, name: Hrodna, variants: {ru: [Grodno]}}\n",
        encoding="utf-8",
    )
    return a, b


def _entry_of(cache: Path, table: Path) -> Path:
    before = set(cache.glob("index-*.pickle")) if cache.exists() else set()
    translit.Normalizer([table], include_default=False)
    (entry,) = set(cache.glob("index-*.pickle")) - before
    return entry


def _well_formed_entry(model: Path, value: object) -> bytes:
    """An entry in the cache's own file format (its magic line, a correct checksum)."""
    assert model.read_bytes().startswith(_MAGIC)  # the format frame writes
    return frame(pickle.dumps(value))


@pytest.mark.parametrize("keyed", [False, True], ids=["bare", "with its key"])
@pytest.mark.parametrize("value", [{"styles": ("en",)}, 42], ids=["dict", "int"])
def test_entry_holding_another_object_is_rebuilt(
    cache: Path, tmp_path: Path, value: Any, keyed: bool
) -> None:
    _, b = _two_tables(tmp_path)
    entry = _entry_of(cache, b)
    key = entry.stem.removeprefix("index-")
    entry.write_bytes(_well_formed_entry(entry, (key, value) if keyed else value))
    assert translit.Normalizer([b], include_default=False).normalize("Grodno") == "Hrodna"


def test_entry_of_another_table_is_not_trusted(cache: Path, tmp_path: Path) -> None:
    a, b = _two_tables(tmp_path)
    entry_a, entry_b = _entry_of(cache, a), _entry_of(cache, b)
    entry_b.write_bytes(entry_a.read_bytes())  # a valid entry, under the wrong key
    n = translit.Normalizer([b], include_default=False)
    assert n.normalize("Grodno and Brze\u015b\u0107") == "Hrodna and Brze\u015b\u0107"


def test_entry_whose_pickle_cannot_load_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    _, b = _two_tables(tmp_path)
    entry = _entry_of(cache, b)
    assert entry.read_bytes().startswith(_MAGIC)  # the format frame writes
    payload = b"\x80\x04cno_such_module_here\nThing\n)\x81."  # a class that does not exist
    entry.write_bytes(frame(payload))
    assert translit.Normalizer([b], include_default=False).normalize("Grodno") == "Hrodna"


def test_entry_with_an_older_magic_line_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    _, b = _two_tables(tmp_path)
    entry = _entry_of(cache, b)
    magic, rest = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(magic[:-1] + b"0\n" + rest)  # "translit-index 0"
    assert translit.Normalizer([b], include_default=False).normalize("Grodno") == "Hrodna"
    assert entry.read_bytes().split(b"\n", 1)[0] == magic


def test_entry_of_an_older_version_is_never_read(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = _two_tables(tmp_path)
    entry_a = _entry_of(cache, a)
    with monkeypatch.context() as m:
        m.setattr(translit.version, "__version__", "0.0.1")
        old = _entry_of(cache, b)
    old.write_bytes(entry_a.read_bytes())  # the old version's entry is also poisoned
    n = translit.Normalizer([b], include_default=False)  # the current version's key
    assert n.normalize("Grodno and Brze\u015b\u0107") == "Hrodna and Brze\u015b\u0107"
    assert len(list(cache.glob("index-*.pickle"))) == 3


def test_entry_that_is_a_folder_is_survived(cache: Path, tmp_path: Path) -> None:
    _, b = _two_tables(tmp_path)
    entry = _entry_of(cache, b)
    entry.unlink()
    entry.mkdir()
    assert translit.Normalizer([b], include_default=False).normalize("Grodno") == "Hrodna"


def test_cache_folder_is_private(cache: Path, tmp_path: Path) -> None:
    _, b = _two_tables(tmp_path)
    _entry_of(cache, b)
    if os.name == "posix":
        assert cache.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("step", [1, 2, 4])
def test_block_nesting_by_indentation_is_refused_at_its_line(tmp_path: Path, step: int) -> None:
    lines = ["entities:"] + [" " * (step * d) + "a:" for d in range(1, 60)]
    path = tmp_path / "deep.yaml"
    path.write_text("\n".join(lines) + " x\n")
    with pytest.raises(translit.TableError, match=f"nested deeper than {MAX_DEPTH}") as info:
        translit.Normalizer([path], include_default=False)
    assert info.value.line is not None and MAX_DEPTH - 2 <= info.value.line <= MAX_DEPTH + 2
