"""Whether a phrase found in the text is a mention: the checks after the match.

All work on the folded key (:mod:`translit.fold`), in this order:

1. not inside a URL, an address, a handle, a hashtag or a path (a name with
   plain surroundings, whitespace before and whitespace or closing punctuation
   after, needs no closer look);
2. not part of one of the entity's fixed expressions (``not_when``: "Minsk
   Mazowiecki", "Viktor Lukashenko");
3. an ambiguous form only with the words that make it safe (its ``next`` or
   ``previous`` words);
4. a surname or place right after a different given name (``Sergei
   Tikhanovsky``, ``Viktor Lukashenko``) is left alone;
5. a bare genitive ``-s`` (German, Dutch, Scandinavian) only after a capitalized name.

>>> plain_surroundings("in kiev, today", 3, 7), plain_surroundings("kiev.ua", 0, 4)
(True, False)
"""

from __future__ import annotations

from .fold import KEY_WORD, is_word_char
from .index import Index, Target
from .protect import in_technical_token

__all__ = ["BIDI", "accept", "after_given_name", "inside", "plain_surroundings"]

_PLAIN_BEFORE = frozenset(" \t\n\r(\"'«“‘[")
_PLAIN_AFTER = frozenset(" \t\n\r,.;:!?)]}\"'»”’")
_SPACE = frozenset(" \t\n\r")
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_OPENERS = "([{\"'«“‘"


def accept(
    index: Index,
    key: str,
    words: tuple[str, ...],
    span: tuple[int, int],
    capitalized: bool,
) -> Target | None:
    """The target that *words* at *span* of *key* name, or None when no check passes."""
    start, end = span
    if not plain_surroundings(key, start, end) and in_technical_token(key, start, end):
        return None
    genitive = end < len(key) and key[end] == "s"
    for target in index.phrases[words]:
        info = index.entities[target.entity]
        if info.not_when:
            if len(words) == 1:  # the word as matched, without an 's or a -based
                first = key[start:end]
            else:
                first = KEY_WORD.match(key, start).group()  # type: ignore[union-attr]
            if first in info.not_when and inside(key, start, info.not_when[first]):
                continue
        if target.next_words is not None and not _in_context(key, (start, end), target):
            continue
        if len(words) == 1 and target.part != "full" and after_given_name(index, key, start):
            continue
        if genitive and not capitalized:
            continue
        return target
    return None


def plain_surroundings(key: str, start: int, end: int) -> bool:
    """Whitespace before the name, and after it whitespace or closing punctuation then
    whitespace: then the name cannot be part of a URL, address, handle or path."""
    if start and key[start - 1] not in _PLAIN_BEFORE:
        return False
    n = len(key)
    while end < n and key[end] in _PLAIN_AFTER:
        if key[end] in _SPACE:
            return True
        end += 1
    return end == n


def inside(key: str, start: int, phrases: tuple[tuple[str, int], ...]) -> bool:
    """True when the word at *start* is the word at its offset in one of *phrases*."""
    for phrase, offset in phrases:
        begin = start - offset
        if begin >= 0 and key.startswith(phrase, begin):
            end = begin + len(phrase)
            before = key[begin - 1] if begin else " "
            after = key[end] if end < len(key) else " "
            if not (before.isalnum() or after.isalnum()):
                return True
    return False


def after_given_name(index: Index, key: str, start: int) -> bool:
    """Right after a given name and one space: then it names someone else. Bidi
    isolates and embeddings around the given name do not hide it."""
    if start < 2 or key[start - 1] != " ":
        return False
    floor = start - 40 if start > 40 else 0  # given names are short
    space = key.rfind(" ", floor, start - 1)
    word = key[space + 1 if space >= 0 else floor : start - 1]
    if not word.isalpha():
        word = word.rpartition("\n")[2].strip(BIDI).lstrip(_OPENERS)
    return word in index.given_names


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


def _in_context(key: str, span: tuple[int, int], target: Target) -> bool:
    after = _neighbour(key, span[1], 1)
    before = _neighbour(key, span[0], -1)
    return after in (target.next_words or ()) or before in (target.previous_words or ())
