"""How wide text is on a terminal, for the command line's aligned tables.

``len`` counts code points, but a terminal gives a CJK character two columns
and a combining mark none, so a table padded with ``str.ljust`` misaligns
names such as ``习近平`` or a decomposed ``Zoë``. The widths come from
`wcwidth <https://pypi.org/project/wcwidth/>`_, which follows the Unicode
East Asian Width and general category tables.

Examples
--------
>>> width("Zoe\\u0308"), width("习近平"), width("Cuba")
(3, 6, 4)
>>> ljust("习近平", 8) + "|" + rjust("Zoe\\u0308", 5) == "习近平  |  Zoe\\u0308"
True
"""

from __future__ import annotations

from wcwidth import wcswidth, wcwidth

__all__ = ["ljust", "rjust", "width"]


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes.

    A character the terminal cannot show (a control character) counts as one
    column, as relgraph shows it escaped or not at all.

    Examples
    --------
    >>> width("Ålesund"), width("ＡＢ"), width("a\\u200bb")
    (7, 4, 2)
    """
    columns = int(wcswidth(text))
    if columns >= 0:
        return columns
    return sum(w if (w := int(wcwidth(ch))) >= 0 else 1 for ch in text)


def ljust(text: str, columns: int) -> str:
    """``text`` padded with spaces on the right to ``columns`` terminal columns.

    Examples
    --------
    >>> ljust("习", 4) + "|"
    '习  |'
    """
    return text + " " * max(columns - width(text), 0)


def rjust(text: str, columns: int) -> str:
    """``text`` padded with spaces on the left to ``columns`` terminal columns.

    Examples
    --------
    >>> "|" + rjust("习", 4)
    '|  习'
    """
    return " " * max(columns - width(text), 0) + text
