"""The arguments of the ``translit`` command line: its argparse parser.

:func:`translit.cli.main.main` builds it for every command line but a bare
``translit normalize`` (all defaults: :func:`translit.cli.main.normalize_defaults`,
which the parser uses too), so that a pipe does not pay for argparse.

>>> parser().parse_args(["lookup", "Kiev"]).names
['Kiev']
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from translit.cli.common import normalize_defaults
from translit.version import __version__, build

__all__ = ["COMMAND_HELP", "parser", "schemes_help"]

COMMAND_HELP = {
    "normalize": ("write text with canonical names (stdin, files or folders)", """examples:
  echo 'Lukashenko visited Kiev' | translit normalize
  translit normalize --check docs/          # report; exit 1 if a name would change
  translit normalize --diff README.md       # the changes as a unified diff
  translit normalize --in-place docs/ *.md  # fix the files; exit 1 if one changed
  translit normalize --check --explain --lang fr docs/  # also the names left, and why
  translit normalize --jsonl --field text --field meta.title news.jsonl -o clean.jsonl
  translit normalize --csv --column body --jobs 4 news.csv > clean.csv
  translit normalize --jsonl --field text --lang-field meta.lang news.jsonl > clean.jsonl
  translit normalize --parquet --column text news.parquet --output clean.parquet"""),
    "lookup": ("the canonical form, entity and reason for names",
               "example:\n  translit lookup Lukashenko Гомель 'Svetlana Tikhanovskaya'"),
    "variants": ("every spelling the tables match for an entity",
                 "example:\n  translit variants kyiv"),
    "validate": ("check alias tables, scheme files and language files",
                 "example:\n  translit validate our_aliases.yaml languages/pl.yaml"),
    "transliterate": ("romanize Cyrillic text", "example:\n  echo 'Ціханоўская' | "
                      "translit transliterate --scheme be-lacinka"),
}  # fmt: skip
"""Each command's help line and examples."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line, with a hint to ``--help``
    (argparse's own print the whole usage block), and whose help can end with text
    made only when the help is asked for (``more_help``)."""

    more_help: Callable[[], str] | None = None

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"translit: {message}; run '{self.prog} --help'\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> argparse.Namespace:
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:  # after a command, its own help is the one to read
            command = getattr(parsed, "command", None)
            prog = f"{self.prog} {command}" if command else self.prog
            self.exit(2, f"translit: unrecognized arguments: {' '.join(extra)}; "
                      f"run '{prog} --help'\n")  # fmt: skip
        assert isinstance(parsed, argparse.Namespace)
        return parsed

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stdout.flush()
        super().exit(status, message)

    def format_help(self) -> str:
        if self.more_help is not None:
            self.epilog = f"{self.more_help()}\n\n{self.epilog or ''}".rstrip()
            self.more_help = None
        return super().format_help()


def schemes_help() -> str:
    """The schemes ``transliterate --scheme`` takes: each id with its name (from its
    file), the languages' defaults and ``auto``.

    >>> print(schemes_help())  # doctest: +ELLIPSIS
    schemes (--scheme):
      be-alalc            ALA-LC romanization of Belarusian
    ...
      auto                each word by the language its letters tell
    """
    from translit.tables.schemes import SCHEMES_DIR, load_table, scheme_ids

    tables = [load_table(SCHEMES_DIR / f"{name}.yaml") for name in scheme_ids()]
    lines = ["schemes (--scheme):"]
    lines += [f"  {t.id:<19} {t.name}" for t in tables]
    lines += [f"  {t.language:<19} the default for {t.language}: {t.id}"
              for t in tables if t.default]  # fmt: skip
    lines.append(f"  {'auto':<19} each word by the language its letters tell")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """The parser of the ``translit`` command line."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="translit",
        description="Bring the spellings of Belarusian, Ukrainian and Russian names to one form.",
        epilog="example:\n  echo 'Lukashenko visited Kiev' | translit normalize",
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version",
                        version=f"translit {__version__} ({build()})")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = {
        name: sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".",
                             epilog=example, formatter_class=raw)
        for name, (text, example) in COMMAND_HELP.items()
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
                      "github (workflow annotations); --diff: text, or json (one object a "
                      "changed file)")  # fmt: skip
    norm.add_argument("--jobs", "-j", type=int, metavar="N",
                      help="processes for many files or a corpus (default: the cores)")  # fmt: skip
    norm.add_argument("--stdin-filename", metavar="NAME",
                      help="a name for stdin, for reports and its file type (.md)")  # fmt: skip
    norm.add_argument("--allow", action="append", metavar="FORM",
                      help="a spelling to leave as written (adds to the config's)")  # fmt: skip
    norm.add_argument("--exclude", action="append", metavar="GLOB",
                      help="files to leave alone (adds to the config's)")  # fmt: skip
    norm.add_argument("--lang", metavar="LANG",
                      help="the language of the text (en, fr, pl ...; default: the config's, "
                      "or told per paragraph)")  # fmt: skip
    norm.add_argument("--explain", action="store_true",
                      help="with --check or --in-place: also report each name left as written, "
                      "and why")  # fmt: skip
    talk = norm.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1,
                      help="only the problems: errors, warnings, and the findings of --check "
                      "(no summary for a clean run)")  # fmt: skip
    talk.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1,
                      help="also each file left unchanged, and with --check or --in-place "
                      "every name found, with its reason (as --explain)")  # fmt: skip
    _corpus_options(norm)
    for name in ("normalize", "lookup", "variants"):
        commands[name].add_argument("--style", help="output style (default: the config's, or en)")
        commands[name].add_argument("--aliases", action="append", default=[], metavar="FILE",
                                    help="an extra alias table (adds to the config's)")  # fmt: skip
        commands[name].add_argument("--no-places", dest="places", action="store_false",
                                    default=None, help="leave the gazetteer out: the towns "
                                    "of Belarus and Ukraine, their regions "
                                    "(docs/places.md)")  # fmt: skip
        # (the options of 0.1, when the gazetteer was asked for: what they asked is the default)
        commands[name].add_argument("--places", dest="places", action="store_true",
                                    help=argparse.SUPPRESS)  # fmt: skip
        commands[name].add_argument("--regions", action="store_true", help=argparse.SUPPRESS)
        config = commands[name].add_mutually_exclusive_group()
        config.add_argument("--config", metavar="FILE", help="the config file (default: "
                            ".translit.yaml or pyproject.toml, up to the git root)")  # fmt: skip
        config.add_argument("--no-config", action="store_true", help="ignore config files")
    for command in commands.values():
        command.add_argument("--color", "--colour", choices=("auto", "always", "never"),
                             default="auto",
                             help="colour diffs, reports and warnings: auto (on a terminal, "
                             "unless NO_COLOR is set), always (for less -R), never")  # fmt: skip
    norm.set_defaults(**{k: v for k, v in normalize_defaults().items() if k != "command"})
    commands["lookup"].add_argument("names", nargs="+", metavar="NAME")
    commands["variants"].add_argument("entity", metavar="ENTITY", help="an entity id, e.g. kyiv")
    commands["validate"].add_argument(
        "tables", nargs="+", metavar="FILE",
        help="an alias table, or a scheme or language file (told by its folder, schemes/ or "
             "languages/, else by its keys)")  # fmt: skip
    for name in ("lookup", "variants"):
        commands[name].add_argument("--format", choices=("text", "json"), default="text",
                                    help="text (tab-separated columns) or json (one object "
                                    "a line)")  # fmt: skip
    trans = commands["transliterate"]
    assert isinstance(trans, _Parser)
    trans.more_help = schemes_help  # the scheme files are read for the help only
    trans.add_argument("--scheme", required=True,
                       help="a scheme id, or be, uk, ru, auto (listed below)")  # fmt: skip
    trans.add_argument("--errors", choices=("strict", "fallback"), default="strict",
                       help="a Cyrillic letter the scheme does not cover: an error "
                       "(strict, the default) or romanized by unidecode, with a warning "
                       "(fallback)")  # fmt: skip
    trans.add_argument("paths", nargs="*", metavar="FILE", help="files to read; '-' or none: stdin")
    return parser


def _corpus_options(norm: argparse.ArgumentParser) -> None:
    group = norm.add_argument_group("corpora: JSON Lines, CSV, Parquet (README: Corpora)")
    kinds = group.add_mutually_exclusive_group()
    for kind, text in (("jsonl", "JSON Lines, one record a line"), ("csv", "CSV with a header"),
                       ("parquet", "Parquet (pip install 'translit-names[parquet]')")):
        kinds.add_argument(f"--{kind}", dest="corpus", action="store_const", const=kind,
                           help=f"the input is {text}")
    group.add_argument("--field", "--column", dest="fields", action="append", metavar="NAME",
                       help="a field to normalize (repeatable; a.b: nested field)")
    group.add_argument("--lang-field", "--lang-column", metavar="NAME",
                       help="a field holding each record's language (a.b: nested; empty or "
                       "missing: --lang, or told)")  # fmt: skip
    group.add_argument("--mentions", metavar="FIELD",
                       help="add each record's mentions as a list under FIELD")
    group.add_argument("--output", "-o", metavar="FILE",
                       help="write to FILE (atomically) instead of standard output")
    group.add_argument("--on-error", choices=("stop", "skip"),
                       help="a bad record stops the run (exit 2; default) or is skipped")
    group.add_argument("--batch-size", type=int, metavar="N",
                       help="records per batch sent to a process (default 10000)")  # fmt: skip
