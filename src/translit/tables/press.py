"""How each press language spells Cyrillic names: German Lukaschenko, French Loukachenko.

A language file in ``translit/languages/`` may have a ``transcription`` block:
its ``letters`` give, for each lowercase Cyrillic letter (and the apostrophe),
one spelling or a list of the spellings that language's press uses; its
``rules`` give spellings in context, first match wins::

    rules:
      - {letters: ий, before: [word_end], latin: [ij, i]}
      - {letters: е, after: [word_start, vowel, ь, ъ, "'"], latin: [je, e]}

``after`` and ``before`` name letters, classes from ``classes``, or the tokens
``word_start`` and ``word_end``. :func:`spellings` returns every combination of
the alternatives (at most :data:`MAX_SPELLINGS` per word, in a fixed order), in
lower case: the matcher folds case and diacritics anyway.

>>> de = load_press()["de"]
>>> "lukaschenko" in spellings("Лукашенко", de)
True
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from translit.errors import TableError
from translit.tables.yamlfile import Map, Seq, load_text

__all__ = ["MAX_SPELLINGS", "Press", "load_press", "spellings"]

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})

MAX_SPELLINGS = 64
"""Most spellings made of one word by one language."""


@dataclass(frozen=True)
class _Rule:
    letters: str
    after: frozenset[str]
    before: frozenset[str]
    latin: tuple[str, ...]


@dataclass(frozen=True)
class Press:
    """One language's transcription: default letters and ordered context rules."""

    id: str
    letters: dict[str, tuple[str, ...]]
    rules: tuple[_Rule, ...]
    samples: tuple[tuple[str, str], ...]
    alphabet: frozenset[str] = frozenset()
    """For a language written in Cyrillic (Bulgarian, Serbian): the letters its
    spellings use; empty for one written in Latin letters."""


@lru_cache(maxsize=1)
def load_press() -> dict[str, Press]:
    """Every language file's transcription, by language id."""
    result = {}
    folder = resources.files("translit") / "data" / "languages"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            name = f"languages/{entry.name}"
            doc = load_text(entry.read_text(encoding="utf-8"), name)
            if isinstance(doc, Map) and "transcription" in doc:
                result[str(doc["id"])] = _press(str(doc["id"]), doc["transcription"], name)
    return result


def _alternatives(value: Any, name: str, line: int) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) for v in values):
        raise TableError(name, line, f"spelling {value!r} is not text", "quote it")
    return tuple(values)


def _press(lang: str, block: Any, name: str) -> Press:
    if not isinstance(block, Map) or not isinstance(block.get("letters"), Map):
        raise TableError(name, 1, "'transcription' needs a 'letters' mapping", "add it")
    letters = {
        k: _alternatives(v, name, block["letters"].lines[k]) for k, v in block["letters"].items()
    }
    classes = {k: set(str(v)) for k, v in block.get("classes", {}).items()}

    def expand(items: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for item in items:
            out |= classes.get(item, {item})
        return frozenset(out)

    rules = []
    raw_rules = block.get("rules", Seq.empty())
    for rule, line in zip(raw_rules, raw_rules.lines, strict=True):
        if not isinstance(rule, Map) or not isinstance(rule.get("letters"), str):
            raise TableError(name, line, "a rule needs 'letters' and 'latin'", "fix the rule")
        rules.append(
            _Rule(
                rule["letters"],
                expand(rule.get("after", [])),
                expand(rule.get("before", [])),
                _alternatives(rule.get("latin"), name, line),
            )
        )
    samples = tuple((str(a), str(b)) for a, b in block.get("samples", []))
    return Press(lang, letters, tuple(rules), samples, frozenset(str(block.get("alphabet", ""))))


def _fits(tokens: frozenset[str], neighbour: str, edge: str) -> bool:
    if not tokens:
        return True
    return neighbour in tokens if neighbour else edge in tokens


def spellings(text: str, press: Press) -> list[str]:
    """Every spelling of Cyrillic *text* in *press*'s language, in lower case."""
    words = text.lower().translate(_APOSTROPHES).split(" ")
    per_word = [_word(w, press) for w in words]
    return [" ".join(combo) for combo in _combinations(per_word, 256)]


def _combinations(pieces: list[list[str]] | list[tuple[str, ...]], limit: int) -> list[list[str]]:
    """Combinations of one choice per piece, fewest departures from the first choices
    first, so that a limit cuts the rarest combinations, wherever they are."""
    multi = [j for j, p in enumerate(pieces) if len(p) > 1]
    found: list[list[str]] = []
    for k in range(len(multi) + 1):
        for where in itertools.combinations(multi, k):
            options = [p[1:] if j in where else p[:1] for j, p in enumerate(pieces)]
            for combo in itertools.product(*options):
                found.append(list(combo))
                if len(found) >= limit:
                    return found
    return found


def _word(word: str, press: Press) -> list[str]:
    pieces: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        for rule in press.rules:
            n = len(rule.letters)
            if (
                word.startswith(rule.letters, i)
                and _fits(rule.after, _letter(word, i - 1), "word_start")
                and _fits(rule.before, _letter(word, i + n), "word_end")
            ):
                pieces.append(rule.latin)
                i += n
                break
        else:
            pieces.append(press.letters.get(word[i], (word[i],)))
            i += 1
    return ["".join(p) for p in _combinations(pieces, MAX_SPELLINGS)]


def _letter(word: str, i: int) -> str:
    """The letter at *i*, or "" at a word edge (the ends, or a hyphen: Ростов-на-Дону)."""
    if 0 <= i < len(word) and (word[i].isalpha() or word[i] == "'"):
        return word[i]
    return ""
