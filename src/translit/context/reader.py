"""What the checks read around a mention: the words before and after it, its
paragraph and sentence, and the paragraph's language, each computed once per text.

>>> from translit import Normalizer
>>> text = Surroundings(Normalizer()._index, Normalizer()._index.context, "Born in old Kiev.", None)
>>> [w for w, _, _, _ in text.before(12)], text.next_word(16)
(['old', 'in', 'born'], ('', ''))
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Final

from translit.compile.index import Index
from translit.compile.lookup import lookup
from translit.match.checks import ANOTHER
from translit.mention import Mention
from translit.tables.context_rules import ContextRules
from translit.text.fold import fold_word
from translit.text.language import detect

__all__ = [
    "APOSTROPHES", "BREAKS", "MEMO", "NEXT", "NONE", "NO_WORD", "OPENING_QUOTES", "REACH",
    "SENTENCE", "TOKEN", "WINDOW", "Surroundings", "Word", "last_two_matched",
    "next_word_matched", "paragraph_around", "paragraph_starts", "plain",
    "sentence_start", "table_word", "word_key",
    "words_before",
]  # fmt: skip


TOKEN: Final = re.compile(r"[^\W_]+")
WINDOW: Final = 48
"""Characters looked at on each side of a mention."""
OPENING_QUOTES: Final = "\"'“‘«„‚‹"
APOSTROPHES: Final = "'’ʹʼ`"
_BLANK_LINE: Final = re.compile(r"\n[ \t\r\f\v]*\n")
MEMO: Final = 1 << 16
"""At most this many written forms are remembered per table."""
Word = tuple[str, str, str, int]
NONE: Final[frozenset[str]] = frozenset()
NO_WORD: Final[Word] = ("", "", "", -1)
_TRAILING: Final = frozenset(",.;:!?")
"""What may end a word before its space in :meth:`Surroundings.last_two`'s common case
(none of it a letter or digit: the regular expression reads it as part of the gap)."""
_LAST_TWO: Final = re.compile(r"(\W*)([^\W_]+)(?:(\W*)([^\W_]+))?")
NEXT: Final = re.compile(r"(\W*)([^\W_]+)")
BREAKS: Final = frozenset(".;!?()[]{}\n")
REACH: Final = 2000
"""No check reads further from a mention than this (the person a surname names is
looked for this far back in its paragraph); a stream's context must cover it."""
SENTENCE: Final = 400
"""The longest sentence, in characters, that two spellings are compared in."""
SAMPLE: Final = 2000
"""A paragraph's language is told from this many characters of it, its mentions left
out (see :meth:`Surroundings.outside_mentions`)."""
LINE: Final = 200
"""A line's language (where its paragraph does not tell) is told from this many
characters on each side of the mention, the mentions left out."""


class Surroundings:
    """One text (a piece of it) and what the checks learn about it, computed once."""

    def __init__(self, index: Index, rules: ContextRules, text: str, lang: str | None) -> None:
        self.index = index
        self.rules = rules
        self.text = text
        self.given_lang = lang
        self.style = "en"
        self._langs: dict[int, str | None] = {}
        self.starts: set[int] = set()  # where the mentions begin
        self.spans: list[tuple[int, int]] = []  # the mentions' spans, in order
        self._paragraphs: list[int] | None = None
        self._paragraph = (0, 0)  # the span paragraph() found last
        self._before: dict[int, list[tuple[str, str, int, str]]] = {}
        self._after: dict[int, list[tuple[str, str, int, str]]] = {}
        self._sentences: dict[int, int] = {}
        self.proper: dict[int, str] = {}
        """What :func:`~translit.context.names.part_of_a_name` found, by the mention's start."""
        # any_occurs: per list of words, the stretch searched and where they begin in it
        self._searched: dict[tuple[str, ...], tuple[int, int, list[int]]] = {}
        # the mentions' whole words, and the spans they were taken from
        self._word_spans: tuple[list[tuple[int, int]] | None, dict[int, tuple[int, int]]] = (
            None,
            {},
        )

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The span of the paragraph around *pos* (blank lines separate paragraphs); the
        last one found is kept (the checks ask in text order, mostly about the same)."""
        found = self._paragraph
        if found[0] <= pos < found[1]:
            return found
        if self._paragraphs is None:
            near = paragraph_around(self.text, pos)
            if near is not None:  # (a few lines read: most paragraphs are never asked about)
                self._paragraph = near
                return near
            self._paragraphs = [0, *paragraph_starts(self.text)]
        at = bisect_right(self._paragraphs, pos) - 1
        end = self._paragraphs[at + 1] if at + 1 < len(self._paragraphs) else len(self.text)
        found = self._paragraph = (self._paragraphs[at], end)
        return found

    def sentence(self, pos: int) -> int:
        """Where the sentence around *pos* begins (see :func:`sentence_start`)."""
        found = self._sentences.get(pos)
        if found is None:
            found = self._sentences[pos] = sentence_start(self.text, pos, self.starts)
        return found

    def any_occurs(self, words: tuple[str, ...], start: int, end: int) -> bool:
        """Whether one of *words* is written (as is) anywhere that begins between
        *start* and *end*. Where they begin is remembered for the stretch searched so
        far, which a later question about a stretch that reaches further only
        extends: the checks ask in text order, about overlapping stretches before each
        mention (a text full of one person's name searches its text about once, not
        2,000 characters a mention)."""
        if end <= start:
            return False
        low, high, places = self._searched.get(words, (0, 0, _NO_PLACES))
        if start < low or start > high or places is _NO_PLACES:  # a stretch of its own
            low, high, places = start, start, []
        if end > high:
            places = places + _places(self.text, words, high, end)
            high = end
        self._searched[words] = (low, high, places)
        at = bisect_left(places, start)
        return at < len(places) and places[at] < end

    def in_mention(self, pos: int) -> bool:
        """Whether *pos* is inside one of the mentions."""
        at = bisect_right(self.spans, (pos, len(self.text))) - 1
        return at >= 0 and self.spans[at][0] <= pos < self.spans[at][1]

    def told(self, pos: int) -> str | None:
        """The language at *pos* if it is known without telling it anew: the caller's,
        or the paragraph's when a check there needed it."""
        if self.given_lang is not None:
            return self.given_lang
        if not self._langs:  # no check told one in this text
            return None
        return self._langs.get(self.paragraph(pos)[0])

    def lang(self, pos: int) -> str | None:
        """The language at *pos*: the caller's, or its paragraph's (None when the
        paragraph does not tell). Never the whole text's: a window of a stream must
        decide as the whole text does."""
        if self.given_lang is not None:
            return self.given_lang
        start, end = self.paragraph(pos)
        if start not in self._langs:
            self._langs[start] = detect(self.outside_mentions(start, end, SAMPLE))
        return self._langs[start]

    def outside_mentions(self, start: int, end: int, limit: int, backwards: bool = False) -> str:
        """The text from *start* to *end* without the words that hold a mention (each
        a space), at most *limit* characters of it from *start* (from *end* when
        *backwards*). What the language is told from: rewriting the names, which
        changes their length, must not change what the words around them are, or a
        second run would tell another language. The whole word goes, letters glued to
        the mention too: a genitive -s is outside the mention on one run
        (``Lukaschenko|s``) and inside it on the next (``Lukashenkas``)."""
        text, spans = self.text, self.spans
        parts: list[str] = []
        size = 0
        if backwards:
            k = bisect_left(spans, (end, end)) - 1
            at = end
            while size < limit and at > start:
                if k >= 0 and self._mention_words(k)[1] > start:
                    edge = max(self._mention_words(k)[1], start)
                else:
                    edge = start
                piece = text[max(edge, at - (limit - size)) : at] if edge < at else ""
                parts.append(piece)
                size += len(piece) + 1
                if edge <= start:
                    break
                parts.append(" ")
                at, k = self._mention_words(k)[0], k - 1
            return "".join(reversed(parts))
        k = max(0, bisect_left(spans, (start, start)) - 1)
        at = start
        while k < len(spans) and self._mention_words(k)[1] <= at:
            k += 1
        while size < limit and at < end:
            edge = min(self._mention_words(k)[0], end) if k < len(spans) else end
            piece = text[at : min(edge, at + (limit - size))] if edge > at else ""
            parts.append(piece)
            size += len(piece) + 1
            if edge >= end:
                break
            parts.append(" ")
            at, k = max(at, self._mention_words(k)[1]), k + 1
        return "".join(parts)

    def _mention_words(self, k: int) -> tuple[int, int]:
        """The span of mention *k*'s whole words (:func:`_whole_words`), remembered for the
        list of mentions :attr:`spans` holds."""
        source, widened = self._word_spans
        if source is not self.spans:  # the words of another list of mentions
            widened = {}
            self._word_spans = (self.spans, widened)
        found = widened.get(k)
        if found is None:
            found = widened[k] = _whole_words(self.text, *self.spans[k])
        return found

    def line_lang(self, pos: int) -> str | None:
        """The language at *pos*, or where its paragraph does not tell, its line's
        (a headline or a caption of its own)."""
        found = self.lang(pos)
        if found is None:
            text, reach = self.text, SAMPLE
            start = text.rfind("\n", max(0, pos - reach), pos) + 1
            end = text.find("\n", pos, pos + reach)
            end = end if end >= 0 else min(len(text), pos + reach)
            before = self.outside_mentions(start, pos, LINE, backwards=True)
            found = detect(before + self.outside_mentions(pos, end, LINE))
        return found

    def before(self, pos: int) -> list[tuple[str, str, int, str]]:
        """The words before *pos*, nearest first: (folded word, what follows it up to
        the next word or *pos*, where it starts, the word as written)."""
        found = self._before.get(pos)
        if found is None:
            found = self._before[pos] = words_before(self.text, pos)
        return found

    def after(self, pos: int) -> list[tuple[str, str, int, str]]:
        """The words after *pos*: (folded word, what precedes it, where it ends, written)."""
        found = self._after.get(pos)
        if found is None:
            window = self.text[pos : pos + WINDOW]
            found = self._after[pos] = []
            last = 0
            for match in TOKEN.finditer(window):
                word = match.group()
                between = window[last : match.start()]
                found.append((word_key(word), between, pos + match.end(), word))
                last = match.end()
        return found

    def family_at(self, names: frozenset[str], start: int, end: int) -> tuple[int, int]:
        """The span of the last of *names* (folded given names, written capitalized)
        between *start* and *end* that is not followed by a capitalized word (a
        surname), or (-1, -1)."""
        text = self.text
        best = (-1, -1)
        for name in names:
            written = name[:1].upper() + name[1:]
            stop = end
            while True:
                at = text.rfind(written, max(start, best[0] + 1), stop)
                if at < 0:
                    break
                after = at + len(written)
                follows = text[after : after + 2]
                if (
                    not (at and text[at - 1].isalnum())
                    and not follows[:1].isalnum()
                    and not (follows[:1] == " " and follows[1:2].isupper())
                ):
                    best = (at, after)
                    break
                stop = at
        return best

    def last_two(self, pos: int) -> tuple[Word, Word]:
        """The last two words before *pos*, nearest first: (folded, what follows it, as
        written, where it starts); ("", "", "", -1) where there is none. Read
        backwards, on the reversed text: one anchored match; two words of letters and
        digits after single spaces, each perhaps with a comma, full stop or the like
        before its space, and an opening quote perhaps before *pos*, the most common
        case, with two searches for a space."""
        text = self.text
        space = pos - 1 if pos > 2 and text[pos - 1] == " " else -1
        if space < 0 and pos > 3 and text[pos - 2] == " " and text[pos - 1] in OPENING_QUOTES:
            space = pos - 2  # a quote opened right before the mention: “Kyiv
        last_space = text.rfind(" ", space - 39 if space > 39 else 0, space) if space > 0 else -1
        if last_space > 0:  # (each slice from a space found: one from the piece's start,
            # for each mention with none close before it, grew with the piece)
            written, sep = text[last_space + 1 : space], text[space:pos]
            if written[-1:] in _TRAILING:
                written, sep = written[:-1], written[-1] + sep
            before = -2
            if written.isalnum():
                before = text.rfind(" ", last_space - 40 if last_space > 40 else 0, last_space)
                if before < 0 and last_space <= 40:
                    before = -1  # the text's first word, from its start
            if before >= -1 and before + 1 >= pos - WINDOW:  # (the expression reads
                # WINDOW characters back: a word begun before is cut there)
                written2, sep2 = text[before + 1 : last_space], " "
                if written2[-1:] in _TRAILING:
                    written2, sep2 = written2[:-1], written2[-1] + " "
                if written2.isalnum():
                    return (word_key(written), sep, written, last_space + 1), (
                        word_key(written2), sep2, written2, before + 1
                    )
        return last_two_matched(text, pos)

    def next_word(self, pos: int) -> tuple[str, str]:
        """The word after *pos* (folded) and what precedes it; ("", "") if none. A word
        of letters and digits after one space, the most common case, with one search
        for a space."""
        text = self.text
        if text[pos : pos + 1] == " ":
            space = text.find(" ", pos + 1, pos + 40)
            written = text[pos + 1 : space] if space > 0 else ""
            if written.isalnum():
                return word_key(written), " "
        return next_word_matched(text, pos)

    def references(
        self, mentions: list[Mention], i: int, start: int
    ) -> tuple[int, tuple[int, str]]:
        """Before mention *i*, from *start* on, where its entity was last named in full,
        and where another person of its name was (with that name as written); -1 where
        neither. Read from the mentions as the review has left them so far, nearest
        first, back to *start* only."""
        entity = mentions[i].entity
        this, other = -1, (-1, "")
        k = i - 1
        while k >= 0 and mentions[k].start >= start:
            p = mentions[k]
            if p.entity == entity:
                if this < 0 and p.part == "full" and not p.left:
                    this = p.start
                if other[0] < 0 and p.left.startswith(ANOTHER):
                    other = (p.start, p.left[len(ANOTHER) : -1])
                if this >= 0 and other[0] >= 0:
                    break
            k -= 1
        return this, other


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """*start*..*end* widened to the letters and digits glued to it on each side."""
    while start and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of *text* but the first begins: after each blank line, as
    ``_BLANK_LINE.finditer`` finds them. In text of long lines (prose, where a line is
    a paragraph) the line breaks are found one by one with a search for one character,
    some three times faster than the expression, which reads every character."""
    head = min(len(text), _HEAD)  # (the lines of the beginning tell: counting the line
    # breaks of a whole piece of text beyond Latin-1 costs more than finding them)
    if text.count("\n", 0, head) * _LONG_LINE > head:  # short lines: the expression
        return [m.end() for m in _BLANK_LINE.finditer(text)]
    found = []
    n = len(text)
    at = text.find("\n")
    while at >= 0:
        end = at + 1
        while end < n and text[end] in _BLANK:
            end += 1
        if end < n and text[end] == "\n":
            found.append(end + 1)
            at = text.find("\n", end + 1)
        else:
            at = text.find("\n", end)
    return found


def paragraph_around(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the paragraph around *pos* as :func:`paragraph_starts` bounds them
    (from the last start at or before *pos*, or 0, to the next, or the end), found by
    reading line by line from *pos*; None after :data:`_LINES` lines each way or a run
    of :data:`_LINES` blank characters (then all of them are found at once).

    A pattern of a blank line (``_BLANK_LINE``) pairs the line breaks of a run of them
    (with spaces, tabs and carriage returns between) from the first: the second, the
    fourth ... end one, so what a break ends is told by counting the breaks of its run.
    """
    start = 0
    at = pos  # the breaks before it
    for _ in range(_LINES):
        brk = text.rfind("\n", 0, at)
        if brk < 0:
            break
        run = _run_start(text, brk)
        if run < 0:
            return None
        count = text.count("\n", run, brk + 1)  # brk is the count-th break of its run
        if count >= 2:  # the last even one ends a blank line
            start = brk + 1 if count % 2 == 0 else text.rfind("\n", run, brk) + 1
            break
        at = run
    else:
        return None
    n = len(text)
    at = pos  # the breaks from it on
    for _ in range(_LINES):
        brk = text.find("\n", at)
        if brk < 0:
            return start, n
        run = _run_start(text, brk)
        if run < 0:
            return None
        if text.count("\n", run, brk + 1) % 2 == 0:
            return start, brk + 1
        at = brk + 1  # the run's next break, if it goes on to one
        while at < n and text[at] in _BLANK:
            at += 1
        if at < n and text[at] == "\n":
            return start, at + 1
    return None


def _run_start(text: str, at: int) -> int:
    """Where the run of line breaks and blanks that holds *at* begins; -1 when it is
    longer than :data:`_LINES` characters before *at*."""
    floor = at - _LINES if at > _LINES else 0
    begin = at
    while begin > floor and text[begin - 1] in _SPACING:
        begin -= 1
    if begin == floor and floor and text[begin - 1] in _SPACING:
        return -1
    return begin


_LINES: Final = 64
"""Lines (or blank characters) :func:`paragraph_around` reads each way at most."""
_SPACING: Final = frozenset("\n \t\r\f\v")
_LONG_LINE: Final = 200
"""Characters per line on average from which :func:`paragraph_starts` searches line by line."""
_HEAD: Final = 8192
"""Characters at the beginning of a text whose lines tell :func:`paragraph_starts` the way."""
_BLANK: Final = frozenset(" \t\r\f\v")
"""What a blank line may hold (``_BLANK_LINE``)."""


def next_word_matched(text: str, pos: int) -> tuple[str, str]:
    """:meth:`Surroundings.next_word` by one regular expression, in every case."""
    match = NEXT.match(text, pos, pos + 48)
    return (word_key(match[2]), match[1]) if match else ("", "")


def last_two_matched(text: str, pos: int) -> tuple[Word, Word]:
    """:meth:`Surroundings.last_two` by one regular expression, in every case."""
    floor = max(0, pos - 48)
    match = _LAST_TWO.match(text[floor:pos][::-1])
    if match is None:
        return NO_WORD, NO_WORD
    end = pos - len(match[1])
    written = match[2][::-1]
    last = (word_key(written), match[1][::-1], written, end - len(written))
    if match[4] is None:
        return last, NO_WORD
    written2 = match[4][::-1]
    begin2 = last[3] - len(match[3]) - len(written2)
    return last, (word_key(written2), match[3][::-1], written2, begin2)


def table_word(index: Index, word: str) -> tuple[str, bool] | None:
    """:func:`~translit.compile.lookup.lookup` of a folded word, weak forms too (the table's
    word, inflected), remembered per table: the checks ask about the same words
    (given names, titles, the words next to names) over and over."""
    memo: dict[str, tuple[str, bool] | None] = index.memo.setdefault("table_word", {})
    if word in memo:
        return memo[word]
    found = lookup(index.forms, word, True)
    if len(memo) < MEMO:
        memo[word] = found
    return found


def word_key(word: str) -> str:
    """A word of the text as the data writes it: folded (lower case, for ASCII; a word
    with other letters is folded once, then remembered)."""
    if word.isascii():
        return word.lower()
    found = _FOLDED.get(word)
    if found is None:
        found = fold_word(word)
        if len(_FOLDED) < MEMO:
            _FOLDED[word] = found
    return found


_FOLDED: Final[dict[str, str]] = {}
"""The folded key of each word with letters other than ASCII met so far (at most
:data:`MEMO`): the fold depends on nothing else."""


def words_before(text: str, pos: int) -> list[tuple[str, str, int, str]]:
    floor = max(0, pos - WINDOW)
    window = text[floor:pos]
    words = []
    follow = len(window)
    for match in reversed(list(TOKEN.finditer(window))):
        word = match.group()
        words.append((word_key(word), window[match.end() : follow], floor + match.start(), word))
        follow = match.start()
    return words


def plain(sep: str) -> bool:
    """What may stand between the words of a fixed expression: spaces, an apostrophe."""
    return bool(sep) and not sep.strip(" \t\u00a0" + APOSTROPHES)


def sentence_start(text: str, pos: int, names: set[int] | frozenset[int] = frozenset()) -> int:
    """Where the sentence around *pos* begins: after ``.`` ``!`` ``?`` and space before
    a capital, a digit, a quote or one of *names* (where mentions begin: a name's
    case changes as it is rewritten, and the sentences must not), not after an
    initial such as "A."; and after every line break; at most :data:`SENTENCE`
    characters back.

    What the last match of a stop, closing quotes or brackets and space, or a line break,
    from *pos* - SENTENCE to *pos*, that ends a sentence gives, found from the end: each
    stop and line break is looked for with a search for one character, from the nearest
    back (a line break always ends one; the space after a stop may hold it)."""
    floor = max(0, pos - SENTENCE)
    last = {mark: text.rfind(mark, floor, pos) for mark in _SENTENCE_MARKS}
    while True:
        mark = max(last, key=last.__getitem__)
        at = last[mark]
        if at < 0:
            return floor
        if mark == "\n":  # alone, or in the space after a stop ("end.\n\nNext")
            space = at
            while space > floor and text[space - 1].isspace():
                space -= 1
            begin = space
            while begin > floor and text[begin - 1] in _SENTENCE_CLOSERS:
                begin -= 1
            if begin > floor and text[begin - 1] in _SENTENCE_STOPS:
                end = at + 1
                while end < pos and text[end].isspace():
                    end += 1
                return end
            return at + 1
        end = at + 1
        while end < pos and text[end] in _SENTENCE_CLOSERS:
            end += 1
        if end < pos and text[end].isspace():
            while end < pos and text[end].isspace():
                end += 1
            nxt = text[end : end + 1]
            if nxt.isupper() or nxt.isdigit() or nxt in OPENING_QUOTES or end in names:
                word = text[max(0, at - 3) : at].split()[-1:]
                if not (word and len(word[0].strip("(\"'")) == 1 and word[0][-1:].isupper()):
                    return end  # (not after an initial)
        last[mark] = text.rfind(mark, floor, at)


_SENTENCE_STOPS: Final = ".!?…"
_SENTENCE_CLOSERS: Final = "\"'”’»)]"
_SENTENCE_MARKS: Final = ("\n", *_SENTENCE_STOPS)
"""What ends a sentence: a stop, closing quotes or brackets (``_SENTENCE_CLOSERS``) and
space, or a line break."""


_NO_PLACES: Final[list[int]] = []


def _places(text: str, words: tuple[str, ...], start: int, end: int) -> list[int]:
    """Where each of *words* (not empty) begins between *start* and *end* of *text*, in
    order. Each is found from its first character (a search for two characters or more
    is some 50 times slower than one for a character in text beyond Latin-1), then told
    from its second (German writes many words with a given name's capital)."""
    found: list[int] = []
    for word in words:
        stop = end - 1 + len(word)
        first, head = word[0], word[:2]
        at = text.find(first, start, stop)
        while at >= 0:
            if text[at : at + len(head)] == head and text.startswith(word, at, stop):
                found.append(at)
            at = text.find(first, at + 1, stop)
    found.sort()
    return found
