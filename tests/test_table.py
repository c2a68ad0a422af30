"""Alias tables: validation errors (file, line, fix), merging, conflicts, styles."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

import translit
from helpers import cli_runner
from translit.tables.aliases import MAX_FORM_LENGTH

BAD = yaml.safe_load((Path(__file__).parent / "cases" / "bad_tables.yaml").read_text("utf-8"))


def _bad_table(case: dict[str, Any], tmp_path: Path) -> Path:
    """The broken table of *case*, written as ``table.yaml`` in *tmp_path*."""
    path = tmp_path / "table.yaml"
    if case["table"] == "BINARY":
        path.write_bytes(b"entities:\n  - {id: x, type: place, name: \xff\xfe}\n")
    else:
        path.write_text(case["table"].replace("LONGFORM", "x" * (MAX_FORM_LENGTH + 1)), "utf-8")
    return path


@pytest.mark.parametrize("case", BAD, ids=[c["name"] for c in BAD])
def test_bad_table_is_refused(case: dict[str, Any], tmp_path: Path) -> None:
    path = _bad_table(case, tmp_path)
    with pytest.raises(translit.TableError) as info:
        translit.Normalizer([path], include_default=False)
    err = info.value
    assert err.path == str(path)
    assert err.line == case["line"]
    assert case["message"].replace("TABLE", str(path)) in str(err)
    assert str(err).startswith(f"{path}:{case['line']}: ")
    assert err.fix


@pytest.mark.parametrize("case", BAD, ids=[c["name"] for c in BAD])
def test_validate_refuses_a_bad_table_at_its_line(case: dict[str, Any], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``translit validate FILE`` reports each broken alias table as one line,
    ``translit: file:line: problem; fix``, at the line the loader names."""
    _bad_table(case, tmp_path)
    result = cli_runner(monkeypatch, tmp_path)("validate", "table.yaml")
    assert result.code == 2 and result.out == b""
    (line,) = result.err.splitlines()
    assert line.startswith(f"translit: table.yaml:{case['line']}: ")
    assert case["message"].replace("TABLE", "table.yaml") in line and "; " in line


def test_bundled_table_loads_and_every_canonical_maps_to_itself(
    normalizer: translit.Normalizer,
) -> None:
    data = yaml.safe_load(Path(translit.tables.aliases.bundled_table_path()).read_text("utf-8"))
    for entity in data["entities"]:
        assert normalizer.canonical(entity["name"]) == entity["name"]
        assert normalizer.normalize(entity["name"]) == entity["name"]
        if "surname" in entity:
            assert normalizer.canonical(entity["surname"]) == entity["surname"]


def test_required_entities(normalizer: translit.Normalizer) -> None:
    required = {
        "Alexander Lukashenko": "Alyaksandr Lukashenka",
        "Лукашэнка": "Lukashenka",
        "Svetlana Tikhanovskaïa": "Sviatlana Tsikhanouskaya",
        "Kastous Kalinowski": "Kastus Kalinouski",
        "Maria Kolesnikova": "Maria Kalesnikava",
        "Владимир Путин": "Vladimir Putin",
        "Zelensky": "Zelenskyy",
        "Валерый Сахашчык": "Valery Sakhashchyk",
        "Арцём Шрайбман": "Artyom Shraibman",
        "Veronica Laputska": "Veranika Laputska",
        "Киев": "Kyiv",
        "Gomel": "Homiel",
        "Менск": "Minsk",
        "Мінск": "Minsk",
        "Donbass": "Donbas",
        "Kharkov": "Kharkiv",
        "Odessa": "Odesa",
        "Lvov": "Lviv",
        "Zaporozhye": "Zaporizhzhia",
        "Grodno": "Hrodna",
        "Kherson": "Kherson",
        "Bucha": "Bucha",
        "Vilnius": "Vilnius",
        "Byelorussia": "Belarus",
        "Belorussian": "Belarusian",
        "Вясна": "Viasna",
        "Гаюн": "Hajun",
    }
    for variant, canonical in required.items():
        assert normalizer.canonical(variant) == canonical, variant


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_table_adds_entities_and_a_house_style(tmp_path: Path) -> None:
    table = _write(
        tmp_path / "house.yaml",
        "styles: {house: house style of our newsroom}\n"
        "entities:\n"
        "  - id: alyaksandr-lukashenka\n"
        "    type: person\n"
        "    name: Alyaksandr Lukashenka\n"
        "    surname: Lukashenka\n"
        "    styles: {house: {name: Alexander Lukashenko, surname: Lukashenko}}\n"
        "  - id: brest\n"
        "    type: place\n"
        "    name: Brest\n"
        "    original: {be: Брэст}\n"
        "    variants: {pl: [Brześć]}\n",
    )
    n = translit.Normalizer([table])
    assert n.normalize("Brześć and Kiev") == "Brest and Kyiv"
    assert n.normalize("Lukashenka in Kiev", style="house") == "Lukashenko in Kyiv"
    assert n.normalize("Aliaksandr Lukashenka", style="house") == "Alexander Lukashenko"
    house = translit.Normalizer([table], style="house")
    assert house.normalize("Alyaksandr Lukashenka") == "Alexander Lukashenko"
    assert "house" in house.styles


def test_unknown_style_is_an_error(normalizer: translit.Normalizer) -> None:
    with pytest.raises(ValueError, match="unknown style 'klingon'"):
        normalizer.normalize("Kiev", style="klingon")


def test_conflict_between_files_names_both(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.yaml", "entities:\n  - {id: a, type: place, name: Aaa}\n")
    second = _write(
        tmp_path / "b.yaml",
        "entities:\n  - id: b\n    type: place\n    name: Bbb\n    variants: {en: [Aaa]}\n",
    )
    with pytest.raises(translit.TableError) as info:
        translit.Normalizer([first, second], include_default=False)
    message = str(info.value)
    assert f"{second}:5" in message and f"{first}:2" in message


def test_conflict_with_bundled_table(tmp_path: Path) -> None:
    table = _write(
        tmp_path / "mine.yaml", "entities:\n  - {id: kiev-cake, type: other, name: Kiev}\n"
    )
    with pytest.raises(translit.TableError, match=r"aliases\.yaml"):
        translit.Normalizer([table])


def test_redefining_an_entity_with_another_name_is_an_error(tmp_path: Path) -> None:
    table = _write(tmp_path / "t.yaml", "entities:\n  - {id: kyiv, type: place, name: Kiev}\n")
    with pytest.raises(translit.TableError, match="already defined"):
        translit.Normalizer([table])


def test_ambiguous_forms_of_two_entities_do_not_conflict(tmp_path: Path) -> None:
    table = _write(
        tmp_path / "t.yaml",
        "entities:\n"
        "  - id: kalinowski-family\n"
        "    type: other\n"
        "    name: Kalinowski family\n"
        "    ambiguous: [{form: Kalinowski, next: [family]}]\n",
    )
    n = translit.Normalizer([table])
    assert n.normalize("Kalinowski regiment") == "Kalinouski regiment"
    assert [m.entity for m in n.find("Kalinowski family")] == ["kalinowski-family"]


def test_missing_file_is_a_table_error(tmp_path: Path) -> None:
    with pytest.raises(translit.TableError, match="cannot read"):
        translit.Normalizer([tmp_path / "nope.yaml"])


def test_normalizer_pickles(normalizer: translit.Normalizer) -> None:
    copy = pickle.loads(pickle.dumps(normalizer))
    text = "Lukashenko visited Kiev and Гомель"
    assert copy.find(text) == normalizer.find(text)
    assert copy.style == normalizer.style


def test_normalizer_is_thread_safe(normalizer: translit.Normalizer) -> None:
    text = (Path(__file__).parent / "corpus" / "000_80760657471d41ca.txt").read_text("utf-8")
    expected = normalizer.find(text)
    results: list[list[translit.Mention]] = []

    def work() -> None:
        for _ in range(5):
            results.append(normalizer.find(text))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 40 and all(r == expected for r in results)


def test_module_functions_and_mention_fields() -> None:
    assert translit.normalize("Lukashenko visited Kiev") == "Lukashenka visited Kyiv"
    assert translit.canonical("Kiev") == "Kyiv"
    (m,) = translit.find("Gomel")
    assert (m.start, m.end, m.text, m.replacement, m.entity, m.part) == (
        0,
        5,
        "Gomel",
        "Homiel",
        "homiel",
        "name",
    )
    assert m.changed and "Gomel" in m.reason
    with pytest.raises(AttributeError):
        m.text = "x"  # type: ignore[misc]


def test_cyrillic_mention_is_reported_not_replaced(normalizer: translit.Normalizer) -> None:
    (m,) = normalizer.find("Президент Лукашенко")
    assert m.text == m.replacement == "Лукашенко" and not m.changed
    assert m.entity == "alyaksandr-lukashenka"


def test_variants_lists_the_compiled_forms(normalizer: translit.Normalizer) -> None:
    variants = list(normalizer.variants())
    assert ("kiev", "kyiv", "variant Kiev (en)") in variants
    assert any(v[0] == "alexander lukashenka" for v in variants)
    assert all(" " not in v[0] or v[0].split(" ")[0] for v in variants)


def test_a_form_keeps_its_source(tmp_path: Path) -> None:
    """``{form: X, source: Y}``: the source backs that one form; the form is read as any."""
    from translit.tables.aliases import load_tables

    path = tmp_path / "t.yaml"
    path.write_text(
        "entities:\n  - id: x\n    type: place\n    name: Xyz\n    variants:\n"
        '      en: [{form: Xyzz, source: "NOS, Le Monde"}, Xyzzy]\n', "utf-8"
    )
    (entity,) = load_tables([path]).entities
    assert [(f.text, f.source) for f in entity.forms if f.origin == "variant"] == [
        ("Xyzz", "NOS, Le Monde"), ("Xyzzy", "")
    ]
    assert translit.Normalizer([path], include_default=False).normalize("Xyzz") == "Xyz"


def test_the_bundled_table_gives_sources_per_form() -> None:
    from translit.tables.aliases import load_tables
    from translit.tables.bundled import bundled_table_path

    forms = [f for e in load_tables([bundled_table_path()]).entities for f in e.forms]
    assert sum(1 for f in forms if f.source) >= 90


def test_variants_that_are_frequent_words_are_named(tmp_path: Path) -> None:
    """A one-word form that is a function word of some language ("the", "und") gets a
    warning with its line, unless it is listed as ambiguous; the bundled table has none."""
    from translit.tables.aliases import common_word_forms, load_tables
    from translit.tables.bundled import bundled_table_path

    path = tmp_path / "t.yaml"
    path.write_text(
        "entities:\n"
        "  - id: x-the\n    type: place\n    name: Thera\n"
        "    variants: {en: [The, Theras], de: [Und]}\n"
        "  - id: x-a\n    type: place\n    name: Aland\n    variants: {en: [Of]}\n"
        "    ambiguous:\n      - {form: Of, lang: en, next: [island]}\n", "utf-8"
    )
    found = common_word_forms(load_tables([path]))
    assert [line.split(": ", 1)[0] for line in found] == [f"{path}:5", f"{path}:5"]
    assert "'The' is one of the most frequent words of" in found[0] and " en," in found[0]
    assert "'Und' is one of the most frequent words of de;" in found[1]
    assert common_word_forms(load_tables([bundled_table_path()])) == []


def test_validate_warns_of_variants_that_are_frequent_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``translit validate`` accepts the table (exit 0) and names each such form, with
    its line, on standard error; a form listed as ambiguous is not named."""
    (tmp_path / "t.yaml").write_text(
        "entities:\n  - id: x-the\n    type: place\n    name: Thera\n"
        "    variants: {en: [The, Theras]}\n"
        "  - id: x-a\n    type: place\n    name: Aland\n    variants: {en: [Of]}\n"
        "    ambiguous:\n      - {form: Of, lang: en, next: [island]}\n", "utf-8"
    )
    result = cli_runner(monkeypatch, tmp_path)("validate", "t.yaml")
    assert (result.code, result.text) == (0, "t.yaml: ok\n")
    (warning,) = result.err.splitlines()
    assert warning.startswith("translit: warning: t.yaml:5: 'The' is one of the most frequent")
    assert "list it under 'ambiguous'" in warning


def test_a_name_holding_another_entitys_name_is_idempotent(tmp_path: Path) -> None:
    """``Homiel Oblast`` (a variant of the Homiel Region) holds Homiel, the canonical
    form of the city: "Gomel Oblast" became "Homiel Oblast" on a first run and
    "Homiel Region" on the second. The region's name is also written with every form
    of the city, so one run gives what two did."""
    path = tmp_path / "region.yaml"
    path.write_text(
        "entities:\n  - id: homiel-region\n    type: place\n    name: Homiel Region\n"
        "    variants: {en: [Homiel Oblast, Gomel Region]}\n", "utf-8"
    )
    n = translit.Normalizer([path])
    for text in ("He lives in Gomel Oblast now.", "In the Homel Oblast.", "GOMEL OBLAST"):
        once = n.normalize(text)
        assert "region" in once.lower() and n.normalize(once) == once, (text, once)
    found = n.find("Gomel Oblast")
    assert [(m.entity, m.reason) for m in found] == [
        ("homiel-region", "Gomel Oblast: Homiel Oblast with Gomel for Homiel")
    ]


def test_a_style_form_is_a_variant_of_its_language(normalizer: translit.Normalizer) -> None:
    """A style named by a language code writes that language's press spelling: the
    table lists it once (under ``styles``), and it is found as a variant of that
    language. No form of the bundled table is repeated under its style's variants."""
    from translit.tables.bundled import bundled_table_path

    doc = yaml.safe_load(bundled_table_path().read_text("utf-8"))
    repeated = []
    for entity in doc["entities"]:
        variants = entity.get("variants") or {}
        for style, forms in (entity.get("styles") or {}).items():
            listed = variants.get(style) or []
            listed = [listed] if isinstance(listed, str) else listed
            texts = {f["form"] if isinstance(f, dict) else f for f in listed}
            values = [forms] if isinstance(forms, str) else list(forms.values())
            repeated += [(entity["id"], style, v) for v in values if v in texts]
    assert repeated == []
    (found,) = normalizer.find("Alexandre Loukachenko")
    assert (found.replacement, found.reason) == (
        "Alyaksandr Lukashenka", "variant Alexandre Loukachenko (fr)"
    )
