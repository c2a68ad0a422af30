"""Long files and standard input streamed by the command line: the same bytes, findings
and exit codes as reading them whole, for every mode and kind streamed; what is not
streamed is read whole up to a limit and refused beyond it."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translit
from helpers import Cli, Run, cli_runner
from translit import stream
from translit.cli import pipe, runner
from translit.cli.pipe import Survey, stream_text, survey
from translit.cli.report import Finding, render
from translit.cli.runner import Job, fix_bytes
from translit.documents.changes import allowed
from translit.documents.markup import kind_of

PLAIN = [
    "Lukashenko visited Kiev. ", "Alexander\nLukashenko said. ", "Gomel # translit: ignore\n",
    "# translit: ignore-next-line\nKiev\n", "<!-- translit: off -->\n", "<!-- translit: on -->\n",
    "see https://kiev.ua/x?translit:off ", "Kiev [sic] and ", "\n", "\n\n", "```\nKiev = 1\n",
    "```\n", "`Kiev` ", "Svetlana Tikhanovskaya ", "Kiev\r\n", "Gomel\r", "ordinary words ",
]  # fmt: skip

MARKDOWN = [
    *PLAIN, "~~~\nKiev\n~~~\n", "``Kiev ` Kiev`` ", "[Kiev](https://kiev.ua/x) ", "[Kiev] ",
    "[Odessa][] ", "\n[kiev]: /k\n", "\n[Odessa]: /o\n", '<a title="Kiev">Kiev</a> ',
    "<code>Kiev</code> ", "<pre>\nKiev\n</pre>\n", "\n\n    Kiev indented\n",
    "\n- item Kiev\n\n    Kiev in the item\n", "\n\n        Kiev deeper\n", "`translit: off` ",
    "<kiev@example.org> ", "\n---\n", "Minsk, Gomel\n",
]  # fmt: skip

FRONT = ["", "---\ntitle: Kiev\ntags: [Kiev]\n---\n", "---\nKiev\n", "+++\nsummary = Kiev\n+++\n"]


def _stream(
    normalizer: translit.Normalizer, job: Job, name: str, data: bytes, size: int,
    context: int = 200,
) -> tuple[bytes, list[Finding]]:  # fmt: skip
    """The output and findings (changed and left, in the order of the text) of *data*
    streamed in windows of *size* characters and *context* of context."""
    kind = kind_of(name)
    found = survey(io.BytesIO(data), name, kind)
    out, shown = io.BytesIO(), []
    stream_text(normalizer, job, name, io.BytesIO(data), out, kind=kind, found=found, size=size,
                context=context, show=lambda changed, left: shown.extend(sorted(
                    [*changed, *left], key=lambda f: (f.line, f.column))))  # fmt: skip
    return out.getvalue(), shown


def _whole(
    normalizer: translit.Normalizer, job: Job, name: str, data: bytes
) -> tuple[bytes, list[Finding]]:
    done = fix_bytes(normalizer, job, name, data)
    return done.output, sorted([*done.findings, *done.left], key=lambda f: (f.line, f.column))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("size", [50, 400, 5000])
def test_streamed_text_equals_whole_text(
    normalizer: translit.Normalizer, seed: int, size: int
) -> None:
    rng = random.Random(seed)
    data = "".join(rng.choice(PLAIN) for _ in range(rng.randint(100, 3000))).encode()
    job = Job(allow=allowed(["Gomel"]) if seed % 2 else frozenset())
    out = io.BytesIO()
    stream_text(normalizer, job, "<stdin>", io.BytesIO(data), out, size=size, context=200)
    assert out.getvalue() == fix_bytes(normalizer, job, "<stdin>", data).output


@given(
    pieces=st.lists(st.sampled_from(MARKDOWN), min_size=1, max_size=400),
    front=st.sampled_from(FRONT),
    name=st.sampled_from(["a.md", "a.txt", "a.py"]),
    size=st.sampled_from([1, 60, 700]),
    explain=st.booleans(),
    bom=st.booleans(),
)
def test_streamed_files_equal_whole_files(
    normalizer: translit.Normalizer, pieces: list[str], front: str, name: str, size: int,
    explain: bool, bom: bool,
) -> None:  # fmt: skip
    data = (b"\xef\xbb\xbf" if bom else b"") + (front + "".join(pieces)).encode()
    job = Job(allow=allowed(["Gomel"]) if explain else frozenset(), explain=explain)
    assert _stream(normalizer, job, name, data, size) == _whole(normalizer, job, name, data)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_long_random_texts_streamed_equal_whole(
    normalizer: translit.Normalizer, seed: int, name: str
) -> None:
    import random

    rng = random.Random(seed)
    text = rng.choice(FRONT) + "".join(rng.choice(MARKDOWN) for _ in range(4000))
    data = text.encode()
    job = Job(explain=True)
    assert _stream(normalizer, job, name, data, 500) == _whole(normalizer, job, name, data)


def test_a_crlf_cut_in_two_counts_one_line(normalizer: translit.Normalizer) -> None:
    place = pipe._Place("a.txt")
    kiev = normalizer.find("Kiev")
    for piece in ("x\r", "\nab\r\n", "ab"):
        place.advance(piece)
    assert [(f.line, f.column) for f in place.findings("Kiev", kiev)] == [(3, 3)]
    place = pipe._Place("a.txt")
    place.advance("x\r")
    assert [(f.line, f.column) for f in place.findings("\nKiev", normalizer.find("\nKiev"))] == [
        (2, 1)
    ]


def test_survey_reads_labels_front_matter_and_utf8() -> None:
    found = survey(io.BytesIO(b"---\ntitle: Kiev\n---\n[Kiev]\n\n[KIEV]: /k\n"), "a.md", "markdown")
    assert found.labels == {"kiev"} and found.front == [(0, 11), (15, 20)]
    assert survey(io.BytesIO(b"---\nKiev\n"), "a.md", "markdown").front == []  # never closed
    with pytest.raises(
        translit.documents.files.Skipped, match=r"a\.md:3: not valid UTF-8, skipped"
    ):
        survey(io.BytesIO(b"Kiev\n\n\xff\n"), "a.md", "markdown")
    with pytest.raises(pipe.Unstreamable, match="front matter longer than"):
        survey(io.BytesIO(b"---\n" + b"x: y\n" * (pipe.FRONT_MAX // 4) + b"---\n"), "a.md",
               "markdown")  # fmt: skip
    assert survey(io.BytesIO(b"---\n" + b"x: y\n" * (pipe.FRONT_MAX // 4)), "a.md",
                  "markdown") == Survey()  # fmt: skip


# --- the command line ------------------------------------------------------


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over 64 bytes are long; windows of 100 characters, 200 of context."""
    monkeypatch.setattr(runner, "STREAM_AFTER", 64)
    monkeypatch.setattr(pipe, "WINDOW", 100)
    monkeypatch.setattr(stream, "CONTEXT", 200)


DOC = (
    "---\ntitle: Kiev\n---\n# Lukashenko in Kiev\r\n\nSee [Kiev] and `Kiev`, Gomel.\n\n"
    "```\nKiev = 1\n```\n\n- Gomel\n\n    Kiev in the item\n\n<!-- translit: off -->\nKiev\n"
    "<!-- translit: on -->\nKiev [sic], Kiev.\n\n[kiev]: https://kiev.ua\n"
) * 30


def _both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes,
          *args: str) -> tuple[Run, Run, bytes, bytes]:  # fmt: skip
    """``translit ARGS name`` with the file *data* streamed and read whole, each in its
    own folder: the runs and the files after them."""
    runs, after = [], []
    for folder, limit in (("streamed", 64), ("whole", 1 << 30)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes(data)
        monkeypatch.setattr(runner, "STREAM_AFTER", limit)
        runs.append(cli_runner(monkeypatch, tmp_path / folder)("normalize", *args, name))
        after.append((tmp_path / folder / name).read_bytes())
    return runs[0], runs[1], after[0], after[1]


def test_cli_streams_long_standard_input(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "STREAM_AFTER", 64)
    data = "\ufeff" + "Lukashenko visited Kiev.\r\n<!-- translit: off -->\nKiev\n" * 50
    whole = fix_bytes(translit.Normalizer(), Job(), "<stdin>", data.encode()).output
    assert run("normalize", stdin=data.encode()).out == whole
    markdown = run("normalize", "--stdin-filename", "a.md", stdin=b"`Kiev` " * 20)
    assert markdown.out == b"`Kiev` " * 20
    bad = run("normalize", stdin=b"Kiev\n" * 30 + b"\xff\n")
    assert bad.code == 2 and bad.err == "translit: <stdin>:31: not valid UTF-8; pass UTF-8 text\n"
    binary = run("normalize", stdin=b"Kiev\x00" * 30)
    assert binary.code == 2 and "binary file" in binary.err


@pytest.mark.parametrize("name", ["doc.md", "doc.txt", "doc.py"])
@pytest.mark.parametrize("args", [(), ("--check",), ("--check", "--explain", "--format", "json"),
                                  ("-i",), ("-i", "--explain")])  # fmt: skip
def test_cli_streams_long_files_in_every_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: None, name: str, args: tuple[str, ...]
) -> None:
    data = b"\xef\xbb\xbf" + DOC.encode()
    streamed, whole, streamed_file, whole_file = _both(tmp_path, monkeypatch, name, data, *args)
    assert streamed == whole and streamed_file == whole_file
    if "-i" in args and name != "doc.py":
        assert streamed.code == 1 and streamed_file != data
    leftovers = [p.name for p in (tmp_path / "streamed").iterdir()]
    assert leftovers == [name]  # no temporary file left behind


def test_in_place_leaves_an_unchanged_file_untouched(
    run: Cli, tmp_path: Path, small: None
) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("Kyiv and Lukashenka.\n" * 40)
    before = path.stat()
    done = run("normalize", "-i", "clean.txt")
    assert done.code == 0 and done.err == "translit: 1 file left unchanged\n"
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert os.listdir(tmp_path) == ["clean.txt"]


def test_in_place_checks_the_file_before_replacing_it(
    run: Cli, tmp_path: Path, small: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_text("Kiev\n" * 40)
    path.chmod(0o444)
    done = run("normalize", "-i", "a.md")
    assert (done.code, done.out) == (2, b"")  # no findings: nothing was fixed
    assert done.err.splitlines()[0] == (
        "translit: a.md: read-only, left unchanged; make it writable or exclude it"
    )
    assert path.read_text() == "Kiev\n" * 40 and os.listdir(tmp_path) == ["a.md"]
    path.chmod(0o644)
    streamed = pipe.stream_text

    def edited_meanwhile(*args: object, **kwargs: object) -> pipe.Streamed:
        done = streamed(*args, **kwargs)  # type: ignore[arg-type]
        with open(path, "a") as handle:
            handle.write("Kiev\n")
        return done

    monkeypatch.setattr(pipe, "stream_text", edited_meanwhile)
    done = run("normalize", "-i", "a.md")
    assert done.code == 2 and done.out == b""  # an edit of someone else's: an error
    assert "a.md: changed while translit ran, not written; run translit again" in done.err
    assert path.read_text() == "Kiev\n" * 41 and os.listdir(tmp_path) == ["a.md"]


def test_long_standard_input_of_any_kind_is_the_named_file(
    run: Cli, tmp_path: Path, small: None
) -> None:
    data = DOC.encode()
    for name in ("doc.md", "doc.txt", "doc.py"):
        for mode in ((), ("--check",)):
            whole = fix_bytes(translit.Normalizer(), Job(), name, data)
            piped = run("normalize", *mode, "--stdin-filename", name, stdin=data)
            if mode:
                assert piped.code == (0 if name == "doc.py" else 1)
                assert piped.lines == [render(f, "text") + "\n" for f in whole.findings]
            else:
                assert (piped.code, piped.out) == (0, whole.output)


@pytest.mark.parametrize(("name", "args"), [("notes.rst", ()), ("notes.txt", ("--diff",)),
                                            ("notes.md", ("--diff",))])  # fmt: skip
def test_what_is_not_streamed_is_read_whole_up_to_a_limit(
    run: Cli, tmp_path: Path, small: None, monkeypatch: pytest.MonkeyPatch, name: str,
    args: tuple[str, ...],
) -> None:  # fmt: skip
    data = ("Lukashenko visited Kiev.\n" * 20).encode()
    (tmp_path / name).write_bytes(data)
    whole = fix_bytes(translit.Normalizer(), Job("diff" if args else "stdout"), name, data)
    done = run("normalize", *args, name)
    assert done.out == whole.output and done.code == (1 if args else 0)
    monkeypatch.setattr(runner, "READ_WHOLE", 400)
    monkeypatch.setattr(pipe, "READ_WHOLE", 400)
    for refused in (run("normalize", *args, name), run("normalize", *args, "--stdin-filename",
                                                       name, stdin=data)):  # fmt: skip
        assert refused.code == 2 and refused.out == b""
        line = refused.err.splitlines()[0]
        assert line.startswith(f"translit: {name}: 500 bytes, and ")
        assert "up to 400 bytes; " in line
        assert ("use --check, or --in-place and git diff" if args else "split it") in line


def test_long_front_matter_is_read_whole(
    run: Cli, tmp_path: Path, small: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipe, "FRONT_MAX", 50)
    data = ("---\n" + "summary: Kiev\n" * 10 + "---\nKiev and Gomel\n").encode()
    (tmp_path / "a.md").write_bytes(data)
    assert run("normalize", "a.md").out == fix_bytes(translit.Normalizer(), Job(), "a.md",
                                                     data).output  # fmt: skip
    monkeypatch.setattr(pipe, "READ_WHOLE", 100)
    refused = run("normalize", "a.md")
    assert refused.code == 2 and "front matter longer than 50 characters" in refused.err


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return cli_runner(monkeypatch, tmp_path)


LINES = (
    "Kiev Kiev Kiev Kiev Kiev <!-- translit: off -->\rKiev Kiev\r\n"
    "Kiev Kiev Kiev Kiev Kiev Kiev # translit: on\r\n\r\n- Kiev\r\n\r\n"
    "    Kiev Kiev Kiev Kiev Kiev Kiev\r\n# translit: ignore-next-line\rKiev Kiev\n"
    "    Kiev\r\nKiev Kiev [sic]\rKiev Kiev Kiev # translit: ignore-next-line\r\nKiev\r\n"
    "Kiev Kiev Kiev Kiev Kiev\r\n    Kiev Kiev\r\n\n```\r\nKiev\r\n```\r\n\n"
    "Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev\n"
    "<!-- translit: off -->\nKiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev # translit: on\n"
    "Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev Kiev # translit: ignore\n"
)


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_windows_cut_anywhere(normalizer: translit.Normalizer, name: str) -> None:
    """Windows of every size up to a few lines: each line (shorter than the context)
    read once, whatever line endings, directives and indented code."""
    data = (LINES * 3).encode()
    whole = _whole(normalizer, Job(explain=True), name, data)
    for size in range(1, 400, 3):
        assert _stream(normalizer, Job(explain=True), name, data, size, 80) == whole, size


@pytest.mark.parametrize("length", [495, 499, 500, 501, 999, 1000, 1001])
def test_tokens_near_the_run_limit_stream_as_whole(
    normalizer: translit.Normalizer, length: int
) -> None:
    """Runs of characters without a space about MAX_TOKEN long, some holding a name,
    across window cuts: streamed (in every mode's way: the same bytes and findings) as
    read whole. (A 5.5 MB file of such runs once came out differently.)"""
    rnd = random.Random(length)
    words = ["Kiev", "Lukashenko", "Gomel", "and", "the", "visited", "Minsk.", "\n"]
    parts = []
    for _ in range(60):
        if rnd.random() < 0.2:
            run = "".join(rnd.choice("abcdefgh-/.") for _ in range(length))
            parts.append(run[: length // 2] + "Kiev" + run[length // 2 :])
        else:
            parts.append(rnd.choice(words))
    data = " ".join(parts).encode()
    whole = _whole(normalizer, Job(explain=True), "a.txt", data)
    for size in (200, 700, 1500):
        assert _stream(normalizer, Job(explain=True), "a.txt", data, size, 600) == whole, size
