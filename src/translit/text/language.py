"""The language of a paragraph, told by its most frequent words.

Some decisions depend on the language a text is written in: an adjective or a
demonym is a word of its own language (French *biélorusse* stays in French
text), an inflected form can equal another language's nominative (Czech
genitive *Lukašenka*), and German capitalizes every noun. The caller may say
the language (``lang=``); otherwise it is told per paragraph, only where such a
decision is pending, from the words every text of a language is full of:
``language_words.txt`` lists the 300 most frequent words of each language
(wordfreq's lists, rebuilt by ``scripts/build_language_words.py``). A word
scores for each language whose list holds it, more the more frequent it is
there; the best language wins when it scores clearly above the next one.
Cyrillic text is told by its letters as well: ``ў`` is Belarusian, ``ї`` and
``є`` Ukrainian.

>>> detect("Swetlana Tichanowskaja rief die Menschen in Belarus per Video zur Teilnahme auf.")
'de'
>>> detect("La marcha de Tijanóvskaya a Lituania sorprendió a todos los que la conocían.")
'es'
>>> detect("Kyiv") is None
True
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Container
from typing import Final

__all__ = [
    "LANGUAGES", "counted_runs", "detect", "frequent_words", "language_code", "letter_runs",
    "style_language", "words",
]

_WORD: Final = re.compile(r"[^\W\d_]+")
_MERGED: Final = {"sv": "no", "da": "no", "nb": "no", "sl": "hr", "sh": "hr"}
"""Languages that share one press-language file of translit."""
_MIN_SCORE: Final = 3.0
"""A language needs at least this score (about two frequent words) to be told."""
_MARGIN: Final = 1.25
"""... and this many times the score of the next language."""
_INVISIBLE: Final = dict.fromkeys(
    map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u034f\u200e\u200f\u061c")
)
"""Characters inside words that do not count (a soft hyphen, zero-width characters,
direction marks: what the matcher's fold drops too)."""
_HAS_INVISIBLE: Final = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
_PUNCTUATION: Final = ".,;:!?\"'()[]{}<>«»“”„‘’‚…—–-*/`|#&=+~"
"""What :func:`letter_runs` strips from a token's ends: none of it is a letter, a digit or
``_``, so the pattern would never take it into a word either."""
_SAMPLE: Final = 2000
"""Characters of a paragraph read to tell its language."""


def _weights() -> dict[str, tuple[float, ...]]:
    """word -> its languages (their places in :data:`LANGUAGES`) and weights, one after
    the other (``(3.0, 6.7, 6.0, 1.2)``: English 6.7, French 1.2): the log of its rank's
    inverse, so the most frequent words weigh most. Compact, as :func:`detect` reads it
    once per paragraph: one tuple of floats per word, one object per weight value.
    Read once (a module dict, not a cached call: the call cost about a tenth of a
    short paragraph's detect)."""
    if not _WEIGHTS:
        _WEIGHTS.update(_read_weights())
    return _WEIGHTS


_WEIGHTS: Final[dict[str, tuple[float, ...]]] = {}


def _read_weights() -> dict[str, tuple[float, ...]]:
    """:func:`_weights` from ``language_words.txt``."""
    from importlib import resources  # not at start-up: most texts never ask

    text = (resources.files("translit") / "data" / "language_words.txt").read_text(encoding="utf-8")
    table: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lang, _, words = line.partition("\t")
        lang = _MERGED.get(lang, lang)
        top = words.split()
        for rank, word in enumerate(top):
            weight = 1.0 + math.log(len(top) / (rank + 1))
            given = table.setdefault(word, {})
            given[lang] = max(given.get(lang, 0.0), weight)
    shared: dict[float, float] = {}
    places = {lang: float(k) for k, lang in enumerate(LANGUAGES)}
    return {
        word: tuple(item for lang, weight in given.items()
                    for item in (places[lang], shared.setdefault(weight, weight)))
        for word, given in table.items()
    }  # fmt: skip


def frequent_words() -> dict[str, frozenset[str]]:
    """The most frequent words of each language (lower case, as ``language_words.txt``
    lists them), with the languages whose lists have each: function words mostly (the,
    a, und, не)."""
    return {word: frozenset(LANGUAGES[int(place)] for place in pairs[::2])
            for word, pairs in _weights().items()}  # fmt: skip


LANGUAGES: Final = ("bg", "cs", "de", "en", "es", "fi", "fr", "hr", "hu", "it", "lt", "lv", "nl",
             "no", "pl", "pt", "ro", "ru", "sk", "tr", "uk", "be")  # fmt: skip
"""The languages :func:`detect` can tell (``no`` covers Swedish and Danish, ``hr`` Slovene
and Serbian in Latin letters)."""


def words(text: str) -> list[str]:
    """The words of *text*: its runs of letters (``[^\\W\\d_]+``, as ``re`` reads it),
    in order (:func:`letter_runs`).

    >>> words("«Don't», said 2 men_of Kyiv-Pechersk.")
    ['Don', 't', 'said', 'men', 'of', 'Kyiv', 'Pechersk']
    """
    return letter_runs(text, _WORD)


def letter_runs(text: str, pattern: re.Pattern[str], shortest: int = 1) -> list[str]:
    """``pattern.findall(text)``, for a *pattern* of runs of letters that never spans
    whitespace and takes a token of letters only, between spaces, whole when it has
    *shortest* letters or more. Most tokens between spaces are letters only, or are
    after the punctuation at their ends is stripped, and are taken as they are; only
    a token with anything else inside (a digit, an apostrophe, a mark) is searched by
    the pattern, which costs about as much per character as splitting the whole text."""
    found: list[str] = []
    for token in text.split():
        if not token.isalpha():
            token = token.strip(_PUNCTUATION)
            if not token.isalpha():
                found += pattern.findall(token)
                continue
        if len(token) >= shortest:
            found.append(token)
    return found


def counted_runs(text: str, only: Container[str]) -> dict[str, int]:
    """How often each run of letters of *text* (``[^\\W\\d_]+``, as :func:`words`) that is
    in *only* (words of letters) occurs, in the order they first occur: what a language
    is counted from. Every ASCII character but a letter becomes a space in one pass
    over the bytes, so most tokens between spaces are runs of letters already; only
    one with anything else inside (a quote or a dash beyond ASCII, a mark) is searched
    by the pattern.

    >>> counted_runs("the “kyiv” of the kyiv-based", {"the", "kyiv", "of"})
    {'the': 2, 'kyiv': 2, 'of': 1}
    """
    counts: dict[str, int] = {}
    tokens = text.encode("utf-8", "surrogatepass").translate(_ASCII_LETTERS)
    for token in tokens.decode("utf-8", "surrogatepass").split():
        if token in only:
            counts[token] = counts.get(token, 0) + 1
        elif not (token.isascii() or token.isalpha()):  # (an ASCII token is letters:
            # told from a flag, not from its characters)
            for run in _WORD.findall(token):
                if run in only:
                    counts[run] = counts.get(run, 0) + 1
    return counts


_ASCII_LETTERS: Final = bytes(b if b >= 0x80 or chr(b).isalpha() else 0x20 for b in range(256))
"""Bytes to themselves, except ASCII characters that are not letters, which become a space
(bytes from 0x80 up are parts of characters beyond ASCII)."""


def detect(text: str) -> str | None:
    """The language of *text* (a paragraph), or None when its words do not tell."""
    sample = text[:_SAMPLE].lower()
    if not sample.isascii() and _HAS_INVISIBLE.search(sample):
        sample = sample.translate(_INVISIBLE)  # a lookup per character: only when needed
    sample = unicodedata.normalize("NFC", sample)
    weights = _weights()
    counts = counted_runs(sample, weights)  # the frequent words
    scores = [0.0] * len(LANGUAGES)  # by the language's place in LANGUAGES
    for word, count in counts.items():  # each distinct word once
        pairs = weights[word]
        times = float(count)  # (floats throughout: the compiled build adds them natively,
        # not through the generic +=; the same sums, in the same order)
        for k in range(0, len(pairs), 2):
            place = int(pairs[k])
            so_far: float = scores[place]
            scores[place] = so_far + pairs[k + 1] * times
    best, score, runner_up = 0, 0.0, 0.0  # the highest score, and the next
    for place, value in enumerate(scores):
        if value > score:
            best, score, runner_up = place, value, score
        elif value > runner_up:
            runner_up = value
    if score < _MIN_SCORE or score < runner_up * _MARGIN:
        return None
    found = LANGUAGES[best]
    if found in ("ru", "uk") and "ў" in sample:
        return "be"
    return found


def style_language(style: str) -> str:
    """The language a style writes: its id, or the part before a hyphen; ``en`` for a
    house style named otherwise.

    >>> style_language("fr"), style_language("de-CH"), style_language("house")
    ('fr', 'de', 'en')
    """
    head = style.split("-")[0]
    return head if len(head) == 2 and head.isalpha() else "en"


def language_code(value: str) -> str | None:
    """The language code *value* stands for, or None when it is not one translit knows:
    case and spaces do not count, nor a region or script after ``-`` or ``_`` (``en-US``
    and ``EN`` are ``en``). An empty *value* is None too.

    >>> language_code(" FR "), language_code("pt_BR"), language_code("xx"), language_code("")
    ('fr', 'pt', None, None)
    """
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in LANGUAGES else None
