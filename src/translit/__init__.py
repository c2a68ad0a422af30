"""translit: one canonical spelling for the names of the Belarus / Ukraine / Russia news world.

>>> import translit
>>> translit.normalize("Lukashenko visited Kiev")
'Lukashenka visited Kyiv'
>>> [(m.text, m.replacement, m.entity) for m in translit.find("Gomel, not Gomez")]
[('Gomel', 'Homiel', 'homiel')]
>>> translit.canonical("Тихановская")
'Tsikhanouskaya'

The module-level functions use one default :class:`Normalizer` (bundled table,
style ``en``), built on first use.
"""

from __future__ import annotations

import _thread  # threading itself costs a few ms of every start-up; its Lock is this one
from typing import TYPE_CHECKING, Any

from translit.errors import TableError, TranslitError, UnmappedCharacterError
from translit.mention import Mention, apply_mentions
from translit.version import __version__

if TYPE_CHECKING:
    from translit.normalizer import Normalizer
    from translit.romanize import FallbackWarning

__all__ = [
    "FallbackWarning",
    "Mention",
    "Normalizer",
    "TableError",
    "TranslitError",
    "UnmappedCharacterError",
    "__version__",
    "apply_mentions",
    "canonical",
    "find",
    "normalize",
    "schemes",
    "transliterate",
]


_default: Normalizer | None = None
_lock = _thread.allocate_lock()


def _normalizer() -> Normalizer:
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                from translit.normalizer import Normalizer

                _default = Normalizer()
    return _default


def normalize(text: str, *, style: str | None = None, lang: str | None = None) -> str:
    """*text* with every known name in its canonical form; everything else byte-identical.
    *lang*: the text's language (None: told per paragraph)."""
    return _normalizer().normalize(text, style=style, lang=lang)


def find(text: str, *, style: str | None = None, lang: str | None = None) -> list[Mention]:
    """The mentions of known names in *text*: span, entity, replacement and reason, and
    for a mention left as written, why (``left``)."""
    return _normalizer().find(text, style=style, lang=lang)


def canonical(name: str, *, style: str | None = None) -> str | None:
    """The canonical form of one name given alone, or None when it is not known."""
    return _normalizer().canonical(name, style=style)


def transliterate(text: str, scheme: str, *, errors: str = "strict") -> str:
    """Romanize Cyrillic *text* with *scheme* (an id of :func:`schemes`, or be, uk, ru, auto).

    >>> transliterate("Ціханоўская", "be-lacinka")
    'Cichanoŭskaja'
    """
    from translit.romanize import transliterate as run

    return run(text, scheme, errors=errors)


def schemes() -> list[str]:
    """The ids of the romanization schemes, one per file in ``translit/data/schemes/``."""
    from translit.romanize import schemes as ids

    return ids()


def __getattr__(name: str) -> Any:
    if name == "Normalizer":
        from translit.normalizer import Normalizer

        return Normalizer
    if name == "FallbackWarning":
        from translit.romanize import FallbackWarning

        return FallbackWarning
    raise AttributeError(f"module 'translit' has no attribute {name!r}")
