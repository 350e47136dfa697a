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
import re
import stat
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from relgraph.errors import Diagnostic

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "NUMBER_LIKE",
    "Node",
    "file_problem",
    "leaves_folder",
    "read_text",
    "read_yaml",
]

#: Largest YAML file relgraph reads. Bulk data belongs in a bulk format.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted in a dataset file.
MAX_DEPTH = 64

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Kind = Literal["str", "int", "float", "bool", "null", "map", "seq"]

#: Plain scalars that read as numbers in YAML 1.2 and in most tools, yet as text in YAML 1.1,
#: which PyYAML follows: an exponent without a dot or without a sign (``1e3``, ``2.5e3``)
#: and octal with ``0o`` (``0o17``). They are numbers here too, so that ``name: 1e3`` is
#: the same mistake as ``name: 1000`` and gets the same fix (quote it), and a file means
#: the same thing to relgraph as to the other tools that read it.
NUMBER_LIKE = re.compile(
    r"[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)[eE][-+]?[0-9]+|[-+]?0o[0-7_]+"
)

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
        r"""Return the value node under ``key`` of a mapping node, if present.

        Parameters
        ----------
        key : str
            A key of the mapping.

        Returns
        -------
        Node or None
            The value's node.

        Examples
        --------
        >>> node, _ = read_yaml("x.yaml", "a: 1\n")
        >>> node.get("a").value, node.get("a").line, node.get("b")
        ('1', 1, None)
        """
        if self.kind != "map":
            return None
        result: Node | None = self.value.get(key)
        return result

    def plain(self) -> Any:
        r"""Return the value as plain Python data (strings, dicts and lists).

        Returns
        -------
        any
            Scalars as text, mappings as dicts, sequences as lists.

        Examples
        --------
        >>> read_yaml("x.yaml", "a: 1\nb: [x, y]\n")[0].plain()
        {'a': '1', 'b': ['x', 'y']}
        """
        if self.kind == "map":
            return {k: v.plain() for k, v in self.value.items()}
        if self.kind == "seq":
            return [v.plain() for v in self.value]
        if self.kind == "null":
            return None
        return self.value


def _diag(path: str, line: int, column: int, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(path, line, column, code, message, hint)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def file_problem(path: str) -> Diagnostic | None:
    """Why ``path`` cannot be read as a file, or ``None`` when it is a regular file.

    A directory, a named pipe, a socket or a device is refused before it is
    opened: opening a named pipe waits for a writer, reading a device may never end.
    Only the status is looked at; missing and unreadable files are for the caller.

    Parameters
    ----------
    path : str
        A path that exists.

    Returns
    -------
    Diagnostic or None
        ``error[not-a-file]``, or ``None``.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> os.mkfifo(os.path.join(d, "pipe"))
    >>> print(file_problem(os.path.join(d, "pipe")))  # doctest: +ELLIPSIS
    /...pipe: error[not-a-file] is a named pipe (FIFO), not a regular file
      hint: name a regular file here; relgraph reads files, not streams
    >>> file_problem(d).code, file_problem(os.path.join(d, "nothing")) is None
    ('not-a-file', True)
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _diag(path, 0, 0, "not-a-file", "is a directory, not a file", "name a file here")
    kind = _file_kind(mode)
    what = f"is {kind}, not a regular file" if kind.startswith("a ") else f"is {kind}"
    return _diag(
        path,
        0,
        0,
        "not-a-file",
        what,
        "name a regular file here; relgraph reads files, not streams",
    )


def leaves_folder(folder: str, rel: str) -> bool:
    """Tell whether ``rel``, inside ``folder``, leads outside it through a symbolic link.

    ``rel`` is already known to be relative and free of ``..``; this looks at
    where the links on the way resolve to, as :func:`relgraph.load` does for
    source texts.

    Parameters
    ----------
    folder : str
        The dataset's folder.
    rel : str
        A relative path inside it.

    Returns
    -------
    bool
        True when a link on the way resolves outside ``folder``.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> os.symlink("/etc/hostname", os.path.join(d, "link.txt"))
    >>> leaves_folder(d, "link.txt"), leaves_folder(d, "sources/a.txt")
    (True, False)
    """
    real_base = os.path.realpath(folder)
    real = os.path.realpath(os.path.join(folder, rel))
    return os.path.commonpath([real, real_base]) != real_base


def read_text(path: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Diagnostic]]:
    r"""Read a UTF-8 text file, or explain why it cannot be read.

    Returns the text (``None`` on failure) and the diagnostics. A UTF-8 byte
    order mark is dropped; UTF-16, other encodings and NUL bytes are refused.

    Parameters
    ----------
    path : str
        The file to read.
    limit : int
        The largest file read, in bytes.

    Returns
    -------
    (str or None, list of Diagnostic)
        The text, ``None`` on failure, and the problems.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "a.txt")
    >>> _ = open(p, "wb").write(b"caf\xe9")
    >>> text, problems = read_text(p)
    >>> print(problems[0])  # doctest: +ELLIPSIS
    /...a.txt:1:4: error[encoding] the file is not valid UTF-8 (byte 0xe9)
      hint: save the file as UTF-8
    """
    try:
        if (problem := file_problem(path)) is not None:
            return None, [problem]
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


def _tag_kind(tag: str | None) -> Kind | None:
    return _CORE_TAGS.get(tag or "")


def _too_deep(path: str, line: int, col: int) -> Diagnostic:
    return _diag(
        path,
        line,
        col,
        "too-deep",
        f"nesting is deeper than {MAX_DEPTH} levels",
        "a dataset needs only a few levels; check the brackets and the indentation",
    )


class _Builder:
    """Builds :class:`Node` trees from the parser's events, without recursion.

    Working on events rather than on PyYAML's composed nodes keeps memory and
    stack flat however the input is shaped: nesting is counted as it opens,
    and an alias is refused when it is met, before anything is expanded.
    """

    def __init__(self, path: str, loader: Any) -> None:
        self.path = path
        self.loader = loader
        self.problems: list[Diagnostic] = []

    def problem(self, mark: Any, code: str, message: str, hint: str) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        self.problems.append(_diag(self.path, line, col, code, message, hint))

    def scalar(self, event: Any) -> Node | None:
        mark = event.start_mark
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        kind = _tag_kind(tag)
        plain = not event.style and event.tag is None  # "" from libyaml, None from Python
        if kind == "str" and plain and NUMBER_LIKE.fullmatch(event.value):
            kind = "float" if "o" not in event.value else "int"
        if kind is None:
            self.problem(
                mark,
                "yaml-tag",
                f"the tag '{event.tag}' is not allowed",
                "remove the tag; datasets hold plain text, numbers, lists and mappings",
            )
            return None
        if kind in ("map", "seq"):
            kind = "str"
        quoted = event.style in ("'", '"')
        return Node(kind, event.value, self.path, mark.line + 1, mark.column + 1, quoted=quoted)

    def build(self) -> Node | None:
        """Read one document; ``None`` for an empty stream."""
        # each frame: [node, pending key node or None, ok]
        stack: list[list[Any]] = []
        root: Node | None = None
        documents = 0
        while True:
            event = self.loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return root
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(
                        event.start_mark,
                        "yaml-syntax",
                        "YAML syntax error: the file holds more than one document",
                        "remove the '---' line: a dataset file is one document",
                    )
                    return None
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            value: Node | None
            if isinstance(event, yaml.AliasEvent):
                if any(p.code == "yaml-alias" for p in self.problems):
                    continue  # one is enough: an alias bomb would repeat it thousands of times
                self.problem(
                    event.start_mark,
                    "yaml-alias",
                    "anchors and aliases (&name, *name) are not allowed",
                    "write the value out in full",
                )
                value = None
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                mark = event.start_mark
                is_map = isinstance(event, yaml.MappingStartEvent)
                ok = True
                if (
                    event.tag is not None
                    and event.tag != "!"
                    and _tag_kind(event.tag) != ("map" if is_map else "seq")
                ):
                    self.problem(
                        mark,
                        "yaml-tag",
                        f"the tag '{event.tag}' is not allowed",
                        "remove the tag; datasets hold plain text, numbers, lists and mappings",
                    )
                    ok = False
                if len(stack) >= MAX_DEPTH:
                    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                    self.problems.append(_too_deep(self.path, line, col))
                    return None
                line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                node = Node("map" if is_map else "seq", {} if is_map else [], self.path, line, col)
                stack.append([node, None, ok])
                continue
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node, _, ok = stack.pop()
                value = node if ok else None
            else:  # ScalarEvent
                value = self.scalar(event)
            if not stack:
                root = value
                continue
            self.attach(stack[-1], value)

    def attach(self, frame: list[Any], value: Node | None) -> None:
        parent: Node = frame[0]
        if parent.kind == "seq":
            if value is not None:
                parent.value.append(value)
            return
        if frame[1] is None:  # this is a key
            if value is None:
                frame[1] = False  # a refused key: skip its value
                return
            if value.kind not in ("str", "int", "bool", "null", "float"):
                self.problems.append(
                    _diag(
                        self.path,
                        value.line,
                        value.column,
                        "bad-key",
                        "a mapping key must be plain text",
                        "write the key as a word, e.g. 'name:'",
                    )
                )
                frame[1] = False
                return
            if value.value in parent.keys:
                first = parent.keys[value.value]
                self.problems.append(
                    _diag(
                        self.path,
                        value.line,
                        value.column,
                        "duplicate-key",
                        f"the key '{value.value}' appears twice in this mapping "
                        f"(first at line {first.line})",
                        "keep one of them; YAML would silently drop the other",
                    )
                )
                frame[1] = False
                return
            parent.keys[value.value] = value
            frame[1] = value
            return
        key = frame[1]
        frame[1] = None
        if key is False or value is None:
            return
        parent.value[key.value] = value


def read_yaml(path: str, text: str | None = None) -> tuple[Node | None, list[Diagnostic]]:
    r"""Read one YAML file into a :class:`Node` tree, or say what is wrong with it.

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
    >>> node, problems = read_yaml("x.yaml", "a: 1\nb: [x, y]\n")
    >>> node.get("b").value[1].line, node.get("b").value[1].value
    (2, 'y')
    >>> _, problems = read_yaml("x.yaml", "a: 1\na: 2\n")
    >>> print(problems[0])
    x.yaml:2:1: error[duplicate-key] the key 'a' appears twice in this mapping (first at line 1)
      hint: keep one of them; YAML would silently drop the other
    """
    if text is None:
        text, problems = read_text(path)
        if text is None:
            return None, problems
    loader = _Loader(text)
    builder = _Builder(path, loader)
    try:
        root = builder.build()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "the YAML cannot be read"
        if "nesting depth" in what:  # newer libyaml stops deep nesting itself, reading ahead
            return None, [_too_deep(path, line, col)]
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
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [
            _diag(
                path,
                line,
                col,
                "control-character",
                f"the file contains the control character U+{exc.character:04X}"
                if isinstance(exc.character, int)
                else f"the file contains the control character U+{ord(exc.character):04X}",
                "remove it: it is invisible and can hide or change what a reader sees",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - other errors carry marks
        return None, [
            _diag(path, 0, 0, "yaml-syntax", f"YAML syntax error: {exc}", "check the file's syntax")
        ]
    finally:
        loader.dispose()
    return root, builder.problems
