"""Which mentions change a document: those outside the spans its markup protects,
and not spelled as the user allows; the others are left, each with the reason.

>>> from translit import Normalizer
>>> text = "Kiev `Kiev` Gomel"
>>> [m.text for m in kept(text, Normalizer().find(text), "markdown", allowed(["gomel"]))]
['Kiev']
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from translit.documents.lines import merge
from translit.documents.markup import protected_spans
from translit.mention import Mention
from translit.text.fold import fold_word

__all__ = ["ALLOWED", "PROTECTED", "SOURCE", "allowed", "kept", "sort_out"]

Span = tuple[int, int]


def allowed(forms: Iterable[str]) -> frozenset[str]:
    """The matching keys of spellings that stay as written."""
    return frozenset(" ".join(fold_word(form).split()) for form in forms)


ALLOWED = "allowed by --allow or the config's allow"
"""Why a mention spelled as ``--allow`` or the config's ``allow`` says stays."""
PROTECTED = "protected (code, a link, a URL, [sic] or a translit: ignore comment)"
"""Why a mention in a protected span (:func:`~translit.documents.markup.protected_spans`) stays."""
SOURCE = "in a source or data file (its prose is not told from its code)"
"""Why a mention in a source or data file (the whole file is protected) stays."""


def kept(
    text: str,
    mentions: Iterable[Mention],
    kind: str,
    allow: frozenset[str],
    extra: Sequence[Span] = (),
) -> list[Mention]:
    """The mentions of *mentions* that change *text*: not allowed, not in a protected span
    (of the file type *kind*, or one of the spans *extra*)."""
    return sort_out(text, mentions, kind, allow, extra)[0]


def sort_out(
    text: str,
    mentions: Iterable[Mention],
    kind: str,
    allow: frozenset[str],
    extra: Sequence[Span] = (),
    *,
    explain: bool = False,
    spans: Sequence[Span] | None = None,
) -> tuple[list[Mention], list[Mention]]:
    """The mentions of *mentions* that change *text* (as :func:`kept`), and with *explain*
    those left as written, in order, each with its reason in ``left``: the library's
    (``the text discusses the spelling``, ``French adjective`` ...), or this module's:
    in a protected span (:data:`PROTECTED`, :data:`SOURCE`), spelled as *allow* says
    (:data:`ALLOWED`). Without *explain* the second list is empty, and only the
    mentions that change are looked at. *spans*: the protected spans, when the caller
    knows them (a window of a longer text: :mod:`translit.cli.pipe`), instead of those of
    *kind* and *extra*.

    >>> from translit import Normalizer
    >>> text = "Kiev [sic], Kiev, Gomel, Лукашенко"
    >>> changes, left = sort_out(text, Normalizer().find(text), "plain", allowed(["Gomel"]),
    ...                          explain=True)
    >>> [m.start for m in changes]
    [12]
    >>> for m in left:
    ...     print(m.start, m.text, "-", m.left)
    0 Kiev - protected (code, a link, a URL, [sic] or a translit: ignore comment)
    18 Gomel - allowed by --allow or the config's allow
    25 Лукашенко - written in another script
    """
    candidates = [m for m in mentions if m.changed or (explain and m.left)]
    if allow and not explain:
        candidates = [m for m in candidates if not _allowed(m, allow)]
    if not candidates:
        return [], []
    if spans is None:
        spans = protected_spans(text, kind)
        if extra:
            spans = merge([*spans, *extra])
    starts = [start for start, _ in spans]
    keep, left = [], []
    for m in candidates:
        i = bisect.bisect_left(starts, m.end) - 1
        if i >= 0 and spans[i][1] > m.start:
            why = SOURCE if kind == "code" else PROTECTED
        elif not m.changed:
            why = m.left
        elif allow and _allowed(m, allow):
            why = ALLOWED
        else:
            keep.append(m)
            continue
        if explain:
            left.append(m._replace(replacement=m.text, left=why))
    return keep, left


def _allowed(mention: Mention, allow: frozenset[str]) -> bool:
    return " ".join(fold_word(mention.text).split()) in allow
