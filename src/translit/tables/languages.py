"""The language files (``src/translit/data/languages/<id>.yaml``), read and checked once.

Each file is read with :mod:`translit.tables.yamlfile` and checked against
:data:`~translit.tables.schema.LANGUAGE`; its ``id`` must be its file name. The
loaders of its sections (:mod:`~translit.tables.press` for ``transcription``,
:mod:`~translit.tables.inflection` for ``inflection`` and ``genitive``,
:mod:`~translit.tables.context_rules` for ``context``) take the checked documents
from :func:`language_files`.

>>> [doc["id"] for doc in language_files()][:4]
['be-Latn', 'be', 'bg', 'cs']
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from translit.tables.schema import LANGUAGE, check_id, read_checked

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from translit.tables.yamlfile import Map

__all__ = ["LANGUAGES_DIR", "language_files", "load_language"]

LANGUAGES_DIR: Traversable = resources.files("translit") / "data" / "languages"


def load_language(path: Traversable | Path, name: str | None = None) -> Map:
    """Read the language file *path* and check it; *name* names it in errors."""
    where = str(path) if name is None else name
    doc = read_checked(path, LANGUAGE, where)
    check_id(doc, path.name, where)
    return doc


@lru_cache(maxsize=1)
def language_files() -> tuple[Map, ...]:
    """Every bundled language file, checked, in the order of their file names."""
    entries = sorted(LANGUAGES_DIR.iterdir(), key=lambda e: e.name)
    return tuple(load_language(e, f"languages/{e.name}") for e in entries
                 if e.name.endswith(".yaml"))  # fmt: skip
