"""The matcher's short path gives exactly the general path's mentions.

Run over every text the tests hold: the case files, the dev sentences and the
corpus articles (the property test in test_properties.py adds generated text),
and over generated texts dense with the names of three tables: the bundled one, a
user table of forms that are common words, with fixed expressions and shared
given names (``data/user_table.yaml``), and 100,000 made-up variants besides the
bundled table.
"""

from __future__ import annotations

import bisect
import functools
import pickle
import random
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

import translit
import translit.normalizer
import translit.scan
from translit.compile.finder import LOOK_UP_TO, Finder
from translit.compile.lookup import lookup
from translit.match.general import scan_general
from translit.scan import match
from translit.tables.bundled import places_file, regions_file
from translit.text.fold import fold_beyond

HERE = Path(__file__).parent


def _texts() -> list[str]:
    texts: list[str] = []
    for name in ("normalize.yaml", "negatives.yaml"):
        texts += [c["input"] for c in yaml.safe_load((HERE / "cases" / name).read_text("utf-8"))]
    dev = yaml.safe_load((HERE / "data" / "dev_texts.yaml").read_text("utf-8"))
    texts += [c["input"] for c in dev]
    texts += [p.read_text("utf-8") for p in sorted((HERE / "corpus").glob("*.txt"))]
    return texts


TEXTS = _texts()


def test_the_texts_are_there() -> None:
    assert len(TEXTS) > 100
    assert any(len(t) > 5000 for t in TEXTS)  # the corpus articles


@pytest.mark.parametrize("style", ["en", "fr"])
@pytest.mark.parametrize("replace_inflected", [False, True])
def test_short_path_equals_general_path(
    normalizer: translit.Normalizer, style: str, replace_inflected: bool
) -> None:
    index = normalizer._index
    for text in TEXTS:
        assert match(index, text, style, replace_inflected) == scan_general(
            index, text, style, replace_inflected
        ), text[:80]


@pytest.mark.parametrize("before", [" „", "x „", " #„", "#„", "/„", "(‘", " ‹", "x‚", "„„"])
@pytest.mark.parametrize("after", ["“ here", "” ok", " ok", "'s ok", "“s", "“-based"])
def test_a_name_after_an_attached_quote_takes_the_path_the_general_one_would(
    normalizer: translit.Normalizer, before: str, after: str
) -> None:
    """A two-word name right after an opening quote that does not end a token („ ‚ ‘ ‹):
    the short path takes it only where the quote's own surroundings are plain, as
    the general path's checks find them ("x #„Alyaksandr Lukashenka" is a hashtag's)."""
    index = normalizer._index
    for name in ("Alyaksandr Lukashenka", "Dmitry Kuleba", "Sviatlana Tsikhanouskaya"):
        text = "Said" + before + name + after
        assert match(index, text, "en") == scan_general(index, text, "en"), text


def test_a_pattern_with_a_joiner_takes_the_general_path(normalizer: translit.Normalizer) -> None:
    # "wit-rusland" is a pattern with a hyphen: its words go the general way, same result
    text = "In Wit-Rusland en Oekraïne: Loekasjenko."
    index = normalizer._index
    assert match(index, text, "en") == scan_general(index, text, "en")
    assert [m.text for m in match(index, text, "en")][:1] == ["Wit-Rusland"]


@pytest.fixture(scope="module")
def core() -> translit.Normalizer:
    """The table of aliases.yaml alone, without the gazetteer."""
    return translit.Normalizer(places=False)


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Laut Lukaschenkos Sprecher", ["Lukaschenko"]),  # a bare genitive -s: the name
        ("in Witebsks Zentrum.", ["Witebsk"]),  # alone, on the short path
        ("(Kolesnikowas)", ["Kolesnikowa"]),
        ("laut lukaschenkos Sprecher", []),  # in lower case: the general path decides
        ("Swjatlana Tichanowskajas Team", []),  # a phrase reaches it: the general path too
        ("Lukaschenkos-Regime", []),  # a joiner
        ("Lukaschenkos.de", []),  # surroundings not plain
        ("the Odessa-based group", ["Odessa"]),  # a compound of one hyphen: the form
        ("w Kijowie-Centrum", ["Kijowie"]),  # before it (inflected too)
        ("a Kiev-Minsk train", ["Kiev"]),  # (the general path takes the name after it)
        ("Kiev-Minsk-Gomel", []),  # more than one hyphen: the general path
        ("odessa-based.com", []),
    ],
)
def test_a_genitive_s_or_a_hyphen_after_a_name_takes_the_short_path(
    core: translit.Normalizer, text: str, short: list[str]
) -> None:
    """A capitalized name with a bare genitive -s, or a form before the one hyphen of a
    compound, in plain surroundings, is a mention on the short path; anything more goes
    the general way. Either way the same mentions. (The table of aliases.yaml alone:
    with the regions, Kiev and Odessa begin longer names, which the general path reads.)"""
    from translit.match.short_path import short_path
    from translit.text.fold import fold_beyond

    index = core._index
    key = fold_beyond(text)[0]
    found = index.finder.first(key)
    mentions, _ = short_path(index, key, text, found, "en", False)
    assert [m[2] for m in mentions] == short
    assert match(index, text, "en") == scan_general(index, text, "en")


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Kiev's mayor spoke.", ["Kiev"]),  # a possessive
        ("the Kharkov-based group", ["Kharkov"]),  # a compound of one hyphen
        ("Laut Kiews Bürgermeister", ["Kiew"]),  # a bare genitive -s
        ("Kyjowa-Centrum", ["Kyjowa"]),  # inflected, before a hyphen
        ("Kiev Oblast's mayor", ["Kiev Oblast"]),  # the region: a pair of its own
        ("Kiev's Oblast", ["Kiev"]),  # the possessive ends the phrase, as in the general path
        ("Kiev\nOblast", []),  # a follower after a line break: the general path decides
    ],
)
def test_a_name_that_may_begin_a_region_takes_the_short_path_as_a_quick_word_does(
    normalizer: translit.Normalizer, text: str, short: list[str]
) -> None:
    """With the regions, Kiev may begin "Kiev Oblast": a name alone that may begin a
    phrase is held until the next hit shows that none goes on. Before a possessive, a
    bare genitive -s or the one hyphen of a compound it is a mention on the short path
    too, as a quick word is; the same mentions as the general path's."""
    from translit.match.short_path import short_path
    from translit.text.fold import fold_beyond

    index = normalizer._index
    key = fold_beyond(text)[0]
    mentions, _ = short_path(index, key, text, index.finder.first(key), "en", False)
    assert [m[2] for m in mentions] == short
    assert match(index, text, "en") == scan_general(index, text, "en")


_TECHNICAL = [
    "see https://kiev.ua/Kiev/Minsk now", "mail kiev@example.org", "@Lukashenko", "`Kiev`",
    "``Kiev ` Gomel``", "\n```\nKiev Gomel\n```\n", "\n~~~\nMinsk\n~~~\n", "Kiev-" * 110 + "Kiev",
    "news.kiev", "?city=Kiev&x=Minsk", "/home/kiev/Gomel.txt", "`unclosed Kiev", "(Kiev)",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_the_short_path_skips_the_hits_the_masks_drop(seed: int) -> None:
    """The hits the short path passes over as it reads them, in tokens that are not
    prose and touching Markdown code, are those that ``outside_long_tokens`` and
    ``outside_code`` drop in passes of their own: the same mentions and the same hits
    left, with the names and the technical shapes mixed at random."""
    from translit.match.short_path import short_path
    from translit.text.protect import code_spans, outside_code, outside_long_tokens, token_spans

    rng = random.Random(seed)
    words = [*_TECHNICAL, "Kiev", "Gomel", "Alyaksandr Lukashenka", "Kharkiv Oblast", "and"]
    text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 30)))
    key = fold_beyond(text)[0]
    found = _INDEX.finder.first(key)
    masked = outside_code(text, None, outside_long_tokens(key, found))
    code = code_spans(text)
    assert short_path(_INDEX, key, text, found, "en", False, True, 0, token_spans(key), code) == (
        short_path(_INDEX, key, text, masked, "en", False)
    )


_NORMALIZER = translit.Normalizer()
_INDEX = _NORMALIZER._index
_GAPS = [" ", "  ", "\n", "\n\n", ", ", "'s ", "’s ", "-", ". ", "s ", ""]
_GAPS += ["\u2069 ", " (", "\u20d0 "]  # a bidi isolate, an opener, a mark that fold keeps
_GAPS += [" „", "„", "/„", "#„", " ‘", "x‹", "“ ", "” "]  # quotes attached to a name, and closing
_CUTS = [".\n", "?\r\n", ")\n\n", ".\n\u200b", " \n", "\u200b\n"]  # where pieces may end
_SYLLABLES = "ba be bo da di do ka ko la le lo ma mi na no ra ro sa so ta vo za zo".split()


def _made_up_table(path: Path, places: int) -> None:
    """*places* made-up places of four forms each (a name, three variants; every fifth
    variant of two words), as a user table."""
    rnd = random.Random(14)
    words: set[str] = set()
    while len(words) < 4 * places:
        words.add("".join(rnd.choices(_SYLLABLES, k=rnd.randint(2, 4))).capitalize() + "sk")
    forms = sorted(words)
    rnd.shuffle(forms)
    lines = ["schema: 1", "entities:"]
    for i in range(places):
        name, *variants = forms[4 * i : 4 * i + 4]
        if i % 5 == 0:
            variants[2] = "Novy " + variants[2]
        lines += [f"- id: made-up-{i:05d}", "  type: place", f"  name: {name}",
                  f"  variants: {{en: [{', '.join(variants)}]}}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _searching_word_starts(index: Any) -> Any:
    """A copy of *index* whose finder searches for word starts only, as it searches a
    table of many forms once a DFA is worth building (``compile/word_starts.py``): built
    at once, whatever the table's size."""
    from translit.compile.finder import DFA_AFTER

    copy = pickle.loads(pickle.dumps(index))
    finder = copy.finder
    finder.word_starts_from = 0
    finder.word_hits("x " * (DFA_AFTER * len(finder.patterns) // 2 + 1), frozenset())
    assert finder.word_hits("kiev", frozenset())[1] == 1
    return copy


@functools.cache
def _table(name: str) -> tuple[Any, list[list[str]]]:
    """The index of a table, and what texts are made of, in groups: its words, its
    phrases, given names, and the fixed expressions and words next to which its
    ambiguous forms change. A name that ends in " words": the same table, searched
    for word starts only (:func:`_searching_word_starts`)."""
    if name.endswith(" words"):
        index, vocabulary = _table(name.removesuffix(" words"))
        return _searching_word_starts(index), vocabulary
    if name == "bundled":
        index = _INDEX
    elif name == "user":
        index = translit.Normalizer([HERE / "data" / "user_table.yaml"])._index
    elif name == "places":  # the gazetteer: names alone that also begin a region's name
        index = translit.Normalizer([places_file(), regions_file()])._index
    else:
        import tempfile

        path = Path(tempfile.mkdtemp(prefix="translit-test-")) / "made_up.yaml"
        _made_up_table(path, 25_000)
        index = translit.Normalizer([path])._index
    words = sorted({word for phrase in index.phrases for word in phrase})
    phrases = sorted(" ".join(phrase) for phrase in index.phrases if len(phrase) > 1)
    if name == "100k":  # a sample: the table's own words, and the bundled table's
        words, phrases = words[::50] + _table("bundled")[1][0], phrases[::20]
    # the words that decide: those of fixed expressions, and those next to which an
    # ambiguous form names the entity
    deciding = {phrase for e in index.entities.values() for spots in e.not_when.values()
                for phrase, _ in spots}
    deciding |= {word for targets in index.phrases.values() for t in targets
                 for word in (*(t.previous_words or ()), *(t.next_words or ()))}
    extra = ["the", "x", "kievan", "rus", *sorted(deciding)[:300]]
    # words that begin as the table's anchors do and go on otherwise ("statement" at
    # "stat"), or as its forms do (the short path drops the first at once)
    anchors = sorted(index.forms.anchors - index.forms.words)[::7][:120]
    extra += [anchor + tail for anchor in anchors for tail in ("e", "ement", "ing", "a", "xq")]
    # and the case forms of words that begin a longer phrase (Kharkovom, and Kharkovskaya
    # oblast), which the short path holds as it holds such a word
    leading = {phrase[0] for phrase in index.phrases if len(phrase) > 1}
    inflected = []
    for stem, (owner, endings) in index.forms.stems.items():
        if leading.isdisjoint([owner] if isinstance(owner, str) else owner.values()):
            continue
        for ending in sorted(endings - {""}):
            found = lookup(index.forms, stem + ending)
            if found is not None and found[1] and found[0] in leading:
                inflected.append(stem + ending)
    inflected = sorted(inflected)[:: max(1, len(inflected) // 300)]
    # the words that name something only in context (Just, of Khust: ambiguous forms)
    ambiguous = sorted(
        phrase[0] for phrase, targets in index.phrases.items()
        if len(phrase) == 1 and all(t.next_words is not None for t in targets)
    )  # fmt: skip
    ambiguous = ambiguous[:: max(1, len(ambiguous) // 300)]
    return index, [words, phrases, sorted(index.given_names)[:200], extra, inflected, ambiguous]


@pytest.mark.parametrize("table", ["bundled", "user", "places"])
def test_next_letters_are_those_of_every_form(table: str) -> None:
    """The letters after each anchor that the short path lets through are exactly those
    that follow it in the table's forms: its words, and each stem with each ending; and
    so are the two characters after it, with an ``s`` after a form one longer than it."""
    from translit.compile.wordforms import next_characters

    forms = _table(table)[0].forms
    every = sorted(set(forms.words) | {
        stem + ending for stem, (_, endings) in forms.stems.items() for ending in endings
    })  # fmt: skip
    expected, pairs = {}, {}
    for anchor in forms.anchors - forms.words:
        letters, two = set(), set()
        at = bisect.bisect_right(every, anchor)  # the forms that begin with it come next
        while at < len(every) and every[at].startswith(anchor):
            letters.add(every[at][len(anchor)])
            after = every[at][len(anchor) : len(anchor) + 2]
            two.add(after if len(after) == 2 else after + "s")
            at += 1
        expected[anchor] = "".join(sorted(letters))
        pairs[anchor] = frozenset(two)
    assert next_characters(forms) == (expected, pairs)


_100K = pytest.param("100k", marks=pytest.mark.slow)  # compiles 100,000 variants (4 s)
_100K_WORDS = pytest.param("100k words", marks=pytest.mark.slow)
_TABLES = ["bundled", "bundled words", "user", "user words", "places", "places words", _100K,
           _100K_WORDS]  # fmt: skip


@pytest.mark.parametrize("table", _TABLES)
@given(data=st.data(), replace_inflected=st.booleans())
def test_short_path_equals_general_path_on_dense_names(
    table: str, data: st.DataObject, replace_inflected: bool
) -> None:
    """Words and phrases of each table and given names, back to back: every way
    phrases can start, continue and stop."""
    index, vocabulary = _table(table)
    parts = data.draw(
        st.lists(
            st.tuples(
                st.one_of([st.sampled_from(group) for group in vocabulary if group]),
                st.sampled_from(_GAPS),
                st.sampled_from([str.lower, str.title, str.upper]),
            ),
            max_size=12,
        )
    )
    text = "".join(case(word) + gap for word, gap, case in parts)
    assert match(index, text, "en", replace_inflected) == scan_general(
        index, text, "en", replace_inflected
    )


@pytest.mark.parametrize("table", ["bundled", "bundled words", "places", "places words"])
def test_a_pattern_with_an_apostrophe_or_a_hyphen_hides_no_word_after_it(table: str) -> None:
    """Each pattern with an apostrophe or a hyphen (``l'viv``, ``sievierodonec'`` with one
    at its end), with another joiner or a space in its place, before a word, glued to one
    and after one: the same mentions on both paths, however the automaton finds it."""
    index = _table(table)[0]
    finder = index.finder
    for pattern in finder.patterns[finder.joined :]:
        for written in {pattern, pattern.replace("'", "-"), pattern.replace("-", " "),
                        pattern.replace("'", " "), pattern.replace("·", ".")}:
            for text in (f"{written} Kyiv", f"{written}Kyiv Minsk", f"x{written} Gomel",
                         f"Kiev {written.title()}, Kiev"):  # fmt: skip
                assert match(index, text, "en") == scan_general(index, text, "en"), text


@pytest.mark.parametrize("table", [t for t in _TABLES if t != "bundled"])
def test_short_path_equals_general_path_on_every_text_with_user_tables(table: str) -> None:
    index = _table(table)[0]
    for text in TEXTS:
        assert match(index, text, "en") == scan_general(index, text, "en"), text[:80]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Заводська область", [("Заводська область", "test-zavodsk-oblast", False)]),
        ("з Заводська виїхали", [("Заводська", "test-zavodsk", True)]),
        ("Заводська, Заводськ",
         [("Заводська", "test-zavodsk", True), ("Заводськ", "test-zavodsk", False)]),
        ("Заводська\nобласть", [("Заводська\nобласть", "test-zavodsk-oblast", False)]),
    ],
)
def test_a_word_that_names_nothing_alone_is_a_case_form_where_its_name_does_not_complete(
    text: str, found: list[tuple[str, str, bool]]
) -> None:
    """Заводська begins Заводська область (the user table's region) and is the genitive
    of Заводськ: the region where its name completes, the town's case form elsewhere,
    on both paths."""
    index = _table("user")[0]
    mentions = match(index, text, "en")
    assert [(m.text, m.entity, m.inflected) for m in mentions] == found
    assert mentions == scan_general(index, text, "en")


def test_the_finder_gives_the_same_hits_before_and_after_a_long_text() -> None:
    """Texts are searched with an NFA until enough text has been searched to build the
    DFA (not before): same hits."""
    from translit.compile.finder import DFA_AFTER, Finder
    from translit.text.fold import fold

    finder = Finder(_INDEX.finder.patterns)
    key = fold(" ".join(TEXTS[:60]))[0]
    assert len(key) < DFA_AFTER * len(finder.patterns)
    first, every = finder.first(key), finder.every(key)
    assert first and len(every) > len(first)
    assert len(finder._automata) == 2  # NFAs only
    long_key = (key + " ") * (DFA_AFTER * len(finder.patterns) // len(key) + 1)
    finder.first(long_key), finder.every(long_key)  # builds both DFAs
    assert len(finder._automata) == 4
    assert (finder.first(key), finder.every(key)) == (first, every)


def test_a_table_with_a_pattern_that_begins_no_word_is_searched_as_before() -> None:
    """A pattern that begins with a character that ends a word ('s-hertogenbosch) may be
    found where no word begins: such a table gets no automaton of word starts, and its
    hits are the plain automaton's, with no lag."""
    from translit.compile.finder import DFA_AFTER

    finder = Finder(["'s-hertogenbosch", "kiev", "kyiv"])
    finder.word_starts_from = 0
    key = "x" + "'s-hertogenbosch kiev " * (DFA_AFTER * 3 // 20 + 1)
    assert finder.word_hits(key, frozenset()) == (finder.first(key, frozenset()), 0)
    assert finder._word_dfa is False
    plain = Finder(["kiev", "kyiv"])
    plain.word_starts_from = 0
    plain.word_hits(key, frozenset())  # builds it
    found, lag = plain.word_hits("in kiev, xkiev", frozenset())
    assert (found, lag) == ([(0, 3, 8)], 1)  # the word start only, its end one past


_PATTERNS = _INDEX.finder.patterns


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PATTERNS),
            st.sampled_from(_PATTERNS).flatmap(lambda p: st.just(p[: len(p) // 2 + 1])),
            st.sampled_from([" ", "-", "'", "s ", "x", ".", "“", "”", "„", "ß", "ø", "?", "中",
                             "ів ", "Лукашэнка", "\u0301", "\u00ad", "Σ", "Kam”yanets",
                             "Zaslavʺl", "ʺ"]),
        ),
        max_size=40,
    ).map("".join)
)
def test_a_key_searched_as_latin_1_bytes_gives_the_same_hits(text: str) -> None:
    """Where the fold tells which characters above U+00FF a key holds, the key is
    searched as Latin-1 bytes unless a pattern has one of them that has no byte of its
    own: the hits of the string's search. With the bundled table; with patterns that
    have a romanization's apostrophe (”) or hard sign (ʺ), which get a byte; and with a
    pattern with a ``?`` (then only keys without other such characters go as
    bytes)."""
    key, _, beyond = fold_beyond(text)
    for finder in (_finders()[1], *_other_finders()):
        finder._looked = LOOK_UP_TO + 1  # (the automata)
        assert finder.first(key, beyond) == finder.first(key)


@functools.cache
def _other_finders() -> tuple[Finder, Finder]:
    marked = Finder([*_PATTERNS, "kam”yan", "kam”yanets", "zaslavʺl", "yan”"])
    asked = Finder([*_PATTERNS[:400], "wh?t", "“kiev”", "ß"])
    return marked, asked


def _narrow(finder: Finder, key: str, beyond: frozenset[str]) -> bool:
    """Whether *finder* searched *key* as bytes (a new finder's first automaton)."""
    finder._automata.clear()
    finder._looked = LOOK_UP_TO + 1
    finder.first(key, beyond)
    return [narrow for _, _, narrow in finder._automata] == [True]


def test_which_keys_are_searched_as_bytes() -> None:
    """The bundled table has Cyrillic patterns: a key with Cyrillic letters is searched
    as a string; one with quotes beyond Latin-1 as bytes, also where a pattern has one
    (it gets a byte of its own), unless a pattern has a ``?`` and the key other
    characters beyond Latin-1."""
    bundled = Finder(_PATTERNS)
    marked, asked = _other_finders()
    assert _narrow(bundled, "kiev minsk", frozenset())
    assert _narrow(bundled, "kiev “minsk”", frozenset("“”"))
    assert not _narrow(bundled, "київ", frozenset("иїв"))
    assert _narrow(marked, "kam”yanets “minsk”", frozenset("“”"))
    assert marked.first("kam”yanets “minsk”", frozenset("“”")) == marked.first(
        "kam”yanets “minsk”"
    )
    assert not _narrow(asked, "kiev „minsk“", frozenset("„“"))
    assert _narrow(asked, "kiev “minsk", frozenset("“"))  # (“ has a byte of its own)


@functools.cache
def _finders() -> tuple[Finder, Finder]:
    """Two finders of the bundled table's patterns, made once for every example: the
    automata of the second are built once (as in a long run), not at each example."""
    return Finder(_PATTERNS), Finder(_PATTERNS)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PATTERNS),
            st.sampled_from(_PATTERNS).flatmap(lambda p: st.just(p[: len(p) // 2 + 1])),
            st.sampled_from([" ", "-", "'", "s ", "x", ".", "\ud800", "ів "]),
        ),
        max_size=10,
    )
)
def test_a_few_words_are_looked_up_as_the_automaton_finds_them(parts: list[str]) -> None:
    """The first keys of a Finder, up to LOOK_UP_TO characters, are searched by looking
    their substrings up (no automaton to build for a command line on a few words): the
    hits of the automaton, in its order, for both searches."""
    key = "".join(parts)[:LOOK_UP_TO]
    looked, built = _finders()
    looked._looked, looked._numbers = 0, None  # a new command line's: a few words looked up
    built._looked = LOOK_UP_TO + 1  # as after a longer text: the automaton
    assert looked.first(key) == built.first(key)
    looked._looked, looked._numbers = 0, None  # by binary search up to BISECT_UP_TO
    assert looked.every(key) == built.every(key)
    assert not looked._automata and built._automata


@given(st.one_of(st.sampled_from(_PATTERNS), st.text(max_size=12)))
def test_a_pattern_is_found_by_binary_search(text: str) -> None:
    """A few words are looked up by binary search in the two sorted runs of the patterns
    (no dict of them to make): each pattern's number, None for anything else."""
    patterns = _finders()[0].patterns
    expected = patterns.index(text) if text in patterns else None
    assert _finders()[0]._bisect(text) == expected


@given(
    st.lists(
        st.tuples(
            st.one_of([st.sampled_from(group) for group in _table("bundled")[1]]),
            st.sampled_from(_GAPS + _CUTS),  # between the words of a phrase
            st.sampled_from(_GAPS + _CUTS),  # after it
        ),
        max_size=30,
    ),
    st.integers(min_value=1, max_value=60),
)
@example(  # a fixed expression quoted with the mark after it, in one path only
    [("belorussian ssr", " ", "\u20d0 "), ("adesa", " ", ".\n\u200b")], 1
)
def test_a_text_cut_in_pieces_gives_the_same_mentions(
    parts: list[tuple[str, str, str]], size: int
) -> None:
    """Long texts are scanned in pieces: the same mentions as in one go, and normalize
    agrees."""
    text = "".join(words.title().replace(" ", inner) + gap for words, inner, gap in parts)
    normalizer = _NORMALIZER
    with mock.patch.object(translit.scan, "PIECE", size):
        assert translit.scan.match(_INDEX, text, "en") == scan_general(_INDEX, text, "en")
        assert normalizer.normalize(text) == translit.apply_mentions(text, normalizer.find(text))


def test_pieces_are_cut_after_punctuation_and_a_line_break() -> None:
    from translit.scan import pieces

    text = "Alexander\nLukashenko. Kiev?\r\n```\nKyiv.\n```\nMinsk."
    assert [p for _, p in pieces(text, 5)] == [  # never inside a fenced block
        "Alexander\nLukashenko. Kiev?\r\n",
        "```\nKyiv.\n```\nMinsk.",
    ]
    text = "Alexander\nLukashenko. Kiev?\r\nKyiv, Minsk\n\nx `code`"
    text = text.replace("`", "")
    assert [p for _, p in pieces(text, 5)] == [
        "Alexander\nLukashenko. Kiev?\r\n",
        "Kyiv, Minsk\n\nx code",
    ]
    # HTML: one element a line, each ending with a tag's ">"
    text = "<p>Lukashenko in\n<b>Kiev</b></p>\n<p>Minsk</p>\n"
    assert [p for _, p in pieces(text, 5)] == [
        "<p>Lukashenko in\n<b>Kiev</b></p>\n", "<p>Minsk</p>\n"
    ]


@given(st.lists(st.sampled_from(["Kyiv.\n", "```\n", "~~~\n", "````\n", "  ```x\n",
                                 "    ```\n", "`a`.\n", "Minsk\n", ".\r\n", "\n"]),
                max_size=30).map("".join), st.integers(1, 40))  # fmt: skip
def test_each_piece_has_the_fences_it_would_find_itself(text: str, size: int) -> None:
    """The fenced blocks that cutting a text found, handed to each piece in its own
    offsets, are the blocks the piece finds alone: no cut is inside one, and each
    piece begins outside one."""
    from translit.scan import fenced_pieces
    from translit.text.protect import fence_spans

    cut = fenced_pieces(text, size)
    assert "".join(piece for _, piece, _ in cut) == text
    for _, piece, fences in cut:
        if fences is not None:
            assert fences == fence_spans(piece)


_AROUND = st.sampled_from([" ", "\n", "(", "[", "\"", "«", "»", "„", "“", "‚", "‘", "‹", ">", "<",
                           "</p>", "<p>", "](", ".", ",", ")", "'", "’", "/", "=", "@", "#",
                           ":", "://", "x", "d", "qu", "abcd", ".ua", "-", "\\", "~/", "./"])


@given(st.lists(_AROUND, max_size=5).map("".join), st.lists(_AROUND, max_size=5).map("".join))
@example("://'", " ")
@example("http://x.org/'", " ")
@example("a@b'", " ")
@example("#„", "“ ")
@example(" d'", " ")
@example("x'", "'@x.org")
def test_plain_surroundings_are_never_a_technical_token(before: str, after: str) -> None:
    """The short cut of both loops, plain surroundings, never passes a name that the
    long check of URLs, addresses, handles and paths would stop."""
    from translit.match.checks import plain_surroundings
    from translit.text.protect import in_technical_token

    key = before + "kiev" + after
    start, end = len(before), len(before) + 4
    if plain_surroundings(key, start, end):
        assert not in_technical_token(key, start, end), key


def test_plain_surroundings() -> None:
    from translit.match.checks import plain_surroundings

    plain = [" kiev ", "„kiev“ ", " d'kiev ", "<p>kiev</p>", " [kiev](x)", "»kiev« ", "(kiev)."]
    other = ["://'kiev ", "#'kiev ", "/kiev ", "kiev.ua", "a.kiev@x.org", "rosja'kiev "]
    assert [plain_surroundings(k, k.index("kiev"), k.index("kiev") + 4) for k in plain + other] == (
        [True] * len(plain) + [False] * len(other)
    )


def test_the_collector_is_paused_only_during_a_scan() -> None:
    """find and normalize pause the cyclic garbage collector (a scan makes no cycles)
    and leave it as they found it, also after an error."""
    import gc

    normalizer = translit.Normalizer()
    text = "Lukashenko visited Kiev. " * 20_000  # 40,000 mentions: tuples by the thousand
    collections: list[str] = []

    def record(phase: str, info: dict[str, int]) -> None:
        collections.append(phase)

    gc.callbacks.append(record)
    try:
        _ = [(i, i) for i in range(40_000)]  # as many tuples outside a scan: collected
        assert collections
        collections.clear()
        assert len(normalizer.find(text)) == 40_000
        assert normalizer.normalize(text).count("Kyiv") == 20_000
    finally:
        gc.callbacks.remove(record)
    assert len(collections) <= 2 * 2  # one at most as each call ends (start and stop)
    assert gc.isenabled()
    gc.disable()
    try:
        assert normalizer.normalize("Kiev") == "Kyiv" and not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(TypeError):
        normalizer.normalize(None)  # type: ignore[arg-type]
    assert gc.isenabled()


@pytest.mark.parametrize(
    "text",
    [
        "Shelling near Časiv Âr and Kryvyi Rih, in Kharkiv Oblast.",
        "Kharkiv\noblast, Kharkiv  Oblast's, Kryvyi Rihu, Kryvyi Rih-based, Kryvyi-Rih",
        "Kryvyi Rih@example.org, Kryvyi http://rih.ua, Kharkiv `oblast`, Kharkiv oblast`x`",
        "Kharkiv \x1coblast \x1c Kharkiv, Chasiv\u2028Yar, Chasiv Yar" + "-x" * 600,
        "In a particular area, Kharkiv are, Kharkiv argued, Kryvyi, Rih alone, Oblast.",
    ],
)
def test_a_phrase_ends_with_a_word_the_automaton_does_not_seek(text: str) -> None:
    """Oblast, Âr, Rih only ever end a phrase: the automaton does not seek them (Âr would
    hit inside every other word) and the matcher reads them after the word before; both
    paths agree wherever they stand."""
    index = _table("places")[0]
    assert {"ar", "oblast", "rih"} <= index.finder.followers
    assert not {"ar", "oblast", "rih"} & set(index.finder.patterns)
    for style, inflected in (("en", False), ("fr", True)):
        assert match(index, text, style, inflected) == scan_general(index, text, style, inflected)
    assert "Chasiv Yar" in translit.Normalizer([places_file(), regions_file()]).normalize(
        "Shelling near Časiv Âr."
    )


@pytest.mark.parametrize("table", ["bundled", "user", "places", "places words"])
def test_a_word_that_names_something_only_in_context_takes_the_general_paths_way(
    table: str,
) -> None:
    """Each word whose every target is an ambiguous form (Just, of Khust), in lower case
    and capitalized, inside a sentence, at its start, between the words that make it
    safe, in its entity's fixed expressions and at the start of the longer phrases it
    begins: the short path finds what the general path finds."""
    index, _ = _table(table)
    longer: dict[str, list[str]] = {}  # the phrases each word begins
    for phrase in index.phrases:
        if len(phrase) > 1:
            longer.setdefault(phrase[0], []).append(" ".join(phrase))
    lines = []
    for phrase, targets in index.phrases.items():
        if len(phrase) > 1 or not all(t.next_words is not None for t in targets):
            continue
        word = phrase[0]
        deciding = sorted({w for t in targets for w in (*(t.next_words or ()),
                                                        *(t.previous_words or ()))})[:2]
        fixed = sorted({p for t in targets for p, _ in
                        index.entities[t.entity].not_when.get(word, ())})  # fmt: skip
        for written in (word, word.title()):
            lines += [f"a {written} b.", f"{written} went", f"x, {written}, y"]
            lines += [f"the {w} {written} {w} there." for w in deciding]
        lines += [f"so {f} and {f.title()}." for f in [*fixed, *longer.get(word, [])[:3]]]
    assert len(lines) > 20
    text = "\n".join(lines)
    assert match(index, text, "en") == scan_general(index, text, "en")


@pytest.mark.parametrize("table", ["bundled", "user", "places"])
def test_every_form_begins_with_one_of_the_automatons_patterns(table: str) -> None:
    """Every written form of every word the automaton seeks (each word, and each stem
    with each of its endings) begins with one of its patterns, a word or an anchor;
    anchors made a letter longer where they begin a common word leave none out."""
    index, _ = _table(table)
    forms, finder = index.forms, index.finder
    patterns = set(finder.patterns)
    every = {word for word in forms.words if word not in finder.followers}
    for stem, (owner, endings) in forms.stems.items():
        for ending in endings:
            word = owner if isinstance(owner, str) else owner.get(ending, "")
            if word not in finder.followers:
                every.add(stem + ending)
    missed = [f for f in every if not any(f[:k] in patterns for k in range(1, len(f) + 1))]
    assert len(every) > 1000
    assert missed == []
