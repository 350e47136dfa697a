"""Exports: every format read back by an independent reader, counts kept, values safe.

GEXF and GraphML are read back with NetworkX's readers, GraphML also with
igraph (igraph has no GEXF reader). GEXF is checked against the structure of
the GEXF 1.3 specification by :func:`check_gexf` always, and against the
published GEXF 1.3 XSD and RelaxNG (the gephi/gexf repository's
``specs/1.3``; both compile with lxml) by
:func:`published_schema_problems` when those files are at hand: no package
on PyPI, Debian or npm ships them, so the repository carries none, and the
tests look for them in the folder ``RELGRAPH_GEXF_SCHEMAS`` names, else in
``shared/gexf/`` beside the checkout, and skip saying so otherwise. Each
published schema has one known defect, handled there and explained in its
docstring. FtM output is loaded by the ``followthemoney`` package; the Cypher
script is lexed and parsed with the openCypher grammar (``antlr4-cypher``).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import relgraph
from relgraph.export import FORMATS, export, export_bytes, exporter
from relgraph.export.common import ExportError
from relgraph.export.csv import join_items, neutralize
from relgraph.export.ftm import ftm_id
from relgraph.export.gexf import VERSIONS, gexf_tree
from relgraph.export.graphml import flatten_graph, graphml_graph
from relgraph.filters import Filter
from support import BASE_YAML, run

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------
# A dataset full of values that break naive writers
# ---------------------------------------------------------------------------
TRICKY_TEXT = (
    '=HYPERLINK("http://evil.example/","click") was posted by the ministry.\n'
    "+1 for the deal, -2 against it, @everyone agreed.\n"
    'He said "x"}) DETACH DELETE n // and then he left.\n'
    "A backslash \\ and 'single' and `tick` quotes are here.\n"
    "The two ministers met in Havana and shook hands.\n"
    "Reportedly, the group received funds.\n"
)

TRICKY_YAML = r"""dataset:
  id: tricky_set
  title: "Tricky: quotes, \"escapes\" & formulas"
  description: "Line one\nline two\u2028and a separator"
  license: "=HYPERLINK(\"http://evil.example/\",\"CC BY 4.0\")"
  authors: "@desk \"}) MERGE (x:Owned) //\nand a second line"
vocabulary:
  categories:
    - id: money
      label: Money
      color: "#112233"
  entity_kinds:
    - id: armed_group
      label: Armed group
      color: "#445566"
      shape: triangle
  relation_types:
    - id: funds
      category: money
      label: funds
      inverse_label: is funded by
      directed: true
      sign: cooperative
      source_kinds: "*"
      target_kinds: [armed_group, state]
sources:
  - id: src-1
    title: "=cmd|' /C calc'!A0"
    publisher: "@publisher"
    url: "https://example.org/a?b=1&c=2"
    published: 2023-05
    reliability: C
    text: texts/tricky.txt
    sha256: {sha}
entities:
  - id: min-a
    name: "x\"}) MATCH (n) DETACH DELETE n //"
    kind: official
    aliases: ["a|b", "back\\slash", "no"]
    external_ids: {"wikidata": "Q1", "a:b": "c|d"}
    tags: [t1, "@t2"]
    country: CU
  - id: min-b
    name: "=1+1"
    kind: official
    description: "-starts with a minus\ttab"
  - id: cuba
    name: "yes"
    kind: state
  - id: grp
    name: "'quoted' `name` <b>&amp;</b>"
    kind: armed_group
relations:
  - id: r-formula
    source: min-a
    target: cuba
    type: praise
    status: reported
    date: 2023-05-05
    notes: "+note\nwith two lines"
    evidence:
      - quote: '=HYPERLINK("http://evil.example/","click") was posted by the ministry.'
        source: src-1
        attributed_to: min-a
        credibility: 2
        notes: "-translated; \"}) DETACH DELETE n // <b>&amp;</b>\nsecond line"
      - quote: "+1 for the deal, -2 against it"
        source: src-1
        attributed_to: "@someone"
  - source: min-a
    target: min-b
    type: meeting
    status: reported
    start: 2020
    end: 2021-02
    evidence:
      - quote: The two ministers met in Havana
        source: src-1
  - source: cuba
    target: grp
    type: funds
    status: alleged
    sign: hostile
    evidence:
      - quote: "Reportedly, the group received funds."
        source: src-1
  - id: r-inject
    source: min-b
    target: cuba
    type: criticism
    status: denied
    evidence:
      - quote: 'He said "x"}) DETACH DELETE n // and then he left.'
        source: src-1
      - quote: "A backslash \\ and 'single' and `tick` quotes"
        source: src-1
claims:
  - entity: grp
    statement: "It is \"armed\"; @all"
    status: disputed
    evidence:
      - quote: "Reportedly, the group received funds."
        source: src-1
        notes: "+claim note | with a pipe"
"""

#: Strings of the tricky dataset that must come out exactly, wherever they go.
HOSTILE = [
    'x"}) MATCH (n) DETACH DELETE n //',
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/","click") was posted by the ministry.',
    'He said "x"}) DETACH DELETE n // and then he left.',
    "A backslash \\ and 'single' and `tick` quotes",
    "+note\nwith two lines",
    "'quoted' `name` <b>&amp;</b>",
    '=HYPERLINK("http://evil.example/","CC BY 4.0")',
    '@desk "}) MERGE (x:Owned) //\nand a second line',
    '-translated; "}) DETACH DELETE n // <b>&amp;</b>\nsecond line',
    "+claim note | with a pipe",
]
#: The tricky dataset's license, authors and evidence notes (relation r-formula, the claim).
LICENSE, AUTHORS, RELATION_NOTE, CLAIM_NOTE = HOSTILE[-4:]
#: The readable evidence lines of relation r-formula, the first with its evidence notes.
FORMULA_EVIDENCE = [
    '"=HYPERLINK("http://evil.example/","click") was posted by the ministry." '
    f"(attributed to min-a; source =cmd|' /C calc'!A0; credibility 2; notes: {RELATION_NOTE})",
    "\"+1 for the deal, -2 against it\" (attributed to @someone; source =cmd|' /C calc'!A0)",
]


def make_tricky(folder: Path, text: str = TRICKY_TEXT, yaml: str = TRICKY_YAML) -> Path:
    """Write the tricky dataset (its text with a byte order mark) into ``folder``."""
    data = b"\xef\xbb\xbf" + text.encode("utf-8")
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    (folder / "texts" / "tricky.txt").write_bytes(data)
    path = folder / "tricky.yaml"
    path.write_text(yaml.replace("{sha}", hashlib.sha256(data).hexdigest()), encoding="utf-8")
    return path


@pytest.fixture
def tricky(tmp_path: Path) -> relgraph.Dataset:
    return relgraph.load(make_tricky(tmp_path / "data"))


def assert_same_dataset(a: relgraph.Dataset, b: relgraph.Dataset) -> None:
    """Every field of the two datasets is equal (their file paths aside)."""
    for f in dataclasses.fields(relgraph.Dataset):
        if f.name in ("paths", "warnings"):
            continue
        assert getattr(a, f.name) == getattr(b, f.name), f"the datasets differ in {f.name}"


def edges_by_id(g: nx.Graph) -> dict[str, dict[str, Any]]:
    """Edge data by the relation's id (NetworkX's GEXF reader gives a simple graph when it can)."""
    return {d["id"]: d for _, _, d in g.edges(data=True)}


def evidence_total(ds: relgraph.Dataset) -> int:
    return sum(len(r.evidence) for r in ds.relations)


# ---------------------------------------------------------------------------
# Counts survive every export of the bundled dataset
# ---------------------------------------------------------------------------
def _counts_gexf(path: Path) -> tuple[int, int, int]:
    g = nx.read_gexf(path)
    return (
        g.number_of_nodes(),
        g.number_of_edges(),
        sum(d["evidence_count"] for _, _, d in g.edges(data=True)),
    )


def _counts_graphml(path: Path) -> tuple[int, int, int]:
    import igraph

    g = nx.read_graphml(path)
    i = igraph.Graph.Read_GraphML(str(path))
    counts = (
        g.number_of_nodes(),
        g.number_of_edges(),
        sum(d["evidence_count"] for _, _, d in g.edges(data=True)),
    )
    assert (i.vcount(), i.ecount(), int(sum(i.es["evidence_count"]))) == counts
    return counts


def _counts_json(path: Path) -> tuple[int, int, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data)  # NetworkX's defaults: edges under "edges"
    return (
        g.number_of_nodes(),
        g.number_of_edges(),
        sum(len(d["evidence"]) for _, _, d in g.edges(data=True)),
    )


def _counts_jsonl(path: Path) -> tuple[int, int, int]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    relations = [r for r in records if r["record"] == "relation"]
    return (
        sum(r["record"] == "entity" for r in records),
        len(relations),
        sum(len(r["evidence"]) for r in relations),
    )


def _counts_csv(path: Path) -> tuple[int, int, int]:
    with open(path / "entities.csv", encoding="utf-8", newline="") as fh:
        entities = list(csv.DictReader(fh))
    with open(path / "relations.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return len(entities), len({r["ID"] for r in rows}), sum(int(r["Evidence count"]) for r in rows)


def _counts_cypher(path: Path) -> tuple[int, int, int]:
    script = path.read_text(encoding="utf-8")
    statements = script.split(";\n")
    entities = sum(s.count("\n  {id: ") for s in statements if "MERGE (n:Entity" in s)
    relations = [s for s in statements if "MERGE (a)-[r:" in s]
    edges = sum(s.count("\n  {id: ") for s in relations)
    evidence = sum(int(n) for s in relations for n in re.findall(r"evidence_count: (\d+)", s))
    return entities, edges, evidence


def _counts_neo4j_admin(path: Path) -> tuple[int, int, int]:
    with open(path / "entities.csv", encoding="utf-8", newline="") as fh:
        entities = list(csv.DictReader(fh))
    with open(path / "relations.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    quotes = sum(len(r["evidence_quotes:string[]"].split("\x1f")) for r in rows)
    return len(entities), len({r["id"] for r in rows}), quotes


def _counts_ftm(path: Path) -> tuple[int, int, int]:
    from followthemoney import model

    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text().splitlines()]
    entities = [p for p in proxies if not p.schema.edge and p.schema.name != "Document"]
    edges = [p for p in proxies if p.schema.edge and p.get("recordId", quiet=True)]
    return len(entities), len(edges), sum(len(p.get("description")) for p in edges)


COUNTERS = {
    "gexf": _counts_gexf,
    "graphml": _counts_graphml,
    "json": _counts_json,
    "jsonl": _counts_jsonl,
    "csv": _counts_csv,
    "cypher": _counts_cypher,
    "neo4j-admin": _counts_neo4j_admin,
    "ftm": _counts_ftm,
}


def test_every_format_has_a_reader_test() -> None:
    assert sorted(COUNTERS) == sorted(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_counts_of_nodes_edges_and_evidence_survive(
    fmt: str, bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    target = tmp_path / f"out.{fmt}"
    export(bundled, fmt, target)
    assert COUNTERS[fmt](target) == (
        len(bundled.entities),
        len(bundled.relations),
        evidence_total(bundled),
    )


# ---------------------------------------------------------------------------
# GEXF
# ---------------------------------------------------------------------------
_GEXF_TYPES = {
    "integer",
    "long",
    "double",
    "float",
    "boolean",
    "bigdecimal",
    "biginteger",
    "byte",
    "char",
    "short",
    "liststring",
    "listboolean",
    "listinteger",
    "listlong",
    "listfloat",
    "listdouble",
    "listbyte",
    "listshort",
    "listbigdecimal",
    "listbiginteger",
    "listchar",
    "string",
    "anyURI",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_gexf(data: bytes, ns: str = "http://gexf.net/1.3") -> list[str]:
    """Problems with ``data`` against the structure the GEXF 1.3 specification gives."""
    problems: list[str] = []
    viz = ns + "/viz"
    root = ET.fromstring(data)
    q = lambda tag: f"{{{ns}}}{tag}"  # noqa: E731
    if root.tag != q("gexf") or root.get("version") != ("1.3" if "1.3" in ns else "1.2"):
        problems.append(f"root is {root.tag} version {root.get('version')}")
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "")
    if not location.startswith(ns + " "):
        problems.append(f"schemaLocation is {location!r}")
    if [c.tag for c in root] not in ([q("meta"), q("graph")], [q("graph")]):
        problems.append(f"gexf holds {[c.tag for c in root]}")
    meta = root.find(q("meta"))
    if meta is not None:
        for child in meta:
            if child.tag not in (q("creator"), q("keywords"), q("description")):
                problems.append(f"meta holds {child.tag}")
    graph = root.find(q("graph"))
    assert graph is not None
    if graph.get("defaultedgetype") not in ("directed", "undirected", "mutual"):
        problems.append("bad defaultedgetype")
    if graph.get("mode") not in ("static", "dynamic", None):
        problems.append("bad mode")
    if graph.get("timeformat") not in ("integer", "double", "date", "dateTime", None):
        problems.append("bad timeformat")
    order = [c.tag for c in graph]
    if order != [q("attributes")] * order.count(q("attributes")) + [q("nodes"), q("edges")]:
        problems.append(f"graph holds {order}")
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in graph.findall(q("attributes")):
        cls = block.get("class", "")
        if cls not in declared or block.get("mode") not in ("static", "dynamic", None):
            problems.append(f"attributes class={cls} mode={block.get('mode')}")
            continue
        for a in block:
            if a.tag != q("attribute") or a.get("type") not in _GEXF_TYPES or not a.get("title"):
                problems.append(f"bad attribute declaration {a.attrib}")
            if a.get("id") in declared[cls]:
                problems.append(f"attribute id {a.get('id')} declared twice")
            declared[cls][a.get("id", "")] = a.get("type", "")

    def values(element: ET.Element, cls: str) -> None:
        for holder in element.findall(q("attvalues")):
            for v in holder:
                kind = declared[cls].get(v.get("for", ""))
                if v.tag != q("attvalue") or kind is None or v.get("value") is None:
                    problems.append(f"bad attvalue {v.attrib} in {element.get('id')}")
                    continue
                text = v.get("value", "")
                if kind == "integer" and not re.fullmatch(r"-?\d+", text):
                    problems.append(f"{text!r} is not an integer")
                if kind == "boolean" and text not in ("true", "false"):
                    problems.append(f"{text!r} is not a boolean")

    nodes = graph.find(q("nodes"))
    edges = graph.find(q("edges"))
    assert nodes is not None
    assert edges is not None
    ids = [n.get("id") for n in nodes]
    if len(set(ids)) != len(ids) or nodes.get("count") != str(len(ids)):
        problems.append("node ids not unique or count wrong")
    allowed_node = {
        q("attvalues"),
        q("spells"),
        f"{{{viz}}}color",
        f"{{{viz}}}shape",
        f"{{{viz}}}size",
        f"{{{viz}}}position",
    }
    for n in nodes:
        if n.tag != q("node") or any(c.tag not in allowed_node for c in n):
            problems.append(f"node {n.get('id')} holds {[c.tag for c in n]}")
        values(n, "node")
        for color in n.findall(f"{{{viz}}}color"):
            if not all(0 <= int(color.get(c, "-1")) <= 255 for c in "rgb"):
                problems.append(f"bad colour {color.attrib}")
        for shape in n.findall(f"{{{viz}}}shape"):
            if shape.get("value") not in ("disc", "square", "triangle", "diamond", "image"):
                problems.append(f"bad shape {shape.attrib}")
    edge_ids = [e.get("id") for e in edges]
    if len(set(edge_ids)) != len(edge_ids) or edges.get("count") != str(len(edge_ids)):
        problems.append("edge ids not unique or count wrong")
    allowed_edge = {
        q("attvalues"),
        q("spells"),
        f"{{{viz}}}color",
        f"{{{viz}}}thickness",
        f"{{{viz}}}shape",
    }
    for e in edges:
        if e.tag != q("edge") or any(c.tag not in allowed_edge for c in e):
            problems.append(f"edge {e.get('id')} holds {[c.tag for c in e]}")
        if e.get("source") not in ids or e.get("target") not in ids:
            problems.append(f"edge {e.get('id')} joins unknown nodes")
        float(e.get("weight", "1"))
        values(e, "edge")
        for spells in e.findall(q("spells")):
            for s in spells:
                start, end = s.get("start"), s.get("end")
                if s.tag != q("spell") or not (start or end):
                    problems.append(f"bad spell {s.attrib}")
                for d in (start, end):
                    if d is not None and not _DATE.match(d):
                        problems.append(f"spell date {d!r} is not YYYY-MM-DD")
                if start and end and start > end:
                    problems.append(f"spell ends before it starts: {s.attrib}")
    return problems


def test_gexf_has_the_structure_of_gexf_1_3(bundled: relgraph.Dataset) -> None:
    assert check_gexf(export_bytes(bundled, "gexf")) == []


def test_gexf_1_2draft_has_the_same_structure(bundled: relgraph.Dataset) -> None:
    data = export_bytes(bundled, "gexf", version="1.2draft")
    assert check_gexf(data, ns="http://www.gexf.net/1.2draft") == []
    assert nx.read_gexf(io.BytesIO(data), version="1.2draft").number_of_edges() == 31


def test_the_structure_check_catches_broken_gexf(bundled: relgraph.Dataset) -> None:
    data = export_bytes(bundled, "gexf").replace(b'type="integer"', b'type="int"', 1)
    data = data.replace(b'<spell start="2006-01-01"', b'<spell start="2006-02-01"')
    data = data.replace(b'source="cuba"', b'source="kuba"', 1)
    problems = check_gexf(data)
    assert "bad attribute declaration {'id': '9', 'title': 'claim_count', 'type': 'int'}" in (
        problems
    )
    assert any("ends before it starts" in p for p in problems)
    assert any("joins unknown nodes" in p for p in problems)


# ---------------------------------------------------------------------------
# GEXF against the published schema files, when they are at hand
# ---------------------------------------------------------------------------
_XS = "{http://www.w3.org/2001/XMLSchema}"
_XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


def gexf_schema_folder() -> Path | None:
    """The folder of the published GEXF schema files, or None when there is none.

    ``RELGRAPH_GEXF_SCHEMAS`` names it; else ``shared/gexf/`` beside the
    checkout (``../shared/gexf/`` from the repository's root). It holds one
    folder per GEXF version, as the gephi/gexf repository's ``specs/`` does:
    ``1.3/gexf.xsd``, ``1.3/gexf.rng``, ``1.3/viz.xsd`` and the files they
    include.
    """
    named = os.environ.get("RELGRAPH_GEXF_SCHEMAS")
    folder = Path(named) if named else ROOT.parent / "shared" / "gexf"
    return folder if (folder / "1.3" / "gexf.xsd").is_file() else None


@functools.cache
def _gexf_schemas(folder: Path) -> tuple[Any, Any, dict[str, Any]]:
    """The compiled XSD and RelaxNG of one version's folder, and its viz.xsd's definitions."""
    from lxml import etree

    xsd = etree.XMLSchema(etree.parse(str(folder / "gexf.xsd")))
    rng = etree.RelaxNG(etree.parse(str(folder / "gexf.rng")))
    viz = etree.parse(str(folder / "viz.xsd")).getroot()
    groups = {g.get("name"): g for g in viz.iter(f"{_XS}attributeGroup") if g.get("name")}
    types = {t.get("name"): t for t in viz.iter(f"{_XS}simpleType") if t.get("name")}
    return xsd, rng, {"groups": groups, "types": types}


#: Which of viz.xsd's attribute groups each viz element of a node or an edge takes.
_VIZ_GROUPS = {
    ("node", "color"): "color-content",
    ("node", "position"): "position-content",
    ("node", "size"): "size-content",
    ("node", "shape"): "node-shape-content",
    ("edge", "color"): "color-content",
    ("edge", "thickness"): "thickness-content",
    ("edge", "shape"): "edge-shape-content",
}


def _viz_value_problem(value: str, kind: str, types: dict[str, Any]) -> str | None:
    """Why ``value`` is not of viz.xsd's type ``kind`` (one of its simple types or xs:...)."""
    restriction = types[kind].find(f"{_XS}restriction") if kind in types else None
    base = restriction.get("base") if restriction is not None else kind
    try:
        if base in ("xs:float", "xs:double"):
            number: float = float(value)
        elif base in ("xs:nonNegativeInteger", "xs:integer"):
            number = int(value)
            if base == "xs:nonNegativeInteger" and number < 0:
                return f"{value!r} is negative"
        elif base in ("xs:string", "xs:token", "xs:anyURI"):
            number = 0.0
        else:
            return f"viz.xsd type {base} is not known to this check"
    except ValueError:
        return f"{value!r} is not {base}"
    if restriction is None:
        return None
    allowed = [e.get("value") for e in restriction.findall(f"{_XS}enumeration")]
    if allowed and value not in allowed:
        return f"{value!r} is not one of {allowed}"
    low, high = restriction.find(f"{_XS}minInclusive"), restriction.find(f"{_XS}maxInclusive")
    if low is not None and number < float(low.get("value")):
        return f"{value!r} is below {low.get('value')}"
    if high is not None and number > float(high.get("value")):
        return f"{value!r} is above {high.get('value')}"
    return None


def published_schema_problems(data: bytes, folder: Path) -> list[str]:
    """What the published GEXF schema files in ``folder`` (one version's) find wrong in ``data``.

    The export is checked three ways, since each published schema has one
    known defect that rejects files the specification allows:

    - The XSD, with the ``viz:`` elements taken out. The XSD is generated from
      the RelaxNG, and the generation lost the viz namespace: ``viz.xsd`` has
      no ``targetNamespace``, and the node and edge types of ``dynamics.xsd``
      refer to ``color``, ``position``, ``size`` and ``thickness`` in the GEXF
      namespace itself and to ``shape`` in none, so no element in
      ``http://gexf.net/1.3/viz`` is declared and every ``viz:color`` is
      "not expected", in Gephi's own files too.
    - The RelaxNG, with ``xsi:schemaLocation`` taken off the root. The RelaxNG
      declares the viz elements in their namespace, but it allows no foreign
      attribute on ``<gexf>``, not even the schema location that the
      specification's own examples carry.
    - The ``viz:`` elements by hand, against the definitions of ``viz.xsd``
      itself: only the elements a node or an edge takes there, each with the
      attributes of its attribute group (the required ones present) and each
      value of that attribute's type (colour channels 0-255, alpha 0-1, the
      shapes' enumerations, sizes and thicknesses not negative).
    """
    from lxml import etree

    xsd, rng, viz = _gexf_schemas(folder)
    problems: list[str] = []
    root = etree.fromstring(data)
    ns = etree.QName(root).namespace
    viz_ns = root.nsmap.get("viz", f"{ns}/viz")

    without_viz = etree.fromstring(data)
    for element in list(without_viz.iter(f"{{{viz_ns}}}*")):
        element.getparent().remove(element)
    if not xsd.validate(without_viz):
        problems += [f"XSD: line {e.line}: {e.message}" for e in xsd.error_log]

    without_location = etree.fromstring(data)
    without_location.attrib.pop(_XSI_LOCATION, None)
    if not rng.validate(without_location):
        problems += [f"RelaxNG: line {e.line}: {e.message}" for e in rng.error_log]

    for element in root.iter(f"{{{viz_ns}}}*"):
        owner = etree.QName(element.getparent()).localname
        name = etree.QName(element).localname
        where = f"line {element.sourceline}: viz:{name} of a {owner}"
        group = viz["groups"].get(_VIZ_GROUPS.get((owner, name), ""))
        if group is None:
            problems.append(f"viz: {where}: viz.xsd gives a {owner} no such element")
            continue
        declared = {a.get("name"): a for a in group.findall(f"{_XS}attribute")}
        for attr, value in element.attrib.items():
            if attr not in declared:
                problems.append(f"viz: {where}: no attribute {attr!r}")
                continue
            problem = _viz_value_problem(value, declared[attr].get("type"), viz["types"])
            if problem:
                problems.append(f"viz: {where}: {attr}: {problem}")
        for attr, decl in declared.items():
            if decl.get("use") == "required" and attr not in element.attrib:
                problems.append(f"viz: {where}: {attr} is required")
    return problems


def _schema_folder_for(version: str) -> Path:
    """The version's folder of published schema files, or skip the test with why."""
    folder = gexf_schema_folder()
    named = os.environ.get("RELGRAPH_GEXF_SCHEMAS")
    if folder is None and named:
        pytest.fail(f"RELGRAPH_GEXF_SCHEMAS names {named!r}, which holds no 1.3/gexf.xsd")
    if folder is None:
        pytest.skip(
            "the published GEXF schema files are not here: put the gephi/gexf repository's "
            "specs/1.3 folder at ../shared/gexf/1.3 beside the checkout, or name the folder "
            "holding 1.3/ with RELGRAPH_GEXF_SCHEMAS (see docs/testing.md)"
        )
    if not (folder / version / "gexf.xsd").is_file():
        pytest.skip(
            f"no GEXF {version} schema files in {folder}: the gephi/gexf repository "
            f"publishes none for {version}; put them in {version}/ to check it too"
        )
    return folder / version


_SCHEMA_DATASETS = ["cuba_iran.yaml", "raisi_havana_2023.yaml", "cuba_iran_havana.yaml", "tricky"]


@pytest.mark.parametrize("name", _SCHEMA_DATASETS)
@pytest.mark.parametrize("version", list(VERSIONS))
def test_gexf_validates_against_the_published_schema(
    version: str, name: str, tmp_path: Path
) -> None:
    folder = _schema_folder_for(version)
    if name == "tricky":  # spells, hostile strings, a vocabulary of its own, a claim
        ds = relgraph.load(make_tricky(tmp_path / "data"))
    else:
        ds = relgraph.load(ROOT / "graph_data" / name)
    data = export_bytes(ds, "gexf", version=version)
    assert published_schema_problems(data, folder) == []


@pytest.mark.parametrize(
    ("old", "new", "found_by"),
    [
        (b'type="integer"', b'type="int"', "XSD"),  # an attribute type GEXF does not have
        (b"<attvalues>", b"<values><x/></values><attvalues>", "RelaxNG"),  # an unknown element
        (b'<viz:color r="', b'<viz:color r="3', "viz: "),  # a channel above 255
        (b'<viz:shape value="disc"', b'<viz:shape value="star"', "viz: "),
        (b"<viz:color ", b'<viz:shade value="1"/><viz:color ', "viz: "),
    ],
)
def test_the_published_schema_check_catches_broken_gexf(
    bundled: relgraph.Dataset, old: bytes, new: bytes, found_by: str
) -> None:
    """Taking out what the schemas get wrong leaves them able to find what is wrong."""
    folder = _schema_folder_for("1.3")
    data = export_bytes(bundled, "gexf")
    assert old in data
    problems = published_schema_problems(data.replace(old, new, 1), folder)
    assert any(p.startswith(found_by) for p in problems), problems


def test_the_published_xsd_compiles_and_its_defects_are_the_known_ones(
    bundled: relgraph.Dataset,
) -> None:
    """Unchanged, each schema rejects the export for its known defect alone."""
    from lxml import etree

    xsd, rng, _ = _gexf_schemas(_schema_folder_for("1.3"))
    data = export_bytes(bundled, "gexf")
    assert not xsd.validate(etree.fromstring(data))
    assert {e.message for e in xsd.error_log} == {
        "Element '{http://gexf.net/1.3/viz}color': This element is not expected."
    }
    assert not rng.validate(etree.fromstring(data))
    assert [e.message for e in rng.error_log] == [
        "Invalid attribute schemaLocation for element gexf"
    ]


def test_gexf_carries_types_status_sign_quotes_and_spells(bundled: relgraph.Dataset) -> None:
    g = nx.read_gexf(io.BytesIO(export_bytes(bundled, "gexf")))
    edges = edges_by_id(g)
    first = next(r for r in bundled.relations if r.date is not None)
    data = edges[first.id]
    assert data["status"] == first.status
    assert data["sign"] == first.sign
    assert data["relation_type"] == first.type
    assert isinstance(data["directed"], bool)
    assert data["spells"] == [(first.date.earliest(), first.date.latest())]
    assert first.evidence[0].quote in data["evidence"]
    assert "Deepening Ties" in data["sources"]
    assert isinstance(data["evidence_count"], int)
    undated = next(r for r in bundled.relations if r.date is None and r.start is None)
    assert "spells" not in edges[undated.id]


def test_gexf_dates_as_spells_cover_every_day_a_partial_date_can_mean(
    tricky: relgraph.Dataset,
) -> None:
    g = nx.read_gexf(io.BytesIO(export_bytes(tricky, "gexf")))
    spells = {k: d.get("spells") for k, d in edges_by_id(g).items()}
    assert spells["r-formula"] == [("2023-05-05", "2023-05-05")]
    assert spells["min-a.meeting.min-b"] == [("2020-01-01", "2021-02-28")]
    assert check_gexf(export_bytes(tricky, "gexf")) == []


def test_xml_exports_keep_hostile_text_exactly(tricky: relgraph.Dataset) -> None:
    g = nx.read_gexf(io.BytesIO(export_bytes(tricky, "gexf")))
    assert g.nodes["min-a"]["label"] == HOSTILE[0]
    assert g.nodes["grp"]["label"] == "'quoted' `name` <b>&amp;</b>"
    h = nx.read_graphml(io.BytesIO(export_bytes(tricky, "graphml")))
    assert h.nodes["min-a"]["name"] == HOSTILE[0]
    edge = next(d for _, _, d in h.edges(data=True) if d["relation_id"] == "r-inject")
    assert 'He said "x"}) DETACH DELETE n // and then he left.' in edge["evidence"]


def test_control_characters_xml_cannot_hold_become_replacement_characters(
    tricky: relgraph.Dataset,
) -> None:
    # the loader refuses control characters; a dataset built in Python can still hold them
    import dataclasses

    first = tricky.relations[0]
    noted = dataclasses.replace(first.evidence[0], notes="form\x0cfeed")
    ds = dataclasses.replace(
        tricky,
        entities=tuple(
            dataclasses.replace(e, name="page\x0cbreak") if e.id == "min-b" else e
            for e in tricky.entities
        ),
        relations=(
            dataclasses.replace(first, evidence=(noted, *first.evidence[1:])),
            *tricky.relations[1:],
        ),
        license="CC\x00BY",
        authors="bell\x07desk",
    )
    data = export_bytes(ds, "gexf")
    g = nx.read_gexf(io.BytesIO(data))
    assert g.nodes["min-b"]["label"] == "page\ufffdbreak"
    assert "notes: form\ufffdfeed)" in edges_by_id(g)["r-formula"]["evidence"]
    description = _gexf_meta(data)["description"]
    assert description.endswith("\nAuthors: bell\ufffddesk\nLicense: CC\ufffdBY")
    h = nx.read_graphml(io.BytesIO(export_bytes(ds, "graphml")))
    assert (h.graph["license"], h.graph["authors"]) == ("CC\ufffdBY", "bell\ufffddesk")
    assert "notes: form\ufffdfeed)" in edges_by_id(h)["r-formula"]["evidence"]


def _gexf_meta(data: bytes) -> dict[str, str]:
    """The text of each child of the GEXF ``<meta>`` element, by tag."""
    meta = ET.fromstring(data).find("{*}meta")
    assert meta is not None
    return {child.tag.split("}", 1)[1]: child.text or "" for child in meta}


@pytest.mark.parametrize(
    ("version", "ns"),
    [("1.3", "http://gexf.net/1.3"), ("1.2draft", "http://www.gexf.net/1.2draft")],
)
def test_gexf_meta_names_the_authors_and_the_license_and_stays_valid(
    version: str, ns: str, tricky: relgraph.Dataset
) -> None:
    data = export_bytes(tricky, "gexf", version=version)
    assert check_gexf(data, ns=ns) == []
    assert _gexf_meta(data) == {
        "creator": f"relgraph {relgraph.__version__}",
        "description": (
            'Tricky: quotes, "escapes" & formulas. Line one\nline two\u2028and a separator\n'
            f"Authors: {AUTHORS}\nLicense: {LICENSE}"
        ),
    }


def test_gexf_without_license_or_authors_says_nothing_of_them(bundled: relgraph.Dataset) -> None:
    description = _gexf_meta(export_bytes(bundled, "gexf"))["description"]
    assert description.startswith("Cuba–Iran relations. Actors and ties")
    assert f"\nNotes: {bundled.notes}" in description  # what the dataset left out, and why
    assert "License:" not in description
    assert "Authors:" not in description


def test_gexf_and_graphml_evidence_text_carries_each_items_notes(
    tricky: relgraph.Dataset,
) -> None:
    g = nx.read_gexf(io.BytesIO(export_bytes(tricky, "gexf")))
    assert edges_by_id(g)["r-formula"]["evidence"] == "\n".join(FORMULA_EVIDENCE)
    h = nx.read_graphml(io.BytesIO(export_bytes(tricky, "graphml")))
    assert edges_by_id(h)["r-formula"]["evidence"] == "\n".join(FORMULA_EVIDENCE)


def _with_carriage_returns(ds: relgraph.Dataset) -> relgraph.Dataset:
    """``ds`` with carriage returns in element text (``<meta>``) and in attribute values."""
    return dataclasses.replace(
        ds,
        description="Line one\r\nline two\rthree",
        entities=tuple(
            dataclasses.replace(e, name="=1+1\r\nsecond") if e.id == "min-b" else e
            for e in ds.entities
        ),
        relations=tuple(
            dataclasses.replace(r, notes="+note\r\nwith\rthree lines") if r.id == "r-formula" else r
            for r in ds.relations
        ),
    )


@pytest.mark.parametrize("empty", [False, True], ids=["tricky", "no-nodes-or-edges"])
@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_gexf_written_element_by_element_has_the_bytes_of_the_whole_tree(
    version: str, empty: bool, tricky: relgraph.Dataset
) -> None:
    ds = _with_carriage_returns(tricky)
    if empty:
        ds = dataclasses.replace(ds, entities=(), relations=(), claims=())
    root = gexf_tree(ds, version)
    ET.indent(root, space="  ")
    whole = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    data = export_bytes(ds, "gexf", version=version)
    assert data == whole.replace(b"\r", b"&#13;") + b"\n"
    assert check_gexf(data, ns=VERSIONS[version][0]) == []
    assert _gexf_meta(data)["description"].startswith(
        'Tricky: quotes, "escapes" & formulas. Line one\r\nline two\rthree\n'
    )
    if not empty:
        g = nx.read_gexf(io.BytesIO(data), version=version)
        assert g.nodes["min-b"]["label"] == "=1+1\r\nsecond"
        assert edges_by_id(g)["r-formula"]["notes"] == "+note\r\nwith\rthree lines"


# ---------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------
def test_graphml_is_read_by_networkx_and_igraph_with_typed_attributes(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    import igraph

    path = tmp_path / "g.graphml"
    export(bundled, "graphml", path)
    g = nx.read_graphml(path)
    rel = bundled.relations[0]
    data = g.edges[rel.source, rel.target, rel.id]
    assert (data["type"], data["status"], data["sign"]) == (rel.type, rel.status, rel.sign)
    assert data["directed"] is True
    assert data["evidence_count"] == len(rel.evidence)
    assert rel.evidence[0].quote in data["evidence"]
    i = igraph.Graph.Read_GraphML(str(path))
    assert i.is_directed()
    assert sorted(i.es["relation_id"]) == sorted(r.id for r in bundled.relations)
    assert sorted(i.vs["id"]) == sorted(e.id for e in bundled.entities)
    cuba = i.vs.find(id="cuba")
    assert cuba["name"] == "Cuba"
    assert cuba["aliases"] == "Havana"


@pytest.mark.parametrize("case", ["tricky", "reordered", "no-nodes-or-edges"])
def test_graphml_written_element_by_element_has_the_bytes_of_networkxs_writer(
    case: str, tricky: relgraph.Dataset
) -> None:
    import lxml  # noqa: F401  # a test requirement: NetworkX writes this layout through it

    ds = _with_carriage_returns(tricky)
    if case == "reordered":  # edges grouped by source node; an end that names no entity
        ds = dataclasses.replace(ds, entities=ds.entities[:0:-1], relations=ds.relations[::-1])
    if case == "no-nodes-or-edges":
        ds = dataclasses.replace(ds, entities=(), relations=(), claims=())
    buffer = io.BytesIO()
    nx.write_graphml_lxml(graphml_graph(ds), buffer, encoding="utf-8", prettyprint=True)
    data = export_bytes(ds, "graphml")
    assert data == buffer.getvalue().replace(b"\r", b"&#13;")
    g = nx.read_graphml(io.BytesIO(data))
    assert g.graph["description"] == "Line one\r\nline two\rthree"
    if case == "tricky":
        assert g.nodes["min-b"]["name"] == "=1+1\r\nsecond"
        assert edges_by_id(g)["r-formula"]["notes"] == "+note\r\nwith\rthree lines"


def test_graphml_graph_carries_the_datasets_license_and_authors_exactly(
    tricky: relgraph.Dataset, bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    import igraph

    path = tmp_path / "g.graphml"
    export(tricky, "graphml", path)
    g = nx.read_graphml(path)
    assert {k: v for k, v in g.graph.items() if not k.endswith("_default")} == {
        "dataset_id": "tricky_set",
        "title": tricky.title,
        "description": tricky.description,
        "license": LICENSE,
        "authors": AUTHORS,
    }
    i = igraph.Graph.Read_GraphML(str(path))
    assert (i["license"], i["authors"]) == (LICENSE, AUTHORS)
    plain = nx.read_graphml(io.BytesIO(export_bytes(bundled, "graphml")))
    assert sorted(k for k in plain.graph if not k.endswith("_default")) == [
        "alleged_attributions",
        "dataset_id",
        "description",
        "notes",
        "title",
    ]


def test_networkx_writers_fail_on_the_model_graph_but_not_on_the_flattened_one(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    with pytest.raises((TypeError, nx.NetworkXError)):
        nx.write_graphml(bundled.graph(), tmp_path / "raw.graphml")
    flat = flatten_graph(bundled.graph())
    nx.write_graphml(flat, tmp_path / "flat.graphml")
    nx.write_gexf(flat, tmp_path / "flat.gexf")
    assert nx.read_graphml(tmp_path / "flat.graphml").number_of_edges() == len(bundled.relations)


def test_flattening_names_the_attribute_and_element_it_cannot_write() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", seen={1})
    with pytest.raises(ExportError) as exc:
        flatten_graph(g)
    assert str(exc.value) == (
        "cannot write attribute 'seen' of node 'a': a set is not text, a number, a yes/no "
        "value, a list or a mapping"
    )


def test_flattening_does_not_change_the_graph_given(bundled: relgraph.Dataset) -> None:
    g = bundled.graph()
    before = dict(g.nodes["cuba"])
    flatten_graph(g)
    assert g.nodes["cuba"] == before
    assert isinstance(g.nodes["cuba"]["aliases"], list)


# ---------------------------------------------------------------------------
# JSON and JSON Lines
# ---------------------------------------------------------------------------
def test_json_is_node_link_data_carrying_sources_texts_and_claims(
    bundled: relgraph.Dataset,
) -> None:
    data = json.loads(export_bytes(bundled, "json"))
    assert data["graph"]["format"] == "relgraph-node-link"
    source = data["graph"]["sources"][0]
    assert source["text"] == bundled.sources[0].text
    assert hashlib.sha256(source["text"].encode()).hexdigest() == source["sha256"]
    assert len(data["graph"]["claims"]) == len(bundled.claims)
    assert data["graph"]["vocabulary"] == {}
    link = data["edges"][0]
    assert link["key"] == link["id"] == bundled.relations[0].id
    assert link["evidence"][0]["context"] == bundled.relations[0].evidence[0].context


def test_json_carries_the_vocabulary_a_dataset_adds(tricky: relgraph.Dataset) -> None:
    data = json.loads(export_bytes(tricky, "json"))
    vocab = data["graph"]["vocabulary"]
    assert [t["id"] for t in vocab["relation_types"]] == ["funds"]
    assert vocab["relation_types"][0]["target_kinds"] == ["armed_group", "state"]
    assert [k["id"] for k in vocab["entity_kinds"]] == ["armed_group"]


def test_json_without_texts_still_names_each_text_and_its_checksum(
    bundled: relgraph.Dataset,
) -> None:
    source = json.loads(export_bytes(bundled, "json", texts=False))["graph"]["sources"][0]
    assert "text" not in source
    assert source["text_path"] == "sources/cuba_iran_relations.txt"


def test_jsonl_is_the_bulk_dataset_format_in_reference_order(
    tricky: relgraph.Dataset,
) -> None:
    lines = export_bytes(tricky, "jsonl").decode("utf-8").splitlines()  # as Python reads lines
    kinds = [json.loads(line)["record"] for line in lines]
    assert kinds == [
        "dataset",
        "vocabulary",
        "source",
        *["entity"] * 4,
        *["relation"] * 4,
        "claim",
    ]
    assert "\\u2028" in lines[0]  # the description's line separator, escaped
    assert (json.loads(lines[0])["license"], json.loads(lines[0])["authors"]) == (LICENSE, AUTHORS)
    assert json.loads(lines[2])["text"] == "texts/tricky.txt"
    relation = json.loads(lines[7])
    assert relation == {
        "record": "relation",
        "id": "r-formula",
        "source": "min-a",
        "target": "cuba",
        "type": "praise",
        "status": "reported",
        "date": "2023-05-05",
        "notes": "+note\nwith two lines",
        "evidence": [
            {
                "quote": '=HYPERLINK("http://evil.example/","click") was posted by the ministry.',
                "source": "src-1",
                "attributed_to": "min-a",
                "credibility": 2,
                "notes": RELATION_NOTE,
            },
            {
                "quote": "+1 for the deal, -2 against it",
                "source": "src-1",
                "attributed_to": "@someone",
            },
        ],
    }
    made_up = json.loads(lines[8])  # the id relgraph makes up is written, its default sign not
    assert made_up["id"] == "min-a.meeting.min-b"
    assert "sign" not in made_up
    # a reader that keys records by id (Spark, DuckDB, jq) finds every one, claims too
    assert all("id" in json.loads(line) for line in lines[3:])
    assert json.loads(lines[-1])["id"] == "grp.claim.it-is-armed-all"
    assert json.loads(lines[9])["sign"] == "hostile"  # a sign the dataset gives is kept


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("name", ["bundled", "tricky"])
def test_jsonl_loads_as_the_same_dataset(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    ds: relgraph.Dataset = request.getfixturevalue(name)
    out = tmp_path / "out" / "graph.jsonl"
    out.parent.mkdir()
    paths = export(ds, "jsonl", out)
    texts = [s.text_path for s in ds.sources]
    assert paths == (str(out), *(str(out.parent / t) for t in texts))
    back = relgraph.load(out)
    assert_same_dataset(ds, back)
    assert [d for d in relgraph.validate(out) if d.severity == "error"] == []
    for source in ds.sources:  # byte for byte, a byte order mark included
        assert hashlib.sha256((out.parent / source.text_path).read_bytes()).hexdigest() == (
            source.sha256
        )


def test_jsonl_writes_the_records_convert_writes(bundled: relgraph.Dataset, tmp_path: Path) -> None:
    from relgraph.convert import convert, read_records

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    export(bundled, "jsonl", tmp_path / "a" / "g.jsonl")
    convert(ROOT / "graph_data" / "cuba_iran.yaml", tmp_path / "b" / "g.jsonl")
    exported = list(read_records(tmp_path / "a" / "g.jsonl"))
    converted = list(read_records(tmp_path / "b" / "g.jsonl"))
    # convert copies the YAML as written, its empty (null) fields too
    assert exported == [(k, {f: v for f, v in r.items() if v is not None}) for k, r in converted]


def test_a_filtered_jsonl_export_loads_as_the_filtered_dataset(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    keep = Filter(statuses=("alleged",))
    export(bundled, "jsonl", tmp_path / "alleged.jsonl", filter=keep)
    back = relgraph.load(tmp_path / "alleged.jsonl")
    assert back.relations == keep.apply(bundled).relations
    assert {r.status for r in back.relations} == {"alleged"}


def test_jsonl_without_texts_writes_the_records_only(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    assert export(bundled, "jsonl", tmp_path / "g.jsonl", texts=False) == (
        str(tmp_path / "g.jsonl"),
    )
    assert _listing(tmp_path) == ["g.jsonl"]
    assert (tmp_path / "g.jsonl").read_bytes() == export_bytes(bundled, "jsonl")
    shutil.copytree(ROOT / "graph_data" / "sources", tmp_path / "sources")
    assert_same_dataset(bundled, relgraph.load(tmp_path / "g.jsonl"))


def test_jsonl_leaves_a_text_already_beside_it_and_refuses_a_different_one(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    text = tmp_path / "sources" / "cuba_iran_relations.txt"
    text.parent.mkdir()
    shutil.copy(ROOT / "graph_data" / "sources" / "cuba_iran_relations.txt", text)
    assert export(bundled, "jsonl", tmp_path / "g.jsonl") == (str(tmp_path / "g.jsonl"),)
    text.write_text("another text", encoding="utf-8")
    with pytest.raises(relgraph.UsageError) as exc:
        export(bundled, "jsonl", tmp_path / "h.jsonl")
    assert str(exc.value) == (
        f"'{text}' already exists with other content\n"
        "  hint: export into another folder, or leave the texts out (--no-texts)"
    )
    assert _listing(tmp_path) == ["g.jsonl", "sources", "sources/cuba_iran_relations.txt"]
    assert text.read_text(encoding="utf-8") == "another text"


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------
def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_cells_that_could_run_as_formulas_start_with_an_apostrophe(
    tricky: relgraph.Dataset, tmp_path: Path
) -> None:
    export(tricky, "csv", tmp_path / "out", evidence="rows")
    export(tricky, "csv", tmp_path / "lists")
    entities = {r["ID"]: r for r in _rows(tmp_path / "out" / "entities.csv")}
    assert entities["min-b"]["Label"] == "'=1+1"
    assert entities["min-b"]["Description"] == "'-starts with a minus\ttab"
    relations = _rows(tmp_path / "out" / "relations.csv")
    quotes = [r["Quote"] for r in relations]
    assert '\'=HYPERLINK("http://evil.example/","click") was posted by the ministry.' in quotes
    assert "'+1 for the deal, -2 against it" in quotes
    assert "'@someone" in [r["Attributed to"] for r in relations]
    sources = _rows(tmp_path / "out" / "sources.csv")
    assert sources[0]["Title"] == "'=cmd|' /C calc'!A0"
    assert sources[0]["Publisher"] == "'@publisher"
    every_cell = [
        cell
        for folder in ("out", "lists")
        for name in ("entities", "relations", "claims", "sources")
        for row in _rows(tmp_path / folder / f"{name}.csv")
        for cell in row.values()
    ]
    assert not [c for c in every_cell if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_csv_layouts_for_kumu_and_gephi(bundled: relgraph.Dataset, tmp_path: Path) -> None:
    export(bundled, "csv", tmp_path / "kumu")
    export(bundled, "csv", tmp_path / "gephi", layout="gephi")
    kumu = _rows(tmp_path / "kumu" / "relations.csv")
    gephi = _rows(tmp_path / "gephi" / "relations.csv")
    assert list(kumu[0])[:5] == ["ID", "From", "To", "Type", "Direction"]
    head = ["Id", "Source", "Target", "Type", "Label", "Weight", "Relation type"]
    assert list(gephi[0])[:7] == head
    assert {r["Type"] for r in gephi} == {"Directed", "Undirected"}
    assert {r["Direction"] for r in kumu} == {"directed", "undirected"}
    assert list(_rows(tmp_path / "gephi" / "entities.csv")[0])[:3] == ["Id", "Label", "Type"]
    # one row per relation (Kumu and Gephi keep one row of each), its quotes listed with |
    assert [r["ID"] for r in kumu] == [r["Id"] for r in gephi] == [r.id for r in bundled.relations]
    many = next(r for r in bundled.relations if len(r.evidence) > 2)
    row = next(r for r in kumu if r["ID"] == many.id)
    assert row["Quote"] == "|".join(e.quote for e in many.evidence)
    assert row["Evidence count"] == str(len(many.evidence))
    assert next(r for r in gephi if r["Id"] == many.id)["Weight"] == str(len(many.evidence))


def test_csv_evidence_rows_gives_one_row_per_evidence_item(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, "csv", tmp_path / "rows", evidence="rows")
    rows = _rows(tmp_path / "rows" / "relations.csv")
    assert [r["Quote"] for r in rows] == [e.quote for r in bundled.relations for e in r.evidence]
    assert "Evidence count" not in rows[0]


def test_csv_joined_evidence_gives_one_row_per_relation(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, "csv", tmp_path / "j", evidence="joined")
    rows = _rows(tmp_path / "j" / "relations.csv")
    assert len(rows) == len(bundled.relations)
    many = next(r for r in bundled.relations if len(r.evidence) > 1)
    row = next(r for r in rows if r["ID"] == many.id)
    assert row["Quotes"].count("\n") == len(many.evidence) - 1
    assert int(row["Evidence count"]) == len(many.evidence)


def test_csv_carries_license_authors_and_evidence_notes(
    tricky: relgraph.Dataset, bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    import yaml

    export(tricky, "csv", tmp_path / "out")
    meta = yaml.safe_load((tmp_path / "out" / "meta.yaml").read_text(encoding="utf-8"))
    assert (meta["dataset"]["license"], meta["dataset"]["authors"]) == (LICENSE, AUTHORS)
    relations = _rows(tmp_path / "out" / "relations.csv")
    columns = list(relations[0])
    assert columns[columns.index("Credibility") + 1] == "Evidence notes"
    notes = [(r["ID"], r["Quote source"], r["Evidence notes"]) for r in relations]
    assert notes[0] == ("r-formula", "src-1|src-1", neutralize(join_items([RELATION_NOTE, None])))
    export(tricky, "csv", tmp_path / "rows", evidence="rows")
    relations = _rows(tmp_path / "rows" / "relations.csv")
    notes = [(r["ID"], r["Quote source"], r["Evidence notes"]) for r in relations]
    assert notes[:2] == [("r-formula", "src-1", "'" + RELATION_NOTE), ("r-formula", "src-1", "")]
    claims = _rows(tmp_path / "out" / "claims.csv")
    assert [c["Evidence notes"] for c in claims] == ["'" + CLAIM_NOTE]  # starts with +
    export(tricky, "csv", tmp_path / "joined", evidence="joined")
    joined = {r["ID"]: r for r in _rows(tmp_path / "joined" / "relations.csv")}
    assert joined["r-formula"]["Quotes"] == "\n".join(FORMULA_EVIDENCE)
    export(bundled, "csv", tmp_path / "plain")
    plain = yaml.safe_load((tmp_path / "plain" / "meta.yaml").read_text(encoding="utf-8"))
    assert sorted(plain["dataset"]) == [
        "alleged_attributions",
        "description",
        "id",
        "notes",
        "title",
    ]


def test_csv_writes_the_source_texts_byte_for_byte(
    tricky: relgraph.Dataset, tmp_path: Path
) -> None:
    export(tricky, "csv", tmp_path / "out")
    data = (tmp_path / "out" / "texts" / "tricky.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert hashlib.sha256(data).hexdigest() == tricky.sources[0].sha256


# ---------------------------------------------------------------------------
# Cypher
# ---------------------------------------------------------------------------
def _decode_cypher(literal: str) -> str:
    body = literal[1:-1]
    simple = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
    out, i = [], 0
    while i < len(body):
        if body[i] == "\\":
            nxt = body[i + 1]
            if nxt == "u":
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(simple[nxt])
            i += 2
            continue
        out.append(body[i])
        i += 1
    return "".join(out)


_FIXED_WORDS = {
    "CYPHER",  # FalkorDB's parameter header: CYPHER rows=[...] UNWIND $rows AS row
    "rows",
    "UNWIND",
    "AS",
    "MERGE",
    "SET",
    "MATCH",
    "CREATE",
    "CONSTRAINT",
    "IF",
    "NOT",
    "EXISTS",
    "FOR",
    "REQUIRE",
    "IS",
    "UNIQUE",
    "true",
    "false",
    "row",
    "props",
    "id",
    "source",
    "target",
    "entity",
    "n",
    "a",
    "b",
    "r",
    "c",
    "e",
    "s",
    "INDEX",
    "ON",
}


@pytest.mark.parametrize("dialect", ["neo4j", "falkordb", "opencypher"])
def test_cypher_keeps_every_value_inside_a_literal(tricky: relgraph.Dataset, dialect: str) -> None:
    import antlr4
    import antlr4_cypher as cypher

    script = export_bytes(tricky, "cypher", dialect=dialect).decode("utf-8")
    lexer = cypher.CypherLexer(antlr4.InputStream(script))
    tokens = [t for t in lexer.getAllTokens() if t.channel == 0]
    names = cypher.CypherLexer.symbolicNames
    literals = [_decode_cypher(t.text) for t in tokens if names[t.type] == "STRING_LITERAL"]
    for text in HOSTILE:
        assert text in literals, f"{text!r} did not come out of a string literal intact"
    words = {
        t.text
        for t in tokens
        if names[t.type] != "STRING_LITERAL" and re.fullmatch(r"[A-Za-z_]\w*", t.text)
    }
    keys = set(re.findall(r"([a-z_][a-z0-9_]*): ", re.sub(r'"(?:\\.|[^"\\])*"', '""', script)))
    labels = {
        "Entity",
        "Source",
        "Claim",
        "Dataset",
        "Evidence",
        "Official",
        "State",
        "ArmedGroup",
        "ABOUT",
        "CITES",
        "PRAISE",
        "MEETING",
        "FUNDS",
        "CRITICISM",
    }
    assert words <= _FIXED_WORDS | keys | labels | {
        "relgraph_entity_id",
        "relgraph_source_id",
        "relgraph_claim_id",
        "relgraph_dataset_id",
        "relgraph_evidence_id",
    }
    assert "DETACH" not in words
    assert "DELETE" not in words
    assert "Owned" not in words  # the authors' MERGE stays text
    without_literals = re.sub(r'"(?:\\.|[^"\\])*"', '""', script)
    assert "DETACH" not in without_literals
    assert "evil.example" not in without_literals


def test_cypher_statements_parse_as_opencypher(tricky: relgraph.Dataset) -> None:
    import antlr4
    import antlr4_cypher as cypher
    from antlr4.error.ErrorListener import ErrorListener

    class Collect(ErrorListener):
        def __init__(self) -> None:
            self.errors: list[str] = []

        def syntaxError(self, *args: Any) -> None:
            self.errors.append(str(args[-2]))

    script = export_bytes(tricky, "cypher").decode("utf-8")
    lexer = cypher.CypherLexer(antlr4.InputStream(script))
    statements, start = [], None
    for t in lexer.getAllTokens():
        if t.channel != 0 or cypher.CypherLexer.symbolicNames[t.type] in ("SP", "WHITESPACE"):
            continue  # comments and white space
        if start is None:
            start = t.start
        if cypher.CypherLexer.symbolicNames[t.type] == "SEMI":
            statements.append(script[start : t.stop + 1])
            start = None
    constraints = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    assert constraints == [
        f"CREATE CONSTRAINT relgraph_{n.lower()}_id IF NOT EXISTS FOR (n:{n}) "
        "REQUIRE n.id IS UNIQUE;"
        for n in ("Entity", "Source", "Claim", "Dataset", "Evidence")
    ]  # Neo4j schema commands: not in the openCypher grammar
    queries = [s for s in statements if not s.startswith("CREATE CONSTRAINT")]
    # the dataset; sources; 3 kinds; 4 types; claims; evidence
    assert len(queries) == 1 + 1 + 3 + 4 + 1 + 1
    for query in queries:
        collect = Collect()
        lex = cypher.CypherLexer(antlr4.InputStream(query))
        lex.removeErrorListeners()
        lex.addErrorListener(collect)
        parser = cypher.CypherParser(antlr4.CommonTokenStream(lex))
        parser.removeErrorListeners()
        parser.addErrorListener(collect)
        parser.script()
        assert collect.errors == [], query[:200]


def _cypher_rows(script: str) -> list[tuple[list[str], list[Any]]]:
    """Each ``UNWIND`` statement of a script: the words of its body and its rows as Python values.

    The script is read with the openCypher lexer, so a value is what Neo4j would read.
    """
    import antlr4
    import antlr4_cypher as cypher

    names = cypher.CypherLexer.symbolicNames
    tokens = [
        (names[t.type], t.text)
        for t in cypher.CypherLexer(antlr4.InputStream(script)).getAllTokens()
        if t.channel == 0 and names[t.type] not in ("SP", "WHITESPACE")
    ]
    pos = 0

    def value() -> Any:
        nonlocal pos
        kind, text = tokens[pos]
        pos += 1
        if kind == "STRING_LITERAL":
            return _decode_cypher(text)
        if re.fullmatch(r"\d+", text):  # the grammar lexes a lone 0 as a name
            return int(text)
        if kind in ("TRUE", "FALSE", "NULL_W"):
            return {"TRUE": True, "FALSE": False, "NULL_W": None}[kind]
        closing = {"LBRACK": "RBRACK", "LBRACE": "RBRACE"}.get(kind)
        if closing is None:
            raise AssertionError(f"{text!r} is not a literal")
        items: list[Any] = []
        pairs: dict[str, Any] = {}
        while tokens[pos][0] != closing:
            if kind == "LBRACE":
                key = tokens[pos][1]
                assert tokens[pos + 1][0] == "COLON"
                pos += 2
                pairs[key] = value()
            else:
                items.append(value())
            if tokens[pos][0] == "COMMA":
                pos += 1
        pos += 1
        return pairs if kind == "LBRACE" else items

    statements = []
    while pos < len(tokens):
        if tokens[pos][0] != "UNWIND":
            pos += 1
            continue
        pos += 1
        rows = value()
        start = pos
        while tokens[pos][0] != "SEMI":
            pos += 1
        statements.append(([text for _, text in tokens[start:pos]], rows))
    return statements


def test_cypher_writes_license_and_authors_on_a_dataset_node_and_evidence_notes(
    tricky: relgraph.Dataset, bundled: relgraph.Dataset
) -> None:
    statements = _cypher_rows(export_bytes(tricky, "cypher").decode("utf-8"))
    (dataset,) = [rows for words, rows in statements if "Dataset" in words]
    assert dataset == [
        {
            "id": "tricky_set",
            "props": {
                "title": 'Tricky: quotes, "escapes" & formulas',
                "description": "Line one\nline two\u2028and a separator",
                "license": LICENSE,
                "authors": AUTHORS,
            },
        }
    ]
    (praise,) = [rows for words, rows in statements if "PRAISE" in words]
    props = praise[0]["props"]
    assert praise[0]["id"] == "r-formula"
    assert props["evidence_notes"] == [RELATION_NOTE, ""]  # parallel to the quotes
    assert len(props["evidence_quotes"]) == len(props["evidence_notes"])
    (claims,) = [rows for words, rows in statements if "Claim" in words]
    assert claims[0]["props"]["evidence_notes"] == [CLAIM_NOTE]
    plain = _cypher_rows(export_bytes(bundled, "cypher").decode("utf-8"))
    (dataset,) = [rows for words, rows in plain if "Dataset" in words]
    assert dataset[0]["id"] == "cuba_iran"
    assert sorted(dataset[0]["props"]) == [  # no license given
        "alleged_attributions",
        "description",
        "notes",
        "title",
    ]
    assert dataset[0]["props"]["alleged_attributions"] == ["the data the article cites (unnamed)"]


def test_cypher_refuses_a_kind_that_would_take_the_dataset_label(tmp_path: Path) -> None:
    yaml = TRICKY_YAML.replace("    - id: armed_group\n", "    - id: dataset\n", 1)
    yaml = yaml.replace("kind: armed_group", "kind: dataset").replace(
        "[armed_group, state]", "[dataset, state]"
    )
    ds = relgraph.load(make_tricky(tmp_path, yaml=yaml))
    with pytest.raises(ExportError) as exc:
        export_bytes(ds, "cypher")
    assert str(exc.value) == (
        "the entity kind 'dataset' would become the Neo4j name Dataset, which relgraph itself "
        "already uses\n  hint: rename one of them in the dataset's vocabulary"
    )


def test_cypher_labels_and_types_come_from_the_vocabulary(tricky: relgraph.Dataset) -> None:
    script = export_bytes(tricky, "cypher").decode("utf-8")
    assert "SET n:ArmedGroup, n += row.props" in script
    assert "MERGE (a)-[r:FUNDS {id: row.id}]->(b)" in script


def test_cypher_refuses_two_kinds_that_would_share_a_label(tmp_path: Path) -> None:
    yaml = TRICKY_YAML.replace(
        "  relation_types:\n",
        '    - id: armed-group\n      label: Other\n      color: "#445566"\n'
        "      shape: dot\n  relation_types:\n",
    )
    ds = relgraph.load(make_tricky(tmp_path, yaml=yaml))
    with pytest.raises(ExportError) as exc:
        export_bytes(ds, "cypher")
    assert str(exc.value) == (
        "the entity kind 'armed-group' would become the Neo4j name ArmedGroup, which the "
        "entity kind 'armed_group' already uses\n"
        "  hint: rename one of them in the dataset's vocabulary"
    )


# ---------------------------------------------------------------------------
# FollowTheMoney
# ---------------------------------------------------------------------------
def test_ftm_entities_load_in_followthemoney_with_valid_properties(
    tricky: relgraph.Dataset,
) -> None:
    from followthemoney import model

    lines = export_bytes(tricky, "ftm").decode("utf-8").splitlines()
    proxies = {}
    for line in lines:
        raw = json.loads(line)
        proxy = model.get_proxy(raw, cleaned=False)  # cleans every value through its type
        for prop, values in raw["properties"].items():
            assert prop in proxy.schema.properties, (proxy.schema.name, prop)
            assert proxy.get(prop) == values, f"{proxy.schema.name}.{prop} lost values"
        proxies[proxy.id] = proxy
    schemata = {p.id: p.schema.name for p in proxies.values()}
    e, s, r = (functools.partial(ftm_id, letter, "tricky_set") for letter in "esr")
    assert schemata[e("min-a")] == "Person"
    assert schemata[e("cuba")] == "PublicBody"
    assert schemata[e("grp")] == "LegalEntity"
    assert schemata[s("src-1")] == "Document"
    for proxy in proxies.values():
        if proxy.schema.edge:
            for prop in (proxy.schema.source_prop, proxy.schema.target_prop):
                (ref,) = proxy.get(prop)
                assert ref in proxies
                assert proxies[ref].schema.is_a(prop.range)
    link = proxies[r("r-formula")]
    assert link.schema.name == "UnknownLink"
    assert link.get("sourceUrl") == ["https://example.org/a?b=1&c=2"]
    assert link.get("publisher") == ["@publisher"]
    assert link.get("status") == ["reported"]
    assert link.get("date") == ["2023-05-05"]
    assert link.get("proof") == [s("src-1")]
    assert link.get("description") == FORMULA_EVIDENCE
    # FtM entities have no place for a dataset's license and authors (see the module docs)
    values = [v for line in lines for vs in json.loads(line)["properties"].values() for v in vs]
    assert not [v for v in values if LICENSE in v or AUTHORS in v]
    meeting = next(
        p
        for p in proxies.values()
        if p.schema.edge and p.get("recordId") == ["min-a.meeting.min-b"]
    )
    assert meeting.schema.name == "Associate"
    assert meeting.get("relationship") == ["met with"]
    assert meeting.get("summary") == [
        "status: reported",
        "1 quote · 1 source · 1 independent origin",
        "origins: src-1",
    ]


FTM_ENDS_TEXT = "The minister serves Ruritania. The press office speaks for the ministry.\n"
FTM_ENDS_YAML = """\
dataset: {id: ends, title: Ends}
sources:
  - {id: art, title: Art, reliability: C, text: sources/art.txt, sha256: "{sha}"}
entities:
  - {id: minister, name: The minister, kind: official}
  - {id: ruritania, name: Ruritania, kind: state}
  - {id: press-office, name: The press office, kind: organization}
  - {id: ministry, name: The ministry, kind: organization}
relations:
  - id: office
    source: minister
    target: ruritania
    type: holds_office
    status: reported
    evidence: [{quote: The minister serves Ruritania., source: art}]
  - id: speaks
    source: press-office
    target: ministry
    type: speaks_for
    status: reported
    evidence: [{quote: The press office speaks for the ministry., source: art}]
"""


def test_ftm_uses_membership_and_representation_where_the_ends_fit(make_dataset: Any) -> None:
    ds = relgraph.load(make_dataset(FTM_ENDS_YAML, FTM_ENDS_TEXT))
    lines = [json.loads(line) for line in export_bytes(ds, "ftm").decode().splitlines()]
    by_record = {e["properties"]["recordId"][0]: e for e in lines if "recordId" in e["properties"]}
    assert by_record["office"]["schema"] == "Membership"
    assert by_record["speaks"]["schema"] == "Representation"


def test_ftm_writes_a_claim_s_notes_under_its_line(make_dataset: Any) -> None:
    """A claim's notes (what a reader must know of it) were the one field of a claim the FtM
    export dropped, though a relation's notes went into its summary."""
    yaml = BASE_YAML + (
        "claims:\n"
        "  - entity: cuba\n"
        "    statement: Cuba provides intelligence to Hamas\n"
        "    status: alleged\n"
        "    notes: The article names no source for the data.\n"
        "    evidence:\n"
        "      - quote: The data alleges that Cuba provides intelligence to Hamas.\n"
        "        source: art\n"
    )
    ds = relgraph.load(make_dataset(yaml))
    lines = [json.loads(line) for line in export_bytes(ds, "ftm").decode().splitlines()]
    cuba = next(e for e in lines if e["properties"].get("name") == ["Cuba"])
    (note,) = cuba["properties"]["notes"]
    assert note.splitlines()[:2] == [
        "[alleged] Cuba provides intelligence to Hamas — 1 quote · 1 source · 1 independent origin",
        "notes: The article names no source for the data.",
    ]


# ---------------------------------------------------------------------------
# Atomic writing, options, filters, errors
# ---------------------------------------------------------------------------
def test_a_failing_export_leaves_the_old_file_and_no_temporary_file(
    bundled: relgraph.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "g.gexf"
    target.write_text("old", encoding="utf-8")

    def boom(self: Any, dataset: Any, out: Any) -> None:
        out.open_bytes("graph.gexf").write(b"<half")
        raise RuntimeError("the exporter broke")

    monkeypatch.setattr(FORMATS["gexf"], "write", boom)
    with pytest.raises(RuntimeError):
        export(bundled, "gexf", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["g.gexf"]


@pytest.mark.parametrize("swap", ["exchange", "two renames"])
def test_a_two_file_export_writes_both_files_or_neither(
    bundled: relgraph.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str
) -> None:
    import relgraph.atomic

    out = tmp_path / "out"
    export(bundled, "csv", out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    real_rename = os.rename

    def full(*args: Any) -> bool:
        raise OSError(28, "No space left on device")

    def no_exchange(*args: Any) -> bool:
        return False

    def flaky(src: Any, dst: Any) -> None:  # the new folder cannot take the old one's place
        if str(src).endswith(".tmp") and str(dst) == str(out):
            raise OSError(28, "No space left on device")
        real_rename(src, dst)

    if swap == "exchange":
        monkeypatch.setattr(relgraph.atomic, "_exchange", full)
    else:
        monkeypatch.setattr(relgraph.atomic, "_exchange", no_exchange)
        monkeypatch.setattr(os, "rename", flaky)
    with pytest.raises(ExportError) as exc:
        export(bundled, "csv", out, layout="gephi")
    monkeypatch.undo()
    assert str(exc.value) == "cannot move the export into place: No space left on device"
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # the old folder, as it was
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".")]


def test_an_export_into_a_missing_folder_is_a_usage_error(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    with pytest.raises(relgraph.UsageError) as exc:
        export(bundled, "json", tmp_path / "nope" / "g.json")
    assert str(exc.value) == (
        f"cannot write '{tmp_path / 'nope' / 'g.json'}': the folder '{tmp_path / 'nope'}' does "
        "not exist\n  hint: create it first, or choose another -o file"
    )


def test_unknown_formats_and_options_are_usage_errors() -> None:
    with pytest.raises(relgraph.UsageError) as exc:
        exporter("graphxml")
    assert str(exc.value) == (
        "'graphxml' is not an export format\n  hint: did you mean 'graphml'? formats are: gexf, "
        "graphml, json, jsonl, csv, cypher, neo4j-admin, ftm"
    )
    with pytest.raises(relgraph.UsageError) as exc:
        exporter("csv", layuot="gephi")
    assert str(exc.value) == (
        "the csv export has no option 'layuot'\n  hint: did you mean 'layout'? its options are: "
        "layout, evidence, texts"
    )
    with pytest.raises(relgraph.UsageError) as exc:
        exporter("csv", layout="excel")
    assert str(exc.value) == (
        "'excel' is not a value of the csv option 'layout'\n  hint: choose one of: kumu, gephi"
    )


def test_a_filter_exports_only_what_it_keeps(bundled: relgraph.Dataset) -> None:
    kept = Filter(statuses=("alleged",), kinds=("state", "group"))
    data = json.loads(export_bytes(bundled, "json", filter=kept))
    assert {link["status"] for link in data["edges"]} == {"alleged"}
    assert {n["kind"] for n in data["nodes"]} == {"state", "group"}
    assert len(data["edges"]) == len(kept.apply(bundled).relations) > 0


def test_exporting_does_not_change_the_dataset(tricky: relgraph.Dataset) -> None:
    before = dataclasses.replace(tricky)
    for fmt, cls in FORMATS.items():
        if not cls.folder:
            export_bytes(tricky, fmt)
    assert_same_dataset(before, tricky)


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------
def test_cli_export_writes_single_file_formats_to_stdout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "export", "--to", "jsonl")
    assert code == 0
    first = json.loads(out.split("\n")[0])
    assert first["record"] == "dataset"
    assert first["id"] == "cuba_iran"


def test_cli_export_writes_files_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "csv"
    code, _, err = run(capsys, "export", "--to", "csv", "-o", str(out))
    assert code == 0
    assert err.splitlines()[0] == (
        f"relgraph: wrote 20 entities, 31 relations, 33 evidence items to {out} (6 files)"
    )
    assert f"relgraph import csv {out / 'entities.csv'} {out / 'relations.csv'}" in err
    assert sorted(p.name for p in out.iterdir()) == [
        "claims.csv",
        "entities.csv",
        "meta.yaml",
        "relations.csv",
        "sources",
        "sources.csv",
    ]


def test_cli_export_jsonl_writes_a_dataset_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cuba_iran.jsonl"
    code, _, err = run(capsys, "export", "--to", "jsonl", "-o", str(out))
    assert code == 0
    assert err == (
        f"relgraph: wrote 20 entities, 31 relations, 33 evidence items to {out} (2 files)\n"
    )
    assert _listing(tmp_path) == ["cuba_iran.jsonl", "sources", "sources/cuba_iran_relations.txt"]
    code, _, _ = run(capsys, "validate", str(out))
    assert code == 0


def test_cli_export_filters_and_reports_the_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "--to", "json", "--status", "alleged", "--until", "2030")
    assert code == 0
    data = json.loads(out)
    assert {link["status"] for link in data["edges"]} == {"alleged"}
    assert err == "relgraph: filter: statuses alleged; to 2030\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--to", "csv"],
            "relgraph: error: the csv export writes several files\n"
            "  hint: give a folder with -o DIR\n",
        ),
        (
            ["--to", "gexf", "--layout", "gephi"],
            "relgraph: error: --layout does not apply to "
            "--to gexf\n  hint: it applies to --to csv\n",
        ),
        (
            ["--to", "graphml", "--no-texts"],
            "relgraph: error: --texts does not apply to --to "
            "graphml\n  hint: it applies to --to json, jsonl, csv, cypher, ftm\n",
        ),
        (
            ["--to", "json", "--kind", "stat"],
            "relgraph: error: 'stat' is not an entity kind\n"
            "  hint: did you mean 'state'? `relgraph vocab` lists them\n",
        ),
    ],
)
def test_cli_export_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "export", *args) == (2, "", message)


def test_cli_export_of_a_broken_dataset_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: {id: x, title: X}\nentities:\n  - {id: a, name: A, kind: stat}\n")
    code, _, err = run(capsys, "export", str(bad), "--to", "gexf", "-o", str(tmp_path / "g.gexf"))
    assert code == 1
    assert err == (
        f"{bad}:3:28: error[unknown-kind] 'stat' is not an entity kind\n"
        "  hint: did you mean 'state'? `relgraph vocab` lists the kinds\n"
        f"relgraph: {bad}: 1 error; nothing was written\n"
    )
    assert not (tmp_path / "g.gexf").exists()
