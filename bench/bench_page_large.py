"""A large graph's page, today's and an older commit's, side by side in headless Chromium.

The same generated graph (``bench/generate.py``: 5,000 actors and 40,000 relations
by default, scale-free, many pairs tied by several relations) is rendered twice,
each time in a fresh Python process: by this tree's code, and by the code of an
older commit checked out in a temporary ``git worktree`` (by default the last
commit before 2026-11-30, the page before the large-graph work), with that
commit's own ``bench/generate.py`` (the same generator). Both pages are then
opened from ``file://`` in Debian's Chromium, headless, at 1400x900, in fresh
contexts, the two interleaved round by round (the order turning each round), and
for each load the script measures:

* **first draw**: from navigation start until the first frame vis-network drew is
  painted (the instrumentation of ``bench_render.py``);
* **focus**: selecting the actor with the most relations, as a click on it does
  (``window.relgraph.selectNode``: its panel is written, and on today's page the
  rest of the graph dims), until the first frame drawn after it is painted.

Each timing comes with the CPU time of Chromium's renderer process over the same
span (the DevTools ``Performance`` domain's ``ProcessTime``) and with the 1-minute
load average as the load started. It prints the median and the range (min–max)
over the rounds, the ratio new/old of the medians with the range of the per-round
ratios, and whether today's page meets the goals (first draw under 5 s, focus under
1 s, on the median wall time).

Run from the repository root (a git checkout; about 4 minutes with the defaults)::

    python bench/bench_page_large.py
    python bench/bench_page_large.py --rounds 5 --baseline 7bfbc24 --json large.json

Chromium is ``/usr/bin/chromium`` or the path in ``RELGRAPH_CHROMIUM``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_render import Opened, _loads, _spread, _t, open_page  # noqa: E402

from chromium import launch  # noqa: E402

GOAL_FIRST = 5.0
GOAL_FOCUS = 1.0
BEFORE = "2026-11-30"

# Run in a fresh process from the root of a tree: generate the graph with that tree's
# generator and render it with that tree's relgraph.
RENDER = """
import json, sys, time
sys.path[:0] = ["bench", "."]
from generate import generate
from relgraph.rendering import render
relations, per_actor, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
ds = generate(relations, seed=0, per_actor=per_actor)
degree = {}
for r in ds.relations:
    degree[r.source] = degree.get(r.source, 0) + 1
    degree[r.target] = degree.get(r.target, 0) + 1
hub = max(sorted(degree), key=lambda a: degree[a])
start = time.perf_counter()
render(ds, out)
print(json.dumps({"seconds": time.perf_counter() - start, "actors": len(ds.entities),
                  "relations": len(ds.relations), "hub": hub, "hub_relations": degree[hub]}))
"""

# Select an actor; resolve with the time the call took and the frame drawn after it,
# once painted (milliseconds of the page's clock).
SELECT = """([id, ms]) => new Promise((resolve) => {
  const from = window.__bench.draws.length;
  const t0 = performance.now();
  const ok = window.relgraph.selectNode(id);
  const t1 = performance.now();
  (function poll() {
    const d = window.__bench.draws.slice(from).find((x) => x.start !== null && x.start >= t0);
    const done = {ok: ok, start: t0, call: t1 - t0, painted: d ? d.painted : null};
    if (done.painted !== null || performance.now() - t0 > ms) resolve(done);
    else setTimeout(poll, 4);
  })();
})"""


@dataclass
class Side:
    """One page's timings over the rounds (seconds)."""

    name: str
    path: Path
    bytes: int = 0
    render: float = 0.0
    first: list[float] = field(default_factory=list)
    first_cpu: list[float] = field(default_factory=list)
    focus: list[float] = field(default_factory=list)
    focus_cpu: list[float] = field(default_factory=list)
    focus_call: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def git(*args: str) -> str:
    out = subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def render_in(tree: Path, relations: int, per_actor: float, out: Path) -> dict[str, Any]:
    """Render the generated graph with the code of ``tree``, in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(tree), OMP_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(relations), str(per_actor), str(out)],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def cpu(opened: Opened) -> float:
    value = opened.cpu()
    return float(value) if value is not None else float("nan")


def measure(browser: Any, side: Side, hub: str, cap: float) -> None:
    """One load of a page: its first draw, then the focus on ``hub``."""
    opened = open_page(browser, side.path)
    side.loads.append(opened.load)
    first = opened.wait("paint", cap)
    if first is None:
        side.errors.append(f"no first frame within {cap:.0f} s")
    else:
        side.first.append(first)
        side.first_cpu.append(cpu(opened))
        opened.page.wait_for_function(
            "window.relgraph && window.relgraph.firstDraw !== null", timeout=cap * 1000
        )
        opened.page.wait_for_timeout(1000)  # let the page settle after its first frame
        before = cpu(opened)
        found = opened.page.evaluate(SELECT, [hub, cap * 1000])
        after = cpu(opened)
        if not found["ok"] or found["painted"] is None:
            side.errors.append(f"selecting {hub} drew nothing within {cap:.0f} s")
        else:
            side.focus.append((found["painted"] - found["start"]) / 1000)
            side.focus_call.append(found["call"] / 1000)
            side.focus_cpu.append(after - before)
    side.errors += opened.errors
    side.requests += opened.requests
    opened.context.close()


def ratio(new: list[float], old: list[float]) -> str:
    if not new or not old:
        return "–"
    med = statistics.median(new) / statistics.median(old)
    per = [a / b for a, b in zip(new, old, strict=False) if b]
    if len(per) < 2:
        return f"{med:.2f}x"
    return f"{med:.2f}x ({min(per):.2f}–{max(per):.2f}x)"


def table(new: Side, old: Side) -> list[str]:
    rows = [
        ("first draw, wall", new.first, old.first),
        ("first draw, renderer CPU", new.first_cpu, old.first_cpu),
        ("focus (select the hub), wall", new.focus, old.focus),
        ("focus, renderer CPU", new.focus_cpu, old.focus_cpu),
        ("focus, the call itself", new.focus_call, old.focus_call),
    ]
    lines = [
        f"| measure | today ({new.name}) | older ({old.name}) | today / older |",
        "|---|---:|---:|---:|",
    ]
    for label, a, b in rows:
        lines.append(f"| {label} | {_spread(a)} | {_spread(b)} | {ratio(a, b)} |")
    lines.append(
        f"| page size | {new.bytes / 1e6:.1f} MB | {old.bytes / 1e6:.1f} MB | "
        f"{new.bytes / old.bytes:.2f}x |"
    )
    lines.append(
        f"| render in Python (one run, wall) | {_t(new.render)} | {_t(old.render)} | "
        f"{new.render / old.render:.2f}x |"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--relations", type=int, default=40_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help=f"the older commit (default: the last before {BEFORE})")
    parser.add_argument("--cap", type=float, default=120.0, help="longest wait, seconds")
    parser.add_argument("--json", help="write the timings to this file")
    parser.add_argument("--keep", help="keep the two pages in this folder")
    args = parser.parse_args(argv)

    base = args.baseline or git("log", f"--before={BEFORE}", "-1", "--format=%H")
    base = git("rev-parse", "--short", base)
    head = git("rev-parse", "--short", "HEAD")
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--", "relgraph") else ""
    per_actor = args.relations / args.actors
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        tree = Path(tmp) / "baseline"
        git("worktree", "add", "--detach", "--quiet", str(tree), base)
        try:
            new = Side(f"{head}{dirty}", folder / "today.html")
            old = Side(base, folder / "older.html")
            hubs = set()
            for side, root in ((new, ROOT), (old, tree)):
                made = render_in(root, args.relations, per_actor, side.path)
                side.render, side.bytes = made["seconds"], side.path.stat().st_size
                hubs.add(made["hub"])
                print(
                    f"{side.name}: {made['actors']:,} actors, {made['relations']:,} relations, "
                    f"{side.bytes / 1e6:.1f} MB page in {made['seconds']:.1f} s; "
                    f"hub {made['hub']} with {made['hub_relations']} relations",
                    file=sys.stderr,
                )
        finally:
            git("worktree", "remove", "--force", str(tree))
        if len(hubs) != 1:
            print("the two trees generated different graphs", file=sys.stderr)
            return 1
        hub = hubs.pop()

        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = launch(pw)
            for n in range(args.rounds):
                order = (new, old) if n % 2 == 0 else (old, new)
                for side in order:
                    measure(browser, side, hub, args.cap)
                    print(
                        f"round {n + 1}, {side.name}: first draw "
                        f"{_t(side.first[-1]) if side.first else '–'}, focus "
                        f"{_t(side.focus[-1]) if side.focus else '–'} "
                        f"(load {side.loads[-1]:.2f})",
                        file=sys.stderr,
                    )
            browser.close()

    print(
        f"\n{args.actors:,} actors / {args.relations:,} relations, {args.rounds} rounds "
        f"interleaved, Chromium headless 1400x900; 1-minute load average "
        f"{_loads(new.loads + old.loads)}\n"
    )
    print("\n".join(table(new, old)))
    for side in (new, old):
        if side.errors:
            print(f"\n{side.name}: " + "; ".join(sorted(set(side.errors))))
        if side.requests:
            print(f"\n{side.name} asked for: " + ", ".join(sorted(set(side.requests))))
    first = statistics.median(new.first) if new.first else float("inf")
    focus = statistics.median(new.focus) if new.focus else float("inf")
    print(
        f"\ngoals: first draw < {GOAL_FIRST:.0f} s: {'met' if first < GOAL_FIRST else 'NOT met'} "
        f"({_t(first)}); focus < {GOAL_FOCUS:.0f} s: "
        f"{'met' if focus < GOAL_FOCUS else 'NOT met'} ({_t(focus)})"
    )
    if args.json:
        out = {
            "actors": args.actors,
            "relations": args.relations,
            "rounds": args.rounds,
            "hub": hub,
            "today": {k: v for k, v in asdict(new).items() if k != "path"},
            "older": {k: v for k, v in asdict(old).items() if k != "path"},
        }
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
