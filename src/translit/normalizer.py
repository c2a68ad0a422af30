"""The :class:`Normalizer`: a compiled table and the three things it does."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .fold import fold_word
from .index import Index, build_index
from .matcher import scan
from .mention import Mention, apply_mentions
from .table import bundled_table_path, load_tables
from .yamlfile import load_text

__all__ = ["Normalizer"]


class Normalizer:
    """Recognizes the entities of its alias tables in text and writes their canonical forms.

    ``aliases``: paths of extra YAML alias tables (the README documents the
    schema); they merge with the bundled ``aliases.yaml`` unless
    ``include_default=False``. An entity id that appears again adds forms to
    the entity; a form claimed by two entities is a
    :class:`~translit.TableError` naming both places.

    ``style``: the default output style: ``"en"``, or a style that a table
    defines (an entity without a form in that style falls back to ``en``).

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
    ) -> None:
        if isinstance(aliases, (str, Path)):
            aliases = [aliases]
        paths = ([bundled_table_path()] if include_default else []) + list(aliases)
        entities, styles = load_tables(paths)
        self._index: Index = build_index(entities, ["en", *styles], _given_names())
        self._style = self._check_style(style)

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

    def find(self, text: str, *, style: str | None = None) -> list[Mention]:
        """Every mention of a known entity in *text*, left to right.

        >>> [(m.text, m.replacement, m.entity) for m in Normalizer().find("Gomel and Гомель")]
        [('Gomel', 'Homiel', 'homiel'), ('Гомель', 'Гомель', 'homiel')]
        """
        return scan(self._index, text, self._check_style(style))

    def normalize(self, text: str, *, style: str | None = None) -> str:
        """*text* with every mention rewritten to its canonical form; the rest byte-identical."""
        return apply_mentions(text, self.find(text, style=style))

    def canonical(self, name: str, *, style: str | None = None) -> str | None:
        """The canonical form of *name* given alone (a full name, a surname, a place ...).

        Returns None when *name* is not, as a whole, one known entity. Unlike
        ``normalize``, a name in another script gets the canonical form too,
        and an ambiguous form (one the table uses only in context) is accepted,
        since the caller says it is a name.

        >>> Normalizer().canonical("Лукашенко"), Normalizer().canonical("Minsky")
        ('Lukashenka', None)
        """
        chosen = self._check_style(style)
        stripped = name.strip()
        words = tuple(fold_word(stripped).split(" ")) if stripped else ()
        targets = self._index.phrases.get(words)
        if not targets:
            return None
        if len({t.entity for t in targets}) > 1:
            return None
        target = targets[0]
        return self._index.entities[target.entity].canonical(target.part, chosen)

    def variants(self) -> Iterator[tuple[str, str, str]]:
        """Every (folded form, entity id, reason) the compiled table matches."""
        for words, targets in self._index.phrases.items():
            for target in targets:
                yield " ".join(words), target.entity, target.reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._index, self._style))


def _restore(index: Index, style: str) -> Normalizer:
    normalizer = Normalizer.__new__(Normalizer)
    normalizer._index = index
    normalizer._style = style
    return normalizer


def _given_names() -> list[str]:
    path = resources.files("translit") / "given_names.yaml"
    doc = load_text(path.read_text(encoding="utf-8"), str(path))
    return [name for names in doc.values() for name in names]
