"""Check 3: historical and fixed names ("University of Lwów", "Rus' de Kiev",
"Krivoy Rog, Ukrainian SSR"), from the patterns and former states of the
language files."""

from __future__ import annotations

from typing import Final

from translit.context.reader import Surroundings, plain
from translit.mention import Mention
from translit.tables.context_rules import Words

__all__ = ["historical", "may_be_historical"]


def _matches_before(words: list[tuple[str, str, int, str]], skip: int, pattern: Words) -> int:
    """Where *pattern* starts when it ends right before the mention (after *skip*
    words), its words joined plainly; -1 when it does not."""
    n = len(pattern)
    if len(words) < skip + n:
        return -1
    for k in range(n):
        word, sep, _, _ = words[skip + k]
        if word != pattern[n - 1 - k] or not plain(sep):
            return -1
    return words[skip + n - 1][2]


def may_be_historical(
    seen: Surroundings, mentions: list[Mention], i: int, last: tuple[str, str],
    nxt: tuple[str, str],
) -> bool:  # fmt: skip
    """Whether mention *i* can be part of a historical or fixed name: the cheap test
    before :func:`historical`. A pattern ends at the words before it (*last*: the
    two words, the nearest last) or begins with the word after it (*nxt*: that word
    and what precedes it), a former state follows it, or a conjunction or a comma
    joins it to a name close by."""
    rules = seen.rules
    word1 = last[1]
    word, sep = nxt
    m = mentions[i]
    return (
        last in rules.historical_before
        or (word1,) in rules.historical_before
        or word in rules.historical_after
        or word in rules.former_states
        or (word1 in rules.conjunctions and i > 0 and m.start - mentions[i - 1].end < _CLOSE)
        or (
            (word in rules.conjunctions or "," in sep)
            and i + 1 < len(mentions)
            and mentions[i + 1].start - m.end < _CLOSE
        )
    )


_CLOSE: Final = 12
"""Names at most this many characters apart may be a list ("Kiev and Lwów")."""


def historical(
    seen: Surroundings, mentions: list[Mention], i: int, last: tuple[str, str], nxt: tuple[str, str]
) -> str:
    """The historical or fixed expression mention *i* is part of, as written, or "".
    *last* and *nxt*: the two words right before it and the word after it, which say
    whether one can be; a conjunction or a comma counts only between two names."""
    m = mentions[i]
    rules = seen.rules
    text = seen.text
    patterns = rules.historical_before
    listed_before = i > 0 and m.start - mentions[i - 1].end < _CLOSE
    listed = last[1] in rules.conjunctions and listed_before
    if last in patterns or last[1:] in patterns or listed:
        before = seen.before(m.start)
        # "University of Kiev and Lwów": names joined by a conjunction share the pattern
        skip = 0
        while (
            len(before) > skip + 1
            and before[skip][0] in rules.conjunctions
            and before[skip + 1][2] in seen.starts
        ):
            skip += 2
        keys = [tuple(w for w, _, _, _ in before[skip : skip + 2][::-1])]
        keys.append(keys[0][1:])
        for key in keys:
            for pattern in patterns.get(key, ()):
                begin = _matches_before(before, skip, pattern)
                if begin >= 0:
                    return text[begin : m.end]
    listed_after = i + 1 < len(mentions) and mentions[i + 1].start - m.end < _CLOSE
    word, sep = nxt
    joined = listed_after and (word in rules.conjunctions or sep.strip() == ",")
    if word in rules.historical_after or word in rules.former_states or joined:
        after = seen.after(m.end)
        skip = 0
        while len(after) > skip + 1:
            conj = after[skip][0] in rules.conjunctions
            name = after[skip + conj]
            if not (conj or after[skip][1].strip() == ","):
                break
            if name[2] - len(name[3]) not in seen.starts:
                break
            skip += 1 + conj
        end = _matches_after(after, skip, rules.historical_after)
        if end >= 0:
            return text[m.start : end]
        # a former state right after the place: "Krivoy Rog, Ukrainian SSR"
        end = _matches_after(after, 0, rules.former_states, (",", "(", "–", "—"))
        if end >= 0:
            return text[m.start : end]
    return ""


def _matches_after(
    after: list[tuple[str, str, int, str]],
    skip: int,
    patterns: dict[str, list[Words]],
    first_seps: tuple[str, ...] = (),
) -> int:
    """Where the first of *patterns* that follows the mention (after *skip* words) ends;
    -1 when none does. The first word may also follow one of *first_seps*."""
    if len(after) <= skip or after[skip][0] not in patterns:
        return -1
    for pattern in patterns[after[skip][0]]:
        n = len(pattern)
        if len(after) < skip + n:
            continue
        for k in range(n):
            word, sep, _, _ = after[skip + k]
            joiners = first_seps if k == 0 else ("-", "–")
            if word != pattern[k] or not (plain(sep) or sep.strip() in joiners):
                break
        else:
            return after[skip + n - 1][2]
    return -1
