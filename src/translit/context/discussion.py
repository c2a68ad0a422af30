"""Check 6: the text discusses the name: a gloss, a cue word before it, or two
different forms of the same entity in one sentence."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from typing import Final

from translit.compile.index import Index
from translit.context.reader import (
    APOSTROPHES,
    BREAKS,
    OPENING_QUOTES,
    SENTENCE,
    TOKEN,
    WINDOW,
    Surroundings,
    table_word,
    word_key,
)
from translit.mention import Mention
from translit.tables.context_rules import Words
from translit.text.fold import fold_word

__all__ = ["cued", "discussed_pairs", "gloss", "labelled", "may_cue"]


_CLOSING_QUOTES: Final = "\"'”’»“‹›"
_LABEL: Final = re.compile(r"([^\W\d_]+)\s?[:.](?:\s|$)")


def labelled(seen: Surroundings, m: Mention) -> bool:
    """Whether a language's name and a colon stand in the few words before *m*, or an
    abbreviation's full stop right before it ("ukr. Київ"): the cheap test before
    :func:`gloss`."""
    text, start = seen.text, m.start
    if text.find(":", start - WINDOW if start > WINDOW else 0, start) >= 0:
        window = text[max(0, start - WINDOW) : start]
    elif text.find(".", start - 8 if start > 8 else 0, start) >= 0:
        window = text[max(0, start - 8) : start]
    else:
        return False
    languages = seen.rules.languages
    return any(word_key(word) in languages for word in _LABEL.findall(window))


def gloss(seen: Surroundings, m: Mention) -> bool:
    """A gloss: after a language's name and a colon that open a bracket or a list item
    ("(Ukrainian: Одеса; Polish: Zachodnia Białoruś", "romanized: ..."), or followed by
    a language's name in brackets ("Lukashenka [Belarusian]")."""
    languages = seen.rules.languages
    before = seen.before(m.start)
    for word, sep, begin, written in before[:5]:
        mark = sep.strip()
        if mark[:1] == ":" or (mark[:1] == "." and len(written) <= 4):  # "Russian:", "ukr."
            if word not in languages:
                return False
            # the label opens its segment: nothing but one word ("en russe :") before it
            head = seen.text[max(0, begin - 40) : begin].rstrip()
            cut = max(head.rfind(c) for c in "(;,/[\n")
            return not head or (cut >= 0 and len(TOKEN.findall(head[cut + 1 :])) <= 1)
        if mark and mark[:1] not in APOSTROPHES:
            return False
    after = seen.after(m.end)
    if (
        after
        and after[0][1].strip() in ("(", "[")
        and after[0][0] in languages
        and not after[0][3].isupper()  # a dateline: KIEV (UCRAINA)
    ):
        return len(after) < 2 or after[1][1].strip()[:1] in (")", "]")
    return False


def may_cue(seen: Surroundings, m: Mention, word1: str, word2: str) -> bool:
    """Whether a cue may end at one of the two words before *m* (*word1*, *word2*,
    nearest first): the cheap test before :func:`cued`, from the cue's last two
    words. Where its next-to-last word would stand further back (after a gap, ``...``,
    or as the third word before *m*), it must be in the few words before *m*; a
    window with letters other than ASCII is not ruled out (folding may hide it)."""
    rules = seen.rules
    if not (
        word1 in rules.cues or word2 in rules.cues
        or word1 in rules.quoted_cues or word2 in rules.quoted_cues
    ):  # fmt: skip
        return False
    text = seen.text
    quoted = m.start > 0 and text[m.start - 1] in OPENING_QUOTES
    window = ""
    for table in (rules.cues, rules.quoted_cues) if quoted else (rules.cues,):
        for k, word in ((0, word1), (1, word2)):
            for pattern in table.get(word, ()):
                if len(pattern) == 1 or (k == 0 and pattern[-2] == word2) or (
                    pattern[0] == "..."
                ):
                    return True
                if k == 1 or pattern[-2] == "...":
                    window = window or text[max(0, m.start - WINDOW) : m.start].lower()
                    needed = pattern[-3] if pattern[-2] == "..." else pattern[-2]
                    if needed in window or not window.isascii():
                        return True
    return False


def cued(seen: Surroundings, m: Mention) -> bool:
    """A cue word before the name, at most one word between ("also spelt as Lviv"); a weak
    cue only when the name is in quotes ("the old form “Kiev”")."""
    before = seen.before(m.start)[:6]
    rules = seen.rules
    text = seen.text
    quoted = m.start > 0 and text[m.start - 1] in OPENING_QUOTES and (
        text[m.end : m.end + 1] in _CLOSING_QUOTES
        or (text[m.end : m.end + 1] in ".," and text[m.end + 1 : m.end + 2] in _CLOSING_QUOTES)
    )
    for k in range(min(2, len(before))):
        if set(before[k][1]) & (BREAKS | {","}):
            return False
        word = before[k][0]
        for table, needs_quotes in ((rules.cues, False), (rules.quoted_cues, True)):
            if word in table and (quoted or not needs_quotes):
                for pattern in table[word]:
                    if _cue_at(before, k, pattern):
                        return True
    return False


def _cue_at(before: list[tuple[str, str, int, str]], k: int, pattern: Words) -> bool:
    """Whether *pattern* ends at word *k* before the mention (``...``: up to three words)."""
    pos = k
    j = len(pattern) - 1
    while j >= 0:
        if pattern[j] == "...":
            j -= 1
            for gap in range(0, 4):
                if pos + gap < len(before) and before[pos + gap][0] == pattern[j]:
                    pos += gap
                    break
            else:
                return False
        if pos >= len(before) or before[pos][0] != pattern[j]:
            return False
        if pos > k and set(before[pos][1]) & BREAKS:
            return False
        pos += 1
        j -= 1
    return True


def _referential(seen: Surroundings, m: Mention) -> bool:
    """A use, not a citation: possessive, genitive, inflected, in a compound, or before
    another capitalized word that is not itself a name ("Odessa Oblast", "Lvov’s
    fame"; a name's case changes as it is rewritten, and the decision must not). A
    word the table knows counts as a name, found there or not: an output that is
    an ambiguous form (Roza becomes Rose, which alone is a flower) is no mention on
    the next run, and the decision must not change with it either."""
    if m.inflected:
        return True
    after = seen.text[m.end : m.end + 3]
    if after[:1] in ("'", "’") and after[1:2] == "s":
        return True
    if after[:1] == "s" or after[:1] == "-":
        return True
    if after[:1] != " " or not after[1:2].isupper() or m.end + 1 in seen.starts:
        return False
    word = TOKEN.match(seen.text, m.end + 1)
    return word is None or table_word(seen.index, word_key(word.group())) is None


def discussed_pairs(
    seen: Surroundings, mentions: list[Mention], entities: set[str] | None = None
) -> set[int]:
    """The mentions of an entity written in two different forms in one sentence, with
    every other plain mention of it in that sentence ("Kharkov – Kharkiv"); only of
    *entities*, if given."""
    index = seen.index
    full: dict[str, list[int]] = {}  # the mentions of each entity: its full names, and
    other: dict[str, list[int]] = {}  # the rest
    for i, m in enumerate(mentions):
        entity = m.entity
        if (entities is not None and entity not in entities) or m.left:
            continue
        (full if m.part == "full" else other).setdefault(entity, []).append(i)
    found: set[int] = set()
    for every in (*full.values(), *other.values()):
        # only mentions close to another of the entity can share a sentence with it;
        # with no two close ones written differently among all of them, there are none
        # among those that are not uses either (the usual case: _referential is not read)
        if not _close(mentions, every):
            continue
        members = [i for i in every if not _referential(seen, mentions[i])]
        close = _close(mentions, members)
        if not close:
            continue
        keys: dict[int, str] = {}
        near = []
        for a, b in close:
            for i in (a, b):
                if i not in keys:
                    keys[i] = _form_key(index, mentions[i].text)
            if keys[a] != keys[b]:
                near += [mentions[a].start, mentions[b].start]
        if not near:
            continue
        near.sort()
        sentences: dict[int, list[int]] = {}
        for i in members:
            at = mentions[i].start
            k = bisect_right(near, at)
            if (k and at - near[k - 1] < SENTENCE) or (k < len(near) and near[k] - at < SENTENCE):
                if i not in keys:
                    keys[i] = _form_key(index, mentions[i].text)
                sentences.setdefault(seen.sentence(at), []).append(i)
        for same in sentences.values():
            if len({keys[i] for i in same}) > 1:
                found.update(same)
    return found


def _close(mentions: list[Mention], members: list[int]) -> list[tuple[int, int]]:
    """The pairs of consecutive *members* less than a sentence apart and written
    differently."""
    pairs = []
    for a, b in pairwise(members):
        first, second = mentions[a], mentions[b]
        if (
            second.start - first.end < SENTENCE
            and first.text != second.text
            and first.text.lower() != second.text.lower()
        ):
            pairs.append((a, b))
    return pairs


def _form_key(index: Index, written: str) -> str:
    """The form a mention is written in: its last word (the surname of a full name), as
    the table's word. A full name written with another given name is the same form."""
    word = fold_word(written).rsplit(" ", 1)[-1]
    found = table_word(index, word)
    return found[0] if found else word
