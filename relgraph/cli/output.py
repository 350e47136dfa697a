"""How commands print and write what they produce: stdout, stderr, or a file written atomically.

Every command prints through :func:`echo` (text made inert and cut, see
there) or :func:`write_stdout` (bytes, as they are unless on a terminal).
A result is printed in the format asked for with :func:`emit`: its own
``to_text()`` or ``to_markdown()`` (the report Python users get too), its
records as CSV (:func:`csv_text`, cells neutralised as the CSV export does)
or JSON (:func:`json_text`). :func:`write_text` sends text to standard output
or, with ``-o FILE``, writes the file atomically: all of it, or nothing.

Examples
--------
>>> print(csv_text([{"name": "=1+1", "degree": 10}]))
name,degree
'=1+1,10
>>> print(json_text({"id": "cuba"}))
{
  "id": "cuba"
}
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from relgraph.atomic import write_file
from relgraph.errors import LINE_LIMIT, cut_line, cut_values
from relgraph.export.csv import neutralize
from relgraph.terminal import inert

__all__ = [
    "STDOUT",
    "csv_text",
    "echo",
    "echo_summary",
    "emit",
    "json_text",
    "write_stdout",
    "write_text",
]

#: What ``-o`` takes to mean standard output.
STDOUT = "-"


def echo(text: str = "", err: bool = False, nl: bool = True, whole: bool = False) -> None:
    r"""Print text for a reader, on stdout (``err``: stderr), made inert and cut.

    Every command prints through this: control characters from the data or a
    file's name are shown escaped (:func:`relgraph.terminal.inert`), line
    feeds kept, so nothing printed can move the cursor, rewrite the screen or
    forge a line. No line is longer than 500 characters: a message (``err``)
    has its long values cut (:func:`relgraph.errors.cut_values`), a line of a
    table or a report is cut at the end (:func:`relgraph.errors.cut_line`),
    each saying how long it was. ``whole`` output (JSON, CSV, YAML: data for
    another program; a command line to paste, whose paths the user gave) is
    printed whole.

    Parameters
    ----------
    text : str
        What to print.
    err : bool
        Print on standard error (a message) instead of standard output.
    nl : bool
        End with a line feed.
    whole : bool
        Print long lines whole (data for another program), not cut.

    Examples
    --------
    >>> echo("Cuba\x1b[2J")
    Cuba\u001b[2J
    """
    text = inert(text, lines=True)
    if whole:
        pass
    elif err:
        text = cut_values(text)
    elif len(text) > LINE_LIMIT:
        text = "\n".join(cut_line(line) for line in text.split("\n"))
    click.echo(text, err=err, nl=nl)


def write_stdout(data: bytes) -> None:
    r"""Write bytes to standard output (a page, an export): as they are, unless on a terminal.

    A file or a pipe gets the bytes unchanged; a terminal gets the text made
    inert (see :func:`echo`).

    Parameters
    ----------
    data : bytes
        What to write.

    Examples
    --------
    A pipe gets every byte, escape sequences too (a terminal would not):

    >>> import io, sys
    >>> pipe = io.BytesIO()
    >>> wrapper = io.TextIOWrapper(pipe)
    >>> shown, sys.stdout = sys.stdout, wrapper
    >>> write_stdout(b"<p>Cuba</p>\x1b[2J")
    >>> sys.stdout = shown
    >>> pipe.getvalue()
    b'<p>Cuba</p>\x1b[2J'
    """
    if sys.stdout.isatty():
        data = inert(data.decode("utf-8", "replace"), lines=True).encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def echo_summary(record: dict[str, Any]) -> None:
    """Print a command's ``--format json`` summary of what it wrote, on stdout.

    Parameters
    ----------
    record : dict
        The summary, JSON-ready.

    Examples
    --------
    >>> echo_summary({"output": "page.html"})
    {
      "output": "page.html"
    }
    """
    echo(json.dumps(record, ensure_ascii=False, indent=2))


def _csv_cell(value: Any) -> Any:
    """Return a CSV cell: one inert line, neutralised as the export does (no formula runs)."""
    if value is None:
        return ""
    return neutralize(inert(value)) if isinstance(value, str) else value


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Return records as CSV: a header, then a row per record, every text cell made safe.

    Parameters
    ----------
    rows : sequence of dict
        The records.
    columns : sequence of str, optional
        The keys to write, in order (default: the first record's keys);
        other keys are left out.

    Returns
    -------
    str
        The CSV, without a final line feed. A text cell that a spreadsheet
        would run as a formula gets a leading apostrophe, as the CSV export
        does (:func:`relgraph.export.csv.neutralize`).

    Examples
    --------
    >>> print(csv_text([{"id": "cuba", "rank": 1}], ["rank", "id"]))
    rank,id
    1,cuba
    """
    keys = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _csv_cell(r.get(k)) for k in keys})
    return buffer.getvalue().rstrip("\n")


def json_text(data: Any) -> str:
    r"""Return ``data`` as indented JSON, non-ASCII text kept as it is.

    Parameters
    ----------
    data : object
        JSON-ready values (a result's ``to_dict()``).

    Returns
    -------
    str
        The JSON text.

    Examples
    --------
    >>> json_text(["Zoë"])
    '[\n  "Zoë"\n]'
    """
    return json.dumps(data, ensure_ascii=False, indent=2)


def emit(
    fmt: str,
    *,
    text: Callable[[], str],
    markdown: Callable[[], str],
    records: Callable[[], Sequence[dict[str, Any]]],
    columns: Sequence[str] | None,
    data: Callable[[], Any],
) -> None:
    """Print a result on standard output in the format asked for.

    Parameters
    ----------
    fmt : {"text", "markdown", "csv", "json"}
        The ``--format`` given.
    text, markdown : callable
        The result's report (its ``to_text`` and ``to_markdown``, bound to
        what the command asked for).
    records : callable
        The records CSV writes.
    columns : sequence of str, optional
        The CSV's columns (default: the first record's keys).
    data : callable
        What JSON writes (the result's ``to_dict``).

    Examples
    --------
    >>> emit("csv", text=str, markdown=str, records=lambda: [{"a": 1}], columns=None, data=dict)
    a
    1
    """
    if fmt == "json":
        echo(json_text(data()), whole=True)
    elif fmt == "csv":
        echo(csv_text(records(), columns), whole=True)
    elif fmt == "markdown":
        echo(markdown())
    else:
        echo(text())


def write_text(text: str, output: str | None, whole: bool = True) -> bool:
    r"""Write ``text`` to standard output (``output`` ``None`` or ``-``) or to a file, atomically.

    A file is written in full or not at all (:func:`relgraph.atomic.write_file`):
    an interrupted or failed write leaves no half-written file behind.

    Parameters
    ----------
    text : str
        What to write.
    output : str, optional
        The file, or ``None``/``-`` for standard output.
    whole : bool
        On standard output, whether the text is printed whole (data for
        another program) or cut as a report is (see :func:`echo`).

    Returns
    -------
    bool
        Whether a file was written.

    Raises
    ------
    relgraph.errors.WriteError
        When the file cannot be written; nothing was.

    Examples
    --------
    >>> write_text("hello\n", None)
    hello
    False
    """
    if output is None or output == STDOUT:
        echo(text, nl=False, whole=whole)
        return False
    write_file(output, text.encode("utf-8"))
    return True
