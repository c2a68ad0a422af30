"""translit on Dask: a bag of texts or a dataframe column, normalized on every worker.

Needs ``pip install 'translit-names[dask]'`` (``import translit`` never imports Dask).
The helpers take the :class:`~translit.Normalizer`'s arguments, not a
Normalizer: the tasks carry a :class:`~translit.corpus.parallel.Recipe` of a few
bytes, and each worker process builds its Normalizer once, on its first task,
from the compiled-table cache (a cold machine compiles the table once, then
caches it), and keeps it for every later task. Alias tables must be readable at
the same path on every worker.

The result is the one of a single process: ``normalize_bag(bag).compute()``
equals ``[Normalizer().normalize(text) for text in bag]``. Items that are not
strings (None, NaN) are left as they are; their mentions are ``[]``.

>>> import dask.bag as db
>>> bag = db.from_sequence(["Lukashenko visited Kiev", "Gomel", None], npartitions=2)
>>> normalize_bag(bag).compute(scheduler="sync")
['Lukashenka visited Kyiv', 'Homiel', None]
>>> [[m.replacement for m in found] for found in find_bag(bag).compute(scheduler="sync")]
[['Lukashenka', 'Kyiv'], ['Homiel'], []]
>>> import pandas as pd, dask.dataframe as dd
>>> frame = dd.from_pandas(pd.DataFrame({"id": [1, 2], "text": ["Kiev", "Minsk"]}), npartitions=1)
>>> normalize_columns(frame, ["text"], style="de").compute(scheduler="sync")["text"].tolist()
['Kiew', 'Minsk']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from translit.corpus.parallel import Recipe, normalizer_for
from translit.mention import Mention

__all__ = ["find_bag", "find_series", "normalize_bag", "normalize_columns", "normalize_series"]


def _recipe(
    aliases: Sequence[str | Path],
    style: str,
    include_default: bool,
    replace_inflected: bool,
    places: bool,
) -> Recipe:
    if isinstance(aliases, (str, Path)):
        aliases = [aliases]
    return Recipe(
        tuple(str(a) for a in aliases), style, include_default, replace_inflected, places
    )


def normalize_bag(
    bag: Any,
    aliases: Sequence[str | Path] = (),
    *,
    style: str = "en",
    include_default: bool = True,
    replace_inflected: bool = False,
    places: bool = True,
) -> Any:
    """The ``dask.bag.Bag`` of *bag*'s texts normalized by ``Normalizer(aliases, ...)``."""
    recipe = _recipe(aliases, style, include_default, replace_inflected, places)
    return bag.map_partitions(_normalize_all, recipe)


def find_bag(
    bag: Any,
    aliases: Sequence[str | Path] = (),
    *,
    style: str = "en",
    include_default: bool = True,
    replace_inflected: bool = False,
    places: bool = True,
) -> Any:
    """The bag of each text's mentions (lists of :class:`~translit.Mention`)."""
    recipe = _recipe(aliases, style, include_default, replace_inflected, places)
    return bag.map_partitions(_find_all, recipe)


def normalize_series(
    series: Any,
    aliases: Sequence[str | Path] = (),
    *,
    style: str = "en",
    include_default: bool = True,
    replace_inflected: bool = False,
    places: bool = True,
) -> Any:
    """The ``dask.dataframe.Series`` of texts normalized; same index, name and dtype."""
    recipe = _recipe(aliases, style, include_default, replace_inflected, places)
    return series.map_partitions(_normalize_part, recipe, meta=series._meta)


def find_series(
    series: Any,
    aliases: Sequence[str | Path] = (),
    *,
    style: str = "en",
    include_default: bool = True,
    replace_inflected: bool = False,
    places: bool = True,
) -> Any:
    """The Series of each text's mentions (lists of :class:`~translit.Mention`, dtype object)."""
    recipe = _recipe(aliases, style, include_default, replace_inflected, places)
    return series.map_partitions(_find_part, recipe, meta=(series.name, "object"))


def normalize_columns(
    frame: Any,
    columns: Iterable[str],
    aliases: Sequence[str | Path] = (),
    *,
    style: str = "en",
    include_default: bool = True,
    replace_inflected: bool = False,
    places: bool = True,
) -> Any:
    """The ``dask.dataframe.DataFrame`` *frame* with its text *columns* normalized."""
    return frame.assign(**{
        c: normalize_series(frame[c], aliases, style=style, include_default=include_default,
                            replace_inflected=replace_inflected, places=places)
        for c in columns
    })  # fmt: skip


def _normalize_all(texts: Iterable[Any], recipe: Recipe) -> list[Any]:
    normalizer = normalizer_for(recipe)
    return [normalizer.normalize(t) if isinstance(t, str) else t for t in texts]


def _find_all(texts: Iterable[Any], recipe: Recipe) -> list[list[Mention]]:
    normalizer = normalizer_for(recipe)
    return [normalizer.find(t) if isinstance(t, str) else [] for t in texts]


def _normalize_part(part: Any, recipe: Recipe) -> Any:
    normalizer = normalizer_for(recipe)
    values = [normalizer.normalize(t) if isinstance(t, str) else t for t in part]
    return type(part)(values, index=part.index, name=part.name, dtype=part.dtype)


def _find_part(part: Any, recipe: Recipe) -> Any:
    normalizer = normalizer_for(recipe)
    values = [normalizer.find(t) if isinstance(t, str) else [] for t in part]
    return type(part)(values, index=part.index, name=part.name, dtype=object)
