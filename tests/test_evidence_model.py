"""The evidence model's fields: where a source comes from, stance, amounts, report dates, modality.

They load the same from YAML and JSON Lines (the JSON Lines fast path included), and
bad input gets every problem at once, located, with a hint. The exact message of
each rule is pinned in ``test_validation_corpus.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph import convert as conversion
from relgraph.load import fast, jsonl
from relgraph.model import Amount, PartialDate
from support import SOURCE_TEXT, run, sha256_of

QUOTE = "Iran and Cuba signed an agreement in Havana in January 2006."
FIRM = "the ties were \u201cfirm and progressive\u201d"


def _source(ident: str, **more: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "title": f"Report {ident}",
        "reliability": "C",
        "text": "sources/art.txt",
        "sha256": sha256_of(SOURCE_TEXT),
        **more,
    }


def records() -> list[dict[str, Any]]:
    """A dataset using every new field, as records."""
    return [
        {"record": "dataset", "id": "wire", "title": "One wire story"},
        {"record": "source", **_source("wire", origin="agencia-efe", published="2023-06-16")},
        {"record": "source", **_source("copy-es", derived_from="wire", retrieved="2023-07")},
        {"record": "source", **_source("copy-fr", derived_from=["copy-es"])},
        {"record": "source", **_source("granma", affiliation="cuba", origin="Cuban state TV")},
        {"record": "entity", "id": "iran", "name": "Iran", "kind": "state"},
        {"record": "entity", "id": "cuba", "name": "Cuba", "kind": "state"},
        {"record": "entity", "id": "agencia-efe", "name": "Agencia EFE", "kind": "media"},
        {
            "record": "relation",
            "id": "accords",
            "source": "iran",
            "target": "cuba",
            "type": "agreement",
            "date": "2023-06",
            "reported": "2023-06-16",
            "modality": "occurred",
            "status": "reported",
            "evidence": [
                {
                    "quote": QUOTE,
                    "source": "copy-es",
                    "stance": "supports",
                    "amount": {"value": 19, "unit": "agreement", "note": "documents and MoUs"},
                    "date": "2023-06-15",
                    "reported": "2023-06-17",
                    "origin": "agencia-efe",
                },
                {
                    "quote": FIRM,
                    "source": "granma",
                    "stance": "qualifies",
                    "amount": [
                        {"min": 20, "unit": "agreements"},
                        {"approx": 2.5, "currency": "USD"},
                    ],
                },
            ],
        },
        {
            "record": "claim",
            "entity": "cuba",
            "statement": "Cuba will host a visit",
            "status": "reported",
            "modality": "announced",
            "reported": "2023-06",
            "evidence": [{"quote": QUOTE, "source": "wire", "stance": "contradicts"}],
        },
    ]


def as_yaml(recs: list[dict[str, Any]]) -> str:
    sections: dict[str, Any] = {}
    for r in recs:
        r = dict(r)
        kind = r.pop("record")
        if kind == "dataset":
            sections["dataset"] = r
        else:
            sections.setdefault(jsonl._SECTION[kind], []).append(r)
    return json.dumps(sections, ensure_ascii=False, indent=1)  # JSON is YAML


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return tmp_path


def write_jsonl(folder: Path, recs: list[dict[str, Any]], name: str = "data.jsonl") -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    return path


def test_the_new_fields_load_from_yaml(folder: Path) -> None:
    path = folder / "data.yaml"
    path.write_text(as_yaml(records()), encoding="utf-8")
    ds = relgraph.load(path)
    # 19 agreements against "at least 20": the only thing validate has to say
    assert [d.code for d in relgraph.validate(path)] == ["conflict"]
    wire, es, fr, granma = ds.sources
    assert (wire.origin, wire.origin_entity, wire.derived_from) == (
        "agencia-efe",
        "agencia-efe",
        (),
    )
    assert (es.derived_from, fr.derived_from) == (("wire",), ("copy-es",))
    assert (granma.origin, granma.origin_entity, granma.affiliation) == (
        "Cuban state TV",
        None,
        ("cuba",),
    )
    (r,) = ds.relations
    assert (r.reported, r.modality, r.date) == (
        PartialDate(2023, 6, 16),
        "occurred",
        PartialDate(2023, 6),
    )
    first, second = r.evidence
    assert first.stance == "supports"
    assert first.amounts == (Amount(value=19, unit="agreement", note="documents and MoUs"),)
    assert (first.date, first.reported, first.origin) == (
        PartialDate(2023, 6, 15),
        PartialDate(2023, 6, 17),
        "agencia-efe",
    )
    assert second.stance == "qualifies"
    assert second.amounts == (
        Amount(min=20, unit="agreements"),
        Amount(approx=2.5, currency="USD"),
    )
    (c,) = ds.claims
    assert (c.modality, c.reported, c.evidence[0].stance) == (
        "announced",
        PartialDate(2023, 6),
        "contradicts",
    )


def test_defaults_say_supports_occurred_and_reported_when_published(folder: Path) -> None:
    recs = records()
    recs[-2]["evidence"] = [{"quote": QUOTE, "source": "wire"}]
    del recs[-2]["modality"], recs[-2]["reported"]
    ds = relgraph.load(write_jsonl(folder, recs))
    (r,) = ds.relations
    (e,) = r.evidence
    assert (e.stance, e.amounts, e.date, e.reported, e.origin) == ("supports", (), None, None, None)
    assert (r.modality, r.reported) == ("occurred", None)
    assert e.reported_on(ds.source("wire")) == PartialDate(2023, 6, 16)


def test_json_lines_load_the_same_objects_through_the_fast_path(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_path = folder / "data.yaml"
    yaml_path.write_text(as_yaml(records()), encoding="utf-8")
    y = relgraph.load(yaml_path)
    slow: list[str] = []
    monkeypatch.setattr(fast._BulkLoader, "relation", lambda *a: slow.append("relation"))
    monkeypatch.setattr(fast._BulkLoader, "claim", lambda *a: slow.append("claim"))
    j = relgraph.load(write_jsonl(folder, records()))
    assert slow == []
    assert (j.sources, j.relations, j.claims) == (y.sources, y.relations, y.claims)


BAD = """\
dataset: {id: bad, title: Bad}
sources:
  - id: a
    title: A
    reliability: F
    text: sources/art.txt
    sha256: {sha}
    retrieved: 2023-06
    derived_from: [b, missing]
    origin: agencia-efe
    affiliation: [cubaa]
  - id: b
    title: B
    reliability: F
    text: sources/art.txt
    sha256: {sha}
    derived_from: a
entities:
  - {id: iran, name: Iran, kind: state}
  - {id: cuba, name: Cuba, kind: state}
relations:
  - source: iran
    target: cuba
    type: agreement
    status: reported
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: a
        stance: denies
        amount: {value: nineteen, unit: agreement}
        reported: 2023-07-02
"""

BAD_EXPECTED = """\
{path}:9:20: error[derivation-cycle] the sources are derived from one another in a cycle: 'a' → 'b' → 'a'
  hint: derived_from names the stored sources a source copies, translates or rewrites; one of them must be the original
{path}:9:23: error[unknown-source] 'missing' is not a source of the dataset
  hint: sources are listed under 'sources:'
{path}:10:13: error[unknown-origin] 'agencia-efe' is not an entity of the dataset
  hint: an origin is the id of an entity: add 'agencia-efe' under 'entities:', or write the origin as text, such as 'Cuban foreign ministry statement'
{path}:11:19: error[unknown-affiliation] 'cubaa' is not an entity of the dataset
  hint: did you mean 'cuba'? an affiliation is the id of an entity listed under 'entities:'
{path}:29:17: error[unknown-stance] 'denies' is not a stance
  hint: choose one of: supports, contradicts, qualifies
{path}:30:25: error[bad-amount] the amount's 'value' must be a number, not text ('nineteen')
  hint: write a number: value: 19 (exact), approx: 20 (about), or min:/max: for a range
{path}:31:19: error[reported-after-retrieval] the item is reported on 2023-07-02, after its source 'a' was retrieved (2023-06)
  hint: a source cannot report anything after it was read; check 'reported' and the source's 'retrieved'
relgraph: {path}: 7 errors
"""


def test_every_problem_is_reported_at_once_with_its_place_and_a_hint(
    make_dataset: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_dataset(BAD)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    got = (out + err).replace(str(path), "{path}")
    assert got == BAD_EXPECTED


def test_the_same_problems_are_found_in_json_lines(make_dataset: Any) -> None:
    path = make_dataset(BAD)
    jsonl = path.with_suffix(".jsonl")
    recs = [(kind, data) for kind, data in conversion._yaml_records(str(path), False)]
    recs += [(kind, data) for kind, data in conversion._yaml_records(str(path), True)]
    jsonl.write_text(
        "".join(json.dumps({"record": k, **d}) + "\n" for k, d in recs), encoding="utf-8"
    )
    path.unlink()
    codes = sorted(d.code for d in relgraph.validate(jsonl))
    assert codes == sorted(
        [
            "unknown-source",
            "derivation-cycle",
            "unknown-origin",
            "unknown-affiliation",
            "unknown-stance",
            "bad-amount",
            "reported-after-retrieval",
        ]
    )


def test_the_schema_knows_the_new_fields(folder: Path) -> None:
    import jsonschema

    from relgraph.schema import dataset_schema

    data = json.loads(as_yaml(records()))
    validator = jsonschema.Draft202012Validator(dataset_schema())
    assert list(validator.iter_errors(data)) == []
    bad = json.loads(as_yaml(records()))
    evidence = bad["relations"][0]["evidence"][0]
    evidence["stance"] = "denies"
    evidence["amount"] = {"value": 19, "min": 20, "unit": "agreement"}
    bad["relations"][0]["modality"] = "rumoured"
    bad["sources"][0]["derived_from"] = ["Not An Id"]
    flagged = sorted("/".join(map(str, e.absolute_path)) for e in validator.iter_errors(bad))
    assert flagged == [
        "relations/0/evidence/0/amount",
        "relations/0/evidence/0/stance",
        "relations/0/modality",
        "sources/0/derived_from/0",
    ]
