"""Build src/translit/data/language_words.txt: the most frequent words of each language,
which :mod:`translit.text.language` uses to tell the language of a paragraph.

Usage: pip install wordfreq && python scripts/build_language_words.py

For each language of the press that wordfreq 3.1 covers, its TOP most frequent
words ("best" wordlist: Wikipedia, subtitles, news, books, web text), lower case
and in order of frequency, one language a line: the language id, a tab, the
words separated by spaces. Belarusian has no wordfreq list; translit tells it
from Russian and Ukrainian by its letters (ў, і without и). Swedish, Danish and
Norwegian Bokmål share translit's language file ``no`` but keep their own lines
here (``sv``, ``da``, ``nb``), mapped to ``no`` when read; so do Slovene and
Serbo-Croatian (``sl``, ``sh``: ``hr``). Estonian has no wordfreq list.
"""

from __future__ import annotations

from pathlib import Path

import wordfreq  # type: ignore[import-not-found]

LANGUAGES = [
    "en", "de", "fr", "pl", "cs", "sk", "nl", "es", "it", "pt", "lt", "lv", "hu", "tr",
    "ro", "sh", "sl", "fi", "nb", "sv", "da", "ru", "uk", "bg",
]  # fmt: skip
TOP = 300
OUT = Path(__file__).resolve().parents[1] / "src" / "translit" / "data" / "language_words.txt"


def main() -> None:
    lines = [
        "# The TOP most frequent words of each language, most frequent first (wordfreq 3.1,",
        "# 'best' list; CC BY-SA 4.0 data): built by scripts/build_language_words.py.",
    ]
    for lang in LANGUAGES:
        words = [w for w in wordfreq.top_n_list(lang, TOP * 2) if w.isalpha()][:TOP]
        lines.append(lang + "\t" + " ".join(words))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
