"""The given names file (``src/translit/data/given_names.yaml``), read and checked.

It is checked against :data:`~translit.tables.schema.GIVEN_NAMES` when a table
compiles: the names of every list but ``patronymic_endings`` are the given names
(:func:`given_names`, for the matcher's "a given name before a surname" checks), and
``patronymic_endings`` feeds the context rules (:mod:`translit.tables.context_rules`).

>>> "Aliaksandr" in given_names(), "ovich" in load_given_names()["patronymic_endings"]
(True, True)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from translit.tables.schema import GIVEN_NAMES, read_checked

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from translit.tables.yamlfile import Map

__all__ = ["GIVEN_NAMES_FILE", "given_names", "load_given_names"]

GIVEN_NAMES_FILE: Traversable = resources.files("translit") / "data" / "given_names.yaml"


def load_given_names(path: Traversable | Path = GIVEN_NAMES_FILE) -> Map:
    """Read the given names file *path* (the bundled one by default) and check it."""
    return read_checked(path, GIVEN_NAMES, str(path))


def given_names() -> list[str]:
    """The bundled given names: every list of the file but ``patronymic_endings``."""
    doc = load_given_names()
    return [name for key, names in doc.items() if key != "patronymic_endings" for name in names]
