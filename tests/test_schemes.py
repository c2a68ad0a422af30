"""Romanization schemes: every scheme's own samples, the official vectors, and the contract.

The data drives the tests: each scheme file's ``samples:`` and every row of
tests/data/romanization_vectors.yaml must come out character for character.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from translit.errors import TableError, UnmappedCharacterError
from translit.romanize import FallbackWarning, SchemeSet, detect_language, schemes, transliterate
from translit.tables.schemes import SCHEMES_DIR, load_table

VECTORS = yaml.safe_load(
    (Path(__file__).parent / "data" / "romanization_vectors.yaml").read_text(encoding="utf-8"))
SCHEME_IDS = ["be-alalc", "be-bgn", "be-lacinka", "be-national-2007", "be-passport",
              "ru-alalc", "ru-bgn", "ru-iso9", "ru-icao", "ru-wikipedia", "uk-bgn-1965",
              "uk-national"]
TABLES = {scheme: load_table(SCHEMES_DIR / f"{scheme}.yaml") for scheme in sorted(SCHEME_IDS)}

# The ISO 9 rows from interscript's GOST 7.79 word list once wrote ъ as U+0022 and ь as
# U+00B4; the shared vectors now write U+02BA and U+02B9, as ISO 9:1995 and GOST 7.79-2000
# system A print them, so every row is expected to pass.
VECTOR_PARAMS = [pytest.param(scheme, row["cyrillic"], row["latin"], id=f"{scheme}-{i}")
                 for scheme, rows in VECTORS.items() for i, row in enumerate(rows)]


@pytest.mark.parametrize(
    ("scheme", "cyrillic", "latin"),
    [pytest.param(s, c, latin, id=f"{s}-{i}")
     for s, table in TABLES.items() for i, (c, latin) in enumerate(table.samples)])
def test_scheme_samples(scheme: str, cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, scheme) == latin


@pytest.mark.parametrize(("scheme", "cyrillic", "latin"), VECTOR_PARAMS)
def test_official_vectors(scheme: str, cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, scheme) == latin


def test_iso9_hard_and_soft_sign() -> None:
    assert transliterate("съезд альбом", "ru-iso9") == "s\u02baezd al\u02b9bom"


def test_every_scheme_has_a_file_and_official_examples() -> None:
    assert schemes() == sorted(SCHEME_IDS)
    assert set(VECTORS) == set(SCHEME_IDS) - {"be-lacinka"}
    for table in TABLES.values():
        assert table.samples and table.document and table.date and table.source
        assert table.description and table.language == table.id[:2]


def test_title_case_and_all_caps() -> None:
    assert transliterate("Щучин", "uk-national") == "Shchuchyn"
    assert transliterate("ЩУЧИН", "uk-national") == "SHCHUCHYN"
    assert transliterate("ЩУЧИН Щучин щучин", "ru-bgn") == "SHCHUCHIN Shchuchin shchuchin"
    assert transliterate("ЖЫТОМІР-ЖОДЗІНА", "be-passport") == "ZHYTOMIR-ZHODZINA"
    assert transliterate("СІМ'Я Сім'я", "uk-national") == "SIMIA Simia"
    assert transliterate("Я ЯКУБ", "be-alalc") == "I\u0361A I\u0361AKUB"
    assert transliterate("Щ", "uk-national") == "Shch"


def test_context_rules() -> None:
    uk = "Юрій Їжакевич Олексіївка Згорани Мар'їне Короп’є"
    assert transliterate(uk, "uk-national") == (
        "Yurii Yizhakevych Oleksiivka Zghorany Marine Koropie")
    be = "Гомель Любань Беларусь Зэльва Друць Еўропа Вераб'ёвічы Іўе"
    assert transliterate(be, "be-national-2007") == (
        "Homieĺ Liubań Bielaruś Zeĺva Druć Jeŭropa Vierabjovičy Iŭje")
    assert transliterate("Гомель Лукашэнка Магілёў Віцебск", "be-lacinka") == (
        "Homiel Łukašenka Mahiloŭ Viciebsk")
    assert transliterate("Ельцин Юрий Красный Ильинский", "ru-wikipedia") == (
        "Yeltsin Yury Krasny Ilyinsky")
    assert transliterate("ещё её Мейеровка", "ru-bgn") == "yeshchë yeyë Meyyerovka"
    assert transliterate("Тсар", "ru-bgn") == "T·sar"


def test_apostrophe_only_between_letters() -> None:
    assert transliterate("'Київ' — «Київ»", "uk-national") == "'Kyiv' — «Kyiv»"
    assert transliterate("з’їзд", "uk-bgn-1965") == "z”yizd"
    assert transliterate("под'езд", "ru-icao") == "pod'ezd"  # no apostrophe rule: kept


def test_unmapped_character_error_names_char_position_scheme() -> None:
    with pytest.raises(UnmappedCharacterError) as info:
        transliterate("Шчучын, не Щучин", "be-national-2007")
    err = info.value
    assert (err.char, err.position, err.scheme) == ("Щ", 11, "be-national-2007")
    assert "'Щ'" in str(err) and "position 11" in str(err) and "be-national-2007" in str(err)


@settings(max_examples=200)
@given(st.text(alphabet="абвгдеёжзиійклмнопрстуўфхцчшщъыьэюяАБЩЪЇЄҐ'’ -x1", max_size=25))
def test_error_position_points_at_the_letter(text: str) -> None:
    try:
        transliterate(text, "be-national-2007")
    except UnmappedCharacterError as err:
        assert text[err.position] == err.char and err.char.lower() in "щъїєґ"


def test_fallback_uses_unidecode_and_warns() -> None:
    with pytest.warns(FallbackWarning, match="Щ"):
        assert transliterate("Шчучын, не Щучин", "be-national-2007", errors="fallback") == (
            "Ščučyn, nie Shchučin")


def test_errors_must_be_strict_or_fallback() -> None:
    with pytest.raises(ValueError, match="errors"):
        transliterate("Київ", "uk", errors="ignore")


@pytest.mark.filterwarnings("ignore::translit.romanize.FallbackWarning")
@pytest.mark.parametrize("scheme", [*SCHEME_IDS, "be", "uk", "ru", "auto"])
def test_non_cyrillic_passes_through(scheme: str) -> None:
    text = "Tsikhanouskaya, Zelensky (2024): 42 % — «Ελλάδα» 東京 d'Artagnan’s!\n\t"
    assert transliterate(text, scheme) == text
    assert transliterate(f"{text}Київ", scheme, errors="fallback").startswith(text)


@pytest.mark.parametrize("scheme", SCHEME_IDS)
def test_never_mixed_script(scheme: str) -> None:
    letters = "".join(TABLES[scheme].letters)
    alphabet = letters + letters.upper() + " -'’"

    @settings(max_examples=60)
    @given(st.text(alphabet=alphabet, max_size=40))
    def check(text: str) -> None:
        out = transliterate(text, scheme)
        assert not any("CYRILLIC" in unicodedata.name(c, "") for c in out)

    check()


def test_language_defaults() -> None:
    text = {"be": "Магілёў", "uk": "Київ", "ru": "Ельцин"}
    for lang, scheme in (("be", "be-national-2007"), ("uk", "uk-national"), ("ru", "ru-bgn")):
        assert transliterate(text[lang], lang) == transliterate(text[lang], scheme)


def test_auto_decides_each_word() -> None:
    assert detect_language("Магілёў") == ("be",)
    assert detect_language("Київ") == ("uk",)
    assert detect_language("Подъезд") == ("ru",)
    assert detect_language("Гомель") == ("be", "ru", "uk")
    assert detect_language("З’їзд") == ("uk",)
    assert detect_language("сям'я") == ("be", "uk")
    assert transliterate("Київ і Гомель; Магілёў", "auto") == "Kyiv i Homel; Mahilioŭ"
    assert transliterate("Магілёў і Гомель", "auto") == "Mahilioŭ i Homieĺ"
    # an ambiguous word follows the nearest decided word (Ельцин: ru or uk; Ёлкин: ru)
    assert transliterate("Ельцин и Київ", "auto") == "Eltsyn y Kyiv"
    assert transliterate("Ельцин, Ёлкин и Київ", "auto") == "Yel’tsin, Yëlkin i Kyiv"
    # no clue anywhere: Russian (the ru default, ru-bgn)
    assert transliterate("Гомель", "auto") == "Gomel’"
    # і without и: Belarusian unless a Ukrainian word is nearer
    assert transliterate("Гомель і Мінск", "auto") == "Homieĺ i Minsk"
    assert transliterate("Мінськ і Київ", "auto") == "Minsk i Kyiv"


def test_auto_reports_absolute_positions() -> None:
    with pytest.raises(UnmappedCharacterError) as info:
        transliterate("Київ, Магілёў і ѣ", "auto")
    assert info.value.position == 16


def test_unknown_scheme_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="uk-national") as info:
        transliterate("Київ", "uk-passport")
    assert "auto" in str(info.value) and "be-lacinka" in str(info.value)


def test_decomposed_letters_are_composed() -> None:
    assert transliterate("Андрі\u0438\u0306 І\u0308", "uk-national") == "Andrii Yi"
    assert transliterate("Е\u0308лкин", "ru-alalc") == "Ëlkin"


GOOD = """id: {id}
name: Test
language: be
description: test
document: test
date: "2024"
source: test
letters: {{а: a, б: b}}
rules:
  - {{letters: а, after: [word_start], latin: ja}}
samples:
  - [аба, jaba]
"""


def _write(tmp_path: Path, text: str, name: str = "xx-test") -> SchemeSet:
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return SchemeSet(tmp_path)


def test_a_scheme_is_a_file(tmp_path: Path) -> None:
    schemes_here = _write(tmp_path, GOOD.format(id="xx-test"))
    assert schemes_here.ids() == ["xx-test"]
    assert schemes_here.transliterate("аба Аба б'а", "xx-test") == "jaba Jaba b'a"
    text = GOOD.format(id="xx-test").replace("[word_start]", "[word_start, apostrophe]")
    assert _write(tmp_path, text).transliterate("б'а", "xx-test") == "b'ja"


@pytest.mark.parametrize(("change", "problem", "line"), [
    (("samples:\n  - [аба, jaba]", "samples: [\n"), "not valid YAML", 13),
    (("name: Test", "name: Test\ncolour: red"), "unknown key 'colour' in a scheme file", 3),
    (("id: xx-test", "id: xx-other"), "differs from the file name", 1),
    (("latin: ja}", "latin: [j, a]}"), "rules.latin is a list, not text", 10),
    (("latin: ja}", "each: [j, a]}"), "rule for 'а' (1 letter) has each ['j', 'a']", 10),
    (("latin: ja}", "latin: ja, each: [ja]}"), "a scheme rule has both 'latin' and 'each'", 10),
    (("latin: ja}", "before: [word_end]}"), "a scheme rule has no 'latin' or 'each'", 10),
    (("letters: а,", "letters: в,"), "'в' is not in 'letters'", 10),
    (("letters: а,", "letter: а,"), "'letter' is now 'letters' in a scheme rule", 10),
    (("[word_start]", "[word_start, \"'\"]"), "item \"'\" is now the token apostrophe", 10),
    (("after: [word_start]", "after: [vowels]"), "unknown class 'vowels' in rules.after", 10),
    (("letters: {а: a, б: b}", "letters: {а: a, bb: b}"), "not one lowercase Cyrillic letter",
     8),
    (("date: \"2024\"", "date: 2024"), "date is 2024, not text", 6),
    (("  - [аба, jaba]", "  - [аба]"), "not a [cyrillic, latin] pair", 12),
    (("  - [аба, jaba]", "  - {аба: jaba}"), "samples is a mapping, not a [cyrillic, latin] pair",
     12),
    (("source: test\n", ""), "a scheme file has no 'source'", 1),
    (("language: be", "language: pk"), "language is 'pk', not one of be, ru, uk", 3),
    (("letters: {а: a, б: b}", "letters: {а: a, б: b, а: c}"), "key 'а' appears twice", 8),
])
def test_malformed_scheme_file(tmp_path: Path, change: tuple[str, str], problem: str,
                               line: int) -> None:
    text = GOOD.format(id="xx-test")
    assert change[0] in text
    schemes_here = _write(tmp_path, text.replace(*change))
    with pytest.raises(TableError) as info:
        schemes_here.get("xx-test")
    err = info.value
    assert problem in err.problem
    assert err.path.endswith("xx-test.yaml") and err.fix
    assert err.line == line


def test_two_defaults_for_one_language(tmp_path: Path) -> None:
    for name in ("xx-one", "xx-two"):
        text = GOOD.format(id=name).replace("language: be", "language: be\ndefault: true")
        _write(tmp_path, text, name)
    with pytest.raises(TableError, match="second default scheme for language 'be'"):
        SchemeSet(tmp_path).transliterate("аба", "be")


def _resolve_by_definition(candidates: list[tuple[str, ...]]) -> list[str]:
    """The rule of romanize._resolve, written the slow, obvious way: every decided word
    compared with every undecided one."""
    langs = [c[0] if len(c) == 1 else "" for c in candidates]
    for size in (2, 3):
        decided = list(langs)
        for i, cands in enumerate(candidates):
            if len(cands) == size:
                near = [((abs(i - j), j), lang) for j, lang in enumerate(decided)
                        if j != i and lang in cands]  # fmt: skip
                langs[i] = min(near)[1] if near else next(
                    lang for lang in ("ru", "be", "uk") if lang in cands
                )
    return langs


@given(st.lists(st.sampled_from([("be",), ("ru",), ("uk",), ("be", "uk"), ("be", "ru"),
                                 ("ru", "uk"), ("be", "ru", "uk")]), max_size=40))  # fmt: skip
def test_auto_resolves_words_as_defined(candidates: list[tuple[str, ...]]) -> None:
    """``auto`` picks each ambiguous word's language from its nearest decided word."""
    from translit.romanize import _resolve

    assert _resolve(candidates) == _resolve_by_definition(candidates)


_AUTO_WORDS = st.sampled_from(["Москва", "и", "в", "там", "щука", "съезд", "ёлка", "Київ", "і",
                               "з'їзд", "ґанок", "єдиний", "Магілёў", "ў", "мінск", "ы", "э",
                               "Гомель", "'", "Kiev", "1991", "щ", "ё"])  # fmt: skip


_SCHEMES_ONCE = SchemeSet()


@given(st.lists(_AUTO_WORDS, max_size=12).map(" ".join))
def test_auto_by_the_whole_text_equals_word_by_word(text: str) -> None:
    """``auto`` takes one language for a text whose letters decide it: the same output as
    deciding word by word; a line that is not told one language is decided word by word."""
    from translit.romanize import _line_language, _whole_language

    lang = _whole_language(text)
    by_word = _SCHEMES_ONCE._by_word(text, "fallback", 0, "", "")
    if lang is not None:
        assert _SCHEMES_ONCE.get(lang).romanize(text, "fallback") == by_word
    if lang is not None or not _line_language(text):
        assert _SCHEMES_ONCE._auto(text, "fallback") == by_word


@given(st.lists(st.lists(_AUTO_WORDS, max_size=6).map(" ".join), max_size=6).map("\n".join))
def test_auto_decides_each_line_it_can(text: str) -> None:
    """A line whose Cyrillic letters fit one alphabet only is romanized in that
    language; the others word by word, with the nearest lines told a language before
    and after them counting as decided words; a line without Cyrillic passes through."""
    from translit.romanize import _line_language, _whole_language

    if _whole_language(text) is not None:
        return  # the whole text in one language: the test above
    lines = text.split("\n")
    told = [_line_language(line) for line in lines]
    out = _SCHEMES_ONCE._auto(text, "fallback")[0].split("\n")
    assert len(out) == len(lines)
    for k, (line, lang) in enumerate(zip(lines, told, strict=True)):
        if lang:
            assert out[k] == _SCHEMES_ONCE.get(lang).romanize(line, "fallback")[0]
            continue
        first, last = k, k  # the run of lines not told a language around line k
        while first and not told[first - 1]:
            first -= 1
        while last + 1 < len(lines) and not told[last + 1]:
            last += 1
        before = next((t for t in reversed(told[:first]) if t), "")
        after = next((t for t in told[last + 1 :] if t), "")
        run = "\n".join(lines[first : last + 1])
        by_word = _SCHEMES_ONCE._by_word(run, "fallback", 0, before, after)[0]
        assert out[k] == by_word.split("\n")[k - first]


def test_auto_reads_a_line_from_its_neighbours() -> None:
    # a title without clues takes the language of the line after it
    assert transliterate("Гомель\nМагілёў і Гомель", "auto") == "Homieĺ\nMahilioŭ i Homieĺ"
    # і and ё in different words, so no word decides alone: the line is Belarusian
    # (word by word, ёлка would be Russian: Belarusian or Russian, no decided word)
    assert transliterate("Мінск і ёлка", "auto") == "Minsk i jolka"
