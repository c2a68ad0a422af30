"""What the commands of the command line share: the usage error, the defaults of
``normalize``, the settings, and reading standard input and writing to standard error."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from translit.cli.config import Config

__all__ = [
    "UsageError",
    "normalize_defaults",
    "read_stdin",
    "settings",
    "started",
    "stdin_hint",
    "terminal",
    "to_stderr",
    "use_color",
]


class UsageError(Exception):
    """A mistake in the command line: one line on standard error, exit code 2."""


def normalize_defaults() -> dict[str, Any]:
    """The value of each ``normalize`` option that is not given: the parser's defaults,
    and all of a bare ``translit normalize`` (see :func:`main`)."""
    return {
        "command": "normalize", "paths": [], "mode": None, "format": "text",
        "jobs": os.cpu_count() or 1, "stdin_filename": None, "allow": [], "exclude": [],
        "corpus": None, "fields": [], "mentions": None, "output": None, "on_error": "stop",
        "batch_size": 10_000, "style": None, "aliases": [], "config": None, "no_config": False,
        "lang": None, "explain": False, "lang_field": None, "color": "auto", "verbosity": 0,
        "places": None, "regions": False,
    }  # fmt: skip


def started(args: argparse.Namespace) -> None:
    """The table is loaded: what the start-up made (modules, the table: tens of thousands
    of objects, none of them garbage) lives to the end of the program. Collections
    while it was made would have walked it again and again, and each later one would,
    up to the one at exit; frozen, it is out of their way (a twentieth of a short run)."""
    if args.paused:
        gc.freeze()
        gc.enable()


def settings(args: argparse.Namespace) -> Config:
    """The config the command line asks for (``--config``, ``--no-config``), or the one
    found from the current folder."""
    from translit.cli.configsearch import resolve

    return resolve(False if args.no_config else args.config, os.getcwd())


def read_stdin(size: int = -1) -> bytes:
    """Up to *size* bytes of standard input (all of it by default)."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read(size) if buffer is not None else sys.stdin.read(size).encode("utf-8")


def to_stderr(message: str) -> None:
    """*message* on standard error, after what standard output holds."""
    sys.stdout.flush()
    print(message, file=sys.stderr, flush=True)


def stdin_hint(usage: str) -> None:
    """Say on standard error that standard input is read, when it is a terminal: typed
    at a prompt, a command with no file waits for it (*usage*: the command with files)."""
    if terminal(sys.stdin):
        to_stderr("translit: reading standard input; end it with Ctrl-D (Ctrl-Z, Enter on "
                  f"Windows), or name files: {usage}")  # fmt: skip


def terminal(stream: object) -> bool:
    """Whether *stream* is a terminal (a file object that says so)."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def use_color(choice: str, stream: object) -> bool:
    """Whether to colour what goes to *stream*: ``--color always`` or ``never`` decide;
    ``auto`` colours a terminal, unless ``NO_COLOR`` is set and not empty
    (https://no-color.org) or ``TERM`` is ``dumb``."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return terminal(stream)
