"""The GeoNames ids of the entities of alias tables (``geonames:``), which ``translit
lookup`` shows. Read from the tables themselves: the compiled table does not carry
them, so that loading it stays as quick as before.

>>> from translit.tables.bundled import bundled_table_files, places_file
>>> ids = geonames_ids([*bundled_table_files(), places_file()])
>>> ids["kyiv"], ids["sloviansk"]
(703448, 693468)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["geonames_ids"]


def geonames_ids(paths: Iterable[str | Path]) -> dict[str, int]:
    """Entity id -> GeoNames id, for the entities of the tables *paths* that have one."""
    from translit.tables.aliases import load_tables

    return {e.id: e.geonames for e in load_tables(paths).entities if e.geonames is not None}
