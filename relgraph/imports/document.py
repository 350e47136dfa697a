"""A dataset file being built, and the YAML (or JSON Lines) it is written as.

Importers turn spreadsheets and JSON into a :class:`Document`: the sections of
a dataset file as :class:`Item` mappings, each value optionally wrapped in
:class:`Located` to say which cell or record it came from. :func:`emit`
writes the document as YAML **and** says, for every line it writes, where
that line's value came from, so that a problem validation finds at line 40 of
the new file can be reported at the spreadsheet cell that caused it.

Strings are written plain when YAML cannot mistake them for anything else
(``state``, ``iran-cuba-2006``) and double-quoted otherwise, with every
character YAML could misread (line breaks, control characters, ``\\u2028``…)
escaped, so any text reads back exactly as it was.

Examples
--------
>>> from relgraph.model import Location
>>> doc = Document()
>>> doc.dataset = Item({"id": "demo", "title": "Demo: 2006"}, None)
>>> doc.entities.append(Item({"id": "iran", "name": "Iran", "kind": "state",
...                           "aliases": ["ایران", "no"]}, Location("e.csv", 2, 1)))
>>> text, origins = emit(doc)
>>> print(text, end="")
dataset:
  id: demo
  title: "Demo: 2006"
entities:
  - id: iran
    name: Iran
    kind: state
    aliases: ["ایران", "no"]
>>> str(origins[4])
'e.csv:2:1'
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from relgraph.model import Location

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

_SECTIONS = ("dataset", "vocabulary", "sources", "entities", "relations", "claims", "views")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass(frozen=True)
class Raw:
    """A scalar written exactly as given, unquoted (a number or yes/no read from YAML)."""

    text: str


@dataclass
class Located:
    """A value and where it came from."""

    value: Any
    origin: Location | None


@dataclass
class Item:
    """A mapping of the dataset file (an entity, a relation, an evidence item…)."""

    fields: dict[str, Any]
    origin: Location | None


@dataclass
class Document:
    """The sections of a dataset file, and the source texts to store beside it.

    ``texts`` maps a source's text path (relative to the dataset file) to the
    bytes to store there and where they came from.
    """

    dataset: Item | None = None
    vocabulary: Item | None = None
    sources: list[Item] = field(default_factory=list)
    entities: list[Item] = field(default_factory=list)
    relations: list[Item] = field(default_factory=list)
    claims: list[Item] = field(default_factory=list)
    views: list[Item] = field(default_factory=list)
    texts: dict[str, tuple[bytes, Location | None]] = field(default_factory=dict)
    comment: str = ""


def _escape(ch: str) -> str:
    o = ord(ch)
    simple = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if ch in simple:
        return simple[ch]
    unsafe = (
        o < 0x20
        or 0x7F <= o <= 0x9F
        or o in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
        or 0xD800 <= o <= 0xDFFF
    )
    if not unsafe:
        return ch
    if o <= 0xFF:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}"


def quote_scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly this string.

    Examples
    --------
    >>> quote_scalar("state"), quote_scalar("yes"), quote_scalar("2006-01")
    ('state', '"yes"', '"2006-01"')
    >>> print(quote_scalar('He said "no"\\n\\u2028'))
    "He said \\"no\\"\\n\\u2028"
    """
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return quote_scalar(str(value))


def _flow(value: Any) -> str:
    value = value.value if isinstance(value, Located) else value
    if isinstance(value, Item):
        value = value.fields
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, list | dict | tuple) and not value)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[tuple[str, Location | None]] = []

    def mapping(
        self, fields: dict[str, Any], indent: int, first: str, origin: Location | None
    ) -> None:
        lead = first
        wrote = False
        for key, raw in fields.items():
            value, where = raw, origin
            if isinstance(raw, Located):
                value, where = raw.value, raw.origin or origin
            if _empty(value):
                continue
            head = f"{lead}{_scalar(str(key))}:"
            if isinstance(value, Item):
                self.lines.append((head, value.origin or where))
                self.mapping(value.fields, indent + 2, " " * (indent + 2), value.origin or where)
            elif isinstance(value, list) and any(isinstance(v, Item) for v in value):
                self.lines.append((head, where))
                for v in value:
                    if isinstance(v, Item):
                        self.mapping(v.fields, indent + 4, " " * (indent + 2) + "- ", v.origin)
                    else:
                        self.lines.append((" " * (indent + 2) + "- " + _flow(v), where))
            elif isinstance(value, list | tuple | dict):
                self.lines.append((f"{head} {_flow(value)}", where))
            else:
                self.lines.append((f"{head} {_scalar(value)}", where))
            lead = " " * indent
            wrote = True
        if not wrote:
            self.lines.append((first + "{}", origin))


def emit(doc: Document) -> tuple[str, list[Location | None]]:
    """The document as YAML text, and for each line the origin of its value (or ``None``).

    Empty values (``None``, empty lists and mappings) are left out, as a
    person writing the file would leave them out.
    """
    w = _Writer()
    for line in doc.comment.splitlines():
        w.lines.append((f"# {line}".rstrip(), None))
    for section in _SECTIONS:
        value = getattr(doc, section)
        if isinstance(value, Item):
            w.lines.append((f"{section}:", value.origin))
            w.mapping(value.fields, 2, "  ", value.origin)
        elif value:
            w.lines.append((f"{section}:", None))
            for item in value:
                w.mapping(item.fields, 4, "  - ", item.origin)
    text = "".join(line + "\n" for line, _ in w.lines)
    return text, [origin for _, origin in w.lines]


def _plain(value: Any) -> Any:
    """A value of the document as plain JSON data."""
    if isinstance(value, Located):
        value = value.value
    if isinstance(value, Item):
        value = value.fields
    if isinstance(value, Raw):  # as YAML would have read it
        import yaml

        return yaml.safe_load(value.text)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if not _empty(_unwrap(v))}
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
    """The document as a JSON Lines dataset file, and for each line the origin of its record.

    One record a line (``{"record": "entity", ...}``), as
    :func:`relgraph.load.jsonl.write_jsonl` writes them: the form for a dataset too
    large for one YAML file. Empty values are left out, as :func:`emit` does.

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
    for section in _SECTIONS:
        value = getattr(doc, section)
        items = [value] if isinstance(value, Item) else value or []
        for item in items:
            records.append((_RECORD.get(section, section), _plain(item)))
            origins.append(item.origin)
    out = io.BytesIO()
    write_jsonl(out, records)
    return out.getvalue(), origins
