"""Every written form of every word of the table, and the anchors the automaton seeks.

A word of the table (``lukashenko``) is written as itself or inflected
(``lukashenki``, ``lukashenkos``, see :mod:`translit.inflection`). All these
forms go into one dictionary, whole form → (the word, inflected?, weak?). The
automaton does not hold the forms: it holds *anchors*, the shortest prefixes
that every form of a word shares (its shortest stem, at least
:data:`MIN_ANCHOR` letters), and no anchor that another anchor begins. So a
name in the text is one automaton hit, at its first letter; the matcher then
reads the whole word there and looks it up. The cost of a hit does not grow with
the number of forms, and the automaton stays small.

A *weak* form is also a common word of a language that did not generate it
(German *Buche* is not the Czech locative of Bucha): ``canonical()`` takes it,
running text does not.

>>> forms, anchors = word_forms({"minsk"}, {"minsk": {"en"}})
>>> forms["minsk"], forms["minskem"], "mins" in anchors
(('minsk', False, False), ('minsk', True, False), True)
"""

from __future__ import annotations

from .casing import is_cyrillic
from .common_words import CommonWords
from .index import WordForm as Form
from .inflection import load_rules, word_stems

__all__ = ["MIN_ANCHOR", "word_forms"]

MIN_ANCHOR = 4
"""Shortest anchor, in letters (shorter words are their own anchor)."""

_INTERNATIONAL = {"en", "und"}  # canonical forms, English press and scheme outputs


def word_forms(words: set[str], langs: dict[str, set[str]]) -> tuple[dict[str, Form], set[str]]:
    """The forms of *words* and the automaton's anchors.

    A Latin word takes the endings of its own languages (*langs*), and of every
    language when it is an international form (canonical, English, a scheme's
    output); a Cyrillic word takes the endings of all three Cyrillic languages.
    """
    rules = load_rules()
    common = CommonWords.load()
    forms: dict[str, Form] = {word: (word, False, False) for word in words}
    starts: set[str] = set()
    for word in sorted(words):
        script = "Cyrl" if is_cyrillic(word) else "Latn"
        own = langs.get(word, set())
        usable = tuple(
            r
            for r in rules.get(script, ())
            if script == "Cyrl" or own & _INTERNATIONAL or r.language in own
        )
        stems = word_stems(word, usable)
        shortest = min((len(s) for s in stems), default=len(word))
        width = max(MIN_ANCHOR, shortest)
        starts.add(word[:width])
        for stem, endings in stems.items():
            for ending, by in endings.items():
                form = stem + ending
                if form not in forms:
                    forms[form] = (word, True, common.clashes(form, by | own))
                    starts.add(form[:width])
    return forms, _minimal(starts)


def _minimal(prefixes: set[str]) -> set[str]:
    """*prefixes* without those that another one of them begins."""
    result: set[str] = set()
    for prefix in sorted(prefixes, key=len):
        if not any(prefix[:i] in result for i in range(1, len(prefix))):
            result.add(prefix)
    return result
