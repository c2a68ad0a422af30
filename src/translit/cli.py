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

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from . import __version__
from .errors import TranslitError

if TYPE_CHECKING:
    import argparse

    from .config import Config

__all__ = ["main"]

_COMMAND_HELP = {
    "normalize": ("write text with canonical names (stdin, files or folders)", """examples:
  echo 'Lukashenko visited Kiev' | translit normalize
  translit normalize --check docs/          # report; exit 1 if a name would change
  translit normalize --diff README.md       # the changes as a unified diff
  translit normalize --in-place docs/ *.md  # fix the files; exit 1 if one changed
  translit normalize --jsonl --field text --field meta.title news.jsonl -o clean.jsonl
  translit normalize --csv --column body --jobs 4 news.csv > clean.csv
  translit normalize --parquet --column text news.parquet --output clean.parquet"""),
    "lookup": ("the canonical form, entity and reason for names",
               "example:\n  translit lookup Lukashenko Гомель 'Svetlana Tikhanovskaya'"),
    "variants": ("every spelling the tables match for an entity",
                 "example:\n  translit variants kyiv"),
    "validate": ("check alias tables", "example:\n  translit validate our_aliases.yaml"),
    "transliterate": ("romanize Cyrillic text", "example:\n  echo 'Ціханоўская' | "
                      "translit transliterate --scheme be-lacinka"),
}  # fmt: skip


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
    }  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    import argparse

    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="translit",
        description="Bring the spellings of Belarusian, Ukrainian and Russian names to one form.",
        epilog="example:\n  echo 'Lukashenko visited Kiev' | translit normalize",
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"translit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = {
        name: sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".",
                             epilog=example, formatter_class=raw)
        for name, (text, example) in _COMMAND_HELP.items()
    }  # fmt: skip
    norm = commands["normalize"]
    norm.add_argument("paths", nargs="*", metavar="PATH", help="files, folders; '-' or none: stdin")
    modes = norm.add_mutually_exclusive_group()
    for flags, mode, text in (
        (("-i", "--in-place"), "in-place", "fix the files; exit 1 when one changed"),
        (("--check",), "check", "report the names to change, write nothing; exit 1 if any"),
        (("--diff",), "diff", "print a unified diff, write nothing; exit 1 if any"),
    ):
        modes.add_argument(*flags, dest="mode", action="store_const", const=mode, help=text)
    norm.add_argument("--format", choices=("text", "json", "github"),
                      help="report of --check and --in-place: text, json (one object a line), "
                      "github (workflow annotations)")  # fmt: skip
    norm.add_argument("--jobs", "-j", type=int, metavar="N",
                      help="processes for many files or a corpus (default: the cores)")  # fmt: skip
    norm.add_argument("--stdin-filename", metavar="NAME",
                      help="a name for stdin, for reports and its file type (.md)")  # fmt: skip
    norm.add_argument("--allow", action="append", metavar="FORM",
                      help="a spelling to leave as written (adds to the config's)")  # fmt: skip
    norm.add_argument("--exclude", action="append", metavar="GLOB",
                      help="files to leave alone (adds to the config's)")  # fmt: skip
    _corpus_options(norm)
    for name in ("normalize", "lookup", "variants"):
        commands[name].add_argument("--style", help="output style (default: the config's, or en)")
        commands[name].add_argument("--aliases", action="append", default=[], metavar="FILE",
                                    help="an extra alias table (adds to the config's)")  # fmt: skip
        config = commands[name].add_mutually_exclusive_group()
        config.add_argument("--config", metavar="FILE", help="the config file (default: "
                            ".translit.yaml or pyproject.toml, up to the git root)")  # fmt: skip
        config.add_argument("--no-config", action="store_true", help="ignore config files")
    norm.set_defaults(**{k: v for k, v in _normalize_defaults().items() if k != "command"})
    commands["lookup"].add_argument("names", nargs="+", metavar="NAME")
    commands["variants"].add_argument("entity", metavar="ENTITY", help="an entity id, e.g. kyiv")
    commands["validate"].add_argument("tables", nargs="+", metavar="TABLE")
    trans = commands["transliterate"]
    trans.add_argument("--scheme", required=True, help="a scheme id, or be, uk, ru, auto")
    trans.add_argument("paths", nargs="*", metavar="FILE", help="files to read; '-' or none: stdin")
    return parser


def _corpus_options(norm: argparse.ArgumentParser) -> None:
    group = norm.add_argument_group("corpora: JSON Lines, CSV, Parquet (README: Corpora)")
    kinds = group.add_mutually_exclusive_group()
    for kind, text in (("jsonl", "JSON Lines, one record a line"), ("csv", "CSV with a header"),
                       ("parquet", "Parquet (pip install 'translit[parquet]')")):
        kinds.add_argument(f"--{kind}", dest="corpus", action="store_const", const=kind,
                           help=f"the input is {text}")
    group.add_argument("--field", "--column", dest="fields", action="append", metavar="NAME",
                       help="a field to normalize (repeatable; a.b: nested field)")
    group.add_argument("--mentions", metavar="FIELD",
                       help="add each record's mentions as a list under FIELD")
    group.add_argument("--output", "-o", metavar="FILE",
                       help="write to FILE (atomically) instead of standard output")
    group.add_argument("--on-error", choices=("stop", "skip"),
                       help="a bad record stops the run (exit 2; default) or is skipped")
    group.add_argument("--batch-size", type=int, metavar="N",
                       help="records per batch sent to a process (default 10000)")  # fmt: skip


def _config(args: argparse.Namespace) -> Config:
    from .config import resolve

    return resolve(False if args.no_config else args.config, os.getcwd())


def _normalize(args: argparse.Namespace) -> int:
    from .files import discover
    from .markup import kind_of
    from .report import Progress, Tally
    from .runner import STREAM_AFTER, Job, allowed, fix_bytes, run, stream_text

    if args.corpus:
        return _corpus(args)
    for flag, value in (("--field", args.fields), ("--mentions", args.mentions),
                        ("--output", args.output), ("--on-error", args.on_error != "stop")):
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
    if args.jobs < 1:
        raise _UsageError(f"--jobs {args.jobs}: give 1 or more processes")
    config = _config(args)
    normalizer, style = config.normalizer(args.aliases, args.style)
    job = Job(mode, style, allowed([*config.allow, *args.allow]))
    if stdin:
        name = args.stdin_filename or "<stdin>"
        data = _stdin(STREAM_AFTER)
        if len(data) == STREAM_AFTER and mode == "stdout" and kind_of(name) == "plain":
            sys.stdout.flush()
            stream_text(normalizer, job, name, sys.stdin.buffer, sys.stdout.buffer, head=data)
            return 0
        if len(data) == STREAM_AFTER:
            data += _stdin()
        outcome = fix_bytes(normalizer, job, name, data)
        if outcome.warning:  # the only input cannot be passed through
            raise _UsageError(outcome.warning.replace(", skipped", "") + "; pass UTF-8 text")
        Tally(mode, args.format, sys.stdout, sys.stderr).add(outcome)
        return 1 if mode != "stdout" and outcome.findings else 0
    from pathlib import Path  # for files only: standard input does without it

    config = config.excluding([(Path.cwd(), p) for p in args.exclude], args.aliases)
    files = [f for f in discover(paths) if not config.excludes(f)]
    progress = Progress(len(files), sys.stderr)
    tally = Tally(mode, args.format, sys.stdout, sys.stderr, progress)
    for outcome in run(files, normalizer, job, args.jobs, progress):
        tally.add(outcome)
    progress.close()
    sys.stdout.flush()
    if mode != "stdout":
        _stderr(tally.summary())
    return tally.exit_code


def _stdin(size: int = -1) -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read(size) if buffer is not None else sys.stdin.read(size).encode("utf-8")


def _corpus(args: argparse.Namespace) -> int:
    from .corpus import Spec
    from .files import FileError
    from .parallel import Recipe, Stopped, normalizer_for, run_corpus
    from .runner import allowed

    kind, paths = args.corpus, args.paths or ["-"]
    if args.mode:
        raise _UsageError(f"--{kind} writes the normalized corpus; --check, --diff and "
                          "--in-place are for text files")  # fmt: skip
    if not args.fields:
        raise _UsageError(f"--{kind} needs the fields to normalize: --field NAME (repeatable)")
    fields = tuple(dict.fromkeys(args.fields))
    mentions = args.mentions
    if mentions is not None and any(f == mentions or f.startswith(f"{mentions}.") for f in fields):
        raise _UsageError(f"--mentions {mentions}: name a field other than those normalized")
    if kind != "jsonl" and len(paths) > 1:
        raise _UsageError(f"--{kind} reads one file at a time; run once per file")
    if kind == "parquet" and ("-" in paths or not args.output):
        raise _UsageError("--parquet reads a file and writes one: name both (--output FILE)")
    if "-" in paths and len(paths) > 1:
        raise _UsageError("'-' (standard input) cannot be mixed with file names; run twice")
    if args.jobs < 1 or args.batch_size < 1:
        raise _UsageError("--jobs and --batch-size take 1 or more")
    for path in paths:
        if path != "-" and not os.path.isfile(path):
            raise FileError(f"{path}: no such file; check the path")
    if kind == "parquet":  # Arrow's default allocator keeps freed memory; the system one does not
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    config = _config(args)
    normalizer, style = config.normalizer(args.aliases, args.style)
    recipe = Recipe(tuple(str(p) for p in [*config.aliases, *args.aliases]))
    normalizer_for(recipe, normalizer)  # this process has it; forked workers inherit it
    allow = allowed([*config.allow, *args.allow])
    spec = Spec(fields, mentions, style, allow, args.on_error == "skip")
    try:
        counts = run_corpus(kind, paths, spec, recipe, jobs=args.jobs, records=args.batch_size,
                            output=args.output, err=sys.stderr)  # fmt: skip
    except Stopped as exc:
        _stderr(f"translit: {exc}; fix it or pass --on-error skip")
        _stderr(exc.counts.summary())
        return 2
    for name in args.fields:
        if counts.read and not counts.seen[name]:
            _stderr(f"translit: warning: no record has a text {name!r}; check the name")
    _stderr(counts.summary())
    return 0


def _stderr(message: str) -> None:
    sys.stdout.flush()
    print(message, file=sys.stderr, flush=True)


def _lookup(args: argparse.Namespace) -> int:
    normalizer, style = _config(args).normalizer(args.aliases, args.style)
    for name in args.names:
        canonical = normalizer.canonical(name, style=style)
        if canonical is None:
            print(f"{name}\t-\tunknown")
            continue
        found = normalizer.find(name, style=style) or normalizer.find(canonical, style=style)
        entity = found[0].entity if found else "-"
        exact = len(found) == 1 and found[0].text == name
        reason = found[0].reason if exact else "canonical lookup"
        print(f"{name}\t{canonical}\t{entity}\t{reason}")
    return 0


def _variants(args: argparse.Namespace) -> int:
    normalizer, _ = _config(args).normalizer(args.aliases, args.style)
    found = {(form, why) for form, entity, why in normalizer.variants() if entity == args.entity}
    rows = sorted(found)
    if not rows:
        import difflib

        entities = sorted({entity for _, entity, _ in normalizer.variants()})
        close = difflib.get_close_matches(args.entity, entities, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "find ids with translit lookup"
        raise _UsageError(f"{args.entity}: unknown entity; {hint}")
    for form, reason in rows:
        print(f"{form}\t{reason}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .normalizer import Normalizer

    failed = False
    for table in args.tables:
        try:
            Normalizer([table])
        except TranslitError as exc:
            _stderr(f"translit: {exc}")
            failed = True
        else:
            print(f"{table}: ok")
    if not failed and len(args.tables) > 1:
        try:
            Normalizer(args.tables)
        except TranslitError as exc:
            _stderr(f"translit: {exc} (with all the tables together)")
            failed = True
    return 2 if failed else 0


def _transliterate(args: argparse.Namespace) -> int:
    from .files import FileError, Skipped, decode, read
    from .romanize import transliterate

    for path in args.paths or ["-"]:
        data = _stdin() if path == "-" else read(path)[0]
        try:
            doc = decode(data, "<stdin>" if path == "-" else path)
        except Skipped as exc:
            raise FileError(str(exc).replace(", skipped", "") + "; pass UTF-8 text") from exc
        sys.stdout.flush()
        sys.stdout.buffer.write(doc.encode(transliterate(doc.text, args.scheme)))
        sys.stdout.flush()
    return 0


_COMMANDS = {"normalize": _normalize, "lookup": _lookup, "variants": _variants,
             "validate": _validate, "transliterate": _transliterate}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from .config import ConfigError
    from .files import FileError, Skipped

    argv = sys.argv[1:] if argv is None else argv
    if list(argv) == ["normalize"]:  # the usual call in a pipe: every option at its default,
        # known without building the parser (argparse and its help machinery are a
        # tenth of such a run)
        args = cast("argparse.Namespace", SimpleNamespace(**_normalize_defaults()))
    else:
        args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
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
