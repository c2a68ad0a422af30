"""Build src/translit/common_words.txt.gz from wordfreq's frequency lists.

Usage: pip install wordfreq && python scripts/build_common_words.py

For each press language translit generates spellings for, the TOP most
frequent words (wordfreq 3.1, "best" wordlist), folded as the matcher folds
them, one per line, sorted. The file is data shipped in the wheel; this script
is the recipe, run again when the language list or the fold changes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import wordfreq  # type: ignore[import-not-found]

from translit.fold import fold_word

LANGUAGES = [
    "en", "de", "fr", "pl", "cs", "sk", "nl", "es", "it", "pt", "lt", "lv", "hu", "tr", "ro",
    "hr", "sl", "sr", "fi", "nb", "sv", "da",
]  # fmt: skip
TOP = 20_000
OUT = Path(__file__).resolve().parents[1] / "src" / "translit" / "common_words.txt.gz"


def main() -> None:
    words: set[str] = set()
    for lang in LANGUAGES:
        for word in wordfreq.top_n_list(lang, TOP):
            if word.isalpha() and len(word) >= 3:
                words.add(fold_word(word))
    OUT.write_bytes(gzip.compress("\n".join(sorted(words)).encode("utf-8"), mtime=0))
    print(f"{len(words)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
