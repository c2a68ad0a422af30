"""Where the bundled alias table lives: in the wheel, or at the top of a checkout.

>>> bundled_table_path().name
'aliases.yaml'
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_table_path"]


def bundled_table_path() -> Path:
    """The ``aliases.yaml`` shipped in the wheel, or the checkout's one in development."""
    packaged = Path(__file__).parent / "aliases.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "aliases.yaml"
