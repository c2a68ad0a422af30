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

__all__ = ["pause_gc", "paused_gc", "resume_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block (also as a decorator), and
    enable it again afterwards unless it was already disabled before."""
    paused = pause_gc()
    try:
        yield
    finally:
        resume_gc(paused)


def pause_gc() -> bool:
    """Disable the cyclic collector; whether it was running (and is now paused): False
    when nested, or when the caller manages the collector. The scan calls this and
    :func:`resume_gc` itself, around a ``try``: contextlib's manager costs about a
    microsecond a call, as much as the scan of a short text."""
    if not gc.isenabled():
        return False
    gc.disable()
    return True


def resume_gc(paused: bool) -> None:
    """Enable the collector again if :func:`pause_gc` paused it (*paused*)."""
    if paused:
        gc.enable()
