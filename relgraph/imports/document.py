"""A dataset file being built by an import, and the JSON Lines it may be written as.

The document and its YAML are :mod:`relgraph.yamlwriter`'s (named here too, where
the imports first defined them); :func:`emit_jsonl` writes the same document as
a JSON Lines dataset file.
"""

from __future__ import annotations

import io
from typing import Any

from relgraph.model import Location
from relgraph.yamlwriter import (
    SECTIONS,
    Document,
    Item,
    Located,
    Raw,
    emit,
    is_empty,
    quote_scalar,
)

__all__ = [
    "MAX_IMPORT_BYTES",
    "Document",
    "Item",
    "Located",
    "Raw",
    "emit",
    "emit_jsonl",
    "quote_scalar",
]

#: Largest file an import reads (a spreadsheet, node-link JSON, JSON Lines): a
#: 100,000-relation export is about 170 MB of node-link JSON and 56 MB of relations.csv,
#: so what relgraph exports it can import again, into a JSON Lines dataset file.
MAX_IMPORT_BYTES = 1 << 30


def _plain(value: Any) -> Any:
    """Return a value of the document as plain JSON data."""
    if isinstance(value, Located):
        value = value.value
    if isinstance(value, Item):
        value = value.fields
    if isinstance(value, Raw):  # as YAML would have read it
        import yaml

        return yaml.safe_load(value.text)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if not is_empty(_unwrap(v))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _unwrap(value: Any) -> Any:
    return value.value if isinstance(value, Located) else value


_RECORD = {
    "sources": "source",
    "entities": "entity",
    "relations": "relation",
    "claims": "claim",
    "views": "view",
}


def emit_jsonl(doc: Document) -> tuple[bytes, list[Location | None]]:
    """Return the document as a JSON Lines dataset file, and for each line the origin of its record.

    One record a line (``{"record": "entity", ...}``), as
    :func:`relgraph.load.jsonl.write_jsonl` writes them: the form for a dataset too
    large for one YAML file. Empty values are left out, as :func:`emit` does.

    Parameters
    ----------
    doc : Document
        The document.

    Returns
    -------
    (bytes, list of Location or None)
        The file's bytes, and one origin per line of it.

    Examples
    --------
    >>> from relgraph.model import Location
    >>> doc = Document()
    >>> doc.dataset = Item({"id": "demo", "title": "Demo"}, None)
    >>> doc.entities.append(Item({"id": "iran", "name": "Iran", "kind": "state",
    ...                           "aliases": []}, Location("e.csv", 2, 1)))
    >>> data, origins = emit_jsonl(doc)
    >>> print(data.decode(), end="")
    {"record":"dataset","id":"demo","title":"Demo"}
    {"record":"entity","id":"iran","name":"Iran","kind":"state"}
    >>> str(origins[1])
    'e.csv:2:1'
    """
    from relgraph.load.jsonl import write_jsonl

    records: list[tuple[str, dict[str, Any]]] = []
    origins: list[Location | None] = []
    for section in SECTIONS:
        value = getattr(doc, section)
        items = [value] if isinstance(value, Item) else value or []
        for item in items:
            records.append((_RECORD.get(section, section), _plain(item)))
            origins.append(item.origin)
    out = io.BytesIO()
    write_jsonl(out, records)
    return out.getvalue(), origins
