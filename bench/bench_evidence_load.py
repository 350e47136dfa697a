"""Loading with the evidence fields against the loader from before them.

The evidence model (``derived_from``, ``origin`` and ``affiliation`` on sources;
``stance``, ``amount``, ``date``, ``reported`` and ``origin`` on evidence items;
``reported`` and ``modality`` on relations; independent origins, ties and the
confirmed check counted by origin) must not make loading a large dataset more
than 10% slower than before it. This benchmark measures that, in the same
session, on the same machine, with the same Python and libraries:

* ``before``: the loader of the commit just before the evidence model (a git
  worktree of it, passed with ``--baseline``), on a dataset from
  ``bench/generate.py`` (which has none of the new fields, so it loads there);
* ``now``: today's loader on the same file;
* ``now+fields``: today's loader on the same dataset with the new fields added
  to it: a tenth of the sources derive from another, a tenth share an
  ``origin`` text and a fifth carry an ``affiliation``; about one evidence item
  in eight has a ``stance``, one in twenty an ``amount``, a ``reported`` date or
  an ``origin``; one relation in ten has ``reported`` and one in twenty is
  ``announced``. Every loader checks and keeps all of it.

Each run is a fresh process that imports the same modules before measuring
and times ``relgraph.load(file)`` alone: wall time and CPU time (user plus
system, ``time.process_time``), with the machine's 1-minute load average read as
it starts. The three runs of a round follow one another (the order turns round
by round), so a ratio is taken between runs made under the same load; a figure
is the median over the rounds with its spread (smallest–largest). On a busy
machine CPU time is the figure to trust; wall time is printed beside it.

Usage::

    git worktree add --detach /tmp/relgraph-before "$(git log --diff-filter=A \\
        --format=%h -- relgraph/corroboration.py)^"
    nice python bench/bench_evidence_load.py --baseline /tmp/relgraph-before --size 200k
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MODES = ("before", "now", "now+fields")
WIRE = "Synthetic wire service"


def child(tree: str, path: str) -> dict[str, Any]:
    """Load ``path`` with the relgraph found in ``tree``, in this (fresh) process."""
    sys.path.insert(0, tree)
    import relgraph

    # every process imports the same modules: the fast loader's, wherever the tree keeps it
    # (relgraph/bulk.py before loading moved into relgraph/load/)
    if importlib.util.find_spec("relgraph.bulk") is not None:
        importlib.import_module("relgraph.bulk")
    else:
        importlib.import_module("relgraph.load.fast")

    where = Path(relgraph.__file__).resolve()
    if Path(tree).resolve() not in where.parents:
        raise SystemExit(f"relgraph came from {where}, not from {tree}")
    load = os.getloadavg()[0]
    began = time.perf_counter()
    cpu = time.process_time()
    ds = relgraph.load(path)
    seconds = time.perf_counter() - began
    cpu = time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "load": load, "relations": len(ds.relations)}


def with_fields(plain: Path, out: Path) -> None:
    """Write ``plain``'s records to ``out`` with the evidence fields added (deterministically)."""
    import orjson

    published: dict[str, str] = {}
    n = 0
    with open(plain, "rb") as src, open(out, "wb") as dst:
        for line in src:
            r = orjson.loads(line)
            kind = r["record"]
            if kind == "source":
                i = int(r["id"].rsplit("-", 1)[1])
                if r.get("published"):
                    published[r["id"]] = r["published"]
                if i % 10 == 1:
                    r["derived_from"] = [f"article-{i - 1:05d}"]
                elif i % 10 == 2:
                    r["origin"] = WIRE
                if i % 5 == 3:
                    r["affiliation"] = f"a{i}"
            elif kind in ("relation", "claim"):
                n += 1
                for k, e in enumerate(r["evidence"]):
                    roll = (n * 7 + k * 13) % 100
                    if roll < 9:
                        e["stance"] = "qualifies"
                    elif roll < 12:
                        e["stance"] = "contradicts"
                    if roll % 20 == 5:
                        e["amount"] = {"value": roll, "unit": "agreement"}
                    if roll % 20 == 7 and e["source"] in published:
                        e["reported"] = published[e["source"]]
                    if roll % 20 == 9:
                        e["origin"] = WIRE
                if n % 10 == 3 and r["evidence"][0]["source"] in published:
                    r["reported"] = published[r["evidence"][0]["source"]]
                if n % 20 == 11:
                    r["modality"] = "announced"
            dst.write(orjson.dumps(r) + b"\n")


def measure(tree: Path, path: Path) -> dict[str, Any]:
    """Run ``--child TREE PATH`` in a fresh process; its one line of JSON."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(tree), str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=str(path.parent),
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def spread(values: list[float]) -> str:
    """'median (min–max)'."""
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", help="a worktree of the commit before the evidence model")
    parser.add_argument("--size", default="200k", help="relations: 200k, 1M …")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", default=str(HERE / "data"), help="where the datasets are")
    parser.add_argument("--child", nargs=2, metavar=("TREE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    if not args.baseline:
        parser.error("--baseline is required: a worktree of the commit before the evidence model")
    sys.path.insert(0, str(HERE))
    from generate import parse_size, write_dataset

    folder = Path(args.data) / args.size
    plain = folder / "dataset.jsonl"
    if not plain.exists():
        print(f"writing the {args.size} dataset into {folder} …", file=sys.stderr)
        write_dataset(parse_size(args.size), folder)
    fields = folder / "dataset-evidence.jsonl"
    if not fields.exists() or fields.stat().st_mtime < plain.stat().st_mtime:
        with_fields(plain, fields)
    runs: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
    plan = {
        "before": (Path(args.baseline), plain),
        "now": (ROOT, plain),
        "now+fields": (ROOT, fields),
    }
    for round_ in range(args.rounds):
        order = MODES[round_ % 3 :] + MODES[: round_ % 3]
        for mode in order:
            runs[mode].append(measure(*plan[mode]))
            r = runs[mode][-1]
            print(
                f"  round {round_ + 1} {mode}: {r['seconds']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                f"load {r['load']:.1f}",
                file=sys.stderr,
            )
    counts = {runs[m][0]["relations"] for m in MODES}
    if len(counts) != 1:
        raise SystemExit(f"the loaders kept different numbers of relations: {counts}")
    print(f"{args.size} relations ({counts.pop()} loaded), {args.rounds} interleaved rounds")
    print("| run | wall (s) | × before | CPU (s) | × before | load |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for mode in MODES:
        rs, bs = runs[mode], runs["before"]
        wall = [r["seconds"] / b["seconds"] for r, b in zip(rs, bs, strict=True)]
        cpu = [r["cpu"] / b["cpu"] for r, b in zip(rs, bs, strict=True)]
        loads = [r["load"] for r in rs]
        print(
            f"| {mode} | {spread([r['seconds'] for r in rs])} | {spread(wall)} "
            f"| {spread([r['cpu'] for r in rs])} | {spread(cpu)} "
            f"| {min(loads):.1f}–{max(loads):.1f} |"
        )


if __name__ == "__main__":
    main()
