"""GraphML for yEd, Cytoscape, igraph and NetworkX.

Every attribute is flattened to text, a number or a yes/no value first
(:func:`graphml_graph` gives the flattened graph). Each attribute is declared
once as a ``<key>`` with its GraphML type; an element without a value for it
simply has no ``<data>``.

The file is written as it is made: a first pass over the dataset finds the
``<key>`` declarations, which are written first with the graph's own
``<data>``; then each ``<node>`` and each ``<edge>`` is made, serialised and
written before the next (in batches of a few hundred). An export so needs
little memory beyond the dataset's own, however large the file. The bytes are
those NetworkX's GraphML writer (the ``lxml`` one) writes for
:func:`graphml_graph`: the same key numbering and order, element order,
types and layout.

nodes
    ``label`` (the entity's name: Gephi's GraphML importer takes a node's label
    from the key named ``label``), ``name``, ``kind``, ``kind_label``, ``color``
    (the kind's colour), ``country``, ``description``, ``aliases``, ``tags``, ``external_ids``,
    ``referents`` (old ids a merge folded into the actor), ``claims`` (string),
    ``claim_count`` (int).
edges (``id`` is the relation's id)
    ``relation_id``, ``type``, ``category``, ``label``, ``inverse_label``,
    ``status``, ``sign``, ``date``, ``start``, ``end``, ``notes``,
    ``evidence`` (one line per evidence item: quote, attribution, source title,
    credibility, the evidence item's notes), ``sources`` (one line per
    source), ``attributed_to``, ``referents`` (the ids of the relations a merge
    folded into this one; string), ``directed``, ``allegation``
    (boolean), ``evidence_count``, ``source_count`` (int).
the graph
    ``dataset_id``, ``title``, ``description``, ``notes``, ``license`` and
    ``authors`` of the dataset (each only when the dataset has it).

As in the GEXF export, every edge is directed from source to target, and the
``directed`` attribute says whether the relation's type is directed. In yEd,
use Edit → Properties Mapper to show ``label`` as the node label; Gephi and
Cytoscape show it as it is.
Characters XML 1.0 cannot hold are written as U+FFFD in values; a carriage
return is written ``&#13;``, so that it reads back as itself.

Examples
--------
>>> import relgraph, networkx as nx, io
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> g = nx.read_graphml(io.BytesIO(graphml_bytes(ds)))
>>> g.number_of_nodes(), g.number_of_edges() == len(ds.relations)
(20, True)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from relgraph.corroboration import Corroboration, corroboration
from relgraph.export.common import (
    Exporter,
    ExportError,
    MemoryOutput,
    Output,
    flatten_value,
    relation_values,
)
from relgraph.export.gexf import claim_lines, xml_safe
from relgraph.model import Claim, Dataset, Entity, Relation, Source
from relgraph.vocabulary import Vocabulary

__all__ = ["GraphMLExporter", "flatten_graph", "graphml_bytes", "graphml_graph"]


def _clean(data: dict[str, Any], where: str) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        flat = flatten_value(value, where=where, name=str(key))
        if flat is None:
            continue
        out[str(key)] = xml_safe(flat) if isinstance(flat, str) else flat
    return out


def flatten_graph(graph: nx.Graph) -> nx.Graph:
    """Return a copy of ``graph`` whose every attribute GraphML and GEXF writers accept.

    Lists and mappings become readable text (see
    :func:`relgraph.export.common.flatten_value`), ``None`` values are left
    out, and characters XML cannot hold become U+FFFD. The graph given is not
    changed.

    Parameters
    ----------
    graph : networkx.Graph
        Any NetworkX graph, such as :meth:`Dataset.graph`'s.

    Returns
    -------
    networkx.Graph
        A new graph of the same class.

    Raises
    ------
    ExportError
        Naming the attribute and the node or edge, for a value that is not
        text, a number, a yes/no value, a list or a mapping.

    Examples
    --------
    >>> import relgraph
    >>> g = flatten_graph(relgraph.load("graph_data/cuba_iran.yaml").graph())
    >>> g.nodes["cuba"]["aliases"]
    'Havana'
    >>> g2 = nx.Graph()
    >>> g2.add_edge("a", "b", seen={2006})
    >>> flatten_graph(g2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relgraph.export.common.ExportError: cannot write attribute 'seen' of edge 'a' -> 'b': a set ...
    """
    out = graph.__class__()
    out.graph.update(_clean(dict(graph.graph), "the graph"))
    for n, data in graph.nodes(data=True):
        out.add_node(n, **_clean(dict(data), f"node '{n}'"))
    if graph.is_multigraph():
        for u, v, k, data in graph.edges(keys=True, data=True):
            out.add_edge(u, v, key=k, **_clean(dict(data), f"edge '{k}'"))
    else:
        for u, v, data in graph.edges(data=True):
            out.add_edge(u, v, **_clean(dict(data), f"edge '{u}' -> '{v}'"))
    return out


def _graph_data(dataset: Dataset) -> dict[str, Any]:
    """Return the graph's own attributes, before flattening."""
    return {
        "dataset_id": dataset.id,
        "title": dataset.title,
        "description": dataset.description,
        "notes": dataset.notes,
        "license": dataset.license,
        "authors": dataset.authors,
        "alleged_attributions": "\n".join(dataset.alleged_attributions) or None,
    }


def _node_data(e: Entity, vocab: Vocabulary, own: list[Claim]) -> dict[str, Any]:
    """Return the attributes of the node of entity ``e``, before flattening."""
    kind = vocab.entity_kinds.get(e.kind)
    return {
        "label": e.name,
        "name": e.name,
        "kind": e.kind,
        "kind_label": kind.label if kind else None,
        "color": kind.color if kind else None,
        "country": e.country,
        "description": e.description,
        "aliases": list(e.aliases),
        "tags": list(e.tags),
        "external_ids": dict(e.external_ids),
        "referents": list(e.referents),
        "claims": "\n".join(claim_lines(own)),
        "claim_count": len(own),
    }


def _edge_data(
    r: Relation, vocab: Vocabulary, sources: dict[str, Source], counts: Corroboration
) -> dict[str, Any]:
    """Return the attributes of the edge of relation ``r``, before flattening."""
    t = vocab.relation_types[r.type]
    return {
        "relation_id": r.id,
        "type": r.type,
        "category": t.category,
        "label": t.label,
        "inverse_label": t.inverse_label,
        **relation_values(r, t.directed, sources, counts),
    }


def _claims_by_entity(dataset: Dataset) -> dict[str, list[Claim]]:
    claims: dict[str, list[Claim]] = {}
    for c in dataset.claims:
        claims.setdefault(c.entity, []).append(c)
    return claims


def graphml_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Return the flattened ``MultiDiGraph`` of the GraphML export (see the module docs).

    :class:`GraphMLExporter` does not build it: it writes the same nodes,
    edges and values one at a time. NetworkX's GraphML writer (the ``lxml``
    one) gives the exporter's bytes from it.

    Parameters
    ----------
    dataset : Dataset
        The dataset to describe.

    Returns
    -------
    networkx.MultiDiGraph
        One node per entity, one edge per relation keyed by its id, every
        value text, a number or a yes/no value; empty text left out.

    Examples
    --------
    >>> import relgraph
    >>> g = graphml_graph(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> g.nodes["cuba"]["aliases"], g.graph["dataset_id"]
    ('Havana', 'cuba_iran')
    """
    vocab = dataset.vocabulary
    sources = {s.id: s for s in dataset.sources}
    claims = _claims_by_entity(dataset)
    g = nx.MultiDiGraph()
    g.graph.update(_graph_data(dataset))
    for e in dataset.entities:
        g.add_node(e.id, **_node_data(e, vocab, claims.get(e.id, [])))
    for r in dataset.relations:
        g.add_edge(
            r.source,
            r.target,
            key=r.id,
            **_edge_data(r, vocab, sources, corroboration(dataset, r)),
        )
    flat = flatten_graph(g)
    for _, _, data in flat.edges(data=True):  # empty strings carry nothing
        for key in [k for k, v in data.items() if v == ""]:
            del data[key]
    for _, data in flat.nodes(data=True):
        for key in [k for k, v in data.items() if v == ""]:
            del data[key]
    return flat


def graphml_bytes(dataset: Dataset) -> bytes:
    """Return the GraphML document of ``dataset`` as UTF-8 bytes.

    Parameters
    ----------
    dataset : Dataset
        The dataset; it is not changed.

    Returns
    -------
    bytes
        The document.

    Examples
    --------
    >>> import relgraph
    >>> graphml_bytes(relgraph.load("graph_data/cuba_iran.yaml"))[:38]
    b"<?xml version='1.0' encoding='utf-8'?>"
    """
    out = MemoryOutput()
    GraphMLExporter().write(dataset, out)
    return out.files()["graph.graphml"]


#: What NetworkX's GraphML writer (the ``lxml`` one) writes before the ``<key>`` declarations.
_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
#: GraphML types of the flattened values, as NetworkX declares them.
_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}
#: Elements serialised before each write to the stream.
_BATCH = 256


def _text(value: str) -> str:
    """``value`` escaped as element text, as libxml2 escapes it (a CR as ``&#13;``)."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr(value: str, what: str) -> str:
    """``value`` escaped as an attribute value, as libxml2 escapes it."""
    if xml_safe(value) != value:
        raise ExportError(f"cannot write GraphML: {what} {value!r} holds a character XML cannot")
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _flat(data: dict[str, Any], where: str) -> dict[str, Any]:
    """Return ``data`` flattened as :func:`graphml_graph` flattens it, empty text left out."""
    return {k: v for k, v in _clean(data, where).items() if v != ""}


class _Document:
    """The elements of the GraphML document, in the order NetworkX writes them.

    Nodes come in the order of the entities, followed by the ends of
    relations that name no entity; edges grouped by their source node, in
    node order, then by target, in the order each target first appears.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.vocab = dataset.vocabulary
        self.sources = {s.id: s for s in dataset.sources}
        self.claims = _claims_by_entity(dataset)
        self.nodes: dict[str, Entity | None] = {e.id: e for e in dataset.entities}
        self.edges: dict[str, dict[str, list[int]]] = {}
        for i, r in enumerate(dataset.relations):
            self.nodes.setdefault(r.source, None)
            self.nodes.setdefault(r.target, None)
            self.edges.setdefault(r.source, {}).setdefault(r.target, []).append(i)

    def graph(self) -> dict[str, Any]:
        return _clean(_graph_data(self.dataset), "the graph")

    def node_data(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for n, e in self.nodes.items():
            raw = {} if e is None else _node_data(e, self.vocab, self.claims.get(n, []))
            yield n, _flat(raw, f"node '{n}'")

    def edge_data(self) -> Iterator[tuple[Relation, dict[str, Any]]]:
        relations = self.dataset.relations
        for n in self.nodes:
            for indexes in self.edges.get(n, {}).values():
                for i in indexes:
                    r = relations[i]
                    data = _edge_data(r, self.vocab, self.sources, corroboration(self.dataset, r))
                    yield r, _flat(data, f"edge '{r.id}'")


class _Keys:
    """The ``<key>`` declarations: one per name, type and scope, numbered as NetworkX does."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def add(self, data: dict[str, Any], scope: str) -> None:
        for name, value in data.items():
            self.ids.setdefault((name, _type(value), scope), f"d{len(self.ids)}")

    def declarations(self) -> str:
        """Every ``<key>``, the last made first (NetworkX inserts each at the front)."""
        return "".join(
            f'<key id="{key}" for="{scope}" attr.name="{_attr(name, "the attribute name")}" '
            f'attr.type="{gtype}"/>\n'
            for (name, gtype, scope), key in reversed(self.ids.items())
        )

    def data(self, data: dict[str, Any], scope: str, indent: str) -> str:
        """Return the ``<data>`` elements of one element, one a line."""
        ids = self.ids
        return "".join(
            f'{indent}<data key="{ids[name, _type(value), scope]}">{_text(str(value))}</data>\n'
            for name, value in data.items()
        )


def _type(value: Any) -> str:
    try:
        return _TYPES[type(value)]
    except KeyError:
        raise ExportError(
            f"cannot write GraphML: GraphML writer does not support {type(value)} as data values"
        ) from None


def _element(tag: str, attrs: str, body: str) -> str:
    """One ``<node>`` or ``<edge>`` laid out as NetworkX writes it, with its line break."""
    return f"<{tag} {attrs}>\n{body}</{tag}>\n" if body else f"<{tag} {attrs}/>\n"


def _write_document(dataset: Dataset, stream: IO[bytes]) -> None:
    """Write the GraphML document of ``dataset`` to ``stream``, one batch of elements at a time."""
    doc = _Document(dataset)
    keys = _Keys()
    graph = doc.graph()
    keys.add(graph, "graph")
    for _, data in doc.node_data():
        keys.add(data, "node")
    for _, data in doc.edge_data():
        keys.add(data, "edge")
    stream.write(
        (
            _HEAD
            + keys.declarations()
            + '<graph edgedefault="directed">'
            + keys.data(graph, "graph", "")
        ).encode("utf-8")
    )
    batch: list[str] = []

    def put(text: str) -> None:
        batch.append(text)
        if len(batch) >= _BATCH:
            stream.write("".join(batch).encode("utf-8"))
            batch.clear()

    for n, data in doc.node_data():
        put(_element("node", f'id="{_attr(n, "the node id")}"', keys.data(data, "node", "  ")))
    for r, data in doc.edge_data():
        ends = (
            f'source="{_attr(r.source, "the node id")}" '
            f'target="{_attr(r.target, "the node id")}" id="{_attr(r.id, "the edge id")}"'
        )
        put(_element("edge", ends, keys.data(data, "edge", "  ")))
    put("</graph></graphml>")
    stream.write("".join(batch).encode("utf-8"))


class GraphMLExporter(Exporter):
    """GraphML for yEd, Cytoscape and igraph (see the module docs)."""

    name = "graphml"
    description = "GraphML for yEd, Cytoscape and igraph: typed keys, evidence as text"
    suffix = ".graphml"

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write the GraphML document, UTF-8, one element at a time.

        The ``<key>`` declarations come first (a first pass over the dataset
        finds which attributes occur), then the graph's ``<data>``, then each
        ``<node>`` and each ``<edge>``, made, serialised and written in turn:
        the bytes are those NetworkX's GraphML writer writes for
        :func:`graphml_graph`, but neither that graph nor the document is ever
        held whole in memory.

        Parameters
        ----------
        dataset : Dataset
            The dataset; it is not changed.
        out : Output
            Where the files go.

        Examples
        --------
        >>> import relgraph
        >>> from relgraph.export.common import MemoryOutput
        >>> out = MemoryOutput()
        >>> GraphMLExporter().write(relgraph.load("graph_data/cuba_iran.yaml"), out)
        >>> out.files()["graph.graphml"].splitlines()[:2][0]
        b"<?xml version='1.0' encoding='utf-8'?>"
        """
        _write_document(dataset, out.open_bytes("graph.graphml"))
