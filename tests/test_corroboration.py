"""Independent origins, corroboration, the confirmed rule, conflicts and ``relgraph evidence``.

Three translations of one wire story count as one origin everywhere: the
confirmed check, ``relgraph evidence`` and the page's data; a party's own media
do not confirm what concerns that party; evidence that cannot all be true is
reported as a conflict with its quotes.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.conflicts import dataset_conflicts
from relgraph.corroboration import corroboration, independent_origins, unconfirmed
from relgraph.rendering import page_data
from support import run

TEXT = (
    "Iran and Cuba signed six accords in Havana on 15 June 2023. "
    "Other reports said eight accords were signed. "
    "Officials denied that the two governments signed any accord. "
    "The president will begin an official visit on Wednesday.\n"
)
SIX = "Iran and Cuba signed six accords in Havana"
EIGHT = "eight accords were signed"
DENIED = "Officials denied that the two governments signed any accord"


def _src(ident: str, extra: str = "") -> str:
    return (
        f"  - id: {ident}\n    title: Report {ident}\n    reliability: C\n"
        f"    text: sources/art.txt\n    sha256: {{sha}}\n{extra}"
    )


def _ev(quote: str, source: str, extra: str = "") -> str:
    return f"      - quote: {quote}\n        source: {source}\n{extra}"


DATASET = (
    "dataset: {id: visit, title: One visit}\nsources:\n"
    + _src("wire", "    origin: news-agency\n    published: 2023-06-16\n")
    + _src("wire-es", "    derived_from: wire\n")
    + _src("wire-fr", "    derived_from: [wire-es]\n")
    + _src("state-tv", "    affiliation: cuba\n")
    + _src("observer")
    + "entities:\n"
    "  - {id: iran, name: Iran, kind: state}\n"
    "  - {id: cuba, name: Cuba, kind: state}\n"
    "  - {id: news-agency, name: The News Agency, kind: media}\n"
    "relations:\n"
    "  - id: copies\n    source: iran\n    target: cuba\n    type: agreement\n"
    "    status: confirmed\n    evidence:\n"
    + _ev(SIX, "wire")
    + _ev(SIX, "wire-es")
    + _ev(SIX, "wire-fr")
    + "  - id: state\n    source: iran\n    target: cuba\n    type: meeting\n"
    "    status: confirmed\n    evidence:\n"
    + _ev(SIX, "wire")
    + _ev(SIX, "state-tv")
    + "  - id: two-origins\n    source: iran\n    target: cuba\n    type: friendly_relations\n"
    "    status: confirmed\n    evidence:\n"
    + _ev(SIX, "wire-fr")
    + _ev(EIGHT, "observer")
    + "  - id: counts\n    source: iran\n    target: cuba\n    type: trade\n"
    "    date: 2023-06\n    status: reported\n    evidence:\n"
    + _ev(SIX, "wire", "        amount: {value: 6, unit: accord}\n        date: 2023-06-15\n")
    + _ev(EIGHT, "observer", "        amount: {value: 8, unit: Accords}\n        date: 2023-07\n")
    + "  - id: denied\n    source: iran\n    target: cuba\n    type: contract\n"
    "    status: reported\n    evidence:\n"
    + _ev(SIX, "wire")
    + _ev(DENIED, "observer", "        stance: contradicts\n")
    + "claims:\n"
    "  - id: visit\n    entity: cuba\n    statement: the president will visit\n"
    "    status: confirmed\n    modality: announced\n    evidence:\n"
    + _ev("The president will begin an official visit on Wednesday", "state-tv")
)


@pytest.fixture
def path(make_dataset: Any) -> Path:
    p: Path = make_dataset(DATASET, TEXT)
    return p


def test_copies_of_one_story_and_a_partys_own_media_are_not_independent(path: Path) -> None:
    ds = relgraph.load(path)
    origins = independent_origins(ds)
    assert [(o.id, o.sources, o.affiliations) for o in origins] == [
        ("news-agency", ("wire", "wire-es", "wire-fr"), ("news-agency",)),
        ("state-tv", ("state-tv",), ("cuba",)),
        ("observer", ("observer",), ()),
    ]
    by_id = {r.id: corroboration(ds, r) for r in ds.relations}
    copies = by_id["copies"]
    assert (copies.quotes, len(copies.sources), copies.origins, copies.independent) == (
        3,
        3,
        ("news-agency",),
        1,
    )
    state = by_id["state"]
    assert (state.origins, state.independent, state.affiliated) == (
        ("news-agency", "state-tv"),
        1,
        True,
    )
    assert by_id["two-origins"].independent == 2
    assert by_id["denied"].origins == ("news-agency",)  # a contradiction corroborates nothing


UNCONFIRMED = """\
{path}:38:5: warning[unconfirmed] relation 'copies' is marked confirmed but has 1 independent origin: 'news-agency' (3 sources: wire, wire-es, wire-fr)
  hint: confirmed needs two independent origins not affiliated with its ends: add evidence from another origin, or mark it reported
{path}:50:5: warning[unconfirmed] relation 'state' is marked confirmed but has 1 independent origin: 'news-agency' (3 sources: wire, wire-es, wire-fr); 'state-tv' is affiliated with 'cuba'
  hint: confirmed needs two independent origins not affiliated with its ends: add evidence from another origin, or mark it reported"""


def test_confirmed_needs_two_independent_origins(path: Path) -> None:
    got = [str(d) for d in relgraph.validate(path) if d.code == "unconfirmed"]
    text = "\n".join(got).replace(str(path), "{path}")
    assert text.startswith(UNCONFIRMED)
    assert len(got) == 3  # and the claim resting on Cuban state media alone
    assert (
        "claim 'visit' is marked confirmed but has 0 independent origins; 'state-tv' is affiliated with 'cuba'"
        in got[2]
    )


def test_the_confirmed_check_warns_exactly_when_fewer_than_two_origins_are_independent(
    path: Path,
) -> None:
    # the check skips counting ties when two origins without affiliations support the item
    seen = set()
    for where in (path, "graph_data/raisi_havana_2023.yaml", "graph_data/cuba_iran_havana.yaml"):
        ds = relgraph.load(where)
        origins = independent_origins(ds)
        for item in [*ds.relations, *ds.claims]:
            marked = dataclasses.replace(item, status="confirmed")
            independent = origins.corroboration(marked).independent
            assert (unconfirmed(origins, marked) is None) == (independent >= 2), item.id
            seen.add(min(independent, 2))
    assert seen == {0, 1, 2}


def test_the_confirmed_rule_is_the_same_in_json_lines(path: Path) -> None:
    from relgraph import convert as conversion

    recs = [*conversion._yaml_records(str(path), False), *conversion._yaml_records(str(path), True)]
    jsonl = path.with_suffix(".jsonl")
    jsonl.write_text("".join(json.dumps({"record": k, **d}) + "\n" for k, d in recs), "utf-8")
    path.unlink()
    messages = [d.message for d in relgraph.validate(jsonl) if d.code == "unconfirmed"]
    assert len(messages) == 3
    assert messages[0].endswith("'news-agency' (3 sources: wire, wire-es, wire-fr)")


def test_strict_validation_fails_on_an_unconfirmed_relation(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "validate", str(path))[0] == 0
    assert run(capsys, "validate", "--strict", str(path))[0] == 1


def test_conflicts_of_amounts_dates_and_stance_are_found(path: Path) -> None:
    found = dataset_conflicts(relgraph.load(path))
    assert sorted(found) == ["counts", "denied"]
    assert [(c.kind, c.message, c.items) for c in found["counts"]] == [
        (
            "amount",
            "amounts of 'accord' disagree: 6 accord (item 1, 'wire'); 8 Accords (item 2, 'observer')",
            (0, 1),
        ),
        ("date", "item 2, 'observer', dates it 2023-07, outside its date 2023-06", (1,)),
        (
            "date",
            "dates disagree: 2023-06-15 (item 1, 'wire'); 2023-07 (item 2, 'observer')",
            (0, 1),
        ),
    ]
    assert [(c.kind, c.message) for c in found["denied"]] == [
        ("stance", "item 2, 'observer', contradicts it; item 1 supports it (origin 'news-agency')")
    ]


def test_validate_warns_on_each_conflict(path: Path) -> None:
    conflicts = [d for d in relgraph.validate(path) if d.code == "conflict"]
    assert [d.message.split(":")[0] for d in conflicts] == [
        "relation 'counts'",
        "relation 'counts'",
        "relation 'counts'",
        "relation 'denied'",
    ]
    assert all(d.severity == "warning" and d.hint for d in conflicts)


def test_statuses_that_disagree_between_origins_are_a_conflict(make_dataset: Any) -> None:
    # the same trade, denied on the observer's word alone
    denied = (
        "  - id: denied\n    source: iran\n    target: cuba\n    type: contract\n"
        "    status: reported\n    evidence:\n"
        + _ev(SIX, "wire")
        + _ev(DENIED, "observer", "        stance: contradicts\n")
    )
    assert denied in DATASET
    text = DATASET.replace(
        denied,
        "  - id: denied\n    source: cuba\n    target: iran\n    type: trade\n"
        "    date: 2023\n    status: denied\n    evidence:\n" + _ev(DENIED, "observer"),
    )
    found = dataset_conflicts(relgraph.load(make_dataset(text, TEXT)))
    assert [c.message for c in found["counts"] if c.kind == "status"] == [
        "it is reported on the evidence of 'news-agency', 'observer', but relation 'denied' is "
        "denied on the evidence of 'observer'"
    ]
    assert [(c.message, c.items) for c in found["denied"]] == [
        (
            "it is denied on the evidence of 'observer', but relation 'counts' is reported on "
            "the evidence of 'news-agency', 'observer'",
            (0,),
        )
    ]


EVIDENCE_CONFLICTS = """\
visit: 2 with conflicts
relation counts: iran trade cuba (reported)
  2 quotes · 2 sources · 2 independent origins
  origin 'news-agency' (The News Agency): sources wire, wire-es, wire-fr
  origin 'observer' (Report observer): sources observer
  conflict [amount] amounts of 'accord' disagree: 6 accord (item 1, 'wire'); 8 Accords (item 2, 'observer')
    1. "Iran and Cuba signed six accords in Havana" (source 'wire', origin 'news-agency', 6 accord, dated 2023-06-15)
    2. "eight accords were signed" (source 'observer', origin 'observer', 8 Accords, dated 2023-07)
"""


def test_relgraph_evidence_lists_conflicts_with_their_quotes_and_exits_0(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "evidence", "--conflicts", str(path))
    assert code == 0
    assert out.startswith(EVIDENCE_CONFLICTS)
    assert "conflict [stance] item 2, 'observer', contradicts it" in out


def test_relgraph_evidence_formats(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evidence", "--format", "json", str(path))
    assert code == 0
    records = {r["id"]: r for r in json.loads(out)}
    copies = records["copies"]
    assert (copies["quotes"], len(copies["sources"]), len(copies["origins"])) == (3, 3, 1)
    assert copies["independent"] == 1
    assert records["visit"]["affiliated"] is True
    code, out, _ = run(capsys, "evidence", "--format", "csv", "--conflicts", str(path))
    assert (code, out.splitlines()[0], len(out.splitlines())) == (
        0,
        "kind,id,reading,status,modality,quotes,sources,origins,independent,affiliated,conflicts",
        3,
    )
    code, out, _ = run(capsys, "evidence", "--format", "markdown", str(path))
    assert code == 0
    assert "| claim | visit | confirmed, announced | 1 | 1 | 0 | yes | 0 |" in out


def test_the_page_data_carries_corroboration_conflicts_and_origins(path: Path) -> None:
    data = page_data(relgraph.load(path))
    edges = {e["id"]: e for e in data["edges"]}
    assert edges["copies"]["corroboration"] == {
        "quotes": 3,
        "sources": 3,
        "origins": ["news-agency"],
        "independent": 1,
        "affiliated": False,
    }
    assert [c["kind"] for c in edges["counts"]["conflicts"]] == ["amount", "date", "date"]
    assert edges["counts"]["conflicts"][0]["items"] == [0, 1]
    first = edges["counts"]["evidence"][0]
    assert (first["stance"], first["origin"], first["date"], first["reported"]) == (
        "supports",
        "news-agency",
        "2023-06-15",
        "2023-06-16",  # the source's published date
    )
    assert first["amounts"] == [{"value": 6, "unit": "accord", "text": "6 accord"}]
    assert edges["counts"]["modality"] == "occurred"
    (claim,) = data["claims"]
    assert claim["modality"] == "announced"
    assert data["sources"]["wire-fr"]["derived_from"] == ["wire-es"]
    assert data["sources"]["state-tv"]["affiliation"] == ["cuba"]
    assert data["sources"]["wire"]["origin"] == "news-agency"
    assert data["origins"][0] == {
        "id": "news-agency",
        "label": "The News Agency",
        "sources": ["wire", "wire-es", "wire-fr"],
        "affiliations": ["news-agency"],
    }


def test_an_evidence_items_own_origin_joins_the_origin_it_relays(make_dataset: Any) -> None:
    text = DATASET.replace(
        _ev(EIGHT, "observer") + "  - id: counts",
        _ev(EIGHT, "observer", "        origin: news-agency\n") + "  - id: counts",
    )
    ds = relgraph.load(make_dataset(text, TEXT))
    r = next(r for r in ds.relations if r.id == "two-origins")
    assert corroboration(ds, r).origins == ("news-agency",)


def test_filters_by_source_origin_modality_origins_and_report_dates(path: Path) -> None:
    from relgraph.filters import Filter

    ds = relgraph.load(path)
    alone = Filter(sources=["observer"]).apply(ds)
    assert [r.id for r in alone.relations] == ["two-origins", "counts", "denied"]
    assert {e.source for r in alone.relations for e in r.evidence} == {"observer"}
    wire = Filter(origins=["news-agency"]).apply(ds)
    assert {e.source for r in wire.relations for e in r.evidence} == {"wire", "wire-es", "wire-fr"}
    assert [r.id for r in Filter(min_origins=2).apply(ds).relations] == [
        "state",
        "two-origins",
        "counts",
    ]
    assert [c.id for c in Filter(modalities=["announced"]).apply(ds).claims] == ["visit"]
    assert Filter(modalities=["occurred"]).apply(ds).claims == ()
    by_report = Filter(date_from="2023-06-16", date_to="2023-06-16", dates="reported")
    assert "by report dates" in by_report.describe()
    kept = [r.id for r in by_report.apply(ds).relations]
    assert "counts" in kept  # its items were reported (published) 2023-06-16


def test_the_origins_weight_counts_copies_once(path: Path) -> None:
    ds = relgraph.load(path)
    p = relgraph.project(ds.graph(), weight="origins")
    assert p["iran"]["cuba"]["weight"] == 3.0  # news-agency, state-tv, observer
    copies = _only(ds, "copies")
    assert relgraph.project(copies.graph(), weight="origins")["iran"]["cuba"]["weight"] == 1.0
    assert relgraph.project(copies.graph(), weight="sources")["iran"]["cuba"]["weight"] == 3.0


def _only(ds: relgraph.Dataset, ident: str) -> relgraph.Dataset:
    import dataclasses

    return dataclasses.replace(ds, relations=tuple(r for r in ds.relations if r.id == ident))
