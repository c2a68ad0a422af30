"""The command line's manners (issue 16): a mistake in the command fails loudly, in one
line with a hint; lookup, variants and --diff speak JSON; transliterate --help lists
the schemes; messages say what happened; a closed pipe ends the run quietly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Cli, cli_runner
from translit.cli.main import BROKEN_PIPE
from translit.cli.runner import STREAM_AFTER
from translit.tables.schemes import SCHEMES_DIR, load_table, scheme_ids


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """Run ``translit ARGS`` in-process in *tmp_path*; standard input is bytes."""
    return cli_runner(monkeypatch, tmp_path)


# --- an unknown --field or --column ---------------------------------------------


def test_jsonl_field_in_no_record_names_the_fields_most_frequent_first(
    run: Cli, tmp_path: Path
) -> None:
    records = [
        {"id": 1, "text": "Kiev", "meta": {"title": "Gomel"}},
        {"id": 2, "text": "Kiev", "meta": {"title": "Kiev", "n": 3}},
        {"id": 3, "text": "Kiev", "body": "x"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in records)
    (tmp_path / "n.jsonl").write_text(data)
    result = run("normalize", "--jsonl", "--field", "txt", "n.jsonl")
    assert result.code == 2
    assert result.err.splitlines() == [
        "translit: --field txt: no record has text there; the fields with text are: "
        "text (3 records), meta.title (2), body (1)",
        "translit: 3 records read, 0 changed, 0 skipped",
    ]
    assert result.text == data  # standard output has had the records, as they were
    # a typo beside a good field fails too, although the good one was normalized
    both = run("normalize", "--jsonl", "--field", "text", "--field", "meta.titel", "n.jsonl")
    assert both.code == 2 and "--field meta.titel: no record has text there" in both.err
    assert both.text.count("Kyiv") == 3
    # a field some records lack is fine: it is optional
    fine = run("normalize", "--jsonl", "--field", "text", "--field", "body", "n.jsonl")
    assert fine.code == 0
    assert fine.err == "translit: 3 records read, 3 changed (3 names), 0 skipped\n"


def test_jsonl_unknown_field_keeps_the_output_file_and_lists_ten_fields(
    run: Cli, tmp_path: Path
) -> None:
    record = {f"f{i:02}": "x" for i in range(12)}
    (tmp_path / "n.jsonl").write_text(json.dumps(record) + "\n")
    (tmp_path / "out.jsonl").write_text("previous\n")
    result = run("normalize", "--jsonl", "--field", "text", "n.jsonl", "-o", "out.jsonl")
    assert (result.code, result.out) == (2, b"")
    assert (tmp_path / "out.jsonl").read_text() == "previous\n"
    first = result.err.splitlines()[0]
    assert first.endswith("f00 (1 record), f01 (1), f02 (1), f03 (1), f04 (1), f05 (1), "
                          "f06 (1), f07 (1), f08 (1), f09 (1) and 2 more")  # fmt: skip


def test_jsonl_without_records_is_not_refused(run: Cli) -> None:
    result = run("normalize", "--jsonl", "--field", "txt", stdin=b"\n")
    assert (result.code, result.out) == (0, b"\n")


def test_csv_unknown_column_is_refused_before_any_row(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,text\n1,Kiev\n")
    result = run("normalize", "--csv", "--column", "txt", "n.csv")
    assert (result.code, result.out) == (2, b"")
    assert result.err == "translit: n.csv: no column 'txt'; the columns are: id, text\n"
    (tmp_path / "out.csv").write_text("previous\n")
    to_file = run("normalize", "--csv", "--column", "txt", "n.csv", "-o", "out.csv")
    assert (to_file.code, to_file.out) == (2, b"")
    assert (tmp_path / "out.csv").read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.csv", "out.csv"]


def test_parquet_unknown_column_is_refused(run: Cli, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": [1], "text": ["Kiev"]}), tmp_path / "n.parquet")
    result = run("normalize", "--parquet", "--column", "txt", "n.parquet", "-o", "out.parquet")
    assert (result.code, result.out) == (2, b"")
    assert result.err == "translit: n.parquet: no column 'txt'; the columns are: id, text\n"
    assert not (tmp_path / "out.parquet").exists()


# --- usage errors: one line and a hint --------------------------------------------


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("normalize", "--foo"),
         "translit: unrecognized arguments: --foo; run 'translit normalize --help'"),
        (("normalize", "--field"), "translit: argument --field/--column: expected one "
         "argument; run 'translit normalize --help'"),
        (("normalize", "--check", "--format", "xml"), "translit: argument --format: invalid "
         "choice: 'xml' (choose from 'text', 'json', 'github'); run 'translit normalize --help'"),
        (("lookup",), "translit: the following arguments are required: NAME; "
         "run 'translit lookup --help'"),
        (("transliterate",), "translit: the following arguments are required: --scheme; "
         "run 'translit transliterate --help'"),
        (("frob",), "translit: argument COMMAND: invalid choice: 'frob' (choose from "
         "'normalize', 'lookup', 'variants', 'validate', 'transliterate'); run 'translit --help'"),
        ((), "translit: the following arguments are required: COMMAND; run 'translit --help'"),
        (("--foo", "lookup", "Kiev"),
         "translit: unrecognized arguments: --foo; run 'translit lookup --help'"),
    ],
)  # fmt: skip
def test_argparse_errors_are_one_line_with_a_hint(
    run: Cli, args: tuple[str, ...], line: str
) -> None:
    result = run(*args)
    assert (result.code, result.out, result.err) == (2, b"", line + "\n")


def test_translit_usage_errors_are_one_line(run: Cli) -> None:
    result = run("normalize", "--diff", "--format", "github", stdin=b"Kiev")
    assert (result.code, result.out) == (2, b"")
    assert result.err == ("translit: --format github reports --check or --in-place "
                          "(or --diff: json); add one\n")  # fmt: skip


# --- JSON output ------------------------------------------------------------------


def test_lookup_json_has_the_fields_of_the_text(run: Cli) -> None:
    text = run("lookup", "Kiev", "Xyzzy")
    assert text.text == "Kiev\tKyiv\tkyiv\tvariant Kiev (en)\t703448\nXyzzy\t-\tunknown\n"
    result = run("lookup", "--format", "json", "Kiev", "Xyzzy")
    assert result.code == 0
    assert [json.loads(line) for line in result.lines] == [
        {"name": "Kiev", "canonical": "Kyiv", "entity": "kyiv", "reason": "variant Kiev (en)",
         "geonames": "703448"},
        {"name": "Xyzzy", "canonical": None, "entity": None, "reason": "unknown",
         "geonames": None},
    ]


def test_variants_json_has_the_fields_of_the_text(run: Cli) -> None:
    text = run("variants", "kyiv")
    result = run("variants", "--format", "json", "kyiv")
    assert result.code == 0 and len(result.lines) == len(text.lines) > 3
    rows = [json.loads(line) for line in result.lines]
    assert [f"{r['form']}\t{r['reason']}\n" for r in rows] == text.lines
    assert {"form": "kiev", "reason": "variant Kiev (en)"} in rows


def test_diff_json_is_one_object_per_changed_file(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Lukashenko visited Kiev\nend\n")
    (tmp_path / "b.md").write_text("nothing here\n")
    (tmp_path / "c.md").write_text("Gomel\n")
    text = run("normalize", "--diff", "a.md", "b.md", "c.md")
    result = run("normalize", "--diff", "--format", "json", "a.md", "b.md", "c.md")
    assert (result.code, result.err) == (1, text.err)
    rows = [json.loads(line) for line in result.lines]
    assert [(r["path"], r["names"]) for r in rows] == [("a.md", 2), ("c.md", 1)]
    assert "".join(r["diff"] for r in rows) == text.text  # the diff --diff writes
    assert [f["new"] for f in rows[0]["findings"]] == ["Lukashenka", "Kyiv"]
    check = run("normalize", "--check", "--format", "json", "a.md")
    assert rows[0]["findings"] == [json.loads(line) for line in check.lines]
    clean = run("normalize", "--diff", "--format", "json", "b.md")
    assert (clean.code, clean.out) == (0, b"")


def test_transliterate_help_lists_the_schemes_with_their_names(run: Cli) -> None:
    result = run("transliterate", "--help")
    assert result.code == 0
    lines = result.text.splitlines()
    for scheme in scheme_ids():
        name = load_table(SCHEMES_DIR / f"{scheme}.yaml").name
        assert any(line.split() == [scheme, *name.split()] for line in lines), scheme
    assert any(line.split()[:1] == ["auto"] for line in lines)
    assert any(line.split()[:5] == ["be", "the", "default", "for", "be:"] for line in lines)


# --- messages that say what happened ----------------------------------------------


def test_transliterate_a_missing_file_or_a_folder_is_said_so_and_the_others_are_done(
    run: Cli, tmp_path: Path
) -> None:
    """A path named on the command line that does not exist did not vanish: it is
    missing; the other files are still romanized, then one line per failure, exit 2."""
    (tmp_path / "k.txt").write_text("Київ\n", "utf-8")
    (tmp_path / "folder").mkdir()
    result = run("transliterate", "--scheme", "uk", "missing.txt", "k.txt", "folder")
    assert (result.code, result.out) == (2, b"Kyiv\n")
    assert result.err.splitlines() == [
        "translit: missing.txt: no such file; check the path",
        "translit: folder: is a folder; transliterate reads files",
    ]


def test_transliterate_a_letter_the_scheme_lacks_names_the_option_that_takes_it(
    run: Cli, tmp_path: Path
) -> None:
    """The library's hint is errors='fallback'; the command line's is its own option,
    and the letter's place is a line and a column."""
    (tmp_path / "s.txt").write_text("Київ\nКиїв Ђ\n", "utf-8")
    (tmp_path / "k.txt").write_text("Київ\n", "utf-8")
    strict = run("transliterate", "--scheme", "uk", "s.txt", "k.txt")
    assert (strict.code, strict.out) == (2, b"Kyiv\n")
    assert strict.err == (
        "translit: s.txt:2:6: 'Ђ' (U+0402) is not covered by scheme 'uk-national'; pick the "
        "scheme of the text's language, or pass --errors fallback (unidecode romanizes such "
        "letters)\n"
    )
    assert "errors='fallback'" not in strict.err
    fallback = run("transliterate", "--scheme", "uk", "--errors", "fallback", "s.txt")
    assert (fallback.code, fallback.out) == (0, b"Kyiv\nKyiv Dj\n")
    assert fallback.err == ("translit: warning: s.txt: scheme 'uk' does not cover 'Ђ'; "
                            "romanized those letters with unidecode\n")  # fmt: skip


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_a_corpus_option_on_a_folder_says_it_is_a_folder(
    run: Cli, tmp_path: Path, kind: str
) -> None:
    (tmp_path / "news").mkdir()
    result = run("normalize", f"--{kind}", "--field", "text", "news")
    assert (result.code, result.out) == (2, b"")
    assert result.err == (f"translit: news: is a folder; --{kind} reads a file; name it "
                          "(or pipe it to standard input)\n")  # fmt: skip
    missing = run("normalize", "--jsonl", "--field", "text", "news", "gone.jsonl")
    assert missing.err.splitlines() == [
        "translit: news: is a folder; --jsonl reads a file; name it (or pipe it to standard "
        "input)",
        "translit: gone.jsonl: no such file; check the path",
    ]


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    """``translit normalize FILE | head -1``: once the reader has closed the pipe,
    translit stops without a word on standard error, with the shell's code for a
    program ended by SIGPIPE (141, as cat), not 1 (names to change) nor 2."""
    big = tmp_path / "big.txt"  # far more than a pipe holds: the writes go on after the close
    # longer than STREAM_AFTER, so streamed; names in the first 500 KB only (40,000
    # findings for --check), then lines without one: cheap to normalize
    big.write_text("Lukashenko visited Kiev.\n" * 20_000
                   + "It rained all day in the old town.\n" * 120_000, "utf-8")
    assert big.stat().st_size > STREAM_AFTER
    for args, line in (
        (["normalize", "big.txt"], b"Lukashenka visited Kyiv.\n"),
        (["normalize", "--check", "big.txt"], b"big.txt:1:1: Lukashenko -> Lukashenka"),
    ):
        proc = subprocess.Popen([sys.executable, "-m", "translit", *args], cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()  # as head -1 does
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == BROKEN_PIPE == 141
        assert first.startswith(line)
        assert err == b""
