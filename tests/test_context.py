"""The context checks' reader and the language of a paragraph. (The checks themselves
are tested by tests/cases/context.yaml and the real paragraphs.)"""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import translit
from translit.context.reader import Surroundings, last_two_matched, next_word_matched
from translit.text.language import detect, words

_INDEX = translit.Normalizer()._index
_WORDS = st.sampled_from(["Kiev", "of", "University", "Lwów", "ü", "1939", "x" * 45, "", "2x",
                          "e\u0301", "²", "y" * 30, "z" * 38])  # (two long words: past WINDOW)
_GAPS = st.sampled_from(
    [" ", " ", " ", "  ", ", ", ". ", " (", ") ", "'", "’", "-", "\n", ": ", "“", "; ", "? ",
     ",", ".", ". “", "_", "² ", " “", " '", ' "', " «", "  “"]
)
_TEXTS = st.lists(st.tuples(_WORDS, _GAPS), max_size=12).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@given(_TEXTS)
@example("y" * 30 + " " + "z" * 38 + " Kiev")  # the second word back begins before WINDOW
def test_words_around_fast_paths_agree(text: str) -> None:
    seen = Surroundings(_INDEX, _INDEX.context, text, None)
    for pos in range(len(text) + 1):
        assert seen.last_two(pos) == last_two_matched(text, pos), pos
        assert seen.next_word(pos) == next_word_matched(text, pos), pos


_LANGUAGE_CASES = [
    ("Swetlana Tichanowskaja rief die Menschen in Belarus zur Teilnahme auf.", "de"),
    ("La marcha de Tijanóvskaya a Lituania sorprendió a todos los que la conocían.", "es"),
    ("Na ulice Mińska i innych miast wyszły tysiące ludzi, którzy chcieli zmian.", "pl"),
    ("The opposition leader met reporters in Vilnius on Monday.", "en"),
    ("Kyiv", None),  # one name tells no language
    ("Лукашенко", None),
]


@given(_TEXTS, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=20))
@example("Viktor and Dmitry, Viktor", [(0, 8), (2, 20), (1, 30), (26, 30), (0, 30)])
@example("Kiev Kiev", [(5, 6)])
@example("Kiev", [(0, 1)])
def test_any_occurs_is_where_one_of_the_words_begins(
    text: str, stretches: list[tuple[int, int]]
) -> None:
    """One of the words occurs between two places when one of its occurrences begins
    there. any_occurs remembers where they begin in the stretch searched so far and
    extends it: whatever the order of the questions, the answers stay these."""
    seen = Surroundings(_INDEX, _INDEX.context, text, None)
    words = ("Kiev", "Lwów", "of", "x", "Viktor")
    for start, end in stretches + sorted(stretches):
        expected = any(
            text.startswith(w, at) for w in words for at in range(start, min(end, len(text)))
        )
        assert seen.any_occurs(words, start, end) == expected


@pytest.mark.parametrize(("text", "lang"), _LANGUAGE_CASES)
def test_language_of_a_paragraph(text: str, lang: str | None) -> None:
    assert detect(text) == lang


_TOKEN_PARTS = st.sampled_from(["Kyiv", "don", "’", "'", "«", "»", "-", ".", ",", "2", "²", "½",
                                 "_", "\u0301", "\u00ad", "ё", "ß", "日本", " ", "\t", "\n",
                                 "\u00a0",
                                 "\u2028", "(", ")", "…", "—", "é", "ǅ", "\u0663"])  # fmt: skip


@given(st.one_of(st.lists(_TOKEN_PARTS, max_size=30).map("".join), st.text(max_size=40)))
def test_words_are_the_patterns_runs_of_letters(text: str) -> None:
    """``words`` (what a language is told from) splits as the pattern it replaces does,
    for letters, digits of other kinds, marks, underscores and Unicode spaces."""
    assert words(text) == re.findall(r"[^\W\d_]+", text)


@given(st.one_of(st.lists(_TOKEN_PARTS, max_size=30).map("".join), st.text(max_size=40)),
       st.frozensets(st.sampled_from(["kyiv", "Kyiv", "don", "t", "ß", "é", "ё", "日本"])),
       )  # fmt: skip
def test_frequent_words_are_the_patterns_runs_in_the_list(text: str, only: frozenset[str]) -> None:
    """With a list of words (what the language is counted from), ``counted_runs`` counts
    the pattern's runs that are in it, whole tokens or not, in the order they first
    occur."""
    from translit.text.language import counted_runs

    pattern = re.compile(r"[^\W\d_]+")
    expected = Counter(w for w in pattern.findall(text) if w in only)
    assert list(counted_runs(text, only).items()) == list(expected.items())


@given(st.one_of(st.lists(_TOKEN_PARTS, max_size=40).map("".join), st.text(max_size=60)),
       st.integers(0, 80), st.integers(0, 80))  # fmt: skip
def test_long_words_are_the_patterns(text: str, start: int, end: int) -> None:
    """``long_words`` (what tells a Title Case line) finds what the pattern it replaces
    finds, also from a start or to an end inside a word."""
    from translit.context.names import _LONG_WORD, long_words

    start, end = min(start, len(text)), min(end, len(text))
    assert long_words(text, start, end) == _LONG_WORD.findall(text, start, end)


@given(st.lists(st.sampled_from(["\n", "\n", " ", "\t", "\r", "\f", "\v", "a", "Kyiv. ",
                                 "x" * 300]), max_size=40).map("".join))  # fmt: skip
def test_paragraphs_begin_after_blank_lines(text: str) -> None:
    """Where paragraphs begin, found line by line in text of long lines, is where the
    pattern of a blank line ends."""
    from translit.context.reader import _BLANK_LINE, paragraph_starts

    assert paragraph_starts(text) == [m.end() for m in _BLANK_LINE.finditer(text)]


@given(st.lists(st.sampled_from(["\n", "\n", "\n\n", " ", "\t", "\r", "\f", "\v", "a", "Kyiv. ",
                                 "\u2028", "x" * 70, "\n" * 70, " " * 70]),
                max_size=60).map("".join))  # fmt: skip
def test_a_paragraph_read_from_a_position_is_the_one_all_paragraphs_give(text: str) -> None:
    """paragraph_around, which reads a few lines each way from a position, bounds its
    paragraph as the starts of every paragraph do (or says it read too far)."""
    from bisect import bisect_right

    from translit.context.reader import paragraph_around, paragraph_starts

    starts = [0, *paragraph_starts(text)]
    told = 0
    for pos in range(len(text) + 1):
        at = bisect_right(starts, pos) - 1
        expected = (starts[at], starts[at + 1] if at + 1 < len(starts) else len(text))
        found = paragraph_around(text, pos)
        if found is not None:
            told += 1
            assert found == expected, pos
    assert told or len(text) > 64


def test_no_space_is_a_letter() -> None:
    """``words`` splits at whitespace first: that is only the pattern's split if no
    character that ``str.split`` splits at is part of a run of letters."""
    letter = re.compile(r"[^\W\d_]")
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert spaces and not [c for c in spaces if letter.match(c) or c.isalnum()]


@given(st.sampled_from([t for t, _ in _LANGUAGE_CASES]), st.integers(0, 200),
       st.sampled_from(["\u00ad", "\u200b", "\u200e", "\u2060"]))  # fmt: skip
def test_invisible_characters_do_not_change_the_language(text: str, at: int, mark: str) -> None:
    """A soft hyphen or zero-width character inside a word (which the matcher's fold
    drops) does not split it into words of another language."""
    at %= len(text) + 1
    assert detect(text[:at] + mark + text[at:]) == detect(text)


# ----------------------------------------------- the review's plain lane and its checks

def _review_texts() -> list[str]:
    from pathlib import Path

    import yaml

    here = Path(__file__).parent
    texts = [c["input"] for name in ("normalize.yaml", "negatives.yaml", "context.yaml")
             for c in yaml.safe_load((here / "cases" / name).read_text("utf-8"))]
    dev = yaml.safe_load((here / "data" / "dev_texts.yaml").read_text("utf-8"))
    texts += [c["input"] for c in dev]
    real = yaml.safe_load((here / "data" / "real_paragraphs.yaml").read_text("utf-8"))
    texts += [p["input"] for p in real]
    texts += [p.read_text("utf-8") for p in sorted((here / "corpus").glob("*.txt"))]
    return texts


def _plain_but_left(text: str, style: str = "en") -> list[tuple[str, str]]:
    """The mentions of *text* that the review's plain lane passes but a check leaves."""
    from translit.context import review as r
    from translit.context.discussion import discussed_pairs
    from translit.context.lane import plain_lane
    from translit.scan import match

    mentions = match(_INDEX, text, style)
    r.review(_INDEX, text, mentions, style, None, False, False)  # what it remembers per form
    seen = Surroundings(_INDEX, _INDEX.context, text, None)
    seen.style = style
    seen.starts = {m.start for m in mentions}
    seen.spans = [(m.start, m.end) for m in mentions]
    discussed = discussed_pairs(seen, mentions)
    others = {m.entity for m in mentions if m.left.startswith("another person (")}
    wrong = []
    changing = [i for i, m in enumerate(mentions) if m.changed]
    for i in plain_lane(seen, mentions, changing, discussed, others):
        m = mentions[i]
        words, nxt = seen.last_two(m.start), seen.next_word(m.end)
        left, _ = r._left(seen, mentions, i, style, False, i in discussed, words, nxt)
        if left:
            wrong.append((m.text, left))
    return wrong


def test_the_plain_lane_passes_only_what_every_check_passes() -> None:
    """The review skips the checks for a mention between plain words: on every text of
    the tests, no mention it skips would have been left by a check."""
    texts = _review_texts()
    assert len(texts) > 200
    for text in texts:
        assert _plain_but_left(text) == [], text[:80]


_NEAR = ["of", "and", "a", "as", "known", "spelt", "University", "Battle", "the", "Soviet",
         "SSR", "Ukrainian", "President", "Viktor", "Sergei", "Alexander", "Russian:", "(",
         "Oblast", "operation", "Rus", "Grigoryevich", "In", "said", "ukr.", "called",
         "Lukashenko", "Kiev", "Kyiv", "Kharkov", "Lwów", "Lukaschenko", "Belarusian",
         "Zelensky", "Tikhanovskaya", "Minsk", "Gomel", "Lukashenkas", "Łukaszenką"]


_ONE_EACH = [  # a name that each check leaves, between plain words
    "the old Kharkov operations began", "the Odessa pogrom of",
    "near Krivoy Rog, Ukrainian SSR, in",
    "the university of Lwów was", "the Donbass and Kharkov operations", "also known as Kiev",
    "he wrote Russian: Kiev and", "president Lukashenko, not Viktor Lukashenko",
    "then aleksandr grigoryevich lukashenko said", "the Lukashenkas went", "a Łukaszenką",
    "with Alexandra Lukašenka", "the Belarusian opposition", "the old spelling Kiev or Kyiv",
    "we met Kiev (Ukrainian) there", "and the Minsk Kiev route", "the Zelenskys",
    "then grigoryevich lukashenko said", "in soviet Kiev there", "the city (russian: kiev) is",
    "the city (ukr. kiev) is", "die Weißrusslands Lage", "dass Lawrows Rede",
    "we met Kiev (German) there", "the city Kiev [Yiddish] is",
]


@given(st.lists(st.tuples(st.sampled_from(_NEAR), _GAPS), max_size=14),
       st.sampled_from(["en", "fr", "pl"]))
@example([(text, "") for text in _ONE_EACH], "en")
def test_the_plain_lane_on_names_among_the_words_the_checks_read(
    parts: list[tuple[str, str]], style: str
) -> None:
    text = "".join(word + gap for word, gap in parts)
    assert _plain_but_left(text, style) == []


@pytest.mark.parametrize("text", _ONE_EACH)
def test_the_plain_lane_on_each_check(text: str) -> None:
    assert _plain_but_left(text) == []


def test_a_line_break_after_a_full_stop_ends_the_sentence() -> None:
    """"Kiev.\\n\\nalso Kyyiv": a full stop, then a line starting in lower case. The
    stop and the line break were read as one match, skipped for the lower case, so
    the sentence ran on into the next paragraph (and the two spellings were taken
    for one sentence discussing them; streamed windows disagreed)."""
    from translit.context.reader import sentence_start

    text = "Lukashenka Kyyiv Kiev. Kiev.\n\nalyaksandr Lukashenka Kyyiv"
    assert sentence_start(text, text.rindex("Kyyiv")) == text.index("alyaksandr")
    assert [m.replacement for m in translit.find(text) if m.entity == "kyiv"][-1] == "Kyiv"


_SENTENCE_PARTS = st.sampled_from(["Kyiv", "a", "A", "B.", "end", ".", "!", "?", "…", "\n",
                                    " ", "  ", "\t", "\u00a0", '"', "'", "”", "’", "»", ")",
                                    "]", "(", "«", "“", "2", "é", "É"])  # fmt: skip


def _sentence_start_by_pattern(text: str, pos: int, names: frozenset[int]) -> int:
    """What sentence_start gave when it walked every match of the pattern from its
    floor: the oracle for the search from the end."""
    floor = max(0, pos - 400)
    start = floor
    for match in re.compile(r"[.!?…][\"'”’»)\]]*\s+|\n").finditer(text, floor, pos):
        end = match.end()
        if "\n" not in match.group():
            nxt = text[end : end + 1]
            if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘«„‚‹" or end in names):
                continue
            word = text[max(0, match.start() - 3) : match.start()].split()[-1:]
            if word and len(word[0].strip("(\"'")) == 1 and word[0][-1:].isupper():
                continue
        start = end
    return start


_SENTENCES = st.lists(_SENTENCE_PARTS, max_size=40).map("".join)


@given(_SENTENCES, _SENTENCES, st.integers(0, 400), st.integers(0, 200),
       st.frozensets(st.integers(0, 700), max_size=8))  # fmt: skip
@example("end.\n\nalso Kyiv", "", 0, 15, frozenset())
@example('end. " \n Kyiv', "", 0, 12, frozenset())
@example("A. \n\n ", "b", 396, 0, frozenset())
def test_sentence_start_is_the_last_match_that_ends_one(
    head: str, tail: str, gap: int, pos: int, names: frozenset[int]
) -> None:
    """sentence_start, found from the end with searches for one character, is the last
    match of the sentence pattern (a stop, closers and space, or a line break) that ends
    a sentence, as walking every match from the floor finds it; also where the floor
    (400 characters back) falls inside a stop, its closers or its space (*head*, *gap*
    letters, then *tail*)."""
    from translit.context.reader import SENTENCE, sentence_start

    assert SENTENCE == 400
    text = head + "x" * gap + tail
    pos = min(len(head) + gap + pos, len(text))
    assert sentence_start(text, pos, names) == _sentence_start_by_pattern(text, pos, names)


def _told(text: str, pos: int) -> tuple[str | None, str | None]:
    """The paragraph's and the line's language at *pos*, with the mentions of *text*."""
    seen = Surroundings(_INDEX, _INDEX.context, text, None)
    seen.spans = [(m.start, m.end) for m in translit.find(text)]
    return seen.lang(pos), seen.line_lang(pos)


@pytest.mark.parametrize("names", [210, 230])
def test_rewriting_names_does_not_change_the_language_told(names: int) -> None:
    """A paragraph's language is told from its first 2,000 characters, and a line's
    from 200 on each side, the mentions left out: the second run, whose names are
    longer (Gomel 5, Homiel 6 letters), reads the same words as the first. Counted with
    the names in, the English words after the Gomels would fall out of the sample."""
    first = "Gomel 1, " * names + "and the people of the city said that they were in the news"
    second = translit.normalize(first)
    assert second.count("Homiel") == names
    assert len(second) > len(first)
    for pos in (0, first.rfind("Gomel")):
        assert _told(first, pos) == _told(second, second.rfind("Homiel") if pos else 0)
    assert _told(first, 0)[0] == "en"
