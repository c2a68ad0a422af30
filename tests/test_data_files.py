"""Scheme and language files that break the schema: tests/cases/bad_data_files.yaml;
every data file of the repository against the schema; a broken given names file.

Each broken file is refused at its line, by its loader and by ``translit
validate`` (which tells the file's kind by its folder, or else by its keys)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import Cli, cli_runner
from translit.errors import TableError
from translit.tables import press, schema
from translit.tables.given_names import load_given_names
from translit.tables.languages import LANGUAGES_DIR, load_language
from translit.tables.schemes import SCHEMES_DIR, load_table
from translit.tables.yamlfile import load_file

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


REPO = Path(__file__).parent.parent
RECORDS = {"scheme": schema.SCHEME, "language": schema.LANGUAGE, "aliases": schema.ALIASES,
           "given_names": schema.GIVEN_NAMES}  # fmt: skip


def test_every_data_file_in_the_repository_validates_against_the_schema(run: Cli) -> None:
    """The bundled alias table, the given names, every scheme and language file and the
    tests' user table: each is of the kind its folder or its keys say, and the schema
    of that kind (tables/schema.py) finds nothing wrong in it."""
    data = REPO / "src" / "translit" / "data"
    paths = [REPO / "aliases.yaml", data / "given_names.yaml",
             data / "places.yaml", data / "regions.yaml",
             *sorted((data / "schemes").glob("*.yaml")),
             *sorted((data / "languages").glob("*.yaml")),
             REPO / "tests" / "data" / "user_table.yaml"]  # fmt: skip
    yamls = {p for p in data.rglob("*.yaml")} | {REPO / "aliases.yaml"}
    assert yamls <= set(paths), "a data file the schema does not know"
    kinds = []
    for path in paths:
        doc = load_file(path)
        kind = schema.kind_of(path.parent.name, doc)
        schema.check(doc, RECORDS[kind], str(path))
        kinds.append(kind)
    assert kinds.count("aliases") == 4 and kinds.count("given_names") == 1
    assert kinds.count("scheme") + kinds.count("language") == 37
    names = [str(p) for p in paths
             if p.parent.name not in ("schemes", "languages") and p != PLACES]  # fmt: skip
    result = run("validate", *names)
    assert result.code == 0 and result.err == ""
    assert result.text == "".join(f"{n}: ok\n" for n in names)


PLACES = REPO / "src" / "translit" / "data" / "places.yaml"


@pytest.mark.slow  # compiles the gazetteer with the bundled table (2 s)
def test_the_gazetteer_validates(run: Cli) -> None:
    """The gazetteer through ``translit validate``, as the other tables above."""
    result = run("validate", str(PLACES))
    assert result.code == 0 and result.err == ""
    assert result.text == f"{PLACES}: ok\n"


def test_a_broken_given_names_file_is_refused_at_its_line(tmp_path: Path, run: Cli) -> None:
    text = (REPO / "src" / "translit" / "data" / "given_names.yaml").read_text("utf-8")
    path = tmp_path / "given_names.yaml"
    path.write_text(text.replace("\nother: [", "\nothers: [", 1), "utf-8")
    line = path.read_text("utf-8").splitlines().index("others: [") + 1
    with pytest.raises(TableError) as info:
        load_given_names(path)
    assert (info.value.line, info.value.problem) == (
        line, "unknown key 'others' in the given names file")
    result = run("validate", "given_names.yaml")
    assert result.code == 2
    assert result.err.startswith(f"translit: given_names.yaml:{line}: unknown key 'others'")
