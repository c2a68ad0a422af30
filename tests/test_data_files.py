"""Scheme and language files that break the schema: tests/cases/bad_data_files.yaml.

Each broken file is refused at its line, by its loader and by ``translit
validate`` (which tells the file's kind by its folder, or else by its keys)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import Cli, cli_runner
from translit.errors import TableError
from translit.tables import press
from translit.tables.languages import LANGUAGES_DIR, load_language
from translit.tables.schemes import SCHEMES_DIR, load_table

DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "bad_data_files.yaml").read_text("utf-8")
)
CASES: list[dict[str, Any]] = DATA["cases"]
FILES = {"scheme": "be-test.yaml", "language": "xx.yaml"}
LOADERS = {"scheme": load_table, "language": load_language}


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """Run ``translit ARGS`` in-process in *tmp_path*."""
    return cli_runner(monkeypatch, tmp_path)


def _write(tmp_path: Path, kind: str, text: str) -> tuple[Path, Path]:
    """The file written in the folder of its kind, and a copy outside it."""
    in_folder = tmp_path / f"{kind}s" / FILES[kind]
    in_folder.parent.mkdir(exist_ok=True)
    for path in (in_folder, tmp_path / FILES[kind]):
        path.write_text(text, "utf-8")
    return in_folder, tmp_path / FILES[kind]


@pytest.mark.parametrize("kind", sorted(FILES))
def test_the_good_files_load_and_validate(kind: str, tmp_path: Path, run: Cli) -> None:
    paths = _write(tmp_path, kind, DATA["good"][kind])
    for path in paths:
        assert LOADERS[kind](path)
    names = [str(p.relative_to(tmp_path)) for p in paths]
    result = run("validate", *names)
    assert (result.code, result.text) == (0, "".join(f"{n}: ok\n" for n in names))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_file_is_refused_at_its_line(case: dict[str, Any], tmp_path: Path,
                                            run: Cli) -> None:
    kind, (old, new) = case["kind"], case["change"]
    assert DATA["good"][kind].count(old) == 1, "the change must name one place"
    paths = _write(tmp_path, kind, DATA["good"][kind].replace(old, new))
    for path in paths:
        with pytest.raises(TableError) as info:
            LOADERS[kind](path)
        assert (info.value.path, info.value.line) == (str(path), case["line"])
        assert case["message"] in info.value.problem and info.value.fix
        name = path.relative_to(tmp_path)  # the folder, or the keys, tell the kind
        result = run("validate", str(name))
        assert result.code == 2 and result.out == b""
        assert result.err.startswith(f"translit: {name}:{case['line']}: {case['message']}")
        assert len(result.err.splitlines()) == 1, result.err


def test_every_shipped_scheme_and_language_file_validates(run: Cli) -> None:
    paths = sorted(str(p) for d in (SCHEMES_DIR, LANGUAGES_DIR) for p in d.iterdir()
                   if p.name.endswith(".yaml"))  # fmt: skip
    result = run("validate", *paths)
    assert result.code == 0 and result.err == ""
    assert result.text == "".join(f"{p}: ok\n" for p in paths)
    assert len(paths) == 37


def test_a_transcription_reads_its_rules_as_a_scheme_does(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """One rule language: classes are lists, ``apostrophe`` is a token and the
    apostrophe's own key, ``latin`` lists alternatives and ``each`` gives one spelling
    per letter (joined, as press spellings have no case)."""
    text = DATA["good"]["language"].replace(
        "    - {letters: а,", "    - {letters: об, before: [word_end], each: [o, p]}\n"
                             "    - {letters: а,")
    path = tmp_path / "xx.yaml"
    path.write_text(text, "utf-8")
    doc = load_language(path)
    monkeypatch.setattr(press, "language_files", lambda: (doc,))
    press.load_press.cache_clear()
    try:
        xx = press.load_press()["xx"]
    finally:
        press.load_press.cache_clear()
    assert xx.letters["'"] == ("",)
    assert press.spellings("боб", xx) == ["bop", "pop"]
    assert press.spellings("б'а", xx) == ["bja", "pja", "ba", "pa"]
    assert press.spellings("ба", xx) == ["ba", "pa"]
