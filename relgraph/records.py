"""The record layer: the model's objects as plain data, below both the exports and the imports.

What the JSON and JSON Lines exports hold, and what the imports and the merge
read back: :func:`node_link` is the whole dataset in NetworkX's node-link
layout (see :mod:`relgraph.export.json`). The fields and their order are the
format spec's (:mod:`relgraph.spec`).

Each function turns one model object into a JSON-ready ``dict`` whose keys
are the dataset file's field names (see the README), so a record reads like
the YAML it came from. A few keys are *derived*: they are computed from the
rest and from the vocabulary, help readers such as D3 pages, and are ignored
when the record is imported again. They are listed in :data:`DERIVED`.

:func:`vocabulary_additions` gives what a dataset adds to the built-in
vocabulary, in the layout of a dataset's ``vocabulary:`` section.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> entity_record(ds.entity("cuba"))["aliases"]
['Havana']
>>> sorted(relation_record(ds, ds.relations[0]))[:6]
['allegation', 'category', 'corroboration', 'date', 'directed', 'end']
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from typing import Any

from relgraph._version import __version__
from relgraph.corroboration import corroboration
from relgraph.model import Amount, Claim, Dataset, Entity, Evidence, Relation, Source, View
from relgraph.spec import FIELDS, RECORDS
from relgraph.vocabulary import Vocabulary, builtin_vocabulary

__all__ = [
    "DERIVED",
    "FORMAT",
    "FORMAT_VERSION",
    "amount_record",
    "claim_record",
    "dataset_fields",
    "dataset_record",
    "entity_record",
    "evidence_record",
    "node_link",
    "relation_record",
    "source_bytes",
    "source_record",
    "spec_values",
    "text_bytes",
    "view_record",
    "vocabulary_additions",
]

#: The value of ``graph.format`` that marks relgraph's node-link JSON.
FORMAT = "relgraph-node-link"

#: The version of the record layout; importers refuse layouts newer than they know.
FORMAT_VERSION = 1

#: Keys computed from the rest of a record; importing ignores them.
DERIVED: dict[str, tuple[str, ...]] = {
    "relation": (
        "key",
        "category",
        "label",
        "inverse_label",
        "directed",
        "allegation",
        "evidence_count",
        "source_count",
        "corroboration",
    ),
    "claim": ("corroboration",),
    "evidence": ("start", "end", "context", "attributed_entity"),
    "source": ("text",),
}


def _date(value: object) -> str | None:
    return None if value is None else str(value)


def _value(type_: str, value: Any) -> Any:
    """Return a field's value as plain data, by its type in the format spec."""
    if type_ == "date":
        return _date(value)
    if type_ in ("ids", "id-list", "texts", "choices"):
        return list(value)
    if type_ == "mapping":
        return dict(value)
    if type_ == "amounts":
        return [amount_record(a) for a in value] or None
    if type_ == "evidence":
        return [evidence_record(e) for e in value]
    return value


def _fields(
    kind: str, obj: object, layout: tuple[str, ...] = (), omit: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Return the spec's fields of ``kind`` that ``obj`` holds, as plain data.

    ``layout`` names the keys in the order format version 1 writes them (a
    name the spec does not have is left for the caller to fill in, in its
    place); fields it leaves out follow it in the spec's order, so a field
    added to the spec is written without a change here. ``omit`` names fields
    the model does not keep.
    """
    spec = RECORDS[kind]
    own = {
        f.name: _value(f.type, getattr(obj, f.attribute)) for f in spec.fields if f.name not in omit
    }
    if not layout:
        return own
    out: dict[str, Any] = {name: own.pop(name, None) for name in layout}
    out.update(own)
    return out


def spec_values(
    kind: str, obj: object, layout: tuple[str, ...] = (), omit: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Give the format spec's fields of ``kind`` that ``obj`` holds, as the records hold them.

    For views of a record that are not records (the page's data, the graph's
    attributes): they take their fields from here, so a field added to the spec
    reaches them too, and add or replace what they hold differently.

    Parameters
    ----------
    kind : str
        The record kind in :data:`relgraph.spec.RECORDS`.
    obj : object
        The model's object of that kind.
    layout : tuple of str
        The keys first, in this order; a name the spec does not have is ``None``,
        for the caller to fill in, in its place. The other fields follow in the
        spec's order.
    omit : tuple of str
        The spec's fields to leave out.

    Returns
    -------
    dict of str to Any
        Plain data: a date as its text, lists as lists, ``name: value`` pairs as a dict.

    Examples
    --------
    >>> from relgraph.model import Entity
    >>> spec_values("entity", Entity("cuba", "Cuba", "state"), ("name", "x"), ("aliases",))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'name': 'Cuba', 'x': None, 'id': 'cuba', 'kind': 'state', 'country': None,
     'description': None, 'external_ids': {}, 'tags': [], 'referents': [], 'review': None}
    """
    return _fields(kind, obj, layout, omit)


def vocabulary_additions(vocabulary: Vocabulary) -> dict[str, list[dict[str, Any]]]:
    """Return what ``vocabulary`` holds beyond the built-in one, as a ``vocabulary:`` section.

    Parameters
    ----------
    vocabulary : Vocabulary
        A dataset's vocabulary.

    Returns
    -------
    dict of str to list of dict
        Table name to its added entries; empty when it adds none.

    Examples
    --------
    >>> vocabulary_additions(builtin_vocabulary())
    {}
    """
    base = builtin_vocabulary()
    out: dict[str, list[dict[str, Any]]] = {}
    cats = [asdict(c) for k, c in vocabulary.categories.items() if k not in base.categories]
    kinds = [asdict(k) for i, k in vocabulary.entity_kinds.items() if i not in base.entity_kinds]
    types = []
    for ident, t in vocabulary.relation_types.items():
        if ident in base.relation_types:
            continue
        record = asdict(t)
        record["source_kinds"] = list(t.source_kinds) if t.source_kinds is not None else "*"
        record["target_kinds"] = list(t.target_kinds) if t.target_kinds is not None else "*"
        types.append(record)
    for key, items in (("categories", cats), ("entity_kinds", kinds), ("relation_types", types)):
        if items:
            out[key] = items
    return out


def dataset_fields(dataset: Dataset) -> dict[str, Any]:
    """Return the dataset's own fields, as the ``dataset:`` section of its file names them.

    These are ``id``, ``title``, ``description``, ``notes``, ``license`` and ``authors``.

    Parameters
    ----------
    dataset : Dataset
        The dataset.

    Returns
    -------
    dict
        Field name to value.

    Examples
    --------
    >>> import relgraph
    >>> list(dataset_fields(relgraph.load("graph_data/cuba_iran.yaml")))
    ['id', 'title', 'description', 'notes', 'license', 'authors', 'alleged_attributions']

    A list field the dataset leaves empty is ``None``, as a missing text is.
    """
    out: dict[str, Any] = {}
    for name in FIELDS["dataset"]:
        value = getattr(dataset, name)
        out[name] = (list(value) or None) if isinstance(value, tuple) else value
    return out


def dataset_record(dataset: Dataset) -> dict[str, Any]:
    """Return the dataset's own fields and its vocabulary additions.

    Parameters
    ----------
    dataset : Dataset
        The dataset.

    Returns
    -------
    dict
        Its fields, ``alleged_attributions`` and ``vocabulary``.

    Examples
    --------
    >>> import relgraph
    >>> record = dataset_record(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> record["id"], record["vocabulary"]
    ('cuba_iran', {})
    """
    return {**dataset_fields(dataset), "vocabulary": vocabulary_additions(dataset.vocabulary)}


def source_record(source: Source, text: bool = True) -> dict[str, Any]:
    """Return a source; ``text`` says whether to carry its stored text.

    The record keeps ``text_path`` (the dataset file's ``text:``) and
    ``sha256``, so an import can store the text where the dataset expects it
    and check that it is the same text. (A source's review mark is not kept
    by the model: it stays in its dataset file.)

    Parameters
    ----------
    source : Source
        The source.
    text : bool
        Whether to carry its stored text.

    Returns
    -------
    dict
        The source's fields.

    Examples
    --------
    >>> import relgraph
    >>> record = source_record(relgraph.load("graph_data/cuba_iran.yaml").sources[0], text=False)
    >>> record["id"], record["text_path"]
    ('deepening-ties', 'sources/cuba_iran_relations.txt')
    """
    record = _fields("source", source, omit=("review",))
    record = {("text_path" if k == "text" else k): v for k, v in record.items()}
    if text:
        record["text"] = source.text
    return record


def entity_record(entity: Entity) -> dict[str, Any]:
    """Return an entity (a node).

    Parameters
    ----------
    entity : Entity
        The entity.

    Returns
    -------
    dict
        Its fields, lists and mappings as plain lists and dicts.

    Examples
    --------
    >>> import relgraph
    >>> record = entity_record(relgraph.load("graph_data/cuba_iran.yaml").entity("cuba"))
    >>> record["name"], record["aliases"], record["country"]
    ('Cuba', ['Havana'], 'CU')
    """
    return _fields("entity", entity)


def view_record(view: View, dataset: Dataset | None = None) -> dict[str, Any]:
    """Return a step of the dataset's story, with the fields of the dataset file's ``views:``.

    With ``dataset``, the step names only its actors and relations (a filtered
    dataset's views may name some that were left out).

    Parameters
    ----------
    view : View
        The step.
    dataset : Dataset, optional
        The (filtered) dataset it is written with.

    Returns
    -------
    dict
        Its fields, dates as text.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> view_record(ds.views[0])["id"] == ds.views[0].id
    True
    """
    if dataset is not None:
        view = view.within({e.id for e in dataset.entities}, {r.id for r in dataset.relations})
    return _fields("view", view)


def amount_record(amount: Amount) -> dict[str, Any]:
    """Return an amount, with the fields it has.

    These are among ``value``, ``approx``, ``min``, ``max``, ``unit``….

    Parameters
    ----------
    amount : Amount
        The amount.

    Returns
    -------
    dict
        Only the fields it has.

    Examples
    --------
    >>> amount_record(Amount(value=19, unit="agreement", note="documents and MoUs"))
    {'value': 19, 'unit': 'agreement', 'note': 'documents and MoUs'}
    """
    return {k: getattr(amount, k) for k in FIELDS["amount"] if getattr(amount, k) is not None}


def evidence_record(evidence: Evidence) -> dict[str, Any]:
    """Return an evidence item, with where the quote was found (derived).

    Parameters
    ----------
    evidence : Evidence
        The evidence item.

    Returns
    -------
    dict
        Its fields, then ``start``, ``end`` and ``context``.

    Examples
    --------
    >>> import relgraph
    >>> e = relgraph.load("graph_data/cuba_iran.yaml").relations[0].evidence[0]
    >>> record = evidence_record(e)
    >>> record["source"], record["stance"], record["context"] == e.context
    ('deepening-ties', 'supports', True)
    """
    return {
        **_fields("evidence", evidence),
        "attributed_entity": evidence.attributed_entity,
        "start": evidence.start,
        "end": evidence.end,
        "context": evidence.context,
    }


#: The order format version 1 writes a relation's keys in (``key``, its id again, is derived).
_RELATION_LAYOUT = (
    "source",
    "target",
    "key",
    "id",
    "type",
    "status",
    "sign",
    "date",
    "start",
    "end",
    "notes",
    "reported",
    "modality",
    "referents",
    "review",
    "evidence",
)
#: The order format version 1 writes a claim's keys in.
_CLAIM_LAYOUT = (
    "id",
    "entity",
    "statement",
    "status",
    "date",
    "notes",
    "reported",
    "modality",
    "referents",
    "review",
    "evidence",
)


def relation_record(dataset: Dataset, relation: Relation) -> dict[str, Any]:
    """Return a relation (a link), with its type's meaning (derived) for readers.

    Parameters
    ----------
    dataset : Dataset
        The dataset the relation belongs to.
    relation : Relation
        The relation.

    Returns
    -------
    dict
        Its ends, its fields and evidence, then what is derived: its type's
        category, labels and direction, and its counts and corroboration.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> record = relation_record(ds, ds.relations[0])
    >>> record["source"], record["target"], record["evidence_count"]
    ('cuba', 'united-states', 1)
    """
    t = dataset.vocabulary.relation_types[relation.type]
    record = _fields("relation", relation, _RELATION_LAYOUT)
    record["key"] = relation.id
    record.update(
        {
            "category": t.category,
            "label": t.label,
            "inverse_label": t.inverse_label,
            "directed": t.directed,
            "allegation": relation.is_allegation,
            "evidence_count": len(relation.evidence),
            "source_count": len({e.source for e in relation.evidence}),
            "corroboration": corroboration(dataset, relation).to_dict(),
        }
    )
    return record


def claim_record(claim: Claim, dataset: Dataset | None = None) -> dict[str, Any]:
    """Return a claim about one entity; with its ``dataset``, its corroboration (derived) too.

    Parameters
    ----------
    claim : Claim
        The claim.
    dataset : Dataset, optional
        Its dataset, for its corroboration.

    Returns
    -------
    dict
        Its fields and evidence (and ``corroboration``).

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> c = ds.claims[0]
    >>> "corroboration" in claim_record(c), "corroboration" in claim_record(c, ds)
    (False, True)
    """
    record = _fields("claim", claim, _CLAIM_LAYOUT)
    if dataset is not None:
        record["corroboration"] = corroboration(dataset, claim).to_dict()
    return record


def text_bytes(text: str, sha256: str) -> bytes:
    r"""Return the bytes of a stored text.

    They are UTF-8, with the byte order mark back if ``sha256`` says so.

    relgraph drops a UTF-8 byte order mark when it reads a source's text, but
    ``sha256`` is the checksum of the file as stored, mark included.

    Parameters
    ----------
    text : str
        The stored text, as loaded.
    sha256 : str
        The checksum of its file.

    Returns
    -------
    bytes
        The file's bytes.

    Examples
    --------
    >>> import hashlib
    >>> sha = hashlib.sha256(b"\xef\xbb\xbfhi").hexdigest()
    >>> text_bytes("hi", sha), text_bytes("hi", "0" * 64)
    (b'\xef\xbb\xbfhi', b'hi')
    """
    data = text.encode("utf-8")
    if hashlib.sha256(data).hexdigest() != sha256.lower():
        marked = b"\xef\xbb\xbf" + data
        if hashlib.sha256(marked).hexdigest() == sha256.lower():
            return marked
    return data


def source_bytes(source: Source) -> bytes:
    """Return the bytes of a source's stored text file (see :func:`text_bytes`).

    Parameters
    ----------
    source : Source
        A source with a stored text.

    Returns
    -------
    bytes
        The file's bytes.

    Examples
    --------
    >>> import hashlib, relgraph
    >>> s = relgraph.load("graph_data/cuba_iran.yaml").sources[0]
    >>> hashlib.sha256(source_bytes(s)).hexdigest() == s.sha256
    True
    """
    return text_bytes(source.text, source.sha256)


def node_link(dataset: Dataset, texts: bool = True) -> dict[str, Any]:
    """Return the dataset as node-link data (plain ``dict``; see the module docs).

    Parameters
    ----------
    dataset : Dataset
        The dataset; it is not changed.
    texts : bool
        Whether each source carries its stored text (needed to import it
        again without the text files).

    Returns
    -------
    dict
        ``directed``, ``multigraph``, ``graph``, ``nodes`` and ``edges``.

    Examples
    --------
    >>> import relgraph
    >>> data = node_link(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> sorted(data), data["directed"], data["multigraph"]
    (['directed', 'edges', 'graph', 'multigraph', 'nodes'], True, True)
    """
    graph = dataset_record(dataset)
    graph.update(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "generator": f"relgraph {__version__}",
            "sources": [source_record(s, text=texts) for s in dataset.sources],
            "claims": [claim_record(c, dataset) for c in dataset.claims],
            "views": [view_record(v, dataset) for v in dataset.views],
        }
    )
    return {
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": [entity_record(e) for e in dataset.entities],
        "edges": [relation_record(dataset, r) for r in dataset.relations],
    }
