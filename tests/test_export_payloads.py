"""The script-injection payloads, in every text field, through every export format.

No export may carry a payload anywhere but in a value of its own format, escaped as that
format escapes: XML text for GEXF and GraphML, a neutralised cell for CSV, a string literal
for Cypher, a JSON string for JSON, JSON Lines and FollowTheMoney. The dataset's license and
authors and the evidence items' notes hold payloads too, and come back exactly wherever the
format keeps them as values of their own.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import relgraph
from payloads import PAYLOADS, write_payload_dataset
from relgraph.export import FORMATS, export, export_bytes
from relgraph.export.cypher import cypher_string

TEXTS = [text for _, text in PAYLOADS]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> relgraph.Dataset:
    return relgraph.load(write_payload_dataset(tmp_path_factory.mktemp("payloads")))


def _xml_elements(data: bytes) -> set[str]:
    return {element.tag.split("}", 1)[-1] for element in ET.fromstring(data).iter()}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_exports_hold_every_payload_as_text_and_add_no_element(
    fmt: str, hostile: relgraph.Dataset
) -> None:
    data = export_bytes(hostile, fmt)
    clean = export_bytes(relgraph.load("graph_data/cuba_iran.yaml"), fmt)
    assert _xml_elements(data) <= _xml_elements(clean) | {"spells", "spell"}
    g = nx.read_gexf(io.BytesIO(data)) if fmt == "gexf" else nx.read_graphml(io.BytesIO(data))
    names = {d.get("label", d.get("name")) for _, d in g.nodes(data=True)}
    assert names == {e.name for e in hostile.entities}
    notes = {e.notes for r in hostile.relations for e in r.evidence if e.notes}
    evidence = "\n".join(d["evidence"] for _, _, d in g.edges(data=True))
    assert [n for n in notes if f"notes: {n})" not in evidence] == []
    if fmt == "graphml":
        assert (g.graph["license"], g.graph["authors"]) == (hostile.license, hostile.authors)
    else:
        meta = ET.fromstring(data).find("{*}meta")
        assert meta is not None
        description = meta.findtext("{*}description", "")
        assert description.endswith(f"\nAuthors: {hostile.authors}\nLicense: {hostile.license}")


def test_csv_export_neutralises_every_cell_a_spreadsheet_would_run(
    hostile: relgraph.Dataset, tmp_path: Path
) -> None:
    from relgraph.export import export

    export(hostile, "csv", tmp_path / "sheets")
    cells = 0
    for path in (tmp_path / "sheets").glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                cells += 1
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    assert cells > len(TEXTS)


def test_csv_export_gives_back_license_authors_and_evidence_notes_exactly(
    hostile: relgraph.Dataset, tmp_path: Path
) -> None:
    from relgraph.export import export
    from relgraph.imports import import_csv

    sheets = tmp_path / "sheets"
    export(hostile, "csv", sheets)
    (tmp_path / "back").mkdir()
    back = import_csv(
        sheets / "entities.csv",
        sheets / "relations.csv",
        tmp_path / "back" / "payloads.yaml",
        sources=sheets / "sources.csv",
        claims=sheets / "claims.csv",
        meta=sheets / "meta.yaml",
    )
    assert (back.license, back.authors) == (hostile.license, hostile.authors)
    assert back.relations == hostile.relations  # every evidence item's notes among them
    assert back.claims == hostile.claims


def test_cypher_export_keeps_every_payload_inside_a_string_literal(
    hostile: relgraph.Dataset,
) -> None:
    script = export_bytes(hostile, "cypher").decode("utf-8")
    outside = re.sub(r'"(?:\\.|[^"\\])*"', '""', script)
    outside = re.sub(r"'(?:\\.|[^'\\])*'", "''", outside)
    assert "pwned" not in outside
    assert "alert" not in outside
    assert "<" not in outside
    literals = re.findall(r'"(?:\\.|[^"\\])*"', script)
    assert cypher_string(hostile.license or "") in literals
    assert cypher_string(hostile.authors or "") in literals
    notes = {e.notes for c in hostile.claims for e in c.evidence if e.notes}
    assert {n for n in notes if cypher_string(n) not in literals} == set()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "ftm"])
def test_json_exports_carry_every_payload_exactly_as_a_string(
    fmt: str, hostile: relgraph.Dataset
) -> None:
    data = export_bytes(hostile, fmt).decode("utf-8")
    lines = [data] if fmt == "json" else data.splitlines()
    strings: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for line in lines:
        walk(json.loads(line))
    missing = [t for t in TEXTS if not any(t in s for s in strings)]
    assert missing == []
    notes = {e.notes for r in hostile.relations for e in r.evidence if e.notes}
    if fmt == "ftm":  # inside each evidence item's line of the relation's description
        assert [n for n in notes if not any(f"notes: {n})" in s for s in strings)] == []
    else:
        assert hostile.license in strings
        assert hostile.authors in strings
        assert notes <= strings


def test_every_export_format_is_checked_with_the_payloads() -> None:
    assert set(FORMATS) == {
        "gexf",
        "graphml",
        "csv",
        "cypher",
        "neo4j-admin",
        "json",
        "jsonl",
        "ftm",
    }


def test_neo4j_admin_export_carries_every_payload_exactly(
    hostile: relgraph.Dataset, tmp_path: Path
) -> None:
    export(hostile, "neo4j-admin", tmp_path / "out")
    cells: set[str] = set()
    for path in (tmp_path / "out").glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    cells.update(cell.split("\x1f"))
    assert [t for t in TEXTS if not any(t in c for c in cells)] == []
    assert hostile.license in cells
    assert hostile.authors in cells
