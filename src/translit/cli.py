"""The ``translit`` command line (also ``python -m translit``).

Commands: ``normalize``, ``lookup``, ``variants``, ``validate``, ``transliterate``.

Exit codes: 0 success, or nothing to change; 1 ``--check``, ``--diff`` or
``--in-place`` found names to change (``--in-place`` fixed them); 2 a usage,
configuration or input error (one line on stderr: the file, the line, what to
do). Skipped files (binary, not UTF-8, vanished) are warnings, not errors.

>>> main(["lookup", "Kiev"])  # doctest: +NORMALIZE_WHITESPACE
Kiev	Kyiv	kyiv	variant Kiev (en)
0
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from .errors import TranslitError

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from .config import Config

__all__ = ["main"]

class _UsageError(Exception):
    pass


def _normalize_defaults() -> dict[str, Any]:
    """The value of each ``normalize`` option that is not given: the parser's defaults,
    and all of a bare ``translit normalize`` (see :func:`main`)."""
    return {
        "command": "normalize", "paths": [], "mode": None, "format": "text",
        "jobs": os.cpu_count() or 1, "stdin_filename": None, "allow": [], "exclude": [],
        "corpus": None, "fields": [], "mentions": None, "output": None, "on_error": "stop",
        "batch_size": 10_000, "style": None, "aliases": [], "config": None, "no_config": False,
        "lang": None, "explain": False, "lang_field": None,
    }  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    from .arguments import parser  # only for a command line other than a bare normalize

    return parser()


def _started(args: argparse.Namespace) -> None:
    """The table is loaded: what the start-up made (modules, the table: tens of thousands
    of objects, none of them garbage) lives to the end of the program. Collections
    while it was made would have walked it again and again, and each later one would,
    up to the one at exit; frozen, it is out of their way (a twentieth of a short run)."""
    if args.paused:
        gc.freeze()
        gc.enable()


def _config(args: argparse.Namespace) -> Config:
    from .config import resolve

    return resolve(False if args.no_config else args.config, os.getcwd())


def _normalize(args: argparse.Namespace) -> int:
    from .files import discover
    from .report import Progress, Tally
    from .runner import STREAM_AFTER, Job, allowed, fix_bytes, run

    if args.corpus:
        from .commands import corpus

        return corpus(args)
    for flag, value in (("--field", args.fields), ("--mentions", args.mentions),
                        ("--output", args.output), ("--on-error", args.on_error != "stop"),
                        ("--lang-field", args.lang_field)):
        if value:
            raise _UsageError(f"{flag} goes with --jsonl, --csv or --parquet")  # fmt: skip
    mode, paths = args.mode or "stdout", args.paths or ["-"]
    stdin = paths == ["-"]
    if "-" in paths and not stdin:
        raise _UsageError("'-' (standard input) cannot be mixed with file names; run twice")
    if stdin and mode == "in-place":
        raise _UsageError("--in-place needs file names; without files use plain normalize")
    if args.format != "text" and mode not in ("check", "in-place"):
        raise _UsageError(f"--format {args.format} reports --check or --in-place; add one")
    if args.explain and mode not in ("check", "in-place"):
        raise _UsageError("--explain reports with --check or --in-place; add one")
    if args.jobs < 1:
        raise _UsageError(f"--jobs {args.jobs}: give 1 or more processes")
    config = _config(args)
    normalizer, style = config.normalizer(args.aliases, args.style, config.language(args.lang))
    _started(args)
    job = Job(mode, style, allowed([*config.allow, *args.allow]), explain=args.explain)
    if stdin:
        name = args.stdin_filename or "<stdin>"
        tally = Tally(mode, args.format, sys.stdout, sys.stderr)
        data = _stdin(STREAM_AFTER)
        if len(data) == STREAM_AFTER:  # streamed, or read whole up to a limit
            from .pipe import fix_long_stdin

            sys.stdout.flush()
            outcome = fix_long_stdin(normalizer, job, name, data, sys.stdin.buffer, tally,
                                     sys.stdout.buffer)  # fmt: skip
        else:
            outcome = fix_bytes(normalizer, job, name, data)
        if outcome.warning:  # the only input cannot be passed through
            raise _UsageError(outcome.warning.replace(", skipped", "") + "; pass UTF-8 text")
        tally.add(outcome)
        return 1 if mode != "stdout" and (outcome.findings or outcome.shown) else 0
    from pathlib import Path  # for files only: standard input does without it

    config = config.excluding([(Path.cwd(), p) for p in args.exclude], args.aliases)
    files = [f for f in discover(paths) if not config.excludes(f)]
    progress = Progress(len(files), sys.stderr)
    tally = Tally(mode, args.format, sys.stdout, sys.stderr, progress)
    done = 0
    for group, long in _long_files(files):
        if long:  # a long file: streamed in bounded memory, or read whole up to a limit
            from .pipe import fix_long_file

            sys.stdout.flush()
            tally.add(fix_long_file(normalizer, job, str(group[0]), tally, sys.stdout.buffer))
            progress.step(done + 1)
        else:
            for outcome in run(group, normalizer, job, args.jobs, progress, done):
                tally.add(outcome)
        done += len(group)
    progress.close()
    sys.stdout.flush()
    if mode != "stdout":
        _stderr(tally.summary())
    return tally.exit_code


def _long_files(files: list[Path]) -> Iterator[tuple[list[Path], bool]]:
    """*files* in order, in groups: each file longer than ``STREAM_AFTER`` alone (True),
    the others together (False)."""
    from .runner import STREAM_AFTER

    group: list[Path] = []
    for path in files:
        try:
            long = os.stat(path).st_size > STREAM_AFTER
        except OSError:  # reading it will say what is wrong
            long = False
        if long:
            if group:
                yield group, False
                group = []
            yield [path], True
        else:
            group.append(path)
    if group:
        yield group, False


def _stdin(size: int = -1) -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read(size) if buffer is not None else sys.stdin.read(size).encode("utf-8")


def _stderr(message: str) -> None:
    sys.stdout.flush()
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Without *argv*, main is the program (the ``translit`` script, ``python -m
    translit``), and the process ends when it returns: ``normalize`` then pauses
    the cyclic garbage collector while it starts (see :func:`_started`)."""
    program = argv is None
    argv = sys.argv[1:] if argv is None else argv
    if list(argv) == ["normalize"]:  # the usual call in a pipe: every option at its default,
        # known without building the parser (argparse and its help machinery are a
        # tenth of such a run)
        args = cast("argparse.Namespace", SimpleNamespace(**_normalize_defaults()))
    else:
        args = _parser().parse_args(argv)
    args.paused = program and args.command == "normalize"
    if args.paused:
        gc.disable()
    from .config import ConfigError
    from .files import FileError, Skipped

    try:
        if args.command == "normalize":
            return _normalize(args)
        from .commands import COMMANDS  # the others: not on the way of a pipe

        return COMMANDS[args.command](args)
    except (TranslitError, ValueError, ConfigError, FileError, Skipped, _UsageError) as exc:
        _stderr(f"translit: {exc}")
        return 2
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        _stderr("translit: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
