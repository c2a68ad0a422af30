"""Whether a phrase found in the text is a mention: the checks after the match.

All work on the folded key (:mod:`translit.text.fold`), in this order:

1. not inside a URL, an address, a handle, a hashtag or a path (a name with
   plain surroundings, whitespace before and whitespace or closing punctuation
   after, needs no closer look);
2. not part of one of the entity's fixed expressions (``not_when``: "Minsk
   Mazowiecki", "Viktor Lukashenko");
3. an ambiguous form only with the words that make it safe (its ``next`` or
   ``previous`` words), and only written as a proper name is, a capital letter and
   then small ones, with no capitalized word right after it but one of its ``next``
   words, and a ``previous`` word in lower case unless it begins a sentence: in lower
   case (``in just two years``), in capitals (``REBUILT IN JUST TWO YEARS``) or among
   capitalized words (``Rebuilt in Just Two Years``, ``Fighting Near Borisov``: a
   headline, or a longer proper name) the case does not tell a name from the word it
   is shared with. A form marked ``capitalized`` (a word written in lower case, as the
   dish *poutine*) is also safe capitalized inside a sentence among words in lower
   case (``ont rencontré Poutine et``);
4. a surname or place right after a different given name (``Sergei
   Tikhanovsky``, ``Viktor Lukashenko``) is left alone;
5. a bare genitive ``-s`` (German, Dutch, Scandinavian) only after a capitalized name.

>>> plain_surroundings("in kiev, today", 3, 7), plain_surroundings("kiev.ua", 0, 4)
(True, False)
"""

from __future__ import annotations

from typing import Final, NamedTuple

from translit.compile.index import FORMER, Index, Target
from translit.text.fold import KEY_WORD, is_word_char
from translit.text.protect import STOPS, in_technical_token

__all__ = [
    "ANOTHER",
    "ATTACHED",
    "BIDI",
    "PLAIN_AFTER",
    "PLAIN_BEFORE",
    "PLAIN_END",
    "Left",
    "accept",
    "after_given_name",
    "inside",
    "left_reason",
    "plain_surroundings",
]

PLAIN_END: Final = frozenset(STOPS)
"""Where the plain surroundings after a name end: whatever ends a token (whitespace,
brackets, double quotes, a tag's edge; :data:`~translit.text.protect.STOPS`)."""
PLAIN_AFTER: Final = PLAIN_END | frozenset(",.;:!?'’‘‹›")
"""What may follow a name in plain surroundings: closing punctuation, up to one of
:data:`PLAIN_END`."""
ATTACHED: Final = frozenset("'‘„‚‹›")
"""Opening quotes that do not end a token: plain before a name only after one of
:data:`PLAIN_END`, or after an elided word after one (French "d'Odessa")."""
PLAIN_BEFORE: Final = PLAIN_END | ATTACHED
"""What may stand right before a name in plain surroundings."""
_ELIDED: Final = 3
"""The longest elided word before an apostrophe ("qu'")."""
BIDI: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_OPENERS: Final = "([{\"'«“‘"


class Left(NamedTuple):
    """A phrase found but left: it is part of a fixed expression or follows another
    person's given name, from *start* to *end* of the key (the whole expression)."""

    target: Target
    start: int
    end: int


ANOTHER: Final = "another person ("
"""How the reason of a mention left as another person's name begins (the matcher's
given names, check 4 of the review)."""


def left_reason(kind: str, written: str, reason: str = "") -> str:
    """The reason of a mention left because of *written* (the expression or the name
    as the text writes it): another person's, a former name (the mention's *reason*
    says so: a former name is a fixed expression of its own), or a fixed expression."""
    if kind == "person":
        return f"{ANOTHER}{written})"
    if reason.startswith(FORMER) or reason.partition(": ")[2].startswith(FORMER):
        return f"{FORMER} ({written})"  # listed, or a spelling made of one
    return f"fixed expression ({written})"


def accept(
    index: Index,
    key: str,
    words: tuple[str, ...],
    span: tuple[int, int],
    written: str,
    capitals: tuple[bool, bool, bool],
) -> Target | Left | None:
    """The target that *words* at *span* of *key* (*written* so in the text; *capitals*:
    whether the word before it is capitalized inside a sentence, whether the word after
    it is capitalized, and whether it begins a sentence) name; or, when the only targets
    that fail are inside a fixed expression or after another given name, the first of
    those as :class:`Left`; None when no check passes."""
    start, end = span
    capitalized = written[:1].isupper()
    if not plain_surroundings(key, start, end) and in_technical_token(key, start, end):
        return None
    genitive = end < len(key) and key[end] == "s"
    left: Left | None = None
    for target in index.phrases[words]:
        info = index.entities[target.entity]
        if info.not_when:
            if len(words) == 1:  # the word as matched, without an 's or a -based
                first = key[start:end]
            else:
                first = KEY_WORD.match(key, start).group()  # type: ignore[union-attr]
            spot = inside(key, start, info.not_when[first]) if first in info.not_when else None
            if spot is not None:
                left = left or Left(target, *spot)
                continue
        if target.next_words is not None and not (
            capitalized
            and not written.isupper()
            and (
                _in_context(key, span, target, capitals)
                or (target.capitalized and capitals == _INSIDE_A_SENTENCE)
            )
        ):
            continue
        if len(words) == 1 and target.part != "full":
            given = after_given_name(index, key, start)
            if given >= 0:
                left = left or Left(target, given, end)
                continue
        if genitive and not capitalized:
            continue
        return target
    return left


def plain_surroundings(key: str, start: int, end: int) -> bool:
    """What ends a token (whitespace, a bracket, a tag's edge) or an opening quote
    before the name, and after it, after closing punctuation if any, what ends a
    token: then the name cannot be part of a URL, address, handle or path
    (:func:`~translit.text.protect.in_technical_token` would say so the long way;
    ``tests/test_matcher.py`` holds the two together)."""
    if start:
        before = key[start - 1]
        if before not in PLAIN_BEFORE:
            return False
        if before in ATTACHED:  # the quote is part of the token: what is before it?
            at = start - 2
            while at >= 0 and at > start - 3 - _ELIDED and key[at].isalpha():
                at -= 1
            if at >= 0 and key[at] not in PLAIN_END:
                return False
    n = len(key)
    while end < n and key[end] in PLAIN_AFTER:
        if key[end] in PLAIN_END:
            return True
        end += 1
    return end == n


def inside(
    key: str, start: int, phrases: tuple[tuple[str, int], ...]
) -> tuple[int, int] | None:
    """The span of the one of *phrases* whose word at its offset is the word at
    *start*, or None."""
    for phrase, offset in phrases:
        begin = start - offset
        if begin >= 0 and key.startswith(phrase, begin):
            end = begin + len(phrase)
            before = key[begin - 1] if begin else " "
            after = key[end] if end < len(key) else " "
            if not (before.isalnum() or after.isalnum()):
                return begin, end
    return None


def after_given_name(index: Index, key: str, start: int) -> int:
    """Where the given name before *start* begins, when the word at *start* comes
    right after one and one space (then it names someone else); else -1. Bidi
    isolates and embeddings around the given name do not hide it."""
    if start < 2 or key[start - 1] != " ":
        return -1
    floor = start - 40 if start > 40 else 0  # given names are short
    space = key.rfind(" ", floor, start - 1)
    begin = space + 1 if space >= 0 else floor
    word = key[begin : start - 1]
    if not word.isalpha():
        tail = word.rpartition("\n")[2]
        stripped = tail.strip(BIDI).lstrip(_OPENERS)
        begin = start - 1 - len(tail) + (len(tail) - len(tail.lstrip(BIDI + _OPENERS)))
        word = stripped
    return begin if word in index.given_names else -1


def _neighbour(key: str, pos: int, step: int) -> str:
    """The word before (step -1) or after (step 1) position *pos*, across one space run."""
    j = pos
    if step > 0:
        while j < len(key) and key[j] == " ":
            j += 1
        k = j
        while k < len(key) and is_word_char(key[k]):
            k += 1
        return key[j:k] if j > pos else ""
    while j > 0 and key[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and is_word_char(key[k - 1]):
        k -= 1
    return key[k:j] if j < pos else ""


_INSIDE_A_SENTENCE: Final = (False, False, False)
"""*capitals* of a form written inside a sentence among words in lower case: there a
capital makes a form marked ``capitalized`` (a word in lower case) the name."""


def _in_context(
    key: str, span: tuple[int, int], target: Target, capitals: tuple[bool, bool, bool]
) -> bool:
    """Whether the words around *span* make the ambiguous *target* safe: one of its next
    words after it, or one of its previous words before it. Another capitalized word
    after it makes a longer proper name, and a previous word capitalized inside a
    sentence is a headline's, where case tells nothing (*capitals*, see :func:`accept`)."""
    if _neighbour(key, span[1], 1) in (target.next_words or ()):
        return True
    if capitals[0] or capitals[1]:
        return False
    return _neighbour(key, span[0], -1) in (target.previous_words or ())
