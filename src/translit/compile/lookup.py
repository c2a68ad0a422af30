"""Reading a folded word against the table's word forms
(:class:`~translit.compile.index.WordForms`): the word
of the table it is, or the word it is a case form of.

The matcher and the checks ask this of every word they cannot tell from the
automaton's hit alone, so it is compiled with the matcher (mypyc), though it belongs
to the compiled table, which builds the forms (:mod:`translit.compile.wordforms`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translit.compile.index import WordForms

__all__ = ["case_reading", "lookup"]


def lookup(forms: WordForms, word: str, weak: bool = False) -> tuple[str, bool] | None:
    """(the table's word, inflected) for a folded *word*, or None; a weak form only
    when *weak*."""
    if word in forms.words:
        return word, False
    owner = case_reading(forms, word, weak)
    return None if owner is None else (owner, True)


def case_reading(forms: WordForms, word: str, weak: bool = False) -> str | None:
    """The table's word that the folded *word* is a case form of (a stem and one of its
    endings), or None; a weak form only when *weak*. :func:`lookup` asks this only of a
    word that is not itself a word of the table; the matcher also asks it of a word of
    the table that is no name alone, when no phrase of it completes (Донецька, the
    first word of Донецька область, and the genitive of Донецьк)."""
    for cut in range(len(word) - 1, max(0, len(word) - forms.longest_ending) - 1, -1):
        stem = forms.stems.get(word[:cut])
        if stem is not None and word[cut:] in stem[1]:
            if word in forms.weak and not weak:
                return None
            owner = stem[0]
            return owner if isinstance(owner, str) else owner[word[cut:]]
    return None
