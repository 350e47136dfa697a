"""Review marks travel: a record still proposed stays proposed through exports and imports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import relgraph
from relgraph.export import export
from relgraph.imports import import_csv, import_json
from support import SOURCE_TEXT, sha256_of

DATA = """\
dataset: {{id: marks, title: Marks}}
sources:
  - {{id: art, title: An article, reliability: F, text: sources/art.txt, sha256: {sha}}}
entities:
  - {{id: iran, name: Iran, kind: state}}
  - {{id: cuba, name: Cuba, kind: state, review: accepted}}
  - {{id: hamas, name: Hamas, kind: group, review: proposed}}
relations:
  - id: accords
    source: iran
    target: cuba
    type: agreement
    status: reported
    review: accepted
    evidence:
      - {{quote: "Iran and Cuba signed an agreement", source: art}}
  - id: intelligence
    source: cuba
    target: hamas
    type: intelligence_sharing
    status: alleged
    review: proposed
    evidence:
      - {{quote: "Cuba provides intelligence to Hamas", source: art}}
claims:
  - id: firm
    entity: cuba
    statement: calls the ties firm and progressive
    status: reported
    review: proposed
    evidence:
      - {{quote: "firm and progressive", source: art}}
"""

MARKS = {
    "entities": {"iran": None, "cuba": "accepted", "hamas": "proposed"},
    "relations": {"accords": "accepted", "intelligence": "proposed"},
    "claims": {"firm": "proposed"},
}


def _marks(ds: relgraph.Dataset) -> dict[str, dict[str, str | None]]:
    return {
        "entities": {e.id: e.review for e in ds.entities},
        "relations": {r.id: r.review for r in ds.relations},
        "claims": {c.id: c.review for c in ds.claims},
    }


@pytest.fixture
def marked(tmp_path: Path) -> relgraph.Dataset:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "marks.yaml"
    path.write_text(DATA.format(sha=sha256_of(SOURCE_TEXT)), encoding="utf-8")
    ds = relgraph.load(path)
    assert [(w.code, w.line) for w in ds.warnings if w.code == "proposed"] == [
        ("proposed", 7),
        ("proposed", 22),
        ("proposed", 30),
    ]
    return ds


def test_the_loaded_dataset_keeps_each_records_mark(marked: relgraph.Dataset) -> None:
    assert _marks(marked) == MARKS


def test_json_and_json_lines_carry_the_marks_and_read_them_back(
    marked: relgraph.Dataset, tmp_path: Path
) -> None:
    export(marked, "json", tmp_path / "g.json")
    graph = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {n["id"]: n.get("review") for n in graph["nodes"]} == MARKS["entities"]
    assert {e["id"]: e.get("review") for e in graph["edges"]} == MARKS["relations"]
    for sub in ("from-json", "lines", "from-jsonl", "back"):
        (tmp_path / sub).mkdir()
    assert _marks(import_json(tmp_path / "g.json", tmp_path / "from-json" / "d.yaml")) == MARKS
    export(marked, "jsonl", tmp_path / "lines" / "d.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "lines" / "d.jsonl").read_text().splitlines()]
    assert [x.get("review") for x in lines if x["record"] == "relation"] == [
        "accepted",
        "proposed",
    ]
    assert _marks(relgraph.load(tmp_path / "lines" / "d.jsonl")) == MARKS
    back = import_json(tmp_path / "lines" / "d.jsonl", tmp_path / "from-jsonl" / "d.yaml")
    assert _marks(back) == MARKS


def test_csv_has_a_review_column_and_reads_it_back(
    marked: relgraph.Dataset, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    export(marked, "csv", out)
    (tmp_path / "back").mkdir()

    def column(name: str) -> dict[str, str]:
        with open(out / name, encoding="utf-8", newline="") as fh:
            sample = fh.read()
        rows = list(csv.DictReader(sample.splitlines(), dialect=csv.Sniffer().sniff(sample)))
        return {r["ID"]: r["Review"] for r in rows}

    assert column("entities.csv") == {"iran": "", "cuba": "accepted", "hamas": "proposed"}
    assert column("relations.csv") == {"accords": "accepted", "intelligence": "proposed"}
    assert column("claims.csv") == {"firm": "proposed"}
    back = import_csv(
        out / "entities.csv",
        out / "relations.csv",
        tmp_path / "back" / "d.yaml",
        sources=out / "sources.csv",
        claims=out / "claims.csv",
        meta=out / "meta.yaml",
    )
    assert _marks(back) == MARKS
