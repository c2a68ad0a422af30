"""Read and validate one romanization scheme file (``src/translit/data/schemes/<id>.yaml``).

A scheme file is data only: its letter table, its context rules (in the rule
language of the language files' transcriptions: docs/data-format.md, "The rule
language"), where the system comes from and its official examples. This module
turns one file into a checked :class:`SchemeTable`; :mod:`translit.romanize`
compiles tables into a fast engine. Any problem raises
:class:`~translit.errors.TableError` naming the file, the line and the fix.

>>> from translit.tables.schemes import SCHEMES_DIR, load_table
>>> table = load_table(SCHEMES_DIR / "uk-national.yaml")
>>> table.language, table.letters["щ"], table.rules[0].letters
('uk', 'shch', 'г')
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from translit.errors import TableError
from translit.tables.schema import APOSTROPHES, SCHEME, TOKENS, check_id, read_checked
from translit.tables.yamlfile import Map, Seq

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = [
    "APOSTROPHES",
    "SCHEMES_DIR",
    "TOKENS",
    "Rule",
    "SchemeTable",
    "load_table",
    "scheme_ids",
]

SCHEMES_DIR: Traversable = files("translit") / "data" / "schemes"
@dataclass(frozen=True)
class Rule:
    """A contextual romanization: ``letters`` (lowercase) become ``latin`` (one per letter:
    the file's ``each``, or its ``latin`` followed by empty outputs).

    ``after``/``before`` hold lowercase letters and tokens (``word_start``,
    ``word_end``, ``apostrophe``), classes expanded; an empty set means "anything".
    """

    letters: str
    latin: tuple[str, ...]
    after: frozenset[str]
    before: frozenset[str]


@dataclass(frozen=True)
class SchemeTable:
    """The validated content of one scheme file."""

    id: str
    path: str
    name: str
    language: str
    default: bool
    description: str
    document: str
    date: str
    source: str
    letters: dict[str, str]
    title_case: dict[str, str]
    apostrophe: str | None
    rules: tuple[Rule, ...]
    samples: tuple[tuple[str, str], ...]


def scheme_ids(directory: Traversable | Path = SCHEMES_DIR) -> list[str]:
    """Sorted ids of the scheme files in ``directory`` (files not starting with ``_``).

    >>> "uk-national" in scheme_ids()
    True
    """
    return sorted(p.name[:-5] for p in directory.iterdir()
                  if p.name.endswith(".yaml") and not p.name.startswith("_"))


def load_table(path: Traversable | Path) -> SchemeTable:
    """Read ``path``, check it against :data:`~translit.tables.schema.SCHEME` and what
    its parts say of each other; raise TableError, at the line, if it is malformed."""
    where = str(path)
    data = read_checked(path, SCHEME, where)
    check_id(data, Path(where).name, where)
    classes = {name: frozenset(members) for name, members in data.get("classes", {}).items()}
    letters: dict[str, str] = dict(data["letters"])
    raw_rules = data.get("rules", Seq.empty())
    rules = tuple(_rule(where, raw, line, classes, letters)
                  for raw, line in zip(raw_rules, raw_rules.lines, strict=True))
    samples = tuple((cyrillic, latin) for cyrillic, latin in data["samples"])
    if not samples:
        raise TableError(where, data.lines["samples"], "no samples",
                         "add the system's official examples under 'samples:'")
    return SchemeTable(data["id"], where, data["name"], data["language"],
                       data.get("default", False), data["description"], data["document"],
                       data["date"], data["source"], letters, dict(data.get("title_case", {})),
                       data.get("apostrophe"), rules, samples)


def _rule(where: str, raw: Map, line: int, classes: dict[str, frozenset[str]],
          letters: dict[str, str]) -> Rule:
    """One rule, checked by the schema, whose letters and outputs must fit the letters."""
    source: str = raw["letters"]
    missing = [c for c in source if c not in letters]
    if missing:
        raise TableError(where, line, f"rule letter {missing[0]!r} is not in 'letters'",
                         f"add '{missing[0]}: ...' to the letter table")
    if "latin" in raw:
        outputs = (raw["latin"],) + ("",) * (len(source) - 1)
    elif len(raw["each"]) == len(source):
        outputs = tuple(raw["each"])
    else:
        count = f"{len(source)} letter" + "s" * (len(source) != 1)
        raise TableError(where, line,
                         f"rule for {source!r} ({count}) has each {list(raw['each'])!r}",
                         "give one output per letter in 'each:', or the whole output as "
                         "'latin:'")
    context = []
    for side in ("after", "before"):
        expanded: set[str] = set()
        for item in raw.get(side, ()):
            expanded |= classes.get(item, {item})
        context.append(frozenset(expanded))
    return Rule(source, outputs, context[0], context[1])
