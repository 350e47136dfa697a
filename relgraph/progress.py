"""Progress on long work, reported through a callback and drawn only by the CLI.

Library functions that may run for a while (loading a large dataset, and
whatever analysis or rendering wants to) take an optional ``progress``
parameter: a callable invoked as ``progress(stage, done, total)``.

* ``stage`` says what is being done, e.g. ``"checking relations"``;
* ``done`` counts the units of work finished so far in that stage (bytes
  when reading files, items otherwise);
* ``total`` is the number of units in the stage, or ``None`` if unknown.

A stage ends with a call where ``done == total``. The library never prints:
it only calls the callback, and only every so often (see :class:`Ticker`), so
a callback costs nothing measurable. The command line turns the calls into
one progress line on stderr with :func:`terminal_progress`, which gives
``None`` (no progress) when stderr is not a terminal or ``--quiet`` was given.

Examples
--------
>>> seen = []
>>> tick = Ticker(lambda *a: seen.append(a), "counting", total=10, every=4)
>>> for i in range(10):
...     tick.advance()
>>> tick.finish()
>>> seen
[('counting', 0, 10), ('counting', 4, 10), ('counting', 8, 10), ('counting', 10, 10)]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["ProgressCallback", "TerminalProgress", "Ticker", "terminal_progress"]

#: ``progress(stage, done, total)``; see the module documentation.
ProgressCallback = Callable[[str, int, "int | None"], None]


class Ticker:
    """Report one stage's progress to a callback, at most once per ``every`` units.

    Parameters
    ----------
    callback : callable or None
        The ``progress`` callback; ``None`` makes every method a no-op.
    stage : str
        What is being done.
    total : int, optional
        How many units the stage has, if known.
    every : int
        Report when at least this many units were done since the last report.

    Examples
    --------
    >>> calls = []
    >>> t = Ticker(lambda *a: calls.append(a), "reading", total=100, every=50)
    >>> t.update(30); t.update(60); t.finish()
    >>> calls
    [('reading', 0, 100), ('reading', 60, 100), ('reading', 100, 100)]
    >>> Ticker(None, "quiet").advance(5)  # no callback: nothing happens
    """

    __slots__ = ("callback", "done", "every", "next_at", "stage", "total")

    def __init__(
        self,
        callback: ProgressCallback | None,
        stage: str,
        total: int | None = None,
        every: int = 1,
    ) -> None:
        self.callback = callback
        self.stage = stage
        self.total = total
        self.every = max(1, every)
        self.done = 0
        self.next_at = self.every
        if callback is not None:
            callback(stage, 0, total)

    def update(self, done: int) -> None:
        """Set how many units are done; report if enough were done since the last report.

        Parameters
        ----------
        done : int
            The units done so far.

        Examples
        --------
        >>> calls = []
        >>> t = Ticker(lambda *a: calls.append(a), "reading", total=100, every=50)
        >>> t.update(30); t.update(60)
        >>> calls[-1]
        ('reading', 60, 100)
        """
        self.done = done
        if done >= self.next_at and self.callback is not None:
            self.next_at = done + self.every
            self.callback(self.stage, done, self.total)

    def advance(self, units: int = 1) -> None:
        """Add ``units`` to the work done.

        Parameters
        ----------
        units : int
            The units just done.

        Examples
        --------
        >>> calls = []
        >>> t = Ticker(lambda *a: calls.append(a), "checking", total=10, every=5)
        >>> t.advance(3); t.advance(3)
        >>> calls
        [('checking', 0, 10), ('checking', 6, 10)]
        """
        self.update(self.done + units)

    def finish(self) -> None:
        """Report the stage as finished (``done == total``).

        Examples
        --------
        >>> calls = []
        >>> Ticker(lambda *a: calls.append(a), "writing", total=7).finish()
        >>> calls[-1]
        ('writing', 7, 7)
        """
        if self.callback is not None:
            total = self.total if self.total is not None else self.done
            self.callback(self.stage, total, total)


class TerminalProgress:
    r"""A progress callback that redraws one line on a terminal.

    It writes at most ``rate`` times a second (and always at the end of a
    stage), and :meth:`close` clears the line. Use :func:`terminal_progress`
    to get one only when it should be shown.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> p = TerminalProgress(out, rate=0)
    >>> p("reading data.jsonl", 512, 1024)
    >>> p("checking relations", 7, None)
    >>> p.close()
    >>> out.getvalue().split("\r")[1:]
    ['\x1b[Krelgraph: reading data.jsonl  50%', '\x1b[Krelgraph: checking relations 7', '\x1b[K']
    """

    def __init__(
        self,
        stream: TextIO,
        rate: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock = clock
        self.last = float("-inf")
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        """Draw ``stage`` at ``done`` of ``total``, at most ``rate`` times a second."""
        now = self.clock()
        finished = total is not None and done >= total
        if not finished and now - self.last < self.interval:
            return
        self.last = now
        if total:
            text = f"relgraph: {stage} {min(100, done * 100 // total):3d}%"
        else:
            text = f"relgraph: {stage} {done:,}"
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        r"""Clear the progress line, so that what follows starts on a clean line.

        Examples
        --------
        >>> import io
        >>> stream = io.StringIO()
        >>> line = TerminalProgress(stream)
        >>> line("reading", 1, 2); line.close()
        >>> stream.getvalue()
        '\r\x1b[Krelgraph: reading  50%\r\x1b[K'
        """
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def terminal_progress(quiet: bool = False, stream: TextIO | None = None) -> TerminalProgress | None:
    """Return a :class:`TerminalProgress` on stderr, or ``None`` when it should stay quiet.

    Quiet means ``quiet`` is true (``--quiet``) or the stream is not a
    terminal (piped, redirected, or under a test runner).

    Parameters
    ----------
    quiet : bool
        Stay quiet whatever the stream.
    stream : text stream, optional
        Where to draw (default: ``sys.stderr``).

    Returns
    -------
    TerminalProgress or None
        A progress callback, or ``None``.

    Examples
    --------
    >>> import io
    >>> terminal_progress(stream=io.StringIO()) is None  # not a terminal
    True
    >>> terminal_progress(quiet=True) is None
    True
    """
    if quiet:
        return None
    out = stream if stream is not None else sys.stderr
    try:
        interactive = out.isatty()
    except (AttributeError, ValueError):
        return None
    return TerminalProgress(out) if interactive else None
