"""The YAML writer: a dataset file being built, and the YAML text it is written as.

Every YAML relgraph writes is written here: the imports' and the merge's
dataset files, the CSV export's ``meta.yaml``, the judgements file of
``relgraph match``, the records ``relgraph accept`` and ``relgraph source add``
insert into a dataset file (:mod:`relgraph.yamledit`), and the draft of
``relgraph suggest``.

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

import re
from dataclasses import dataclass, field
from typing import Any

from relgraph.model import Location

__all__ = [
    "SECTIONS",
    "Document",
    "Item",
    "Located",
    "Raw",
    "emit",
    "is_empty",
    "quote_scalar",
    "vocabulary_item",
]

#: The sections of a dataset file, in the order they are written.
SECTIONS = ("dataset", "vocabulary", "sources", "entities", "relations", "claims", "views")
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


def is_empty(value: Any) -> bool:
    """Whether a value is left out when written: ``None``, or an empty list or mapping."""
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
            if is_empty(value):
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
    for section in SECTIONS:
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


def vocabulary_item(vocab: Any, origin: Location | None) -> Item:
    """A ``vocabulary:`` section (as plain data) as an :class:`Item`, keeping ``origin``.

    Examples
    --------
    >>> item = vocabulary_item({"categories": [{"id": "aid", "label": "Aid"}]}, None)
    >>> item.fields["categories"][0].fields
    {'id': 'aid', 'label': 'Aid'}
    """
    if not isinstance(vocab, dict):
        return Item({"entity_kinds": Located(vocab, origin)}, origin)
    fields: dict[str, Any] = {}
    for key in ("categories", "entity_kinds", "relation_types"):
        entries = vocab.get(key)
        if isinstance(entries, list):
            fields[key] = [Item(dict(e), origin) if isinstance(e, dict) else e for e in entries]
        elif entries is not None:
            fields[key] = Located(entries, origin)
    for key in vocab:
        if key not in fields:
            fields[key] = Located(vocab[key], origin)
    return Item(fields, origin)
