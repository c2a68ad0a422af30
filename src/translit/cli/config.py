"""The project's settings: ``[tool.translit]`` in ``pyproject.toml``, or ``.translit.yaml``.

The file is looked for from each file's folder (standard input: the current
folder) and its parents, up to the root of the git repository (the folder holding
``.git``). Keys, all optional:

* ``style``: the output style (``en``, or one a table defines);
* ``aliases``: extra alias tables, paths relative to the config file;
* ``places``: ``false`` leaves the gazetteer out of the default table (every town of
  Belarus and Ukraine, and their oblasts and voblasts; docs/places.md), as
  ``--no-places`` does; ``true``, the default, keeps it;
* ``exclude``: glob patterns of files to leave alone, relative to the config
  file's folder; a pattern without ``/`` matches a file or folder name at any
  depth (``*.csv``, ``vendor``), one with ``/`` the path from that folder
  (``docs/history/*.md``);
* ``allow``: spellings that stay as written (``allow: [Kiev]`` in a history
  text), compared case- and accent-insensitively with the mention;
* ``lang``: the language of the texts (``en``, ``fr`` ...: a code of
  :data:`translit.text.language.LANGUAGES`); without it, each paragraph's language is
  told from its words.

Command-line flags win over the file: ``--style`` replaces ``style``, ``--lang``
replaces ``lang``, ``--no-places`` ``places``;
``--aliases``, ``--exclude`` and ``--allow`` add to the lists; ``--no-config``
ignores the file. A bad file is a :class:`ConfigError` naming the file and key.
Finding one is :mod:`translit.cli.configsearch`'s work, reading it
:mod:`translit.cli.configfile`'s.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any, NoReturn

from translit.errors import TranslitError
from translit.record import Record

if TYPE_CHECKING:
    from pathlib import Path

    from translit.normalizer import Normalizer

__all__ = ["Config", "ConfigError"]


class ConfigError(TranslitError):
    """A config file that cannot be used; the message names the file and the key."""


class Config(Record):
    """Settings, and the folder their relative paths and patterns start from; ``lines``:
    the line of each key in the file (for messages; not compared).

    Immutable, compared and hashed by its settings, as the frozen dataclass it was (a
    :class:`~translit.record.Record`: :mod:`dataclasses` imports :mod:`inspect`, about
    6 ms of every start-up).

    >>> Config(style="en") == Config(style="en", lines={"style": 2}), Config(lang="fr")
    ... # doctest: +NORMALIZE_WHITESPACE
    (True, Config(path=None, style=None, aliases=(), exclude=(), allow=(), lang='fr',
                  places=None, lines={}))
    """

    __slots__ = ("aliases", "allow", "exclude", "lang", "lines", "path", "places", "style")
    __match_args__ = ("path", "style", "aliases", "exclude", "allow", "lang", "places", "lines")
    _compared = __match_args__[:-1]  # not lines
    _shown = __match_args__

    path: Path | None
    style: str | None
    aliases: tuple[Path, ...]
    exclude: tuple[tuple[Path, str], ...]
    allow: tuple[str, ...]
    lang: str | None
    places: bool | None  # None: not said (the gazetteer is in)
    lines: dict[str, int]

    def __init__(
        self,
        path: Path | None = None,
        style: str | None = None,
        aliases: tuple[Path, ...] = (),
        exclude: tuple[tuple[Path, str], ...] = (),
        allow: tuple[str, ...] = (),
        lang: str | None = None,
        places: bool | None = None,
        lines: dict[str, int] | None = None,
    ) -> None:
        values = (path, style, aliases, exclude, allow, lang, places,
                  {} if lines is None else lines)  # fmt: skip
        for name, value in zip(self.__match_args__, values, strict=True):
            object.__setattr__(self, name, value)

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[type[Config], tuple[Any, ...]]:  # copies and pickles
        return Config, tuple(getattr(self, n) for n in self.__match_args__)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"cannot delete field {name!r}")

    def where(self, key: str) -> str:
        """``file:line: key`` (or ``file: [tool.translit] key``) for error messages."""
        if self.path is None:
            return f"--{key}"
        if self.path.name == "pyproject.toml":
            return f"{self.path}: [tool.translit] {key}"
        line = self.lines.get(key)
        return f"{self.path}:{line}: {key}" if line else f"{self.path}: {key}"

    def normalizer(
        self,
        aliases: Sequence[str],
        style: str | None,
        lang: str | None = None,
        places: bool | None = None,
    ) -> tuple[Normalizer, str]:
        """A Normalizer over the config's tables and *aliases*, for texts in the language
        *lang* (a code :meth:`language` gave; None: told per paragraph), and the style to
        use. *places* (``--no-places``: False) wins over the config's ``places``; the
        gazetteer is in unless one of them says False."""
        from translit.normalizer import Normalizer

        normalizer = Normalizer(
            [*self.aliases, *aliases], lang=lang, places=self.with_places(places)
        )
        chosen = style or self.style or "en"
        if chosen not in normalizer.styles:
            where = "--style" if style else self.where("style")
            known = ", ".join(normalizer.styles)
            raise ConfigError(f"{where}: unknown style {chosen!r}; use one of {known}")
        return normalizer, chosen

    def with_places(self, places: bool | None) -> bool:
        """Whether the default table holds the gazetteer: *places* (``--no-places``:
        False; None when not given), else the config's ``places``, else True.

        >>> Config(places=False).with_places(None), Config(places=False).with_places(True)
        (False, True)
        """
        return next((p for p in (places, self.places) if p is not None), True)

    def language(self, lang: str | None) -> str | None:
        """The language of the texts: *lang* (``--lang``), else the config's ``lang``, as a
        code of :data:`~translit.text.language.LANGUAGES` (see :func:`language_code`); None
        when neither says. An unknown code is a :class:`ConfigError` naming where it was
        given.

        >>> Config(lang="fr").language(None), Config(lang="fr").language("PL")
        ('fr', 'pl')
        >>> Config().language("xx")
        Traceback (most recent call last):
        ...
        translit.cli.config.ConfigError: --lang: unknown language 'xx'; use one of bg, cs, ...
        """
        chosen = lang if lang is not None else self.lang
        if chosen is None:
            return None
        from translit.text.language import LANGUAGES, language_code

        code = language_code(chosen)
        if code is None:
            where = "--lang" if lang is not None else self.where("lang")
            raise ConfigError(
                f"{where}: unknown language {chosen!r}; use one of {', '.join(LANGUAGES)}"
            )
        return code

    def excluding(self, patterns: Sequence[tuple[Path, str]], tables: Sequence[str]) -> Config:
        """This config with more ``exclude`` patterns (each with its folder) and tables."""
        from pathlib import Path

        more = tuple(Path(table) for table in tables)
        return Config(self.path, self.style, self.aliases + more, self.exclude + tuple(patterns),
                      self.allow, self.lang, self.places, self.lines)  # fmt: skip

    def excludes(self, path: Path) -> bool:
        """True for paths matching ``exclude``, and for the config file and the alias tables
        (they list variants on purpose)."""
        if os.path.realpath(path) in {os.path.realpath(p) for p in (self.path, *self.aliases) if p}:
            return True
        absolute = os.path.abspath(path)
        from pathlib import Path

        for root, pattern in self.exclude:
            parts = Path(os.path.relpath(absolute, root)).as_posix().split("/")
            core = pattern.strip("/")
            if "/" in core:
                candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
            else:
                candidates = parts
            if any(fnmatchcase(c, core) for c in candidates):
                return True
        return False
