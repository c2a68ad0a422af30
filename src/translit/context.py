"""Do no harm: the checks over a text's mentions that decide which rewrites to make.

The matcher finds every mention of a known name; before any is rewritten, each
that would change is checked against its surroundings, in this order (the
first that applies leaves the mention as written, with the reason in
``Mention.left``):

1. **Case forms** that folding hides: a final letter that marks a case
   (Polish and Lithuanian ogonek: Łukaszenką, Lukašenką), a form that is an
   inflected form in the paragraph's language (Czech genitive *Lukašenka* of
   *Lukašenko*), and a bare genitive ``-s`` that would glue onto a canonical
   ending in ``s`` (Weißrusslands would become "Belaruss").
2. **Words of the text's own language**: an adjective, demonym or language
   name (biélorusse, białoruski) is rewritten only in text written in the
   language of the output style.
3. **Historical and fixed names**: "University of Lwów", "Rus' de Kiev",
   "Krivoy Rog, Ukrainian SSR" (patterns and former states in the language files).
4. **Another person**: a patronymic that is not this person's ("Viktor
   Aleksandrovich Lukashenko"), and a bare surname whose nearest reference in
   the paragraph is another person of that name ("Viktor's turn came ...
   Lukashenko was placed under a travel ban").
5. **Part of another proper name**: a capitalized word right before it that is
   not a title, a month or a people's name ("Raportu Białoruś", "Telegram
   Zelenskiy", "Western Belorussia"), unless the language capitalizes every noun.
6. **The text discusses the name**: a gloss ("Russian: Одесса", "Lukashenka
   [Belarusian]"), a cue word before it ("also spelt as", "known in Yiddish
   as"), or two different forms of the same entity in one sentence ("Kharkov –
   Kharkiv", "Kyiv(Kiev)"): then every form of it in that sentence stays.

Every rule reads data of :mod:`translit.context_rules`; the language comes from
the caller or from :mod:`translit.language`, told once per paragraph and only
where a rule needs it. A text where nothing would change skips all of this.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from .casing import is_cyrillic
from .context_rules import ContextRules, Words
from .fold import fold_word
from .general import scan_general
from .index import Index, lookup
from .language import detect
from .mention import Mention

__all__ = ["review", "style_language"]

_TOKEN = re.compile(r"[^\W_]+")
_WINDOW = 48
"""Characters looked at on each side of a mention."""
_OPENING_QUOTES = "\"'“‘«„‚‹"
_CLOSING_QUOTES = "\"'”’»“‹›"
_APOSTROPHES = "'’ʹʼ`"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+|\n")
_LABEL = re.compile(r"([^\W\d_]+)\s?[:.](?:\s|$)")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_MEMO = 1 << 16
"""At most this many written forms are remembered per table."""
_SENTENCE = 400
"""The longest sentence, in characters, that two spellings are compared in."""
_LOOK_BACK = 2000
"""How far back in its paragraph a surname looks for the person it names."""
_BREAKS = frozenset(".;!?()[]{}\n")
_INITIAL_BEFORE = ".!?:;\"“”«»„(‘’'–—-|•*#>[/"


class _Text:
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
        self._before: dict[int, list[tuple[str, str, int, str]]] = {}
        self._after: dict[int, list[tuple[str, str, int, str]]] = {}
        self._references: list[tuple[int, tuple[int, str]]] | None = None
        self._sentences: dict[int, int] = {}
        self._whole: list[str | None] = []

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The span of the paragraph around *pos* (blank lines separate paragraphs)."""
        if self._paragraphs is None:
            self._paragraphs = [0] + [m.end() for m in _BLANK_LINE.finditer(self.text)]
        at = bisect_right(self._paragraphs, pos) - 1
        end = self._paragraphs[at + 1] if at + 1 < len(self._paragraphs) else len(self.text)
        return self._paragraphs[at], end

    def sentence(self, pos: int) -> int:
        """Where the sentence around *pos* begins (see :func:`_sentence_start`)."""
        found = self._sentences.get(pos)
        if found is None:
            found = self._sentences[pos] = _sentence_start(self.text, pos)
        return found

    def in_mention(self, pos: int) -> bool:
        """Whether *pos* is inside one of the mentions."""
        at = bisect_right(self.spans, (pos, len(self.text))) - 1
        return at >= 0 and self.spans[at][0] <= pos < self.spans[at][1]

    def told(self, pos: int) -> str | None:
        """The language at *pos* if it is known without telling it anew: the caller's,
        or the paragraph's when a check there needed it."""
        if self.given_lang is not None:
            return self.given_lang
        return self._langs.get(self.paragraph(pos)[0]) or (self._whole[0] if self._whole else None)

    def lang(self, pos: int, fallback: bool = True) -> str | None:
        """The language at *pos*: the caller's, or the paragraph's; where the paragraph
        does not tell, the whole text's, if *fallback*."""
        if self.given_lang is not None:
            return self.given_lang
        start, end = self.paragraph(pos)
        if start not in self._langs:
            self._langs[start] = detect(self.text[start:end])
        found = self._langs[start]
        if found is None and fallback:
            if not self._whole:
                self._whole.append(detect(self.text))
            found = self._whole[0]
        return found

    def before(self, pos: int) -> list[tuple[str, str, int, str]]:
        """The words before *pos*, nearest first: (folded word, what follows it up to
        the next word or *pos*, where it starts, the word as written)."""
        found = self._before.get(pos)
        if found is None:
            found = self._before[pos] = _words_before(self.text, pos)
        return found

    def after(self, pos: int) -> list[tuple[str, str, int, str]]:
        """The words after *pos*: (folded word, what precedes it, where it ends, written)."""
        found = self._after.get(pos)
        if found is None:
            window = self.text[pos : pos + _WINDOW]
            found = self._after[pos] = []
            last = 0
            for match in _TOKEN.finditer(window):
                word = match.group()
                found.append((_key(word), window[last : match.start()], pos + match.end(), word))
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

    def last_two(self, pos: int) -> tuple[_Word, _Word]:
        """The last two words before *pos*, nearest first: (folded, what follows it, as
        written, where it starts); ("", "", "", -1) where there is none. Read
        backwards, on the reversed text: one anchored match."""
        floor = max(0, pos - 48)
        match = _LAST_TWO.match(self.text[floor:pos][::-1])
        if match is None:
            return _NO_WORD, _NO_WORD
        end = pos - len(match[1])
        written = match[2][::-1]
        last = (_key(written), match[1][::-1], written, end - len(written))
        if match[4] is None:
            return last, _NO_WORD
        written2 = match[4][::-1]
        begin2 = last[3] - len(match[3]) - len(written2)
        return last, (_key(written2), match[3][::-1], written2, begin2)

    def next_word(self, pos: int) -> tuple[str, str]:
        """The word after *pos* (folded) and what precedes it; ("", "") if none."""
        match = _NEXT.match(self.text, pos, pos + 48)
        return (_key(match[2]), match[1]) if match else ("", "")

    def references(self, mentions: list[Mention], i: int) -> tuple[int, tuple[int, str]]:
        """Before mention *i*, where its entity was last named in full, and where another
        person of its name was (with that name as written); -1 where never."""
        if self._references is None:
            self._references = []
            full: dict[str, int] = {}
            other: dict[str, tuple[int, str]] = {}
            for p in mentions:
                self._references.append((full.get(p.entity, -1), other.get(p.entity, (-1, ""))))
                if p.part == "full" and not p.left:
                    full[p.entity] = p.start
                elif p.left.startswith("another person ("):
                    other[p.entity] = (p.start, p.left[len("another person (") : -1])
        return self._references[i]


_Word = tuple[str, str, str, int]
_NONE: frozenset[str] = frozenset()
_NO_WORD: _Word = ("", "", "", -1)
_LAST_TWO = re.compile(r"(\W*)([^\W_]+)(?:(\W*)([^\W_]+))?")
_NEXT = re.compile(r"(\W*)([^\W_]+)")


def _key(word: str) -> str:
    """A word of the text as the data writes it: folded (lower case, for ASCII)."""
    return word.lower() if word.isascii() else fold_word(word)


def _words_before(text: str, pos: int) -> list[tuple[str, str, int, str]]:
    floor = max(0, pos - _WINDOW)
    window = text[floor:pos]
    words = []
    follow = len(window)
    for match in reversed(list(_TOKEN.finditer(window))):
        word = match.group()
        words.append((_key(word), window[match.end() : follow], floor + match.start(), word))
        follow = match.start()
    return words


def style_language(style: str) -> str:
    """The language a style writes: its id, or the part before a hyphen; ``en`` for a
    house style named otherwise."""
    head = style.split("-")[0]
    return head if len(head) == 2 and head.isalpha() else "en"


def review(
    index: Index,
    text: str,
    mentions: Sequence[Mention],
    style: str,
    lang: str | None,
    replace_inflected: bool,
    explain: bool,
) -> list[Mention]:
    """*mentions* of *text* with each that should not change left as written, and why.

    Unless *explain*, only the mentions that change are checked, and only when
    one does; with it, every mention also gets the reason a non-canonical form
    stays (inflected, another script) and the language the checks used there
    (the caller's, or its paragraph's where a check needed to tell it; else None).
    """
    changing = [i for i, m in enumerate(mentions) if m.changed]
    if not changing and not explain:
        return list(mentions)
    rules = index.context
    seen = _Text(index, rules, text, lang)
    seen.style = style
    seen.starts = {m.start for m in mentions}
    seen.spans = [(m.start, m.end) for m in mentions]
    result = list(mentions)
    discussed = _discussed_pairs(seen, result) if len(result) > 1 else set()
    for i in changing:
        m = result[i]
        left, inflected = _left(seen, result, i, style, replace_inflected, i in discussed)
        if left:
            result[i] = m._replace(replacement=m.text, left=left, inflected=inflected)
    if explain:
        for i, m in enumerate(result):
            left = m.left or _unchanged_reason(index, m, style)
            result[i] = m._replace(left=left, lang=seen.told(m.start))
    return result


def _unchanged_reason(index: Index, m: Mention, style: str) -> str:
    if m.changed:
        return ""
    if m.inflected:
        return "inflected form"
    canonical = index.entities[m.entity].canonical(m.part, style)
    if m.text == canonical or fold_word(m.text) == fold_word(canonical):
        return ""
    if is_cyrillic(m.text) != is_cyrillic(canonical):
        return "written in another script"
    return ""


def _left(
    seen: _Text,
    mentions: list[Mention],
    i: int,
    style: str,
    replace_inflected: bool,
    discussed: bool,
) -> tuple[str, bool]:
    """Why mention *i* stays as written ("" when it changes), and whether it is inflected."""
    m = mentions[i]
    rules = seen.rules
    info = seen.index.entities[m.entity]
    text = seen.text
    # the words right around it decide which checks can apply at all: most names
    # stand between ordinary words, and skip the rest after a few lookups
    (word1, sep1, written1, begin1), (word2, _, _, _) = seen.last_two(m.start)
    nxt = seen.next_word(m.end)
    # 1. case forms
    if not m.inflected:
        last = m.text[-1].lower()
        if last in rules.case_marks:
            return ("" if replace_inflected else f"inflected form (-{last})"), True
        after = text[m.end : m.end + 2]
        if after[:1] == "s" and not after[1:2].isalnum() and _broken_genitive(seen, m):
            return f"a genitive -s would make {m.replacement}s", False
        if info.type == "person" and _after_inflected_given_name(
            seen, m, word1, sep1, written1[:1].isupper()
        ):
            return ("" if replace_inflected else "inflected form (after its given name)"), True
        langs = _case_form_in(seen, m) if info.type in ("person", "place") else _NONE
        if langs and m.part != "full":
            lang = seen.lang(m.start)
            if lang in langs or lang is None:  # unsure: any language's case
                name = rules.names.get(lang or min(langs), "")
                return ("" if replace_inflected else f"inflected form ({name})"), True
    # 2. a word of the text's own language
    if info.type == "adjective":
        lang = seen.lang(m.start, fallback=False)  # unsure: the word's own language decides
        wanted = style_language(style)
        own = _form_languages(seen, m)
        if lang != wanted and not (lang is None and wanted in own):
            lang = lang or min(own, default="")
            return f"{rules.names.get(lang, 'another language')} adjective", False
    # 3. historical and fixed names
    found = _historical(seen, mentions, i, (word2, word1), nxt)
    if found:
        return f"historical name ({found})", False
    # 4. another person
    if info.type == "person" and m.part != "full":
        found = _other_person(seen, mentions, i, word1, sep1)
        if found:
            return f"another person ({found})", False
    # 5. part of another proper name
    if (
        written1[:1].isupper()
        and sep1 in (" ", "\u00a0")
        and not (i and mentions[i - 1].end >= begin1 + len(written1))  # "Belarusian Kyiv"
    ):
        found = _inside_proper_name(seen, m, begin1, written1)
        if found:
            return f"part of another name ({found})", False
    if info.type == "adjective" and nxt[1] == " ":
        found = _adjective_in_name(seen, m)
        if found:
            return f"part of another name ({found})", False
    # 6. the text discusses the name
    if (
        discussed
        or (
            (_labelled(seen, m) or nxt[1].strip()[:1] in ("(", "["))
            and _gloss(seen, m)
        )
        or (
            (word1 in rules.cues or word1 in rules.quoted_cues
             or word2 in rules.cues or word2 in rules.quoted_cues)
            and _cued(seen, m)
        )
    ):  # fmt: skip
        return "the text discusses the spelling", False
    return "", False


# -------------------------------------------------------------------- 1. case forms


def _after_inflected_given_name(
    seen: _Text, m: Mention, word1: str, sep1: str, capitalized: bool
) -> bool:
    """Whether the person's given name, right before the surname or first in the
    mention, is one of their given names in a case other than the nominative: then
    so is the surname, although it reads as another language's nominative (Czech
    "Alexandra Lukašenka", genitive)."""
    if m.part == "full":
        word = fold_word(m.text).split(" ", 1)[0]
    elif capitalized and _plain(sep1):
        word = word1
    else:
        return False
    if word in _own_given_names(seen.index, m.entity):
        return False
    found = lookup(seen.index.forms, word, True)
    return found is not None and found[1] and found[0] in _own_given_names(seen.index, m.entity)


def _case_form_in(seen: _Text, m: Mention) -> frozenset[str]:
    """The languages in which *m*, not a form the table cites for the language, is by
    its case endings a case of a form it does cite, of the same entity: Czech
    *Lukašenka* is the genitive of the Czech press's *Lukašenko*, though Łacinka
    writes it as a nominative."""
    index = seen.index
    memo: dict[tuple[str, str], frozenset[str]] = index.memo.setdefault("case_forms", {})
    found = memo.get((m.text, m.entity))
    if found is None:
        word = fold_word(m.text)
        langs = set()
        for lang, rules in seen.rules.endings.items():
            if lang in index.listed_langs.get(word, ()):
                continue
            for ending, cases, after in rules:
                for case in cases:
                    if case and case != ending and word.endswith(case):
                        stem = word[: len(word) - len(case)]
                        base = stem + ending
                        if (
                            stem
                            and (not after or stem[-1] in after)
                            and lang in index.listed_langs.get(base, ())
                            and any(t.entity == m.entity for t in index.phrases.get((base,), ()))
                        ):
                            langs.add(lang)
        found = frozenset(langs)
        if len(memo) < _MEMO:
            memo[m.text, m.entity] = found
    return found


def _broken_genitive(seen: _Text, m: Mention) -> bool:
    """Whether the canonical form with the bare genitive -s that follows *m* would read
    wrong: a canonical form ending in a sibilant (Belarus + s), or one that with the
    -s is another form the matcher would rewrite (Lavrov + s is Latvian Lavrovs):
    normalizing again would change it once more."""
    if m.replacement[-1:] in "sSxXzZß":
        return True
    glued = m.replacement + "s"
    return any(found.changed for found in scan_general(seen.index, glued, seen.style))


def _form_languages(seen: _Text, m: Mention) -> frozenset[str]:
    word = fold_word(m.text).rsplit(" ", 1)[-1]
    found = lookup(seen.index.forms, word, True)
    return seen.index.word_langs.get(found[0] if found else word, frozenset())


# -------------------------------------------------------------------- 3. historical names


def _plain(sep: str) -> bool:
    """What may stand between the words of a fixed expression: spaces, an apostrophe."""
    return bool(sep) and not sep.strip(" \t\u00a0" + _APOSTROPHES)


def _matches_before(words: list[tuple[str, str, int, str]], skip: int, pattern: Words) -> int:
    """Where *pattern* starts when it ends right before the mention (after *skip*
    words), its words joined plainly; -1 when it does not."""
    n = len(pattern)
    if len(words) < skip + n:
        return -1
    for k in range(n):
        word, sep, _, _ = words[skip + k]
        if word != pattern[n - 1 - k] or not _plain(sep):
            return -1
    return words[skip + n - 1][2]


def _historical(
    seen: _Text, mentions: list[Mention], i: int, last: tuple[str, str], nxt: tuple[str, str]
) -> str:
    """The historical or fixed expression mention *i* is part of, as written, or "".
    *last* and *nxt*: the two words right before it and the word after it, which say
    whether one can be; a conjunction or a comma counts only between two names."""
    m = mentions[i]
    rules = seen.rules
    text = seen.text
    patterns = rules.historical_before
    listed_before = i > 0 and m.start - mentions[i - 1].end < 12
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
    listed_after = i + 1 < len(mentions) and mentions[i + 1].start - m.end < 12
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
            if word != pattern[k] or not (_plain(sep) or sep.strip() in joiners):
                break
        else:
            return after[skip + n - 1][2]
    return -1


# -------------------------------------------------------------------- 4. another person


def _other_person(seen: _Text, mentions: list[Mention], i: int, word1: str, sep1: str) -> str:
    m = mentions[i]
    index = seen.index
    # a patronymic right before the surname: whose is it?
    if word1.endswith(seen.rules.patronymic_endings) and _plain(sep1):
        before = seen.before(m.start)
        given = before[1] if len(before) > 1 and _plain(before[1][1]) else None
        own = _own_given_names(index, m.entity)
        if given is None or _given_key(index, given[0]) not in own:
            begin = given[2] if given else before[0][2]
            return seen.text[begin : m.end]
    # the nearest reference before it in the paragraph: this person, or another?
    family = _family_names(index, m.entity)
    if not family:
        return ""
    start = max(seen.paragraph(m.start)[0], m.start - _LOOK_BACK)
    this, (other, name) = seen.references(mentions, i)
    this = this if this >= start else -1
    other = other if other >= start else -1
    begin, end = seen.family_at(family, max(start, other + 1), m.start)
    if begin >= 0:
        other, name = begin, seen.text[begin:end]
    return name if other > this else ""


def _given_key(index: Index, word: str) -> str:
    found = lookup(index.forms, word, True)
    return found[0] if found else word


def _own_given_names(index: Index, entity: str) -> frozenset[str]:
    """The given names (folded, as the table writes them) of a person's full names."""
    memo: dict[str, frozenset[str]] = index.memo.setdefault("own_given", {})
    if not memo:
        names: dict[str, set[str]] = {}
        for phrase, targets in index.phrases.items():
            for target in targets:
                if target.part == "full" and len(phrase) > 1:
                    names.setdefault(target.entity, set()).update(phrase[:-1])
        memo.update((eid, frozenset(found)) for eid, found in names.items())
        memo.setdefault("", frozenset())
    return memo.get(entity, _NONE)


def _family_names(index: Index, entity: str) -> frozenset[str]:
    """The given names of other people who share the entity's surname, from the
    table's fixed expressions ("Viktor Lukashenko": viktor)."""
    memo = index.memo.setdefault("family", {})
    if entity not in memo:
        info = index.entities[entity]
        names: set[str] = set()
        for spots in info.not_when.values():
            for phrase, offset in spots:
                words = phrase.split()
                if len(words) == 2 and offset == 0:
                    found = lookup(index.forms, words[1], True)
                    targets = index.phrases.get((found[0],), ()) if found else ()
                    if any(t.entity == entity and t.part == "surname" for t in targets):
                        names.add(words[0])
        memo[entity] = frozenset(names)
    found_names: frozenset[str] = memo[entity]
    return found_names


# -------------------------------------------------------------------- 5. proper names


def _inside_proper_name(seen: _Text, m: Mention, begin: int, written: str) -> str:
    """The proper name *m* is the end of, when the capitalized word *written* (at
    *begin*, right before it) is neither a title nor a people's or a given name, nor
    the first word of a sentence; else ""."""
    if len(written) < 2 or not written.isalpha() or not written[1:].islower():
        return ""
    rules = seen.rules
    word = _key(written)
    given = seen.index.given_names
    if word in rules.titles or word in rules.languages or _given_key(seen.index, word) in given:
        return ""  # a given name in any case: "Alexandra Lukašenka"
    head = seen.text[max(0, begin - 3) : begin].rstrip(" \t\u00a0")
    if not head or head[-1] in _INITIAL_BEFORE or head[-1] == "\n":
        return ""  # the first word of a sentence, a heading or a list item
    lang = seen.lang(m.start)
    if lang in rules.capitalizing:
        return ""
    if (lang is None or lang in rules.title_case) and _title_case_line(seen, m.start):
        return ""
    return seen.text[begin : m.end]


def _adjective_in_name(seen: _Text, m: Mention) -> str:
    """The proper name an adjective begins, when a capitalized word follows it that
    is not the start of another mention ("the 1st Belorussian Front"), in a language
    that does not capitalize every noun, outside a Title Case line; else ""."""
    match = _NEXT.match(seen.text, m.end, m.end + 48)
    if match is None or not match[2][:1].isupper() or not match[2][1:].islower():
        return ""
    if m.end + len(match[1]) in seen.starts:
        return ""
    lang = seen.lang(m.start)
    if lang in seen.rules.capitalizing or _title_case_line(seen, m.start):
        return ""
    return seen.text[m.start : match.end()]


def _title_case_line(seen: _Text, pos: int) -> bool:
    """Whether the line around *pos* capitalizes most of its words, as English
    headlines do. Names the matcher found do not count: rewriting them changes their
    case, and normalizing twice must change nothing more."""
    text = seen.text
    floor = max(0, pos - 200)
    start = text.rfind("\n", floor, pos) + 1 or floor
    end = text.find("\n", pos, pos + 200)
    capitals = words = 0
    for match in _TOKEN.finditer(text, start, end if end >= 0 else pos + 200):
        word = match.group()
        if (
            match.start() > start  # the first word is capitalized anyway
            and len(word) > 3
            and word.isalpha()
            and not seen.in_mention(match.start())
        ):
            words += 1
            capitals += word[0].isupper()
    return words >= 3 and capitals >= 0.75 * words


# -------------------------------------------------------------------- 6. discussion


def _labelled(seen: _Text, m: Mention) -> bool:
    """Whether a language's name and a colon (or an abbreviation's full stop) stand
    in the few words before *m*: the cheap test before :func:`_gloss`."""
    window = seen.text[max(0, m.start - _WINDOW) : m.start]
    if ":" not in window and "." not in window:
        return False
    languages = seen.rules.languages
    return any(_key(word) in languages for word in _LABEL.findall(window))


def _gloss(seen: _Text, m: Mention) -> bool:
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
            return not head or (cut >= 0 and len(_TOKEN.findall(head[cut + 1 :])) <= 1)
        if mark and mark[:1] not in _APOSTROPHES:
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


def _cued(seen: _Text, m: Mention) -> bool:
    """A cue word before the name, at most one word between ("also spelt as Lviv"); a weak
    cue only when the name is in quotes ("the old form “Kiev”")."""
    before = seen.before(m.start)[:6]
    rules = seen.rules
    text = seen.text
    quoted = m.start > 0 and text[m.start - 1] in _OPENING_QUOTES and (
        text[m.end : m.end + 1] in _CLOSING_QUOTES
        or (text[m.end : m.end + 1] in ".," and text[m.end + 1 : m.end + 2] in _CLOSING_QUOTES)
    )
    for k in range(min(2, len(before))):
        if set(before[k][1]) & (_BREAKS | {","}):
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
        if pos > k and set(before[pos][1]) & _BREAKS:
            return False
        pos += 1
        j -= 1
    return True


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence around *pos* begins: after ``.`` ``!`` ``?`` and space before
    a capital, a digit or a quote (not after an initial such as "A."), and after
    every line break; at most :data:`_SENTENCE` characters back."""
    floor = max(0, pos - _SENTENCE)
    start = floor
    for match in _SENTENCE_END.finditer(text, floor, pos):
        end = match.end()
        if match.group() != "\n":
            nxt = text[end : end + 1]
            if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENING_QUOTES):
                continue
            word = text[max(0, match.start() - 3) : match.start()].split()[-1:]
            if word and len(word[0].strip("(\"'")) == 1 and word[0][-1:].isupper():
                continue  # an initial
        start = end
    return start


def _referential(text: str, m: Mention) -> bool:
    """A use, not a citation: possessive, genitive, inflected, in a compound, or before
    another capitalized word ("Odessa Oblast", "Lvov’s fame")."""
    if m.inflected:
        return True
    after = text[m.end : m.end + 3]
    if after[:1] in ("'", "’") and after[1:2] == "s":
        return True
    if after[:1] == "s" or after[:1] == "-":
        return True
    return after[:1] == " " and after[1:2].isupper()


def _discussed_pairs(seen: _Text, mentions: list[Mention]) -> set[int]:
    """The mentions of an entity written in two different forms in one sentence, with
    every other plain mention of it in that sentence ("Kharkov – Kharkiv")."""
    index = seen.index
    groups: dict[tuple[str, bool], list[int]] = {}
    for i, m in enumerate(mentions):
        if m.left or _referential(seen.text, m):
            continue
        groups.setdefault((m.entity, m.part == "full"), []).append(i)
    found: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        if len({mentions[i].text.lower() for i in members}) < 2:
            continue
        keys = {i: _form_key(index, mentions[i].text) for i in members}
        if len(set(keys.values())) < 2:
            continue
        # only a mention near one in another form can share a sentence with it
        near = sorted(
            mentions[i].start
            for a, b in pairwise(members)
            if keys[a] != keys[b] and mentions[b].start - mentions[a].end < _SENTENCE
            for i in (a, b)
        )
        sentences: dict[int, list[int]] = {}
        for i in members:
            at = mentions[i].start
            k = bisect_right(near, at)
            if (k and at - near[k - 1] < _SENTENCE) or (k < len(near) and near[k] - at < _SENTENCE):
                sentences.setdefault(seen.sentence(at), []).append(i)
        for same in sentences.values():
            if len({keys[i] for i in same}) > 1:
                found.update(same)
    return found


def _form_key(index: Index, written: str) -> str:
    """The form a mention is written in: its last word (the surname of a full name), as
    the table's word. A full name written with another given name is the same form."""
    word = fold_word(written).rsplit(" ", 1)[-1]
    found = lookup(index.forms, word, True)
    return found[0] if found else word
