r"""Plain-text and Markdown tables for the reports results print, and terminal widths.

The analysis results (:mod:`relgraph.analysis`) write their reports with
these, in ``to_text()`` and ``to_markdown()``, so that the command line,
Python and a notebook show the same text. A table's columns are
``(record key, header)`` pairs; numeric columns are right-aligned.

Widths are terminal columns, not code points: a terminal gives a CJK
character two columns and a combining mark none, so a table padded with
``str.ljust`` misaligns names such as ``习近平`` or a decomposed ``Zoë``.
The widths come from `wcwidth <https://pypi.org/project/wcwidth/>`_, which
follows the Unicode East Asian Width and general category tables.

Data text in a cell is made inert (control characters shown escaped, see
:func:`relgraph.terminal.inert`) and a long value is cut, its length stated
(:func:`relgraph.errors.shorten`); in Markdown every character a CommonMark
renderer would act on is escaped (:func:`relgraph.markup.markdown_text`).

Examples
--------
>>> width("Zoe\u0308"), width("习近平"), width("Cuba")
(3, 6, 4)
>>> ljust("习近平", 8) + "|" + rjust("Zoe\u0308", 5) == "习近平  |  Zoe\u0308"
True
>>> rows = [{"name": "Cuba", "degree": 10}, {"name": "Iran", "degree": 8}]
>>> print(text_table(rows, [("name", "actor"), ("degree", "degree")]))
actor  degree
-----  ------
Cuba       10
Iran        8
>>> print(markdown_table(rows, [("name", "actor"), ("degree", "degree")]))
| actor | degree |
|---|---:|
| Cuba | 10 |
| Iran | 8 |
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from wcwidth import wcswidth, wcwidth

from relgraph.errors import shorten
from relgraph.markup import markdown_text
from relgraph.terminal import inert

__all__ = [
    "QUOTE_SHOWN",
    "Column",
    "cell",
    "ljust",
    "markdown_table",
    "rjust",
    "text_table",
    "text_writer",
    "width",
]

#: A table's column: ``(record key, header)``.
Column = tuple[str, str]
#: How much of a quote a report shows before cutting it (JSON and CSV keep it whole).
QUOTE_SHOWN = 400


def width(text: str) -> int:
    r"""Return the number of terminal columns ``text`` takes.

    A character the terminal cannot show (a control character) counts as one
    column, as relgraph shows it escaped or not at all.

    Parameters
    ----------
    text : str
        The text.

    Returns
    -------
    int
        Its width in terminal columns.

    Examples
    --------
    >>> width("Ålesund"), width("ＡＢ"), width("a\u200bb")
    (7, 4, 2)
    """
    columns = int(wcswidth(text))
    if columns >= 0:
        return columns
    return sum(w if (w := int(wcwidth(ch))) >= 0 else 1 for ch in text)


def ljust(text: str, columns: int) -> str:
    """Pad ``text`` with spaces on the right to ``columns`` terminal columns.

    Parameters
    ----------
    text : str
        The text.
    columns : int
        The width to reach.

    Returns
    -------
    str
        The padded text (unchanged if it is already as wide).

    Examples
    --------
    >>> ljust("习", 4) + "|"
    '习  |'
    """
    return text + " " * max(columns - width(text), 0)


def rjust(text: str, columns: int) -> str:
    """Pad ``text`` with spaces on the left to ``columns`` terminal columns.

    Parameters
    ----------
    text : str
        The text.
    columns : int
        The width to reach.

    Returns
    -------
    str
        The padded text (unchanged if it is already as wide).

    Examples
    --------
    >>> "|" + rjust("习", 4)
    '|  习'
    """
    return " " * max(columns - width(text), 0) + text


def cell(value: Any) -> str:
    """Return how a table shows one value.

    ``None`` and ``nan`` are empty, booleans ``yes``/``no``, whole floats
    without a decimal point, other floats with four decimals, text inert and
    cut when long.

    Parameters
    ----------
    value : object
        A record's value.

    Returns
    -------
    str
        The cell's text.

    Examples
    --------
    >>> cell(0.28654), cell(10.0), cell(True), cell(None), cell("Cuba")
    ('0.2865', '10', 'yes', '', 'Cuba')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else f"{value:.4f}"
    return inert(shorten(str(value)))


def _numeric(rows: Sequence[dict[str, Any]], key: str) -> bool:
    values = [r.get(key) for r in rows if r.get(key) is not None]
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def text_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    """Return ``rows`` as an aligned plain-text table: a header, a rule, a line per row.

    Parameters
    ----------
    rows : sequence of dict
        The records.
    columns : sequence of (str, str)
        ``(record key, header)`` of each column, in order.

    Returns
    -------
    str
        The table, lines joined by line feeds, with no trailing spaces.

    Examples
    --------
    >>> print(text_table([{"a": "x", "n": 1.5}], [("a", "name"), ("n", "value")]))
    name   value
    ----  ------
    x     1.5000
    """
    cells = [[cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max([width(h)] + [width(c[i]) for c in cells]) for i, (_, h) in enumerate(columns)]
    right = [_numeric(rows, k) for k, _ in columns]

    def line(values: Sequence[str]) -> str:
        parts = [
            rjust(v, w) if r else ljust(v, w) for v, w, r in zip(values, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line([h for _, h in columns]), line(["-" * w for w in widths])]
    out.extend(line(c) for c in cells)
    return "\n".join(out)


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    r"""Return ``rows`` as a Markdown (GitHub, CommonMark) table, every cell escaped.

    Parameters
    ----------
    rows : sequence of dict
        The records.
    columns : sequence of (str, str)
        ``(record key, header)`` of each column, in order.

    Returns
    -------
    str
        The table; numeric columns are right-aligned.

    Examples
    --------
    >>> print(markdown_table([{"a": "*x*"}], [("a", "name")]))
    | name |
    |---|
    | \*x\* |
    """
    right = [_numeric(rows, k) for k, _ in columns]
    out = [
        "| " + " | ".join(h.replace("|", "\\|") for _, h in columns) + " |",
        "|" + "|".join("---:" if r else "---" for r in right) + "|",
    ]
    out.extend(
        "| " + " | ".join(markdown_text(cell(r.get(k))) for k, _ in columns) + " |" for r in rows
    )
    return "\n".join(out)


def text_writer(markdown: bool) -> Callable[[str], str]:
    r"""Return how a report writes data text: escaped for Markdown, or inert for a terminal.

    A long value is cut (:func:`relgraph.errors.shorten`, its length stated).

    Parameters
    ----------
    markdown : bool
        Whether the report is Markdown.

    Returns
    -------
    callable
        ``str -> str``.

    Examples
    --------
    >>> text_writer(True)("*Cuba*"), text_writer(False)("Cuba\x1b")
    ('\\*Cuba\\*', 'Cuba\\u001b')
    """
    if markdown:
        return lambda text: markdown_text(shorten(text))
    return lambda text: inert(shorten(text))
