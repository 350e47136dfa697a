"""The neo4j-admin and FollowTheMoney exports carry where the evidence comes from.

Copies of one story count once there too: each relation's and claim's counts (quotes,
sources, independent origins), its report date apart from its event dates, its modality, and
each source's derivation, origin and affiliation, read back the way each format's own
readers read them (the loader's documented CSV rules; followthemoney's model).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_corroboration import DATASET, TEXT
from test_neo4j_admin import read_folder

import relgraph
from relgraph.export import export, export_bytes
from relgraph.export.ftm import ftm_id

#: The corroboration test's dataset, with a report date and a modality on one relation.
YAML = DATASET.replace(
    "  - id: counts\n    source: iran\n    target: cuba\n    type: trade\n",
    "  - id: counts\n    source: iran\n    target: cuba\n    type: trade\n"
    "    reported: 2023-07-02\n    modality: planned\n",
)


@pytest.fixture
def ds(make_dataset: Any) -> relgraph.Dataset:
    return relgraph.load(make_dataset(YAML, TEXT))


def test_neo4j_admin_carries_counts_derivation_and_evidence_fields(
    ds: relgraph.Dataset, tmp_path: Path
) -> None:
    export(ds, "neo4j-admin", tmp_path / "out")
    nodes, rels = read_folder(tmp_path / "out")
    relations = {r["props"]["id"]: r["props"] for r in rels if r["type"] not in ("ABOUT", "CITES")}
    counts = ["origins", "origin_count", "independent_origins", "affiliated"]
    counts += ["evidence_count", "source_count"]
    assert {i: [p.get(k) for k in counts] for i, p in relations.items()} == {
        # three translations of one wire story: three sources, one origin
        "copies": [["news-agency"], 1, 1, False, 3, 3],
        # Cuban state television does not confirm what concerns Cuba
        "state": [["news-agency", "state-tv"], 2, 1, True, 2, 2],
        "two-origins": [["news-agency", "observer"], 2, 2, False, 2, 2],
        "counts": [["news-agency", "observer"], 2, 2, False, 2, 2],
        # a contradiction corroborates nothing
        "denied": [["news-agency"], 1, 1, False, 2, 2],
    }
    dates = (relations["counts"]["date"], relations["counts"]["reported"])
    assert dates == ("2023-06", "2023-07-02")  # the event's date and the report date apart
    assert relations["counts"]["modality"] == "planned"
    assert relations["copies"]["modality"] == "occurred"
    assert "reported" not in relations["copies"]  # an absent value is never a stand-in
    claim = nodes["Claim/visit"]["props"]
    assert [claim.get(k) for k in ["modality", *counts]] == [
        "announced",
        ["state-tv"],
        1,
        0,
        True,
        1,
        1,
    ]
    sources = {k.split("/")[1]: v["props"] for k, v in nodes.items() if k.startswith("Source/")}
    assert {
        i: (p.get("derived_from"), p.get("origin"), p.get("affiliation"))
        for i, p in sources.items()
    } == {
        "wire": (None, "news-agency", None),
        "wire-es": (["wire"], None, None),
        "wire-fr": (["wire-es"], None, None),
        "state-tv": (None, None, ["cuba"]),
        "observer": (None, None, None),
    }
    evidence = {k.split("/")[1]: v["props"] for k, v in nodes.items() if k.startswith("Evidence/")}
    fields = ("stance", "amounts", "date")
    assert [evidence["counts#0"].get(k) for k in fields] == ["supports", ["6 accord"], "2023-06-15"]
    assert [evidence["counts#1"].get(k) for k in fields] == ["supports", ["8 Accords"], "2023-07"]
    assert [evidence["denied#1"].get(k) for k in fields] == ["contradicts", None, None]


def _proxies(ds: relgraph.Dataset) -> dict[str, Any]:
    from followthemoney import model

    out = {}
    for line in export_bytes(ds, "ftm").decode("utf-8").splitlines():
        raw = json.loads(line)
        proxy = model.get_proxy(raw, cleaned=False)  # cleans every value through its type
        for prop, values in raw["properties"].items():
            assert proxy.get(prop) == values, f"{proxy.schema.name}.{prop} lost values"
        out[proxy.id] = proxy
    return out


def test_ftm_relations_carry_their_counts_report_date_and_modality(ds: relgraph.Dataset) -> None:
    proxies = _proxies(ds)
    r = {p.first("recordId"): p for p in proxies.values() if p.get("recordId", quiet=True)}
    assert r["copies"].get("summary") == [
        "3 quotes · 3 sources · 1 independent origin",
        "origins: news-agency",
    ]
    assert r["state"].get("summary") == [
        "2 quotes · 2 sources · 1 independent origin (1 affiliated)",
        "origins: news-agency, state-tv (affiliated with an end: state-tv)",
    ]
    counts = r["counts"]
    assert counts.get("summary") == [
        "2 quotes · 2 sources · 2 independent origins",
        "origins: news-agency, observer",
        "reported 2023-07-02",
        "modality: planned",
    ]
    assert counts.get("date") == ["2023-06"]  # the event's date; the report date is not one
    assert counts.get("description") == [
        '"Iran and Cuba signed six accords in Havana" (source Report wire; amount 6 accord; '
        "date 2023-06-15)",
        '"eight accords were signed" (source Report observer; amount 8 Accords; date 2023-07)',
    ]
    assert r["denied"].get("description")[1] == (
        '"Officials denied that the two governments signed any accord" '
        "(source Report observer; contradicts)"
    )


def test_ftm_documents_link_to_what_they_derive_from_relay_and_belong_to(
    ds: relgraph.Dataset,
) -> None:
    proxies = _proxies(ds)

    def s(ident: str) -> str:
        return ftm_id("s", "visit", ident)

    def e(ident: str) -> str:
        return ftm_id("e", "visit", ident)

    links = sorted(
        (p.first("subject"), p.first("role"), p.first("object"))
        for p in proxies.values()
        if p.schema.name == "UnknownLink" and not p.get("recordId")
    )
    assert links == [
        (s("state-tv"), "is affiliated with", e("cuba")),
        (s("wire"), "relays", e("news-agency")),
        (s("wire-es"), "derived from", s("wire")),
        (s("wire-fr"), "derived from", s("wire-es")),
    ]
    for subject, _, obj in links:  # every link joins two entities of the export
        assert proxies[subject].schema.name == "Document"
        assert obj in proxies
    notes = {i: proxies[s(i)].get("notes") for i in ("wire", "wire-fr", "state-tv")}
    assert notes == {
        "wire": ["reliability C", "origin: news-agency"],
        "wire-fr": ["reliability C", "derived from wire-es"],
        "state-tv": ["reliability C", "affiliated with cuba"],
    }


def test_ftm_claims_carry_their_modality_counts_and_quotes(ds: relgraph.Dataset) -> None:
    cuba = _proxies(ds)[ftm_id("e", "visit", "cuba")]
    assert cuba.get("notes") == [
        "[confirmed] the president will visit — announced; "
        "1 quote · 1 source · 0 independent origins (1 affiliated)\n"
        '"The president will begin an official visit on Wednesday" (source Report state-tv)'
    ]
