"""``translit normalize --jsonl/--csv/--parquet``: the named fields change, nothing else;
bad records; atomic output (plain text streamed: ``test_stream_files.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import translit
from helpers import Cli, cli_runner
from translit.corpus import formats
from translit.corpus.records import Counts, Spec, fix_line

CASES = Path(__file__).parent / "cases" / "corpus"
JSONL: list[dict[str, Any]] = yaml.safe_load((CASES / "jsonl.yaml").read_text(encoding="utf-8"))
CSV: list[dict[str, Any]] = yaml.safe_load((CASES / "csv.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """Run ``translit normalize ARGS`` in-process in *tmp_path*; standard input is bytes."""
    return cli_runner(monkeypatch, tmp_path, "normalize")


def _fields(case: dict[str, Any], flag: str) -> list[str]:
    args = [a for name in case[flag + "s"] for a in (f"--{flag}", name)]
    args += ["--mentions", case["mentions"]] if case.get("mentions") else []
    args += [f"--lang-{flag}", case[f"lang_{flag}"]] if case.get(f"lang_{flag}") else []
    return args + (["--lang", case["lang"]] if case.get("lang") else [])


# --- JSON Lines -------------------------------------------------------------


@pytest.mark.parametrize("case", JSONL, ids=[c["name"] for c in JSONL])
def test_jsonl_case(case: dict[str, Any], run: Cli, normalizer: translit.Normalizer) -> None:
    expected = case.get("expected", case["input"])
    spec = Spec(tuple(case["fields"]), case.get("mentions"), lang=case.get("lang"),
                lang_field=case.get("lang_field"))  # fmt: skip
    line = case["input"].encode("utf-8")
    assert fix_line(normalizer, spec, line + b"\r\n", Counts()) == expected.encode() + b"\r\n"
    result = run("--jsonl", *_fields(case, "field"), stdin=line)  # no final newline
    assert (result.code, result.out.decode("utf-8")) == (case.get("code", 0), expected)
    if "mentions" not in case:  # normalizing the output again changes nothing
        assert fix_line(normalizer, spec, expected.encode(), Counts()) == expected.encode()


def test_jsonl_output_parses_and_only_the_fields_differ(run: Cli) -> None:
    articles = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
    records = [
        {"id": i, "text": text, "meta": {"source": path.name, "title": text[:60]}}
        for i, path in enumerate(articles)
        for text in path.read_text(encoding="utf-8").split("\n")
        if text.strip()
    ]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    result = run("--jsonl", "--field", "text", "--field", "meta.title", stdin=data)
    assert result.code == 0
    out = [json.loads(line) for line in result.lines]
    normalizer = translit.Normalizer()
    for old, new in zip(records, out, strict=True):
        assert new["text"] == normalizer.normalize(old["text"])
        assert new["meta"]["title"] == normalizer.normalize(old["meta"]["title"])
        assert list(new) == list(old) and new["meta"]["source"] == old["meta"]["source"]
    changed = sum(old != new for old, new in zip(records, out, strict=True))
    assert changed > 10
    assert result.err == f"translit: {len(records)} records read, {changed} changed (" + (
        result.err.split("(", 1)[1]
    )
    assert result.err.endswith(" names), 0 skipped\n")


BAD = b'{"text": "Kiev"}\nnot json\n{"text": "Gomel"}\n{"text": "Kiev \xff"}\n{"text": "Minsk"}\n'


def test_bad_record_stops_the_run_by_default(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "news.jsonl").write_bytes(BAD)
    result = run("--jsonl", "--field", "text", "news.jsonl")
    assert result.code == 2
    assert result.out == b'{"text": "Kyiv"}\n'
    assert result.err.splitlines() == [
        "translit: news.jsonl:2: not valid JSON (Expecting value, column 1); "
        "fix it or pass --on-error skip",
        "translit: 1 record read, 1 changed (1 name), 0 skipped",
    ]


def test_bad_records_are_skipped_and_reported(run: Cli) -> None:
    result = run("--jsonl", "--field", "text", "--on-error", "skip", stdin=BAD)
    assert result.code == 0
    assert result.lines == ['{"text": "Kyiv"}\n', '{"text": "Homiel"}\n', '{"text": "Minsk"}\n']
    assert result.err.splitlines() == [
        "translit: warning: <stdin>:2: not valid JSON (Expecting value, column 1), skipped",
        "translit: warning: <stdin>:4: not valid UTF-8 (byte 16), skipped",
        "translit: 3 records read, 2 changed (2 names), 2 skipped",
    ]


def test_a_line_too_long_is_a_bad_record_never_read_whole(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats, "MAX_RECORD", 100)
    long = b'{"text": "' + b"Kiev " * 200 + b'"}\n'
    result = run("--jsonl", "--field", "text", "--on-error", "skip",
                 stdin=b'{"text": "Kiev"}\n' + long + b'{"text": "Gomel"}')  # fmt: skip
    assert result.out == b'{"text": "Kyiv"}\n{"text": "Homiel"}'
    assert "<stdin>:2: longer than 100 bytes, the limit for one record, skipped" in result.err
    stopped = run("--jsonl", "--field", "text", stdin=long + b'{"text": "Gomel"}')
    assert (stopped.code, stopped.out) == (2, b"")
    assert stopped.err.splitlines()[0] == (
        "translit: <stdin>:1: longer than 100 bytes, the limit for one record; "
        "fix it or pass --on-error skip"
    )


def test_a_csv_record_too_long_is_a_bad_record_never_read_whole(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats, "MAX_RECORD", 100)
    data = ("id,text\n1,Kiev\n2," + "Kiev " * 30 + "\n3,\"Kiev\n" + "Kiev\n" * 30 + "\"\n"
            "4,Gomel\n")  # fmt: skip
    (tmp_path / "n.csv").write_text(data)
    skipped = run("--csv", "--column", "text", "n.csv", "--on-error", "skip")
    assert skipped.out.startswith(b"id,text\n1,Kyiv\n") and skipped.out.endswith(b"4,Homiel\n")
    lines = skipped.err.splitlines()
    assert lines[0] == (
        "translit: warning: n.csv:3: longer than 100 bytes, the limit for one record, skipped"
    )
    assert lines[1:] == [
        "translit: warning: n.csv:4: longer than 100 bytes, the limit for one record, skipped",
        "translit: 2 records read, 2 changed (2 names), 2 skipped",
    ]


def test_many_files_in_order_and_a_field_never_seen(run: Cli, tmp_path: Path) -> None:
    for name, text in (("b.jsonl", "Gomel"), ("a.jsonl", "Kiev")):
        (tmp_path / name).write_text(json.dumps({"text": text, "body": 1}) + "\n")
    result = run("--jsonl", "--field", "text", "--field", "body", "b.jsonl", "a.jsonl")
    assert result.lines == ['{"text": "Homiel", "body": 1}\n', '{"text": "Kyiv", "body": 1}\n']
    assert result.code == 2  # a field in no record: a mistake in the command
    assert result.err.splitlines() == [
        "translit: --field body: no record has text there; the fields with text are: "
        "text (2 records)",
        "translit: 2 records read, 2 changed (2 names), 0 skipped",
    ]
    (tmp_path / "out.jsonl").write_text("previous\n")
    again = run("--jsonl", "--field", "text", "--field", "body", "b.jsonl", "-o", "out.jsonl")
    assert again.code == 2 and again.out == b""
    assert (tmp_path / "out.jsonl").read_text() == "previous\n"  # an output file is kept


def test_output_file_is_written_atomically(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(BAD)
    (tmp_path / "out.jsonl").write_text("previous\n")
    (tmp_path / "out.jsonl").chmod(0o640)
    failed = run("--jsonl", "--field", "text", "in.jsonl", "--output", "out.jsonl")
    assert failed.code == 2 and failed.out == b""
    assert (tmp_path / "out.jsonl").read_text() == "previous\n"  # a stopped run writes nothing
    done = run("--jsonl", "--field", "text", "in.jsonl", "-o", "out.jsonl", "--on-error", "skip")
    assert done.code == 0 and done.out == b""
    assert (tmp_path / "out.jsonl").read_bytes().count(b"\n") == 3
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


# --- CSV --------------------------------------------------------------------


@pytest.mark.parametrize("case", CSV, ids=[c["name"] for c in CSV])
def test_csv_case(case: dict[str, Any], run: Cli, tmp_path: Path) -> None:
    name = case.get("file", "news.csv")
    (tmp_path / name).write_bytes(case["input"].encode("utf-8"))
    result = run("--csv", *_fields(case, "column"), name)
    assert result.code == 0, result.err
    assert result.out.decode("utf-8") == case.get("expected", case["input"])


def test_a_named_column_twice_in_the_header_is_refused(run: Cli, tmp_path: Path) -> None:
    """``text,text``: only the first would be normalized, silently; which one is meant?"""
    (tmp_path / "d.csv").write_bytes(b"id,text,text\n1,Kiev,Gomel\n")
    result = run("--csv", "--column", "text", "d.csv")
    assert (result.code, result.out) == (2, b"")
    assert result.err == (
        "translit: d.csv:1: the column 'text' appears 2 times in the header; "
        "rename all but one\n"
    )
    (tmp_path / "e.csv").write_bytes(b"id,text,note,note\n1,Kiev,x,y\n")
    assert run("--csv", "--column", "text", "e.csv").out == b"id,text,note,note\n1,Kyiv,x,y\n"


def test_csv_bad_rows(run: Cli, tmp_path: Path) -> None:
    data = 'id,text\n1,Kiev\n2,"two\nlines",extra\n3,"Gomel"x\n4,\xff\n5,Kiev\n6,"open\n'
    (tmp_path / "n.csv").write_bytes(data.encode("latin-1"))
    stopped = run("--csv", "--column", "text", "n.csv")
    assert (stopped.code, stopped.out) == (2, b"id,text\n1,Kyiv\n")
    assert stopped.err.startswith("translit: n.csv:3: 3 fields where the header has 2; fix it")
    skipped = run("--csv", "--column", "text", "n.csv", "--on-error", "skip")
    assert (skipped.code, skipped.out) == (0, b"id,text\n1,Kyiv\n5,Kyiv\n")
    lines = skipped.err.splitlines()
    assert [line.split(": ")[1] for line in lines[:-1]] == ["warning"] * 4
    assert [line.split(": ")[2] for line in lines[:-1]] == [
        "n.csv:3", "n.csv:5", "n.csv:6", "n.csv:8"
    ]  # fmt: skip
    assert lines[-1] == "translit: 2 records read, 2 changed (2 names), 4 skipped"


def test_csv_unknown_column_and_usage_errors(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,text\n1,Kiev\n")
    missing = run("--csv", "--column", "body", "n.csv")
    assert missing.code == 2
    assert missing.err == "translit: n.csv: no column 'body'; the columns are: id, text\n"
    for args, needle in [
        (("--csv", "--column", "text", "n.csv", "n.csv"), "one file at a time"),
        (("--csv", "n.csv"), "needs the fields"),
        (("--csv", "--column", "text", "--check", "n.csv"), "--check, --diff and --in-place"),
        (("--csv", "--column", "text", "--mentions", "text", "n.csv"), "other than"),
        (("--jsonl", "--field", "meta.title", "--mentions", "meta", "n.csv"), "other than"),
        (("--field", "text", "n.csv"), "--field goes with --jsonl"),
        (("--output", "x", "n.csv"), "--output goes with --jsonl"),
        (("--jsonl", "--field", "text", "nope.jsonl"), "nope.jsonl: no such file"),
        (("--parquet", "--column", "text", "n.csv"), "--output FILE"),
    ]:
        result = run(*args)
        assert result.code == 2 and needle in result.err, (args, result.err)
    assert run("--csv", "--column", "text", stdin=b"").out == b""


# --- each record's language ---------------------------------------------------

CODES = "use one of bg, cs, de, en, es, fi, fr, hr, hu, it, lt, lv, nl, no, pl, pt, ro, ru, sk, "


def test_an_unknown_language_in_a_jsonl_record_is_a_bad_record(run: Cli) -> None:
    data = (b'{"lang": "fr", "text": "Kiev"}\n{"lang": "xx", "text": "Kiev"}\n'
            b'{"meta": {"lang": 5}, "text": "Gomel"}\n{"text": "Gomel"}\n')  # fmt: skip
    stopped = run("--jsonl", "--field", "text", "--lang-field", "lang", stdin=data)
    assert (stopped.code, stopped.out) == (2, b'{"lang": "fr", "text": "Kyiv"}\n')
    assert stopped.err.splitlines() == [
        f"translit: <stdin>:2: unknown language 'xx' in 'lang'; {CODES}tr, uk, be; "
        "fix it or pass --on-error skip",
        "translit: 1 record read, 1 changed (1 name), 0 skipped",
    ]
    skipped = run("--jsonl", "--field", "text", "--lang-field", "meta.lang", "--on-error", "skip",
                  stdin=data)  # fmt: skip
    assert skipped.code == 0
    assert skipped.lines == ['{"lang": "fr", "text": "Kyiv"}\n', '{"lang": "xx", "text": "Kyiv"}\n',
                             '{"text": "Homiel"}\n']  # fmt: skip
    assert skipped.err.splitlines() == [
        f"translit: warning: <stdin>:3: unknown language 5 in 'meta.lang'; {CODES}tr, uk, be, "
        "skipped",
        "translit: 3 records read, 3 changed (3 names), 1 skipped",
    ]


def test_an_unknown_language_in_a_csv_row_is_a_bad_record(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,lang,text\n1,pl,Kiev\n2,klingon,Kiev\n3,,Gomel\n")
    stopped = run("--csv", "--column", "text", "--lang-column", "lang", "n.csv")
    assert (stopped.code, stopped.out) == (2, b"id,lang,text\n1,pl,Kyiv\n")
    assert stopped.err.startswith("translit: n.csv:3: unknown language 'klingon' in 'lang'; use")
    skipped = run("--csv", "--column", "text", "--lang-column", "lang", "n.csv", "--on-error",
                  "skip")  # fmt: skip
    assert (skipped.code, skipped.out) == (0, b"id,lang,text\n1,pl,Kyiv\n3,,Homiel\n")
    assert skipped.err.endswith(", skipped\ntranslit: 2 records read, 2 changed (2 names), "
                                "1 skipped\n")  # fmt: skip
    missing = run("--csv", "--column", "text", "--lang-column", "language", "n.csv")
    assert missing.code == 2 and missing.err == (
        "translit: n.csv: no column 'language' (--lang-column); the columns are: id, lang, text\n"
    )


def test_lang_and_lang_field_usage_errors(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "n.jsonl").write_text('{"text": "Kiev"}\n')
    for args, needle in [
        (("--lang-field", "lang", "n.jsonl"), "--lang-field goes with --jsonl, --csv or --parquet"),
        (("--jsonl", "--field", "text", "--lang-field", "text", "n.jsonl"), "other than those"),
        (("--jsonl", "--field", "t", "--lang-field", "m", "--mentions", "m", "n.jsonl"),
         "other than --lang-field's"),
        (("--jsonl", "--field", "text", "--lang", "xx", "n.jsonl"),
         f"--lang: unknown language 'xx'; {CODES}"),
        (("--jsonl", "--field", "text", "--explain", "n.jsonl"), "--mentions FIELD lists"),
    ]:
        result = run(*args)
        assert result.code == 2 and len(result.err.splitlines()) == 1, (args, result.err)
        assert needle in result.err, (args, result.err)
    assert run("--jsonl", "--field", "text", "--lang", "pl", "n.jsonl").out == (
        b'{"text": "Kyiv"}\n'
    )


# --- Parquet ----------------------------------------------------------------


def test_parquet_round_trip(run: Cli, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = ["Lukashenko visited Kiev", None, "Minsk", "Gomel", "", "Тихановская"] * 5
    schema = pa.schema([("id", pa.int64()), ("text", pa.large_string()), ("n", pa.float64())],
                       metadata={b"origin": b"test"})  # fmt: skip
    table = pa.table([list(range(30)), texts, [0.5] * 30], schema=schema)
    pq.write_table(table, tmp_path / "in.parquet", compression="zstd", row_group_size=7)
    result = run("--parquet", "--column", "text", "--mentions", "found", "in.parquet",
                 "--output", "out.parquet", "--batch-size", "4")  # fmt: skip
    assert result.code == 0, result.err
    assert result.err == "translit: 30 records read, 10 changed (15 names), 0 skipped\n"
    out = pq.ParquetFile(tmp_path / "out.parquet")
    assert out.metadata.row_group(0).column(0).compression == "ZSTD"
    assert out.schema_arrow.metadata == {b"origin": b"test"}
    rows = out.read().to_pylist()
    normalizer = translit.Normalizer()
    assert [r["id"] for r in rows] == list(range(30))
    assert [r["text"] for r in rows] == [t if t is None else normalizer.normalize(t) for t in texts]
    assert rows[0]["found"][1] == {"field": "text", "start": 19, "end": 23, "text": "Kiev",
                                   "replacement": "Kyiv", "entity": "kyiv", "left": "",
                                   "lang": None}  # fmt: skip
    assert rows[5]["found"][0]["left"] == "written in another script"
    assert rows[1]["found"] == [] and rows[5]["found"][0]["replacement"] == "Тихановская"
    wrong = run("--parquet", "--column", "id", "in.parquet", "-o", "x.parquet")
    assert wrong.code == 2 and "column 'id' holds int64, not strings" in wrong.err
    assert not (tmp_path / "x.parquet").exists()


def test_parquet_language_column(run: Cli, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    text = "L'opposition biélorusse et Loukachenko"
    langs = ["fr", None, "en", "xx", "", "PL"]
    pq.write_table(pa.table({"id": list(range(6)), "lang": langs, "text": [text] * 6}),
                   tmp_path / "in.parquet")  # fmt: skip
    args = ("--parquet", "--column", "text", "--lang-column", "lang", "--mentions", "m",
            "in.parquet", "-o", "out.parquet", "--batch-size", "2")  # fmt: skip
    stopped = run(*args)
    assert stopped.code == 2 and not (tmp_path / "out.parquet").exists()
    assert stopped.err.startswith("translit: in.parquet: row 4: unknown language 'xx' in 'lang'")
    done = run(*args, "--lang", "en", "--on-error", "skip")
    assert done.code == 0
    assert done.err.startswith("translit: warning: in.parquet: row 4: unknown language 'xx'")
    assert done.err.endswith("translit: 5 records read, 5 changed (8 names), 1 skipped\n")
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["id"] for r in rows] == [0, 1, 2, 4, 5]  # the bad row is left out
    adjective = "biélorusse Belarusian Belarusian Belarusian biélorusse".split()
    assert [r["text"] for r in rows] == [
        f"L'opposition {word} et Lukashenka" for word in adjective
    ]  # fr; none: --lang en; en; empty: --lang en; PL: an adjective stays out of English text
    assert [(r["m"][0]["left"], r["m"][0]["lang"]) for r in rows] == [
        ("French adjective", "fr"), ("", "en"), ("", "en"), ("", "en"), ("Polish adjective", "pl")
    ]  # fmt: skip
    nulls = pa.table({"lang": pa.array([None], pa.null()), "text": ["Kiev"]})
    pq.write_table(nulls, tmp_path / "nulls.parquet")
    assert run("--parquet", "--column", "text", "--lang-column", "lang", "nulls.parquet",
               "-o", "n.parquet").code == 0  # fmt: skip
    wrong = run("--parquet", "--column", "text", "--lang-column", "id", "in.parquet", "-o", "x")
    assert wrong.code == 2 and "column 'id' holds int64, not language codes" in wrong.err


def test_plain_normalize_imports_no_corpus_machinery(tmp_path: Path) -> None:
    code = (
        "import sys; from translit.cli.main import main; code = main(['normalize']); "
        "heavy = {'csv', 'dask', 'pyarrow', 'pandas', 'translit.corpus.records'}"
        " & set(sys.modules); "
        "sys.exit(1 if heavy or code else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], input=b"Kiev\n", cwd=tmp_path,
                          capture_output=True, check=False, env={**os.environ})  # fmt: skip
    assert (done.returncode, done.stdout) == (0, b"Kyiv\n"), done.stderr


def test_an_edited_alias_table_is_read_again(run: Cli, tmp_path: Path) -> None:
    table = "entities:\n- id: zzyzx\n  type: place\n  name: Zzyzx\n  variants:\n    en: [{}]\n"
    for variant in ("Zyzzx", "Zizix"):
        (tmp_path / "house.yaml").write_text(table.format(variant))
        result = run("--jsonl", "--field", "t", "--aliases", "house.yaml",
                     stdin=b'{"t": "Zyzzx Zizix"}')  # fmt: skip
        assert json.loads(result.out)["t"] == "Zyzzx Zizix".replace(variant, "Zzyzx")
