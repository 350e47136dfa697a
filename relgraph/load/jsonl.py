"""JSON Lines datasets: the bulk format, its lines read as located records, and written.

The bulk format
---------------
A ``*.jsonl`` file holds one JSON object per line, a *record*. Its
``"record"`` field says what it is, and its other fields are exactly those
of the YAML format (see :mod:`relgraph.load.rules`)::

    {"record": "dataset", "id": "demo", "title": "Demo"}
    {"record": "source", "id": "art", "title": "An article", "reliability": "F",
     "text": "sources/art.txt", "sha256": "…"}
    {"record": "entity", "id": "iran", "name": "Iran", "kind": "state"}
    {"record": "relation", "source": "iran", "target": "cuba", "type": "agreement",
     "status": "reported", "date": "2006-01",
     "evidence": [{"quote": "…", "source": "art"}]}

(each record on one line). The kinds are ``dataset``, ``vocabulary`` (with
``entity_kinds``, ``categories`` and ``relation_types`` lists), ``source``,
``entity``, ``relation`` and ``claim``. The field is called ``record``, not
``type``, because relations already have a ``type``. Blank lines are
skipped; a UTF-8 byte order mark is dropped. :func:`relgraph.convert.convert` (``relgraph
convert``) and ``relgraph export --to jsonl`` write this format, with
:func:`write_jsonl`.

A dataset folder may mix ``*.jsonl`` files with ``*.yaml``/``*.yml`` files;
together they make one dataset, as if their records were written in one file
in the order of the file names. Every record is checked by the same code as
YAML, so a problem gets the same code, message and hint in both formats.

Where problems are reported
---------------------------
Every diagnostic is located ``file:line:column``: the line of the record and
the column (1-based, in characters) of the offending value or key in that
line, as in YAML. Problems that are not about one value point at the record's
opening brace. Model objects of records that pass the checks (``location`` of
a relation, claim or entity) point at the line and the record's opening brace;
their evidence items share the record's location.

Only a few messages are about the JSON itself: ``json-syntax`` (the line is
not JSON; the column is where the JSON reader stopped), ``not-a-mapping``
(the line is not an object), ``missing-record`` and ``unknown-record``,
``line-too-long`` (a line longer than :data:`MAX_LINE_BYTES`),
``too-many-bad-lines`` (more than :data:`MAX_BAD_LINES` unreadable lines: the
rest of the file is skipped), ``duplicate-key``, ``encoding`` and ``nul-byte``.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable, Iterable
from typing import IO, Any

import orjson

from relgraph.errors import Diagnostic
from relgraph.load.yaml import (
    MAX_DEPTH,
    Node,
)
from relgraph.progress import Ticker

__all__ = ["MAX_BAD_LINES", "MAX_LINE_BYTES", "RECORD_KINDS", "write_jsonl"]

#: Longest line (one record, in bytes) read from a JSON Lines file.
MAX_LINE_BYTES = 1 << 20
#: Unreadable lines (bad JSON, not an object, too long) after which a file is given up.
MAX_BAD_LINES = 100
#: The values of a record's ``"record"`` field.
RECORD_KINDS = ("dataset", "vocabulary", "source", "entity", "relation", "claim", "view")

_SECTION = {
    "dataset": "dataset",
    "vocabulary": "vocabulary",
    "source": "sources",
    "entity": "entities",
    "relation": "relations",
    "claim": "claims",
    "view": "views",
}
# How deep a record's fields sit in a YAML file (root → section → item → field), so that
# the nesting limit applies to the same values in both formats.
_DEPTH = {"dataset": 1, "vocabulary": 1}
_DEFERRED = (
    b'{"record":"relation"',
    b'{"record": "relation"',
    b'{"record":"claim"',
    b'{"record": "claim"',
)

# ---------------------------------------------------------------------------
# Located records: a JSON line as a Node tree, for the message-producing checks
# ---------------------------------------------------------------------------

#: the standard library's (C) JSON string reader: (text, index after the quote, strict)
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_JSON_SCALAR = re.compile(r"[^\s,:\[\]{}\"]+")


class _Unlocatable(Exception):
    """The locator could not follow a line the JSON reader accepted."""


class _TooDeep(Exception):
    """The record nests deeper than a dataset may (reported; the record is dropped)."""


class _Locator:
    """Walk one line of JSON, making :class:`Node` values that know their column."""

    def __init__(self, text: str, path: str, line: int) -> None:
        self.text = text
        self.path = path
        self.line = line
        self.problems: list[Diagnostic] = []

    def skip(self, i: int) -> int:
        m = _JSON_WS.match(self.text, i)
        return m.end() if m else i

    def expect(self, i: int, ch: str) -> int:
        if self.text[i : i + 1] != ch:
            raise _Unlocatable(i)
        return i + 1

    def string(self, i: int) -> tuple[str, int]:
        if self.text[i : i + 1] != '"':
            raise _Unlocatable(i)
        try:
            return _scanstring(self.text, i + 1, True)
        except ValueError:
            raise _Unlocatable(i) from None

    def too_deep(self, i: int) -> _TooDeep:
        self.problems.append(
            Diagnostic(
                self.path,
                self.line,
                i + 1,
                "too-deep",
                f"nesting is deeper than {MAX_DEPTH} levels",
                "a dataset needs only a few levels; check the brackets and the indentation",
            )
        )
        return _TooDeep()

    def skip_value(self, i: int, depth: int) -> int:
        """Return the end of the value at ``i``, without building it (and without recursion)."""
        text, opened = self.text, 0
        while True:
            i = self.skip(i)
            ch = text[i : i + 1]
            if ch in ("{", "["):
                if depth + opened >= MAX_DEPTH:
                    raise self.too_deep(i)
                opened += 1
                i += 1
                continue
            if ch in ("}", "]"):
                opened -= 1
                i += 1
            elif ch in (",", ":") and opened > 0:
                i += 1
                continue
            elif ch == '"':
                i = self.string(i)[1]
            else:
                m = _JSON_SCALAR.match(text, i)
                if not m:
                    raise _Unlocatable(i)
                i = m.end()
            if opened <= 0:
                return i

    def value(self, i: int, depth: int, build: bool = True) -> tuple[Node | None, int]:
        """Return the value at ``i`` with ``depth`` collections open around it (as in YAML)."""
        text, col = self.text, i + 1
        if not build:
            return None, self.skip_value(i, depth)
        ch = text[i : i + 1]
        if ch in ("{", "[") and depth >= MAX_DEPTH:
            raise self.too_deep(i)
        if ch == "{":
            return self.mapping(i, depth, build)
        if ch == "[":
            j = self.skip(i + 1)
            items: list[Node] = []
            if text[j : j + 1] == "]":
                return Node("seq", items, self.path, self.line, col), j + 1
            while True:
                item, j = self.value(j, depth + 1, build)
                if item is not None:
                    items.append(item)
                j = self.skip(j)
                if text[j : j + 1] == ",":
                    j = self.skip(j + 1)
                    continue
                j = self.expect(j, "]")
                return Node("seq", items, self.path, self.line, col), j
        if ch == '"':
            s, j = self.string(i)
            return Node("str", s, self.path, self.line, col, quoted=True), j
        for word, kind in (("true", "bool"), ("false", "bool"), ("null", "null")):
            if text.startswith(word, i):
                return Node(kind, word, self.path, self.line, col), i + len(word)  # type: ignore[arg-type]
        m = _JSON_NUMBER.match(text, i)
        if not m or m.end() == i:
            raise _Unlocatable(i)
        kind = "float" if m.group(1) or m.group(2) else "int"
        return Node(kind, m.group(), self.path, self.line, col), m.end()  # type: ignore[arg-type]

    def mapping(self, i: int, depth: int, build: bool) -> tuple[Node, int]:
        text, col = self.text, i + 1
        values: dict[str, Node] = {}
        keys: dict[str, Node] = {}
        j = self.skip(i + 1)
        if text[j : j + 1] == "}":
            return Node("map", values, self.path, self.line, col, keys=keys), j + 1
        while True:
            key_col = j + 1
            key, j = self.string(j)
            j = self.skip(self.expect(self.skip(j), ":"))
            if key in keys:
                if build:
                    self.problems.append(
                        Diagnostic(
                            self.path,
                            self.line,
                            key_col,
                            "duplicate-key",
                            f"the key '{key}' appears twice in this mapping "
                            f"(first at column {keys[key].column})",
                            "keep one of them; most JSON readers silently drop the first",
                        )
                    )
                _, j = self.value(j, depth + 1, build=False)
            else:
                keys[key] = Node("str", key, self.path, self.line, key_col, quoted=True)
                value, j = self.value(j, depth + 1, build)
                if value is not None:
                    values[key] = value
            j = self.skip(j)
            if text[j : j + 1] == ",":
                j = self.skip(j + 1)
                continue
            j = self.expect(j, "}")
            return Node("map", values, self.path, self.line, col, keys=keys), j


def _node_of_plain(value: Any, path: str, line: int, column: int) -> Node:
    """Return a Node tree for parsed JSON, every part at one place.

    This is for when the locator cannot help.
    """
    if isinstance(value, dict):
        items = {str(k): _node_of_plain(v, path, line, column) for k, v in value.items()}
        keys = {k: Node("str", k, path, line, column) for k in items}
        return Node("map", items, path, line, column, keys=keys)
    if isinstance(value, list):
        return Node(
            "seq", [_node_of_plain(v, path, line, column) for v in value], path, line, column
        )
    if value is None:
        return Node("null", "null", path, line, column)
    if isinstance(value, bool):
        return Node("bool", "true" if value else "false", path, line, column)
    if isinstance(value, int):
        return Node("int", str(value), path, line, column)
    if isinstance(value, float):
        return Node("float", repr(value), path, line, column)
    return Node("str", str(value), path, line, column, quoted=True)


def _locate(
    raw: bytes, parsed: Any, path: str, line: int, kind: str
) -> tuple[Node | None, list[Diagnostic]]:
    """Return the record on ``raw`` as a located Node tree, and problems of the JSON itself.

    ``None`` when the record nests too deep to be read (as a YAML file would be).
    """
    text = raw.decode("utf-8")
    loc = _Locator(text, path, line)
    depth = _DEPTH.get(kind, 2)
    try:
        node, _ = loc.value(loc.skip(0), depth)
    except _TooDeep:
        return None, loc.problems
    except (_Unlocatable, IndexError, RecursionError):
        node, loc.problems = None, []
    if node is None:
        column = len(text) - len(text.lstrip()) + 1
        node = _node_of_plain(parsed, path, line, column)
    return node, loc.problems


def _column(raw: bytes) -> int:
    """Return the column of the record's opening brace."""
    return 1 if raw[:1] == b"{" else len(raw) - len(raw.lstrip()) + 1


# Characters that some line readers (Python's ``str.splitlines``) take as line ends: JSON may
# leave them as they are, and orjson does; in UTF-8 they occur only inside strings.
_LINE_ENDS = (
    (b"\xc2\x85", b"\\u0085"),
    (b"\xe2\x80\xa8", b"\\u2028"),
    (b"\xe2\x80\xa9", b"\\u2029"),
)


def write_jsonl(
    fh: IO[bytes],
    records: Iterable[tuple[str, dict[str, Any]]],
    tick: Ticker | None = None,
) -> None:
    r"""Write ``(kind, fields)`` records to ``fh`` as bulk JSON Lines, one record a line.

    Each line is ``{"record": kind, **fields}`` as compact UTF-8 JSON, ending
    in ``\n``. U+0085, U+2028 and U+2029 are written escaped, so that every
    line reader (Python's ``str.splitlines`` too) sees one record a line.
    :func:`relgraph.convert.convert` and ``relgraph export --to jsonl`` write with it;
    :func:`relgraph.convert.read_records` and :func:`relgraph.load` read it.

    Parameters
    ----------
    fh : binary stream
        Where to write.
    records : iterable of (str, dict)
        The records' kinds and fields.
    tick : Ticker, optional
        Told of each record written.

    Examples
    --------
    >>> import io
    >>> fh = io.BytesIO()
    >>> write_jsonl(fh, [("entity", {"id": "iran", "name": "Iran\u2028", "kind": "state"})])
    >>> fh.getvalue()
    b'{"record":"entity","id":"iran","name":"Iran\\u2028","kind":"state"}\n'
    """
    dumps = orjson.dumps
    for kind, fields in records:
        line = dumps({"record": kind, **fields})
        if b"\xc2\x85" in line or b"\xe2\x80" in line:
            for raw, escaped in _LINE_ENDS:
                line = line.replace(raw, escaped)
        fh.write(line)
        fh.write(b"\n")
        if tick is not None:
            tick.advance()
