"""The :class:`Normalizer`: a compiled table and the three things it does."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeGuard

from translit.compile.cache import cached, table_key
from translit.compile.index import Index
from translit.errors import TableError
from translit.match.general import match_whole
from translit.mention import Mention
from translit.scan import normalized, scan
from translit.tables.bundled import bundled_table_files
from translit.text.fold import fold_word

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["MAX_NAME", "Normalizer", "compile_table"]

MAX_NAME = 1000
"""Longest input ``canonical()`` considers a name, in characters."""


class Normalizer:
    """Recognizes the entities of its alias tables in text and writes their canonical forms.

    ``aliases``: paths of extra YAML alias tables (the README documents the
    schema); they merge with the default table unless ``include_default=False``.
    An entity id that appears again adds forms to the entity; a form claimed by
    two entities is a :class:`~translit.TableError` naming both places.

    ``places``: whether the default table holds the gazetteer (True, the
    default): every town of Belarus and Ukraine and their oblasts and voblasts,
    besides the bundled ``aliases.yaml`` (docs/places.md). False: ``aliases.yaml``
    alone, which starts about a third faster (41 ms against 60 for ``translit
    normalize``, warm).

    ``style``: the default output style: ``"en"``, or a style that a table
    defines (an entity without a form in that style falls back to ``en``).

    ``lang``: the language of the texts (``"en"``, ``"fr"`` ...; see
    :data:`translit.text.language.LANGUAGES`), or None (the default) to tell it per
    paragraph where a rule needs it: an adjective is rewritten only in text of the
    output style's language, and a form that is a case form in the text's
    language stays (see :mod:`translit.context`).

    ``replace_inflected``: an inflected mention (Łukaszenki, Тихановской,
    Homlu) is found and reported with ``inflected=True`` but left as written,
    since swapping in a nominative would break the sentence's grammar; set this
    to True to replace it anyway.

    The tables are compiled once, in the constructor. A Normalizer is then
    immutable: safe to share between threads and picklable, so pipelines can
    ship it to worker processes.

    >>> n = Normalizer()
    >>> n.normalize("Lukashenko visited Kiev-based reporters")
    'Lukashenka visited Kyiv-based reporters'
    >>> n.canonical("Svetlana Tikhanovskaya")
    'Sviatlana Tsikhanouskaya'

    Deliberately not done: a given name alone is never changed ("Alexander the
    Great"), and Cyrillic text stays Cyrillic (its mentions are found, not
    rewritten).
    """

    def __init__(
        self,
        aliases: Sequence[str | Path] = (),
        *,
        style: str = "en",
        include_default: bool = True,
        replace_inflected: bool = False,
        lang: str | None = None,
        places: bool = True,
    ) -> None:
        if isinstance(aliases, str) or _is_path(aliases):
            aliases = [aliases]
        paths: list[str | Path] = [*bundled_table_files(places)] if include_default else []
        paths += aliases
        try:
            key = table_key(paths, "")
        except (OSError, TableError):  # compiling it reports the error, with the line
            self._index = compile_table(paths)
        else:
            self._index = cached(
                key, lambda: compile_table(paths), Index, lambda *entry: _store(paths, *entry),
                lambda: _shipped(paths),
            )
        self._style = self._check_style(style)
        self._replace_inflected = replace_inflected
        self._lang: str | None = None
        self._lang = self._check_lang(lang)

    @property
    def style(self) -> str:
        """The default output style."""
        return self._style

    @property
    def styles(self) -> tuple[str, ...]:
        """Every style the tables define, ``en`` first."""
        return self._index.styles

    def _check_style(self, style: str | None) -> str:
        if style is None:
            return self._style
        if style not in self._index.styles:
            raise ValueError(f"unknown style {style!r}; use one of {', '.join(self.styles)}")
        return style

    def find(
        self, text: str, *, style: str | None = None, lang: str | None = None
    ) -> list[Mention]:
        """Every mention of a known entity in *text*, left to right: those rewritten,
        those already canonical, and those deliberately left as written (``left``
        says why). ``lang``: the language of *text*, or None to tell it per
        paragraph (each mention reports the language used).

        >>> [(m.text, m.replacement, m.entity) for m in Normalizer().find("Gomel. Гомель.")]
        [('Gomel', 'Homiel', 'homiel'), ('Гомель', 'Гомель', 'homiel')]
        >>> [(m.text, m.left) for m in Normalizer().find("Kyiv (Kiev) is big. Kiev is old.")]
        [('Kyiv', ''), ('Kiev', 'the text discusses the spelling'), ('Kiev', '')]
        """
        return scan(
            self._index, text, self._check_style(style), self._replace_inflected,
            self._check_lang(lang),
        )

    def normalize(
        self, text: str, *, style: str | None = None, lang: str | None = None
    ) -> str:
        """*text* with every mention rewritten to its canonical form; the rest
        byte-identical. ``lang`` as for :meth:`find`."""
        return normalized(
            self._index, text, self._check_style(style), self._replace_inflected,
            self._check_lang(lang),
        )

    def _check_lang(self, lang: str | None) -> str | None:
        if lang is None:
            return self._lang
        from translit.text.language import LANGUAGES

        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
        return lang

    def normalize_stream(
        self, chunks: Iterable[str], *, style: str | None = None
    ) -> Iterator[str]:
        """:meth:`normalize` for text of any size, given in chunks (a file object works):
        yields the output in pieces, in bounded memory (see :mod:`translit.stream`).

        >>> "".join(Normalizer().normalize_stream(["Lukashenko in Ki", "ev"]))
        'Lukashenka in Kyiv'
        """
        from translit.stream import normalize_stream

        return normalize_stream(self, chunks, style=self._check_style(style))

    def canonical(self, name: str, *, style: str | None = None) -> str | None:
        """The canonical form of *name* given alone; None when it is not one known entity.

        Accepted: a full name, a surname alone, a place, in any script and case,
        inflected or not (the nominative canonical is returned); the surname
        first ("LUKASHENKA Aliaksandr", "Lukashenka, Alyaksandr", as sanctions
        lists write it); initials ("A. Lukashenko" gives the full canonical name
        when the initial fits one of the person's given names). Unlike
        ``normalize``, forms the table marks ambiguous are accepted, since the
        caller says it is a name.

        >>> n = Normalizer()
        >>> n.canonical("Лукашэнкі"), n.canonical("LUKASHENKA Aliaksandr"), n.canonical("Minsky")
        ('Lukashenka', 'Alyaksandr Lukashenka', None)
        >>> n.canonical("V. Zelensky"), n.canonical("V. Lukashenko")
        ('Volodymyr Zelenskyy', None)
        """
        chosen = self._check_style(style)
        if len(name) > MAX_NAME:
            return None
        for candidate in _spellings(name):
            found = self._canonical(candidate, chosen)
            if found is not None:
                return found
        return None

    def _canonical(self, name: str, style: str) -> str | None:
        chosen = style
        words = name.replace(",", " ").split()
        if not words:
            return None
        whole = match_whole(self._index, " ".join(words)) if len(words) > 1 else None
        if whole is not None:  # a name whose last word is short (Часів Яр), not an initial
            target, _ = whole
            return self._index.entities[target.entity].canonical(target.part, chosen)
        first = 0
        while first < len(words) - 1 and _is_initial(words[first]):
            first += 1
        last = len(words)
        while last - first > 1 and _is_initial(words[last - 1]):
            last -= 1
        initials = words[:first] + words[last:]
        words = words[first:last]
        orders = [words] if len(words) < 2 else [words, [*words[1:], words[0]]]
        for order in orders:
            found = match_whole(self._index, " ".join(order))
            if found is None:
                continue
            target, _ = found
            info = self._index.entities[target.entity]
            if not initials:
                return info.canonical(target.part, chosen)
            letters = {fold_word(i)[0] for i in initials}
            if target.part == "surname" and letters <= info.initials:
                return info.canonical("full", chosen)
            return None
        return None

    def variants(self) -> Iterator[tuple[str, str, str]]:
        """Every (folded form, entity id, reason) the compiled table matches."""
        reasons = self._index.reasons
        for words, targets in self._index.phrases.items():
            for target in targets:
                yield " ".join(words), target.entity, reasons[target.reason_number]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._index, self._style, self._replace_inflected, self._lang))


def _is_path(value: object) -> TypeGuard[Path]:
    """Whether *value* is a :class:`~pathlib.Path`, without importing pathlib (3 ms of
    start-up): a Path exists only once pathlib is imported."""
    pathlib = sys.modules.get("pathlib")
    return pathlib is not None and isinstance(value, pathlib.Path)


def _restore(
    index: Index, style: str, replace_inflected: bool, lang: str | None = None
) -> Normalizer:
    normalizer = Normalizer.__new__(Normalizer)
    normalizer._index = index
    normalizer._style = style
    normalizer._replace_inflected = replace_inflected
    normalizer._lang = lang
    return normalizer


def _store(paths: Sequence[str | Path], path: str, key: str, index: Index) -> None:
    """Save a compiled table in the cache (imported after a build only), unless one of
    its *paths* changed while it was compiled: the entry would hold the old table under
    the key of the old content, and a later edit back would be served it."""
    from translit.compile.cachestore import save

    try:
        if table_key(paths, "") != key:
            return
    except (OSError, TableError):
        return
    save(path, key, index)


def _shipped(paths: Sequence[str | Path]) -> object:
    """The default table as the wheel ships it compiled, when *paths* are the default
    table's and it was built from the files installed (:mod:`translit.shipped`,
    imported on a cache miss only); else None."""
    from translit.shipped import load

    return load([str(path) for path in paths], "")


def compile_table(paths: list[str | Path]) -> Index:
    """Load, validate, generate and compile: the slow path the cache saves."""
    from translit.compile.compiler import build_index
    from translit.compile.former import add_former
    from translit.compile.variants import add_generated, add_rewritten
    from translit.outputs import check_outputs
    from translit.tables.aliases import load_tables
    from translit.tables.given_names import given_names

    tables = load_tables(paths)
    given = given_names()
    entities = add_former(add_rewritten(add_generated(tables.entities, given)))
    index = build_index(entities, ["en", *tables.styles], given, tables.negatives)
    check_outputs(index, entities)
    return index


def _is_initial(word: str) -> bool:
    """A. or A or A.G. or Ал."""
    letters = word.replace(".", "")
    return bool(letters) and letters.isalpha() and (len(letters) <= 2 or word.endswith("."))


_EDGE_PUNCTUATION = "\"'“”‘’«»„()[]{}.,;:!?ʹʼ′"
_APOSTROPHES = "'’ʼ"


def _spellings(name: str) -> list[str]:
    """*name*, then without surrounding punctuation, an apostrophe suffix or a genitive -s."""
    stripped = name.strip().strip(_EDGE_PUNCTUATION).strip()
    result = [name, stripped]
    last = stripped.rsplit(None, 1)[-1] if stripped else ""
    for mark in _APOSTROPHES:
        head, sep, tail = last.rpartition(mark)
        if sep and head and tail.isalpha() and len(tail) <= 4:
            result.append(stripped[: len(stripped) - len(tail) - 1])
    if last.endswith("s") and len(last) > 4:
        result.append(stripped[:-1])
    return result
