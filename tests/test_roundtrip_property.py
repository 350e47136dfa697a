"""Property tests: any valid dataset survives export and import unchanged.

Hypothesis builds small valid datasets — names and quotes in many scripts,
partial dates, every status, a license, authors and notes on evidence — and
each must come back equal through the node-link JSON export and ``relgraph
import json``, through the JSON Lines export read straight back by
``relgraph.load``, and through the CSV export and ``relgraph import csv``
(with its ``meta.yaml``). Bounded and derandomised, so CI runs the same
examples each time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relgraph
from relgraph.export import export
from relgraph.imports import import_csv, import_json

ROUND_TRIP = settings(
    max_examples=int(os.environ.get("RELGRAPH_ROUNDTRIP_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# letters, digits, punctuation, symbols (emoji among them) and plain spaces, in every script
_TEXT = st.characters(categories=["L", "N", "P", "S"], exclude_characters="\x85")
_NAME = st.text(_TEXT, min_size=1, max_size=12).map(str.strip).filter(bool)
_WORDS = st.lists(st.text(_TEXT, min_size=1, max_size=8), min_size=2, max_size=6).map(" ".join)
_DATE = st.one_of(
    st.none(),
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)
_ANY_ENDS = ["praise", "criticism", "hostility", "discussed"]
_AMOUNT = st.one_of(
    st.builds(lambda v, u: {"value": v, "unit": u}, st.integers(0, 500), _NAME),
    st.builds(lambda v: {"min": v, "currency": "USD", "note": "over"}, st.integers(0, 500)),
    st.builds(lambda v, u: {"approx": v, "unit": u}, st.integers(1, 50), _NAME),
)
_EVIDENCE_EXTRAS = st.fixed_dictionaries(
    {},
    optional={
        "stance": st.sampled_from(["supports", "contradicts", "qualifies"]),
        "amount": st.lists(_AMOUNT, min_size=1, max_size=2),
        "date": _DATE.filter(bool),
        "reported": _DATE.filter(bool),
        "origin": st.sampled_from(["src", "Cuban foreign ministry statement"]),
    },
)


@st.composite
def datasets(draw: Any) -> tuple[dict[str, Any], str]:
    sentences = draw(st.lists(_WORDS, min_size=1, max_size=4, unique=True))
    text = "\n".join(s + "." for s in sentences) + "\n"
    kinds = list(relgraph.builtin_vocabulary().entity_kinds)
    n = draw(st.integers(2, 5))
    entities = [
        {
            "id": f"e{i}",
            "name": draw(_NAME),
            "kind": draw(st.sampled_from(kinds)),
            "aliases": draw(st.lists(_NAME, max_size=2)),
        }
        for i in range(n)
    ]
    relations = []
    for i in range(draw(st.integers(1, 6))):
        a, b = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
        relation: dict[str, Any] = {
            "source": f"e{a}",
            "target": f"e{b}",
            "type": draw(st.sampled_from(_ANY_ENDS)),
            "status": draw(st.sampled_from(["reported", "alleged", "disputed", "denied"])),
            "evidence": [
                {
                    "quote": draw(st.sampled_from(sentences)),
                    "source": draw(st.sampled_from(["src", "copy"])),
                    "notes": draw(st.one_of(st.none(), _WORDS)),
                    **draw(_EVIDENCE_EXTRAS),
                }
            ],
            "modality": draw(st.sampled_from(["occurred", "announced", "planned"])),
        }
        if (date := draw(_DATE)) is not None:
            relation["date"] = date
        if (reported := draw(_DATE)) is not None:
            relation["reported"] = reported
        if i:  # the first keeps the id the loader derives; the others may share ends and type
            relation = {"id": f"r{i}", **relation}
        relations.append(relation)
    claims = [
        {
            "entity": "e0",
            "statement": draw(_WORDS),
            "status": "alleged",
            "evidence": [
                {
                    "quote": sentences[0],
                    "source": "src",
                    "attributed_to": "e1",
                    "notes": draw(st.one_of(st.none(), _WORDS)),
                }
            ],
        }
    ]
    data = {
        "dataset": {
            "id": "generated",
            "title": draw(_NAME),
            "license": draw(st.one_of(st.none(), _NAME)),
            "authors": draw(st.one_of(st.none(), _NAME)),
        },
        "sources": [
            {
                "id": "src",
                "title": draw(_NAME),
                "reliability": draw(st.sampled_from(list("ABCDEF"))),
                "text": "sources/src.txt",
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "affiliation": ["e0"],
            },
            {
                "id": "copy",
                "title": draw(_NAME),
                "reliability": "F",
                "text": "sources/src.txt",
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "derived_from": ["src"],
                "origin": draw(st.sampled_from(["e1", "Cuban foreign ministry statement"])),
            },
        ],
        "entities": entities,
        "relations": relations,
        "claims": claims,
    }
    return data, text


def _write(folder: Path, data: dict[str, Any], text: str) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "src.txt").write_bytes(text.encode("utf-8"))
    path = folder / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _same(a: relgraph.Dataset, b: relgraph.Dataset) -> None:
    assert (a.id, a.title, a.license, a.authors) == (b.id, b.title, b.license, b.authors)
    assert a.sources == b.sources
    assert a.entities == b.entities
    assert a.relations == b.relations
    assert a.claims == b.claims


@ROUND_TRIP
@given(datasets())
def test_any_valid_dataset_survives_json_export_and_import(
    case: tuple[dict[str, Any], str],
) -> None:
    data, text = case
    with tempfile.TemporaryDirectory() as tmp:
        original = relgraph.load(_write(Path(tmp) / "in", data, text))
        out = Path(tmp) / "out"
        out.mkdir()
        export(original, "json", out / "graph.json")
        again = import_json(out / "graph.json", out / "copy.yaml")
        _same(original, again)
        _same(original, relgraph.load(out / "copy.yaml"))


@ROUND_TRIP
@given(datasets())
def test_any_valid_dataset_survives_the_json_lines_export(case: tuple[dict[str, Any], str]) -> None:
    data, text = case
    with tempfile.TemporaryDirectory() as tmp:
        original = relgraph.load(_write(Path(tmp) / "in", data, text))
        out = Path(tmp) / "out"
        out.mkdir()
        export(original, "jsonl", out / "graph.jsonl")
        _same(original, relgraph.load(out / "graph.jsonl"))


@ROUND_TRIP
@given(datasets())
def test_any_valid_dataset_survives_csv_export_and_import(case: tuple[dict[str, Any], str]) -> None:
    data, text = case
    with tempfile.TemporaryDirectory() as tmp:
        original = relgraph.load(_write(Path(tmp) / "in", data, text))
        sheets = Path(tmp) / "sheets"
        export(original, "csv", sheets)
        (Path(tmp) / "back").mkdir()
        again = import_csv(
            sheets / "entities.csv",
            sheets / "relations.csv",
            Path(tmp) / "back" / "data.yaml",
            sources=sheets / "sources.csv",
            claims=sheets / "claims.csv",
            meta=sheets / "meta.yaml",
        )
        _same(original, again)
        _same(original, relgraph.load(Path(tmp) / "back" / "data.yaml"))
