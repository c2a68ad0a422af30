"""The base of the package's mutable records that the start-up path makes: compared and
shown field by field, as dataclasses are, without being dataclasses.

:mod:`dataclasses` imports :mod:`inspect` (and ``dis``, ``ast``, ``tokenize`` ...):
about 6 ms of every start-up of some 60. The records every ``translit normalize``
makes or loads (the compiled table's classes, the context rules, a file's outcome,
the settings) are therefore named tuples when they are frozen values, and
:class:`Record` subclasses with an explicit ``__init__`` when they are changed in
place; modules off that path (the tables' readers, the corpora) keep their dataclasses.

>>> class Point(Record):
...     _compared = ("x", "y")
...     def __init__(self, x: int, y: int) -> None:
...         self.x, self.y = x, y
>>> Point(1, 2), Point(1, 2) == Point(1, 2), Point(1, 2) == Point(1, 3)
(Point(x=1, y=2), True, False)
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["Record"]


class Record:
    """Equal to another of its own class with equal fields (``_compared``, in order), shown
    as ``Name(field=value, ...)`` (``_shown``, if not the fields compared), unhashable:
    as a dataclass with ``eq=True``. A subclass names its fields and sets them in its
    ``__init__``; one that declares ``__slots__`` has no ``__dict__``."""

    __slots__ = ()

    _compared: ClassVar[tuple[str, ...]] = ()
    """The fields compared, in order."""
    _shown: ClassVar[tuple[str, ...]] = ()
    """The fields ``repr`` shows, when they are not the fields compared."""

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    # no __hash__: with __eq__ defined here, Python makes it None (changed in place)

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._shown or self._compared)
        return f"{type(self).__qualname__}({shown})"
