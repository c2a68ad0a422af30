"""The reasons of a compiled table's phrases, kept as one UTF-8 string.

Each :class:`~translit.compile.index.Target` names its reason by number, and a
mention reads it (``index.reasons[number]``) when it is made; the short path's
quick table reads it once per word. The gazetteer's 21,000 reasons are 1.1 million
characters, most of them Cyrillic ("Kanivs: press lv of Канів (uk)"): as strings of
their own, they took 4 to 5 ms of every start-up to decode and cut apart, a tenth of
the cache's load (docs/places.md, "Start-up"). Kept as bytes with the offset of each,
they load as two objects, and a reason is decoded only when a mention needs it.

>>> reasons = Reasons(["canonical Kyiv", "variant Kiew (de)", "original Київ (uk)"])
>>> len(reasons), reasons[1], reasons[2]
(3, 'variant Kiew (de)', 'original Київ (uk)')
>>> list(reasons) == ["canonical Kyiv", "variant Kiew (de)", "original Київ (uk)"]
True
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["Reasons"]


class Reasons:
    """Strings by number, stored as one UTF-8 bytes object and the offset where each
    begins (and where the last ends). Immutable; pickled as its two parts."""

    __slots__ = ("_blob", "_starts")

    def __init__(self, texts: Iterable[str] = ()) -> None:
        parts = [text.encode() for text in texts]
        starts = array("I", [0])
        at = 0
        for part in parts:
            at += len(part)
            starts.append(at)
        self._blob = b"".join(parts)
        self._starts = starts

    def __getitem__(self, number: int) -> str:
        if not 0 <= number < len(self._starts) - 1:
            raise IndexError(f"no reason number {number}")
        starts = self._starts
        return self._blob[starts[number] : starts[number + 1]].decode()

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __iter__(self) -> Iterator[str]:
        return map(self.__getitem__, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reasons):
            return NotImplemented
        return self._blob == other._blob and self._starts == other._starts

    def __repr__(self) -> str:
        return f"Reasons({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return _restored, (self._blob, self._starts)


def _restored(blob: bytes, starts: array[int]) -> Reasons:
    """A pickled :class:`Reasons` (no encoding again)."""
    reasons = Reasons.__new__(Reasons)
    reasons._blob = blob
    reasons._starts = starts
    return reasons
