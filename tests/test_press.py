"""Press languages: every language file's samples, and every letter of every transcription.

The data drives the tests: each ``samples:`` pair of a language file's
``transcription`` block must be among the spellings that language makes (compared
folded, as the matcher compares them), and no Cyrillic letter may pass through.
"""

from __future__ import annotations

import pytest

from translit.tables.press import load_press, spellings
from translit.text.fold import fold_word

ALPHABET = "абвгґдеёєжзиіїйклмнопрстуўфхцчшщъыьэюя'"
PRESSES = load_press()
SAMPLES = [
    pytest.param(lang, cyrillic, latin, id=f"{lang}:{latin}")
    for lang, press in sorted(PRESSES.items())
    for cyrillic, latin in press.samples
]


@pytest.mark.parametrize(("lang", "cyrillic", "latin"), SAMPLES)
def test_sample_is_generated(lang: str, cyrillic: str, latin: str) -> None:
    made = {fold_word(s) for s in spellings(cyrillic, PRESSES[lang])}
    assert fold_word(latin) in made


@pytest.mark.parametrize("lang", sorted(PRESSES))
def test_every_letter_is_transcribed(lang: str) -> None:
    """Into Latin letters, or, for a language written in Cyrillic (Bulgarian,
    Serbian), into the letters of its own alphabet only."""
    press = PRESSES[lang]
    assert [c for c in ALPHABET if c not in press.letters] == []
    for letter in ALPHABET:
        for spelling in spellings(letter, press):
            if press.alphabet:
                assert set(spelling) <= press.alphabet, (letter, spelling)
            else:
                assert not any(c in ALPHABET for c in spelling.replace("'", "")), (letter, spelling)


@pytest.mark.parametrize("lang", sorted(PRESSES))
def test_enough_samples(lang: str) -> None:
    assert len(PRESSES[lang].samples) >= 8


@pytest.mark.parametrize("lang", sorted(PRESSES))
def test_a_russian_form_takes_each_letters_first_spelling(lang: str) -> None:
    """A Russian form is spelled with the Russian letter values (the first of each
    letter's spellings), among the spellings of the same letters from any language."""
    press = PRESSES[lang]
    for name in ("Владимир Путин", "Гомель", "Ичня", "Медведев"):
        russian = spellings(name, press, "ru")
        assert set(russian) <= set(spellings(name, press)), name
        assert set(russian) <= set(spellings(name, press, "uk")), name
    first, *others = press.letters["и"]
    if others:  # "Иван" is never Ukrainian "Yvan" from the Russian form
        assert all(s.startswith(first) for s in spellings("Иван", press, "ru")), lang
        assert any(s.startswith(tuple(others)) for s in spellings("Иван", press)), lang
