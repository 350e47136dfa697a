"""Diagnostics and the exceptions relgraph raises.

A :class:`Diagnostic` is one problem found in the input: where it is, a
stable code, what is wrong and how to fix it. Loading collects every
diagnostic before giving up, and raises one :class:`DatasetError` holding
them all, sorted by location.

Examples
--------
>>> d = Diagnostic("g.yaml", 3, 7, "unknown-kind", "'stat' is not an entity kind",
...                hint="did you mean 'state'?")
>>> print(d)
g.yaml:3:7: error[unknown-kind] 'stat' is not an entity kind
  hint: did you mean 'state'?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = [
    "DatasetError",
    "Diagnostic",
    "RelgraphError",
    "UsageError",
    "WriteError",
    "did_you_mean",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem in the input, with its location and a hint to fix it."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Sort by file, then line, then column."""
        return (self.path, self.line, self.column, self.code, self.message)

    def __str__(self) -> str:
        where = self.path
        if self.line > 0:
            where += f":{self.line}:{self.column}"
        text = f"{where}: {self.severity}[{self.code}] {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, Any]:
        """The diagnostic as a plain JSON-ready record."""
        return asdict(self)


class RelgraphError(Exception):
    """Base class of every error relgraph raises on purpose."""


class UsageError(RelgraphError):
    """The caller asked for something that cannot be done (an unknown actor, a bad option)."""


class WriteError(RelgraphError, OSError):
    """Files could not be written (a full disk, no permission); none was left half-written.

    It is an :class:`OSError` too, whose ``strerror`` is what the system said,
    when the system said why (``"No space left on device"``).

    Examples
    --------
    >>> exc = WriteError("cannot finish writing: No space left on device",
    ...                  strerror="No space left on device")
    >>> str(exc), exc.strerror, isinstance(exc, OSError)
    ('cannot finish writing: No space left on device', 'No space left on device', True)
    """

    def __init__(self, message: str, strerror: str | None = None) -> None:
        super().__init__(message)
        self.strerror = strerror


class DatasetError(RelgraphError):
    """The input has problems; ``diagnostics`` lists every one, sorted by location."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(
            sorted(diagnostics, key=Diagnostic.sort_key)
        )
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = str(errors[0]) if errors else "no diagnostics"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Only the diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity == "error")


def did_you_mean(word: str, choices: Sequence[str], what: str = "") -> str | None:
    """A hint naming the closest of ``choices`` to ``word``, if any is close.

    Examples
    --------
    >>> did_you_mean("finances", ["finance", "trade"])
    "did you mean 'finance'?"
    >>> did_you_mean("zzz", ["trade"], "`relgraph vocab` lists them") is None
    False
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    parts = []
    if close:
        parts.append(f"did you mean '{close[0]}'?")
    if what:
        parts.append(what)
    return " ".join(parts) if parts else None
