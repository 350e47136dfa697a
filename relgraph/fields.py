"""Typed access to the fields of a located YAML mapping, collecting problems.

Shared by the vocabulary loader and the dataset validator, so a wrong field
gets the same message wherever it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from relgraph.errors import MAX_DIAGNOSTICS, DatasetError, Diagnostic, did_you_mean
from relgraph.load.yaml import Node

__all__ = ["ID_RE", "Fields", "Problems"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: What one-line values (names, aliases, tags, external ids) refuse: every control
#: character, tab, line feed and carriage return included, so that a name printed on a
#: terminal line cannot start another line or move the cursor.
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

#: Ids are readable slugs: lower-case letters, digits, '-', '_' and '.'.
ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,126}[a-z0-9])?$")
#: The longest id :data:`ID_RE` accepts.
MAX_ID = 128


def slug_for(text: str) -> str:
    """Return a valid id made of ``text``: lower case, other characters as ``-``, at most 128 long.

    Parameters
    ----------
    text : str
        Any text, such as a name.

    Returns
    -------
    str
        An id that :data:`ID_RE` accepts (``x`` when nothing of ``text`` is left).

    Examples
    --------
    >>> slug_for("Raisi's visit, 2023"), slug_for("!!!"), len(slug_for("a b " * 100))
    ('raisi-s-visit-2023', 'x', 127)
    """
    slug = re.sub(r"[^a-z0-9._-]+", "-", text[: 4 * MAX_ID].lower())
    return slug[:MAX_ID].strip("-._") or "x"


def id_problem(text: str, what: str = "a valid id") -> tuple[str, str]:
    """Return the message and hint of ``error[bad-id]`` for ``text``, which :data:`ID_RE` refuses.

    Parameters
    ----------
    text : str
        The refused id.
    what : str
        What the id should have been, for the message.

    Returns
    -------
    (str, str)
        The message and the hint.

    Examples
    --------
    >>> message, hint = id_problem("Iran")
    >>> message
    "'Iran' is not a valid id (lower-case letters, digits, '-', '_', '.')"
    >>> hint
    "use a slug such as 'iran'"
    >>> id_problem("a" * 200)[0][-53:]
    "' is not a valid id (at most 128 characters, not 200)"
    """
    if len(text) > MAX_ID and ID_RE.match(text[:MAX_ID]):
        rule = f"at most {MAX_ID} characters, not {len(text):,}"
    else:
        rule = "lower-case letters, digits, '-', '_', '.'"
    return f"'{text}' is not {what} ({rule})", f"use a slug such as '{slug_for(text)}'"


_KIND_WORDS = {
    "int": "a number",
    "float": "a number",
    "bool": "a yes/no value",
    "null": "empty",
    "map": "a mapping",
    "seq": "a list",
    "str": "text",
}


def _a(noun: str) -> str:
    """Return the noun with its indefinite article."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


class _Capped(list[Diagnostic]):
    """A list that keeps the first :data:`~relgraph.errors.MAX_DIAGNOSTICS` and counts the rest."""

    omitted = 0

    def append(self, item: Diagnostic) -> None:
        if len(self) < MAX_DIAGNOSTICS:
            super().append(item)
        else:
            self.omitted += 1

    def extend(self, items: Iterable[Diagnostic]) -> None:
        for item in items:
            self.append(item)

    @property
    def full(self) -> bool:
        """True once diagnostics are being counted instead of kept."""
        return len(self) >= MAX_DIAGNOSTICS


class Problems:
    r"""A growing list of diagnostics: the first :data:`~relgraph.errors.MAX_DIAGNOSTICS` kept.

    Beyond that, problems are only counted (``omitted``): a file with millions
    of mistakes costs neither the memory nor the time to list them all.

    Examples
    --------
    >>> from relgraph.load.yaml import read_yaml
    >>> node, _ = read_yaml("e.yaml", "id: Iran\n")
    >>> problems = Problems()
    >>> problems.add(node.get("id"), "bad-id", "'Iran' is not a valid id", "use 'iran'")
    >>> problems.has_errors, problems.omitted
    (True, 0)
    >>> print(problems.error())
    e.yaml:1:5: error[bad-id] 'Iran' is not a valid id
      hint: use 'iran'
    """

    def __init__(self) -> None:
        self.items: _Capped = _Capped()

    @property
    def omitted(self) -> int:
        """How many problems were counted but not kept."""
        return self.items.omitted

    @property
    def full(self) -> bool:
        """True once problems are being counted instead of kept."""
        return self.items.full

    def error(self) -> DatasetError:
        """Return the error listing the problems kept, and how many more there were.

        Returns
        -------
        DatasetError
            To be raised by the caller.

        Examples
        --------
        >>> from relgraph.errors import Diagnostic
        >>> problems = Problems()
        >>> problems.extend([Diagnostic("a.yaml", 1, 1, "bad-id", "'A' is not a valid id")])
        >>> print(problems.error())
        a.yaml:1:1: error[bad-id] 'A' is not a valid id
        """
        return DatasetError(self.items, omitted=self.omitted)

    def add(
        self,
        node: Node,
        code: str,
        message: str,
        hint: str | None = None,
        severity: str = "error",
        value: str | None = None,
    ) -> None:
        r"""Record a problem at ``node``; ``value``, the whole value a message had to shorten.

        Parameters
        ----------
        node : Node
            Where the problem is.
        code : str
            The diagnostic's code, such as ``bad-id``.
        message, hint : str
            What is wrong and what to do.
        severity : {"error", "warning"}
            How bad it is.
        value : str, optional
            The whole value the message quotes shortened.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", "id: iran\nname: Iran\n")
        >>> problems = Problems()
        >>> problems.add(node.get("name"), "same-name", "the name repeats the id", None, "warning")
        >>> problems.has_errors, str(problems.items[0])
        (False, 'e.yaml:2:7: warning[same-name] the name repeats the id')
        """
        self.items.append(
            Diagnostic(
                node.path,
                node.line,
                node.column,
                code,
                message,
                hint,
                "warning" if severity == "warning" else "error",
                value,
            )
        )

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record problems found elsewhere.

        Parameters
        ----------
        diagnostics : iterable of Diagnostic
            The problems to add.

        Examples
        --------
        >>> from relgraph.errors import Diagnostic
        >>> problems = Problems()
        >>> problems.extend([Diagnostic("a.yaml", 1, 1, "bad-id", "'A' is not a valid id")])
        >>> problems.has_errors, len(problems.items)
        (True, 1)
        """
        self.items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        """True when at least one problem is an error."""
        return any(d.severity == "error" for d in self.items)


class Fields:
    r"""Read the fields of one mapping ``node`` that describes a ``what`` (e.g. 'entity').

    Examples
    --------
    Each reader returns the value, or ``None`` with the problem recorded:

    >>> from relgraph.load.yaml import read_yaml
    >>> node, _ = read_yaml("e.yaml", "id: Iran\nname: Iran\nkind: stat\nrank: 12\naliases: [IR]\n")
    >>> problems = Problems()
    >>> f = Fields(node, "entity", ["id", "name", "kind", "rank", "aliases"], problems)
    >>> f.ident("id"), f.line("name", required=True), f.texts("aliases")
    (None, 'Iran', ('IR',))
    >>> f.choice("kind", ["state", "group"], noun="entity kind"), f.integer("rank", 1, 10)
    (None, None)
    >>> for d in problems.items:
    ...     print(d)
    e.yaml:1:5: error[bad-id] 'Iran' is not a valid id (lower-case letters, digits, '-', '_', '.')
      hint: use a slug such as 'iran'
    e.yaml:3:7: error[unknown-kind] 'stat' is not an entity kind
      hint: did you mean 'state'? choose one of: state, group
    e.yaml:4:7: error[bad-rank] rank 12 is out of range
      hint: write a number from 1 to 10
    >>> f.ok, problems.has_errors
    (False, True)
    """

    def __init__(self, node: Node, what: str, allowed: Sequence[str], problems: Problems) -> None:
        self.node = node
        self.what = what
        self.problems = problems
        self.ok = True
        for key, key_node in node.keys.items():
            if key not in allowed:
                hint = did_you_mean(str(key), allowed, f"{_a(what)} has: {', '.join(allowed)}")
                problems.add(
                    key_node, "unknown-field", f"'{key}' is not a field of {_a(what)}", hint
                )

    def _missing(self, key: str, example: str, hint: str | None = None) -> None:
        self.ok = False
        if key in self.node.keys and key not in self.node.value:
            return  # the value was written but could not be read: already reported
        self.problems.add(
            self.node,
            "missing-field",
            f"this {self.what} has no '{key}'",
            hint or f"add '{key}: {example}'",
        )

    def _wrong(
        self, key: str, value: Node, expected: str, hint: str | None = None, got: str | None = None
    ) -> None:
        self.ok = False
        if got is None:
            got = _KIND_WORDS[value.kind]
            if value.kind in ("bool", "int", "float", "null") and value.value not in ("", None):
                got = f"{got} ({value.value})"
        self.problems.add(
            value,
            "wrong-type",
            f"'{key}' of {_a(self.what)} must be {expected}, not {got}",
            hint or f'write {key}: "…" in quotes to keep it as text',
        )

    def node_of(self, key: str) -> Node | None:
        r"""Return the raw node of a field, if present and not empty.

        Parameters
        ----------
        key : str
            The field's name.

        Returns
        -------
        Node or None
            The node, or ``None`` when the field is missing or empty.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'name: Iran\n')
        >>> f = Fields(node, "entity", ['name'], Problems())
        >>> f.node_of("name").value, f.node_of("other")
        ('Iran', None)
        """
        value = self.node.get(key)
        if value is None or value.kind == "null":
            return None
        return value

    def control(self, node: Node, what: str, text: str) -> bool:
        r"""Report a control character of a one-line value ``text``; True if there is one.

        Parameters
        ----------
        node : Node
            Where the value is.
        what : str
            What the value is, for the message.
        text : str
            The value.

        Returns
        -------
        bool
            True when a problem was recorded.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", "name: Iran\n")
        >>> problems = Problems()
        >>> f = Fields(node, "entity", ["name"], problems)
        >>> f.control(node.get("name"), "the name", "Iran")
        False
        >>> f.control(node.get("name"), "the name", "Ir\x07an"), f.ok
        (True, False)
        >>> print(problems.error())  # doctest: +NORMALIZE_WHITESPACE
        e.yaml:1:7: error[control-character] the name contains the control character U+0007
          hint: remove it: it is invisible and can hide or change what a reader sees;
          a name is one line of text
        """
        bad = _LINE_CONTROL.search(text)
        if bad is None:
            return False
        self.ok = False
        self.problems.add(
            node,
            "control-character",
            f"{what} contains the control character U+{ord(bad.group()):04X}",
            "remove it: it is invisible and can hide or change what a reader sees; "
            "a name is one line of text",
        )
        return True

    def line(self, key: str, required: bool = False, example: str = "…") -> str | None:
        r"""Return a text field on one line: a name.

        It holds no tab, line break or other control character.

        Parameters
        ----------
        key : str
            The field's name.
        required : bool
            Record a problem when it is missing.
        example : str
            A value to show in the hint for a missing one.

        Returns
        -------
        str or None
            The value, or ``None`` when it is missing or has a problem.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'name: Iran\n')
        >>> f = Fields(node, "entity", ['name'], Problems())
        >>> f.line("name", required=True)
        'Iran'
        """
        value = self.node_of(key)
        if (
            value is not None
            and value.kind == "str"
            and self.control(value, f"'{key}'", value.value)
        ):
            return None
        return self.text(key, required, example)

    def text(self, key: str, required: bool = False, example: str = "…") -> str | None:
        r"""Return a text field. Numbers and yes/no words where text belongs are errors.

        Parameters
        ----------
        key : str
            The field's name.
        required : bool
            Record a problem when it is missing.
        example : str
            A value to show in the hint for a missing one.

        Returns
        -------
        str or None
            The value, or ``None`` when it is missing or has a problem.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'notes: yes\n')
        >>> f = Fields(node, "entity", ['notes'], Problems())
        >>> f.text("notes"), f.ok
        (None, False)
        """
        value = self.node_of(key)
        if value is None:
            if required:
                self._missing(key, example)
            return None
        if value.kind != "str":
            if value.kind in ("map", "seq"):
                self._wrong(key, value, "text", f"write {key}: followed by plain text")
            else:
                self._wrong(key, value, "text")
            return None
        text = str(value.value)
        if bad := _CONTROL.search(text):
            self.ok = False
            self.problems.add(
                value,
                "control-character",
                f"'{key}' contains the control character U+{ord(bad.group()):04X}",
                "remove it: it is invisible and can hide or change what a reader sees",
            )
            return None
        if bidi := _BIDI.search(text):
            self.problems.add(
                value,
                "bidi-control",
                f"'{key}' contains the bidirectional control U+{ord(bidi.group()):04X}",
                "it can make text display in another order than it is stored; remove it "
                "unless the name needs it",
                severity="warning",
            )
        if not text.strip():
            if required:
                self._missing(key, example)
            return None
        return text

    def scalar(self, key: str, required: bool = False, example: str = "…") -> str | None:
        r"""Return a field read as text whatever YAML makes of it (a hash of digits stays text).

        Parameters
        ----------
        key : str
            The field's name.
        required : bool
            Record a problem when it is missing.
        example : str
            A value to show in the hint for a missing one.

        Returns
        -------
        str or None
            The value as written, or ``None`` when it is missing or has a problem.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'sha256: 0123\n')
        >>> f = Fields(node, "entity", ['sha256'], Problems())
        >>> f.scalar("sha256")
        '0123'
        """
        value = self.node_of(key)
        if value is not None and value.kind in ("int", "float", "bool"):
            return str(value.value)
        return self.text(key, required, example)

    def ident(self, key: str, required: bool = True) -> str | None:
        r"""Return an id field: a readable slug (see :data:`ID_RE`).

        Parameters
        ----------
        key : str
            The field's name.
        required : bool
            Record a problem when it is missing.

        Returns
        -------
        str or None
            The id, or ``None`` when it is missing or has a problem.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'id: iran\n')
        >>> f = Fields(node, "entity", ['id'], Problems())
        >>> f.ident("id")
        'iran'
        """
        value = self.node_of(key)
        text = self.text(key, required, "<a-readable-slug>")
        if text is None or value is None:
            return None
        if not ID_RE.match(text):
            self.ok = False
            self.problems.add(value, "bad-id", *id_problem(text))
            return None
        return text

    def choice(
        self,
        key: str,
        choices: Sequence[str],
        required: bool = False,
        listing: str | None = None,
        noun: str | None = None,
        hint: str | None = None,
    ) -> str | None:
        r"""Return a field whose value must be one of ``choices``.

        Each choice is a ``noun``, e.g. 'entity kind'.

        ``hint`` is the hint for a required value that is missing (by default: add the
        first choice).

        Parameters
        ----------
        key : str
            The field's name.
        choices : sequence of str
            The values allowed.
        required : bool
            Record a problem when it is missing.
        listing : str, optional
            Where the choices are listed, for the hint (default: the choices).
        noun : str, optional
            What one choice is, for the message.
        hint : str, optional
            The hint for a missing required value.

        Returns
        -------
        str or None
            The value, or ``None`` when it is missing or not a choice.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'kind: state\n')
        >>> f = Fields(node, "entity", ['kind'], Problems())
        >>> f.choice("kind", ["state", "group"])
        'state'
        """
        value = self.node_of(key)
        if value is None and required and hint is not None:
            self._missing(key, choices[0], hint)
            return None
        text = self.text(key, required, choices[0] if choices else "…")
        if text is None or value is None:
            return None
        if text not in choices:
            self.ok = False
            self.problems.add(
                value,
                f"unknown-{key.replace('_', '-')}",
                f"'{text}' is not {_a(noun or key.replace('_', ' '))}",
                did_you_mean(text, choices, listing or f"choose one of: {', '.join(choices)}"),
            )
            return None
        return text

    def boolean(self, key: str, required: bool = False) -> bool | None:
        r"""Return a yes/no field written as true or false.

        Parameters
        ----------
        key : str
            The field's name.
        required : bool
            Record a problem when it is missing.

        Returns
        -------
        bool or None
            The value, or ``None`` when it is missing or has a problem.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'directed: true\n')
        >>> f = Fields(node, "entity", ['directed'], Problems())
        >>> f.boolean("directed")
        True
        """
        value = self.node_of(key)
        if value is None:
            if required:
                self._missing(key, "true")
            return None
        if value.kind != "bool" or value.value.lower() not in ("true", "false"):
            self._wrong(key, value, "true or false", "write true or false")
            return None
        return bool(value.value.lower() == "true")

    def integer(self, key: str, low: int, high: int) -> int | None:
        r"""Return a whole number field within ``low`` … ``high``.

        Parameters
        ----------
        key : str
            The field's name.
        low, high : int
            The least and the greatest value allowed.

        Returns
        -------
        int or None
            The value, or ``None`` when it is missing or has a problem.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'rank: 3\n')
        >>> f = Fields(node, "entity", ['rank'], Problems())
        >>> f.integer("rank", 1, 10)
        3
        """
        value = self.node_of(key)
        if value is None:
            return None
        text = str(value.value).replace("_", "")
        if value.kind not in ("int", "str") or not re.fullmatch(r"[+-]?[0-9]+", text):
            self._wrong(
                key,
                value,
                f"a whole number from {low} to {high}",
                f"write a number from {low} to {high}",
                # a number of another form (2.5, 0x3, .inf, 1:30) is named as written
                f"'{value.value}'" if value.kind in ("int", "float") else None,
            )
            return None
        number = int(text)
        if not low <= number <= high:
            self.ok = False
            self.problems.add(
                value,
                f"bad-{key}",
                f"{key} {number} is out of range",
                f"write a number from {low} to {high}",
            )
            return None
        return number

    def items(self, key: str, required: bool = False) -> list[Node]:
        r"""Return the items of a list field (a single value is taken as a list of one).

        Parameters
        ----------
        key : str
            The field's name.
        required : bool
            Record a problem when it is missing.

        Returns
        -------
        list of Node
            The items; empty when the field is missing.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'tags: gulf\n')
        >>> f = Fields(node, "entity", ['tags'], Problems())
        >>> [item.value for item in f.items("tags")]
        ['gulf']
        """
        value = self.node_of(key)
        if value is None:
            if required:
                self._missing(key, "[…]")
            return []
        if value.kind == "seq":
            return list(value.value)
        if value.kind == "map":
            self._wrong(key, value, "a list", f"write {key} as a list of items, one per '- ' line")
            return []
        return [value]

    def texts(self, key: str) -> tuple[str, ...]:
        r"""Return a list of one-line text values (aliases, tags).

        Parameters
        ----------
        key : str
            The field's name.

        Returns
        -------
        tuple of str
            The values without problems; empty when the field is missing.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'aliases: [IR, Persia]\n')
        >>> f = Fields(node, "entity", ['aliases'], Problems())
        >>> f.texts("aliases")
        ('IR', 'Persia')
        """
        out = []
        for item in self.items(key):
            if item.kind != "str":
                self._wrong(key, item, "a list of text")
                continue
            if self.control(item, f"an item of '{key}'", item.value):
                continue
            out.append(str(item.value))
        return tuple(out)

    def mapping(self, key: str) -> dict[str, Node]:
        r"""Return a mapping field, as key → node.

        Parameters
        ----------
        key : str
            The field's name.

        Returns
        -------
        dict of str to Node
            The entries; empty when the field is missing or not a mapping.

        Examples
        --------
        >>> from relgraph.load.yaml import read_yaml
        >>> node, _ = read_yaml("e.yaml", 'external_ids: {wikidata: Q794}\n')
        >>> f = Fields(node, "entity", ['external_ids'], Problems())
        >>> {k: v.value for k, v in f.mapping("external_ids").items()}
        {'wikidata': 'Q794'}
        """
        value = self.node_of(key)
        if value is None:
            return {}
        if value.kind != "map":
            self._wrong(key, value, "a mapping", f"write {key}: followed by 'name: value' lines")
            return {}
        return dict(value.value)
