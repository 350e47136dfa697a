r"""Progress while an export writes: how much each file has been given, told to a callback.

Writing is the long part of a large export, and its size is not known until
it is done, so each file is one stage, ``writing NAME``, whose units are the
characters (text files) or bytes written to it so far, told at most every
64 KiB; the stage ends when the export is complete. Without a callback
nothing is wrapped, so an export without progress costs nothing more.

Examples
--------
>>> from relgraph.export.common import MemoryOutput
>>> seen = []
>>> out = ProgressOutput(MemoryOutput(), lambda *a: seen.append(a), every=4)
>>> _ = out.open_text("a.csv").write("x,y\n1,2\n")
>>> out.finish()
>>> seen
[('writing a.csv', 0, None), ('writing a.csv', 8, None), ('writing a.csv', 8, 8)]
"""

from __future__ import annotations

from typing import IO, Any, cast

from relgraph.export.common import Output
from relgraph.progress import ProgressCallback, Ticker

__all__ = ["ProgressOutput"]

#: Tell the callback at most once per this many units written.
EVERY = 1 << 16


class _Counted:
    """A file handle whose writes are counted on a :class:`Ticker`; all else is the handle's."""

    def __init__(self, handle: IO[Any], tick: Ticker) -> None:
        self._handle = handle
        self._tick = tick

    def write(self, data: Any) -> int:
        written = self._handle.write(data)
        self._tick.advance(len(data))
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._handle.__exit__(*exc)


class ProgressOutput(Output):
    """An :class:`Output` that tells ``progress`` how much each file opened on it is given.

    Parameters
    ----------
    out : Output
        Where the files go.
    progress : callable
        The ``progress(stage, done, total)`` callback (:mod:`relgraph.progress`).
    name : str, optional
        How to name the first file in its stage (a single-file export's file by
        the name the user gave it, not the export's own); the files after it,
        and every file without ``name``, by their own names.
    every : int
        Tell the callback at most once per this many units.
    """

    def __init__(
        self,
        out: Output,
        progress: ProgressCallback,
        name: str | None = None,
        every: int = EVERY,
    ) -> None:
        self.out = out
        self.progress = progress
        self.name = name
        self.every = every
        self.ticks: list[Ticker] = []

    def _tick(self, name: str) -> Ticker:
        if self.ticks:  # the file before is done with: its stage ends where it stopped
            self.ticks[-1].finish()
        shown = self.name if self.name is not None and not self.ticks else name
        tick = Ticker(self.progress, f"writing {shown}", every=self.every)
        self.ticks.append(tick)
        return tick

    def open_text(self, name: str) -> IO[str]:
        """Return the output's text stream for ``name``, counting what is written.

        Parameters
        ----------
        name : str
            The file's path inside the output.

        Returns
        -------
        text stream
            The wrapped output's stream.

        Examples
        --------
        >>> from relgraph.export.common import MemoryOutput
        >>> seen, inner = [], MemoryOutput()
        >>> out = ProgressOutput(inner, lambda *a: seen.append(a), name="graph.csv")
        >>> _ = out.open_text("entities.csv").write("id,name")
        >>> seen, inner.files()
        ([('writing graph.csv', 0, None)], {'entities.csv': b'id,name'})
        """
        return cast("IO[str]", _Counted(self.out.open_text(name), self._tick(name)))

    def open_bytes(self, name: str) -> IO[bytes]:
        """Return the output's binary stream for ``name``, counting what is written.

        Parameters
        ----------
        name : str
            The file's path inside the output.

        Returns
        -------
        binary stream
            The wrapped output's stream.

        Examples
        --------
        >>> from relgraph.export.common import MemoryOutput
        >>> seen = []
        >>> out = ProgressOutput(MemoryOutput(), lambda *a: seen.append(a), every=2)
        >>> _ = out.open_bytes("graph.jsonl").write(b"{}{}")
        >>> seen
        [('writing graph.jsonl', 0, None), ('writing graph.jsonl', 4, None)]
        """
        return cast("IO[bytes]", _Counted(self.out.open_bytes(name), self._tick(name)))

    def finish(self) -> None:
        """End the last file's stage: the export is written.

        Examples
        --------
        The file before the last ends when the next is opened; the last, here:

        >>> from relgraph.export.common import MemoryOutput
        >>> seen = []
        >>> out = ProgressOutput(MemoryOutput(), lambda *a: seen.append(a))
        >>> _ = out.open_text("a.csv").write("ab")
        >>> _ = out.open_text("b.csv").write("abc")
        >>> out.finish()
        >>> [s for s in seen if s[2] is not None]
        [('writing a.csv', 2, 2), ('writing b.csv', 3, 3)]
        """
        if self.ticks:
            self.ticks[-1].finish()
