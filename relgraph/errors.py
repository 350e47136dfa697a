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
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from relgraph.terminal import inert

__all__ = [
    "MAX_DIAGNOSTICS",
    "DatasetError",
    "Diagnostic",
    "RelgraphError",
    "UsageError",
    "WriteError",
    "closest_names",
    "counted",
    "cut_line",
    "cut_values",
    "did_you_mean",
    "shorten",
]

#: How many characters of a value a message quotes before cutting it (see :func:`shorten`).
VALUE_LIMIT = 120
#: No line of a diagnostic printed as text is longer than this many characters.
LINE_LIMIT = 500


def counted(n: int, one: str, many: str) -> str:
    """``n`` with the noun that agrees with it: ``1 relation``, ``2 relations``.

    Every message and summary that counts things says it through this, so
    that none prints "1 relations".

    Parameters
    ----------
    n : int
        The count, written with thousands separators.
    one, many : str
        The noun for one and for any other count.

    Returns
    -------
    str
        The count and the noun.

    Examples
    --------
    >>> counted(1, "relation", "relations"), counted(1_200, "actor", "actors")
    ('1 relation', '1,200 actors')
    """
    return f"{n:,} {one if n == 1 else many}"


def shorten(value: str, limit: int = VALUE_LIMIT) -> str:
    """``value`` cut to ``limit`` characters with an ellipsis and its full length, for a message.

    Every value a diagnostic, a hint or an error message echoes goes through
    this, so that a 32,000-character address does not fill a terminal or a
    CI log. The full value stays in :attr:`Diagnostic.value` (and so in JSON
    output).

    Parameters
    ----------
    value : str
        The value to echo.
    limit : int
        The most characters kept.

    Returns
    -------
    str
        ``value`` itself when it is short enough, else its cut form.

    Examples
    --------
    >>> shorten("https://example.org/")
    'https://example.org/'
    >>> shorten("x" * 1000, 10)
    'xxxxxxxxxx… (1,000 characters)'
    """
    if len(value) <= limit:
        return value
    return f"{value[:limit]}… ({len(value):,} characters)"


# a value a message echoes: quoted ('…', "…", “…”) or a run without spaces; a value
# already cut ends in "…", so that cutting twice changes nothing
_LONG = VALUE_LIMIT + 1
_ECHOED = re.compile(
    rf"'([^'\n…]{{{_LONG},}})'"
    rf'|"([^"\n…]{{{_LONG},}})"'
    rf"|“([^”\n…]{{{_LONG},}})”"
    rf"|([^\s'\"“”…]{{{_LONG},}})"
)


def _cut_echoed(match: re.Match[str]) -> str:
    quoted = match.group(1) or match.group(2) or match.group(3)
    if quoted is None:
        return shorten(match.group(4))
    text = match.group()
    return text[0] + shorten(quoted) + text[-1]


def cut_values(text: str, limit: int = LINE_LIMIT) -> str:
    """``text`` as a message prints it: every long value cut, and every line at most ``limit``.

    The one cut every printed message goes through (diagnostics, hints, errors of the
    command line): each value the text quotes (in ``'…'``, ``"…"`` or ``“…”``) or a
    run of characters without a space longer than :data:`VALUE_LIMIT` is cut by
    :func:`shorten`, its full length stated; a line still longer than ``limit``
    (many short words) is cut at ``limit`` with the line's full length. Cutting twice
    gives the same text.

    Parameters
    ----------
    text : str
        The message.
    limit : int
        The longest line kept whole.

    Returns
    -------
    str
        The message as printed.

    Examples
    --------
    >>> cut_values("'" + "x" * 200 + "' is not a kind")[116:]
    "xxxxx… (200 characters)' is not a kind"
    >>> line = cut_values("no path from " + "word " * 200)
    >>> len(line), line[-20:]
    (500, '… (1,013 characters)')
    >>> cut_values(cut_values("/" * 300)) == cut_values("/" * 300)
    True
    """
    if len(text) <= VALUE_LIMIT:
        return text
    cut = _ECHOED.sub(_cut_echoed, text)
    return "\n".join(cut_line(line, limit) for line in cut.split("\n"))


Severity = Literal["error", "warning"]

#: Most problems one load or import reports; beyond them, a last diagnostic
#: ``too-many-problems`` says how many more there were.
MAX_DIAGNOSTICS = 1000


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
    #: the whole value the message quotes, when the message had to shorten it
    value: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Sort by file, then line, then column.

        Returns
        -------
        tuple
            ``(path, line, column, code, message)``.

        Examples
        --------
        >>> Diagnostic("a.yaml", 3, 5, "bad-id", "'X' is not a valid id").sort_key()
        ('a.yaml', 3, 5, 'bad-id', "'X' is not a valid id")
        """
        return (self.path, self.line, self.column, self.code, self.message)

    def __str__(self) -> str:
        """Return the diagnostic as printed: two lines at most, whatever its parts hold.

        A file name, a key or a quoted passage may carry control characters; they are
        shown escaped (see :func:`relgraph.terminal.inert`), so that no part of a
        diagnostic can start a line of its own or send a terminal an escape sequence.
        A problem of something made in code, which has no file, starts with its severity.

        Examples
        --------
        >>> print(Diagnostic("a.yaml", 3, 5, "bad-id", "'X' is not a valid id", "write 'x'"))
        a.yaml:3:5: error[bad-id] 'X' is not a valid id
          hint: write 'x'
        >>> print(Diagnostic("", 0, 0, "not-alleged", "rests on data", severity="warning"))
        warning[not-alleged] rests on data
        """
        where = cut_values(inert(self.path))
        if self.line > 0:
            where += f":{self.line}:{self.column}"
        head = f"{where}: " if where else ""
        lines = [f"{head}{self.severity}[{self.code}] {inert(self.message)}"]
        if self.hint:
            lines.append(f"  hint: {inert(self.hint)}")
        return "\n".join(cut_values(line) for line in lines)

    def as_dict(self) -> dict[str, Any]:
        """Return the diagnostic as a plain JSON-ready record (``value`` only when there is one).

        Returns
        -------
        dict
            The diagnostic's fields by name, ``value`` left out when it is ``None``.

        Examples
        --------
        >>> Diagnostic("a.yaml", 3, 5, "bad-id", "'X' is not a valid id", "use 'x'").as_dict()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'path': 'a.yaml', 'line': 3, 'column': 5, 'code': 'bad-id',
         'message': "'X' is not a valid id", 'hint': "use 'x'", 'severity': 'error'}
        """
        record = asdict(self)
        if record["value"] is None:
            del record["value"]
        return record


def cut_line(line: str, limit: int = LINE_LIMIT) -> str:
    """``line`` cut to ``limit`` characters, its full length stated (values are cut first).

    Parameters
    ----------
    line : str
        One line of a message.
    limit : int
        The most characters kept.

    Returns
    -------
    str
        The line as printed.

    Examples
    --------
    >>> cut_line("word " * 200, 60)
    'word word word word word word word word … (1,000 characters)'
    """
    if len(line) <= limit:
        return line
    tail = f"… ({len(line):,} characters)"
    return line[: limit - len(tail)] + tail


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
    """The input has problems; ``diagnostics`` lists them, sorted by location.

    At most :data:`MAX_DIAGNOSTICS` are listed; when there were more (``omitted``
    counts those not kept), a last ``too-many-problems`` diagnostic says how many.

    Examples
    --------
    >>> many = [Diagnostic("a.yaml", i, 1, "bad", "wrong") for i in range(1, 1203)]
    >>> exc = DatasetError(many)
    >>> len(exc.diagnostics), exc.omitted
    (1001, 202)
    >>> print(exc.diagnostics[-1])
    a.yaml: error[too-many-problems] 202 more problems are not listed
      hint: relgraph lists the first 1000 problems; fix these and run it again
    """

    def __init__(self, diagnostics: Iterable[Diagnostic], omitted: int = 0) -> None:
        found = sorted(diagnostics, key=Diagnostic.sort_key)
        self.omitted = omitted + max(0, len(found) - MAX_DIAGNOSTICS)
        kept = found[:MAX_DIAGNOSTICS]
        if self.omitted:
            kept.append(
                Diagnostic(
                    kept[-1].path if kept else "",
                    0,
                    0,
                    "too-many-problems",
                    f"{self.omitted} more problem{'s' * (self.omitted != 1)} "
                    f"{'are' if self.omitted != 1 else 'is'} not listed",
                    f"relgraph lists the first {MAX_DIAGNOSTICS} problems; "
                    "fix these and run it again",
                )
            )
        self.diagnostics: tuple[Diagnostic, ...] = tuple(kept)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = str(errors[0]) if errors else "no diagnostics"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Only the diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity == "error")


#: How like a name another must be (0–1, :mod:`difflib`'s ratio) to be offered as a hint.
NAME_CUTOFF = 0.6
# only this much of an unknown word is compared: a huge value costs no more than a long one
_NAME_SPAN = 200


def closest_names(
    word: str, choices: Sequence[str], n: int = 1, cutoff: float = NAME_CUTOFF
) -> list[str]:
    """Return the (at most ``n``) ``choices`` most like ``word``, best first.

    These are the names a hint offers.

    The "did you mean" of an actor, a relation, a column and of every choice
    picks its names here; only the first 200 characters of ``word`` are
    compared, so a huge value costs no more than a long one.

    Parameters
    ----------
    word : str
        What the user typed.
    choices : sequence of str
        The names it may have meant.
    n : int
        How many names at most.
    cutoff : float
        The least similarity (0 to 1) of a name offered.

    Returns
    -------
    list of str
        The names, best first; empty when none is close.

    Examples
    --------
    >>> closest_names("finances", ["trade", "finance", "financial"])
    ['finance']
    >>> closest_names("zzz", ["trade"])
    []
    """
    return difflib.get_close_matches(word[:_NAME_SPAN], list(choices), n=n, cutoff=cutoff)


def did_you_mean(word: str, choices: Sequence[str], what: str = "") -> str | None:
    """Return a hint naming the closest of ``choices`` to ``word``, if any is close.

    Parameters
    ----------
    word : str
        What the user typed.
    choices : sequence of str
        The names it may have meant.
    what : str
        The hint when no name is close (then it is returned instead of ``None``).

    Returns
    -------
    str or None
        ``"did you mean 'NAME'?"`` followed by ``what``, either alone, or
        ``None`` when there is neither.

    Examples
    --------
    >>> did_you_mean("finances", ["finance", "trade"])
    "did you mean 'finance'?"
    >>> did_you_mean("zzz", ["trade"], "`relgraph vocab` lists them") is None
    False
    """
    close = closest_names(word, choices)
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
