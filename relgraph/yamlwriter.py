r"""The YAML writer: a dataset file being built, and the YAML text it is written as.

Every YAML relgraph writes is written here: the imports' and the merge's
dataset files, the CSV export's ``meta.yaml`` and the judgements file of
``relgraph match`` (:func:`emit`, :func:`flow`, :func:`quote_scalar`); the
records ``relgraph accept`` and ``relgraph source add`` insert into a dataset
file (:func:`emit_records`, for :mod:`relgraph.yamledit`); and the documents
written whole, ``relgraph convert``'s YAML and the draft of ``relgraph
suggest`` (:func:`document_yaml`, PyYAML's block layout, with libyaml's speed
for a million records).

Importers turn spreadsheets and JSON into a :class:`Document`: the sections of
a dataset file as :class:`Item` mappings, each value optionally wrapped in
:class:`Located` to say which cell or record it came from. :func:`emit`
writes the document as YAML **and** says, for every line it writes, where
that line's value came from, so that a problem validation finds at line 40 of
the new file can be reported at the spreadsheet cell that caused it.

Strings are written plain when YAML cannot mistake them for anything else
(``state``, ``iran-cuba-2006``) and double-quoted otherwise, with every
character YAML could misread (line breaks, control characters, ``\u2028``…)
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

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from relgraph.load.yaml import NUMBER_LIKE
from relgraph.model import Location

__all__ = [
    "SECTIONS",
    "Document",
    "Item",
    "Located",
    "Raw",
    "document_yaml",
    "emit",
    "emit_records",
    "flow",
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
    r"""``text`` as a YAML scalar that reads back as exactly this string.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        A double-quoted YAML scalar.

    Examples
    --------
    >>> quote_scalar("state"), quote_scalar("yes"), quote_scalar("2006-01")
    ('state', '"yes"', '"2006-01"')
    >>> print(quote_scalar('He said "no"\n\u2028'))
    "He said \"no\"\n\u2028"
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


def flow(value: Any) -> str:
    """``value`` in YAML's flow style, on one line: ``[a, "b c"]``, ``{value: 19}``.

    Parameters
    ----------
    value : any
        Text, a number, a yes/no value, ``None``, a list or a mapping.

    Returns
    -------
    str
        The flow-style YAML.

    Examples
    --------
    >>> print(flow(["iran", "Cuba's"]), flow({"value": 19, "unit": "agreement"}))
    [iran, "Cuba's"] {value: 19, unit: agreement}
    """
    return _flow(value)


def is_empty(value: Any) -> bool:
    """Whether a value is left out when written: ``None``, or an empty list or mapping.

    Parameters
    ----------
    value : any
        A field's value.

    Returns
    -------
    bool
        True for ``None``, ``[]`` and ``{}``.

    Examples
    --------
    >>> is_empty(None), is_empty([]), is_empty(""), is_empty(0)
    (True, True, False, False)
    """
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
    """Return the document as YAML text, and for each line the origin of its value (or ``None``).

    Empty values (``None``, empty lists and mappings) are left out, as a
    person writing the file would leave them out.

    Parameters
    ----------
    doc : Document
        The document.

    Returns
    -------
    (str, list of Location or None)
        The YAML text, and one origin per line of it.

    Examples
    --------
    >>> doc = Document(
    ...     dataset=Item({"id": "demo", "title": "Demo", "notes": None}, None),
    ...     entities=[Item({"id": "cuba", "name": "Cuba", "kind": "state", "tags": []}, None)],
    ... )
    >>> text, origins = emit(doc)
    >>> print(text, end="")
    dataset:
      id: demo
      title: Demo
    entities:
      - id: cuba
        name: Cuba
        kind: state
    >>> len(origins)
    7
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
    """Return a ``vocabulary:`` section (as plain data) as an :class:`Item`, keeping ``origin``.

    Parameters
    ----------
    vocab : any
        The ``vocabulary:`` section, as plain data.
    origin : Location or None
        Where it was read.

    Returns
    -------
    Item
        The section as a document item.

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


# -- records in a dataset file's own layout (what relgraph.yamledit splices in) ------------
_BLOCK_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_BLOCK_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._/-]*")
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
#: Keys whose partial dates are written plain (``date: 2023``), as dataset files write them.
_DATE_KEYS = ("date", "start", "end", "reported", "published", "retrieved")
_BLOCK_ESCAPES = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}
#: The column past which a double-quoted text is folded onto the next line, at a space.
BLOCK_WIDTH = 4096


def _needs_escape(ch: str) -> bool:
    if ch in '"\\\x85\u2028\u2029\ufeff':
        return True
    return not (
        "\x20" <= ch <= "\x7e"
        or "\xa0" <= ch <= "\ud7ff"
        or "\ue000" <= ch <= "\ufffd"
        or "\U00010000" <= ch <= "\U0010ffff"
    )


def _escaped(ch: str) -> str:
    if ch in _BLOCK_ESCAPES:
        return "\\" + _BLOCK_ESCAPES[ch]
    if ch <= "\xff":
        return f"\\x{ord(ch):02X}"
    if ch <= "\uffff":
        return f"\\u{ord(ch):04X}"
    return f"\\U{ord(ch):08X}"


def _double_quoted(text: str, column: int, indent: int) -> str:
    r"""``text`` double-quoted from ``column``, folded at spaces past :data:`BLOCK_WIDTH`.

    A folded line goes on at column ``indent``; a fold that would change the
    text (a space kept at the line's end or start) is marked with ``\``.
    """
    out = ['"']
    column += 1
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if ch is None or _needs_escape(ch):
            if start < end:
                out.append(text[start:end])
                column += end - start
                start = end
            if ch is not None:
                data = _escaped(ch)
                out.append(data)
                column += len(data)
                start = end + 1
        if (
            0 < end < len(text) - 1
            and (ch == " " or start >= end)
            and column + (end - start) > BLOCK_WIDTH
        ):
            backslash = True
            space = text.find(" ", end)
            if space != -1:
                newline = text.find("\n", end, space)
                if newline != -1:
                    space = newline
                if text[space] == "\n" and text[space + 1 : space + 2] != " ":
                    pass
                elif (
                    '"' not in text[end:space]
                    and "'" not in text[end:space]
                    and space + 1 < len(text)
                    and text[space + 1] not in " \n"
                    and text[end - 1 : end + 1] != "  "
                    and start != end
                ):
                    backslash = False
            data = text[start:end] + ("\\" if backslash else "")
            start = max(start, end)
            out.append(data + "\n" + " " * indent)
            column = indent
            if text[start] == " ":
                if not backslash:
                    start += 1
                else:
                    out.append("\\")
                    column += 1
        end += 1
    out.append('"')
    return "".join(out)


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return repr(value).lower()


def _block_scalar(value: Any, date: bool, column: int, indent: int) -> str:
    """Return a scalar as a dataset file writes it: plain where YAML reads it back as the same text.

    ``date``: whether a partial date is written plain here (under a date's key).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    text = str(value)
    if _BLOCK_PLAIN.fullmatch(text) and text.lower() not in _BLOCK_WORDS:
        return text
    if _PARTIAL_DATE.fullmatch(text):
        # plain under a date's key; elsewhere quoted where YAML would read a number
        # (2023) or a timestamp (2023-06-16)
        return text if date or len(text) == 7 else f"'{text}'"
    return _double_quoted(text, column, indent)


_DATE_LEAD = re.compile(r"\s*(?:- )?(?:" + "|".join(_DATE_KEYS) + "):")


def _block_value(
    lines: list[str], lead: str, key: str | None, value: Any, indent: int, dash: int, item: int
) -> None:
    """Write ``lead`` followed by ``value`` (``indent``: the column of the mapping's keys)."""
    if isinstance(value, Mapping | Item):
        fields = value.fields if isinstance(value, Item) else value
        if not fields:
            lines.append(f"{lead} {{}}")
            return
        lines.append(lead)
        _block_mapping(lines, fields, indent + 2, " " * (indent + 2), dash, item)
    elif isinstance(value, list | tuple):
        if not value:
            lines.append(f"{lead} []")
            return
        lines.append(lead)
        _block_sequence(lines, value, indent, dash, item)
    else:
        date = _DATE_LEAD.fullmatch(lead) is not None
        scalar = _block_scalar(value, date, len(lead) + 1, indent + 2)
        lines.append(f"{lead} {scalar}" if scalar else lead)


def _block_mapping(
    lines: list[str], fields: Mapping[str, Any], indent: int, first: str, dash: int, item: int
) -> None:
    lead = first
    for key, value in fields.items():
        name = str(key)
        _block_value(lines, f"{lead}{name}:", name, value, indent, dash, item)
        lead = " " * indent


def _block_sequence(
    lines: list[str], items: Sequence[Any], indent: int, dash: int, item: int
) -> None:
    """Items of a list whose parent's keys stand at ``indent``: dashes at ``indent + dash``."""
    first = " " * (indent + dash) + "-" + " " * (item - dash - 1)
    for value in items:
        if isinstance(value, Mapping | Item):
            fields = value.fields if isinstance(value, Item) else value
            if fields:
                _block_mapping(lines, fields, indent + item, first, dash, item)
                continue
            lines.append(first + "{}")
        elif isinstance(value, list | tuple):
            lines.append(first + ("[" + ", ".join(_flow(v) for v in value) + "]"))
        else:
            column = len(first)
            lines.append(first + _block_scalar(value, False, column, indent + item))


def emit_records(records: Sequence[Mapping[str, Any]], dash: int, key: int) -> str:
    """Return the records as a block list, its dashes at column ``dash`` and its keys at ``key``.

    The layout of a dataset file written by hand: lists and mappings in block
    style (a list's dashes ``dash`` columns in from its key, its items
    ``key`` columns in), text plain where YAML reads it back as the same text
    and double-quoted otherwise, a partial date plain under a date's key,
    ``None`` as an empty value. :mod:`relgraph.yamledit` splices what it
    writes into a dataset file.

    Parameters
    ----------
    records : sequence of mapping
        The records, as plain data.
    dash : int
        How far a list's dashes stand in from its key.
    key : int
        How far a list item's keys stand in from its key.

    Returns
    -------
    str
        The YAML text of the list's items.

    Examples
    --------
    >>> print(emit_records([{"id": "cuba", "aliases": ["Republic of Cuba"],
    ...                      "date": "2023", "notes": None}], 2, 4), end="")
      - id: cuba
        aliases:
          - "Republic of Cuba"
        date: 2023
        notes:
    """
    lines: list[str] = []
    _block_sequence(lines, list(records), 0, dash, key)
    return "".join(line + "\n" for line in lines)


# -- whole documents ---------------------------------------------------------------
@functools.cache
def _dumper() -> type:
    """PyYAML's dumper (libyaml's where built), quoting text relgraph reads as a number."""
    import yaml

    base: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc]
        """PyYAML's safe dumper, quoting the text that relgraph reads as a number (``"1e3"``)."""

    Dumper.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(f"^(?:{NUMBER_LIKE.pattern})$"),
        list("-+.0123456789"),
    )
    return Dumper


def document_yaml(value: Any, width: int = 1 << 16) -> str:
    """``value`` (plain data) as YAML in PyYAML's block layout, keys in their order.

    Text YAML or relgraph would read as something else is quoted (``"1e3"``, which
    relgraph reads as a number, too); a line is folded past ``width`` columns.

    Parameters
    ----------
    value : any
        Text, numbers, yes/no values, ``None``, lists and mappings.
    width : int
        The column past which a long line is folded.

    Returns
    -------
    str
        The YAML text.

    Examples
    --------
    >>> print(document_yaml({"dataset": {"id": "d", "title": "1e3"}, "tags": ["a: b"]}), end="")
    dataset:
      id: d
      title: '1e3'
    tags:
    - 'a: b'
    """
    import yaml

    text: str = yaml.dump(value, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=width)
    return text
