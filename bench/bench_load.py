"""Loading benchmark: relgraph's load and validation against a bare NetworkX baseline.

For each size (datasets from ``bench/generate.py``, written if missing) it
runs, in the same session and interleaved so that machine noise falls on all
of them alike, each in a fresh Python process:

* ``baseline``: read the JSON Lines file with orjson (``[orjson.loads(line)
  for line in file]``), then ``MultiDiGraph.add_nodes_from`` for the entities
  and ``add_edges_from`` for the relations with the record's own fields as
  attributes; the garbage collector left as it is;
* ``stream``: the same, feeding ``add_edges_from`` from the lines as they are
  read (a leaner baseline, for reference);
* ``load``: ``relgraph.load(file)``, with every check, quotes included;
* ``load+graph``: the same, then ``Dataset.graph()`` (which pauses the cyclic
  garbage collector while it builds the graph);
* ``yaml``: ``relgraph.load`` of the same dataset written as YAML (up to 10k).

Time is measured twice, for the work alone (imports and start-up excluded):
the wall time, and the CPU time of the process (user plus system,
``time.process_time``). On a machine others use too, wall time grows with
their load while CPU time mostly does not, so a claim should rest on both.
Each figure is the median over the repeats, with its spread (the smallest and
the largest run); a ratio to the baseline is the median of the ratios of runs
made one right after the other (the runs of one round), with their spread.
The machine's load (the 1-minute load average, ``os.getloadavg``) is read as
each run starts and printed as a range, so that a reader can tell a quiet run
from a busy one. Each run ends with a collection of the youngest
generation, so that objects a run made while it kept the collector paused are
traversed within the time measured, as they would be soon after. Memory is
the process's peak resident set (``ru_maxrss``), so it counts everything the
operating system had to give: Python objects, the allocators' slack, orjson's
and the C libraries' own buffers. Every process imports the same modules before measuring; "growth"
is the peak minus the resident set after those imports. tracemalloc is not
used: it slows allocation-heavy code severalfold (so time could not be
measured in the same run) and sees only what Python's allocator hands out.

Usage::

    python bench/bench_load.py --sizes 1k,10k,100k,1M --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

MODES = ("baseline", "stream", "load", "load+graph")
REPEATS = {"1k": 5, "10k": 5, "100k": 3, "1M": 1}


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(mode: str, path: str) -> dict[str, Any]:
    """Run one measurement in this (fresh) process."""
    import resource

    import networkx as nx
    import orjson

    import relgraph
    import relgraph.load.fast  # every process imports the same modules

    start = _rss_mb()
    load = os.getloadavg()[0]
    began = time.perf_counter()
    cpu = time.process_time()
    if mode == "baseline":
        with open(path, "rb") as fh:
            records = [orjson.loads(line) for line in fh]
        g = nx.MultiDiGraph()
        g.add_nodes_from((r["id"], r) for r in records if r["record"] == "entity")
        g.add_edges_from(
            (r["source"], r["target"], r["id"], r) for r in records if r["record"] == "relation"
        )
        relations = g.number_of_edges()
    elif mode == "stream":
        g = nx.MultiDiGraph()

        def edges(fh: Any) -> Any:
            for line in fh:
                r = orjson.loads(line)
                if r["record"] == "entity":
                    g.add_nodes_from([(r["id"], r)])
                elif r["record"] == "relation":
                    yield r["source"], r["target"], r["id"], r

        with open(path, "rb") as fh:
            g.add_edges_from(edges(fh))
        relations = g.number_of_edges()
    elif mode in ("load", "yaml"):
        ds = relgraph.load(path)
        relations = len(ds.relations)
    elif mode == "load+graph":
        ds = relgraph.load(path)
        g = ds.graph()
        relations = g.number_of_edges()
    else:
        raise SystemExit(f"unknown mode {mode}")
    gc.collect(0)  # a young collection: what a run left for the collector counts too
    seconds = time.perf_counter() - began
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "cpu": cpu,
        "load": load,
        "peak_mb": peak,
        "start_mb": start,
        "relations": relations,
    }


def spread(values: list[float]) -> dict[str, float]:
    """The median of ``values`` and their range."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summary(runs: dict[str, list[dict[str, Any]]], base: str, keys: tuple[str, ...]) -> dict:
    """Each mode's medians and ranges, and its ratios to ``base`` round by round.

    The i-th run of every mode was made in the same round, one after the other,
    so the ratio of the two is taken under the same load; the ratios' median and
    range are given for each key.
    """
    out: dict[str, Any] = {}
    for mode, rs in runs.items():
        entry: dict[str, Any] = {"runs": len(rs)}
        for key in keys:
            entry[key] = spread([r[key] for r in rs])
            pairs = [r[key] / b[key] for r, b in zip(rs, runs[base], strict=True) if b[key] > 0]
            entry[f"{key}_ratio"] = spread(pairs) if pairs else None
        entry["load"] = spread([r["load"] for r in rs])
        out[mode] = entry
    return out


def cell(s: dict[str, float] | None, digits: int = 2) -> str:
    """'median (min–max)' for a table cell."""
    if s is None:
        return ""
    return f"{s['median']:.{digits}f} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"


def load_range(results: dict[str, Any]) -> str:
    """The range of the 1-minute load average over every run of ``results``."""
    lows = [m["load"]["min"] for modes in results.values() for m in modes.values()]
    highs = [m["load"]["max"] for modes in results.values() for m in modes.values()]
    return f"{min(lows):.1f}–{max(highs):.1f}" if lows else "unknown"


def measure(mode: str, path: Path, script: str = __file__) -> dict[str, Any]:
    """Run ``script --child MODE PATH`` in a fresh process; its one line of JSON."""
    out = subprocess.run(
        [sys.executable, script, "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def ensure(size: str, data: Path) -> Path:
    from generate import parse_size, write_dataset

    folder = data / size
    n = parse_size(size)
    wants_yaml = n <= 10_000
    if not (folder / "dataset.jsonl").exists() or (
        wants_yaml and not (folder / "dataset.yaml").exists()
    ):
        print(f"writing the {size} dataset into {folder} …", file=sys.stderr)
        write_dataset(n, folder, yaml_too=wants_yaml)
    return folder


def run(sizes: list[str], data: Path, repeat: int | None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for size in sizes:
        folder = ensure(size, data)
        modes = list(MODES) + (["yaml"] if (folder / "dataset.yaml").exists() else [])
        runs: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
        for _ in range(repeat or REPEATS.get(size, 1)):
            for mode in modes:
                path = folder / ("dataset.yaml" if mode == "yaml" else "dataset.jsonl")
                runs[mode].append(measure(mode, path))
                print(f"  {size} {mode}: {runs[mode][-1]['seconds']:.2f} s", file=sys.stderr)
        for rs in runs.values():
            for r in rs:
                r["growth_mb"] = r["peak_mb"] - r["start_mb"]
        results[size] = summary(runs, "baseline", ("seconds", "cpu", "peak_mb", "growth_mb"))
        for mode, rs in runs.items():
            results[size][mode]["relations"] = rs[0]["relations"]
    return results


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table: medians, with the range of the runs in brackets."""
    lines = [
        "| size | run | wall (s) | × baseline | CPU (s) | × baseline | peak RSS (MiB) "
        "| × baseline | growth × baseline | load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, modes in results.items():
        for mode, m in modes.items():
            lines.append(
                f"| {size} | {mode} | {cell(m['seconds'])} | {cell(m['seconds_ratio'])} "
                f"| {cell(m['cpu'])} | {cell(m['cpu_ratio'])} | {m['peak_mb']['median']:.0f} "
                f"| {cell(m['peak_mb_ratio'])} | {cell(m['growth_mb_ratio'])} "
                f"| {m['load']['min']:.1f}–{m['load']['max']:.1f} |"
            )
    return "\n".join(lines)


def machine() -> str:
    import networkx
    import orjson

    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; Python {platform.python_version()}, "
        f"networkx {networkx.__version__}, orjson {orjson.__version__}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="e.g. 1k,10k,100k,1M")
    parser.add_argument("--data", default=str(HERE / "data"), help="where the datasets are")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default by size)")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    results = run(args.sizes.split(","), Path(args.data), args.repeat)
    print(f"machine: {machine()}")
    print(f"load average (1 min) while the runs started: {load_range(results)}")
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
