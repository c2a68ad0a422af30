"""The commands of the command line other than ``normalize`` on text (which
:mod:`translit.cli.main` runs itself, so that a pipe compiles none of this).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from translit.cli.common import (
    UsageError,
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

    from translit.errors import UnmappedCharacterError

__all__ = ["COMMANDS", "corpus", "lookup", "transliterate", "validate", "variants"]


def corpus(args: argparse.Namespace) -> int:
    """``normalize --jsonl``, ``--csv`` or ``--parquet``: a corpus, record by record."""
    from translit.cli.report import problem
    from translit.corpus.parallel import Recipe, normalizer_for
    from translit.corpus.records import Spec
    from translit.corpus.run import Stopped, UnknownField, run_corpus
    from translit.documents.changes import allowed
    from translit.documents.files import FileError

    kind, paths = args.corpus, args.paths or ["-"]
    if args.mode:
        raise UsageError(f"--{kind} writes the normalized corpus; --check, --diff and "
                          "--in-place are for text files")  # fmt: skip
    if args.explain:
        raise UsageError(f"--explain is for text files; with --{kind}, --mentions FIELD "
                          "lists the names left as written, and why")  # fmt: skip
    if not args.fields:
        raise UsageError(f"--{kind} needs the fields to normalize: --field NAME (repeatable)")
    fields = tuple(dict.fromkeys(args.fields))
    mentions, lang_field = args.mentions, args.lang_field
    for flag, name in (("--mentions", mentions), ("--lang-field", lang_field)):
        if name is not None and any(f == name or f.startswith(f"{name}.") for f in fields):
            raise UsageError(f"{flag} {name}: name a field other than those normalized")
    if mentions is not None and mentions == lang_field:
        raise UsageError(f"--mentions {mentions}: name a field other than --lang-field's")
    if kind != "jsonl" and len(paths) > 1:
        raise UsageError(f"--{kind} reads one file at a time; run once per file")
    if kind == "parquet" and ("-" in paths or not args.output):
        raise UsageError("--parquet reads a file and writes one: name both (--output FILE)")
    if "-" in paths and len(paths) > 1:
        raise UsageError("'-' (standard input) cannot be mixed with file names; run twice")
    if args.jobs < 1 or args.batch_size < 1:
        raise UsageError("--jobs and --batch-size take 1 or more")
    missing = [_not_a_file(path, f"--{kind} reads a file; name it (or pipe it to standard "
                           "input)") for path in paths if path != "-" and not os.path.isfile(path)]
    for message in missing[:-1]:
        to_stderr(problem(message, "error", use_color(args.color, sys.stderr)))
    if missing:  # the last one, as any error: exit code 2
        raise FileError(missing[-1])
    if kind == "parquet":  # Arrow's default allocator keeps freed memory; the system one does not
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    config = settings(args)
    lang = config.language(args.lang)  # the records' default; the Normalizer's own is None
    normalizer, style = config.normalizer(args.aliases, args.style, places=args.places)
    started(args)
    recipe = Recipe(tuple(str(p) for p in [*config.aliases, *args.aliases]),
                    places=config.with_places(args.places))  # fmt: skip
    normalizer_for(recipe, normalizer)  # this process has it; forked workers inherit it
    allow = allowed([*config.allow, *args.allow])
    spec = Spec(fields, mentions, style, allow, args.on_error == "skip", lang, lang_field)
    try:
        counts = run_corpus(kind, paths, spec, recipe, jobs=args.jobs, records=args.batch_size,
                            output=args.output, err=sys.stderr)  # fmt: skip
    except Stopped as exc:
        fix = "" if isinstance(exc, UnknownField) else "; fix it or pass --on-error skip"
        to_stderr(f"translit: {exc}{fix}")
        to_stderr(exc.counts.summary())
        return 2
    to_stderr(counts.summary())
    return 0


def _row(args: argparse.Namespace, **fields: str | None) -> None:
    """One line of output: with ``--format json`` an object of *fields*, else their values
    tab-separated (a None value: ``-``)."""
    if args.format == "json":
        import json

        print(json.dumps(fields, ensure_ascii=False))
    else:
        print("\t".join("-" if v is None else v for v in fields.values()))


def lookup(args: argparse.Namespace) -> int:
    """``lookup``: the canonical form, entity, reason and GeoNames id of each name
    (``--format json``: ``name``, ``canonical``, ``entity``, ``reason``, ``geonames``;
    null where the text has ``-``)."""
    from translit.tables.bundled import bundled_table_files
    from translit.tables.geonames import geonames_ids

    config = settings(args)
    normalizer, style = config.normalizer(args.aliases, args.style, places=args.places)
    ids: dict[str, int] | None = None
    for name in args.names:
        canonical = normalizer.canonical(name, style=style)
        if canonical is None:  # the text has three columns then: no entity
            if args.format == "json":
                _row(args, name=name, canonical=None, entity=None, reason="unknown",
                     geonames=None)
            else:
                print(f"{name}\t-\tunknown")
            continue
        found = normalizer.find(name, style=style) or normalizer.find(canonical, style=style)
        entity = found[0].entity if found else None
        exact = len(found) == 1 and found[0].text == name
        reason = found[0].reason if exact else "canonical lookup"
        if ids is None:
            ids = geonames_ids([*bundled_table_files(), *config.aliases, *args.aliases])
        place = ids.get(entity) if entity else None
        _row(args, name=name, canonical=canonical, entity=entity, reason=reason,
             geonames=None if place is None else str(place))
    return 0


def variants(args: argparse.Namespace) -> int:
    """``variants``: every spelling the tables match for an entity (``--format json``:
    ``form``, ``reason``)."""
    normalizer, _ = settings(args).normalizer(args.aliases, args.style, places=args.places)
    found = {(form, why) for form, entity, why in normalizer.variants() if entity == args.entity}
    rows = sorted(found)
    if not rows:
        import difflib

        entities = sorted({entity for _, entity, _ in normalizer.variants()})
        close = difflib.get_close_matches(args.entity, entities, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "find ids with translit lookup"
        raise UsageError(f"{args.entity}: unknown entity; {hint}")
    for form, reason in rows:
        _row(args, form=form, reason=reason)
    return 0


def validate(args: argparse.Namespace) -> int:
    """``validate``: check scheme files, language files and the given names file
    against the schema, and alias tables (against the schema too, when they load)
    each alone and all together (the kind of each file: its folder, else its keys;
    see :func:`translit.tables.schema.kind_of`)."""
    from pathlib import Path

    from translit.normalizer import Normalizer
    from translit.tables.aliases import common_word_forms, load_tables
    from translit.tables.given_names import load_given_names
    from translit.tables.languages import load_language
    from translit.tables.schema import kind_of
    from translit.tables.schemes import load_table
    from translit.tables.yamlfile import load_file

    failed, tables = False, []
    for table in args.tables:
        try:
            doc = load_file(table)
        except TranslitError:
            doc = None  # reported by the loader of its kind
        kind = kind_of(Path(table).parent.name, doc)
        try:
            if kind == "scheme":
                load_table(Path(table))
            elif kind == "language":
                load_language(Path(table))
            elif kind == "given_names":
                load_given_names(Path(table))
            else:
                tables.append(table)
                Normalizer([table])
                for warning in common_word_forms(load_tables([table])):
                    to_stderr(f"translit: warning: {warning}")
        except TranslitError as exc:
            to_stderr(f"translit: {exc}")
            failed = True
        else:
            print(f"{table}: ok")
    if not failed and len(tables) > 1:
        try:
            Normalizer(tables)
        except TranslitError as exc:
            to_stderr(f"translit: {exc} (with all the tables together)")
            failed = True
    return 2 if failed else 0


def transliterate(args: argparse.Namespace) -> int:
    """``transliterate``: romanize files or standard input.

    A file that cannot be read, is not UTF-8 or holds a letter the scheme does not
    cover does not stop the others: each gets one line on standard error, after the
    files that could be romanized, and the exit code is 2."""
    import warnings

    from translit.cli.report import problem
    from translit.documents.files import FileError, Skipped, decode, read
    from translit.errors import UnmappedCharacterError
    from translit.romanize import FallbackWarning, transliterate

    paths = args.paths or ["-"]
    if "-" in paths and len(paths) > 1:
        raise UsageError("'-' (standard input) cannot be mixed with file names; run twice")
    if not args.paths:  # typed at a prompt: say what it waits for
        stdin_hint("translit transliterate --scheme SCHEME FILE ...")
    transliterate("", args.scheme)  # an unknown scheme: one error, before any file
    color = use_color(args.color, sys.stderr)
    problems: list[str] = []
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            if path == "-":
                data = read_stdin()
            elif not os.path.isfile(path):  # named on the command line: not one that vanished
                raise FileError(_not_a_file(path, "transliterate reads files"))
            else:
                data = read(path)[0]
            try:
                doc = decode(data, name)
            except Skipped as exc:
                raise FileError(str(exc).replace(", skipped", "") + "; pass UTF-8 text") from exc
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", FallbackWarning)
                try:
                    out = transliterate(doc.text, args.scheme, errors=args.errors)
                except UnmappedCharacterError as exc:
                    raise FileError(_unmapped(name, doc.text, exc)) from exc
        except (FileError, Skipped) as exc:
            problems.append(str(exc))
            continue
        for warning in caught:
            to_stderr(problem(f"warning: {name}: {warning.message}", "warning", color))
        sys.stdout.flush()
        sys.stdout.buffer.write(doc.encode(out))
        sys.stdout.flush()
    if problems:
        for message in problems[:-1]:
            to_stderr(problem(message, "error", color))
        raise FileError(problems[-1])  # the last line, as any error: exit code 2
    return 0


def _not_a_file(path: str, what: str) -> str:
    """Why *path*, named on the command line, is not a file to read (*what*: what the
    command reads, for a folder)."""
    if os.path.isdir(path):
        return f"{path}: is a folder; {what}"
    if os.path.exists(path):
        return f"{path}: not a regular file; name a file, or pipe it to standard input"
    return f"{path}: no such file; check the path"


def _unmapped(name: str, text: str, exc: UnmappedCharacterError) -> str:
    """The command line's message for a letter the scheme does not cover: where it is
    (line and column, 1-based), and the option that romanizes it anyway."""
    line = text.count("\n", 0, exc.position) + 1
    column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    return (f"{name}:{line}:{column}: {exc.char!r} (U+{ord(exc.char):04X}) is not covered "
            f"by scheme {exc.scheme!r}; pick the scheme of the text's language, or pass "
            "--errors fallback (unidecode romanizes such letters)")  # fmt: skip


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "lookup": lookup, "variants": variants, "validate": validate, "transliterate": transliterate,
}  # fmt: skip
"""The function of each command but ``normalize``."""
