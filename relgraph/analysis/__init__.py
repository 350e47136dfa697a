"""Analysis: who is central, who brokers, which blocs exist, and on what evidence.

Every function takes a :class:`~relgraph.model.Dataset` (with an optional
:class:`~relgraph.filters.Filter`) or a prepared :class:`Network`, and
returns a plain, documented result object with ``to_text()`` and
``to_markdown()`` (the report the command line prints), ``to_records()`` (a
list of dicts, ready for JSON or CSV), ``to_dict()`` and ``to_dataframe()``
(the latter only where pandas is installed; it is never required).

The projections
---------------
Metrics run on the projections of :func:`relgraph.graph.project`, built once
per :class:`Network` from the filtered dataset: the **undirected** projection
(a ``Graph``: every relation joins its two ends) and the **directed** one (a
``DiGraph``: directed relations run from source to target, undirected ones
both ways). An edge's ``weight`` is what the chosen weighting counts between
the pair: relations (default), evidence items, distinct sources or 1. Signs
play no part in centrality; :func:`balance` is where they count.

=================== ============ ======== ==============================================
metric              projection   weights  NetworkX reference on the same projection
=================== ============ ======== ==============================================
``degree``          undirected   no       ``G.degree()``: distinct neighbours
``in_degree``       directed     no       ``D.in_degree()``
``out_degree``      directed     no       ``D.out_degree()``
``weighted_degree`` undirected   yes      ``G.degree(weight="weight")``
``betweenness``     undirected   no       ``betweenness_centrality(G)``, normalised;
                                          sampled: ``(G, k=samples, seed=seed)``
``closeness``       undirected   no       ``closeness_centrality(G)`` (Wasserman–Faust
                                          scaling for disconnected graphs)
``harmonic``        undirected   no       ``harmonic_centrality(G)``
``eigenvector``     undirected   yes      ``eigenvector_centrality(G, weight="weight")``
``pagerank``        directed     yes      ``pagerank(D, alpha=0.85, weight="weight")``
``constraint``      undirected   yes      ``constraint(G, weight="weight")``; lower
                                          means more brokerage; ``nan`` for isolates
``effective_size``  undirected   no       ``effective_size(G)``; ``nan`` for isolates
``k_core``          undirected   no       ``core_number(G)``
=================== ============ ======== ==============================================

Path-based metrics count hops, not weights: a tie backed by more relations is
not "longer" or "shorter" than another.

Engines
-------
``engine="auto"`` (the default) computes on igraph, through a conversion of
the same projection (igraph is a dependency: the page's layout needs it too).
Where igraph cannot be imported, ``"auto"`` and ``"igraph"`` raise a
:class:`~relgraph.errors.UsageError` naming what to install: nothing switches
to NetworkX unasked. ``engine="networkx"`` computes with NetworkX itself, the
reference the tests check igraph against. The two agree within
:data:`TOLERANCE` (``1e-6``, absolute) on every metric; integer metrics are
equal. NetworkX's iterative metrics
(eigenvector, PageRank) run here to a tolerance of ``1e-10`` so that the
engines agree; NetworkX's own default (``tol=1e-6``) can stop up to about
``1e-4`` away.

Randomness is always seeded: sampled betweenness draws its sources with
``random.Random(seed).sample`` exactly as NetworkX does, and Louvain
(:func:`communities`) gives the same partition for the same seed.

Modules
-------
One module per concern; everything they make public is importable from
``relgraph.analysis`` itself.

================= ===============================================================
module            holds
================= ===============================================================
``network``       :class:`Network`: the filtered dataset, its projections, igraph
``metrics``       :data:`METRICS` (a :class:`MetricInfo` per metric, with its
                  igraph and NetworkX functions), :class:`Centrality`, :func:`centrality`
``allegations``   :func:`sensitivity`: a ranking with and without allegations
``groups``        :func:`communities`: seeded Louvain
``evidence``      :class:`RelationEvidence` and :class:`Quote`, shared by the next three
``trails``        :func:`paths`: evidence trails between two actors
``neighbourhood`` :func:`ego`: an actor's neighbourhood
``signed``        :func:`balance`: signed triangles and blocs
``timeline``      :func:`over_time`: period by period
``_common``       helpers several of them share (engines, :func:`seeded_igraph`)
================= ===============================================================

Examples
--------
>>> import relgraph
>>> from relgraph.analysis import centrality, paths
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> c = centrality(ds, ["degree", "pagerank"])
>>> [row["id"] for row in c.to_records(sort="degree", top=2)]
['cuba', 'iran']
>>> trail = paths(ds, "Hezbollah", "Venezuela")
>>> print(trail.paths[0])
Hezbollah - Cuba - Iran - Venezuela
"""

from __future__ import annotations

# No module shares its name with a function, so ``relgraph.analysis.centrality`` is
# always the function and ``relgraph.analysis.metrics`` the module. Names imported
# ``as`` themselves are not in ``__all__`` but were importable from here before the
# analyses were split into modules (the CLI and the benchmarks use them): they stay so.
from relgraph.analysis._common import Engine
from relgraph.analysis._common import Samples as Samples
from relgraph.analysis._common import seeded_igraph as seeded_igraph
from relgraph.analysis.allegations import Sensitivity, SensitivityRow, sensitivity
from relgraph.analysis.allegations import _spearman as _spearman
from relgraph.analysis.evidence import Quote, RelationEvidence
from relgraph.analysis.groups import COMMUNITY_NAMES, Communities, Community, communities
from relgraph.analysis.metrics import AUTO_EXACT_ACTORS as AUTO_EXACT_ACTORS
from relgraph.analysis.metrics import AUTO_SAMPLES as AUTO_SAMPLES
from relgraph.analysis.metrics import (
    DEFAULT_METRICS,
    METRICS,
    TOLERANCE,
    Centrality,
    MetricInfo,
    centrality,
)
from relgraph.analysis.neighbourhood import Ego, EgoActor, ego
from relgraph.analysis.network import Network
from relgraph.analysis.signed import Balance, SignedTie, Triangle, balance
from relgraph.analysis.timeline import Period, Timeline, over_time
from relgraph.analysis.trails import Hop, Path, Paths, paths
from relgraph.resolve import resolve_actor

__all__ = [
    "COMMUNITY_NAMES",
    "DEFAULT_METRICS",
    "METRICS",
    "TOLERANCE",
    "Balance",
    "Centrality",
    "Communities",
    "Community",
    "Ego",
    "EgoActor",
    "Engine",
    "Hop",
    "MetricInfo",
    "Network",
    "Path",
    "Paths",
    "Period",
    "Quote",
    "RelationEvidence",
    "Sensitivity",
    "SensitivityRow",
    "SignedTie",
    "Timeline",
    "Triangle",
    "balance",
    "centrality",
    "communities",
    "ego",
    "over_time",
    "paths",
    "resolve_actor",
    "sensitivity",
]
