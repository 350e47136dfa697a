"""Sorting names the same way on every machine, whatever its locale.

Python's ``sorted`` compares code points, which puts ``Ålesund`` and ``Ñandú``
after ``Zoë``; a locale's collation would put them in place but differs from
one machine (and one ``LANG``) to the next, and the same data must give the
same tables and files everywhere. :func:`sort_key` is a fixed,
locale-independent collation in three levels, as the Unicode collation
algorithm orders them: first the letters without their accents or case
(case folded, compatibility-decomposed with NFKD, combining marks dropped),
then the accents, then the text as written, so that the order is total and
stable.

Examples
--------
>>> sorted(["Zoë", "Ñandú", "Ålesund", "abel", "Abel", "Öcalan"], key=sort_key)
['Abel', 'abel', 'Ålesund', 'Ñandú', 'Öcalan', 'Zoë']
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["sort_key"]


@functools.lru_cache(maxsize=65536)
def sort_key(name: str) -> tuple[str, str, str]:
    """Return the key that sorts ``name`` among others by a locale-independent collation.

    Parameters
    ----------
    name : str
        A name (or any text).

    Returns
    -------
    tuple of str
        The letters without accents or case, then the letters with their accents
        (case folded, NFKD), then ``name`` itself.

    Examples
    --------
    >>> sort_key("Ålesund")[0]
    'alesund'
    >>> sort_key("ﬁre")[0], sort_key("Ǆemal")[0]
    ('fire', 'dzemal')
    >>> sorted(["b", "Å", "a"], key=sort_key)
    ['a', 'Å', 'b']
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    base = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return (base, folded, name)
