"""Where the bundled alias table lives: in the wheel, or at the top of a checkout.

>>> bundled_table_path().name
'aliases.yaml'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "bundled_table_file",
    "bundled_table_files",
    "bundled_table_path",
    "places_file",
    "regions_file",
    "shipped_files",
]


def bundled_table_file() -> str:
    """:func:`bundled_table_path` as a string: what every start-up needs, without the
    import of pathlib."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    packaged = os.path.join(package, "data", "aliases.yaml")
    if os.path.isfile(packaged):
        return packaged
    checkout = os.path.dirname(os.path.dirname(package))
    return os.path.join(checkout, "aliases.yaml")


def bundled_table_path() -> Path:
    """The ``aliases.yaml`` shipped in the wheel, or the checkout's one in development."""
    from pathlib import Path

    return Path(bundled_table_file())


def places_file() -> str:
    """The gazetteer of Belarus and Ukraine (``data/places.yaml``, made by
    ``scripts/build_places.py``): part of the default table
    (:func:`bundled_table_files`); ``Normalizer(places=False)`` and ``translit
    normalize --no-places`` leave it out (docs/places.md)."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    return os.path.join(package, "data", "places.yaml")


def regions_file() -> str:
    """The oblasts of Ukraine and voblasts of Belarus (``data/regions.yaml``, made by
    ``scripts/build_places.py``): part of the default table, with the gazetteer."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    return os.path.join(package, "data", "regions.yaml")


def shipped_files() -> tuple[str, ...]:
    """The table files that come with the package: the default table, the gazetteer and
    the regions (the cache keys them as it keys the package's modules, by their size
    and time, not their contents: :func:`translit.compile.cache.table_key`)."""
    return bundled_table_file(), places_file(), regions_file()


def bundled_table_files(places: bool = True) -> list[str]:
    """The files of the default table: ``aliases.yaml``, then the gazetteer
    (:func:`places_file`, every town of Belarus and Ukraine) and the regions
    (:func:`regions_file`, their oblasts and voblasts), which merge into it; without
    *places*, ``aliases.yaml`` alone (the core table of about 50 entities)."""
    return [*shipped_files()] if places else [bundled_table_file()]
