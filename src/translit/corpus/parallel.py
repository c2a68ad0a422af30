"""Work spread over processes: one Normalizer per process, results in input order.

* :class:`Recipe` holds a :class:`~translit.Normalizer`'s arguments. It is what
  travels to other processes (a few bytes), and :func:`normalizer_for` builds
  the Normalizer once per process from it, from the compiled-table cache (about
  50 ms), then reuses it for every batch or task. The Dask helpers
  (:mod:`translit.corpus.dask`) and ``translit normalize --jobs`` both use it.
* :func:`ordered_map` applies a function to batches on a process pool, at most
  ``2 * jobs`` batches in flight (so memory stays bounded however long the
  input), and yields the results in the order of the batches.
* :class:`Meter` is the progress line of a long run on a terminal.

>>> recipe = Recipe(style="en")
>>> normalizer_for(recipe) is normalizer_for(Recipe(style="en"))
True
>>> list(ordered_map(len, [[1, 2], [3]], jobs=1))
[2, 1]
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO, TypeVar

if TYPE_CHECKING:
    from translit.normalizer import Normalizer

__all__ = ["PARENT_CHECK", "Meter", "Recipe", "exit_with_parent", "normalizer_for", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")


class Recipe(NamedTuple):
    """The arguments of a :class:`~translit.Normalizer`: cheap to pickle, and a cache key.
    (A named tuple, not a dataclass: the workers of ``translit normalize`` over many
    files import this module as they start, and :mod:`dataclasses` imports
    :mod:`inspect`, about 6 ms.)"""

    aliases: tuple[str, ...] = ()
    style: str = "en"
    include_default: bool = True
    replace_inflected: bool = False
    places: bool = True

    def build(self) -> Normalizer:
        """A new Normalizer with these arguments."""
        from translit.normalizer import Normalizer

        return Normalizer(
            list(self.aliases),
            style=self.style,
            include_default=self.include_default,
            replace_inflected=self.replace_inflected,
            places=self.places,
        )


_built: dict[Recipe, Normalizer] = {}
_lock = threading.Lock()


def normalizer_for(recipe: Recipe, built: Normalizer | None = None) -> Normalizer:
    """The Normalizer of *recipe* in this process, built on first use and kept (an alias
    table edited later is not read again). *built*: a Normalizer just built from
    *recipe*, to keep instead (a caller that has one saves the build, and replaces
    what an older table gave)."""
    if built is not None:
        _built[recipe] = built
        return built
    found = _built.get(recipe)
    if found is None:
        with _lock:
            found = _built.get(recipe)
            if found is None:
                found = _built[recipe] = recipe.build()
    return found


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``map(function, items)`` on *jobs* processes, results in the order of *items*.

    Each process runs ``initializer(*initargs)`` first (so does this process when
    it works alone: with ``jobs=1``, or when *items* holds a single item, where a
    pool would cost more than it saves). At most ``2 * jobs`` items are submitted
    ahead of the result being yielded. Closing the iterator early (an error
    downstream, Ctrl-C) cancels the items not started and waits for the others.
    """
    iterator = iter(items)
    head = [item for _, item in zip(range(2 if jobs > 1 else 0), iterator, strict=False)]
    if jobs <= 1 or len(head) < 2:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, chain(head, iterator))
        return
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(initializer, initargs))
    pending: deque[Future[R]] = deque()
    try:
        for item in chain(head, iterator):
            pending.append(pool.submit(function, item))
            while len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _init_worker(initializer: Callable[..., object] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the run
    exit_with_parent()
    if initializer is not None:
        initializer(*initargs)


PARENT_CHECK = 0.5
"""How often, in seconds, a worker looks whether the process that started it is alive."""


def exit_with_parent() -> None:
    """In a worker process: end, removing its temporary files, as soon as the process
    that started it is gone (killed by SIGTERM or SIGKILL, as a CI timeout does),
    rather than linger blocked on a pipe no one reads. A daemon thread looks every
    :data:`PARENT_CHECK` seconds; the worker's own work is not interrupted otherwise."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        from translit.documents.files import TEMPORARY

        for path in list(TEMPORARY):
            with contextlib.suppress(OSError):
                os.unlink(path)
        os._exit(1)

    threading.Thread(target=watch, name="translit-parent-watch", daemon=True).start()


class Meter:
    """A ``\\r`` progress line on *stream* (records, MB, MB/s, time left when *total*
    bytes are known), shown only on a terminal and only after *delay* seconds.

    >>> import io
    >>> meter = Meter(io.StringIO(), total=None)
    >>> meter.update(10, 1000); meter.close()  # not a terminal: silent
    """

    def __init__(
        self, stream: TextIO, total: int | None, delay: float = 1.0, interval: float = 0.2
    ) -> None:
        self.stream, self.total, self.delay, self.interval = stream, total, delay, interval
        self.start = time.monotonic()
        self.last = -interval
        self.shown = False
        isatty = getattr(stream, "isatty", None)
        self.enabled = callable(isatty) and bool(isatty())

    def update(self, records: int, done: int) -> None:
        """*records* records and *done* input bytes are finished."""
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        if elapsed < self.delay or elapsed - self.last < self.interval:
            return
        rate = done / elapsed if elapsed > 0 else 0.0
        line = f"translit: {records:,} records, {done / 1e6:,.1f} MB, {rate / 1e6:.1f} MB/s"
        if self.total and rate > 0:
            left = max(0, self.total - done) / rate
            line += f", {int(left) // 60}:{int(left) % 60:02} left"
        self.stream.write("\r" + line + "\033[K")
        self.stream.flush()
        self.shown, self.last = True, elapsed

    def close(self) -> None:
        """Erase the line (before other output on the stream, and at the end)."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
