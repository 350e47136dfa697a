"""The vocabulary: entity kinds, relation categories and relation types, as data.

The built-in vocabulary lives in ``relgraph/vocab/vocabulary.yaml``. It is
read the first time it is asked for (never at import time) and checked as a
whole: a mistake in it fails before any dataset is read. A dataset may add
kinds, categories and types of its own in a ``vocabulary:`` section with the
same layout; they are checked the same way.

Examples
--------
>>> vocab = builtin_vocabulary()
>>> t = vocab.relation_types["visit"]
>>> (t.category, t.label, t.inverse_label, t.directed, t.sign)
('diplomatic', 'visited', 'was visited by', True, 'cooperative')
>>> t.allows("official", "state")
True
>>> "state" in vocab.entity_kinds
True
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from relgraph.errors import DatasetError, Diagnostic
from relgraph.fields import ID_RE, Fields, Problems
from relgraph.load.yaml import Node, read_yaml
from relgraph.model import Location

__all__ = [
    "SHAPES",
    "SIGNS",
    "Category",
    "EntityKind",
    "RelationType",
    "Table",
    "Vocabulary",
    "builtin_vocabulary",
    "parse_vocabulary",
]

#: Signs a relation type may have.
SIGNS = ("cooperative", "hostile", "neutral")
#: Node shapes the page can draw (vis-network's shapes that carry a label below).
SHAPES = ("dot", "diamond", "square", "triangle", "triangleDown", "star", "hexagon", "ellipse")
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_ANY = "*"
_CUE_RE = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")


@dataclass(frozen=True)
class Category:
    """A family of relation types, e.g. diplomatic or economic."""

    id: str
    label: str
    color: str
    description: str = ""


@dataclass(frozen=True)
class EntityKind:
    """A kind of actor, with how the page draws it."""

    id: str
    label: str
    color: str
    shape: str
    description: str = ""


@dataclass(frozen=True)
class RelationType:
    """A type of relation: what it means, which way it reads, which actors it joins."""

    id: str
    category: str
    label: str
    inverse_label: str
    directed: bool
    sign: str
    source_kinds: tuple[str, ...] | None
    target_kinds: tuple[str, ...] | None
    description: str = ""
    #: Words that suggest this type in a sentence (see :mod:`relgraph.suggest`), folded to
    #: lower case; a cue matches a word that starts with it ("sign" matches "signed").
    cues: tuple[str, ...] = ()

    def allows(self, source_kind: str, target_kind: str) -> bool:
        """Whether this type may join these two kinds (in either order if undirected).

        Parameters
        ----------
        source_kind, target_kind : str
            The two ends' entity kinds.

        Returns
        -------
        bool
            True when the type sets no kinds for an end, or the kinds match.

        Examples
        --------
        >>> visit = builtin_vocabulary().relation_types["visit"]
        >>> visit.allows("official", "state"), visit.allows("state", "official")
        (True, False)
        """

        def fits(a: str, b: str) -> bool:
            return (self.source_kinds is None or a in self.source_kinds) and (
                self.target_kinds is None or b in self.target_kinds
            )

        return fits(source_kind, target_kind) or (
            not self.directed and fits(target_kind, source_kind)
        )


class Table(dict[str, Any]):
    """A read-only table of the vocabulary: a ``dict`` that refuses every change.

    Copying gives the same table (nothing in it can change), pickling and
    :func:`dataclasses.asdict` work as for a ``dict``.

    Examples
    --------
    >>> t = Table({"a": 1})
    >>> t["a"], dict(t)
    (1, {'a': 1})
    >>> t.pop("a")
    Traceback (most recent call last):
    ...
    TypeError: the vocabulary is read-only; build a new one with parse_vocabulary
    """

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("the vocabulary is read-only; build a new one with parse_vocabulary")

    __setitem__ = __delitem__ = __ior__ = _refuse
    pop = popitem = clear = update = setdefault = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the table as a new read-only table of the same entries."""
        return (type(self), (dict(self),))

    def __copy__(self) -> Table:
        """Return the table itself: it cannot change, so a copy is the same."""
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Table:
        """Return the table itself, as :meth:`__copy__` does."""
        return self


@dataclass(frozen=True)
class Vocabulary:
    """Entity kinds, categories and relation types, keyed by id, in the order defined.

    The three tables are read-only mappings: the built-in vocabulary is read
    once and shared by every dataset loaded in the process, so a caller's
    ``pop`` must not change what the next load sees.

    Examples
    --------
    >>> vocab = builtin_vocabulary()
    >>> vocab.entity_kinds.pop("state")
    Traceback (most recent call last):
    ...
    TypeError: the vocabulary is read-only; build a new one with parse_vocabulary
    """

    entity_kinds: Mapping[str, EntityKind] = field(default_factory=dict)
    categories: Mapping[str, Category] = field(default_factory=dict)
    relation_types: Mapping[str, RelationType] = field(default_factory=dict)
    #: Where a dataset defined each of its entries, keyed ``(table, id)`` such as
    #: ``("relation_types", "visit")``: so that a clash between two datasets is located.
    where: Mapping[tuple[str, str], Location] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        """Make the three tables, and where their entries were defined, read-only."""
        for name in ("entity_kinds", "categories", "relation_types", "where"):
            object.__setattr__(self, name, Table(getattr(self, name)))

    def as_dict(self) -> dict[str, Any]:
        """Return the vocabulary as plain JSON-ready data.

        Returns
        -------
        dict
            ``entity_kinds``, ``categories`` and ``relation_types``, as lists of
            plain records.

        Examples
        --------
        >>> data = builtin_vocabulary().as_dict()
        >>> sorted(data), data["entity_kinds"][0]["id"]
        (['categories', 'entity_kinds', 'relation_types'], 'state')
        """
        from dataclasses import asdict

        return {
            "entity_kinds": [asdict(k) for k in self.entity_kinds.values()],
            "categories": [asdict(c) for c in self.categories.values()],
            "relation_types": [
                {
                    **asdict(t),
                    "source_kinds": list(t.source_kinds) if t.source_kinds else "*",
                    "target_kinds": list(t.target_kinds) if t.target_kinds else "*",
                    "cues": list(t.cues),
                }
                for t in self.relation_types.values()
            ],
        }


def _entries(node: Node, key: str, problems: Problems) -> list[Node]:
    section = node.get(key)
    if section is None or section.kind == "null":
        return []
    if section.kind != "seq":
        problems.add(
            section,
            "wrong-type",
            f"'{key}' must be a list of entries",
            "write each entry as a '- id: …' item",
        )
        return []
    out = []
    for item in section.value:
        if item.kind != "map":
            problems.add(
                item,
                "wrong-type",
                f"each entry of '{key}' must be a mapping",
                "write each entry as a '- id: …' item with its fields",
            )
            continue
        out.append(item)
    return out


def _color(f: Fields, problems: Problems) -> str:
    color = f.text("color", required=True, example='"#rrggbb"') or "#888888"
    node = f.node_of("color")
    if node is not None and not _COLOR_RE.match(color):
        problems.add(
            node, "bad-color", f"'{color}' is not a colour", 'write a colour as "#rrggbb" in quotes'
        )
        return "#888888"
    return color


def _kinds(
    f: Fields, key: str, known: dict[str, Any], problems: Problems
) -> tuple[str, ...] | None:
    node = f.node_of(key)
    if node is None:
        f._missing(key, '"*"')
        return None
    if node.kind == "str" and node.value == _ANY:
        return None
    out = []
    for item in f.items(key):
        if item.kind != "str":
            problems.add(
                item,
                "wrong-type",
                f"'{key}' must list entity kinds",
                'write a list such as [state, official], or "*" for any',
            )
            continue
        if item.value not in known:
            from relgraph.errors import did_you_mean

            problems.add(
                item,
                "unknown-kind",
                f"'{item.value}' is not an entity kind",
                did_you_mean(item.value, list(known), "`relgraph vocab` lists them"),
            )
            continue
        out.append(item.value)
    return tuple(out)


def _cues(f: Fields, problems: Problems) -> tuple[str, ...]:
    out: list[str] = []
    for item in f.items("cues"):
        word = item.value.strip().casefold() if item.kind == "str" else ""
        if item.kind != "str" or not word or not _CUE_RE.match(word):
            problems.add(
                item,
                "bad-cue",
                f"'{item.value}' is not a cue word",
                "write words or short phrases in letters, e.g. [signed, accord, agreement]",
            )
            continue
        if word not in out:
            out.append(word)
    return tuple(out)


def _dup(problems: Problems, node: Node | None, what: str, ident: str) -> None:
    problems.add(
        node or Node("null", None, "", 0, 0),
        "duplicate-id",
        f"the {what} '{ident}' is defined twice",
        "give each one a different id",
    )


def parse_vocabulary(node: Node, base: Vocabulary | None, problems: Problems) -> Vocabulary:
    r"""Read a vocabulary mapping node, adding to ``base``; problems go to ``problems``.

    The result holds ``base``'s entries followed by the new ones. Redefining
    an entry of ``base`` is an error.

    Parameters
    ----------
    node : Node
        The ``vocabulary:`` mapping, as read from YAML.
    base : Vocabulary or None
        The vocabulary added to (usually the built-in one).
    problems : Problems
        Where the problems found are added.

    Returns
    -------
    Vocabulary
        ``base`` with the new entries; entries with problems are left out.

    Examples
    --------
    >>> from relgraph.fields import Problems
    >>> from relgraph.load.yaml import read_yaml
    >>> node, _ = read_yaml("v.yaml", (
    ...     "relation_types:\n"
    ...     "  - {id: pledged, category: diplomatic, label: pledged,\n"
    ...     "     inverse_label: was pledged by, directed: true, sign: cooperative,\n"
    ...     "     source_kinds: '*', target_kinds: '*'}\n"
    ... ))
    >>> problems = Problems()
    >>> vocab = parse_vocabulary(node, builtin_vocabulary(), problems)
    >>> list(vocab.relation_types)[-1], problems.items
    ('pledged', [])
    """
    if node.kind != "map":
        problems.add(
            node,
            "wrong-type",
            "a vocabulary must be a mapping",
            "give it 'entity_kinds:', 'categories:' and 'relation_types:' lists",
        )
        return base or Vocabulary()
    Fields(node, "vocabulary", ("entity_kinds", "categories", "relation_types"), problems)
    kinds = dict(base.entity_kinds) if base else {}
    cats = dict(base.categories) if base else {}
    types = dict(base.relation_types) if base else {}
    where: dict[tuple[str, str], Location] = dict(base.where) if base else {}

    def defined(table: str, ident: str, item: Node) -> None:
        where[(table, ident)] = Location(item.path, item.line, item.column)

    for item in _entries(node, "categories", problems):
        f = Fields(item, "category", ("id", "label", "color", "description"), problems)
        ident = f.ident("id")
        label = f.text("label", required=True, example="<the name the legend shows>")
        color = _color(f, problems)
        if ident is None or label is None:
            continue
        if ident in cats:
            _dup(problems, f.node_of("id"), "category", ident)
            continue
        cats[ident] = Category(ident, label, color, f.text("description") or "")
        defined("categories", ident, item)

    for item in _entries(node, "entity_kinds", problems):
        f = Fields(item, "entity kind", ("id", "label", "color", "shape", "description"), problems)
        ident = f.ident("id")
        label = f.text("label", required=True, example="<the name the legend shows>")
        color = _color(f, problems)
        shape = f.choice("shape", SHAPES, required=True)
        if ident is None or label is None or shape is None:
            continue
        if ident in kinds:
            _dup(problems, f.node_of("id"), "entity kind", ident)
            continue
        kinds[ident] = EntityKind(ident, label, color, shape, f.text("description") or "")
        defined("entity_kinds", ident, item)

    fields = (
        "id",
        "category",
        "label",
        "inverse_label",
        "directed",
        "sign",
        "source_kinds",
        "target_kinds",
        "description",
        "cues",
    )
    for item in _entries(node, "relation_types", problems):
        named = item.get("id")
        if set(item.keys) <= {"id", "cues"} and named is not None and named.value in types:
            # `- {id: visit, cues: [...]}`: more cue words for a type already defined
            f = Fields(item, "relation type", ("id", "cues"), problems)
            old = types[named.value]
            more = tuple(c for c in _cues(f, problems) if c not in old.cues)
            types[old.id] = dataclasses.replace(old, cues=old.cues + more)
            continue
        f = Fields(item, "relation type", fields, problems)
        ident = f.ident("id")
        category = f.choice(
            "category", list(cats), required=True, listing="`relgraph vocab` lists the categories"
        )
        label = f.text("label", required=True, example="<the tie read from source to target>")
        inverse = f.text(
            "inverse_label", required=True, example="<the tie read from target to source>"
        )
        directed = f.boolean("directed", required=True)
        sign = f.choice("sign", SIGNS, required=True)
        sources = _kinds(f, "source_kinds", kinds, problems)
        targets = _kinds(f, "target_kinds", kinds, problems)
        cues = _cues(f, problems)
        if (
            ident is None
            or category is None
            or label is None
            or inverse is None
            or directed is None
            or sign is None
            or not f.ok
        ):
            continue
        if ident in types:
            _dup(problems, f.node_of("id"), "relation type", ident)
            continue
        types[ident] = RelationType(
            ident,
            category,
            label,
            inverse,
            directed,
            sign,
            sources,
            targets,
            f.text("description") or "",
            cues,
        )
        defined("relation_types", ident, item)
    for ident in list(kinds) + list(cats) + list(types):
        if not ID_RE.match(ident):  # pragma: no cover - guarded by Fields.ident
            problems.add(node, "bad-id", f"'{ident}' is not a valid id")
    return Vocabulary(kinds, cats, types, where)


@functools.cache
def builtin_vocabulary() -> Vocabulary:
    """Return the vocabulary that ships with relgraph, read and checked on first use.

    Returns
    -------
    Vocabulary
        The shared, read-only vocabulary; the same object on every call.

    Raises
    ------
    DatasetError
        If the packaged vocabulary file is broken (a packaging mistake).

    Examples
    --------
    >>> vocab = builtin_vocabulary()
    >>> vocab is builtin_vocabulary(), vocab.entity_kinds["state"].label
    (True, 'State')
    """
    res = resources.files("relgraph") / "vocab" / "vocabulary.yaml"
    text = res.read_text(encoding="utf-8")
    node, diags = read_yaml("relgraph/vocab/vocabulary.yaml", text)
    problems = Problems()
    problems.extend(diags)
    if node is None:
        problems.extend(
            [Diagnostic("relgraph/vocab/vocabulary.yaml", 0, 0, "empty", "the vocabulary is empty")]
        )
        raise DatasetError(problems.items)
    vocab = parse_vocabulary(node, None, problems)
    if problems.has_errors:
        raise DatasetError(problems.items)
    return vocab
