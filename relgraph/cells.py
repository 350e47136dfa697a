r"""The spreadsheet layout of the records: CSV column names, and how a cell holds lists.

What the CSV export (:mod:`relgraph.export.csv`) writes and the CSV import
(:mod:`relgraph.imports.tables`) reads, kept below both: the columns of
``entities.csv``, ``relations.csv``, ``claims.csv`` and ``sources.csv``, named
by the format spec's headers (:attr:`relgraph.spec.FieldSpec.header`); lists
joined with ``|`` (a ``|`` or ``\`` inside an item escaped with ``\``);
``scheme:id`` pairs; and formula injection neutralised with a leading
apostrophe (see :func:`neutralize`). The export's module docs describe the
layout in full.

Examples
--------
>>> neutralize("=HYPERLINK(1)"), restore(neutralize("=HYPERLINK(1)"))
("'=HYPERLINK(1)", '=HYPERLINK(1)')
>>> split_list(join_list(["a|b", "c"]))
['a|b', 'c']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from relgraph.spec import RECORDS

__all__ = [
    "CLAIM_COLUMNS",
    "ENTITY_COLUMNS",
    "EVIDENCE_COLUMNS",
    "SOURCE_COLUMNS",
    "join_items",
    "join_list",
    "join_pairs",
    "neutralize",
    "relation_columns",
    "restore",
    "split_items",
    "split_list",
    "split_pairs",
]

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _headers(kind: str, names: Sequence[str]) -> tuple[str, ...]:
    """Return the spreadsheet columns of fields of ``kind``, from the format spec's headers."""
    spec = RECORDS[kind]
    return tuple(spec.field(name).header for name in names)


#: The columns of ``entities.csv`` (Kumu's names: ``Label`` the name, ``Type`` the kind).
ENTITY_COLUMNS = _headers(
    "entity",
    (
        "id",
        "name",
        "kind",
        "description",
        "aliases",
        "country",
        "tags",
        "external_ids",
        "referents",
        "review",
    ),
)
#: An evidence item's columns, in every file that has evidence.
EVIDENCE_COLUMNS = _headers("evidence", RECORDS["evidence"].names)
#: The columns of ``claims.csv``: one row per evidence item.
CLAIM_COLUMNS = (
    *_headers(
        "claim",
        [n for n in RECORDS["claim"].names if n != "evidence"],
    ),
    *EVIDENCE_COLUMNS,
)
#: The columns of ``sources.csv`` (``Text``: the stored text's path; no review mark).
SOURCE_COLUMNS = _headers("source", [n for n in RECORDS["source"].names if n != "review"])
#: A relation's own columns, after its ends and type; Category and the counts are derived.
_RELATION_FIELDS = (
    *_headers("relation", ("status", "sign")),
    "Category",
    *_headers(
        "relation",
        ("date", "start", "end", "notes", "reported", "modality", "review", "referents"),
    ),
    "Quotes count",
    "Sources count",
    "Independent origins",
)


def relation_columns(layout: str, evidence: str) -> tuple[str, ...]:
    """Return the columns of ``relations.csv`` for a layout (``kumu``/``gephi``) and evidence mode.

    Parameters
    ----------
    layout : {"kumu", "gephi"}
        Whose column names.
    evidence : str
        How the evidence is written: the export's ``evidence`` option.

    Returns
    -------
    tuple of str
        The column names, in order.

    Examples
    --------
    >>> relation_columns("kumu", "rows")[:5]
    ('ID', 'From', 'To', 'Type', 'Direction')
    >>> relation_columns("gephi", "joined")[:7]
    ('Id', 'Source', 'Target', 'Type', 'Label', 'Weight', 'Relation type')
    """
    if layout == "gephi":
        head: tuple[str, ...] = ("Id", "Source", "Target", "Type", "Label", "Weight")
        head += ("Relation type",)
    else:
        head = ("ID", "From", "To", "Type", "Direction", "Label")
    if evidence == "joined":
        tail: tuple[str, ...] = ("Evidence count", "Quotes")
    elif evidence == "lists":
        tail = ("Evidence count", *EVIDENCE_COLUMNS, "Context", "Source title")
    else:
        tail = (*EVIDENCE_COLUMNS, "Context", "Source title")
    return head + _RELATION_FIELDS + tail


def neutralize(cell: str) -> str:
    """``cell`` made safe from formula injection (see the module docs).

    Parameters
    ----------
    cell : str
        A cell's text.

    Returns
    -------
    str
        The text, with a leading ``'`` where a spreadsheet would read a formula.

    Examples
    --------
    >>> neutralize("=1+1"), neutralize("Cuba")
    ("'=1+1", 'Cuba')
    """
    if cell[:1] in _DANGEROUS and cell:
        return "'" + cell
    if cell[:1] == "'" and cell[1:2] and (cell[1] in _DANGEROUS or cell[1] == "'"):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Return the text :func:`neutralize` was given.

    Parameters
    ----------
    cell : str
        A cell written by :func:`neutralize`.

    Returns
    -------
    str
        The text as it was.

    Examples
    --------
    >>> restore(neutralize("=1+1")), restore("Cuba")
    ('=1+1', 'Cuba')
    """
    if cell[:1] == "'" and cell[1:2] and (cell[1] in _DANGEROUS or cell[1] == "'"):
        return cell[1:]
    return cell


def _escape_item(text: str, extra: str = "") -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    for ch in extra:
        text = text.replace(ch, "\\" + ch)
    return text


def join_list(items: Iterable[str]) -> str:
    r"""Items joined with ``|``, escaping ``|`` and ``\`` inside them.

    Parameters
    ----------
    items : iterable of str
        The items, such as an actor's aliases.

    Returns
    -------
    str
        One cell.

    Examples
    --------
    >>> join_list(["Raisi", "a|b"])
    'Raisi|a\\|b'
    >>> split_list(join_list(["Raisi", "a|b"]))
    ['Raisi', 'a|b']
    """
    return "|".join(_escape_item(i) for i in items)


def split_list(cell: str, sep: str = "|") -> list[str]:
    """Return the items of a cell written by :func:`join_list`, each exactly as written.

    White space inside an item is data (an alias may begin with a space in its
    source); only items with nothing but white space are left out.

    Parameters
    ----------
    cell : str
        A cell of a list column.
    sep : str
        The separator between items.

    Returns
    -------
    list of str
        The items, unescaped.

    Examples
    --------
    >>> split_list("Raúl Castro| R. Castro |")
    ['Raúl Castro', ' R. Castro ']
    """
    items, current, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            current.append(cell[i + 1])
            i += 2
            continue
        if ch == sep:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current))
    return [item for item in items if item.strip()]


def join_items(values: Sequence[str | None]) -> str | None:
    """Return the values of a relation's evidence items, in order, as one ``|``-separated cell.

    Positional: an item without a value leaves an empty place, so the n-th
    value belongs to the n-th item. ``None`` when no item has a value.

    Parameters
    ----------
    values : sequence of str or None
        One value per evidence item, ``None`` where an item has none.

    Returns
    -------
    str or None
        One cell, or ``None``.

    Examples
    --------
    >>> join_items(["a", None, "c"]), join_items([None, None])
    ('a||c', None)
    """
    if all(v is None for v in values):
        return None
    return "|".join("" if v is None else _escape_item(v) for v in values)


def split_items(cell: str) -> list[str]:
    r"""Return the values of a cell written by :func:`join_items`, empty places kept.

    Parameters
    ----------
    cell : str
        A cell written by :func:`join_items`.

    Returns
    -------
    list of str
        The values, ``""`` for an empty place.

    Examples
    --------
    >>> split_items("a\\|b||c"), split_items("")
    (['a|b', '', 'c'], [''])
    """
    items, current, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            current.append(cell[i + 1])
            i += 2
            continue
        if ch == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current))
    return items


def join_pairs(pairs: Iterable[tuple[str, str]]) -> str:
    r"""``scheme:id`` pairs joined with ``|`` (a ``:`` in a scheme is escaped).

    Parameters
    ----------
    pairs : iterable of (str, str)
        ``(scheme, id)`` pairs, such as an actor's external ids.

    Returns
    -------
    str
        One cell.

    Examples
    --------
    >>> join_pairs([("wikidata", "Q241"), ("a:b", "c")])
    'wikidata:Q241|a\\:b:c'
    >>> split_pairs(join_pairs([("wikidata", "Q241"), ("a:b", "c")]))
    [('wikidata', 'Q241'), ('a:b', 'c')]
    """
    return "|".join(f"{_escape_item(k, ':')}:{_escape_item(v)}" for k, v in pairs)


def split_pairs(cell: str) -> list[tuple[str, str]] | None:
    """Return the pairs of a cell written by :func:`join_pairs`; ``None`` if an item has no ``:``.

    Schemes and ids are kept exactly as written, white space included.

    Parameters
    ----------
    cell : str
        A cell written by :func:`join_pairs`.

    Returns
    -------
    list of (str, str) or None
        The pairs, or ``None``.

    Examples
    --------
    >>> split_pairs(join_pairs([("wikidata", "Q241"), ("iso", "CU")]))
    [('wikidata', 'Q241'), ('iso', 'CU')]
    >>> split_pairs("no-colon") is None
    True
    """
    out = []
    raw_items = re.split(r"(?<!\\)\|", cell)
    for raw in raw_items:
        if not raw.strip():
            continue
        m = re.match(r"((?:\\.|[^\\:])*):(.*)$", raw, re.DOTALL)
        if not m:
            return None
        key = re.sub(r"\\(.)", r"\1", m.group(1))
        value = re.sub(r"\\(.)", r"\1", m.group(2))
        out.append((key, value))
    return out
