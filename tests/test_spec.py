"""The format spec: one list of fields the loader, the schema, the records and the README follow."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.export.records import (
    claim_record,
    entity_record,
    evidence_record,
    relation_record,
    source_record,
    view_record,
)
from relgraph.schema import dataset_schema
from relgraph.spec import FIELDS, KINDS, RECORDS, TYPES, field_table

ROOT = Path(__file__).resolve().parents[1]


def test_every_field_has_a_known_type_and_one_line_of_docs() -> None:
    for spec in RECORDS.values():
        assert spec.doc
        for f in spec.fields:
            assert f.type in TYPES, (spec.kind, f.name)
            assert f.doc, (spec.kind, f.name)
            assert "\n" not in f.doc, (spec.kind, f.name)
            assert bool(f.choices) == (f.type in ("choice", "choices")), (spec.kind, f.name)


def test_the_loader_knows_the_fields_of_the_spec() -> None:
    from relgraph.load import rules

    loader = {("evidence" if k == "evidence item" else k): v for k, v in rules.FIELDS.items()}
    assert loader == FIELDS


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_has_the_spec_s_fields_in_its_order_and_its_required_ones(kind: str) -> None:
    definition = dataset_schema()["$defs"][kind]
    assert tuple(definition["properties"]) == RECORDS[kind].names
    assert tuple(definition["required"]) == RECORDS[kind].required
    assert definition["description"] == RECORDS[kind].doc


def test_the_records_carry_every_field_of_the_spec() -> None:
    ds = relgraph.load(ROOT / "graph_data" / "cuba_iran.yaml")
    text = {"text": "text_path"}  # a source record names its stored text by path
    records = {
        "source": (source_record(ds.sources[0]), text),
        "entity": (entity_record(ds.entities[0]), {}),
        "relation": (relation_record(ds, ds.relations[0]), {}),
        "claim": (claim_record(ds.claims[0]), {}),
        "evidence": (evidence_record(ds.relations[0].evidence[0]), {}),
        "view": (view_record(ds.views[0]), {}),
    }
    for kind, (record, renamed) in records.items():
        missing = [n for n in FIELDS[kind] if renamed.get(n, n) not in record]
        assert missing == ([] if kind != "source" else ["review"]), kind


@pytest.mark.parametrize("kind", KINDS)
def test_the_readme_s_field_table_is_the_spec_s(kind: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert field_table(kind) in readme
    section = readme.split("### Every field, by record", 1)[1].split("\n## ", 1)[0]
    tables = re.findall(r"\n\n(\| field \|.*?\n)(?:\n|$)", section, flags=re.S)
    assert tables == [field_table(k) for k in KINDS]


_TEXT = "Iran and Cuba signed an agreement.\n"


def _minimal() -> dict[str, Any]:
    """A dataset with every record kind and only the spec's required fields (and ids)."""
    import hashlib

    evidence = {"quote": "Iran and Cuba signed an agreement", "source": "s"}
    sha = hashlib.sha256(_TEXT.encode()).hexdigest()
    return {
        "dataset": {"id": "d", "title": "D"},
        "source": {"id": "s", "title": "S", "reliability": "F", "text": "s.txt", "sha256": sha},
        "entity": {"id": "iran", "name": "Iran", "kind": "state"},
        "relation": {
            "source": "iran",
            "target": "cuba",
            "type": "agreement",
            "status": "reported",
            "evidence": [evidence],
        },
        "claim": {"entity": "iran", "statement": "signed", "status": "reported", "evidence": []},
        "evidence": evidence,
        "view": {"id": "v", "title": "V"},
    }


def _load(tmp_path: Path, records: dict[str, Any]) -> list[tuple[str, str]]:
    from relgraph.errors import DatasetError
    from relgraph.yamlwriter import Document, Item, emit

    doc = Document()
    doc.dataset = Item(records["dataset"], None)
    doc.sources = [Item(records["source"], None)]
    doc.entities = [Item(records["entity"], None), Item(dict(records["entity"], id="cuba"), None)]
    doc.relations = [Item(records["relation"], None)]
    claim = dict(records["claim"], evidence=[records["evidence"]])
    if "evidence" not in records["claim"]:
        del claim["evidence"]
    doc.claims = [Item(claim, None)]
    doc.views = [Item(records["view"], None)]
    (tmp_path / "s.txt").write_text(_TEXT, encoding="utf-8")
    (tmp_path / "d.yaml").write_text(emit(doc)[0], encoding="utf-8")
    try:
        relgraph.load(tmp_path / "d.yaml")
    except DatasetError as error:
        return [(d.code, d.message) for d in error.diagnostics]
    return []


def test_a_dataset_with_only_the_required_fields_loads(tmp_path: Path) -> None:
    assert _load(tmp_path, _minimal()) == []


@pytest.mark.parametrize(
    ("kind", "name"),
    [(k, n) for k in KINDS if k != "amount" for n in RECORDS[k].required],
)
def test_the_loader_requires_what_the_spec_requires(tmp_path: Path, kind: str, name: str) -> None:
    records = _minimal()
    del records[kind][name]
    what = "evidence item" if kind == "evidence" else kind
    expected = (
        ("no-evidence", f"this {what} has no evidence")
        if name == "evidence"
        else ("missing-field", f"this {what} has no '{name}'")
    )
    assert expected in _load(tmp_path, records)


#: The spec's fields a graph export does not write as an attribute of that name: the
#: element's own id and ends (a node's id, an edge's source and target), what GEXF
#: writes as the label or as relation_type, and the review marks, which travel in JSON,
#: JSON Lines and CSV only. A field added to the spec fails here until each graph
#: export carries it, or this list says why not.
GRAPH_LEFT_OUT = {
    ("graphml", "entity"): {"id", "review"},
    ("graphml", "relation"): {"id", "source", "target", "review"},
    ("gexf", "entity"): {"id", "name", "review"},
    ("gexf", "relation"): {"id", "source", "target", "type", "review"},
}


def test_the_graph_exports_carry_the_spec_s_fields(tmp_path: Path) -> None:
    from test_export import make_tricky

    from relgraph.export.gexf import gexf_tree
    from relgraph.export.graphml import graphml_graph

    carried: dict[tuple[str, str], set[str]] = {key: set() for key in GRAPH_LEFT_OUT}
    for ds in (
        relgraph.load(make_tricky(tmp_path)),
        relgraph.load(ROOT / "graph_data" / "cuba_iran_havana.yaml"),
    ):
        g = graphml_graph(ds)  # values a dataset leaves empty are left out: two datasets
        for _, data in g.nodes(data=True):
            carried["graphml", "entity"] |= set(data)
        for *_, data in g.edges(data=True, keys=True):
            carried["graphml", "relation"] |= set(data)
        for element in gexf_tree(ds).iter():
            if element.tag.endswith("attributes"):
                kind = {"node": "entity", "edge": "relation"}[str(element.get("class"))]
                carried["gexf", kind] |= {str(a.get("title")) for a in element}
    for (fmt, kind), left_out in GRAPH_LEFT_OUT.items():
        assert {f for f in FIELDS[kind] if f not in carried[fmt, kind]} == left_out, fmt


#: The spec's fields the Cypher script and the neo4j-admin CSVs do not write as a property
#: of that name: the review marks, which travel in JSON, JSON Lines and CSV only; a
#: source's ``text``, its path, written as ``text_path`` (``text`` is the stored text, with
#: ``--texts``); an evidence item's ``amount``, written as ``amounts``; and the evidence,
#: which is nodes of its own. The Cypher statement names an element's id and ends, so they
#: count as carried. A field added to the spec fails here until both carry it.
GRAPH_DB_LEFT_OUT = {
    "source": {"text", "review"},
    "entity": {"review"},
    "relation": {"evidence", "review"},
    "claim": {"evidence", "review"},
    "evidence": {"amount"},
}
#: Which statement of the Cypher script writes each kind.
_CYPHER_KIND = {
    "MERGE (n:Source ": "source",
    "MERGE (n:Entity ": "entity",
    "MERGE (c:Claim ": "claim",
    "MERGE (e:Evidence ": "evidence",
    "-[r:": "relation",
}
#: Which neo4j-admin file holds each kind, and what its id and end columns hold (a claim's
#: entity is the end of its ABOUT relationship).
_RELATION_ENDS = {":START_ID(Entity)": "source", ":END_ID(Entity)": "target"}
_ADMIN_FILE: dict[str, tuple[str, dict[str, str]]] = {
    "sources.csv": ("source", {}),
    "entities.csv": ("entity", {}),
    "claims.csv": ("claim", {}),
    "about.csv": ("claim", {":END_ID(Entity)": "entity"}),
    "evidence.csv": ("evidence", {}),
    "relations.csv": ("relation", _RELATION_ENDS),
}
_CYPHER_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_CYPHER_KEY = re.compile(r"[{,]\s*([a-z][a-z0-9_]*):")


#: What the small dataset adds to the shared one, so that every optional field has a value.
_EVERY_FIELD = {
    "source: art\n": "source: art\n        stance: qualifies\n"
    "        amount: {value: 3, unit: ship}\n        date: 2006-01\n"
    "        reported: 2006-02\n        origin: hamas\n",
    "    sha256: {sha}\n": "    sha256: {sha}\n    retrieved: 2024-01-01\n  - id: copy\n"
    "    title: A copy\n    reliability: F\n    text: sources/art.txt\n    sha256: {sha}\n"
    "    derived_from: art\n",
    "    kind: group\n": "    kind: group\n    review: proposed\n",
    "    status: reported\n": "    status: reported\n    review: proposed\n",
    "  - source: iran\n": "  - id: pact\n    source: iran\n",
}
_EVERY_FIELD_CLAIMS = (
    "claims:\n  - id: spies\n    entity: cuba\n    statement: gives Hamas intelligence\n"
    "    status: alleged\n    date: 2006\n    referents: [old-spies]\n    review: proposed\n"
    "    evidence:\n"
    "      - quote: The data alleges that Cuba provides intelligence to Hamas.\n"
    "        source: art\n"
    "views:\n  - id: step\n    title: A step\n    caption: What it shows\n"
    "    actors: [cuba]\n    relations: [pact]\n    hide_kinds: [person]\n"
    "    hide_categories: [military_security]\n    hide_statuses: [denied]\n"
    "    from: 2005\n    to: 2007\n"
)


def _graph_db_datasets(tmp_path: Path, make_dataset: Any) -> list[relgraph.Dataset]:
    """The tricky dataset, the merged bundled one, and a small one with every optional field."""
    from test_export import make_tricky

    from support import BASE_YAML

    every = BASE_YAML
    for old, new in _EVERY_FIELD.items():
        every = every.replace(old, new, 1)
    every += _EVERY_FIELD_CLAIMS
    return [
        relgraph.load(make_tricky(tmp_path / "tricky")),
        relgraph.load(ROOT / "graph_data" / "cuba_iran_havana.yaml"),
        relgraph.load(make_dataset(every)),
    ]


def test_the_cypher_and_neo4j_admin_exports_carry_the_spec_s_fields(
    tmp_path: Path, make_dataset: Any
) -> None:
    from relgraph.export import export_bytes
    from relgraph.export.common import MemoryOutput
    from relgraph.export.neo4j_admin import Neo4jAdminExporter

    cypher: dict[str, set[str]] = {kind: set() for kind in GRAPH_DB_LEFT_OUT}
    admin: dict[str, set[str]] = {kind: set() for kind in GRAPH_DB_LEFT_OUT}
    for ds in _graph_db_datasets(tmp_path, make_dataset):
        for statement in export_bytes(ds, "cypher").decode("utf-8").split(";\n\n"):
            kinds = [kind for mark, kind in _CYPHER_KIND.items() if mark in statement]
            if kinds:
                (kind,) = kinds
                cypher[kind] |= set(_CYPHER_KEY.findall(_CYPHER_STRING.sub('""', statement)))
        out = MemoryOutput()
        Neo4jAdminExporter().write(ds, out)
        for name, data in out.files().items():
            if name in _ADMIN_FILE:
                kind, ends = _ADMIN_FILE[name]
                header = data.decode("utf-8").splitlines()[0].split(",")
                admin[kind] |= {ends.get(column, column.split(":")[0]) for column in header}
    for kind, left_out in GRAPH_DB_LEFT_OUT.items():
        assert {f for f in FIELDS[kind] if f not in cypher[kind]} == left_out, ("cypher", kind)
        assert {f for f in FIELDS[kind] if f not in admin[kind]} == left_out, ("admin", kind)


#: The spec's fields the page's data does not hold under that name: a source's stored
#: text (its path) and checksum, which the page has no use for; an evidence item's
#: ``amount``, held as ``amounts`` (each with its ``text``); the review marks of sources
#: (the page marks proposed records, and a source's mark is not kept by the model). The
#: page's edges name their ends ``from`` and ``to``, as vis-network does, and a source is
#: keyed by its id.
#: A field added to the spec fails here until the page carries it, or this says why not.
PAGE_LEFT_OUT = {
    "dataset": set(),
    "source": {"text", "sha256", "review"},
    "entity": set(),
    "relation": set(),
    "claim": set(),
    "evidence": {"amount"},
    "view": set(),
}


def test_the_page_data_carries_the_spec_s_fields(tmp_path: Path, make_dataset: Any) -> None:
    from relgraph.rendering import page_data

    carried: dict[str, set[str]] = {kind: set() for kind in PAGE_LEFT_OUT}
    for ds in _graph_db_datasets(tmp_path, make_dataset):
        data = page_data(ds)
        carried["dataset"] |= set(data["dataset"])
        for source in data["sources"].values():
            carried["source"] |= {"id", *source}
        carried["entity"] |= {k for node in data["nodes"] for k in node}
        ends = {"from": "source", "to": "target"}
        carried["relation"] |= {ends.get(k, k) for edge in data["edges"] for k in edge}
        carried["claim"] |= {k for claim in data["claims"] for k in claim}
        for item in [*data["edges"], *data["claims"]]:
            carried["evidence"] |= {k for e in item["evidence"] for k in e}
        carried["view"] |= {k for view in data["views"] for k in view}
    for kind, left_out in PAGE_LEFT_OUT.items():
        assert {f for f in FIELDS[kind] if f not in carried[kind]} == left_out, kind


#: The spec's fields the FtM export does not write: a source's checksum (FollowTheMoney's
#: ``Document`` has no property for it), a relation's own sign (its type's label says what
#: it is), a claim's id (a claim is a line of its entity's notes), and the review marks.
FTM_LEFT_OUT = {
    "source": {"sha256", "review"},
    "entity": {"review"},
    "relation": {"sign", "review"},
    "claim": {"id", "review"},
    "evidence": set(),
}


def test_the_ftm_export_names_where_each_spec_field_goes(tmp_path: Path, make_dataset: Any) -> None:
    import json

    from relgraph.export.ftm import EDGE_SCHEMATA, FTM_FIELDS, ftm_lines

    for kind, left_out in FTM_LEFT_OUT.items():
        assert set(FIELDS[kind]) - set(FTM_FIELDS[kind]) == left_out, kind
        assert set(FTM_FIELDS[kind]) <= set(FIELDS[kind]), kind
    # and the properties named are written
    written: dict[str, set[str]] = {"source": set(), "entity": set(), "relation": set()}
    for ds in _graph_db_datasets(tmp_path, make_dataset):
        for line in ftm_lines(ds):
            entity = json.loads(line)
            schema = entity["schema"]
            keys = {*entity, *entity["properties"]}
            if schema == "Document":
                written["source"] |= keys
            elif schema in EDGE_SCHEMATA and "recordId" in keys:
                source, _, target, _ = EDGE_SCHEMATA[schema]
                ends = {source: "subject", target: "object", "relationship": "role"}
                written["relation"] |= {ends.get(k, k) for k in keys}
            elif schema not in EDGE_SCHEMATA:
                written["entity"] |= keys
    written["claim"] = written["evidence"] = written["entity"] | written["relation"]
    for kind, where in FTM_FIELDS.items():
        assert set(where.values()) <= written[kind], kind
