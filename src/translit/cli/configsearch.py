"""Finding the config file: the nearest ``.translit.yaml`` or ``pyproject.toml`` with a
``[tool.translit]`` table, from a folder up to the root of its git repository. Every
command looks and most find none, so this is string work (``os.path``); reading a
file found is :mod:`translit.cli.configfile`'s."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from translit.cli.config import Config, ConfigError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["find_config", "resolve"]


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
    from translit.cli.configfile import load_config  # only when there is a file

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
    from translit.cli.configfile import toml_table

    return bool(toml_table(pyproject))
