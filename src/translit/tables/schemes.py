"""Read and validate one romanization scheme file (``src/translit/schemes/<id>.yaml``).

A scheme file is data only: its letter table, its context rules, where the system
comes from and its official examples. This module turns one file into a checked
:class:`SchemeTable`; :mod:`translit.romanize` compiles tables into a fast engine.
Any problem raises :class:`~translit.errors.TableError` naming the file, the line
and the fix.

>>> from translit.tables.schemes import SCHEMES_DIR, load_table
>>> table = load_table(SCHEMES_DIR / "uk-national.yaml")
>>> table.language, table.letters["щ"], table.rules[0].letters
('uk', 'shch', 'г')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from translit.errors import TableError

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
#: Characters read as the Belarusian/Ukrainian apostrophe when they stand between two
#: Cyrillic letters (elsewhere they are punctuation and pass through).
APOSTROPHES = "'’ʼ´`‘"
#: Context items a rule may use besides letters and class names.
TOKENS = frozenset({"word_start", "word_end", "apostrophe"})
_KEYS = {"id", "name", "language", "default", "description", "document", "date", "source",
         "classes", "letters", "title_case", "apostrophe", "rules", "samples"}
_REQUIRED = ("id", "name", "language", "description", "document", "date", "source", "letters",
             "samples")
_RULE_KEYS = {"letter", "after", "before", "latin"}


@dataclass(frozen=True)
class Rule:
    """A contextual romanization: ``letters`` (lowercase) become ``latin`` (one per letter).

    ``after``/``before`` hold lowercase letters and tokens (``word_start``,
    ``word_end``, ``apostrophe``; an apostrophe character is read as the token); an
    empty set means "anything".
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


def _is_cyrillic_letter(ch: str) -> bool:
    return "CYRILLIC" in unicodedata.name(ch, "") and unicodedata.category(ch).startswith("L")


class _Checker:
    """Raises TableError for one file; finds line numbers by searching the text."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.lines = path, text.splitlines()

    def line(self, *needles: str) -> int | None:
        """The first line (1-based) containing all ``needles``, or None."""
        for number, text in enumerate(self.lines, 1):
            if all(n in text for n in needles):
                return number
        return None

    def fail(self, problem: str, fix: str, *needles: str) -> TableError:
        return TableError(self.path, self.line(*needles) if needles else None, problem, fix)

    def string(self, value: Any, what: str, *needles: str) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{what} is {value!r}, not a string", "quote it", *needles)
        return value

    def letter(self, value: Any, what: str, *needles: str) -> str:
        text = self.string(value, what, *needles)
        if not text or not all(_is_cyrillic_letter(c) and c == c.lower() for c in text):
            raise self.fail(f"{what} {text!r} is not lowercase Cyrillic letters",
                            "write the letters in lowercase Cyrillic", *needles)
        return text


def load_table(path: Traversable | Path) -> SchemeTable:
    """Read ``path`` with ``yaml.safe_load`` and validate it; raise TableError if malformed."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(where, None, f"cannot read the file ({exc})",
                         "make it a readable UTF-8 file") from exc
    check = _Checker(where, text)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TableError(where, mark.line + 1 if mark else None, f"invalid YAML ({exc})",
                         "fix the YAML syntax (quote values such as ' or :)") from exc
    if not isinstance(data, dict):
        raise check.fail("the file is not a mapping", "start with 'id: <scheme id>'")
    for key in data:
        if key not in _KEYS:
            raise check.fail(f"unknown key {key!r}", f"use only {sorted(_KEYS)}", f"{key}:")
    for key in _REQUIRED:
        if key not in data:
            raise check.fail(f"missing key {key!r}", f"add '{key}:' at the top level")
    stem = Path(where).name.removesuffix(".yaml")
    scheme_id = check.string(data["id"], "id", "id:")
    if scheme_id != stem:
        raise check.fail(f"id {scheme_id!r} differs from the file name {stem!r}",
                         f"name the file {scheme_id}.yaml or set 'id: {stem}'", "id:")
    for key in ("name", "language", "description", "document", "date", "source"):
        check.string(data[key], key, f"{key}:")
    if not isinstance(data.get("default", False), bool):
        raise check.fail("'default' is not true/false", "write 'default: true'", "default:")

    classes = _classes(check, data.get("classes") or {})
    letters = _mapping(check, data["letters"], "letters", check.letter)
    title_case = _mapping(check, data.get("title_case") or {}, "title_case", check.string)
    apostrophe = data.get("apostrophe")
    if apostrophe is not None:
        check.string(apostrophe, "apostrophe", "apostrophe:")
    rules = tuple(_rule(check, raw, classes, letters) for raw in _list(check, data, "rules"))
    samples = []
    for raw in _list(check, data, "samples"):
        if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(s, str) for s in raw)):
            needle = raw[0] if isinstance(raw, list) and raw and isinstance(raw[0], str) else "-"
            raise check.fail(f"sample {raw!r} is not a [cyrillic, latin] pair",
                             "write samples as '- [Київ, Kyiv]'", needle)
        samples.append((raw[0], raw[1]))
    if not samples:
        raise check.fail("no samples", "add the system's official examples under 'samples:'",
                         "samples:")
    return SchemeTable(scheme_id, where, data["name"], data["language"],
                       bool(data.get("default", False)), data["description"], data["document"],
                       data["date"], data["source"], letters, title_case, apostrophe, rules,
                       tuple(samples))


def _list(check: _Checker, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise check.fail(f"'{key}' is not a list", f"write each entry of '{key}' as '- ...'",
                         f"{key}:")
    return value


def _mapping(check: _Checker, raw: Any, key: str, check_key: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise check.fail(f"'{key}' is not a mapping", f"write '{key}:' entries as 'a: b'",
                         f"{key}:")
    out: dict[str, str] = {}
    for k, v in raw.items():
        name = check_key(k, f"{key} key", f"{k}:")
        if key == "letters" and len(name) != 1:
            raise check.fail(f"letters key {name!r} is not one letter",
                             "put letter sequences in 'rules:'", f"{k}:")
        out[name] = check.string(v, f"value of {k!r}", f"{k}:")
    return out


def _classes(check: _Checker, raw: Any) -> dict[str, frozenset[str]]:
    if not isinstance(raw, dict):
        raise check.fail("'classes' is not a mapping", "write 'classes:' as 'name: [a, b]'",
                         "classes:")
    out: dict[str, frozenset[str]] = {}
    for name, members in raw.items():
        if not (isinstance(name, str) and re.fullmatch("[a-z_]+", name)) or name in TOKENS:
            raise check.fail(f"class name {name!r} is not a plain name",
                             f"use a Latin name other than {sorted(TOKENS)}", f"{name}:")
        if not isinstance(members, list):
            raise check.fail(f"class {name!r} is not a list", f"write '{name}: [а, е, ...]'",
                             f"{name}:")
        out[name] = frozenset(check.letter(m, f"class {name!r} member", f"{name}:")
                              for m in members)
    return out


def _rule(check: _Checker, raw: Any, classes: dict[str, frozenset[str]],
          letters: dict[str, str]) -> Rule:
    if not isinstance(raw, dict) or "letter" not in raw or "latin" not in raw:
        raise check.fail(f"rule {raw!r} lacks 'letter' or 'latin'",
                         "write rules as '- {letter: є, after: [word_start], latin: ye}'",
                         str(raw)[:12])
    source = check.letter(raw["letter"], "rule letter", "letter:", str(raw["letter"]))
    needle = ("letter:", source)
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise check.fail(f"rule for {source!r} has unknown keys {sorted(unknown)}",
                         f"use only {sorted(_RULE_KEYS)}", *needle)
    missing = [c for c in source if c not in letters]
    if missing:
        raise check.fail(f"rule letter {missing[0]!r} is not in 'letters'",
                         f"add '{missing[0]}: ...' to the letter table", *needle)
    latin = raw["latin"]
    if isinstance(latin, str):
        outputs = (latin,) + ("",) * (len(source) - 1)
    elif isinstance(latin, list) and len(latin) == len(source):
        outputs = tuple(check.string(x, "rule latin", *needle) for x in latin)
    else:
        raise check.fail(f"rule for {source!r} has latin {latin!r}",
                         "give a string, or a list with one string per source letter", *needle)
    context = []
    for side in ("after", "before"):
        items = raw.get(side) or []
        if not isinstance(items, list):
            raise check.fail(f"'{side}' of rule {source!r} is not a list",
                             f"write '{side}: [vowels, ь]'", *needle)
        expanded: set[str] = set()
        for item in items:
            item = check.string(item, f"'{side}' item", *needle)
            if item in classes:
                expanded |= classes[item]
            elif item in APOSTROPHES:
                expanded.add("apostrophe")
            elif item in TOKENS or (len(item) == 1 and _is_cyrillic_letter(item)):
                expanded.add(item.lower())
            else:
                raise check.fail(f"'{side}' item {item!r} of rule {source!r} is unknown",
                                 f"use a letter, a class from 'classes:' or {sorted(TOKENS)}",
                                 *needle)
        context.append(frozenset(expanded))
    return Rule(source, outputs, context[0], context[1])
