"""Romanize Belarusian, Ukrainian and Russian Cyrillic with a named, data-defined scheme.

Every scheme is one YAML file in ``translit/data/schemes/`` (read by
:mod:`translit.tables.schemes`). A :class:`Scheme` compiles its file once: a
``str.translate`` table for the letters romanized alike everywhere (uppercase in Title
case), and one regular expression for the rest: the rules' contexts and uppercase
letters inside ALL-CAPS words. Rules only look at a letter's neighbours inside its word,
so text is split into words and each distinct word is romanized once and cached.

>>> from translit.romanize import transliterate
>>> transliterate("Юрій Щучин, ЩУЧИН", "uk-national")
'Yurii Shchuchyn, SHCHUCHYN'
>>> transliterate("Гомель", "be"), transliterate("Гомель", "be-lacinka")
('Homieĺ', 'Homiel')
>>> transliterate("Київ і Гомель; Магілёў", "auto")
'Kyiv i Homel; Mahilioŭ'
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from unidecode import unidecode

from translit.errors import TableError, UnmappedCharacterError
from translit.tables.schemes import APOSTROPHES, SCHEMES_DIR, SchemeTable, load_table, scheme_ids

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["FallbackWarning", "Scheme", "SchemeSet", "detect_language", "schemes",
           "transliterate"]

_CYRILLIC = "".join(
    chr(c) for lo, hi in ((0x400, 0x530), (0x1C80, 0x1C90), (0xA640, 0xA6A0), (0x1E030, 0x1E090))
    for c in range(lo, hi) if unicodedata.category(chr(c)).startswith("L"))
_LET, _APOS = r"[^\W\d_]", f"[{re.escape(APOSTROPHES)}]"
_UPPER = "A-Z" + "".join(re.escape(c) for c in _CYRILLIC if c.isupper())
_WORD_START = rf"(?<!{_LET}.)(?<!{_LET}{_APOS}.)"
_WORD_END = rf"(?!{_LET}|{_APOS}{_LET})"
#: The alphabets ``scheme="auto"`` tells the languages apart with (apostrophe included).
_ALPHABETS = {"be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя'", "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
              "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"}
_ALPHABET_SETS = {lang: frozenset(abc) for lang, abc in _ALPHABETS.items()}
_TO_APOSTROPHE = {ord(a): "'" for a in APOSTROPHES}
_DETECTED: dict[str, tuple[str, ...]] = {}  # word (lower case) -> its languages
_PREFERENCE = ("ru", "be", "uk")  # for a word without clues and no decided word near it
_ONLY = {lang: abc - frozenset().union(*(o for k, o in _ALPHABET_SETS.items() if k != lang))
         for lang, abc in _ALPHABET_SETS.items()}  # fmt: skip
_ALL = frozenset().union(*_ALPHABET_SETS.values())
#: The letters some alphabet lacks, and ``?``: a Cyrillic letter that none has. Which
#: of them a text holds is all that tells the alphabets apart.
_TELLING = [*sorted(_ALL - frozenset.intersection(*_ALPHABET_SETS.values()) - {"'"}), "?"]
_FOREIGN = "".join(re.escape(c) for c in _CYRILLIC if c.lower() not in _ALL)
_ANY_CYRILLIC = re.compile(f"[{_CYRILLIC}]")
_SPLIT = re.compile(f"({_LET}+(?:{_APOS}{_LET}+)*)")  # words, the unit of the cache
_CACHE_SIZE = 100_000
_WORD = re.compile(f"[{_CYRILLIC}]+(?:{_APOS}[{_CYRILLIC}]+)*")
# the apostrophe first, so that a search skips to the apostrophes
_INNER_APOSTROPHE = re.compile(f"{_APOS}(?<=[{_CYRILLIC}].)(?=[{_CYRILLIC}])")


class FallbackWarning(UserWarning):
    """``errors="fallback"`` romanized letters the scheme does not cover with unidecode."""


def _cls(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _title(latin: str) -> str:
    for i, ch in enumerate(latin):
        if ch.lower() != ch.upper():
            return latin[:i] + ch.upper() + latin[i + 1:]
    return latin


def _is_caps(text: str, i: int) -> bool:
    """Whether the uppercase letter at ``i`` stands in an ALL-CAPS word (else Title case)."""
    j = i + 2 if i + 2 < len(text) and text[i + 1] in APOSTROPHES else i + 1
    if j < len(text) and text[j].isalpha():
        return text[j].isupper()
    p = i - 2 if i >= 2 and text[i - 1] in APOSTROPHES else i - 1
    return p >= 0 and text[p].isupper()


class Scheme:
    """One compiled scheme: ``Scheme(load_table(path)).romanize(text)``."""

    def __init__(self, table: SchemeTable) -> None:
        self.id, self.table = table.id, table

        def forms(latin: str) -> tuple[str, str, str]:
            title = table.title_case.get(latin, _title(latin))
            return latin, title, title if latin in table.title_case else latin.upper()

        letters = {low: forms(lat) for low, lat in table.letters.items()}
        self._trans = {ord(c): f[0] for c, f in letters.items()}
        self._trans.update({ord(c.upper()): f[1] for c, f in letters.items() if c.upper() != c})
        # One regex: a trigger letter, then one branch per rule, each ending in an empty
        # marker group; m.lastindex tells the branch. Replacements that cannot depend on
        # the case context (lowercase matches, the caps branch, the apostrophe) are looked
        # up in self._fixed; uppercase rule matches are cased in _replace.
        self._forms: dict[int, tuple[tuple[str, str, str], ...]] = {}
        self._fixed: dict[tuple[int | None, str], str] = {}
        branches, triggers = [], set()
        for k, rule in enumerate(table.rules, 1):
            self._forms[k] = tuple(forms(x) for x in rule.latin)
            self._fixed[k, rule.letters] = "".join(rule.latin)
            triggers |= {rule.letters[0], rule.letters[0].upper()}
            branches.append(f"(?<={_cls({rule.letters[0], rule.letters[0].upper()})})"
                            + _context(rule.after, after=True)
                            + "".join(_cls({c, c.upper()}) for c in rule.letters[1:])
                            + _context(rule.before, after=False) + "()")
        multi = {c.upper() for c, f in letters.items() if f[1] != f[2] and c.upper() != c}
        if multi:  # uppercase letters with a multi-letter romanization inside an ALL-CAPS word
            triggers |= multi
            branches.append(f"(?<={_cls(multi)})(?:(?={_APOS}?[{_UPPER}])|(?:(?<=[{_UPPER}].)|"
                            f"(?<=[{_UPPER}]{_APOS}.)){_WORD_END})()")
            self._fixed.update(((len(branches), c), letters[c.lower()][2]) for c in multi)
        if table.apostrophe is not None:
            triggers |= set(APOSTROPHES)
            branches.append(f"(?<=[{_CYRILLIC}]{_APOS})(?=[{_CYRILLIC}])()")
            self._fixed.update(((len(branches), c), table.apostrophe) for c in APOSTROPHES)
        self._pattern = (re.compile(f"{_cls(triggers)}(?:{'|'.join(branches)})", re.DOTALL)
                         if branches else None)
        covered = set(letters) | {c.upper() for c in letters}
        self._uncovered = re.compile(_cls(c for c in _CYRILLIC if c not in covered))
        self._cache: dict[str, str] = {}

    def _replace(self, m: re.Match[str]) -> str:
        found = m.group()
        out = self._fixed.get((m.lastindex, found))
        if out is None:  # a rule matched uppercase: Title or ALL CAPS by the neighbours
            text, start, forms = m.string, m.start(), self._forms[m.lastindex or 0]
            out = "".join(f[0] if ch.islower() else f[2] if _is_caps(text, start + i) else f[1]
                          for i, (ch, f) in enumerate(zip(found, forms, strict=True)))
        return out

    def _word(self, word: str) -> str:
        out = word if self._pattern is None else self._pattern.sub(self._replace, word)
        return out.translate(self._trans)

    def romanize(self, text: str, errors: str = "strict", offset: int = 0) -> tuple[str, str]:
        """Return the romanized text and the letters romanized by the unidecode fallback.

        Rules only look inside a word (a run of letters and inner apostrophes), so each
        distinct word is romanized once, in one batch, and then served from a cache.
        """
        cache = self._cache
        if len(cache) > _CACHE_SIZE:
            cache = self._cache = {}
        parts = _SPLIT.split(text)
        words = parts[1::2]
        new = [w for w in set(words) if w not in cache]
        local: dict[str, str] = {}
        if new and self._uncovered.search("\n".join(new)):
            if errors == "strict":
                bad = self._uncovered.search(text)
                assert bad is not None
                raise UnmappedCharacterError(bad.group(), offset + bad.start(), self.id)
            local = {w: self._uncovered.sub(lambda m: unidecode(m.group()), self._word(w))
                     for w in new if self._uncovered.search(w)}
            new = [w for w in new if w not in local]
        if new:
            outs = self._word("\n".join(new)).split("\n")
            if len(outs) != len(new):  # a romanization contained a line break
                outs = [self._word(w) for w in new]
            cache.update(zip(new, outs, strict=True))
        if local:
            parts[1::2] = [local[w] if w in local else cache[w] for w in words]
            missed = {c for w in local for c in self._uncovered.findall(w)}
            return "".join(parts), "".join(sorted(missed))
        parts[1::2] = map(cache.__getitem__, words)
        return "".join(parts), ""


def _context(items: frozenset[str], *, after: bool) -> str:
    """Regex for a rule's left (``after``) or right context; "" when it may be anything."""
    if not items:
        return ""
    letters = {c for c in items if len(c) == 1} | {c.upper() for c in items if len(c) == 1}
    if after:
        parts = [f"(?<={_cls(letters)}.)"] if letters else []
        parts += [f"(?<={_APOS}.)"] * ("apostrophe" in items)
        parts += [_WORD_START] * ("word_start" in items)
    else:
        parts = [f"(?={_cls(letters)})"] if letters else []
        parts += [f"(?={_APOS})"] * ("apostrophe" in items)
        parts += [_WORD_END] * ("word_end" in items)
    return "(?:" + "|".join(parts) + ")"


def detect_language(word: str) -> tuple[str, ...]:
    """The languages (``be``, ``ru``, ``uk``) whose alphabet can spell ``word``.

    >>> detect_language("Магілёў"), detect_language("Київ"), detect_language("і")
    (('be',), ('uk',), ('be', 'uk'))
    """
    key = word.lower()
    found = _DETECTED.get(key)
    if found is None:
        letters = set(key.translate(_TO_APOSTROPHE))
        found = tuple(lang for lang, abc in _ALPHABET_SETS.items() if letters <= abc)
        if not found:
            found = (max(_ALPHABET_SETS, key=lambda lang: len(letters & _ALPHABET_SETS[lang])),)
        if len(_DETECTED) < _CACHE_SIZE:
            _DETECTED[key] = found
    return found


def _whole_language(text: str) -> str | None:
    """The language :func:`_resolve` gives every word of *text*, when its letters decide
    it for the whole text at once; None when they do not (or *text* has no Cyrillic
    word). Every word is spelled in language L's alphabet when the text's Cyrillic
    letters all are; then each word's candidates hold L, a word decided alone is L,
    and an undecided one takes L from its nearest decided word. Russian needs no
    decided word (it comes first in _PREFERENCE); Belarusian and Ukrainian need one,
    which a letter of theirs alone gives (ў; ґ, є, ї)."""
    letters = _letters(text)
    if letters is None:
        return None
    for lang in _PREFERENCE:
        if letters <= _ALPHABET_SETS[lang] and (lang == "ru" or letters & _ONLY[lang]):
            return lang
    return None


def _letters(text: str) -> frozenset[str] | None:
    """The letters of *text* that tell the alphabets apart, in lower case: those some
    alphabet lacks, ``'`` for an apostrophe inside a Cyrillic word, and ``?`` for a
    Cyrillic letter of no alphabet; None when *text* has no Cyrillic letter. Each
    search looks for the letters not found yet and stops at the first: one search per
    letter found, and one to the end of the text."""
    if _ANY_CYRILLIC.search(text) is None:
        return None
    found: set[str] = set()
    while hit := _telling(frozenset(found)).search(text):
        letter = hit.group().lower()
        found.add(letter if letter in _TELLING else "?")
    if _INNER_APOSTROPHE.search(text):
        found.add("'")
    return frozenset(found)


@functools.lru_cache(maxsize=256)
def _telling(found: frozenset[str]) -> re.Pattern[str]:
    """A character class of the telling letters (in both cases) not in *found*."""
    letters = "".join(re.escape(c + c.upper()) for c in _TELLING if c not in found and c != "?")
    return re.compile(f"[{letters}{'' if '?' in found else _FOREIGN}]")


def _resolve(candidates: list[tuple[str, ...]]) -> list[str]:
    """One language per word: a word spelled in one alphabet only decides itself; then words
    with two possible languages, then words with no clue, take the language of the nearest
    decided word among their candidates (the earlier one on a tie), else the first of
    _PREFERENCE (so і alone is Belarusian, ы э ё alone Russian, и щ alone Russian)."""
    langs = [c[0] if len(c) == 1 else "" for c in candidates]
    n = len(langs)
    for size in (2, 3):
        todo = [i for i, cands in enumerate(candidates) if len(cands) == size]
        if not todo:
            continue
        # for each language, the nearest word decided for it on each side: two passes
        left: dict[str, list[int]] = {}
        right: dict[str, list[int]] = {}
        for lang in _ALPHABETS:
            last, before = -1, [-1] * n
            for i in range(n):
                before[i] = last
                if langs[i] == lang:
                    last = i
            nxt, after = -1, [-1] * n
            for i in range(n - 1, -1, -1):
                after[i] = nxt
                if langs[i] == lang:
                    nxt = i
            left[lang], right[lang] = before, after
        new = list(langs)
        for i in todo:
            best: tuple[int, int] | None = None
            choice = ""
            for lang in candidates[i]:
                for j in (left[lang][i], right[lang][i]):
                    if j >= 0 and (best is None or (abs(i - j), j) < best):
                        best, choice = (abs(i - j), j), lang
            new[i] = choice or next(lang for lang in _PREFERENCE if lang in candidates[i])
        langs = new
    return langs


class SchemeSet:
    """The schemes of one directory, each loaded and compiled on first use."""

    def __init__(self, directory: Traversable | Path = SCHEMES_DIR) -> None:
        self._dir, self._lock = directory, threading.Lock()
        self._cache: dict[str, Scheme] = {}
        self._defaults: dict[str, str] | None = None

    def ids(self) -> list[str]:
        """Sorted ids of the scheme files."""
        return scheme_ids(self._dir)

    def defaults(self) -> dict[str, str]:
        """Language code -> the id of the scheme marked ``default: true`` for it."""
        if self._defaults is None:
            found: dict[str, str] = {}
            for scheme_id in self.ids():
                table = self.get(scheme_id).table
                if table.default and table.language in found:
                    raise TableError(table.path, None, f"a second default scheme for language "
                                     f"{table.language!r} (also {found[table.language]!r})",
                                     "keep 'default: true' in one file of the language only")
                if table.default:
                    found[table.language] = scheme_id
            self._defaults = found
        return self._defaults

    def get(self, name: str) -> Scheme:
        """The compiled scheme with id ``name``, or the default scheme of language ``name``."""
        scheme = self._cache.get(name)
        if scheme is None:
            if name in self.ids():
                with self._lock:
                    path = self._dir / f"{name}.yaml"
                    scheme = self._cache.get(name) or Scheme(load_table(path))
            elif name in self.defaults():
                scheme = self.get(self.defaults()[name])
            else:
                choices = ["auto", *sorted(self.defaults()), *self.ids()]
                raise ValueError(f"unknown scheme {name!r}; choose one of {', '.join(choices)}")
            self._cache[name] = scheme
        return scheme

    def transliterate(self, text: str, scheme: str, *, errors: str = "strict") -> str:
        """Romanize ``text``; see :func:`transliterate`."""
        if errors not in ("strict", "fallback"):
            raise ValueError(f"errors={errors!r}; use 'strict' or 'fallback'")
        if "\u0306" in text or "\u0308" in text:  # compose decomposed й ў ё ї first
            text = re.sub("[иИуУеЕіІ][\u0306\u0308]",
                          lambda m: unicodedata.normalize("NFC", m.group()), text)
        if scheme != "auto":
            out, fallback = self.get(scheme).romanize(text, errors)
        else:
            out, fallback = self._auto(text, errors)
        if fallback:
            warnings.warn(f"scheme {scheme!r} does not cover {fallback!r}; romanized those "
                          "letters with unidecode", FallbackWarning, stacklevel=3)
        return out

    def _auto(self, text: str, errors: str) -> tuple[str, str]:
        lang = _whole_language(text)  # one language for the whole text, when its letters say so
        if lang is not None:
            out, missed = self.get(lang).romanize(text, errors)
            return out, "".join(sorted(set(missed)))
        pieces, fallback = [], ""
        for start, end, lang, before, after in _line_groups(text):
            if lang:  # lines whose letters fit one alphabet only
                out, missed = self.get(lang).romanize(text[start:end], errors, start)
            else:
                out, missed = self._by_word(text[start:end], errors, start, before, after)
            pieces.append(out)
            fallback += missed
        return "".join(pieces), "".join(sorted(set(fallback)))

    def _by_word(
        self, text: str, errors: str, offset: int, before: str, after: str
    ) -> tuple[str, str]:
        """*text* romanized word by word (see :func:`_resolve`); *before* and *after*:
        the language of the lines around it ("" for none), as a decided word each."""
        words = [(m.start(), detect_language(m.group())) for m in _WORD.finditer(text)]
        if not words:
            return text, ""
        ends = ([(before,)] if before else []), ([(after,)] if after else [])
        langs = _resolve([*ends[0], *(cands for _, cands in words), *ends[1]])
        langs = langs[len(ends[0]) : len(langs) - len(ends[1])]
        runs = [i for i in range(len(words)) if i == 0 or langs[i] != langs[i - 1]]
        pieces, fallback = [], ""
        for k, i in enumerate(runs):  # one piece per run of words of one language
            start = words[i][0] if k else 0
            end = words[runs[k + 1]][0] if k + 1 < len(runs) else len(text)
            out, missed = self.get(langs[i]).romanize(text[start:end], errors, offset + start)
            pieces.append(out)
            fallback += missed
        return "".join(pieces), fallback


def _line_language(line: str) -> str | None:
    """The one language whose alphabet holds every Cyrillic letter of *line* (an
    apostrophe inside a word counts); "" when none or several do; None when *line*
    has no Cyrillic letter."""
    letters = _letters(line)
    if letters is None:
        return None
    fits = [lang for lang, abc in _ALPHABET_SETS.items() if letters <= abc]
    return fits[0] if len(fits) == 1 else ""


def _line_groups(text: str) -> list[tuple[int, int, str, str, str]]:
    """*text* cut into runs of whole lines, as (start, end, language, before, after):
    a language when the run's lines are told one language by their letters
    (:func:`_line_language`; a line without Cyrillic joins the run before it), else ""
    with *before* and *after* the language of the nearest such runs on each side."""
    spans: list[tuple[int, int, str]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        lang = _line_language(line)
        end = start + len(line)
        if spans and (lang is None or lang == spans[-1][2]):
            spans[-1] = (spans[-1][0], end, spans[-1][2])
        else:
            spans.append((start, end, lang or ""))
        start = end
    before, told = [], ""
    for _, _, lang in spans:
        before.append(told)
        told = lang or told
    after, told = [], ""
    for _, _, lang in reversed(spans):
        after.append(told)
        told = lang or told
    after.reverse()
    return [(*span, b, a) for span, b, a in zip(spans, before, after, strict=True)]


_SCHEMES = SchemeSet()


def schemes() -> list[str]:
    """Sorted ids of the bundled schemes (``be``, ``uk``, ``ru``, ``auto`` pick one of them).

    >>> schemes()[:3]
    ['be-alalc', 'be-bgn', 'be-lacinka']
    """
    return _SCHEMES.ids()


def transliterate(text: str, scheme: str, *, errors: str = "strict") -> str:
    """Romanize the Cyrillic in ``text`` with ``scheme``; everything else passes through.

    ``scheme`` is an id from :func:`schemes`, a language (``be``, ``uk``, ``ru``: its
    default scheme) or ``auto`` (the language of each word from its letters). A
    Cyrillic letter the scheme does not cover raises UnmappedCharacterError, unless
    ``errors="fallback"``: then unidecode romanizes it and a FallbackWarning says so.

    >>> transliterate("Ельцин и Щучин (Tsikhanouskaya, 2020)", "ru-wikipedia")
    'Yeltsin i Shchuchin (Tsikhanouskaya, 2020)'
    >>> transliterate("Щучин", "be-national-2007")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    translit.errors.UnmappedCharacterError: 'Щ' (U+0429) at position 0 is not covered by ...
    """
    return _SCHEMES.transliterate(text, scheme, errors=errors)
