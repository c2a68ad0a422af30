"""The quick YAML reader builds exactly what the careful one builds, or leaves the text to it.

Tables are read by :class:`translit.tables.yamlfile._QuickReader` straight from the
parser's events; anything that is not plain data within the limits goes to the
careful reader (check, compose, build), which names the line of any problem.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translit.errors import TableError
from translit.tables import yamlfile
from translit.tables.yamlfile import Map, Seq

PLAIN = [
    "",
    "# only a comment\n",
    "---\n",
    "x\n",
    "'quoted'\n",
    "a: 1\nb: x\n",
    "schema: 1\nentities:\n  - id: x\n    type: place\n    name: Xplace\n",
    "entities:\n  - {id: x, type: place, name: X, variants: {en: [A, 'B', \"C\"]}}\n",
    "a: yes\nb: No\nc: ~\nd: 1.5\ne: .inf\nf: 0x1F\ng: ''\nh:\nk: null\n",
    "- a\n- - b\n  - c\n-\n- {x: [1, {y: z}]}\n",
    "a: |\n  x\n  y\nb: >-\n  z\n",
    "%YAML 1.1\n---\na: 1\n...\n",
    "- " * 31 + "x\n",
    "[" * 32 + "]" * 32 + "\n",
]

UNUSUAL = [
    "a: &x 1\n",  # an anchor that nothing refers to: allowed, but read carefully
    "a: &x 1\nb: *x\n",
    "a: *x\n",
    "a: !!str 1\n",
    "a: !x 1\n",
    "a: ! b\n",
    "a: 2024-01-01\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "1: a\n",
    "? [a]\n: b\n",
    "a: 1\n---\nb: 2\n",
    "[a, b\n",
    "a: b: c\n",
    "a: " + "9" * 5000 + "\n",
    "- " * 33 + "x\n",
    "[" * 33 + "]" * 33 + "\n",
]


def _shape(value: Any) -> Any:
    """A value with the lines of its mappings and sequences, comparable with ==."""
    if isinstance(value, Map):
        items = [(key, value.lines[key], _shape(item)) for key, item in value.items()]
        return ("map", value.line, items, list(value.lines))
    if isinstance(value, Seq):
        return ("seq", value.line, value.lines, [_shape(item) for item in value])
    return (type(value).__name__, value)


def _outcome(load: Any, text: str) -> Any:
    try:
        return "ok", _shape(load(text, "t.yaml"))
    except TableError as exc:
        return "refused", str(exc)


@pytest.mark.parametrize("text", PLAIN)
def test_quick_reader_builds_what_the_careful_reader_builds(text: str) -> None:
    quick = yamlfile._QuickReader(text).document()
    assert _shape(quick) == _shape(yamlfile._careful_load(text, "t.yaml"))


@pytest.mark.parametrize("text", UNUSUAL)
def test_quick_reader_leaves_the_rest_to_the_careful_reader(text: str) -> None:
    with pytest.raises(yamlfile._Unusual):
        yamlfile._QuickReader(text).document()
    assert _outcome(yamlfile.load_text, text) == _outcome(yamlfile._careful_load, text)


def test_lines_name_where_each_value_starts() -> None:
    doc = yamlfile.load_text("a:\n  - x\n  -\n    k: v\nb: [c,\n  d]\n", "t.yaml")
    assert (doc.line, doc.lines) == (1, {"a": 1, "b": 5})
    assert doc["a"].lines == [2, 4] and doc["a"][1].line == 4
    assert doc["b"].lines == [5, 6]


_PIECES = st.sampled_from(
    ["a", "b", "Xy", "1", "yes", "~", "''", '"q"', ": ", "- ", "\n", "  ", "[", "]", "{", "}",
     ", ", "&a ", "*a", "!!str ", "!x ", "? ", "# c", "---\n", "|\n  t\n", "é", "\t"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_loads_as_the_careful_reader_loads_it(text: str) -> None:
    assert _outcome(yamlfile.load_text, text) == _outcome(yamlfile._careful_load, text)
