"""Rules the bundled data cannot reach, on a fixture with every status.

``tests/fixtures/statuses/statuses.yaml`` has a relation confirmed by two
independent origins and one confirmed by a single origin, a denied relation, a
disputed relation over a period that starts and ends on one day, relations of a
directed and an undirected type written without ids, an actor tied only by the
disputed relation and one with no relation at all.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import relgraph
from relgraph import analysis
from support import BASE_YAML, SOURCE_TEXT, run, sha256_of

FIXTURE = Path(__file__).parent / "fixtures" / "statuses" / "statuses.yaml"


@pytest.fixture(scope="module")
def ds() -> relgraph.Dataset:
    return relgraph.load(FIXTURE)


def test_every_status_loads_with_the_ids_a_user_would_look_up(ds: relgraph.Dataset) -> None:
    # an undirected type's ends are sorted (beta -> alpha is alpha...beta); a directed
    # type keeps its direction (gamma criticised alpha)
    assert [(r.id, r.status) for r in ds.relations] == [
        ("alpha.agreement.beta.2021-03", "confirmed"),
        ("beta.intelligence_sharing.gamma", "denied"),
        ("alpha.meeting.delta", "disputed"),
        ("gamma.criticism.alpha.2021-06-09", "confirmed"),
    ]
    assert [(c.id, c.status) for c in ds.claims] == [
        ("alpha.claim.alphaland-supports-the-gamma-front", "alleged")
    ]


def test_a_period_that_starts_and_ends_on_one_day_is_that_day(ds: relgraph.Dataset) -> None:
    meeting = next(r for r in ds.relations if r.type == "meeting")
    assert (meeting.earliest(), meeting.latest()) == ("2020-05-01", "2020-05-01")


def test_a_period_ending_the_day_before_it_starts_is_refused(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("end: 2020-05-01", "end: 2020-04-30")
    (tmp_path / "sources").mkdir()
    for source in (FIXTURE.parent / "sources").iterdir():
        (tmp_path / "sources" / source.name).write_bytes(source.read_bytes())
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    problems = relgraph.validate(tmp_path / "d.yaml")
    assert [(p.code, p.message, p.hint) for p in problems if p.severity == "error"] == [
        (
            "end-before-start",
            "the end 2020-04-30 is before the start 2020-05-01",
            "swap them, or check the source's dates",
        )
    ]


def test_only_the_relation_confirmed_by_one_origin_is_warned_about(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "validate", str(FIXTURE))
    assert code == 0
    assert err.splitlines() == [
        f"{FIXTURE}:65:5: warning[unconfirmed] relation 'gamma.criticism.alpha.2021-06-09' is "
        "marked confirmed but has 1 independent origin: 'wire'",
        "  hint: confirmed needs two independent origins not affiliated with its ends: add "
        "evidence from another origin, or mark it reported",
        f"{FIXTURE}: ok (1 warning)",
    ]
    assert out == ""


def test_the_graph_leaves_denied_relations_out_unless_asked(ds: relgraph.Dataset) -> None:
    from relgraph.filters import Filter

    assert sorted(k for _, _, k in ds.graph().edges(keys=True)) == [
        "alpha.agreement.beta.2021-03",
        "alpha.meeting.delta",
        "beta.intelligence_sharing.gamma",
        "gamma.criticism.alpha.2021-06-09",
    ]
    net = analysis.Network(ds)
    assert sorted(r.id for r in net.dataset.relations) == [
        "alpha.agreement.beta.2021-03",
        "alpha.meeting.delta",
        "gamma.criticism.alpha.2021-06-09",
    ]
    everything = analysis.Network(ds, Filter(statuses=relgraph.model.STATUSES))
    assert "beta.intelligence_sharing.gamma" in {r.id for r in everything.dataset.relations}


def test_actors_without_a_value_share_the_last_rank(ds: relgraph.Dataset) -> None:
    # constraint is undefined (nan) for an actor with no tie: it ranks last, and
    # two such actors share one rank
    c = analysis.centrality(ds, ["constraint"])
    assert c.ranks("constraint") == {"alpha": 1, "beta": 2, "delta": 2, "gamma": 2, "epsilon": 5}
    assert math.isnan(c.column("constraint")["epsilon"])
    s = analysis.sensitivity(ds, "constraint")
    assert [(r.id, r.rank_with, r.rank_without, r.change) for r in s.rows] == [
        ("alpha", 1, 1, 0),
        ("beta", 2, 2, 0),
        ("delta", 2, 4, 2),
        ("gamma", 2, 2, 0),
        ("epsilon", 5, 4, -1),
    ]


def test_sensitivity_leaves_the_disputed_relation_out_and_names_who_loses_every_tie(
    ds: relgraph.Dataset,
) -> None:
    s = analysis.sensitivity(ds, "degree")
    assert (s.allegations, s.relations_with, s.relations_without) == (1, 3, 2)
    assert s.only_alleged == ("delta",)
    delta = next(r for r in s.rows if r.id == "delta")
    assert (delta.value_with, delta.value_without) == (1, 0)


def test_betweenness_of_two_actors_is_zero_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    two = BASE_YAML.format(sha=sha256_of(SOURCE_TEXT)).replace(
        "  - id: hamas\n    name: Hamas\n    kind: group\n", ""
    )
    (tmp_path / "two.yaml").write_text(two, encoding="utf-8")
    for engine in ("igraph", "networkx"):
        c = analysis.centrality(
            relgraph.load(tmp_path / "two.yaml"), ["betweenness"], engine=engine
        )
        assert c.column("betweenness") == {"iran": 0.0, "cuba": 0.0}
