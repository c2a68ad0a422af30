"""The gazetteer (src/translit/data/places.yaml, docs/places.md), checked against its own
data: every town's Cyrillic names give its canonical form, no two towns share one, a
form the file marks ambiguous is not rewritten alone, and the regions load; and the
cases of tests/cases/places.yaml (press spellings, names in context)."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest
import yaml

import translit
from translit.tables.aliases import Entity, load_tables
from translit.tables.bundled import bundled_table_file, places_file, regions_file
from translit.text.casing import is_cyrillic
from translit.text.fold import fold_word

PLACES = [e for e in load_tables([places_file()]).entities if e.forms[1:]]
TOWNS = [e for e in PLACES if e.geonames is not None and "original" in {f.origin for f in e.forms}]
BUNDLED = load_tables([bundled_table_file()]).entities
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "places.yaml").read_text("utf-8"))


def _shared(entity: Entity) -> set[str]:
    """The folded forms *entity* shares with another place: ambiguous without words."""
    return {fold_word(a.form) for a in entity.ambiguous if not a.next and not a.previous}


@pytest.fixture(scope="module")
def normalizer() -> translit.Normalizer:
    """The default table: aliases.yaml, the gazetteer and the regions."""
    return translit.Normalizer()


@pytest.mark.parametrize("case", CASES["canonical"], ids=[c["name"] for c in CASES["canonical"]])
def test_canonical(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    assert normalizer.canonical(case["name"]) == case["canonical"]


@pytest.mark.parametrize(
    "case", CASES["normalize"], ids=[c["input"][:40] for c in CASES["normalize"]]
)
def test_normalize(case: dict[str, Any], normalizer: translit.Normalizer) -> None:
    _normalizes(normalizer, case)


def _normalizes(normalizer: translit.Normalizer, case: dict[str, Any]) -> None:
    """A normalize case: its input gives its expected output (the input itself unless
    given), and that output stays as it is."""
    expected = case.get("expected", case["input"])
    assert normalizer.normalize(case["input"]) == expected, case.get("note")
    assert normalizer.normalize(expected) == expected


def test_the_gazetteer_is_in_the_default_table(normalizer: translit.Normalizer) -> None:
    """The default table holds the towns and regions; ``places=False`` leaves both out
    (aliases.yaml alone, docs/places.md)."""
    assert normalizer.canonical("Slavyansk") == "Sloviansk"
    assert normalizer.canonical("Gomel Voblast") == "Homiel Voblast"
    core = translit.Normalizer(places=False)
    assert core.canonical("Slavyansk") is None and core.canonical("Gomel Voblast") is None
    assert core.canonical("Gomel") == "Homiel"  # an entity of aliases.yaml


def test_the_file_holds_the_towns() -> None:
    assert len(TOWNS) > 400
    assert all(e.type == "place" and e.geonames for e in TOWNS)
    assert {"sloviansk", "babruysk", "kramatorsk", "salihorsk"} <= {e.id for e in TOWNS}
    # the six towns GeoNames gives no name of their own language (places_regions.NAMED)
    named = {"kadiivka", "kalmiuske", "saky", "prymorskyi", "kalinkavichy", "fanipal"}
    assert named <= {e.id for e in TOWNS}


def test_each_cyrillic_name_gives_the_canonical_form(normalizer: translit.Normalizer) -> None:
    wrong = []
    for entity in TOWNS:
        for form in entity.forms:
            if form.origin != "original" or fold_word(form.text) in _shared(entity):
                continue
            got = normalizer.canonical(form.text)
            if got != entity.name:
                wrong.append((form.text, got, entity.name))
    assert not wrong


def test_no_two_towns_share_a_canonical_form() -> None:
    """Two entities with one canonical form are homonyms (several Pervomaisk): then the
    form is ambiguous in both, so that canonical() never picks one of them."""
    by_name = collections.defaultdict(list)
    for entity in [*BUNDLED, *PLACES]:
        by_name[fold_word(entity.name)].append(entity)
    merged = {e.id for e in BUNDLED}
    for key, entities in by_name.items():
        ids = {e.id for e in entities}
        if len(ids) > 1:
            assert ids.isdisjoint(merged), key
            assert all(key in _shared(e) for e in entities), key


def test_ambiguous_forms_alone_are_not_rewritten(normalizer: translit.Normalizer) -> None:
    """Each Latin form the file marks ambiguous, alone in a sentence with no place word."""
    changed = []
    for entity in PLACES:
        for amb in entity.ambiguous:
            if is_cyrillic(amb.form):
                continue
            text = f"We talked about {amb.form} yesterday."
            if normalizer.normalize(text) != text:
                changed.append(amb.form)
    assert not changed


def test_former_names_are_found_and_left(normalizer: translit.Normalizer) -> None:
    former = [(e, f) for e in PLACES for f in e.forms if f.origin == "former name"]
    assert len(former) > 40
    for entity, form in former:
        if is_cyrillic(form.text):  # in an English sentence: see the next test
            continue
        text = f"He lived in {form.text} then."
        found = [m for m in normalizer.find(text) if m.text == form.text]
        assert normalizer.normalize(text) == text, form.text
        assert found and found[0].entity == entity.id, form.text
        assert "former name" in found[0].reason
        assert found[0].left == f"former name ({form.text})", form.text


@pytest.mark.parametrize(
    ("spelling", "town"), [("Dnepropetrovsk", "dnipro"), ("Kirovograd", "kropyvnytskyi")]
)
def test_spellings_made_of_former_names_are_left_as_former_names(
    normalizer: translit.Normalizer, spelling: str, town: str
) -> None:
    """A spelling the schemes or press languages make of a former Cyrillic name says
    why it is left: a former name, as the listed form does."""
    [m] = [m for m in normalizer.find(f"Born in {spelling} in 1965.") if m.text == spelling]
    assert (m.entity, m.left, m.replacement) == (town, f"former name ({spelling})", spelling)


def test_the_regions_merge_without_the_towns() -> None:
    """The regions' file is a table of its own: it merges with aliases.yaml alone too."""
    regions = translit.Normalizer([bundled_table_file(), regions_file()], include_default=False)
    assert regions.canonical("Kharkov Oblast") == "Kharkiv Oblast"
    assert regions.canonical("Gomel Voblast") == "Homiel Voblast"
    assert regions.canonical("Slavyansk") is None


REGIONS = load_tables([regions_file()]).entities


@pytest.fixture(scope="module", params=["regions", "places and regions"])
def with_regions(request: pytest.FixtureRequest) -> translit.Normalizer:
    """The regions with aliases.yaml alone, and the default table (with the towns)."""
    if request.param == "places and regions":
        return translit.Normalizer()
    return translit.Normalizer([bundled_table_file(), regions_file()], include_default=False)


@pytest.mark.parametrize(
    "case", CASES["regions_canonical"], ids=[c["name"] for c in CASES["regions_canonical"]]
)
def test_regions_canonical(case: dict[str, Any], with_regions: translit.Normalizer) -> None:
    assert with_regions.canonical(case["name"]) == case["canonical"]


@pytest.mark.parametrize(
    "case", CASES["regions_normalize"], ids=[c["input"][:40] for c in CASES["regions_normalize"]]
)
def test_regions_normalize(case: dict[str, Any], with_regions: translit.Normalizer) -> None:
    _normalizes(with_regions, case)


def test_each_region_name_gives_the_canonical_form(with_regions: translit.Normalizer) -> None:
    """Each Cyrillic name of each region (its ``source:``, from ISO 3166-2 and
    scripts/places_regions.py) is a form of the region, unless the region's note says
    it is left out: a word of it, or of a spelling made of it, would hide a town's
    case form (scripts/places_rules.lost_readings)."""
    wrong, left = [], []
    raw = yaml.safe_load(Path(regions_file()).read_text("utf-8"))["entities"]
    assert len(raw) == len(REGIONS) == 30
    for region, entry in zip(REGIONS, raw, strict=True):
        names = entry["source"].split(": ", 1)[1].split(" / ")
        assert len(names) == 2 and all(map(is_cyrillic, names)), region.id
        forms = {f.text for f in region.forms}
        for name in names:
            if name not in forms:
                assert name in entry.get("note", ""), (region.id, name)
                left.append(name)
            elif with_regions.canonical(name) != region.name:
                wrong.append((name, with_regions.canonical(name), region.name))
    assert not wrong
    # every one: also those whose adjective is the town's genitive (Донецька область),
    # whose first word names nothing alone, so that where it does not complete the
    # matcher reads the word as the town's case form too (match/general.case_form_too)
    assert not left


def test_regions_share_no_form() -> None:
    """No two regions, and no region and a town or an entity of aliases.yaml, list one
    form; and each region's forms name it alone."""
    seen: dict[str, str] = {}
    for entity in [*BUNDLED, *PLACES, *REGIONS]:
        for form in entity.forms:
            key = fold_word(form.text)
            assert seen.setdefault(key, entity.id) == entity.id or entity not in REGIONS, key
    regions = translit.Normalizer()
    for region in REGIONS:
        for form in region.forms:
            assert regions.canonical(form.text) == region.name, form.text


def test_lookup_of_a_region_cyrillic_name_shows_its_geonames_id(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from helpers import cli_runner

    run = cli_runner(monkeypatch, tmp_path)
    for name, canonical, geonames in [("Харківська область", "Kharkiv Oblast", "706482"),
                                      ("Харьковская область", "Kharkiv Oblast", "706482"),
                                      ("Гомельская вобласць", "Homiel Voblast", "628281"),
                                      ("Kharkovskaya oblast", "Kharkiv Oblast", "706482")]:
        looked = run("lookup", name).text
        assert looked.split("\t")[:2] == [name, canonical], looked
        assert looked.rstrip("\n").endswith(f"\t{geonames}"), looked
        assert "unknown" in run("lookup", "--no-places", name).text  # not without them


def test_every_region_has_its_own_geonames_id() -> None:
    """The 30 oblasts and voblasts each have the GeoNames id of their admin1 region
    (scripts/places_regions.py, GEONAMES_ADMIN1), none shared with another region or
    with a town."""
    regions = load_tables([regions_file()]).entities
    assert len(regions) == 30
    ids = [e.geonames for e in regions]
    assert all(isinstance(i, int) and i > 0 for i in ids), ids
    assert len(set(ids)) == len(ids)
    towns = {e.geonames for e in [*PLACES, *BUNDLED] if e.geonames}
    assert towns.isdisjoint(ids)
    by_name = {e.name: e.geonames for e in regions}
    # admin1CodesASCII.txt: UA.07 Kharkiv 706482, UA.13 Kiev 703446, BY.02 Gomel Oblast 628281
    assert by_name["Kharkiv Oblast"] == 706482
    assert by_name["Kyiv Oblast"] == 703446
    assert by_name["Homiel Voblast"] == 628281
