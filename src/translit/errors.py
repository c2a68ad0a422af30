"""The exceptions translit raises; each message names what went wrong and what to do."""

from __future__ import annotations

__all__ = ["TableError", "TranslitError", "UnmappedCharacterError"]


class TranslitError(Exception):
    """Base class of every error translit raises on purpose."""


class TableError(TranslitError, ValueError):
    """An alias table (or a scheme file) is malformed.

    ``path`` and ``line`` locate the problem (``line`` is 1-based, or None when
    the whole file is at fault); ``fix`` tells the user what to change.
    """

    def __init__(self, path: str, line: int | None, problem: str, fix: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}; {fix}")


class UnmappedCharacterError(TranslitError, ValueError):
    """A Cyrillic letter that the chosen romanization scheme does not cover.

    Pass ``errors="fallback"`` to romanize such letters with unidecode instead.
    """

    def __init__(self, char: str, position: int, scheme: str) -> None:
        self.char = char
        self.position = position
        self.scheme = scheme
        super().__init__(
            f"{char!r} (U+{ord(char):04X}) at position {position} is not covered by scheme "
            f"{scheme!r}; pick a scheme for the text's language or pass errors='fallback'"
        )
