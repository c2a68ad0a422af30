"""The scan: one automaton pass over the folded text, then phrases, then checks.

1. Fold the text (:mod:`translit.fold`) and walk the automaton once over it.
2. Keep the word hits with a word boundary on both sides (letters of every
   script, digits, marks and ``_`` continue a word). A German genitive ``-s``
   after a capitalized German spelling (Lukaschenkos, Putins) is allowed and
   stays outside the mention. A stem followed by one of its case endings is an
   inflected hit (:mod:`translit.inflection`).
3. From left to right, join each hit with the hits that follow it across
   whitespace (one line break at most) into the longest phrase of the table;
   if that phrase fails a check, shorter ones at the same place are tried.
4. Checks: not inside code, a URL, an address, a handle, a hashtag or a path;
   not part of one of the entity's fixed expressions (``not_when``); an
   ambiguous form only with the words that make it safe; a surname or place
   right after a different given name (``Sergei Tikhanovsky``, ``Viktor
   Lukashenko``) is left alone.

Matches are leftmost-longest and never overlap.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from unicodedata import combining

import ahocorasick

from .casing import restyle
from .fold import fold, is_word_char
from .index import Index, Target, WordForms, lookup
from .limits import MAX_FORM_LENGTH
from .mention import Mention
from .protect import CodeSpans, code_spans, in_technical_token

__all__ = ["match_whole", "scan"]

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_GAP = " \t" + _BREAKS


@dataclass(slots=True)
class _Candidate:
    words: tuple[str, ...]
    start: int
    end: int
    inflected: bool


def scan(index: Index, text: str, style: str, replace_inflected: bool = False) -> list[Mention]:
    """All mentions of *index*'s entities in *text*, with replacements in *style*.

    An inflected mention keeps its text unless *replace_inflected* is true.
    """
    key, offsets = fold(text)
    hits = _word_hits(index, key)
    if not hits:
        return []
    code = CodeSpans(code_spans(text)) if "`" in text or "~~~" in text else None
    mentions: list[Mention] = []
    simple = offsets is None and code is None
    pos = 0
    for start in sorted(hits):
        if start < pos:
            continue
        if simple:
            quick = _simple(index, key, text, start, hits[start], style, replace_inflected)
            if quick is not None:
                if quick is not _NONE:
                    mentions.append(quick)
                    pos = quick.end
                continue
        cands = _phrases(index, key, hits, start)
        if len(cands) > 1:
            cands.sort(key=lambda c: _order(key, c))
        for cand in cands:
            ostart, oend = _original_span(text, offsets, cand.start, cand.end)
            found = _accept(index, key, cand, text[ostart].isupper())
            if found is None:
                continue
            if code is not None and code.overlaps(ostart, oend):
                break
            keep = cand.inflected and not replace_inflected
            mentions.append(
                _mention(index, text, (ostart, oend), found, style, cand.inflected, keep)
            )
            pos = cand.end
            break
    return mentions


_NONE = Mention(0, 0, "", "", "", "")  # _simple's answer "no mention here"


def _simple(
    index: Index,
    key: str,
    text: str,
    start: int,
    entries: list[Hit],
    style: str,
    replace_inflected: bool,
) -> Mention | None:
    """The common case, decided without the general machinery: one word, not the start
    of a longer phrase, one target needing no context, in plain surroundings. Returns
    the mention, ``_NONE`` for "no mention here", or None to use the general path."""
    if len(entries) != 1:
        return None
    end, word, inflected = entries[0]
    words = (word,)
    if words in index.prefixes or (end < len(key) and key[end] == "s"):
        return None
    targets = index.phrases.get(words)
    if targets is None:
        return _NONE
    target = targets[0]
    if len(targets) != 1 or target.next_words is not None:
        return None
    info = index.entities[target.entity]
    if key[start:end] in info.not_when or not _plain_surroundings(key, start, end):
        return None  # the word opens or ends a fixed expression: the general path decides
    if target.part != "full" and _after_given_name(index, key, start):
        return _NONE
    written = text[start:end]
    if inflected:
        replacement = (
            restyle(written, info.canonical(target.part, style)) if replace_inflected else written
        )
        reason = "inflected form of " + target.reason
    else:
        replacement = restyle(written, info.canonical(target.part, style))
        reason = target.reason
    return Mention(start, end, written, replacement, target.entity, reason, target.part, inflected)


def _order(key: str, cand: _Candidate) -> tuple[int, bool]:
    """Longest first; a name with a genitive -s counts the -s, and wins over an inflection."""
    genitive = not cand.inflected and cand.end < len(key) and key[cand.end] == "s"
    return -(cand.end + genitive), cand.inflected


Hit = tuple[int, str, bool]  # end, the word of the table, inflected


_TOKEN = re.compile(r"\w*(?:['-]\w+)*")


def _word_hits(index: Index, key: str, weak: bool = False) -> dict[int, list[Hit]]:
    """Whole-word forms of the table found at anchor hits, longest first at each start.

    *weak* also takes inflected forms that are common words of another language.
    This is the hot loop: one pass of the automaton, one dictionary lookup per hit.
    """
    hits: dict[int, list[Hit]] = {}
    if index.automaton.kind == ahocorasick.EMPTY:
        return hits
    forms = index.forms
    words = forms.words
    genitive = index.genitive
    token = _TOKEN.match
    n = len(key)
    for last, anchor in index.automaton.iter(key):
        start = last - len(anchor) + 1
        if start:
            before = key[start - 1]
            if before.isalnum() or before == "_" or combining(before):
                continue
        # no form is longer than MAX_FORM_LENGTH: never read further (a run of
        # "Kiev-Kiev-..." would otherwise be read again at every hit)
        stop = token(key, last + 1, min(n, start + _LONGEST)).end()  # type: ignore[union-attr]
        if stop == start + _LONGEST and stop < n:
            # the cap cut a long run (Kiev-Kiev-...): keep its whole words only
            stop = max(key.rfind("-", last + 1, stop), key.rfind("'", last + 1, stop))
            if stop < 0:
                continue  # one word longer than any form
        if stop < n and combining(key[stop]):
            continue  # a mark after the last letter: part of a longer word
        word = key[start:stop]
        if "'" in word or "-" in word:
            found = _joined_hits(forms, genitive, key, start, stop, weak)
        else:
            base = words.get(word)
            form = (word, False) if base is not None else lookup(forms, word, weak)
            if form is not None:
                found = [(stop, form[0], form[1])]
            elif word[-1] == "s" and word[:-1] in genitive:
                found = [(stop - 1, word[:-1], False)]
            else:
                continue
        if found:
            hits[start] = found
    return hits


def _joined_hits(
    forms: WordForms,
    genitive: frozenset[str],
    key: str,
    start: int,
    stop: int,
    weak: bool,
) -> list[Hit]:
    """Hits of a token with an apostrophe or hyphen inside: the whole token (Wit-Rusland,
    L'viv), or its part before each joiner (Kiev-based, Kiev'e), longest first."""
    word = key[start:stop]
    ends = [stop, *[start + m.start() for m in _JOINERS.finditer(word)][::-1]]
    found: list[Hit] = []
    for end in ends:
        form = lookup(forms, key[start:end], weak)
        if form is not None:
            found.append((end, form[0], form[1]))
        elif end == stop and word[-1] == "s" and word[:-1] in genitive:
            found.append((end - 1, word[:-1], False))
    return found


_JOINERS = re.compile(r"['-]")
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LONGEST = MAX_FORM_LENGTH + 16  # the longest form of a table, with an ending


def _phrases(index: Index, key: str, hits: dict[int, list[Hit]], start: int) -> list[_Candidate]:
    found: list[_Candidate] = []
    stack: list[tuple[tuple[str, ...], int, int, bool]] = [
        ((word,), start, end, inflected) for end, word, inflected in hits[start]
    ]
    while stack:
        words, s, e, infl = stack.pop()
        if words in index.phrases:
            found.append(_Candidate(words, s, e, infl))
        if words not in index.prefixes or (e < len(key) and (key[e].isalnum() or key[e] == "_")):
            continue
        j, breaks = e, 0
        while j < len(key) and key[j] in _GAP:
            breaks += key[j] in _BREAKS and not (key[j] == "\n" and key[j - 1] == "\r")
            j += 1
        if j == e or breaks > 1 or j not in hits:
            continue
        for end, word, inflected in hits[j]:
            stack.append(((*words, word), s, end, infl or inflected))
    return found


def _accept(index: Index, key: str, cand: _Candidate, capitalized: bool) -> Target | None:
    if not _plain_surroundings(key, cand.start, cand.end) and in_technical_token(
        key, cand.start, cand.end
    ):
        return None
    genitive = cand.end < len(key) and key[cand.end] == "s"
    for target in index.phrases[cand.words]:
        info = index.entities[target.entity]
        if info.not_when:
            first = _TOKEN.match(key, cand.start)
            word = first.group() if first else ""
            if word in info.not_when and _inside(key, cand.start, info.not_when[word]):
                continue
        if target.next_words is not None and not _in_context(key, cand, target):
            continue
        if (
            len(cand.words) == 1
            and target.part != "full"
            and _after_given_name(index, key, cand.start)
        ):
            continue
        if genitive and not capitalized:
            continue
        return target
    return None


_PLAIN_AFTER = frozenset(" \t\n\r,;:!?)]}\"'»”’")


def _plain_surroundings(key: str, start: int, end: int) -> bool:
    """Whitespace before the name, and after it whitespace or closing punctuation then
    whitespace: then the name cannot be part of a URL, address, handle or path."""
    if start and key[start - 1] not in " \t\n\r(\"'«“‘[":
        return False
    n = len(key)
    while end < n and key[end] in _PLAIN_AFTER:
        if key[end] in " \t\n\r":
            return True
        end += 1
    return end == n


def _inside(key: str, start: int, phrases: tuple[tuple[str, int], ...]) -> bool:
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


def _in_context(key: str, cand: _Candidate, target: Target) -> bool:
    after = _neighbour(key, cand.end, 1)
    before = _neighbour(key, cand.start, -1)
    return after in (target.next_words or ()) or before in (target.previous_words or ())


def _after_given_name(index: Index, key: str, s: int) -> bool:
    """Right after a given name and one space: then it names someone else. Bidi
    isolates and embeddings around the given name do not hide it."""
    if s < 2 or key[s - 1] != " ":
        return False
    word = key[max(0, s - 40) : s - 1].rpartition(" ")[2]  # given names are short
    return word.rpartition("\n")[2].strip(_BIDI).lstrip("([{\"'«“‘") in index.given_names


def _original_span(text: str, offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a key span back to the input, taking the combining marks of its last letter."""
    if offsets is None:
        return start, end
    ostart, oend = offsets[start], offsets[end - 1] + 1
    while oend < len(text) and unicodedata.combining(text[oend]):
        oend += 1
    return ostart, oend


def _mention(
    index: Index,
    text: str,
    span: tuple[int, int],
    target: Target,
    style: str,
    inflected: bool,
    keep: bool,
) -> Mention:
    start, end = span
    info = index.entities[target.entity]
    written = text[start:end]
    if keep:
        replacement = written
    else:
        replacement = restyle(written, info.canonical(target.part, style))
    reason = f"inflected form of {target.reason}" if inflected else target.reason
    return Mention(start, end, written, replacement, target.entity, reason, target.part, inflected)


def match_whole(index: Index, name: str) -> tuple[Target, bool] | None:
    """The target of *name* when the whole of it is one phrase (and whether inflected).

    No context is required here: the caller says that *name* is a name.
    """
    key, _ = fold(name)
    hits = _word_hits(index, key, weak=True)
    if 0 not in hits:
        return None
    for cand in sorted(_phrases(index, key, hits, 0), key=lambda c: -c.end):
        if cand.end == len(key):
            targets = index.phrases[cand.words]
            if len({t.entity for t in targets}) == 1:
                return targets[0], cand.inflected
    return None
