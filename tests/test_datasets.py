"""The bundled datasets keep the rules their notes state, checked against their stored texts."""

from __future__ import annotations

from pathlib import Path

import pytest

import relgraph
from relgraph.quotes import normalize

ROOT = Path(__file__).resolve().parents[1]
GRAPH_DATA = ROOT / "graph_data"
CUBA_IRAN = GRAPH_DATA / "cuba_iran.yaml"
BUNDLED = [CUBA_IRAN]


def _texts(ds: relgraph.Dataset) -> str:
    return "\n".join(normalize(s.text) for s in ds.sources)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_each_bundled_dataset_validates_strictly(path: Path) -> None:
    assert relgraph.validate(path) == []


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_name_and_alias_is_spelled_as_a_stored_text_spells_it(path: Path) -> None:
    """No alias in another script or language, no name from the curator's knowledge."""
    ds = relgraph.load(path)
    texts = _texts(ds)
    missing = [
        (e.id, name)
        for e in ds.entities
        if "unnamed" not in e.tags
        for name in (e.name, *e.aliases)
        if normalize(name) not in texts
    ]
    assert missing == []


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_no_external_id_is_given_without_a_stored_source(path: Path) -> None:
    assert [e.id for e in relgraph.load(path).entities if e.external_ids] == []


def test_the_cuba_iran_article_never_makes_a_relation_confirmed() -> None:
    ds = relgraph.load(CUBA_IRAN)
    assert [r.id for r in ds.relations if r.status == "confirmed"] == []


def test_everything_resting_on_the_unidentified_data_alone_is_alleged() -> None:
    ds = relgraph.load(CUBA_IRAN)
    data = "the data the article cites (unnamed)"
    items = [*ds.relations, *ds.claims]
    resting = [i for i in items if all(e.attributed_to == data for e in i.evidence)]
    assert {i.id for i in resting} >= {"cuba-discussed-gaza", "iran-discussed-gaza"}
    assert [(i.id, i.status) for i in resting if i.status != "alleged"] == []


def test_the_over_reaching_cuba_iran_items_are_gone() -> None:
    ids = {r.id for r in relgraph.load(CUBA_IRAN).relations}
    gone = {
        "cuba-infrastructure-access-iran",
        "niknam-praise-cuba",
        "niknam-praise-iran",
        "iran-diplomatic-cover-cuba",
        "tpo-pr-office-speaks-for-tpo",
        "ahmadinejad-office-iran",
    }
    assert ids & gone == set()


def test_one_quote_is_attributed_to_one_actor_everywhere() -> None:
    ds = relgraph.load(CUBA_IRAN)
    seen: dict[str, set[str | None]] = {}
    for item in [*ds.relations, *ds.claims]:
        for e in item.evidence:
            seen.setdefault(e.quote, set()).add(e.attributed_to)
    assert {q: a for q, a in seen.items() if len(a) > 1} == {}


def test_the_cuba_iran_notes_disclose_the_capture_and_the_status_rule() -> None:
    ds = relgraph.load(CUBA_IRAN)
    notes = " ".join((ds.notes or "").split())
    assert "navigation links and its author block removed" in notes
    assert "Status rule for unidentified sources" in notes
    assert "Nothing is added that the article does not say" not in CUBA_IRAN.read_text("utf-8")
