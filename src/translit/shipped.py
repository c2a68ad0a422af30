"""The default table compiled when the wheel is built, so that the first run after an
install loads it instead of compiling it.

Compiling the default table (``aliases.yaml`` and the gazetteer) takes about two
seconds; loading a compiled one, about 40 ms. The wheel's build hook
(``hatch_build.py``) runs :func:`write` on the sources it packs: it compiles the default
table, writes it as a cache entry (:mod:`translit.compile.cachestore`) to
``translit/data/default-table.pickle`` in the wheel, loads it back and checks it gives
what the table it was made from gives. The entry's key is :func:`content_key`: the
*contents* of the table files and of the package files that shape a compiled table (the
user's cache keys them by size and time, which an install changes), the library's and
the Python version, and the options.

When the user's cache has no entry for the default table, :func:`load` computes that key
of the installed files (about 10 ms) and loads the shipped entry if the keys are the
same; the caller then saves it in the user's cache, as a table it had compiled. An
editable install, a changed file, another Python or a build without the entry compiles
the table, as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from translit.compile.cache import entry_value, package_files, sha256
from translit.tables.bundled import bundled_table_files

__all__ = ["FILE_NAME", "content_key", "load", "shipped_file", "write"]

FILE_NAME = "default-table.pickle"
"""The name of the shipped entry, in the package's ``data`` folder."""


def shipped_file() -> str:
    """Where the shipped entry is, whether or not there is one."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", FILE_NAME)


def content_key(paths: Sequence[str], options: str) -> str:
    """The key of a table compiled from *paths* with *options*, from contents only: the
    same for the sources a wheel is built from and for the wheel once installed."""
    from translit.version import __version__

    package = os.path.dirname(os.path.abspath(__file__))
    digest = sha256()()
    digest.update(f"{__version__}|{sys.version}|{options}".encode())
    for path in paths:
        with open(path, "rb") as file:
            digest.update(sha256()(file.read()).digest())
    for path in package_files():
        with open(path, "rb") as file:
            contents = file.read()
        name = os.path.relpath(path, package).replace(os.sep, "/")
        digest.update(f"{name}:{len(contents)}:".encode())
        digest.update(sha256()(contents).digest())
    hexdigest: str = digest.hexdigest()
    return hexdigest


def load(paths: Sequence[str], options: str) -> Any:
    """The shipped entry's table, when *paths* and *options* are the default table's and
    the entry was built from the files installed; else None. The file is read as the
    package's other data is: whoever can write it can write the code too."""
    if [*paths] != bundled_table_files() or options:
        return None
    try:
        return _entry(shipped_file(), content_key(paths, options))
    except OSError:
        return None


def _entry(path: str, key: str) -> Any:
    """The value of the entry file *path* if it holds *key*, else None (OSError when it
    cannot be read)."""
    with open(path, "rb") as file, memoryview(file.read()) as view:
        return entry_value(view, key)


def write(path: str, compile_table: Callable[[list[str]], Any]) -> None:
    """Compile the default table from the sources with *compile_table*
    (:func:`translit.normalizer.compile_table`), write it to *path* as the shipped entry,
    then load it back and check it: the same patterns, phrases and outputs as the table
    compiled (the build hook's step). Raises RuntimeError when it differs or is not
    written."""
    from translit.compile.cachestore import save
    from translit.scan import normalized

    paths = bundled_table_files()
    key = content_key(paths, "")
    index = compile_table([*paths])
    save(path, key, index)
    try:
        loaded = _entry(path, key)
    except OSError as error:
        raise RuntimeError(f"{path}: the compiled default table was not written") from error
    if (
        loaded is None
        or loaded.finder.patterns != index.finder.patterns
        or loaded.phrases != index.phrases
        or any(
            normalized(loaded, text, "en", False, None)
            != normalized(index, text, "en", False, None)
            for text in _CHECKED
        )
    ):
        raise RuntimeError(f"{path}: the compiled default table does not load as it was made")


_CHECKED = (
    "Lukashenko met Tikhanovskaya in Kiev; Gomel, Krivoy Rog and Bobruisk voted.",
    "Łukaszenka w Mińsku, Лукашенко в Гомеле, Kijów i Charków.",
)
"""Texts the shipped table must normalize as the table it was made from does."""
