r"""Text made inert for a terminal: control characters shown, not obeyed.

Everything relgraph prints for a reader, a diagnostic or a table of results,
may hold text from the data or from the file system: names, keys, file names,
passages of sources. A terminal obeys some characters instead of showing
them: an escape sequence can recolour the screen, move the cursor, retitle
the window or rewrite what was printed before it; a carriage return or a line
feed can make a line look like another message; a bidirectional control can
show text in another order than it is stored. :func:`inert` writes each such
character as a visible escape (``\n``, ``\t``, ``\r``, ``\u001b``…), the
way JSON does, so that printed JSON stays valid JSON with the same value.

Examples
--------
>>> print(inert("Iran\x1b[2J\rcleared"))
Iran\u001b[2J\rcleared
>>> print(inert("one\ntwo", lines=True))
one
two
"""

from __future__ import annotations

import re

__all__ = ["inert"]

# C0 and C1 control characters and DEL; bidirectional controls and marks (they can
# reorder what a terminal shows); the line and paragraph separators
_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
_UNSAFE_KEEP_LINES = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def inert(text: str, *, lines: bool = False) -> str:
    r"""``text`` with every character a terminal would obey written as a visible escape.

    Parameters
    ----------
    text : str
        What is to be printed.
    lines : bool
        Keep line feeds, for text made of several lines (a table); every other
        control character is still escaped.

    Returns
    -------
    str
        The same text where it is plain; ``\n``, ``\r``, ``\t`` and
        ``\uXXXX`` in place of control characters, bidirectional controls and
        line separators.

    Examples
    --------
    >>> inert("plain text, café, 東京")
    'plain text, café, 東京'
    >>> inert("a\tb\x00c\u202ed")
    'a\\tb\\u0000c\\u202ed'
    """
    pattern = _UNSAFE_KEEP_LINES if lines else _UNSAFE
    if text.isprintable() and not lines:
        return text
    return pattern.sub(_escape, text)
