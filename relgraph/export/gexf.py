"""GEXF for Gephi: typed attributes declared, dated relations as spells.

The file is GEXF 1.3 (``version="1.2draft"`` writes the older namespace for
tools that only know it). One ``<node>`` per entity, labelled with its name
and coloured and shaped by its kind (``viz:color``, ``viz:shape``, from the
vocabulary); one ``<edge>`` per relation, keyed by the relation's id,
labelled with its type's label, with ``kind`` set to the relation type (GEXF
1.3: Gephi keeps parallel edges of different kinds apart), coloured by its
category, weighted by its number of evidence items.

The ``<meta>`` element holds what GEXF gives it room for: ``<creator>``
names the program that wrote the file (``relgraph`` and its version, as Gephi
and NetworkX name themselves there), and ``<description>`` is the dataset's
title and description followed, when the dataset has them, by a
``Notes: …``, an ``Authors: …`` and a ``License: …`` line. (GEXF's ``<meta>`` may hold
only ``creator``, ``keywords`` and ``description``, so the license has no
element of its own.)

Declared attributes, each with a GEXF type:

nodes
    ``kind``, ``kind_label``, ``country``, ``description``, ``aliases``,
    ``tags``, ``external_ids``, ``referents`` (the old ids a merge folded into
    the actor) and ``claims`` (string), ``claim_count`` (integer).
edges
    ``relation_type``, ``category``, ``type_label``, ``status``, ``sign``,
    ``date``, ``start``, ``end``, ``notes``, ``evidence``, ``sources``,
    ``attributed_to``, ``referents`` (the ids of the relations a merge folded
    into this one; string), ``directed``, ``allegation`` (boolean),
    ``evidence_count``, ``source_count`` (integer).

Lists are flattened into readable text: ``evidence`` has one line per
evidence item (the quote, who it is attributed to, the source's title, the
credibility and the evidence item's notes), ``sources`` one line per source
(title, publisher, URL, date, reliability grade), ``aliases``, ``tags`` and
``referents`` (of actors and of relations) are joined with ``"; "``.

Every edge is written directed (``defaultedgetype="directed"``), source to
target as in the dataset; the ``directed`` attribute is ``false`` for types
whose two ends play the same part (an agreement, a meeting). (GEXF can mark
single edges undirected, but NetworkX then refuses to read the file.)

Dates: a relation with a ``date`` gets one spell covering every day the date
could mean (``2006-01`` → 2006-01-01 to 2006-01-31); one with
``start``/``end`` a spell from the first day of its start to the last day of
its end (open-ended when there is no end). Undated relations and all nodes
have no spell: Gephi's timeline shows them throughout. The graph is
``mode="dynamic"`` with ``timeformat="date"`` when any relation is dated.

The file is written as it is made: the XML declaration, ``<meta>`` and the
attribute declarations first, then each ``<node>`` and each ``<edge>``, built
as a small ElementTree element, serialised and written before the next one is
made. An export so needs little memory beyond the dataset's own, however large
the file. :func:`gexf_tree` gives the same document as one ElementTree tree,
for code that wants to work on it.

Characters XML 1.0 cannot hold (most control characters) are written as
U+FFFD; no other text is changed (a carriage return is written ``&#13;``, so
that it reads back as itself).

Examples
--------
>>> import relgraph, networkx as nx, io
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> data = gexf_bytes(ds)
>>> g = nx.read_gexf(io.BytesIO(data))
>>> g.number_of_edges() == len(ds.relations)
True
>>> g.nodes["cuba"]["kind"], g.nodes["cuba"]["label"]
('state', 'Cuba')
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from relgraph._version import __version__
from relgraph.corroboration import corroboration
from relgraph.export.common import (
    Exporter,
    MemoryOutput,
    Output,
    join_readable,
    relation_values,
)
from relgraph.model import Claim, Dataset, Relation

__all__ = ["VERSIONS", "GEXFExporter", "gexf_bytes", "meta_description", "xml_safe"]

#: GEXF versions: namespace, viz namespace, schema location and version attribute.
VERSIONS: dict[str, tuple[str, str, str, str]] = {
    "1.3": (
        "http://gexf.net/1.3",
        "http://gexf.net/1.3/viz",
        "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "1.3",
    ),
    "1.2draft": (
        "http://www.gexf.net/1.2draft",
        "http://www.gexf.net/1.2draft/viz",
        "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd",
        "1.2",
    ),
}
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: vis-network shapes (the vocabulary's) to GEXF viz shapes.
_SHAPES = {
    "dot": "disc",
    "ellipse": "disc",
    "square": "square",
    "diamond": "diamond",
    "triangle": "triangle",
    "triangleDown": "triangle",
    "star": "diamond",
    "hexagon": "square",
}

NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("kind_label", "string"),
    ("country", "string"),
    ("description", "string"),
    ("aliases", "string"),
    ("tags", "string"),
    ("external_ids", "string"),
    ("referents", "string"),
    ("claims", "string"),
    ("claim_count", "integer"),
)
EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("relation_type", "string"),
    ("category", "string"),
    ("type_label", "string"),
    ("directed", "boolean"),
    ("status", "string"),
    ("sign", "string"),
    ("allegation", "boolean"),
    ("date", "string"),
    ("start", "string"),
    ("end", "string"),
    ("notes", "string"),
    ("evidence", "string"),
    ("sources", "string"),
    ("attributed_to", "string"),
    ("evidence_count", "integer"),
    ("source_count", "integer"),
    ("reported", "string"),
    ("modality", "string"),
    ("referents", "string"),
    ("origin_count", "integer"),
    ("independent_origins", "integer"),
    ("affiliated", "boolean"),
)


def xml_safe(text: str) -> str:
    r"""``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text, safe in XML 1.0.

    Examples
    --------
    >>> xml_safe("page\x0cbreak")
    'page\ufffdbreak'
    """
    return _XML_INVALID.sub("\ufffd", text)


def _rgb(color: str) -> dict[str, str]:
    return {
        "r": str(int(color[1:3], 16)),
        "g": str(int(color[3:5], 16)),
        "b": str(int(color[5:7], 16)),
    }


def claim_lines(claims: Sequence[Claim]) -> list[str]:
    """Each claim as one readable line: its status, statement and date.

    Parameters
    ----------
    claims : sequence of Claim
        An actor's claims.

    Returns
    -------
    list of str
        One line per claim.

    Examples
    --------
    >>> from relgraph.model import Claim, Evidence, PartialDate
    >>> claim = Claim("c", "cuba", "signed six accords", "reported",
    ...               (Evidence("six accords", "a"),), date=PartialDate(2023, 6))
    >>> claim_lines([claim])
    ['[reported] signed six accords (2023-06)']
    """
    return [f"[{c.status}] {c.statement}" + (f" ({c.date})" if c.date else "") for c in claims]


def meta_description(dataset: Dataset) -> str:
    """Return the text of ``<meta><description>``: title, description, notes, authors and license.

    Parameters
    ----------
    dataset : Dataset
        The dataset.

    Returns
    -------
    str
        One part per line, each only when the dataset has it.

    Examples
    --------
    >>> import dataclasses, relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> ds = dataclasses.replace(
    ...     ds, description=None, notes="One source.", authors="A. Reporter", license="CC BY 4.0",
    ...     alleged_attributions=(),
    ... )
    >>> print(meta_description(ds))
    Cuba–Iran relations
    Notes: One source.
    Authors: A. Reporter
    License: CC BY 4.0
    """
    text = dataset.title + (f". {dataset.description}" if dataset.description else "")
    if dataset.notes:
        text += f"\nNotes: {dataset.notes}"
    if dataset.authors:
        text += f"\nAuthors: {dataset.authors}"
    if dataset.license:
        text += f"\nLicense: {dataset.license}"
    if dataset.alleged_attributions:
        text += "\nAlleged attributions: " + "; ".join(dataset.alleged_attributions)
    return text


def spell(relation: Relation) -> tuple[str | None, str | None] | None:
    """Return the days a relation's dates could cover, as ``(start, end)``; ``None`` if undated.

    Parameters
    ----------
    relation : Relation
        The relation.

    Returns
    -------
    (str or None, str or None) or None
        The first and the last day (``YYYY-MM-DD``), either open.

    Examples
    --------
    >>> from relgraph.model import Relation, PartialDate
    >>> r = Relation("r", "a", "b", "visit", "reported", "cooperative", (),
    ...              date=PartialDate.parse("2006-01"))
    >>> spell(r)
    ('2006-01-01', '2006-01-31')
    """
    if relation.date is not None:
        return relation.date.earliest(), relation.date.latest()
    if relation.start is None and relation.end is None:
        return None
    return (
        relation.start.earliest() if relation.start else None,
        relation.end.latest() if relation.end else None,
    )


#: The id each declared attribute is written with: ``0``, ``1``, … for nodes and again for
#: edges. graphology-gexf (Gephi Lite, sigma.js) takes the titles only of numeric ids.
_NODE_IDS = {title: str(i) for i, (title, _) in enumerate(NODE_ATTRIBUTES)}
_EDGE_IDS = {title: str(i) for i, (title, _) in enumerate(EDGE_ATTRIBUTES)}
#: The XML declaration ElementTree writes for UTF-8.
_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
_INDENT = "  "


def _attvalues(parent: ET.Element, values: dict[str, Any], ids: dict[str, str]) -> None:
    holder = ET.SubElement(parent, "attvalues")
    for name, value in values.items():
        if value is None or value == "":
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else xml_safe(str(value))
        ET.SubElement(holder, "attvalue", {"for": ids[name], "value": text})
    if not len(holder):
        parent.remove(holder)


def _head(dataset: Dataset, version: str) -> ET.Element:
    """Return the ``<gexf>`` element with ``<meta>`` and a ``<graph>``.

    The graph holds only the declarations.
    """
    ns, viz, location, number = VERSIONS[version]
    root = ET.Element(
        "gexf",
        {
            "xmlns": ns,
            "xmlns:viz": viz,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": location,
            "version": number,
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"relgraph {__version__}"
    ET.SubElement(meta, "description").text = xml_safe(meta_description(dataset))
    dynamic = any(spell(r) is not None for r in dataset.relations)
    graph_attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attrs["timeformat"] = "date"
    graph = ET.SubElement(root, "graph", graph_attrs)
    for cls, table, ids in (
        ("node", NODE_ATTRIBUTES, _NODE_IDS),
        ("edge", EDGE_ATTRIBUTES, _EDGE_IDS),
    ):
        block = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
        for title, gexf_type in table:
            ET.SubElement(block, "attribute", {"id": ids[title], "title": title, "type": gexf_type})
    return root


def _nodes(dataset: Dataset) -> Iterator[ET.Element]:
    """One ``<node>`` element per entity, made as it is asked for."""
    vocab = dataset.vocabulary
    claims: dict[str, list[Claim]] = {}
    for c in dataset.claims:
        claims.setdefault(c.entity, []).append(c)
    for e in dataset.entities:
        node = ET.Element("node", {"id": xml_safe(e.id), "label": xml_safe(e.name)})
        kind = vocab.entity_kinds.get(e.kind)
        own = claims.get(e.id, [])
        _attvalues(
            node,
            {
                "kind": e.kind,
                "kind_label": kind.label if kind else None,
                "country": e.country,
                "description": e.description,
                "aliases": join_readable(list(e.aliases)),
                "tags": join_readable(list(e.tags)),
                "external_ids": join_readable([f"{k}: {v}" for k, v in e.external_ids]),
                "referents": join_readable(list(e.referents)),
                "claims": "\n".join(claim_lines(own)),
                "claim_count": len(own),
            },
            _NODE_IDS,
        )
        if kind is not None:
            ET.SubElement(node, "viz:color", _rgb(kind.color))
            ET.SubElement(node, "viz:shape", {"value": _SHAPES.get(kind.shape, "disc")})
        yield node


def _edges(dataset: Dataset, version: str) -> Iterator[ET.Element]:
    """One ``<edge>`` element per relation, made as it is asked for."""
    vocab = dataset.vocabulary
    sources = {s.id: s for s in dataset.sources}
    for r in dataset.relations:
        t = vocab.relation_types[r.type]
        attrs = {
            "id": xml_safe(r.id),
            "source": xml_safe(r.source),
            "target": xml_safe(r.target),
            "label": xml_safe(t.label),
            "weight": f"{float(len(r.evidence)):g}",
        }
        if version == "1.3":
            attrs["kind"] = r.type
        edge = ET.Element("edge", attrs)
        _attvalues(
            edge,
            {
                "relation_type": r.type,
                "category": t.category,
                "type_label": t.label,
                **relation_values(r, t.directed, sources, corroboration(dataset, r)),
            },
            _EDGE_IDS,
        )
        span = spell(r)
        if span is not None:
            holder = ET.SubElement(edge, "spells")
            bounds = {k: v for k, v in zip(("start", "end"), span, strict=True) if v}
            ET.SubElement(holder, "spell", bounds)
        category = vocab.categories.get(t.category)
        if category is not None:
            ET.SubElement(edge, "viz:color", _rgb(category.color))
        yield edge


def gexf_tree(dataset: Dataset, version: str = "1.3") -> ET.Element:
    """Return the GEXF document of ``dataset`` as one ElementTree element (see the module docs).

    :class:`GEXFExporter` does not build it: it writes the same elements one
    at a time. Serialised indented, with each carriage return written
    ``&#13;``, the tree gives the exporter's bytes.

    Parameters
    ----------
    dataset : Dataset
        The dataset to describe.
    version : str
        A key of :data:`VERSIONS`: ``"1.3"`` (the default) or ``"1.2draft"``.

    Returns
    -------
    xml.etree.ElementTree.Element
        The ``<gexf>`` element, not indented.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> root = gexf_tree(ds, version="1.2draft")
    >>> root.get("version"), [child.tag for child in root]
    ('1.2', ['meta', 'graph'])
    >>> len(root.find("graph/edges")) == len(ds.relations)
    True
    """
    root = _head(dataset, version)
    graph = root[-1]
    ET.SubElement(graph, "nodes", {"count": str(len(dataset.entities))}).extend(_nodes(dataset))
    edges = ET.SubElement(graph, "edges", {"count": str(len(dataset.relations))})
    edges.extend(_edges(dataset, version))
    return root


def _start_tag(element: ET.Element) -> str:
    """Return the start tag of ``element``, as ElementTree writes it (its children left out)."""
    bare = ET.Element(element.tag, element.attrib)
    text = ET.tostring(bare, encoding="unicode", short_empty_elements=False)
    return text[: -len(f"</{element.tag}>")]


def _indented(element: ET.Element, level: int) -> str:
    """``element`` serialised as ``ET.indent`` lays it out at ``level``, with its indentation."""
    ET.indent(element, space=_INDENT, level=level)
    return "\n" + _INDENT * level + ET.tostring(element, encoding="unicode")


def gexf_bytes(dataset: Dataset, version: str = "1.3") -> bytes:
    r"""Return the GEXF document of ``dataset`` as UTF-8 bytes, indented.

    Parameters
    ----------
    dataset : Dataset
        The dataset; it is not changed.
    version : str
        The GEXF version to write, one of :data:`VERSIONS`.

    Returns
    -------
    bytes
        The document.

    Examples
    --------
    >>> import relgraph
    >>> data = gexf_bytes(relgraph.load("graph_data/cuba_iran.yaml"), version="1.2draft")
    >>> b'xmlns="http://www.gexf.net/1.2draft"' in data, data.endswith(b"</gexf>\n")
    (True, True)
    """
    out = MemoryOutput()
    GEXFExporter(version=version).write(dataset, out)
    return out.files()["graph.gexf"]


class GEXFExporter(Exporter):
    """GEXF for Gephi (see the module docs)."""

    name = "gexf"
    description = "GEXF 1.3 for Gephi: typed attributes, evidence as text, dates as spells"
    suffix = ".gexf"
    defaults: ClassVar[Mapping[str, Any]] = {"version": "1.3"}
    choices: ClassVar[Mapping[str, Sequence[Any]]] = {"version": tuple(VERSIONS)}

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write the GEXF document, UTF-8 with an XML declaration, one element at a time.

        The declarations come first, then each ``<node>`` and each ``<edge>``,
        made, serialised and written in turn: the bytes are those of
        :func:`gexf_tree` serialised indented, but the document is never held
        whole in memory.

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
        >>> GEXFExporter().write(relgraph.load("graph_data/cuba_iran.yaml"), out)
        >>> out.files()["graph.gexf"].splitlines()[0]
        b"<?xml version='1.0' encoding='utf-8'?>"
        """
        version = self.options["version"]
        stream = out.open_bytes("graph.gexf")

        def put(text: str) -> None:
            # ElementTree writes a CR in element text (the <meta> description) as it is, and
            # XML reads it back as LF: write it as a character reference, so it comes back exactly
            stream.write(text.replace("\r", "&#13;").encode("utf-8", "xmlcharrefreplace"))

        root = _head(dataset, version)
        *front, graph = root
        put(_DECLARATION + _start_tag(root))
        for child in front:
            put(_indented(child, 1))
        put("\n" + _INDENT + _start_tag(graph))
        for block in graph:
            put(_indented(block, 2))
        for tag, count, children in (
            ("nodes", len(dataset.entities), _nodes(dataset)),
            ("edges", len(dataset.relations), _edges(dataset, version)),
        ):
            container = ET.Element(tag, {"count": str(count)})
            if not count:  # no children: ElementTree writes the empty element
                put(_indented(container, 2))
                continue
            put("\n" + _INDENT * 2 + _start_tag(container))
            for child in children:
                put(_indented(child, 3))
            put(f"\n{_INDENT * 2}</{tag}>")
        put(f"\n{_INDENT}</graph>\n</gexf>\n")
