"""How fast is relgraph's analysis next to igraph, the fastest peer, on the same projection?

For generated scale-free datasets of 1k, 10k and 100k relations (see
``bench/generate.py``) this prints, in one run:

* the one-off preparation: filtering and the undirected and directed
  projections as igraph graphs (relgraph's ``Network``), against the igraph
  code a user would write to load the same relations (``Graph.TupleList``,
  then ``simplify`` summing the weights of merged pairs);
* per metric, relgraph's time (``relgraph.analysis`` on the prepared
  ``Network``, results wrapped for the caller) against igraph called directly
  on the same igraph graph, as a ratio (goal: within 3x at 100k for degree,
  PageRank, eigenvector, Louvain and sampled betweenness), with NetworkX's time
  on the same projection for reference where it runs in reasonable time;
* for every timing, wall time and CPU time (``time.process_time``) side by
  side, relgraph's and igraph's runs interleaved (relgraph, igraph, relgraph,
  igraph…) so that the machine's load falls on both alike; each figure is the
  median of the runs with its range, ``median (min–max)``, the ratio the
  median of the ratios within a round, and the 1-minute load average read as
  each round started is printed with it;
* the accuracy of sampled betweenness: Spearman's rank correlation between
  sampled and exact values over the top 100 actors by exact betweenness, at
  10k relations (goal: at least 0.9).

Run from the repository root::

    python bench/bench_analysis.py            # 1k, 10k, 100k
    python bench/bench_analysis.py 1000 10000 # chosen sizes

It sets ``OMP_NUM_THREADS=1`` (unless already set) so that igraph's OpenMP
PageRank does not make the timings swing on a busy machine.
"""

from __future__ import annotations

import os

# igraph's PageRank (PRPACK) runs OpenMP threads; on a busy 2-core machine their
# spinning makes timings swing 100-fold. One thread gives stable, comparable numbers
# for relgraph and igraph alike (both run the same igraph code).
os.environ.setdefault("OMP_NUM_THREADS", "1")

import random
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import spread
from generate import generate

from relgraph import analysis
from relgraph.analysis import Network, centrality, communities

SIZES = (1_000, 10_000, 100_000)
SAMPLES = analysis.AUTO_SAMPLES
#: NetworkX is skipped above this many relations for the slow metrics.
NX_LIMIT = 10_000


Timing = dict[str, list[float]]


def timed(func: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of one call of ``func``."""
    start, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - start, time.process_time() - cpu


def paired(
    ours: Callable[[], Any], theirs: Callable[[], Any] | None, repeat: int
) -> tuple[Timing, Timing]:
    """``repeat`` rounds of ``ours()`` then ``theirs()``: wall, CPU and load of each run."""
    a: Timing = {"wall": [], "cpu": [], "load": []}
    b: Timing = {"wall": [], "cpu": [], "load": []}
    for _ in range(repeat):
        for func, into in ((ours, a), (theirs, b)):
            if func is None:
                continue
            into["load"].append(os.getloadavg()[0])
            wall, cpu = timed(func)
            into["wall"].append(wall)
            into["cpu"].append(cpu)
    return a, b


def fmt(values: list[float] | None) -> str:
    """'median (min–max)' in milliseconds; '-' when not measured."""
    if not values:
        return "-"
    s = spread([v * 1000 for v in values])
    if len(values) == 1:
        return f"{s['median']:.1f} ms"
    return f"{s['median']:.1f} ({s['min']:.1f}–{s['max']:.1f}) ms"


def ratio(ours: list[float], theirs: list[float]) -> str:
    """The median of the round-by-round ratios, and their range."""
    pairs = [a / b for a, b in zip(ours, theirs, strict=True) if b > 0]
    if not pairs:
        return "-"
    s = spread(pairs)
    return f"{s['median']:.2f}x ({s['min']:.2f}–{s['max']:.2f})"


def igraph_louvain(g: ig.Graph) -> Any:
    ig.set_random_number_generator(random.Random(0))
    try:
        return g.community_multilevel(weights="weight")
    finally:
        ig.set_random_number_generator(random)


Row = tuple[str, Timing, Timing, Timing | None]


def bench(relations: int) -> tuple[list[Row], float | None]:
    ds = generate(relations, seed=1)
    repeat = 5 if relations <= 10_000 else 3

    def prepare() -> Network:
        net = Network(ds)
        net.igraph(False)
        net.igraph(True)
        return net

    net = prepare()
    one_way = {t.id: t.directed for t in ds.vocabulary.relation_types.values()}
    ids = [e.id for e in ds.entities]

    def igraph_build() -> tuple[ig.Graph, ig.Graph]:
        """What an igraph user writes: graphs from the relation list, merged pairs summed."""
        kept = [r for r in ds.relations if r.status != "denied"]
        pairs = [(r.source, r.target) for r in kept]
        both = pairs + [(r.target, r.source) for r in kept if not one_way[r.type]]
        out = []
        for edges, directed in ((pairs, False), (both, True)):
            g = ig.Graph.TupleList(edges, directed=directed)
            present = set(g.vs["name"])
            g.add_vertices([i for i in ids if i not in present])
            g.es["weight"] = 1.0
            g.simplify(combine_edges="sum")
            out.append(g)
        return out[0], out[1]

    t_prepare, t_build = paired(prepare, igraph_build, 1 if relations > 10_000 else 3)
    g, d = net.igraph(False), net.igraph(True)
    u, dg = net.undirected, net.directed
    sources = random.Random(0).sample(list(net.actors), min(SAMPLES, len(net.actors)))
    picked = sorted(net.index[s] for s in sources)
    small = relations <= NX_LIMIT

    rows: list[Row] = [("prepare: load relations into graphs", t_prepare, t_build, None)]
    cases: list[tuple[str, Callable[[], Any], Callable[[], Any], Callable[[], Any] | None]] = [
        ("degree", lambda: centrality(net, "degree"), lambda: g.degree(), lambda: dict(u.degree())),
        (
            "pagerank",
            lambda: centrality(net, "pagerank"),
            lambda: d.pagerank(weights="weight"),
            lambda: nx.pagerank(dg, weight="weight"),
        ),
        (
            "eigenvector",
            lambda: centrality(net, "eigenvector"),
            lambda: g.eigenvector_centrality(weights="weight"),
            (lambda: nx.eigenvector_centrality(u, weight="weight", max_iter=1000))
            if small
            else None,
        ),
        (
            "louvain",
            lambda: communities(net),
            lambda: igraph_louvain(g),
            (lambda: nx.community.louvain_communities(u, weight="weight", seed=0))
            if small
            else None,
        ),
        (
            f"betweenness, {SAMPLES} sources",
            lambda: centrality(net, "betweenness", samples=SAMPLES),
            lambda: g.betweenness(sources=picked, directed=False),
            (lambda: nx.betweenness_centrality(u, k=min(SAMPLES, len(u)), seed=0))
            if relations <= 1_000
            else None,
        ),
    ]
    for name, ours, theirs, reference in cases:
        mine, igraphs = paired(ours, theirs, repeat)
        rows.append((name, mine, igraphs, paired(reference, None, 1)[0] if reference else None))

    rho = None
    if relations == 10_000:
        exact = centrality(net, "betweenness", samples=None).column("betweenness")
        sampled = centrality(net, "betweenness", samples=SAMPLES, seed=0).column("betweenness")
        top = sorted(exact, key=lambda a: (-exact[a], a))[:100]
        rho = analysis._spearman([exact[a] for a in top], [sampled[a] for a in top])
    print(
        f"\n{relations:,} relations: {len(net.actors):,} actors, "
        f"{u.number_of_edges():,} tied pairs (undirected), {dg.number_of_edges():,} (directed)"
    )
    loads = [x for _, a, b, _ in rows for x in a["load"] + b["load"]]
    print(f"  load average (1 min) as the rounds started: {min(loads):.1f}–{max(loads):.1f}")
    print(f"  {'':36} {'':5} {'relgraph':>26} {'igraph':>26} {'ratio':>19} {'networkx':>12}")
    for name, ours_t, theirs_t, ref_t in rows:
        for key in ("wall", "cpu"):
            print(
                f"  {name if key == 'wall' else '':36} {key:5} {fmt(ours_t[key]):>26} "
                f"{fmt(theirs_t[key]):>26} {ratio(ours_t[key], theirs_t[key]):>19} "
                f"{fmt(ref_t[key] if ref_t else None):>12}"
            )
    if rho is not None:
        print(f"  sampled ({SAMPLES} sources) vs exact betweenness, top 100: Spearman {rho:.3f}")
    return rows, rho


def main(argv: list[str]) -> None:
    sizes = tuple(int(a) for a in argv) or SIZES
    warnings.simplefilter("ignore", RuntimeWarning)  # igraph's note on disconnected graphs
    print(
        f"relgraph analysis vs igraph {ig.__version__} (same projection; runs interleaved; "
        "median (min–max) of the runs, wall and CPU time)"
    )
    for size in sizes:
        bench(size)


if __name__ == "__main__":
    main(sys.argv[1:])
