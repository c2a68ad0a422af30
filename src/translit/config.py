"""The project's settings: ``[tool.translit]`` in ``pyproject.toml``, or ``.translit.yaml``.

The file is looked for in the current folder and its parents, up to the root of
the git repository (the folder holding ``.git``). Keys, all optional:

* ``style``: the output style (``en``, or one a table defines);
* ``aliases``: extra alias tables, paths relative to the config file;
* ``exclude``: glob patterns of files to leave alone, relative to the config
  file's folder; a pattern without ``/`` matches a file or folder name at any
  depth (``*.csv``, ``vendor``), one with ``/`` the path from that folder
  (``docs/history/*.md``);
* ``allow``: spellings that stay as written (``allow: [Kiev]`` in a history
  text), compared case- and accent-insensitively with the mention;
* ``lang``: the language of the texts (``en``, ``fr`` ...: a code of
  :data:`translit.language.LANGUAGES`); without it, each paragraph's language is
  told from its words.

Command-line flags win over the file: ``--style`` replaces ``style``, ``--lang``
replaces ``lang``;
``--aliases``, ``--exclude`` and ``--allow`` add to the lists; ``--no-config``
ignores the file. A bad file is a :class:`ConfigError` naming the file and key.
Reading one is :mod:`translit.configfile`'s work (imported when there is a file).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from .errors import TranslitError

if TYPE_CHECKING:
    from pathlib import Path

    from .normalizer import Normalizer

__all__ = ["Config", "ConfigError", "find_config", "language_code", "resolve"]
# and, from configfile: KEYS, load_config, parse (see __getattr__)


class ConfigError(TranslitError):
    """A config file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings, and the folder their relative paths and patterns start from."""

    path: Path | None = None
    style: str | None = None
    aliases: tuple[Path, ...] = ()
    exclude: tuple[tuple[Path, str], ...] = ()
    allow: tuple[str, ...] = ()
    lang: str | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    def where(self, key: str) -> str:
        """``file:line: key`` (or ``file: [tool.translit] key``) for error messages."""
        if self.path is None:
            return f"--{key}"
        if self.path.name == "pyproject.toml":
            return f"{self.path}: [tool.translit] {key}"
        line = self.lines.get(key)
        return f"{self.path}:{line}: {key}" if line else f"{self.path}: {key}"

    def normalizer(
        self, aliases: Sequence[str], style: str | None, lang: str | None = None
    ) -> tuple[Normalizer, str]:
        """A Normalizer over the config's tables and *aliases*, for texts in the language
        *lang* (a code :meth:`language` gave; None: told per paragraph), and the style to
        use."""
        from .normalizer import Normalizer

        normalizer = Normalizer([*self.aliases, *aliases], lang=lang)
        chosen = style or self.style or "en"
        if chosen not in normalizer.styles:
            where = "--style" if style else self.where("style")
            known = ", ".join(normalizer.styles)
            raise ConfigError(f"{where}: unknown style {chosen!r}; use one of {known}")
        return normalizer, chosen

    def language(self, lang: str | None) -> str | None:
        """The language of the texts: *lang* (``--lang``), else the config's ``lang``, as a
        code of :data:`~translit.language.LANGUAGES` (see :func:`language_code`); None
        when neither says. An unknown code is a :class:`ConfigError` naming where it was
        given.

        >>> Config(lang="fr").language(None), Config(lang="fr").language("PL")
        ('fr', 'pl')
        >>> Config().language("xx")
        Traceback (most recent call last):
        ...
        translit.config.ConfigError: --lang: unknown language 'xx'; use one of bg, cs, ...
        """
        chosen = lang if lang is not None else self.lang
        if chosen is None:
            return None
        code = language_code(chosen)
        if code is None:
            from .language import LANGUAGES

            where = "--lang" if lang is not None else self.where("lang")
            raise ConfigError(
                f"{where}: unknown language {chosen!r}; use one of {', '.join(LANGUAGES)}"
            )
        return code

    def excluding(self, patterns: Sequence[tuple[Path, str]], tables: Sequence[str]) -> Config:
        """This config with more ``exclude`` patterns (each with its folder) and tables."""
        from pathlib import Path

        more = tuple(Path(table) for table in tables)
        return replace(self, exclude=self.exclude + tuple(patterns), aliases=self.aliases + more)

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


def language_code(value: str) -> str | None:
    """The language code *value* stands for, or None when it is not one translit knows:
    case and spaces do not count, nor a region or script after ``-`` or ``_`` (``en-US``
    and ``EN`` are ``en``). An empty *value* is None too.

    >>> language_code(" FR "), language_code("pt_BR"), language_code("xx"), language_code("")
    ('fr', 'pt', None, None)
    """
    from .language import LANGUAGES

    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGUAGES else None


def resolve(explicit: str | bool | None, cwd: str | os.PathLike[str]) -> Config:
    """The config: the file *explicit* names, none if it is False, else the one found from *cwd*."""
    if explicit is False:
        return Config()
    if isinstance(explicit, str):
        from pathlib import Path

        path: Path | None = Path(explicit)
    else:
        path = find_config(cwd)
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: config file not found; check --config")
    if path is None:
        return Config()
    from .configfile import load_config

    return load_config(path)


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The config file for *start*: the nearest up to the git root, or None.

    Every command looks, and most find none: the search is string work (os.path),
    and pathlib is imported only for a file found."""
    for folder in _folders(os.fspath(start)):
        found = [p for p in (os.path.join(folder, ".translit.yaml"),) if os.path.isfile(p)]
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_table(pyproject):
            found.append(pyproject)
        if len(found) == 2:
            raise ConfigError(f"{found[0]}: {found[1]} configures translit too; keep only one")
        if found:
            from pathlib import Path

            return Path(found[0])
        if os.path.exists(os.path.join(folder, ".git")):
            return None
    return None


def _folders(start: str) -> list[str]:
    """*start* and its parents, as ``[start, *Path(start).parents]`` gives them."""
    if not os.path.isabs(start) or os.path.normpath(start) != start or start.startswith("//"):
        from pathlib import Path  # a path for pathlib to normalize its own way

        return [str(p) for p in (Path(start), *Path(start).parents)]
    folders = [start]
    while os.path.dirname(folders[-1]) != folders[-1]:
        folders.append(os.path.dirname(folders[-1]))
    return folders


def _has_table(pyproject: str) -> bool:
    from .configfile import toml_table

    return bool(toml_table(pyproject))


def __getattr__(name: str) -> Any:
    """Reading a file (:mod:`translit.configfile`) is imported when first asked for."""
    if name in ("KEYS", "load_config", "parse"):
        from . import configfile

        return getattr(configfile, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
