"""The ``translit`` command line (also ``python -m translit``).

Commands: ``normalize``, ``lookup``, ``variants``, ``validate``, ``transliterate``.

Exit codes: 0 success, or nothing to change; 1 ``--check``, ``--diff`` or
``--in-place`` found names to change (``--in-place`` fixed them); 2 a usage,
configuration or input error (one line on stderr: the file, the line, what to
do). Skipped files (binary, not UTF-8, vanished) are warnings, not errors. 141:
the reader of standard output went away (``| head``); nothing is said.

>>> main(["lookup", "Kiev"])  # doctest: +NORMALIZE_WHITESPACE
Kiev	Kyiv	kyiv	variant Kiev (en)	703448
0
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from translit.cli.common import (
    UsageError,
    normalize_defaults,
    read_stdin,
    settings,
    started,
    stdin_hint,
    to_stderr,
    use_color,
)
from translit.errors import TranslitError

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from translit.cli.config import Config
    from translit.cli.runner import Job
    from translit.normalizer import Normalizer


__all__ = ["BROKEN_PIPE", "main"]

BROKEN_PIPE = 141
"""The exit code when the reader of standard output goes away (``| head``): the
shell's code for a program ended by SIGPIPE (128 + 13), as ``cat`` and ``git log``
give, so that no one takes it for exit code 1 (names to change)."""

def _parser() -> argparse.ArgumentParser:
    from translit.cli.arguments import parser  # only for a command line other than a bare normalize

    return parser()


def _normalize(args: argparse.Namespace) -> int:
    from translit.cli.report import Progress, Tally, problem
    from translit.cli.runner import STREAM_AFTER, Outcome, fix_bytes, run
    from translit.documents.files import FileError, discover, is_file, output_file

    if args.corpus:
        from translit.cli.commands import corpus

        return corpus(args)
    for flag, value in (("--field", args.fields), ("--mentions", args.mentions),
                        ("--output", args.output), ("--on-error", args.on_error != "stop"),
                        ("--lang-field", args.lang_field)):
        if value:
            raise UsageError(f"{flag} goes with --jsonl, --csv or --parquet")  # fmt: skip
    mode, paths = args.mode or "stdout", args.paths or ["-"]
    stdin = paths == ["-"]
    if "-" in paths and not stdin:
        raise UsageError("'-' (standard input) cannot be mixed with file names; run twice")
    if stdin and mode == "in-place":
        raise UsageError("--in-place needs file names; without files use plain normalize")
    if args.format != "text" and mode not in ("check", "in-place") and (
        mode, args.format) != ("diff", "json"):  # fmt: skip
        raise UsageError(f"--format {args.format} reports --check or --in-place"
                         f"{' (or --diff: json)' if mode == 'diff' else ''}; add one")
    if args.explain and mode not in ("check", "in-place"):
        raise UsageError("--explain reports with --check or --in-place; add one")
    if args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: give 1 or more processes")
    if args.verbosity > 0 and mode in ("check", "in-place"):
        args.explain = True  # -v: every name found, with its reason
    colors = {"color": use_color(args.color, sys.stdout) and args.format == "text",
              "err_color": use_color(args.color, sys.stderr), "verbosity": args.verbosity}
    if stdin:  # the config of the current folder (or --config, --no-config)
        config = settings(args)
        normalizer, job = _set_up(args, mode, config)
        name = args.stdin_filename or "<stdin>"
        if not args.paths and args.verbosity >= 0:  # typed at a prompt: say what it waits for
            stdin_hint("translit normalize FILE ...")
        tally = Tally(mode, args.format, sys.stdout, sys.stderr, **colors)
        data = read_stdin(STREAM_AFTER)
        if len(data) == STREAM_AFTER:  # streamed, or read whole up to a limit
            from translit.cli.pipe import fix_long_stdin

            sys.stdout.flush()
            outcome = fix_long_stdin(normalizer, job, name, data, sys.stdin.buffer, tally,
                                     sys.stdout.buffer)  # fmt: skip
        else:
            outcome = fix_bytes(normalizer, job, name, data)
        if outcome.warning:  # the only input cannot be passed through
            raise UsageError(outcome.warning.replace(", skipped", "") + "; pass UTF-8 text")
        tally.add(outcome)
        return 1 if mode != "stdout" and (outcome.findings or outcome.shown) else 0
    from pathlib import Path  # for files only: standard input does without it

    problems: list[str] = []  # paths that cannot be read: the others are done first
    found = discover(paths, problems)
    if problems and not found:  # nothing to do: one line per path, as for any error
        for message in problems[:-1]:
            to_stderr(problem(message, "error", colors["err_color"]))
        raise FileError(problems[-1])
    cli_exclude = [(Path.cwd(), p) for p in args.exclude]
    runs = [  # each file with its config, from its folder upwards (as ruff and black)
        (config, [f for f in group if not config.excludes(f)])
        for config, group in _configs(args, found)
        for config in [config.excluding(cli_exclude, args.aliases)]
    ]
    output = output_file()
    mine = [f for _, files in runs for f in files if output is not None and is_file(f, output)]
    runs = [(config, [f for f in files if f not in mine]) for config, files in runs]
    progress = Progress(sum(len(files) for _, files in runs) if args.verbosity >= 0 else 0,
                        sys.stderr)  # fmt: skip
    tally = Tally(mode, args.format, sys.stdout, sys.stderr, progress, **colors)
    for path in mine:  # as cat: the output is never read back (it would grow forever)
        tally.add(Outcome(str(path), warning=f"{path}: is the output file, skipped"))
    done = 0
    set_up: dict[int, tuple[Normalizer, Job]] = {}
    for config, files in runs:
        if not files:
            continue
        if id(config) not in set_up:
            set_up[id(config)] = _set_up(args, mode, config)
        normalizer, job = set_up[id(config)]
        for group, long in _long_files(files):
            if long:  # a long file: streamed in bounded memory, or read whole up to a limit
                from translit.cli.pipe import fix_long_file

                sys.stdout.flush()
                tally.add(fix_long_file(normalizer, job, str(group[0]), tally, sys.stdout.buffer))
                progress.step(done + 1)
            else:
                for outcome in run(group, normalizer, job, args.jobs, progress, done):
                    tally.add(outcome)
            done += len(group)
    progress.close()
    for message in problems:
        tally.add(Outcome(message.split(":", 1)[0], error=message))
    sys.stdout.flush()
    if mode != "stdout" and not (args.verbosity < 0 and tally.clean):
        to_stderr(tally.summary())
    return tally.exit_code


def _set_up(args: argparse.Namespace, mode: str, config: Config) -> tuple[Normalizer, Job]:
    """The Normalizer and the job of the files *config* applies to."""
    from translit.cli.runner import Job
    from translit.documents.changes import allowed

    normalizer, style = config.normalizer(
        args.aliases, args.style, config.language(args.lang), args.places
    )
    started(args)
    return normalizer, Job(mode, style, allowed([*config.allow, *args.allow]), explain=args.explain)


def _configs(args: argparse.Namespace, files: list[Path]) -> list[tuple[Config, list[Path]]]:
    """*files* in order, in runs that share a config: the one ``--config`` names (or none,
    ``--no-config``), else each file's own, found from its folder upwards to its git
    repository's root, as ruff and black find theirs."""
    if args.no_config or args.config:
        return [(settings(args), files)]
    from translit.cli.config import Config
    from translit.cli.configfile import load_config
    from translit.cli.configsearch import find_config

    by_folder: dict[str, str | None] = {}
    loaded: dict[str | None, Config] = {}
    runs: list[tuple[Config, list[Path]]] = []
    for path in files:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in by_folder:
            found = find_config(folder)
            by_folder[folder] = None if found is None else str(found)
        key = by_folder[folder]
        if key not in loaded:
            from pathlib import Path

            loaded[key] = Config() if key is None else load_config(Path(key))
        config = loaded[key]
        if runs and runs[-1][0] is config:
            runs[-1][1].append(path)
        else:
            runs.append((config, [path]))
    return runs


def _long_files(files: list[Path]) -> Iterator[tuple[list[Path], bool]]:
    """*files* in order, in groups: each file longer than ``STREAM_AFTER`` alone (True),
    the others together (False)."""
    from translit.cli.runner import STREAM_AFTER

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


_TABLE_FLAGS = {"--no-places": ("places", False), "--places": ("places", True),
                "--regions": ("regions", True)}  # fmt: skip
"""The options of a plain ``normalize`` read without the parser, and what each sets:
whether the gazetteer is in (``--places`` and ``--regions`` of 0.1 ask for what is
the default now)."""


def _plain_normalize(argv: Sequence[str]) -> argparse.Namespace | None:
    """The usual call in a pipe, ``translit normalize`` with no option but
    ``--no-places``, read without building the parser (argparse and its help machinery
    are a tenth of such a run): the parser's defaults, and what each flag sets, in the
    order given (the last of ``--no-places`` and ``--places`` wins, as in the parser).
    None for any other call."""
    if not argv or argv[0] != "normalize" or not set(argv[1:]) <= _TABLE_FLAGS.keys():
        return None
    args = SimpleNamespace(**normalize_defaults())
    for flag in argv[1:]:
        setattr(args, *_TABLE_FLAGS[flag])
    return cast("argparse.Namespace", args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Without *argv*, main is the program (the ``translit`` script, ``python -m
    translit``), and the process ends when it returns: ``normalize`` then pauses
    the cyclic garbage collector while it starts (see :func:`started`)."""
    program = argv is None
    argv = sys.argv[1:] if argv is None else argv
    args = _plain_normalize(argv) or _parser().parse_args(argv)
    args.paused = program and args.command == "normalize"
    if args.paused:
        gc.disable()
    from translit.cli.config import ConfigError
    from translit.documents.files import FileError, Skipped

    try:
        if args.command == "normalize":
            return _normalize(args)
        from translit.cli.commands import COMMANDS  # the others: not on the way of a pipe

        return COMMANDS[args.command](args)
    except (TranslitError, ValueError, ConfigError, FileError, Skipped, UsageError) as exc:
        if use_color(getattr(args, "color", "never"), sys.stderr):
            from translit.cli.report import problem

            to_stderr(problem(str(exc), "error", color=True))
        else:
            to_stderr(f"translit: {exc}")
        return 2
    except BrokenPipeError:  # the reader went away (| head): quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit
        return BROKEN_PIPE
    except KeyboardInterrupt:
        to_stderr("translit: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
