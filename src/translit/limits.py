"""The limits translit enforces on tables and names, in one place.

>>> MAX_FORM_LENGTH
200
"""

from __future__ import annotations

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ENTITIES", "MAX_FORM_LENGTH", "MAX_NODES"]

MAX_BYTES = 32 * 1024 * 1024
"""Largest table file read, in bytes (32 MiB)."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and sequences in a table."""
MAX_NODES = 2_000_000
"""Most YAML nodes (scalars, mappings, sequences) in one table file, counted while parsing."""
MAX_ENTITIES = 100_000
"""Most entities in one table file."""
MAX_FORM_LENGTH = 200
"""Longest name form, id or phrase accepted, in characters."""
