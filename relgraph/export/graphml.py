"""GraphML for yEd, Cytoscape, igraph and NetworkX.

Written with NetworkX's GraphML writer after every attribute has been
flattened to text, a number or a yes/no value (:func:`graphml_graph`), since
the writer refuses lists (``GraphML writer does not support <class 'list'>
as data values``). Each attribute is declared once as a ``<key>`` with its
GraphML type; an element without a value for it simply has no ``<data>``.

nodes
    ``name``, ``kind``, ``kind_label``, ``color`` (the kind's colour),
    ``country``, ``description``, ``aliases``, ``tags``, ``external_ids``,
    ``claims`` (string), ``claim_count`` (int).
edges (``id`` is the relation's id)
    ``relation_id``, ``type``, ``category``, ``label``, ``inverse_label``,
    ``status``, ``sign``, ``date``, ``start``, ``end``, ``notes``,
    ``evidence`` (one line per evidence item: quote, attribution, source title,
    credibility, the evidence item's notes), ``sources`` (one line per
    source), ``attributed_to`` (string), ``directed``, ``allegation``
    (boolean), ``evidence_count``, ``source_count`` (int).
the graph
    ``dataset_id``, ``title``, ``description``, ``notes``, ``license`` and
    ``authors`` of the dataset (each only when the dataset has it).

As in the GEXF export, every edge is directed from source to target, and the
``directed`` attribute says whether the relation's type is directed. In yEd,
use Edit → Properties Mapper to show ``name`` as the node label.
Characters XML 1.0 cannot hold are written as U+FFFD.

Examples
--------
>>> import relgraph, networkx as nx, io
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> g = nx.read_graphml(io.BytesIO(graphml_bytes(ds)))
>>> g.number_of_nodes(), g.number_of_edges() == len(ds.relations)
(20, True)
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from relgraph.export.common import (
    Exporter,
    ExportError,
    MemoryOutput,
    Output,
    evidence_lines,
    flatten_value,
    join_readable,
    source_line,
)
from relgraph.export.gexf import claim_lines, xml_safe
from relgraph.model import Claim, Dataset

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
    """A copy of ``graph`` whose every attribute GraphML and GEXF writers accept.

    Lists and mappings become readable text (see
    :func:`relgraph.export.common.flatten_value`), ``None`` values are left
    out, and characters XML cannot hold become U+FFFD. The graph given is not
    changed.

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
    'Havana; República de Cuba'
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


def graphml_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The flattened ``MultiDiGraph`` the GraphML export writes (see the module docs)."""
    vocab = dataset.vocabulary
    sources = {s.id: s for s in dataset.sources}
    claims: dict[str, list[Claim]] = {}
    for c in dataset.claims:
        claims.setdefault(c.entity, []).append(c)
    g = nx.MultiDiGraph()
    g.graph.update(
        {
            "dataset_id": dataset.id,
            "title": dataset.title,
            "description": dataset.description,
            "notes": dataset.notes,
            "license": dataset.license,
            "authors": dataset.authors,
        }
    )
    for e in dataset.entities:
        kind = vocab.entity_kinds.get(e.kind)
        own = claims.get(e.id, [])
        g.add_node(
            e.id,
            name=e.name,
            kind=e.kind,
            kind_label=kind.label if kind else None,
            color=kind.color if kind else None,
            country=e.country,
            description=e.description,
            aliases=list(e.aliases),
            tags=list(e.tags),
            external_ids=dict(e.external_ids),
            claims="\n".join(claim_lines(own)),
            claim_count=len(own),
        )
    for r in dataset.relations:
        t = vocab.relation_types[r.type]
        used = list(dict.fromkeys(e.source for e in r.evidence))
        g.add_edge(
            r.source,
            r.target,
            key=r.id,
            relation_id=r.id,
            type=r.type,
            category=t.category,
            label=t.label,
            inverse_label=t.inverse_label,
            directed=t.directed,
            status=r.status,
            sign=r.sign,
            allegation=r.is_allegation,
            date=str(r.date) if r.date else None,
            start=str(r.start) if r.start else None,
            end=str(r.end) if r.end else None,
            notes=r.notes,
            evidence="\n".join(evidence_lines(r.evidence, sources)),
            sources="\n".join(source_line(sources[s]) for s in used if s in sources),
            attributed_to=join_readable(
                list(dict.fromkeys(e.attributed_to or "" for e in r.evidence))
            ),
            evidence_count=len(r.evidence),
            source_count=len(used),
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
    """The GraphML document of ``dataset`` as UTF-8 bytes."""
    out = MemoryOutput()
    GraphMLExporter().write(dataset, out)
    return out.files()["graph.graphml"]


class GraphMLExporter(Exporter):
    """GraphML for yEd, Cytoscape and igraph (see the module docs)."""

    name = "graphml"
    description = "GraphML for yEd, Cytoscape and igraph: typed keys, evidence as text"
    suffix = ".graphml"

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write the GraphML document, UTF-8."""
        graph = graphml_graph(dataset)
        stream = out.open_bytes("graph.graphml")
        # not nx.generate_graphml: it splits its output with str.splitlines, which turns a
        # CR, U+0085, U+2028 or U+2029 inside a value into a line break
        buffer = io.BytesIO()
        try:
            nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
            # a literal CR would be read back as LF (XML's end-of-line handling): write
            # it as a character reference, so the text comes back exactly
            stream.write(buffer.getvalue().replace(b"\r", b"&#13;"))
        except (nx.NetworkXError, TypeError, ValueError, KeyError) as exc:  # pragma: no cover
            raise ExportError(f"cannot write GraphML: {exc}") from None
