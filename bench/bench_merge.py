"""Matching and merging two datasets, against loading them together.

Two synthetic scale-free datasets of N relations each (``bench/generate.py``)
overlap by 10%: a tenth of the second's actors have the names of actors of the
first under other ids, and its relations among them repeat the first's. The
benchmark times, interleaved run by run:

- **baseline**: :func:`relgraph.combine.combine`, joining the two by id (one
  pass over every record, the least any merge must do);
- **match**: :func:`relgraph.matching.match`, proposing actor pairs (blocked:
  only actors sharing a word are compared) and relation pairs;
- **merge**: :func:`relgraph.merging.merge` with every proposed pair of score
  1 judged the same (as an analyst would), folding the repeated relations.

It prints wall and CPU time as ratios to the baseline, the spread (min–max of
the runs), the machine's load average beside each size, and how each grows
from the smallest size to the largest (10× the data should cost about 10×)::

    python bench/bench_merge.py --sizes 10k,30k,100k --repeat 3
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, parse_size  # noqa: E402

from relgraph.combine import combine  # noqa: E402
from relgraph.judgements import Judgement  # noqa: E402
from relgraph.matching import match  # noqa: E402
from relgraph.merging import merge  # noqa: E402
from relgraph.model import Dataset  # noqa: E402


def pair(relations: int) -> tuple[Dataset, Dataset]:
    """Two datasets of ``relations`` relations, overlapping by 10%."""
    a = dataclasses.replace(generate(relations, seed=1), id="first")
    b = generate(relations, seed=2)
    shared = len(b.entities) // 10
    offset = len(a.entities) + 1
    entities = tuple(
        dataclasses.replace(
            e,
            id=f"b-{e.id}",
            name=e.name if n < shared else f"Actor {n + offset}",
        )
        for n, e in enumerate(b.entities)
    )
    overlap = len(b.relations) // 10
    relations = tuple(
        dataclasses.replace(
            r,
            id=f"b-{r.id}",
            source=f"b-{r.source}",
            target=f"b-{r.target}",
        )
        for r in b.relations[overlap:]
    )
    # the overlap: the first's relations among the shared actors, told again by the second
    shared_ids = {f"a{n}" for n in range(shared)}
    again = tuple(
        dataclasses.replace(r, id=f"b-again-{r.id}", source=f"b-{r.source}", target=f"b-{r.target}")
        for r in a.relations
        if r.source in shared_ids and r.target in shared_ids
    )[:overlap]
    b = dataclasses.replace(b, id="second", entities=entities, relations=relations + again)
    return a, b


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(sizes: list[str], repeat: int) -> list[dict[str, Any]]:
    """Measure each size ``repeat`` times, the three runs interleaved."""
    out = []
    for size in sizes:
        a, b = pair(parse_size(size))
        found = match([a, b])
        judged = [
            Judgement(c.left, c.right, "entity", "same") for c in found.entities if c.score >= 1.0
        ]
        runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "match": [], "merge": []}
        loads = []
        for _ in range(repeat):
            loads.append(os.getloadavg()[0])
            runs["baseline"].append(_timed(lambda: combine([a, b])))  # noqa: B023 - called now
            runs["match"].append(_timed(lambda: match([a, b])))  # noqa: B023
            runs["merge"].append(_timed(lambda: merge([a, b], judged)))  # noqa: B023
        result = merge([a, b], judged)
        out.append(
            {
                "size": size,
                "relations": len(a.relations) + len(b.relations),
                "actors": len(a.entities) + len(b.entities),
                "compared": found.compared,
                "proposed": len(found.entities),
                "joined": len(result.actors),
                "folded": len(result.relations),
                "load": (min(loads), max(loads)),
                "runs": runs,
            }
        )
    return out


def table(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, with growth from the first size to the last."""
    lines = [
        "| size | run | wall s (min–max) | CPU s | × baseline (wall) | × baseline (CPU) | load |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        base_wall = statistics.median(w for w, _ in r["runs"]["baseline"])
        base_cpu = statistics.median(c for _, c in r["runs"]["baseline"])
        for name, runs in r["runs"].items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            lines.append(
                f"| {r['size']} | {name} | {wall:.2f} ({min(walls):.2f}–{max(walls):.2f}) "
                f"| {cpu:.2f} | {wall / base_wall:.2f} | {cpu / base_cpu:.2f} "
                f"| {r['load'][0]:.1f}–{r['load'][1]:.1f} |"
            )
        lines.append(
            f"| {r['size']} | (counts) | {r['actors']} actors, {r['compared']} pairs compared, "
            f"{r['proposed']} proposed, {r['joined']} joined, {r['folded']} relations folded "
            "| | | | |"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        scale = last["relations"] / first["relations"]
        lines.append("")
        lines.append(f"Growth from {first['size']} to {last['size']} ({scale:.0f}× the data):")
        for name in ("baseline", "match", "merge"):
            t0 = statistics.median(c for _, c in first["runs"][name])
            t1 = statistics.median(c for _, c in last["runs"][name])
            lines.append(f"- {name}: {t1 / t0:.1f}× the CPU time")
        lines.append(
            f"- pairs compared by match: {last['compared'] / max(1, first['compared']):.1f}×"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,30k,100k", help="relations per dataset")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    args = parser.parse_args(argv)
    print(table(run(args.sizes.split(","), args.repeat)))


if __name__ == "__main__":
    main()
