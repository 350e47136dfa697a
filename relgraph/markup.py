r"""Text made inert for Markdown: what a CommonMark renderer would turn into HTML, escaped.

``relgraph analyze --format markdown`` (and ``path``, ``ego``) writes names,
quotes and titles from the data into Markdown meant to be pasted into a
README, a wiki or an issue. A renderer turns ``<b>`` or ``<script>`` into
HTML, ``&lt;`` into ``<``, ``[x](url)`` into a link, ``![x](url)`` into an
image and ``*x*`` into emphasis. :func:`markdown_text` puts a backslash
before each character that can start such a construct, so a CommonMark
renderer shows the text exactly as written and makes no element of it.

Examples
--------
>>> print(markdown_text("<img src=x onerror=alert(1)> & [a](javascript:x)"))
\<img src=x onerror=alert(1)\> \& \[a\](javascript:x)
"""

from __future__ import annotations

import re

from relgraph.terminal import inert

__all__ = ["markdown_text"]

# raw HTML and entities (< > &), links and images ([ ] !), emphasis (* _ ~), code (`),
# tables (|), headings (#) and the escape character itself
_SPECIAL = re.compile(r"([\\`*_\[\]<>&!|~#])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def markdown_text(text: str) -> str:
    r"""``text`` as inline Markdown that renders as itself, on one line.

    Line breaks become spaces (a line of a table or a list item stays one
    line) and control characters are shown escaped, as on a terminal
    (:func:`relgraph.terminal.inert`).

    Parameters
    ----------
    text : str
        Any text from a dataset.

    Returns
    -------
    str
        The text with Markdown's special characters escaped.

    Examples
    --------
    >>> markdown_text("Ana *Cruz*_\nof | Atlantis")
    'Ana \\*Cruz\\*\\_ of \\| Atlantis'
    """
    flat = inert(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")).lstrip()
    escaped = _SPECIAL.sub(r"\\\1", flat)
    # what starts a block when it opens a line or a list item: a list marker, a
    # thematic break or a setext underline (- + =), an ordered list marker (1. or 1))
    if escaped[:1] in ("-", "+", "="):
        return "\\" + escaped
    return _ORDERED.sub(r"\1\\\2", escaped, count=1)
