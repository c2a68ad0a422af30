"""Reading the config file (:mod:`translit.cli.configsearch` finds it; what it holds:
:mod:`translit.cli.config`): ``[tool.translit]`` of a ``pyproject.toml``, or a
``.translit.yaml``, checked key by key.

>>> from pathlib import Path
>>> config = parse({"style": "en", "exclude": ["*.csv", "docs/old/*"]}, Path("/repo/x.yaml"))
>>> config.excludes(Path("/repo/data/cities.csv")), config.excludes(Path("/repo/docs/old/a.md"))
(True, True)
>>> config.excludes(Path("/repo/docs/a.md"))
False
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from translit.cli.config import Config, ConfigError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["KEYS", "load_config", "parse", "toml_table"]

KEYS = ("style", "aliases", "places", "regions", "exclude", "allow", "lang")
"""The keys a config may have."""


def toml_table(path: str | Path) -> dict[str, Any] | None:
    """The ``[tool.translit]`` table of a pyproject.toml, or None."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror}); check its permissions") from exc
    if b"translit" not in raw:
        return None
    toml: Any = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    try:
        doc = toml.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, toml.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it as TOML ({exc}); fix the file") from exc
    table = doc.get("tool", {}).get("translit")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.translit must be a table; write [tool.translit]")
    return table


def load_config(path: Path | None) -> Config:
    """Read the config file *path* (None: no config)."""
    if path is None:
        return Config()
    if path.name == "pyproject.toml":
        table = toml_table(path)
        return Config() if table is None else parse(table, path)
    from translit.tables.yamlfile import load_file

    data = load_file(path)  # a TableError names the file and line
    if data is None:
        return Config(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the file must be a mapping; write 'key: value' lines")
    return parse(data, path, getattr(data, "lines", {}))


def parse(data: dict[str, Any], path: Path, lines: dict[str, int] | None = None) -> Config:
    """A :class:`Config` from the mapping *data* read from *path*."""
    config = Config(path, lines=dict(lines or {}))
    root = path.parent.absolute()
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{config.where(key)}: unknown key; use one of {', '.join(KEYS)}")
    style = data.get("style")
    if style is not None and not isinstance(style, str):
        raise ConfigError(f"{config.where('style')}: must be text; write style: en")
    lang = data.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise ConfigError(f"{config.where('lang')}: must be text; write lang: en")
    places = data.get("places")
    if places is not None and not isinstance(places, bool):
        raise ConfigError(f"{config.where('places')}: must be true or false; write places: false")
    if data.get("regions", True) is not True:  # (the key of 0.1, when they were apart)
        raise ConfigError(
            f"{config.where('regions')}: the regions are part of the gazetteer; "
            "write places: false to leave both out, or drop the key"
        )
    aliases = []
    for name in _texts(data, "aliases", config):
        table = root / name
        if not table.is_file():
            raise ConfigError(
                f"{config.where('aliases')}: {name} not found; paths are relative to {path.name}"
            )
        aliases.append(table)
    exclude = tuple((root, p) for p in _texts(data, "exclude", config))
    allow = _texts(data, "allow", config)
    found = Config(path, style, tuple(aliases), exclude, tuple(allow), lang, places, config.lines)
    found.language(None)  # an unknown code: an error naming the file, the key and the line
    return found


def _texts(data: dict[str, Any], key: str, config: Config) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{config.where(key)}: must be a list of text; write {key}: [...]")
    return list(value)
