"""Export benchmark: what each export format costs on top of loading the dataset.

For each size (datasets from ``bench/generate.py``, the same as the loading
benchmark's, written if missing) it runs, each in a fresh Python process and
interleaved so that machine noise falls on all of them alike:

* ``load`` (the baseline): ``relgraph.load(file)``, every check included;
* ``load+FORMAT``: the same, then ``relgraph.export.export(dataset, FORMAT,
  path)`` into a temporary folder, for every format.

It prints, side by side, the wall time and the CPU time of the work (imports
excluded; the median over the repeats and, in brackets, the range of the
runs), the machine's load average as the runs started, and the process's
peak resident set (``ru_maxrss``), each as a ratio to the baseline made round
by round (see ``bench_load.py``): the peak ratio says how much memory writing
the format adds to holding the dataset, the figure that decides whether an
export of a million relations fits a machine.

Usage::

    python bench/bench_export.py --sizes 10k,100k
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_load import cell, ensure, load_range, machine, measure, summary  # noqa: E402

FORMATS = ("jsonl", "json", "csv", "gexf", "graphml", "cypher", "ftm")
REPEATS = {"1k": 3, "10k": 3, "100k": 1, "1M": 1}


def child(mode: str, path: str) -> dict[str, Any]:
    """Run one measurement in this (fresh) process."""
    import resource

    import relgraph
    from relgraph.export import export

    load = os.getloadavg()[0]
    began = time.perf_counter()
    cpu = time.process_time()
    ds = relgraph.load(path)
    size = 0
    if mode != "load":
        fmt = mode.split("+", 1)[1]
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / (fmt if fmt == "csv" else f"out.{fmt}")
            export(ds, fmt, target)
            size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
    gc.collect(0)
    seconds = time.perf_counter() - began
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "load": load, "peak_mb": peak, "bytes": size}


def run(sizes: list[str], data: Path, repeat: int | None) -> dict[str, Any]:
    modes = ["load", *(f"load+{f}" for f in FORMATS)]
    results: dict[str, Any] = {}
    for size in sizes:
        path = ensure(size, data) / "dataset.jsonl"
        runs: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
        for _ in range(repeat or REPEATS.get(size, 1)):
            for mode in modes:
                runs[mode].append(measure(mode, path, __file__))
                print(f"  {size} {mode}: {runs[mode][-1]['seconds']:.2f} s", file=sys.stderr)
        results[size] = summary(runs, "load", ("seconds", "cpu", "peak_mb"))
        for mode, rs in runs.items():
            results[size][mode]["bytes"] = rs[0]["bytes"]
    return results


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table: medians, with the range of the runs in brackets."""
    lines = [
        "| size | run | output (MB) | wall (s) | × load | CPU (s) | × load | peak RSS (MiB) "
        "| × load | load average |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, modes in results.items():
        for mode, m in modes.items():
            lines.append(
                f"| {size} | {mode} | {m['bytes'] / 1e6:.1f} | {cell(m['seconds'])} "
                f"| {cell(m['seconds_ratio'])} | {cell(m['cpu'])} | {cell(m['cpu_ratio'])} "
                f"| {m['peak_mb']['median']:.0f} | {cell(m['peak_mb_ratio'])} "
                f"| {m['load']['min']:.1f}–{m['load']['max']:.1f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="e.g. 1k,10k,100k")
    parser.add_argument("--data", default=str(HERE / "data"), help="where the datasets are")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default by size)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    results = run(args.sizes.split(","), Path(args.data), args.repeat)
    print(f"machine: {machine()}")
    print(f"load average (1 min) while the runs started: {load_range(results)}")
    print(table(results))


if __name__ == "__main__":
    main()
