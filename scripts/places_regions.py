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
}
"""The Ukrainian name of a town -> its former names (Ukrainian, Russian), with the date
of the renaming."""


def _translations(lang: str) -> Any:
    import gettext

    import pycountry  # type: ignore[import-not-found]

    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])


def regions(known: KnownEntities) -> list[dict[str, Any]]:
    """The oblasts and voblasts, as entries of the file."""
    import pycountry

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
    """A region's entry. Its Cyrillic names are not ``original:`` forms: the Bulgarian
    and Serbian press spellings made of them (Минска област) would hold words that are
    case forms of the towns' names (Минска, of Минск), and hide them."""
    tag = "uk-Latn" if country == "UA" else "be-Latn"
    return {"name": name, "original": {}, "variants": {tag: latin}, "cyrillic": cyrillic,
            "iso": code, "country": country, "geonames": None,
            "source": f"ISO 3166-2 {code}: {' / '.join(cyrillic.values())}"}


def former_names(
    world: list[dict[str, Any]], entries: list[dict[str, Any]], merged: list[dict[str, Any]]
) -> dict[int, dict[str, list[str]]]:
    """GeoNames id of a town -> its former names by language (uk, ru, en)."""
    by_id = {int(c["geonameid"]): c for c in world}
    towns = {e["original"].get("uk"): e["geonames"] for e in entries if e.get("geonames")}
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
