"""Pausing Python's cyclic garbage collector while a table is loaded and compiled,
and while a text is scanned.

Loading a table of 100,000 forms allocates millions of objects (YAML nodes,
forms, phrases, word forms) and keeps nearly all of them. Each allocation
burst sets off a collection, and the collections walk the whole growing heap
to find no garbage: they took a third of the time of a large table's build.
A scan makes a tuple for every mention and forms no cycles: the collections set
off by them found nothing and took 3 to 8 % of ``find`` (compiled build).
Reference counting still frees everything that is not in a cycle, and the
collector runs again as soon as the work is done.

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block (also as a decorator), and
    enable it again afterwards unless it was already disabled before."""
    if not gc.isenabled():  # nested, or the caller manages the collector
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
