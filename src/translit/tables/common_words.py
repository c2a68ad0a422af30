"""Common words of the press languages, so that generated spellings do not hit them.

``common_words.txt.gz`` holds the most frequent words of each press language
(wordfreq's top lists, folded as the matcher folds them), each with the
languages whose list has it; ``scripts/build_common_words.py`` builds it.

A generated spelling (a press transcription or an inflected form) that is a
common word of a language *other than the ones that generated it* belongs to
that language's vocabulary: German *Buche* (beech) is not the Czech locative
of Bucha. Frequency lists also hold names, which is why a language's own
generated forms are not checked against its own list: Polish *Putinem* is common
in Polish news, and is Putin.

>>> words = CommonWords.load()
>>> words.clashes("buche", {"cs", "pl"}), words.clashes("putinem", {"pl"})
(True, False)
"""

from __future__ import annotations

import bisect
import gzip
from functools import lru_cache
from importlib import resources

__all__ = ["CommonWords"]


class CommonWords:
    """Folded common words and the languages each belongs to."""

    def __init__(self, languages: list[str], masks: dict[str, str]) -> None:
        self._bits = {lang: 1 << i for i, lang in enumerate(languages)}
        self._masks = masks  # word -> its languages as a hexadecimal bit mask
        self._sorted = sorted(masks)

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> CommonWords:
        """The bundled list."""
        data = (resources.files("translit") / "data" / "common_words.txt.gz").read_bytes()
        header, _, body = gzip.decompress(data).decode("utf-8").partition("\n")
        # "word<TAB>mask" lines: split once, not line by line, and leave the masks
        # as text until a word is asked about (a few thousand of 300,000 are)
        fields = body.replace("\t", "\n").split("\n")
        return CommonWords(
            header.lstrip("#").split(), dict(zip(fields[::2], fields[1::2], strict=True))
        )

    def starting_with(self, prefix: str) -> list[str]:
        """The common words that begin with *prefix*."""
        i = bisect.bisect_left(self._sorted, prefix)
        if i == len(self._sorted) or not self._sorted[i].startswith(prefix):
            return []  # most stems begin no common word: one search, not two
        j = bisect.bisect_left(self._sorted, prefix + "\U0010ffff", i)
        return self._sorted[i:j]

    def clashes(self, word: str, own: set[str] | frozenset[str]) -> bool:
        """True when folded *word* is common in a language outside *own*.

        ``und`` (a scheme's output, or a form of no one language) counts as no
        language of its own, so any list clashes with it.
        """
        mask = int(self._masks.get(word, "0"), 16)
        for lang in own:
            mask &= ~self._bits.get(lang, 0)
        return mask != 0
