"""How wide text is on a terminal: :func:`width`, :func:`ljust`, :func:`rjust`.

They live in :mod:`relgraph.tables`, with the tables the reports are written
in; the command line imports them from here as before.

Examples
--------
>>> width("习近平"), ljust("习", 4) + "|"
(6, '习  |')
"""

from __future__ import annotations

from relgraph.tables import ljust, rjust, width

__all__ = ["ljust", "rjust", "width"]
