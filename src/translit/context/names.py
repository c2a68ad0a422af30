"""Check 5: a name inside another proper name ("Raportu Białoruś", "Telegram
Zelenskiy", "the 1st Belorussian Front")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Final

from translit.context.people import given_key
from translit.context.reader import NEXT, Surroundings, Word, word_key
from translit.mention import Mention
from translit.text.language import letter_runs

__all__ = [
    "adjective_in_name", "inside_proper_name", "long_words", "part_of_a_name", "title_case_line",
]  # fmt: skip


_INITIAL_BEFORE: Final = ".!?:;\"“”«»„(‘’'–—-|•*#>[/"


def inside_proper_name(seen: Surroundings, m: Mention, begin: int, written: str) -> str:
    """The proper name *m* is the end of, when the capitalized word *written* (at
    *begin*, right before it) is neither a title nor a people's or a given name, nor
    another name the matcher found, nor the first word of a sentence; else ""."""
    rules = seen.rules
    if seen.told(m.start) in rules.capitalizing:  # known already: as below, at once (German:
        return ""  # a capitalized word before most names)
    if len(written) < 2 or not written.isalpha() or not written[1:].islower():
        return ""
    at = bisect_right(seen.spans, (begin, len(seen.text))) - 1
    if written[-1] == "s" and at >= 0 and seen.spans[at][1] == begin + len(written) - 1:
        return ""  # the end of another name, with its genitive -s (Alexander Lukaschenkos)
    word = word_key(written)
    if word in rules.titles or word in rules.languages:
        return ""
    head = seen.text[max(0, begin - 3) : begin].rstrip(" \t\u00a0")
    if not head or head[-1] in _INITIAL_BEFORE or head[-1] == "\n":
        return ""  # the first word of a sentence, a heading or a list item
    if given_key(seen.index, word) in seen.index.given_names:
        return ""  # a given name in any case: "Alexandra Lukašenka"
    lang = seen.line_lang(m.start)  # unknown: the rule holds, a miss and not a harm
    if lang in rules.capitalizing:
        return ""
    if lang in rules.title_case and title_case_line(seen, m.start):
        return ""
    return seen.text[begin : m.end]


def part_of_a_name(seen: Surroundings, mentions: list[Mention], i: int, word: Word) -> str:
    """The proper name mention *i* is the end of, after the capitalized word *word*
    right before it (check 5), or "": not after a space, nor after another mention
    ("Belarusian Kyiv"). Remembered per mention: the plain lane asks, then the check."""
    _, sep, written, begin = word
    if (
        written[:1].isupper()
        and sep in (" ", "\u00a0")
        and not (i and mentions[i - 1].end >= begin + len(written))
    ):
        m = mentions[i]
        found = seen.proper.get(m.start)
        if found is None:
            found = seen.proper[m.start] = inside_proper_name(seen, m, begin, written)
        return found
    return ""


def adjective_in_name(seen: Surroundings, m: Mention) -> str:
    """The proper name an adjective begins, when a capitalized word follows it that
    is not the start of another mention ("the 1st Belorussian Front"), in a language
    that does not capitalize every noun, outside a Title Case line; else ""."""
    match = NEXT.match(seen.text, m.end, m.end + 48)
    if match is None or not match[2][:1].isupper() or not match[2][1:].islower():
        return ""
    if m.end + len(match[1]) in seen.starts:
        return ""
    lang = seen.line_lang(m.start)
    if lang in seen.rules.capitalizing or title_case_line(seen, m.start):
        return ""
    return seen.text[m.start : match.end()]


def title_case_line(seen: Surroundings, pos: int) -> bool:
    """Whether the line around *pos* capitalizes most of its words, as English
    headlines do: of its words of four letters or more after the first, at least
    three, and three in four capitalized. Names the matcher found do not count:
    rewriting them changes their case, and normalizing twice must change nothing
    more. The words are found by one search; the mentions' words are then taken off."""
    text = seen.text
    floor = max(0, pos - 200)
    start = text.rfind("\n", floor, pos) + 1 or floor
    end = text.find("\n", pos, pos + 200)
    if end < 0:
        end = pos + 200
    words = long_words(text, start, end)
    count, capitals = len(words), sum(1 for word in words if word[0].isupper())
    first = _LONG_WORD.match(text, start, end)
    if first:  # the first word is capitalized anyway
        count, capitals = count - 1, capitals - first.group()[0].isupper()
    spans = seen.spans
    at = max(0, bisect_left(spans, (start, start)) - 1)
    while at < len(spans) and spans[at][0] < end:
        begin, stop = spans[at]
        for match in _LONG_WORD.finditer(text, max(begin, start + 1), end):
            if match.start() >= stop:
                break
            count, capitals = count - 1, capitals - match.group()[0].isupper()
        at += 1
    return count >= 3 and capitals >= 0.75 * count


_LONG_WORD: Final = re.compile(r"(?<![^\W_])[^\W\d_]{4,}(?![^\W_])")
"""A word of four letters or more: a whole token (:data:`~translit.context.reader.TOKEN`)
of letters only."""


def long_words(text: str, start: int, end: int) -> list[str]:
    """``_LONG_WORD.findall(text, start, end)``: the words of four letters or more,
    whole tokens of letters only, from *start* to *end* (one before *start* is cut, one
    at *end* is not), by :func:`~translit.text.language.letter_runs`; the first token
    by the pattern itself when a letter or digit comes right before *start*."""
    chunk = text[start:end]
    if start > 0 and chunk[:1] and not chunk[0].isspace() and text[start - 1].isalnum():
        cut = len(chunk.split(None, 1)[0])
        return _LONG_WORD.findall(text, start, start + cut) + letter_runs(
            chunk[cut:], _LONG_WORD, 4
        )
    return letter_runs(chunk, _LONG_WORD, 4)
