"""The command line: modes, exit codes, byte fidelity, config, formats, parallel runs."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import translit
from helpers import Cli, Run, cli_runner
from translit import scan
from translit.cli.report import Progress
from translit.documents import files
from translit.version import build

CASES = Path(__file__).parent / "cases" / "cli"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """Run ``translit ARGS`` in-process in *tmp_path*; standard input is bytes."""
    return cli_runner(monkeypatch, tmp_path)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _one_error_line(result: Run, *needles: str) -> None:
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    for needle in needles:
        assert needle in lines[0], lines[0]


# --- standard input --------------------------------------------------------


def test_stdin_to_stdout_exit_0(run: Cli) -> None:
    result = run("normalize", stdin=b"Lukashenko visited Kiev\r\nno final newline")
    assert (result.code, result.out) == (0, b"Lukashenka visited Kyiv\r\nno final newline")


def test_stdin_dash_check_and_diff(run: Cli) -> None:
    check = run("normalize", "--check", "-", stdin=b"Kiev\n")
    assert check.code == 1 and check.text == "<stdin>:1:1: Kiev -> Kyiv (kyiv: variant Kiev (en))\n"
    diff = run("normalize", "--diff", stdin=b"Kiev\n")
    assert diff.code == 1 and diff.text == "--- <stdin>\n+++ <stdin>\n@@ -1 +1 @@\n-Kiev\n+Kyiv\n"
    assert run("normalize", "--check", stdin=b"Kyiv\n").code == 0


def test_stdin_filename_picks_the_file_type(run: Cli) -> None:
    result = run("normalize", "--stdin-filename", "x.md", stdin=b"`Kiev` Kiev\n")
    assert result.out == b"`Kiev` Kyiv\n"
    check = run("normalize", "--check", "--stdin-filename", "x.md", stdin=b"Kiev\n")
    assert check.text.startswith("x.md:1:1:")


def test_stdin_binary_or_invalid_is_an_error(run: Cli) -> None:
    _one_error_line(run("normalize", stdin=b"Kiev \xff\n"), "<stdin>:1: not valid UTF-8")
    _one_error_line(run("normalize", stdin=b"\x00\x01"), "<stdin>: binary file")


# --- the four modes over files ------------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    return {
        "crlf": _write(tmp_path / "docs/crlf.md", b"Kiev\r\nLukashenko's visit\r\n"),
        "mixed": _write(tmp_path / "docs/mixed.txt", b"Kiev\nGomel\r\nok\rKiev"),
        "bom": _write(tmp_path / "docs/bom.md", b"\xef\xbb\xbf# Kiev\n"),
        "clean": _write(tmp_path / "docs/clean.md", "Kyiv and Lukashenka\n"),
    }


EXPECTED = {
    "crlf": b"Kyiv\r\nLukashenka's visit\r\n",
    "mixed": b"Kyiv\nHomiel\r\nok\rKyiv",
    "bom": b"\xef\xbb\xbf# Kyiv\n",
    "clean": b"Kyiv and Lukashenka\n",
}


def _snapshot(paths: dict[str, Path]) -> dict[str, tuple[bytes, int]]:
    return {k: (p.read_bytes(), p.stat().st_mtime_ns) for k, p in paths.items()}


def test_files_to_stdout_writes_nothing(run: Cli, docs: dict[str, Path]) -> None:
    before = _snapshot(docs)
    result = run("normalize", "docs/crlf.md", "docs/mixed.txt")
    assert result.code == 0 and result.out == EXPECTED["crlf"] + EXPECTED["mixed"]
    assert _snapshot(docs) == before


def test_long_plain_files_to_stdout_are_streamed_with_the_same_output(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translit.cli import runner

    prose = "Lukashenko in Kiev.\r\nSee https://kiev.example/Kiev # translit: ignore Kiev\n"
    files = {
        "a.md": "Kiev and `Kiev`\n",
        "long.txt": prose * 40 + "Alexander\nLukashenko, Homel",
        "b.txt": "Gomel\n",
    }
    for name, text in files.items():
        _write(tmp_path / name, text)
    whole = run("normalize", *files)
    monkeypatch.setattr(runner, "STREAM_AFTER", 100)  # long.txt is long now
    streamed = run("normalize", *files)
    assert streamed.code == whole.code == 0
    assert streamed.out == whole.out
    assert streamed.out.count(b"Lukashenka in Kyiv.\r\n") == 40
    assert b"# translit: ignore Kiev" in streamed.out and b"`Kiev`" in streamed.out


def test_long_files_that_are_not_text_to_stdout(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translit.cli import runner

    monkeypatch.setattr(runner, "STREAM_AFTER", 100)
    _write(tmp_path / "blob.txt", b"Kiev\0" * 100)
    result = run("normalize", "blob.txt")
    assert result.code == 0 and result.out == b"" and "binary" in result.err
    _write(tmp_path / "late.txt", b"Kiev\n" * 300_000 + b"\xff Kiev\n")
    late = run("normalize", "late.txt")  # read first: skipped as a short file is, nothing written
    assert (late.code, late.out) == (0, b"")
    assert late.err == ("translit: warning: late.txt:300001: not valid UTF-8, skipped; "
                        "save it as UTF-8 or exclude it\n")  # fmt: skip


def test_check_reports_and_writes_nothing(run: Cli, docs: dict[str, Path]) -> None:
    before = _snapshot(docs)
    result = run("normalize", "--check", "docs")
    assert result.code == 1 and _snapshot(docs) == before
    assert result.text.splitlines() == [
        "docs/bom.md:1:3: Kiev -> Kyiv (kyiv: variant Kiev (en))",
        "docs/crlf.md:1:1: Kiev -> Kyiv (kyiv: variant Kiev (en))",
        "docs/crlf.md:2:1: Lukashenko -> Lukashenka "
        "(alyaksandr-lukashenka: variant Lukashenko (en))",
        "docs/mixed.txt:1:1: Kiev -> Kyiv (kyiv: variant Kiev (en))",
        "docs/mixed.txt:2:1: Gomel -> Homiel (homiel: variant Gomel (en))",
        "docs/mixed.txt:4:1: Kiev -> Kyiv (kyiv: variant Kiev (en))",
    ]
    assert result.err == (
        "translit: 3 files would be fixed (6 names), 1 file would be left unchanged\n")
    assert run("normalize", "--check", "docs/clean.md").code == 0


def test_diff_is_unified_and_writes_nothing(run: Cli, docs: dict[str, Path]) -> None:
    before = _snapshot(docs)
    result = run("normalize", "--diff", "docs/mixed.txt", "docs/clean.md")
    assert result.code == 1 and _snapshot(docs) == before
    assert result.out == (
        b"--- a/docs/mixed.txt\n+++ b/docs/mixed.txt\n@@ -1,4 +1,4 @@\n"
        b"-Kiev\n-Gomel\r\n+Kyiv\n+Homiel\r\n ok\r-Kiev\n\\ No newline at end of file\n"
        b"+Kyiv\n\\ No newline at end of file\n"
    )
    assert run("normalize", "--diff", "docs/clean.md").code == 0


def test_in_place_fixes_byte_exactly_then_passes(run: Cli, docs: dict[str, Path]) -> None:
    os.utime(docs["clean"], ns=(1_000_000_000, 1_000_000_000))
    docs["crlf"].chmod(0o600)
    result = run("normalize", "--in-place", "docs")
    assert result.code == 1
    assert {k: p.read_bytes() for k, p in docs.items()} == EXPECTED
    assert docs["clean"].stat().st_mtime_ns == 1_000_000_000  # not written at all
    assert docs["crlf"].stat().st_mode & 0o777 == 0o600
    assert "3 files fixed (6 names), 1 file left unchanged" in result.err
    again = run("normalize", "-i", "docs")
    assert again.code == 0 and again.out == b""


def test_in_place_on_stdin_and_mixed_dash_are_usage_errors(run: Cli, docs: dict[str, Path]) -> None:
    _one_error_line(run("normalize", "--in-place"), "--in-place needs file names")
    _one_error_line(run("normalize", "-", "docs/crlf.md"), "cannot be mixed")
    assert run("normalize", "--check", "--diff", "docs").code == 2  # argparse


def test_missing_path_is_exit_2(run: Cli) -> None:
    _one_error_line(run("normalize", "--check", "nope.md"), "nope.md: no such file")


# --- files left alone ---------------------------------------------------


def test_binary_and_undecodable_files_are_skipped_with_a_warning(run: Cli, tmp_path: Path) -> None:
    binary = _write(tmp_path / "logo.md", b"Kiev\x00\x01")
    latin1 = _write(tmp_path / "old.txt", b"Kiev caf\xe9\n")
    good = _write(tmp_path / "a.txt", b"Kyiv\n")
    result = run("normalize", "--in-place", "logo.md", "old.txt", "a.txt")
    assert result.code == 0  # skipped files alone do not fail
    assert binary.read_bytes() == b"Kiev\x00\x01" and latin1.read_bytes() == b"Kiev caf\xe9\n"
    assert good.read_bytes() == b"Kyiv\n"
    assert "translit: warning: logo.md: binary file (NUL byte), skipped" in result.err
    assert "translit: warning: old.txt:1: not valid UTF-8, skipped" in result.err
    assert "2 files skipped (see the warnings)" in result.err
    assert run("normalize", "--check", "logo.md", "old.txt").code == 0


def test_read_only_file_is_exit_2_and_unchanged(run: Cli, tmp_path: Path) -> None:
    locked = _write(tmp_path / "locked.md", b"Kiev\n")
    other = _write(tmp_path / "other.md", b"Kiev\n")
    locked.chmod(0o444)
    result = run("normalize", "--in-place", "--jobs", "1", "locked.md", "other.md")
    assert result.code == 2
    assert locked.read_bytes() == b"Kiev\n"
    assert other.read_bytes() == b"Kyiv\n"  # the other files are still fixed
    assert "translit: locked.md: read-only, left unchanged" in result.err
    assert "locked.md" not in result.text  # not reported as fixed


def test_full_disk_is_exit_2_and_unchanged(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _write(tmp_path / "a.md", b"Kiev\n")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run("normalize", "--in-place", "a.md")
    assert result.code == 2 and target.read_bytes() == b"Kiev\n"
    assert "a.md: cannot write (No space left on device)" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_file_vanishing_after_listing_is_a_warning(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "d/a.md", b"Kiev\n")
    _write(tmp_path / "d/b.md", b"Kiev\n")
    real = files.discover

    def discover_then_delete(paths: list[str], problems: list[str] | None = None) -> list[Path]:
        found = real(paths, problems)
        (tmp_path / "d/a.md").unlink()
        return found

    monkeypatch.setattr(files, "discover", discover_then_delete)
    result = run("normalize", "--in-place", "--jobs", "1", "d")
    assert result.code == 1 and (tmp_path / "d/b.md").read_bytes() == b"Kyiv\n"
    assert "translit: warning: d/a.md: vanished before it could be read, skipped" in result.err


# --- formats ------------------------------------------------------------


def test_json_format(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "a.md", "Intro\n  Lukashenko’s Kiev\n")
    result = run("normalize", "--check", "--format", "json", "a.md")
    rows = [json.loads(line) for line in result.text.splitlines()]
    assert rows == [
        {"path": "a.md", "line": 2, "column": 3, "end_column": 13, "old": "Lukashenko",
         "new": "Lukashenka", "entity": "alyaksandr-lukashenka",
         "reason": "variant Lukashenko (en)", "lang": None},
        {"path": "a.md", "line": 2, "column": 16, "end_column": 20, "old": "Kiev",
         "new": "Kyiv", "entity": "kyiv", "reason": "variant Kiev (en)", "lang": None},
    ]  # fmt: skip
    assert result.code == 1


def test_github_format(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "a,b.md", "x\nKiev\n")
    result = run("normalize", "--check", "--format", "github", "a,b.md")
    assert result.text == (
        "::warning file=a%2Cb.md,line=2,col=1,endColumn=5,title=translit::"
        "Kiev -> Kyiv (kyiv: variant Kiev (en))\n"
    )


def test_format_needs_check_or_in_place(run: Cli) -> None:
    _one_error_line(run("normalize", "--format", "json", stdin=b"Kiev"), "--format json")


# --- the text's language (--lang) and the names left as written (--explain) -----

LANG_EXPLAIN: list[dict[str, Any]] = yaml.safe_load(
    (CASES / "lang_explain.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", LANG_EXPLAIN, ids=[c["name"] for c in LANG_EXPLAIN])
def test_lang_and_explain_case(run: Cli, case: dict[str, Any]) -> None:
    result = run("normalize", *case["args"], stdin=case["stdin"].encode("utf-8"))
    assert (result.code, result.text) == (case["code"], case["out"]), result.err


def test_unknown_lang_is_one_line_naming_the_codes(run: Cli) -> None:
    codes = "use one of bg, cs, de, en, es, fi, fr"
    _one_error_line(run("normalize", "--lang", "xx", stdin=b"Kiev\n"), "--lang: unknown", codes)
    _one_error_line(run("normalize", "--check", "--lang", "", stdin=b"Kiev\n"), "--lang")


def test_explain_goes_with_check_or_in_place(run: Cli) -> None:
    for mode in ([], ["--diff"]):
        _one_error_line(run("normalize", *mode, "--explain", stdin=b"Kiev\n"),
                        "--explain reports with --check or --in-place")  # fmt: skip


def test_explain_in_place_json_and_summary(run: Cli, tmp_path: Path) -> None:
    text = "Kyiv (Kiev) is the capital.\n\nLukashenko visited Kiev.\n"
    target = _write(tmp_path / "a.md", text)
    plain = run("normalize", "--check", "a.md")
    assert plain.code == 1 and "left" not in plain.text + plain.err
    assert plain.err == "translit: 1 file would be fixed (2 names)\n"
    fixed = run("normalize", "--in-place", "--explain", "a.md")
    assert fixed.code == 1
    assert fixed.text.splitlines() == [
        "a.md:1:7: Kiev left: the text discusses the spelling (kyiv)",
        "a.md:3:1: Lukashenko -> Lukashenka (alyaksandr-lukashenka: variant Lukashenko (en))",
        "a.md:3:20: Kiev -> Kyiv (kyiv: variant Kiev (en))",
    ]
    assert fixed.err == "translit: 1 file fixed (2 names); 1 name left as written\n"
    assert target.read_text() == "Kyiv (Kiev) is the capital.\n\nLukashenka visited Kyiv.\n"
    report = run("normalize", "--check", "--explain", "--format", "json", "a.md")
    assert report.code == 0  # names left as written never fail a check
    assert [json.loads(line) for line in report.lines] == [
        {"path": "a.md", "line": 1, "column": 7, "end_column": 11, "old": "Kiev", "new": "Kiev",
         "entity": "kyiv", "reason": "variant Kiev (en)",
         "left": "the text discusses the spelling", "lang": None},
    ]  # fmt: skip
    assert report.err == "translit: 1 file would be left unchanged; 1 name left as written\n"


FRENCH = "L'opposition biélorusse et Loukachenko\n"


def test_lang_reaches_every_path(run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang reaches the worker processes (--jobs 2), a long file streamed to standard
    output and a long standard input, as the Normalizer's own language."""
    from translit.cli import runner

    for i in range(4):
        _write(tmp_path / f"d/{i}.txt", FRENCH)
    english = run("normalize", "--check", "--jobs", "2", "--lang", "en", "d")
    assert english.text.count("biélorusse -> Belarusian") == 4
    detected = run("normalize", "--check", "--jobs", "2", "d")
    assert "biélorusse" not in detected.text and detected.text.count("Loukachenko ->") == 4
    monkeypatch.setattr(runner, "STREAM_AFTER", 100)
    _write(tmp_path / "long.txt", FRENCH * 20)
    assert run("normalize", "--lang", "en", "long.txt").text == (
        "L'opposition Belarusian et Lukashenka\n" * 20
    )
    assert run("normalize", "long.txt").text == "L'opposition biélorusse et Lukashenka\n" * 20
    piped = run("normalize", "--lang", "en", stdin=FRENCH.encode() * 20)
    assert piped.text == "L'opposition Belarusian et Lukashenka\n" * 20


def test_lang_in_the_config_and_the_flag_over_it(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / ".translit.yaml", "lang: en\n")
    assert run("normalize", stdin=FRENCH.encode()).text == "L'opposition Belarusian et Lukashenka\n"
    flag = run("normalize", "--lang", "fr", stdin=FRENCH.encode())
    assert flag.text == "L'opposition biélorusse et Lukashenka\n"
    (tmp_path / ".translit.yaml").unlink()
    _write(tmp_path / "pyproject.toml", '[tool.translit]\nlang = "en"\n')
    assert run("normalize", stdin=FRENCH.encode()).text == "L'opposition Belarusian et Lukashenka\n"


# --- markup and suppression through the command line ----------------------


def test_markdown_code_and_suppression_in_place(run: Cli, tmp_path: Path) -> None:
    source = (CASES / "article.md").read_bytes()
    target = _write(tmp_path / "article.md", source)
    assert run("normalize", "--in-place", "article.md").code == 1
    assert target.read_bytes() == (CASES / "article.expected.md").read_bytes()
    assert run("normalize", "--check", "article.md").code == 0


def test_same_text_as_txt_is_plain(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "[Kiev](Kiev)\n")
    _write(tmp_path / "a.md", "[Kiev](Kiev)\n")
    assert run("normalize", "a.txt").out == b"[Kyiv](Kyiv)\n"
    assert run("normalize", "a.md").out == b"[Kyiv](Kiev)\n"


# --- configuration ------------------------------------------------------

HOUSE = """styles:
  house: our newsroom's style
entities:
  - id: kyiv
    type: place
    name: Kyiv
    styles:
      house: {name: Kiew}
  - id: zzyzx
    type: place
    name: Zzyzx
    variants:
      en: [Zyzzx]
"""


def test_pyproject_config(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "tables/house.yaml", HOUSE)
    _write(tmp_path / "pyproject.toml", """[project]
name = "paper"

[tool.translit]
style = "house"
aliases = ["tables/house.yaml"]
exclude = ["archive", "*.csv"]
allow = ["Gomel"]
""")  # fmt: skip
    _write(tmp_path / "a.md", "Kiev, Zyzzx, Gomel, Lukashenko\n")
    _write(tmp_path / "archive/old.md", "Kiev\n")
    _write(tmp_path / "data.csv", "Kiev\n")
    (tmp_path / "sub").mkdir()
    os.chdir(tmp_path / "sub")  # found by walking up
    result = run("normalize", "--in-place", "..")
    assert result.code == 1
    assert (tmp_path / "a.md").read_text() == "Kiew, Zzyzx, Gomel, Lukashenka\n"
    assert (tmp_path / "archive/old.md").read_text() == "Kiev\n"
    assert (tmp_path / "data.csv").read_text() == "Kiev\n"


def test_yaml_config_and_flags_override(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "house.yaml", HOUSE)
    _write(tmp_path / ".translit.yaml", "style: house\naliases: [house.yaml]\nallow: [Kiev]\n")
    # one line each: in one sentence, two spellings of a name are a spelling pair
    assert run("normalize", stdin=b"Kiev\nKyiv\n").out == b"Kiev\nKiew\n"
    assert run("normalize", "--style", "en", stdin=b"Kiev\nKyiv\n").out == b"Kiev\nKyiv\n"
    assert run("normalize", "--no-config", stdin=b"Kiev, Zyzzx\n").out == b"Kyiv, Zyzzx\n"
    flags = run("normalize", "--allow", "Zyzzx", "--style", "en", stdin=b"Kiev, Zyzzx\n")
    assert flags.out == b"Kiev, Zyzzx\n"
    _write(tmp_path / "notes.txt", "Gomel\n")
    # the config file and the alias tables (which list variants) are never rewritten
    assert run("normalize", "--check", "--exclude", "notes.txt", ".").code == 0
    assert run("normalize", "--check", ".").text.startswith("notes.txt:1:1: Gomel -> Homiel")


def test_places_in_the_config(run: Cli, tmp_path: Path) -> None:
    """The gazetteer is in the default table; ``places = false`` leaves it out, as
    ``--no-places`` does (for the hook too), and the flag wins over the file."""
    text = b"Talks in Slavyansk and Kiev.\n"
    both = b"Talks in Sloviansk and Kyiv.\n"
    core = text.replace(b"Kiev", b"Kyiv")
    assert run("normalize", stdin=text).out == both
    assert run("normalize", "--no-places", stdin=text).out == core
    assert run("normalize", "-q", "--no-places", stdin=text).out == core  # (the parser)
    assert run("normalize", "--no-places", "--places", stdin=text).out == both  # the last
    _write(tmp_path / "pyproject.toml", "[tool.translit]\nplaces = false\n")
    assert run("normalize", stdin=text).out == core
    assert run("normalize", "--places", stdin=text).out == both
    assert run("normalize", "--no-config", stdin=text).out == both
    _write(tmp_path / "pyproject.toml", "[tool.translit]\nplaces = true\n")
    assert run("normalize", stdin=text).out == both
    assert run("normalize", "--no-places", stdin=text).out == core


def test_the_regions_are_in_the_default_table_with_the_towns(run: Cli, tmp_path: Path) -> None:
    """The oblasts and voblasts come with the gazetteer: ``--no-places`` leaves both out.
    The options and key of 0.1 that asked for them still work; ``regions = false``, which
    the default table can no longer honour apart, is refused with what to write."""
    text = b"Shelling in Kharkov Oblast.\n"
    assert run("normalize", "--no-places", stdin=text).out == (
        b"Shelling in Kharkiv Oblast.\n"  # the town
    )
    looked = run("lookup", "Kharkov Oblast").text
    assert looked.split("\t")[1:3] == ["Kharkiv Oblast", "kharkiv-oblast"]
    assert looked.rstrip("\n").endswith("\t706482")  # its GeoNames id
    assert "unknown" in run("lookup", "--no-places", "Kharkov Oblast").text
    assert run("lookup", "--regions", "--places", "Kharkov Oblast").text == looked
    _write(tmp_path / "pyproject.toml", "[tool.translit]\nregions = true\n")
    assert run("lookup", "Kharkov Oblast").text == looked
    for value in ("false", "1"):
        _write(tmp_path / "pyproject.toml", f"[tool.translit]\nregions = {value}\n")
        refused = run("lookup", "Kharkov Oblast")
        assert refused.code == 2 and "write places: false" in refused.err, refused.err
    _write(tmp_path / "pyproject.toml", "[tool.translit]\nplaces = 1\n")
    refused = run("normalize", stdin=text)
    assert refused.code == 2 and "places: must be true or false" in refused.err


def test_explicit_config_file(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "cfg/translit.yaml", "allow: [Kiev]\n")
    assert run("normalize", "--config", "cfg/translit.yaml", stdin=b"Kiev\n").out == b"Kiev\n"
    _one_error_line(run("normalize", "--config", "no.yaml", stdin=b""), "no.yaml: config file")


BAD_CONFIGS: list[dict[str, Any]] = yaml.safe_load((CASES / "bad_configs.yaml").read_text())


@pytest.mark.parametrize("case", BAD_CONFIGS, ids=[c["name"] for c in BAD_CONFIGS])
def test_bad_config_is_exit_2_naming_file_and_key(
    run: Cli, tmp_path: Path, case: dict[str, Any]
) -> None:
    for name, content in case["files"].items():
        _write(tmp_path / name, content)
    _one_error_line(run("normalize", "--check", stdin=b"Kiev\n"), *case["error"])


# --- parallel runs and progress ----------------------------------------------


@pytest.mark.slow  # worker processes
def test_jobs_2_gives_the_same_result_as_jobs_1(run: Cli, tmp_path: Path) -> None:
    corpus = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    for copy in ("one", "two"):
        for i, source in enumerate(corpus * 3):
            _write(tmp_path / copy / f"{i:02}.md", source.read_bytes())
        _write(tmp_path / copy / "bin.dat", b"\x00")
    check = [run("normalize", "--check", "--jobs", j, d) for j, d in (("1", "one"), ("2", "two"))]
    assert check[0].code == check[1].code == 1
    assert check[0].text.replace("one/", "") == check[1].text.replace("two/", "")
    fixed = [run("normalize", "-i", "--jobs", j, d) for j, d in (("1", "one"), ("2", "two"))]
    assert fixed[0].text.replace("one/", "") == fixed[1].text.replace("two/", "")
    assert fixed[0].err.replace("one/", "") == fixed[1].err.replace("two/", "")
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes()
    assert run("normalize", "--check", "--jobs", "2", "two").code == 0
    _one_error_line(run("normalize", "--jobs", "0", "two"), "--jobs 0")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only() -> None:
    terminal = _Terminal()
    progress = Progress(3, terminal, delay=0, interval=0)
    for done in (1, 2, 3):
        progress.step(done)
    progress.close()
    assert terminal.getvalue() == "".join(f"\rtranslit: {i}/3 files" for i in (1, 2, 3)) + (
        "\r\033[K"
    )
    pipe = io.StringIO()
    quiet = Progress(3, pipe, delay=0)
    quiet.step(1)
    quiet.close()
    assert pipe.getvalue() == ""


def test_progress_is_erased_before_a_report_line() -> None:
    from translit.cli.report import Finding, Tally
    from translit.cli.runner import Outcome

    terminal, out = _Terminal(), io.StringIO()
    progress = Progress(2, terminal, delay=0, interval=0)
    tally = Tally("check", "text", out, terminal, progress)
    progress.step(1)
    tally.add(Outcome("a.md", [Finding("a.md", 1, 1, 5, "Kiev", "Kyiv", "kyiv", "variant")]))
    assert terminal.getvalue() == "\rtranslit: 1/2 files\r\033[K"
    assert out.getvalue() == "a.md:1:1: Kiev -> Kyiv (kyiv: variant)\n"


# --- the other commands -------------------------------------------------------


def test_lookup(run: Cli) -> None:
    result = run("lookup", "Kiev", "Łukaszenki", "Minsky", "Slavyansk")
    assert result.code == 0
    assert result.text.splitlines() == [
        "Kiev\tKyiv\tkyiv\tvariant Kiev (en)\t703448",
        "Łukaszenki\tLukashenka\talyaksandr-lukashenka\tinflected form of variant Łukaszenka (pl)"
        "\t-",
        "Minsky\t-\tunknown",
        "Slavyansk\tSloviansk\tsloviansk\tSlavyansk: scheme ru-bgn of Славянск (ru)\t693468",
    ]


def test_variants(run: Cli, normalizer: translit.Normalizer) -> None:
    result = run("variants", "homiel")
    rows = [line.split("\t") for line in result.text.splitlines()]
    expected = {(f, r) for f, e, r in normalizer.variants() if e == "homiel"}
    assert result.code == 0 and {(f, r) for f, r in rows} == expected
    assert ["gomel", "variant Gomel (en)"] in rows
    _one_error_line(run("variants", "kiev"), "kiev: unknown entity; did you mean kyiv")


def test_validate(run: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "house.yaml", HOUSE)
    _write(tmp_path / "clash.yaml", "entities:\n  - id: k2\n    type: place\n    name: K2\n"
                                    "    variants:\n      en: [Kiev]\n")  # fmt: skip
    _write(tmp_path / "broken.yaml", "entities:\n  - id: [\n")
    ok = run("validate", "house.yaml")
    assert (ok.code, ok.text) == (0, "house.yaml: ok\n")
    clash = run("validate", "house.yaml", "clash.yaml")
    assert clash.code == 2 and clash.text == "house.yaml: ok\n"
    assert clash.err.startswith("translit: clash.yaml:6: 'kiev' is claimed by 'k2' and by 'kyiv'")
    _one_error_line(run("validate", "broken.yaml"), "broken.yaml:3: not valid YAML")


def test_transliterate_still_works(run: Cli, tmp_path: Path) -> None:
    result = run("transliterate", "--scheme", "be-lacinka", stdin="Гомель\r\n".encode())
    assert (result.code, result.out) == (0, b"Homiel\r\n")
    _write(tmp_path / "a.txt", "Гомель")
    assert run("transliterate", "--scheme", "be-lacinka", "a.txt").out == b"Homiel"
    _one_error_line(run("transliterate", "--scheme", "nope", stdin=b"x"), "nope")


# --- as a program ---------------------------------------------------------------


def _program(*args: str, stdin: str = "", cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "translit", *args],
        input=stdin, capture_output=True, text=True, cwd=cwd, check=False,
    )  # fmt: skip


def test_python_m_version_and_help(tmp_path: Path) -> None:
    version = _program("--version", cwd=tmp_path)
    shown = f"translit {translit.__version__} ({build()})\n"
    assert (version.returncode, version.stdout) == (0, shown)
    # the build it names is the one imported: mypyc's extension modules or the sources
    assert (build() == "compiled") == (not scan.__file__.endswith(".py"))
    for command in ("normalize", "lookup", "variants", "validate", "transliterate"):
        shown = _program(command, "--help", cwd=tmp_path)
        assert shown.returncode == 0 and f"translit {command}" in shown.stdout
        assert "example" in shown.stdout, command
    usage = _program("normalize", "--bogus", cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_program_error_is_one_line(tmp_path: Path) -> None:
    _write(tmp_path / "a.md", "Kiev\n")
    (tmp_path / "a.md").chmod(0o444)
    done = _program("normalize", "-i", "a.md", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == (
        "translit: a.md: read-only, left unchanged; make it writable or exclude it"
    )


# What a plain ``translit normalize`` on standard input must not import: the machinery
# of files, corpora, reports, parallel runs, the table compiler, and the command-line
# parser (a bare ``normalize`` is all defaults).
_NOT_FOR_STDIN = (
    "argparse", "concurrent.futures", "csv", "difflib", "hashlib", "json", "multiprocessing",
    "pathlib", "pickle", "shutil", "signal", "subprocess", "tempfile", "threading", "tomllib",
    "yaml", "translit.cli.arguments", "translit.compile.cachestore", "translit.cli.commands",
    "translit.compile.compiler", "translit.cli.configfile", "translit.corpus.records",
    "translit.corpus.formats",
    "translit.corpus.parallel", "translit.cli.pipe", "translit.romanize", "translit.stream",
    "translit.documents.syntax", "translit.tables.aliases", "translit.tables.yamlfile",
)  # fmt: skip


def test_normalize_on_stdin_imports_only_what_it_uses(
    tmp_path: Path, normalizer: translit.Normalizer
) -> None:
    """With the compiled table in the cache (the fixture put it there), and no config."""
    code = (
        "import sys\n"
        "from translit.cli.main import main\n"
        "code = main(['normalize'])\n"
        f"print(sorted(set({_NOT_FOR_STDIN!r}) & set(sys.modules)), code, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], input=b"Lukashenko in Kiev\n",
                          capture_output=True, cwd=tmp_path, check=False)  # fmt: skip
    assert done.stdout == b"Lukashenka in Kyiv\n"
    assert done.stderr.decode().splitlines()[-1] == "[] 0"


@pytest.mark.parametrize(
    "argv",
    [["normalize"], ["normalize", "--places"], ["normalize", "a.md"],
     ["normalize", "--check", "a.md"], ["normalize", "--check", "--explain", "a.md"],
     ["normalize", "--in-place", "a.md", "b.md"], ["worker"]],
)  # fmt: skip
def test_normalize_imports_neither_dataclasses_nor_inspect(
    tmp_path: Path, normalizer: translit.Normalizer, argv: list[str]
) -> None:
    """``dataclasses`` imports ``inspect`` (and ``dis``, ``ast``, ``tokenize`` ...): about
    6 ms of a start-up of some 60. Neither is imported by a warm normalize of standard
    input (with the gazetteer too), of a file, by a check (with the reasons), nor on the
    pre-commit hook's way (``--in-place`` with the project's config; the ``worker`` case:
    what a worker of a run over many files imports as it starts)."""
    from translit.tables.bundled import places_file

    if "--places" in argv:
        translit.Normalizer(aliases=[places_file()])  # in the cache: a warm start
    (tmp_path / ".git").mkdir()  # the project's root: the config is looked for up to it
    _write(tmp_path / "pyproject.toml", '[tool.translit]\nallow = ["Kyiv"]\n')
    _write(tmp_path / "a.md", "Kyiv (Kiev) and Lukashenko\n")
    _write(tmp_path / "b.md", "Kiev\n")
    run = "import translit.cli.runner, translit.corpus.parallel" if argv == ["worker"] else (
        f"from translit.cli.main import main; main({argv!r})")  # fmt: skip
    code = f"import sys\n{run}\nprint(sorted({{'dataclasses', 'inspect'}} & set(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", code], input=b"Lukashenko in Kiev\n",
                          capture_output=True, cwd=tmp_path, check=False)  # fmt: skip
    assert done.stdout.decode().splitlines()[-1] == "[]", done.stderr.decode()


def test_bare_normalize_is_the_parser_defaults() -> None:
    """``main`` skips the parser for a bare ``normalize``: the same namespace it would give."""
    from translit.cli.main import _parser, normalize_defaults

    assert vars(_parser().parse_args(["normalize"])) == normalize_defaults()


@pytest.mark.parametrize(
    "argv",
    [["normalize"], ["normalize", "--no-places"], ["normalize", "--places"],
     ["normalize", "--regions", "--places"], ["normalize", "--no-places", "--places"],
     ["normalize", "--places", "--no-places", "--regions"]],
)  # fmt: skip
def test_a_plain_normalize_is_read_as_the_parser_reads_it(argv: list[str]) -> None:
    """``main`` skips the parser for ``normalize`` with the tables' flags only: the same
    namespace it would give, the last flag winning; any other call is the parser's."""
    from translit.cli.main import _parser, _plain_normalize

    plain = _plain_normalize(argv)
    assert plain is not None and vars(plain) == vars(_parser().parse_args(argv))
    for other in (["normalize", "--places", "-"], ["normalize", "--pla"], ["lookup", "--places"]):
        assert _plain_normalize(other) is None


def test_the_program_on_stdin(tmp_path: Path) -> None:
    """As the program (``main()`` without arguments), normalize pauses the collector while
    it starts: the output and exit codes are those of the in-process runs."""
    plain = _program("normalize", stdin="Lukashenko in Kiev\n", cwd=tmp_path)
    assert (plain.returncode, plain.stdout, plain.stderr) == (0, "Lukashenka in Kyiv\n", "")
    check = _program("normalize", "--check", stdin="Kiev\n", cwd=tmp_path)
    assert check.returncode == 1
    assert check.stdout == "<stdin>:1:1: Kiev -> Kyiv (kyiv: variant Kiev (en))\n"
