"""How fast is relgraph's page next to pyvis's defaults, in Python and in headless Chromium?

For generated scale-free graphs of 100, 1k, 5k and 10k actors with three
relations per actor (``bench/generate.py``: Barabási–Albert ties, several
relation types and statuses, many pairs tied by more than one relation) this
prints, in one run, for relgraph's page and for pyvis as it comes:

* **render**: time in Python to write the page. relgraph: ``relgraph.render(ds,
  path)``, the median of a few runs, and the first call in a fresh Python
  process ("cold": its lazy imports of igraph, Jinja and the analysis count).
  pyvis: ``Network()`` filled with ``add_node``/``add_edge`` as a typical user
  does, then ``write_html``. Its ``add_edge`` scans every edge already added
  (and ``add_node`` every node id), so the time grows with the square of the
  graph; past ``--add-cap`` seconds the script stops timing it, estimates the
  whole by fitting ``a*k + b*k*k`` to the timings of the first k edges, and
  appends the remaining edges to ``net.edges`` directly, with the same
  outcome (in its default undirected mode pyvis keeps one edge per pair of
  actors and drops the others);
* **file size** of the page;
* in Debian's Chromium, headless, each page opened from ``file://`` in a fresh
  context (1400x900): **first frame**, from navigation start until the first
  frame vis-network drew is on screen (median of ``--loads`` loads for relgraph,
  one load for pyvis); for pyvis, whose physics is on by default, also the time
  until vis reports the layout **stabilised** (both capped at ``--cap`` seconds);
* the cost of one **pan** frame (mouse drag) and one **zoom** frame (mouse
  wheel, alternately in and out at the opening view): from the input event to
  the end of the frame that shows it (the canvas drawn, painted and committed),
  the median over ``--frames`` frames after two warm-up frames; and a **full
  redraw** at the opening view (vis's ``renderer._redraw()``, then the paint),
  which is what a click or the end of a drag costs.

pyvis's page (``cdn_resources="in_line"``, so that vis-network is in the file)
still asks for Bootstrap from a CDN; there is no network here, so those
requests are aborted by Playwright's routing, and the page goes on without
them. relgraph's page makes no request at all; the script counts them.

So that a figure can be told from the machine's load, every timing is taken
with the CPU time beside the wall time, and with the 1-minute load average
(``os.getloadavg``) read as it starts: for the Python render, the process's
CPU time (``time.process_time``); for a page, the CPU time Chromium's
renderer process had spent when the first frame was reported (the DevTools
``Performance`` domain's ``ProcessTime``, read just after; it includes the
parsing of the page). relgraph and its baseline run interleaved: each round
renders relgraph's page and then writes pyvis's, and the pyvis page is
loaded between relgraph's first and second load. Each figure is printed as
the median with its range, ``median (min–max)``, and a render's ratio to
pyvis is the median (and range) of the ratios within a round.

Then it checks the goals: a 5k-actor page drawn in under 3 s with pan and zoom
frames under 50 ms, a 10k-actor page drawn in under 8 s, and rendering in
Python under 2 s at 10k — each on the median wall time, and on the median
CPU time, which a busy machine inflates far less.

Run from the repository root (about 5 minutes; ``--quick`` about half a minute)::

    python bench/bench_render.py
    python bench/bench_render.py --sizes 100,1k --quick
    python bench/bench_render.py --json render.json --keep pages/

Chromium is ``/usr/bin/chromium`` or the path in ``RELGRAPH_CHROMIUM``. Like
``bench_analysis.py``, the script sets ``OMP_NUM_THREADS=1`` so that igraph's
PageRank does not make the timings swing on a busy machine.
"""

from __future__ import annotations

import os

# igraph's PageRank (PRPACK) runs OpenMP threads; one thread keeps the timings steady
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "scripts"))

from bench_load import spread  # noqa: E402
from generate import generate, parse_size  # noqa: E402

from chromium import CHROMIUM, VIEWPORT, launch  # noqa: E402
from relgraph.model import Dataset  # noqa: E402

SIZES = (100, 1_000, 5_000, 10_000)
QUICK_SIZES = (100, 1_000)
PER_ACTOR = 3
WARMUP_FRAMES = 2
#: Longest wait for one frame, in milliseconds.
FRAME_TIMEOUT = 10_000
PAN_STEP = 15  # pixels per pan frame, past Hammer.js's 10-pixel threshold
WHEEL_STEP = 100
#: The zoom at which relgraph's large pages switch edge styles (DETAIL_SCALE in page.js).
DETAIL_SCALE = 0.35
#: Goals from the issue, on this machine.
GOAL_FIRST_5K = 3.0
GOAL_FRAME_5K = 0.050
GOAL_FIRST_10K = 8.0
GOAL_RENDER_10K = 2.0

# Runs in every page before its own scripts. It records when vis-network draws
# (its `initRedraw` and `afterDrawing` events, by wrapping `emit` on the Network
# class as vis-network defines it) and when the frame holding each drawing is done:
# a message posted from inside the frame's requestAnimationFrame callback runs once
# the frame has been painted and committed; a drawing made outside a frame (relgraph
# draws its first one while its script runs) waits for the next frame.
INSTRUMENT = """
(() => {
  const rec = { draws: [], events: {}, firstDraw: null, firstPaint: null, network: null,
    pending: null, drawStart: null, inRaf: false };
  window.__bench = rec;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = function (cb) {
    return raf(function (ts) {
      rec.inRaf = true;
      try { return cb(ts); } finally { rec.inRaf = false; }
    });
  };
  // tells the benchmark at once, without it having to ask a page that may be busy for minutes
  function report(name, value) {
    if (typeof window.__benchReport === "function") window.__benchReport(name, value);
  }
  function afterFrame(cb) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => cb(performance.now());
    channel.port2.postMessage(0);
  }
  function patch(Network) {
    const emit = Network.prototype.emit;
    Network.prototype.emit = function (name) {
      if (!rec.network) rec.network = this;
      const t = performance.now();
      if (name === "initRedraw") rec.drawStart = t;
      const out = emit.apply(this, arguments);
      if (name === "afterDrawing") {
        const d = { start: rec.drawStart, end: performance.now(), input: rec.pending,
          painted: null };
        rec.pending = null;
        rec.draws.push(d);
        if (rec.firstDraw === null) rec.firstDraw = d.end;
        const done = (p) => {
          d.painted = p;
          if (rec.firstPaint === null) { rec.firstPaint = p; report("paint", p); }
        };
        if (rec.inRaf) afterFrame(done); else raf(() => afterFrame(done));
      } else if (name === "stabilized" || name === "stabilizationIterationsDone") {
        (rec.events[name] = rec.events[name] || []).push(t);
        report(name, t);
      }
      return out;
    };
  }
  let vis;
  Object.defineProperty(window, "vis", {
    configurable: true,
    get() { return vis; },
    set(value) {
      vis = value;
      let Network;
      Object.defineProperty(value, "Network", {
        configurable: true, enumerable: true,
        get() { return Network; },
        set(cls) { Network = cls; patch(cls); },
      });
    },
  });
  for (const type of ["pointermove", "pointerup", "wheel"]) {
    window.addEventListener(type, () => {
      if (rec.pending === null) rec.pending = performance.now();
    }, true);
  }
})();
"""

# Forget any input seen so far; the count of drawings made.
ARM = "() => { window.__bench.pending = null; return window.__bench.draws.length; }"

# The first drawing from index `from` on that follows an input, once its frame is done.
NEXT_FRAME = """([from, ms]) => new Promise((resolve) => {
  const t0 = performance.now();
  (function poll() {
    const d = window.__bench.draws.slice(from).find((x) => x.input !== null);
    if (d && d.painted !== null) resolve(d);
    else if (performance.now() - t0 > ms) resolve(null);
    else setTimeout(poll, 4);
  })();
})"""

# `n` full redraws at the current view, each inside a frame: [draw ms, frame ms].
FULL_REDRAW = """(n) => new Promise((resolve) => {
  const net = window.__bench.network;
  const out = [];
  function one() {
    requestAnimationFrame(() => {
      const t0 = performance.now();
      net.renderer._redraw();
      const t1 = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        out.push([t1 - t0, performance.now() - t0]);
        if (out.length < n) setTimeout(one, 30); else resolve(out);
      };
      channel.port2.postMessage(0);
    });
  }
  one();
})"""

CANVAS_BOX = """() => {
  const net = window.__bench.network;
  const r = net.canvas.frame.canvas.getBoundingClientRect();
  return {x: r.left, y: r.top, w: r.width, h: r.height, scale: net.getScale()};
}"""

# A point on the canvas, in page coordinates, with no node under it (a drag that
# starts on a node moves the node, not the view).
EMPTY_POINT = """(box) => {
  const net = window.__bench.network;
  for (const fy of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
    for (const fx of [0.3, 0.25, 0.35, 0.2, 0.4, 0.15, 0.45]) {
      const p = {x: box.w * fx, y: box.h * fy};
      if (net.getNodeAt(p) === undefined && net.getEdgeAt(p) === undefined) {
        return {x: box.x + p.x, y: box.y + p.y};
      }
    }
  }
  return {x: box.x + box.w * 0.3, y: box.y + box.h * 0.5};
}"""


# -- results -----------------------------------------------------------------------


@dataclass
class PageResult:
    """What one page did in Chromium (seconds; None when not reached or not measured)."""

    first_frame: float | None = None
    first_frames: list[float] = field(default_factory=list)
    #: the renderer process's CPU time at each first frame, and the load average at each load
    first_cpus: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    stabilised: float | None = None
    opening_scale: float | None = None
    pan: float | None = None
    pan_draw: float | None = None
    zoom: float | None = None
    zoom_draw: float | None = None
    full: float | None = None
    full_draw: float | None = None
    detail_in: float | None = None
    detail_out: float | None = None
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class SizeResult:
    actors: int
    relations: int
    relgraph_render: float = 0.0
    relgraph_renders: list[float] = field(default_factory=list)
    relgraph_cpus: list[float] = field(default_factory=list)
    pyvis_writes: list[float] = field(default_factory=list)
    pyvis_write_cpus: list[float] = field(default_factory=list)
    #: the load average as each round of renders started
    render_loads: list[float] = field(default_factory=list)
    relgraph_cold: float | None = None
    relgraph_bytes: int = 0
    pyvis_build: float = 0.0
    pyvis_build_cpu: float = 0.0
    pyvis_build_estimated: bool = False
    pyvis_build_timed_edges: int = 0
    pyvis_write: float = 0.0
    pyvis_bytes: int = 0
    pyvis_edges: int = 0
    relgraph_page: PageResult = field(default_factory=PageResult)
    pyvis_page: PageResult = field(default_factory=PageResult)

    @property
    def pyvis_render(self) -> float:
        return self.pyvis_build + self.pyvis_write

    def render_ratios(self) -> list[float]:
        """relgraph's render over pyvis's (one build plus this round's write), by round."""
        return [
            ours / (self.pyvis_build + theirs)
            for ours, theirs in zip(self.relgraph_renders, self.pyvis_writes, strict=True)
        ]


# -- Python side -------------------------------------------------------------------


def dataset(actors: int) -> Dataset:
    """A generated dataset of ``actors`` actors and ``PER_ACTOR`` relations per actor."""
    ds = generate(actors * PER_ACTOR, seed=0, per_actor=PER_ACTOR)
    assert len(ds.entities) == actors, (len(ds.entities), actors)
    return ds


def timed(func: Any) -> tuple[float, float]:
    """Wall and CPU seconds of ``func()``."""
    start, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - start, time.process_time() - cpu


def time_rounds(ds: Dataset, path: Path, net: Any, pv_path: Path, runs: int, r: SizeResult) -> None:
    """``runs`` rounds, each relgraph's render and then pyvis's write, wall and CPU time."""
    from relgraph import render

    for _ in range(runs):
        r.render_loads.append(os.getloadavg()[0])
        wall, cpu = timed(lambda: render(ds, path))
        r.relgraph_renders.append(wall)
        r.relgraph_cpus.append(cpu)
        wall, cpu = timed(lambda: net.write_html(str(pv_path)))
        r.pyvis_writes.append(wall)
        r.pyvis_write_cpus.append(cpu)


def cold_render(actors: int, path: Path) -> float:
    """The first ``render`` call in a fresh Python process, in seconds."""
    out = subprocess.run(
        [sys.executable, __file__, "--cold-render", str(actors), "--out", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def _fit_quadratic(marks: list[tuple[int, float]], total: int) -> float:
    """Fit t(k) = t0 + a*k + b*k*k to ``marks`` (k, t) and return t(total)."""
    t0 = marks[0][1]
    pts = [(k, t - t0) for k, t in marks[1:] if k > 0]
    s11 = sum(k * k for k, _ in pts)
    s12 = sum(k**3 for k, _ in pts)
    s22 = sum(k**4 for k, _ in pts)
    r1 = sum(k * t for k, t in pts)
    r2 = sum(k * k * t for k, t in pts)
    det = s11 * s22 - s12 * s12
    a = (r1 * s22 - r2 * s12) / det
    b = (s11 * r2 - s12 * r1) / det
    return t0 + a * total + b * total * total


def build_pyvis(ds: Dataset, cap: float) -> tuple[Any, float, float, bool, int]:
    """pyvis's ``Network()`` with its defaults, filled the way its documentation shows.

    Returns the network, the wall and CPU time taken (or, past ``cap`` seconds,
    their estimates: the CPU time in the proportion measured), whether they are
    estimates, and how many edges went through ``add_edge``.
    """
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")  # vis-network in the file: there is no network here
    start = time.perf_counter()
    cpu = time.process_time()
    for e in ds.entities:
        net.add_node(e.id, label=e.name)
    marks = [(0, time.perf_counter() - start)]
    relations = ds.relations
    timed = len(relations)
    for i, r in enumerate(relations):
        net.add_edge(r.source, r.target, title=r.type)
        if (i + 1) % 250 == 0:
            marks.append((i + 1, time.perf_counter() - start))
            if marks[-1][1] > cap and i + 1 < len(relations):
                timed = i + 1
                break
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    if timed == len(relations):
        return net, elapsed, cpu, False, timed
    estimate = _fit_quadratic(marks, len(relations))
    # the rest as add_edge would add them (undirected: one edge per pair), without its scans
    seen = {frozenset((e["from"], e["to"])) for e in net.edges}
    for r in relations[timed:]:
        pair = frozenset((r.source, r.target))
        if pair not in seen:
            seen.add(pair)
            net.edges.append({"title": r.type, "from": r.source, "to": r.target})
    return net, estimate, estimate * cpu / elapsed, True, timed


# -- Chromium side ---------------------------------------------------------------


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _frame(page: Any, action: Any, timeout_ms: float) -> dict[str, float] | None:
    """Do ``action`` (an input) and return the drawing that followed it, once on screen."""
    start = page.evaluate(ARM)
    action()
    found: dict[str, float] | None = page.evaluate(NEXT_FRAME, [start, timeout_ms])
    return found


def _frames(page: Any, actions: list[Any], timeout_ms: float) -> tuple[float | None, float | None]:
    """Median frame time and median drawing time (seconds) over ``actions``, after warm-up."""
    frames, draws = [], []
    for i, action in enumerate(actions):
        d = _frame(page, action, timeout_ms)
        if d is None or i < WARMUP_FRAMES:
            continue
        frames.append((d["painted"] - d["input"]) / 1000)
        draws.append((d["end"] - d["start"]) / 1000)
    return _median(frames), _median(draws)


def measure_frames(page: Any, result: PageResult, count: int, timeout_ms: float) -> None:
    box = page.evaluate(CANVAS_BOX)
    result.opening_scale = box["scale"]
    full = page.evaluate(FULL_REDRAW, 5)
    result.full_draw = _median([d / 1000 for d, _ in full])
    result.full = _median([f / 1000 for _, f in full])

    # zoom: the wheel at the centre, in and out in turn, so the view stays at the opening zoom
    cx, cy = box["x"] + box["w"] / 2, box["y"] + box["h"] / 2
    page.mouse.move(cx, cy)
    page.wait_for_timeout(300)
    steps = [
        (lambda dy=(-WHEEL_STEP if i % 2 == 0 else WHEEL_STEP): page.mouse.wheel(0, dy))
        for i in range(count + WARMUP_FRAMES)
    ]
    result.zoom, result.zoom_draw = _frames(page, steps, timeout_ms)
    page.wait_for_timeout(400)  # vis draws the edges again 250 ms after the last wheel event

    # pan: drag the view from a point with no node under it
    box = page.evaluate(CANVAS_BOX)
    p = page.evaluate(EMPTY_POINT, box)
    page.mouse.move(p["x"], p["y"])
    page.mouse.down()
    page.mouse.move(p["x"] + PAN_STEP, p["y"])  # starts the drag; vis draws from the next move
    page.wait_for_timeout(100)
    moves = [
        (lambda x=p["x"] + PAN_STEP * (i + 2): page.mouse.move(x, p["y"]))
        for i in range(count + WARMUP_FRAMES)
    ]
    result.pan, result.pan_draw = _frames(page, moves, timeout_ms)
    page.mouse.up()
    page.wait_for_timeout(300)


def measure_detail_switch(page: Any, result: PageResult, timeout_ms: float) -> None:
    """relgraph's large pages restyle every edge when the zoom crosses a threshold.

    Zoom to just below it, then one wheel step in (crossing it) and one out.
    """
    page.evaluate(f"() => window.__bench.network.moveTo({{scale: {DETAIL_SCALE * 0.97}}})")
    page.wait_for_timeout(400)
    box = page.evaluate(CANVAS_BOX)
    page.mouse.move(box["x"] + box["w"] / 2, box["y"] + box["h"] / 2)
    page.wait_for_timeout(300)
    for sign, attr in ((-1, "detail_in"), (1, "detail_out")):
        d = _frame(page, lambda s=sign: page.mouse.wheel(0, s * WHEEL_STEP), timeout_ms)
        if d is not None:
            setattr(result, attr, (d["painted"] - d["input"]) / 1000)
        page.wait_for_timeout(400)


@dataclass
class Opened:
    """A page open in its own browser context, with what it reported and asked for."""

    context: Any
    page: Any
    started: float
    reports: dict[str, float] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cdp: Any = None
    load: float = 0.0

    def cpu(self) -> float | None:
        """The CPU seconds the page's renderer process has spent so far."""
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        found = [m["value"] for m in metrics if m["name"] == "ProcessTime"]
        return float(found[0]) if found else None

    def wait(self, name: str, cap: float) -> float | None:
        """Seconds from navigation start until the page reported ``name``; None past ``cap``.

        Waits on this side: a page busy with pyvis's physics can keep its main thread
        for minutes, and would not answer a question until then.
        """
        while name not in self.reports and time.perf_counter() - self.started < cap:
            self.page.wait_for_timeout(50)
        value = self.reports.get(name)
        return value / 1000 if value is not None and value <= cap * 1000 else None


def open_page(browser: Any, path: Path) -> Opened:
    """A fresh context and page at ``path``, its outside requests aborted and recorded."""
    context = browser.new_context(viewport=VIEWPORT)
    opened = Opened(context, None, 0.0)
    context.expose_binding(
        "__benchReport", lambda _source, name, value: opened.reports.setdefault(name, value)
    )
    context.add_init_script(INSTRUMENT)

    def block(route: Any) -> None:
        opened.requests.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(("file:", "data:", "blob:")), block)
    opened.page = context.new_page()
    opened.page.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.cdp = context.new_cdp_session(opened.page)
    opened.cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    opened.load = os.getloadavg()[0]
    opened.started = time.perf_counter()
    opened.page.goto(path.as_uri(), wait_until="commit")
    return opened


def _first_frame(opened: Opened, result: PageResult, cap: float) -> float | None:
    """Wait for the first frame; record it, the renderer's CPU time then, and the load."""
    first = opened.wait("paint", cap)
    result.loads.append(opened.load)
    if first is not None:
        result.first_frames.append(first)
        cpu = opened.cpu()
        if cpu is not None:
            result.first_cpus.append(cpu)
    return first


def measure_relgraph_page(
    browser: Any,
    path: Path,
    loads: int,
    frames: int,
    cap: float,
    large: bool,
    between: Any = None,
) -> PageResult:
    """``loads`` loads of relgraph's page; ``between()`` runs after the first (the baseline's)."""
    result = PageResult()
    for i in range(loads):
        if i == 1 and between is not None:
            between()
            between = None
        opened = open_page(browser, path)
        first = _first_frame(opened, result, cap)
        if i == loads - 1 and first is not None:
            opened.page.wait_for_timeout(300)
            measure_frames(opened.page, result, frames, FRAME_TIMEOUT)
            if large:
                measure_detail_switch(opened.page, result, FRAME_TIMEOUT)
        result.requests += opened.requests
        result.errors += opened.errors
        opened.context.close()
    if between is not None:
        between()
    result.first_frame = _median(result.first_frames)
    return result


def measure_pyvis_page(browser: Any, path: Path, frames: int, cap: float) -> PageResult:
    result = PageResult()
    opened = open_page(browser, path)
    result.first_frame = _first_frame(opened, result, cap)
    if result.first_frame is not None:
        result.stabilised = opened.wait("stabilized", cap)
        measure_frames(opened.page, result, frames, FRAME_TIMEOUT)
    result.requests, result.errors = opened.requests, opened.errors
    opened.context.close()
    return result


# -- report --------------------------------------------------------------------------


def _t(seconds: float | None, cap: float | None = None, estimated: bool = False) -> str:
    if seconds is None:
        return f"> {cap:.0f} s" if cap else "–"
    text = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return ("≈ " + text) if estimated else text


def _spread(values: list[float]) -> str:
    """'median (min–max)' of timings; one timing as it is."""
    if not values:
        return "–"
    s = spread(values)
    if len(values) == 1:
        return _t(s["median"])
    return f"{_t(s['median'])} ({_t(s['min'])}–{_t(s['max'])})"


def _loads(values: list[float]) -> str:
    return f"{min(values):.1f}–{max(values):.1f}" if values else "unknown"


def _ratio(ours: float | None, theirs: float | None, cap: float | None = None) -> str:
    if ours is None:
        return ""
    if theirs is None:
        return f"< {ours / cap:.2f}x" if cap else ""
    return f"{ours / theirs:.2f}x"


def table(results: list[SizeResult], cap: float) -> list[str]:
    lines = [
        "| actors / relations | measure | relgraph | pyvis defaults | relgraph / pyvis |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        head = f"{r.actors:,} / {r.relations:,}"
        rg, pv = r.relgraph_page, r.pyvis_page
        cold = f" (cold {_t(r.relgraph_cold)})" if r.relgraph_cold is not None else ""
        rows = [
            (
                "render in Python, wall",
                _spread(r.relgraph_renders) + cold,
                _t(r.pyvis_render, estimated=r.pyvis_build_estimated),
                _ratios(r.render_ratios()),
            ),
            (
                "render in Python, CPU",
                _spread(r.relgraph_cpus),
                _t(
                    r.pyvis_build_cpu + statistics.median(r.pyvis_write_cpus),
                    estimated=r.pyvis_build_estimated,
                ),
                _ratios(
                    [
                        ours / (r.pyvis_build_cpu + theirs)
                        for ours, theirs in zip(r.relgraph_cpus, r.pyvis_write_cpus, strict=True)
                    ]
                ),
            ),
            (
                "file size",
                f"{r.relgraph_bytes / 1e6:.2f} MB",
                f"{r.pyvis_bytes / 1e6:.2f} MB",
                _ratio(r.relgraph_bytes, r.pyvis_bytes),
            ),
            (
                "first frame drawn",
                _spread(rg.first_frames) if rg.first_frames else _t(None, cap),
                _t(pv.first_frame, cap),
                _ratio(rg.first_frame, pv.first_frame, cap),
            ),
            (
                "renderer CPU at first frame",
                _spread(rg.first_cpus),
                _spread(pv.first_cpus),
                _ratio(_median(rg.first_cpus), _median(pv.first_cpus)),
            ),
            (
                "layout stabilised",
                "no physics" if rg.first_frame is not None else "–",
                _t(pv.stabilised, cap) if pv.first_frame is not None else f"> {cap:.0f} s",
                "",
            ),
            ("pan frame", _t(rg.pan), _t(pv.pan), _ratio(rg.pan, pv.pan)),
            ("zoom frame", _t(rg.zoom), _t(pv.zoom), _ratio(rg.zoom, pv.zoom)),
            ("full redraw", _t(rg.full), _t(pv.full), _ratio(rg.full, pv.full)),
        ]
        for i, (name, a, b, c) in enumerate(rows):
            lines.append(f"| {head if i == 0 else ''} | {name} | {a} | {b} | {c} |")
    return lines


def _ratios(values: list[float]) -> str:
    if not values:
        return ""
    s = spread(values)
    if len(values) == 1:
        return f"{s['median']:.2f}x"
    return f"{s['median']:.2f}x ({s['min']:.2f}–{s['max']:.2f})"


def goals(results: list[SizeResult]) -> list[str]:
    """Each goal on the median wall time, and on the median CPU time where there is one."""
    by = {r.actors: r for r in results}
    out = []

    def check(label: str, value: float | None, limit: float, cpu: Sequence[float] = ()) -> None:
        verdict = "PASS" if value is not None and value < limit else "FAIL"
        line = f"{verdict}  {label}: {_t(value)} (goal < {_t(limit)})"
        if cpu:
            on_cpu = statistics.median(cpu)
            line += f"; CPU {_t(on_cpu)}: {'PASS' if on_cpu < limit else 'FAIL'}"
        out.append(line)

    if 5_000 in by:
        r = by[5_000].relgraph_page
        check("5k actors, first frame drawn", r.first_frame, GOAL_FIRST_5K, r.first_cpus)
        check("5k actors, pan frame", r.pan, GOAL_FRAME_5K)
        check("5k actors, zoom frame", r.zoom, GOAL_FRAME_5K)
    if 10_000 in by:
        r10 = by[10_000]
        page = r10.relgraph_page
        check("10k actors, first frame drawn", page.first_frame, GOAL_FIRST_10K, page.first_cpus)
        check(
            "10k actors, render in Python (median)",
            r10.relgraph_render,
            GOAL_RENDER_10K,
            r10.relgraph_cpus,
        )
        if r10.relgraph_cold is not None:
            check("10k actors, render in Python (cold)", r10.relgraph_cold, GOAL_RENDER_10K)
    return out


def notes(results: list[SizeResult], cap: float) -> list[str]:
    out = []
    for r in results:
        rg, pv = r.relgraph_page, r.pyvis_page
        extra = [
            f"load average as the renders started {_loads(r.render_loads)}, as the pages "
            f"loaded {_loads(rg.loads + pv.loads)}"
        ]
        if r.pyvis_build_estimated:
            extra.append(
                f"pyvis add_node/add_edge timed for {r.pyvis_build_timed_edges:,} of "
                f"{r.relations:,} edges, the whole estimated; the rest appended to net.edges"
            )
        extra.append(
            f"pyvis page draws {r.pyvis_edges:,} of {r.relations:,} relations "
            "(undirected: one edge per pair)"
        )
        if rg.opening_scale is not None:
            extra.append(f"relgraph opening zoom {rg.opening_scale:.3f}")
        if rg.pan_draw is not None and rg.zoom_draw is not None and rg.full_draw is not None:
            extra.append(
                f"relgraph vis drawing alone: pan {_t(rg.pan_draw)}, zoom {_t(rg.zoom_draw)}, "
                f"full {_t(rg.full_draw)}"
            )
        if rg.detail_in is not None:
            extra.append(
                f"relgraph zoom frame crossing the detail threshold: in {_t(rg.detail_in)}, "
                f"out {_t(rg.detail_out)}"
            )
        if pv.first_frame is not None and pv.stabilised is None:
            extra.append(f"pyvis physics still running at {cap:.0f} s: its frames include it")
        if len(rg.first_frames) > 1:
            extra.append(
                "relgraph first frame per load: "
                + ", ".join(_t(x) for x in sorted(rg.first_frames))
            )
        extra.append(
            f"requests: relgraph {len(rg.requests)}, pyvis {len(pv.requests)} aborted "
            f"({', '.join(sorted({u.split('/')[2] for u in pv.requests})) or 'none'})"
        )
        if rg.errors or pv.errors:
            extra.append(f"page errors: relgraph {rg.errors}, pyvis {pv.errors}")
        out.append(f"{r.actors:,} actors: " + "; ".join(extra) + ".")
    return out


# -- main ----------------------------------------------------------------------------


def run_size(actors: int, out: Path, args: argparse.Namespace, browser: Any) -> SizeResult:
    ds = dataset(actors)
    r = SizeResult(actors, len(ds.relations))
    rg_path, pv_path = out / f"relgraph-{actors}.html", out / f"pyvis-{actors}.html"
    print(f"\n{actors:,} actors, {len(ds.relations):,} relations", file=sys.stderr)

    net, r.pyvis_build, r.pyvis_build_cpu, r.pyvis_build_estimated, r.pyvis_build_timed_edges = (
        build_pyvis(ds, args.add_cap)
    )
    r.pyvis_edges = len(net.edges)
    print(f"  pyvis build {_t(r.pyvis_build, estimated=r.pyvis_build_estimated)}", file=sys.stderr)
    time_rounds(ds, rg_path, net, pv_path, args.runs, r)
    del net
    r.relgraph_render = statistics.median(r.relgraph_renders)
    r.pyvis_write = statistics.median(r.pyvis_writes)
    r.relgraph_bytes = rg_path.stat().st_size
    r.pyvis_bytes = pv_path.stat().st_size
    if not args.quick:
        r.relgraph_cold = cold_render(actors, out / f"cold-{actors}.html")
    print(
        f"  relgraph render {_spread(r.relgraph_renders)}, CPU {_spread(r.relgraph_cpus)} "
        f"(cold {_t(r.relgraph_cold)}); pyvis write {_spread(r.pyvis_writes)}",
        file=sys.stderr,
    )

    from relgraph.rendering import LARGE_GRAPH_EDGES

    large = len(ds.relations) >= LARGE_GRAPH_EDGES

    def pyvis_page() -> None:
        r.pyvis_page = measure_pyvis_page(browser, pv_path, args.frames, args.cap)

    r.relgraph_page = measure_relgraph_page(
        browser, rg_path, args.loads, args.frames, args.cap, large, between=pyvis_page
    )
    print(
        f"  relgraph page: first frame {_spread(r.relgraph_page.first_frames)}, renderer CPU "
        f"{_spread(r.relgraph_page.first_cpus)}",
        file=sys.stderr,
    )
    print(
        f"  pyvis page: first frame {_t(r.pyvis_page.first_frame, args.cap)}, "
        f"stabilised {_t(r.pyvis_page.stabilised, args.cap)}",
        file=sys.stderr,
    )
    return r


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python bench/bench_render.py --sizes 100,1k --quick",
    )
    parser.add_argument("--sizes", help="actors per graph, e.g. 100,1k,5k,10k (the default)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="sizes 100 and 1k unless --sizes; one run and one load each, 5 frames, "
        "15 s caps, no cold process",
    )
    parser.add_argument("--runs", type=int, help="Python renders per size (3; 1 with --quick)")
    parser.add_argument(
        "--loads", type=int, help="relgraph page loads per size (3; 1 with --quick)"
    )
    parser.add_argument("--frames", type=int, help="pan and zoom frames measured (10; 5 quick)")
    parser.add_argument("--cap", type=float, help="seconds to wait for pyvis (60; 15 quick)")
    parser.add_argument(
        "--add-cap", type=float, help="seconds of pyvis add_edge timed (30; 10 quick)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--keep", metavar="DIR", help="keep the pages in this folder")
    parser.add_argument("--cold-render", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.cold_render:  # a fresh process: time the first render() call only
        from relgraph import render

        ds = dataset(args.cold_render)
        start = time.perf_counter()
        render(ds, args.out)
        print(json.dumps({"seconds": time.perf_counter() - start}))
        return

    quick = args.quick
    sizes = (
        tuple(parse_size(s) for s in args.sizes.split(","))
        if args.sizes
        else QUICK_SIZES
        if quick
        else SIZES
    )
    defaults = {"runs": 1 if quick else 3, "loads": 1 if quick else 3, "frames": 5 if quick else 10}
    defaults |= {"cap": 15.0 if quick else 60.0, "add_cap": 10.0 if quick else 30.0}
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)

    if not os.path.exists(CHROMIUM):
        sys.exit(f"Chromium not found at {CHROMIUM}: install it or set RELGRAPH_CHROMIUM")
    import pyvis
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        out = Path(args.keep) if args.keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        browser = launch(pw)
        version = browser.version
        try:
            results = [run_size(n, out, args, browser) for n in sizes]
        finally:
            browser.close()
    elapsed = time.perf_counter() - started

    print(
        f"\nrelgraph page vs pyvis {pyvis.__version__} defaults; Chromium {version} headless; "
        f"Python {platform.python_version()}; {os.cpu_count()} cores; run took {elapsed:.0f} s; "
        f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after, "
        f"{_loads([x for r in results for x in r.render_loads + r.relgraph_page.loads])} "
        "as the runs started (other work on the machine shows in wall times; CPU times "
        "show it far less)\n"
    )
    print("\n".join(table(results, args.cap)))
    print()
    print("\n".join(notes(results, args.cap)))
    print()
    print("\n".join(goals(results)))
    if args.json:
        payload = {"chromium": version, "pyvis": pyvis.__version__, "cap": args.cap}
        payload["results"] = [asdict(r) for r in results]
        Path(args.json).write_text(json.dumps(payload, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
