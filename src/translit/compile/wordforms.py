"""Every written form of every word of the table, and the anchors the automaton seeks.

A word of the table (``lukashenko``) is written as itself or inflected
(``lukashenki``, ``lukashenkos``, see :mod:`translit.tables.inflection`). The words
go into one dictionary, and their stems into another, each stem with the set of
endings that may follow it (sets shared between stems): a form is found by
its longest stem, and no form is stored, so a table of 100,000 words stays
small. The automaton holds no inflected form: it holds the words themselves and
their *anchors*, the shortest prefixes that every form of a word shares (its
shortest stem, at least :data:`MIN_ANCHOR` letters; a letter longer where that
begins a common word the forms do not go on as: :func:`_lengthened`), and no
anchor that another anchor begins (:mod:`translit.compile.finder`). So a name in
the text is one automaton hit: a word as written in the table ends where the hit
ends; at an anchor, the matcher reads the whole word and looks it up.

A *weak* form is also a common word of a language that did not generate it
(German *Buche* is not the Czech locative of Bucha): ``canonical()`` takes it,
running text does not.

>>> from translit.compile.lookup import lookup
>>> forms = word_forms({"vitsebsk"}, {"vitsebsk": {"en"}})
>>> lookup(forms, "vitsebsk"), lookup(forms, "vitsebskam"), "vitsebs" in forms.anchors
(('vitsebsk', False), ('vitsebsk', True), True)
"""

from __future__ import annotations

from translit.compile.index import WordForms
from translit.compile.lookup import lookup
from translit.tables.common_words import CommonWords
from translit.tables.inflection import Endings, Stemmer, load_rules
from translit.text.casing import is_cyrillic

__all__ = ["MIN_ANCHOR", "next_characters", "word_forms"]

MIN_ANCHOR = 4
"""Shortest anchor, in letters (shorter words are their own anchor)."""

_INTERNATIONAL = {"en", "und"}  # canonical forms, English press and scheme outputs
_ORIGINAL = {"be", "ru", "uk"}  # the original scripts' languages
_NONE: frozenset[str] = frozenset()


def word_forms(
    words: set[str],
    langs: dict[str, set[str]],
    apart: frozenset[str] = frozenset(),
    apart_starts: set[str] | None = None,
) -> WordForms:
    """The forms of *words* and the automaton's anchors.

    A Latin word takes the endings of its own languages (*langs*), and of every
    language when it is an international form (canonical, English, a scheme's
    output); a Cyrillic word takes the endings of all three Cyrillic languages.
    The words *apart* (the automaton does not seek them) give no anchors: what they
    would give goes into *apart_starts* (every one, not only the shortest).
    """
    stemmers = {script: Stemmer(rules) for script, rules in load_rules().items()}
    common = CommonWords.load()
    stems: dict[str, tuple[str | dict[str, str], frozenset[str]]] = {}
    pool = _Pool()
    weak: set[str] = set()
    strong: set[str] = set()
    sought: set[str] = set()
    aside: set[str] = apart_starts if apart_starts is not None else set()
    first = _INTERNATIONAL | _ORIGINAL
    for word in sorted(words):
        starts = aside if word in apart else sought
        script = "Cyrl" if is_cyrillic(word) else "Latn"
        own = langs.get(word, set())
        every = script == "Cyrl" or bool(own & _INTERNATIONAL)
        stemmer = stemmers.get(script)
        found = stemmer.stems(word, None if every else frozenset(own)) if stemmer else {}
        shortest = min((len(s) for s in found), default=len(word))
        starts.add(word[: max(MIN_ANCHOR, shortest)])
        for stem, endings in found.items():
            for common_word in common.starting_with(stem):  # few: no form is built
                by = endings.get(common_word[len(stem) :])
                if by is not None:  # weak unless some word of the table makes it safely
                    clash = common.clashes(common_word, by | own)
                    (weak if clash else strong).add(common_word)
            if shortest < MIN_ANCHOR:  # forms may part before the anchor's length
                starts.update((stem + ending)[:MIN_ANCHOR] for ending in endings)
            names = pool.names(endings)
            old = stems.get(stem)
            if old is None:
                stems[stem] = (word, names)
            else:  # two words share the stem (беларусь, беларускі): each ending stays
                # with the word whose rules made it; if both, the table's own word
                # (an original, canonical or English form) before a press spelling
                owners = dict.fromkeys(old[1], old[0]) if isinstance(old[0], str) else old[0]
                own_first = bool(own & first)
                for ending in names:
                    had = owners.get(ending)
                    if had is None or (own_first and not langs.get(had, _NONE) & first):
                        owners[ending] = word
                stems[stem] = (owners, pool.pooled(names | old[1]))
    forms = WordForms(
        frozenset(words),
        stems,
        frozenset(weak - strong - words),
        pool.longest,
        _minimal(sought),
        max((w.count("-") + w.count("'") for w in words), default=0),
    )
    forms.anchors = _lengthened(forms, common)
    return forms


def _lengthened(forms: WordForms, common: CommonWords) -> set[str]:
    """The anchors of *forms*, each that begins a common word where no form of the table
    goes on as that word does replaced by itself and each letter that follows it in the
    forms (*stat* by *statn*, when every form that begins with *stat* goes on with *n*):
    the automaton then finds nothing in "statement", where it found *stat* and the
    matcher dropped the hit at once (with 100,000 made-up names, 8,900 such hits per MB
    of German, 2,400 of English). Only an anchor that no form is itself, and that only
    letters follow. No anchor begins another one afterwards either.

    >>> sorted(word_forms({"homiel"}, {"homiel": {"en"}}).anchors)  # not homi: homily
    ['homie', 'homil']
    """
    anchors = set(forms.anchors)
    for anchor, after in _after_anchors(forms, 1).items():
        if not after or not all(ch.isalpha() for ch in after):
            continue
        begun = common.starting_with(anchor)
        if not any(len(w) > len(anchor) and w[len(anchor)] not in after for w in begun):
            continue  # no common word it would stop hitting
        if lookup(forms, anchor, weak=True) is not None:
            continue  # a form of the table itself (a weak one too, which canonical()
            # reads): it must still be found
        anchors.discard(anchor)
        anchors.update(anchor + ch for ch in after)
    return _minimal(anchors)


def next_characters(forms: WordForms) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """For each anchor of *forms* that is no word of the table, what comes right after it
    in the forms that begin with it (the table's words, and each stem with each of its
    endings): the characters, sorted, and the pairs of characters, with an ``s`` after
    the character of a form one longer than the anchor (a genitive -s may follow it). A
    word of the text that goes on otherwise after the anchor is no form, nor a form
    and a genitive -s: the matcher drops it at once ("statement" at an anchor "stat",
    when no form goes on "state..." or, by the pairs, none goes on "statem...").

    >>> forms = word_forms({"vitsebsk", "statovich"}, {"vitsebsk": {"en"}, "statovich": {"en"}})
    >>> letters, pairs = next_characters(forms)
    >>> sorted(forms.anchors), letters
    (['statovich', 'vitsebs'], {'vitsebs': 'k'})
    >>> "ka" in pairs["vitsebs"], "ks" in pairs["vitsebs"], "km" in pairs["vitsebs"]  # Vitsebska
    (True, True, False)
    """
    found = _after_anchors(forms, 2)
    letters = {anchor: "".join(sorted({a[0] for a in after})) for anchor, after in found.items()}
    pairs = {
        anchor: frozenset(a if len(a) == 2 else a + "s" for a in after)
        for anchor, after in found.items()
    }
    return letters, pairs


def _after_anchors(forms: WordForms, length: int) -> dict[str, set[str]]:
    """For each anchor of *forms* that is no word of the table, the first *length*
    characters after it of each form that begins with it (fewer where the form ends
    sooner), found without making every form: each word, and each stem with the
    endings that reach past the anchor."""
    found: dict[str, set[str]] = {a: set() for a in forms.anchors if a not in forms.words}
    if not found:
        return {}
    heads: dict[str, list[str]] = {}  # the anchors by their first MIN_ANCHOR letters
    for anchor in found:  # (every one has as many or more)
        heads.setdefault(anchor[:MIN_ANCHOR], []).append(anchor)

    def anchor_of(text: str, low: int, high: int) -> str | None:
        """The anchor that begins *text*, of *low* to *high* - 1 characters (anchors
        begin no other anchor: one at most)."""
        for anchor in heads.get(text[:MIN_ANCHOR], ()):
            if low <= len(anchor) < high and text.startswith(anchor):
                return anchor
        return None

    for word in forms.words:
        at = anchor_of(word, 1, len(word))
        if at is not None:
            found[at].add(word[len(at) : len(at) + length])
    starts: dict[tuple[int, int], set[str]] = {}  # the beginnings of each (pooled) set
    # of endings, by its id and the length taken
    for stem, (_, endings) in forms.stems.items():
        if len(stem) >= MIN_ANCHOR and stem[:MIN_ANCHOR] not in heads:
            continue  # (most stems: no anchor here begins their forms)
        at = anchor_of(stem, 1, len(stem) + 1)
        if at is not None:  # every form goes on with the rest of the stem, then an ending
            rest = stem[len(at) : len(at) + length]
            short = length - len(rest)
            if not short:
                found[at].add(rest)
                continue
            begun = starts.get((id(endings), short))
            if begun is None:
                begun = starts[id(endings), short] = {ending[:short] for ending in endings}
            found[at].update(rest + begin for begin in begun if rest + begin)
        elif len(stem) < MIN_ANCHOR:  # an anchor longer than the stem, if any
            for ending in endings:
                form = stem + ending
                at = anchor_of(form, len(stem) + 1, len(form))
                if at is not None:
                    found[at].add(form[len(at) : len(at) + length])
        else:
            for anchor in heads.get(stem[:MIN_ANCHOR], ()):
                rest = anchor[len(stem) :]
                if rest and anchor.startswith(stem):
                    found[anchor].update(
                        e[len(rest) : len(rest) + length]
                        for e in endings
                        if len(e) > len(rest) and e.startswith(rest)
                    )
    return found


class _Pool:
    """One copy of each set of endings, and the longest ending of them all.

    The stemmer hands out the same :data:`~translit.tables.inflection.Endings` for every
    word that ends alike, so each is made a frozenset once, not once per word. The
    stemmers keep those objects alive while the forms are built, so an ``id``
    names one of them for the whole time.
    """

    def __init__(self) -> None:
        self._sets: dict[frozenset[str], frozenset[str]] = {}
        self._by_id: dict[int, frozenset[str]] = {}
        self.longest = 0

    def names(self, endings: Endings) -> frozenset[str]:
        """The pooled set of the endings in *endings*."""
        names = self._by_id.get(id(endings))
        if names is None:
            names = self._by_id[id(endings)] = self.pooled(frozenset(endings))
        return names

    def pooled(self, names: frozenset[str]) -> frozenset[str]:
        """The pool's copy of *names*."""
        if names not in self._sets:
            self._sets[names] = names
            self.longest = max(self.longest, *map(len, names)) if names else self.longest
        return self._sets[names]


def _minimal(prefixes: set[str]) -> set[str]:
    """*prefixes* without those that another one of them begins.

    In sorted order, the words that begin with a prefix come right after it; so a
    prefix is kept unless it begins with the last prefix kept (the empty string
    begins every word but is no word's beginning: nothing follows it here).
    """
    result: set[str] = set()
    last = ""
    for prefix in sorted(prefixes):
        if not last or not prefix.startswith(last):
            result.add(prefix)
            last = prefix
    return result
