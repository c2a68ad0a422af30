"""Protected spans per file type, and suppression comments (tests/cases/markup.yaml)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

import translit
from translit.cli.runner import Job, fix_text
from translit.documents import markup
from translit.documents.markup import kind_of, merge, protected_spans
from translit.text import protect

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "markup.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_markup_case(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    fixed, mentions = fix_text(normalizer, case["input"], case["kind"], Job())
    assert fixed == case.get("expected", case["input"])
    assert translit.apply_mentions(case["input"], mentions) == fixed


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_spans_are_sorted_merged_and_inside_the_text(case: dict[str, Any]) -> None:
    text = case["input"]
    spans = protected_spans(text, case["kind"])
    assert spans == merge(spans)
    assert all(0 <= start < end <= len(text) for start, end in spans)


def _protected(text: str, kind: str) -> list[str]:
    return [text[start:end] for start, end in protected_spans(text, kind)]


def test_rst_hyperlink_protects_only_the_target() -> None:
    text = "`Kiev <https://example.org/>`_ and :ref:`Kiev <kyiv-page>` and :strong:`Kiev`"
    assert _protected(text, "rst") == ["`", "<https://example.org/>`_", ":ref:`", "<kyiv-page>`",
                                       ":strong:`"]  # fmt: skip


def test_markdown_link_title_and_target_are_one_span() -> None:
    assert _protected('[Kiev](/kiev "Kiev")', "markdown") == ['(/kiev "Kiev")']


def test_front_matter_protects_keys_and_other_values() -> None:
    text = "---\ntitle: Kiev\nslug: kiev\n---\nbody"
    assert _protected(text, "markdown") == ["---\ntitle: ", "\nslug: kiev\n---\n"]


def test_toml_front_matter() -> None:
    text = '+++\ntitle = "Kiev"\nslug = "kiev"\n+++\nKiev'
    assert _protected(text, "markdown") == ["+++\ntitle = ", '\nslug = "kiev"\n+++\n']


def test_suppression_in_other_comment_syntaxes() -> None:
    for line in ("-- translit: ignore", "% translit: ignore", "/* translit: ignore */",
                 "; translit: ignore", "x = 1  // translit: ignore"):  # fmt: skip
        text = f"Kiev {line}\nKiev\n"
        assert _protected(text, "plain") == [f"Kiev {line}\n"], line


def test_crlf_lines_are_whole_lines() -> None:
    text = "a\r\n# translit: ignore-next-line\r\nKiev\r\nKiev"
    assert _protected(text, "plain") == ["Kiev\r\n"]


def test_kind_of() -> None:
    names = ("a.MD", "b.markdown", "c.mdx", "d.rst", "e.txt", "Makefile", "f.py", "g.json", "h")
    assert [kind_of(p) for p in names] == [
        "markdown", "markdown", "markdown", "rst", "plain", "code", "code", "code", "plain"
    ]  # fmt: skip


_URLISH = st.sampled_from(
    ["http://", "HTTPS://", "git+ssh://", "://", "www.", "WwW.", "mailto:", "MAİLTO:",
     "maılto:", "ſftp://", "\u212aa://", "a" * 21, "x", "kiev", ".ua", "/", " ", "\n",
     "\u00a0", "<", ">", "'", '"', "`", "(sic)", "[SİC!]", "(ſic]", "(", "[", "é", "ı"]
)  # fmt: skip


@given(st.lists(_URLISH, max_size=25).map("".join))
@example("see " + "a" * 21 + "://x.org and " + "b" * 22 + "://y.org or MAıLTO:me")
def test_urls_and_sics_are_found_as_by_one_search(text: str) -> None:
    """The searches that start at marks (``://``, brackets) find what one search of the
    whole text finds."""
    assert markup.urls(text) == [m.span() for m in markup._URL.finditer(text)]
    assert sorted(m.span() for m in markup._sics(text)) == [
        m.span() for m in markup._SIC.finditer(text)
    ]


# The definition of Markdown code that protect.code_spans implements in one linear pass:
# fence lines by one multi-line search, inline code by one search of the whole text.
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")


def _code_by_search(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    opener: re.Match[str] | None = None
    for match in _FENCE_LINE.finditer(text):
        if opener is None:
            opener = match
        elif (
            match.group(1)[0] == opener.group(1)[0]
            and len(match.group(1)) >= len(opener.group(1))
            and match.group(0).strip() == match.group(1)
        ):
            spans.append((opener.start(), match.end()))
            opener = None
    if opener is not None:
        spans.append((opener.start(), len(text)))
    fences = list(spans)
    spans += [
        m.span() for m in _INLINE_CODE.finditer(text)
        if not any(a < m.end() and m.start() < b for a, b in fences)
    ]  # fmt: skip
    return sorted(spans)


_RUN = re.compile(r"`(`*)(?:[^`\n]+`\1(?!`))?")
"""A run of backticks and, when the next run of its line has its length, up to that run
(the match ends where group 1 ends when the run is alone)."""


@given(st.lists(st.sampled_from(["`", "``", "```", " ", "\n", "a", "Kiev", "x y", "“"]),
                max_size=40).map("".join), st.integers(0, 50), st.integers(0, 50))  # fmt: skip
def test_backtick_runs_pair_as_the_pattern_does(text: str, begin: int, end: int) -> None:
    """The runs of backticks, found with searches for one character, pair as the pattern
    of a run and the next one of its length on its line pairs them, between any two
    offsets."""
    from translit.text.protect import _backtick_runs

    begin, end = min(begin, len(text)), min(max(begin, end), len(text))
    expected = [(m.start(), m.end(), m.end(1)) for m in _RUN.finditer(text, begin, end)]
    assert _backtick_runs(text, begin, end) == expected


_CODEISH = st.sampled_from(["`", "``", "```", "````", "~~~", "~~~~", " ", "   ", "\n", "\r\n",
                            "a", "Kiev", "x y", "\t", "~", "py"])


@given(st.lists(_CODEISH, max_size=40).map("".join))
@example("a ``x ` y`` b `z`\n```\n`q`\n```")
@example("  ```py\nKiev\n   ```` \nKiev `a` ``")
@example("    ```\n`Kiev`")
@example("x ` `a` b` ``c`` `\n`d`` e`")  # lone runs: a later run of their length closes them
@example("`` `a` ``b`` ``` c `` `")
@example("a\n~~~\n`Kiev`\n~~~~\n`x`` y`` `z`")
def test_code_spans_are_those_of_the_regular_expressions(text: str) -> None:
    """The linear scan of backtick and tilde runs finds the code that the two searches
    of the whole text define."""
    assert protect.code_spans(text) == _code_by_search(text)


_ADDRESSISH = st.sampled_from(["kiev", "Kiev", " ", "://", "http", "@", "/", ".", "-", "(", ")",
                               "'", '"', "«", "x", "\n", "#", ":", "d'", "_", "\u00a0", "'s"])


@given(st.lists(_ADDRESSISH, max_size=40).map("".join))
@example("mail kiev@example.org or see (https://kiev.ua/x) now, @kiev's d'kiev://x")
def test_address_tokens_are_technical_wherever_a_name_is_in_them(text: str) -> None:
    """The tokens ``outside_long_tokens`` masks as URLs, addresses and handles are those
    (runs between stops) with a ``://`` or an ``@``, and every word start in one is a
    technical token to the per-hit check, never in plain surroundings: masking the
    hits there changes no mention."""
    from translit.match.checks import plain_surroundings

    key = text.lower()
    token = re.compile("[^" + re.escape(protect.STOPS) + "]+")
    assert protect.address_tokens(key) == [
        m.span() for m in token.finditer(key) if "://" in m.group() or "@" in m.group()
    ]
    for begin, end in protect.address_tokens(key):
        for at in range(begin, end):
            if key.startswith("kiev", at) and not (at and key[at - 1].isalnum()):
                assert protect.in_technical_token(key, at, at + 4), (key, at)
                assert not plain_surroundings(key, at, at + 4), (key, at)


@given(st.lists(st.sampled_from(["x" * 7, "y" * 130, "z" * 499, "w" * 501, " ", "\n", "(", ")",
                                 "\t", '"', "«", "-", "/"]), max_size=40).map("".join))  # fmt: skip
def test_long_runs_are_the_expressions(text: str) -> None:
    """The runs of many characters without a stop, found from the stretches with no
    space and no line break, are those the expression finds reading every character."""
    stops = re.escape(protect.STOPS)
    for shortest in (protect.MAX_TOKEN + 1, 1000, 7):
        pattern = re.compile(f"(?<![^{stops}])[^{stops}]{{{shortest},}}")
        assert protect.long_runs(text, shortest) == [m.span() for m in pattern.finditer(text)]


@given(st.lists(st.sampled_from(["kiev", "Kiev", "-", "'", ".", ",", "+", "x" * 97, " ", "\n",
                                 "(", "/", "y" * 400]), max_size=40).map("".join))  # fmt: skip
def test_hits_in_long_runs_are_technical(text: str) -> None:
    """Every word start in a run of more than MAX_TOKEN characters without a stop is a
    technical token to the per-hit check, never in plain surroundings: masking the hits
    there changes no mention."""
    from translit.match.checks import plain_surroundings

    key = text.lower()
    for begin, end in protect.long_runs(key, protect.MAX_TOKEN + 1):
        for at in range(begin, end):
            if key.startswith("kiev", at) and not (at and key[at - 1].isalnum()):
                assert protect.in_technical_token(key, at, at + 4), (key, at)
                assert not plain_surroundings(key, at, at + 4), (key, at)


_HITS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=30)


@given(st.lists(_CODEISH, max_size=40).map("".join), _HITS)
@example("Kiev `Kiev` ``Kiev``", [(0, 4), (5, 4), (6, 4), (11, 6), (13, 4)])
def test_outside_code_drops_the_hits_that_touch_code(
    text: str, hits: list[tuple[int, int]]
) -> None:
    """The mask drops a hit when some code span overlaps it, with or without an offset
    map, whatever the order of the hits (the general path passes overlapping ones)."""
    code = protect.code_spans(text)
    found = [(k, start, start + size) for k, (start, size) in enumerate(hits)
             if start + size <= len(text)]  # fmt: skip
    assert protect.outside_code(text, None, found) == [
        hit for hit in found if not any(a < hit[2] and hit[1] < b for a, b in code)
    ]
    offsets = list(range(len(text)))  # one character for one: the same hits go
    assert protect.outside_code(text, offsets, found) == protect.outside_code(text, None, found)
