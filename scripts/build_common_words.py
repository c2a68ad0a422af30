"""Build src/translit/data/common_words.txt.gz from wordfreq's frequency lists.

Usage: pip install wordfreq && python scripts/build_common_words.py

For each press language translit generates spellings for, the TOP most
frequent words (wordfreq 3.1, "best" wordlist), folded as the matcher folds
them. Format: a first line "#" + the language ids, then one line per word,
sorted: the word, a tab, and the hexadecimal bit mask of the languages whose
list has it. wordfreq languages are mapped to translit's language files
(nb, sv, da -> no; sl, sr -> hr). The file is data shipped in the wheel; this
script is the recipe, run again when the language list or the fold changes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import wordfreq  # type: ignore[import-not-found]

from translit.text.fold import fold_word

LANGUAGES = {
    "en": "en", "de": "de", "fr": "fr", "pl": "pl", "cs": "cs", "sk": "sk", "nl": "nl",
    "es": "es", "it": "it", "pt": "pt", "lt": "lt", "lv": "lv", "hu": "hu", "tr": "tr",
    "ro": "ro", "hr": "hr", "sl": "hr", "sr": "hr", "fi": "fi", "nb": "no", "sv": "no",
    "da": "no",
}  # fmt: skip
TOP = 20_000
OUT = Path(__file__).resolve().parents[1] / "src" / "translit" / "data" / "common_words.txt.gz"


def main() -> None:
    ids = sorted(set(LANGUAGES.values()))
    masks: dict[str, int] = {}
    for source, lang in LANGUAGES.items():
        bit = 1 << ids.index(lang)
        for word in wordfreq.top_n_list(source, TOP):
            if word.isalpha() and len(word) >= 3:
                key = fold_word(word)
                masks[key] = masks.get(key, 0) | bit
    lines = ["#" + " ".join(ids)] + [f"{w}\t{masks[w]:x}" for w in sorted(masks)]
    OUT.write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), mtime=0))
    print(f"{len(masks)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
