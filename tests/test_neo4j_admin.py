"""The ``neo4j-admin`` export, read by the rules of ``neo4j-admin database import``.

Neo4j itself cannot be installed from the registries these tests use, so the files are read
the way its documentation says the loader reads them: a header of ``name:type`` fields with
``:ID(group)``, ``:START_ID(group)``, ``:END_ID(group)``, ``:LABEL`` and ``:TYPE``; an
empty field stores nothing; array items and labels split on ``--array-delimiter``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from test_export import make_tricky

import relgraph
from relgraph.export import export
from relgraph.export.neo4j_admin import ARRAY_DELIMITER, command
from support import run

TYPES = {"int", "long", "boolean", "string", "float", "double", "date"}


def read_folder(folder: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Nodes by (group, id) and relationships, as the loader would make them."""
    nodes: dict[str, dict[str, Any]] = {}
    rels: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            for row in reader:
                assert len(row) == len(header), path.name
                item: dict[str, Any] = {"props": {}}
                for field, cell in zip(header, row, strict=True):
                    name, _, kind = field.partition(":")
                    kind, _, group = kind.partition("(")
                    if kind in ("ID", "START_ID", "END_ID"):
                        item[kind] = (group.rstrip(")"), cell)
                        if name:
                            item["props"][name] = cell
                    elif kind == "LABEL":
                        item["labels"] = cell.split(ARRAY_DELIMITER)
                    elif kind == "TYPE":
                        item["type"] = cell
                    elif cell == "":
                        continue  # stores nothing
                    elif kind.endswith("[]"):
                        assert kind[:-2] in TYPES, field
                        item["props"][name] = cell.split(ARRAY_DELIMITER)
                    elif kind in ("int", "long"):
                        item["props"][name] = int(cell)
                    elif kind == "boolean":
                        assert cell in ("true", "false")
                        item["props"][name] = cell == "true"
                    else:
                        assert kind in ("", "string"), field
                        item["props"][name] = cell
                if "ID" in item:
                    key = f"{item['ID'][0]}/{item['ID'][1]}"
                    assert key not in nodes, f"{key} twice"
                    nodes[key] = item
                else:
                    rels.append(item)
    return nodes, rels


@pytest.fixture
def tricky(tmp_path: Path) -> relgraph.Dataset:
    return relgraph.load(make_tricky(tmp_path))


@pytest.mark.parametrize("name", ["bundled", "tricky"])
def test_neo4j_admin_files_make_the_graph_of_the_dataset(
    name: str, bundled: relgraph.Dataset, tricky: relgraph.Dataset, tmp_path: Path
) -> None:
    ds = bundled if name == "bundled" else tricky
    export(ds, "neo4j-admin", tmp_path / "out")
    nodes, rels = read_folder(tmp_path / "out")
    entities = {k.split("/", 1)[1]: n for k, n in nodes.items() if k.startswith("Entity/")}
    assert {i: n["props"]["name"] for i, n in entities.items()} == {
        e.id: e.name for e in ds.entities
    }
    for e in ds.entities:
        assert entities[e.id]["labels"][0] == "Entity"
        assert entities[e.id]["props"].get("aliases", []) == list(e.aliases)
    for rel in rels:  # every end is a node of the group its header names
        for end in ("START_ID", "END_ID"):
            group, ident = rel[end]
            assert f"{group}/{ident}" in nodes, rel
    relations = [r for r in rels if r["START_ID"][0] == "Entity"]
    assert sorted((r["props"]["id"], r["START_ID"][1], r["END_ID"][1]) for r in relations) == (
        sorted((r.id, r.source, r.target) for r in ds.relations)
    )
    by_id = {r.id: r for r in ds.relations}
    for r in relations:
        relation = by_id[r["props"]["id"]]
        assert r["props"]["evidence_quotes"] == [e.quote for e in relation.evidence]
        grades = [e.credibility for e in relation.evidence if e.credibility is not None]
        assert r["props"].get("credibility") == (min(grades) if grades else None)
    evidence = [n for k, n in nodes.items() if k.startswith("Evidence/")]
    assert len(evidence) == sum(len(r.evidence) for r in ds.relations) + sum(
        len(c.evidence) for c in ds.claims
    )
    ungraded = [n for n in evidence if "credibility" not in n["props"]]
    assert len(ungraded) == sum(
        1 for o in (*ds.relations, *ds.claims) for e in o.evidence if e.credibility is None
    )
    assert {r["type"] for r in rels if r["START_ID"][0] == "Evidence"} == {"CITES"}


def test_neo4j_admin_keeps_texts_with_commas_quotes_and_line_breaks(
    tricky: relgraph.Dataset, tmp_path: Path
) -> None:
    export(tricky, "neo4j-admin", tmp_path / "out")
    nodes, _ = read_folder(tmp_path / "out")
    quotes = {
        n["props"]["id"]: n["props"]["quote"] for k, n in nodes.items() if k.startswith("Evidence/")
    }
    assert quotes == {
        f"{o.id}#{i}": e.quote
        for o in (*tricky.relations, *tricky.claims)
        for i, e in enumerate(o.evidence)
    }


def test_the_cli_writes_the_folder_and_prints_the_loading_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "neo"
    code, _, err = run(capsys, "export", "--to", "neo4j-admin", "-o", str(out))
    assert code == 0
    assert f"to load it into a new Neo4j database: {command(str(out))}" in err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            "dataset.csv",
            "sources.csv",
            "entities.csv",
            "claims.csv",
            "evidence.csv",
            "relations.csv",
            "about.csv",
            "cites.csv",
        ]
    )
    code, _, err = run(capsys, "export", "--to", "neo4j-admin")
    assert code == 2
    assert "hint: give a folder with -o DIR" in err
