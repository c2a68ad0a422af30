"""The record of one recognized name in a text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

__all__ = ["Edit", "Mention", "apply_mentions", "splice"]


class Mention(NamedTuple):
    """One recognized name: where it is, what it is, and what ``normalize`` writes there.

    ``start`` and ``end`` are offsets into the input string (``text == input[start:end]``).
    ``entity`` is the entity's id in the alias table, ``part`` says which part of
    the entity was named (``"full"`` name, ``"surname"`` alone, or ``"name"`` of a
    place, country, organisation or adjective), and ``reason`` says which form of
    the table matched. ``replacement`` equals ``text`` when nothing changes: the
    mention is already canonical, or it is written in another script (Cyrillic
    text stays Cyrillic). ``inflected`` marks a case form (Łukaszenki, Тихановской),
    which ``normalize`` leaves as written unless told otherwise.

    ``left`` says why a mention that names the entity in another form is left as
    written: ``"the text discusses the spelling"``, ``"historical name (University
    of Lwów)"``, ``"another person (Viktor Lukashenko)"``, ``"French adjective"``,
    ``"inflected form"``, ``"written in another script"`` ... (empty when the
    mention is rewritten or already canonical). ``lang`` is the language of the
    text around the mention that the checks used: the caller's, or the
    paragraph's where a check had to tell it (None when none did, or it could not
    be told).

    An immutable named tuple: cheap to make, to compare and to pickle.
    """

    start: int
    end: int
    text: str
    replacement: str
    entity: str
    reason: str
    part: str = "name"
    inflected: bool = False
    left: str = ""
    lang: str | None = None

    @property
    def changed(self) -> bool:
        """True when ``normalize`` rewrites this span."""
        return self.replacement != self.text


def apply_mentions(text: str, mentions: Iterable[Mention]) -> str:
    """Replay *mentions* (sorted, not overlapping) on *text*: the output of ``normalize``.

    >>> m = Mention(0, 4, "Kiev", "Kyiv", "kyiv", "variant Kiev (en)")
    >>> apply_mentions("Kiev-based", [m])
    'Kyiv-based'
    """
    mentions = list(mentions)
    pos = 0
    for mention in mentions:
        if mention.start < pos or text[mention.start : mention.end] != mention.text:
            raise ValueError(f"mention {mention!r} does not fit the text at {pos}")
        pos = mention.end
    return splice(text, mentions)


Edit = tuple[int, int, str, str]
"""What :func:`splice` reads of a mention: (start, end, text, replacement). The matcher
gives ``normalize`` these instead of whole mentions where it can."""


def splice(text: str, mentions: Sequence[Mention | Edit]) -> str:
    """:func:`apply_mentions` for mentions known to fit (the matcher's own)."""
    parts: list[str] = []
    pos = 0
    for mention in mentions:
        replacement = mention[3]
        if replacement != mention[2]:
            parts.append(text[pos : mention[0]])
            parts.append(replacement)
            pos = mention[1]
    parts.append(text[pos:])
    return "".join(parts)
