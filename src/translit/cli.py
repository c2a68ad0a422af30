"""The ``translit`` command line.

Exit codes: 0 success; 2 a usage, configuration or input error (one line on
standard error naming the file and what to do, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import TranslitError

__all__ = ["main"]

_EPILOG = {
    "normalize": "example: echo 'Lukashenko visited Kiev' | translit normalize",
    "lookup": "example: translit lookup Lukashenko Гомель 'Svetlana Tikhanovskaya'",
    "transliterate": "example: echo 'Ціханоўская' | translit transliterate --scheme be-lacinka",
}


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translit",
        description="Bring the spellings of Belarusian, Ukrainian and Russian names to one form.",
        epilog="example: echo 'Lukashenko visited Kiev' | translit normalize",
    )
    parser.add_argument("--version", action="version", version=f"translit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    norm = sub.add_parser(
        "normalize", help="write text with canonical names", epilog=_EPILOG["normalize"]
    )
    norm.add_argument("paths", nargs="*", metavar="PATH", help="files to read; '-' or none: stdin")
    _table_options(norm)

    look = sub.add_parser("lookup", help="the canonical form of names", epilog=_EPILOG["lookup"])
    look.add_argument("names", nargs="+", metavar="NAME")
    _table_options(look)

    trans = sub.add_parser(
        "transliterate", help="romanize Cyrillic text", epilog=_EPILOG["transliterate"]
    )
    trans.add_argument("--scheme", required=True, help="a scheme id, or be, uk, ru, auto")
    trans.add_argument("paths", nargs="*", metavar="FILE", help="files to read; '-' or none: stdin")
    return parser


def _table_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--style", default="en", help="output style (default: en)")
    parser.add_argument(
        "--aliases", action="append", default=[], metavar="FILE", help="extra alias table"
    )


def _read(paths: Sequence[str]) -> list[tuple[str, str]]:
    if not paths:
        paths = ["-"]
    result = []
    for path in paths:
        if path == "-":
            result.append(("<stdin>", sys.stdin.read()))
            continue
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise _UsageError(f"{path}: cannot read ({exc.strerror}); check the path") from exc
        try:
            result.append((path, data.decode("utf-8")))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise _UsageError(f"{path}:{line}: not valid UTF-8; convert the file to UTF-8") from exc
    return result


def _run(args: argparse.Namespace) -> int:
    if args.command == "transliterate":
        from .romanize import transliterate

        for _, text in _read(args.paths):
            sys.stdout.write(transliterate(text, args.scheme))
        return 0
    from .normalizer import Normalizer

    normalizer = Normalizer(args.aliases, style=args.style)
    if args.command == "normalize":
        for _, text in _read(args.paths):
            sys.stdout.write(normalizer.normalize(text))
        return 0
    for name in args.names:
        found = normalizer.find(name)
        canonical = normalizer.canonical(name)
        if canonical is None:
            print(f"{name}\t-\tunknown")
            continue
        reason = found[0].reason if found else "canonical lookup"
        entity = found[0].entity if found else "-"
        print(f"{name}\t{canonical}\t{entity}\t{reason}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (TranslitError, ValueError, _UsageError) as exc:
        print(f"translit: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
