"""Reading YAML files into located nodes.

relgraph does not hand YAML to a constructor that builds Python objects.
It asks PyYAML (its C parser where available) for the node tree only, and
turns that into :class:`Node` values that remember their line and column.
This is what lets every diagnostic point at ``file:line:col``, and it is also
where YAML's traps are closed:

* duplicate keys are errors (PyYAML silently keeps the last one);
* anchors and aliases are refused, which also rules out "billion laughs";
* tags that ask for Python objects (``!!python/object``) are refused;
* nesting deeper than :data:`MAX_DEPTH` is refused;
* files are read as UTF-8 only, with NUL bytes and oversized files refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from relgraph.errors import Diagnostic

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "Node", "read_text", "read_yaml"]

#: Largest YAML file relgraph reads. Bulk data belongs in a bulk format.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted in a dataset file.
MAX_DEPTH = 64

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Kind = Literal["str", "int", "float", "bool", "null", "map", "seq"]

_CORE_TAGS: dict[str, Kind] = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "str",
    "tag:yaml.org,2002:map": "map",
    "tag:yaml.org,2002:seq": "seq",
}


@dataclass
class Node:
    """A YAML value with where it was written.

    ``value`` is a ``str`` for every scalar (exactly as written, so that a
    date or a number keeps the precision given), a ``dict`` of
    key to :class:`Node` for a mapping, a ``list`` of :class:`Node` for a
    sequence. ``kind`` says what YAML reads the scalar as (``'bool'`` for
    ``no``), ``keys`` holds each mapping key's own node, and ``quoted`` says
    whether a scalar was written in quotes.
    """

    kind: Kind
    value: Any
    path: str
    line: int
    column: int
    quoted: bool = False
    keys: dict[str, Node] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        """The value node under ``key`` of a mapping node, if present."""
        if self.kind != "map":
            return None
        result: Node | None = self.value.get(key)
        return result

    def plain(self) -> Any:
        """The value as plain Python data (strings, dicts and lists)."""
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        if self.kind == "null":
            return None
        return self.value


def _diag(path: str, line: int, column: int, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(path, line, column, code, message, hint)


def read_text(path: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file, or explain why it cannot be read.

    Returns the text (``None`` on failure) and the diagnostics. A UTF-8 byte
    order mark is dropped; UTF-16, other encodings and NUL bytes are refused.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "a.txt")
    >>> _ = open(p, "wb").write(b"caf\\xe9")
    >>> text, problems = read_text(p)
    >>> print(problems[0])  # doctest: +ELLIPSIS
    /...a.txt:1:4: error[encoding] the file is not valid UTF-8 (byte 0xe9)
      hint: save the file as UTF-8
    """
    try:
        if os.path.isdir(path):
            return None, [
                _diag(path, 0, 0, "not-a-file", "is a directory, not a file", "name a file here")
            ]
        size = os.path.getsize(path)
        if size > limit:
            return None, [
                _diag(
                    path,
                    0,
                    0,
                    "file-too-large",
                    f"the file is {size} bytes; relgraph reads at most {limit} bytes here",
                    "split the data over several files",
                )
            ]
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return None, [_diag(path, 0, 0, "missing-file", "no such file", "check the path")]
    except OSError as exc:
        return None, [
            _diag(
                path,
                0,
                0,
                "unreadable-file",
                f"cannot be read: {exc.strerror}",
                "check the file's permissions",
            )
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            _diag(
                path,
                1,
                1,
                "encoding",
                "the file is UTF-16; relgraph reads UTF-8",
                "save the file as UTF-8",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        col = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, [
            _diag(
                path,
                line,
                col,
                "nul-byte",
                "the file contains a NUL byte",
                "this is not a text file; save it as UTF-8 text",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            _diag(
                path,
                line,
                col,
                "encoding",
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                "save the file as UTF-8",
            )
        ]
    return text, []


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.seen: set[int] = set()

    def at(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def problem(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        line, col = self.at(node)
        self.problems.append(_diag(self.path, line, col, code, message, hint))

    def convert(self, node: yaml.Node, depth: int = 0) -> Node | None:
        line, col = self.at(node)
        if id(node) in self.seen:
            self.problem(
                node,
                "yaml-alias",
                "anchors and aliases (&name, *name) are not allowed",
                "write the value out in full",
            )
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(
                node,
                "too-deep",
                f"nesting is deeper than {MAX_DEPTH} levels",
                "a dataset needs only a few levels; check the indentation",
            )
            return None
        kind = _CORE_TAGS.get(node.tag)
        if kind is None:
            self.problem(
                node,
                "yaml-tag",
                f"the tag '{node.tag}' is not allowed",
                "remove the tag; datasets hold plain text, numbers, lists and mappings",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            quoted = node.style in ("'", '"')
            if node.tag == "tag:yaml.org,2002:str" or node.tag == "tag:yaml.org,2002:timestamp":
                kind = "str"
            return Node(kind, node.value, self.path, line, col, quoted=quoted)
        if isinstance(node, yaml.SequenceNode):
            items = [self.convert(item, depth + 1) for item in node.value]
            return Node("seq", [i for i in items if i is not None], self.path, line, col)
        mapping: dict[str, Node] = {}
        keys: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            if key is None:
                continue
            if key.kind not in ("str", "int", "bool", "null", "float"):
                self.problem(
                    key_node,
                    "bad-key",
                    "a mapping key must be plain text",
                    "write the key as a word, e.g. 'name:'",
                )
                continue
            if key.value in keys:
                first = keys[key.value]
                self.problem(
                    key_node,
                    "duplicate-key",
                    f"the key '{key.value}' appears twice in this mapping "
                    f"(first at line {first.line})",
                    "keep one of them; YAML would silently drop the other",
                )
                continue
            keys[key.value] = key
            value = self.convert(value_node, depth + 1)
            if value is not None:
                mapping[key.value] = value
        return Node("map", mapping, self.path, line, col, keys=keys)


def read_yaml(path: str, text: str | None = None) -> tuple[Node | None, list[Diagnostic]]:
    """Read one YAML file into a :class:`Node` tree, or say what is wrong with it.

    Parameters
    ----------
    path : str
        The file to read, also used as the location in diagnostics.
    text : str, optional
        The file's text, when the caller has already read it.

    Returns
    -------
    (Node or None, list of Diagnostic)
        ``None`` when the file is empty or could not be parsed.

    Examples
    --------
    >>> node, problems = read_yaml("x.yaml", "a: 1\\nb: [x, y]\\n")
    >>> node.get("b").value[1].line, node.get("b").value[1].value
    (2, 'y')
    >>> _, problems = read_yaml("x.yaml", "a: 1\\na: 2\\n")
    >>> print(problems[0])
    x.yaml:2:1: error[duplicate-key] the key 'a' appears twice in this mapping (first at line 1)
      hint: keep one of them; YAML would silently drop the other
    """
    if text is None:
        text, problems = read_text(path)
        if text is None:
            return None, problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "the YAML cannot be read"
        if exc.context and exc.problem:
            what = f"{exc.context}, {exc.problem}"
        return None, [
            _diag(
                path,
                line,
                col,
                "yaml-syntax",
                f"YAML syntax error: {what}",
                "check the indentation and quoting near this place",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [
            _diag(path, 0, 0, "yaml-syntax", f"YAML syntax error: {exc}", "check the file's syntax")
        ]
    except RecursionError:
        return None, [
            _diag(
                path,
                0,
                0,
                "too-deep",
                "nesting is too deep to read",
                "a dataset needs only a few levels; check the brackets",
            )
        ]
    if root is None:
        return None, []
    conv = _Converter(path)
    node = conv.convert(root)
    return node, conv.problems
