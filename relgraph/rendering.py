"""The graph page: one self-contained, interactive, safe HTML file for a dataset.

:func:`render` turns a :class:`~relgraph.model.Dataset` into a single HTML
page that works offline, from ``file://``, with the network off:

* every script and style is inlined (vis-network is read from the installed
  pyvis package, never fetched), and a Content-Security-Policy forbids the
  page any network access; the only outside addresses in it are the http(s)
  links to sources, which open only when the reader clicks them;
* the data enters the page once, as JSON in a ``<script type="application/json">``
  block (Jinja's ``tojson``: ``<``, ``>``, ``&`` and ``'`` are escaped, and
  so are U+2028 and U+2029); the page's script writes every piece of text with
  ``textContent``, so no text of a dataset can become markup or script;
* positions are computed here, in Python, with igraph's Fruchterman–Reingold
  layout from a seeded start (the grid variant from 1,000 actors; refined with
  Kamada–Kawai for components of up to 500 actors; each connected component on
  its own, packed in rows), and the page draws them with physics off: no
  waiting for a simulation to settle, and the same input gives a
  byte-identical file. The page says in its footer what was done;
* node and edge lists go to vis-network as plain arrays (never through pyvis's
  quadratic ``add_node``/``add_edge``); from :data:`LARGE_GRAPH_EDGES`
  relations on, edges are hidden while panning and zooming, hover is off, and
  when zoomed far out edges are drawn plainly (straight, without dashes,
  arrowheads or labels, allegations fainter), which keeps frames short;
* node size follows a centrality (:data:`SIZE_METRICS`) computed by
  :func:`relgraph.analysis.centrality`, so the page shows the same figures as
  ``relgraph analyze``; the reader can switch between them in the page.

:func:`page_data` gives the JSON payload on its own, and :func:`notebook`
shows the page inline in Jupyter.

Examples
--------
>>> import relgraph
>>> from relgraph.rendering import render
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> html = render(ds)
>>> html.startswith("<!DOCTYPE html>"), render(ds) == html
(True, True)
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import os
import random
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from relgraph._version import __version__
from relgraph.atomic import write_file
from relgraph.errors import RelgraphError, UsageError
from relgraph.model import (
    CREDIBILITY_GRADES,
    RELIABILITY_GRADES,
    STATUSES,
    Amount,
    Claim,
    Dataset,
    Evidence,
    Relation,
    Source,
    bind,
)
from relgraph.progress import ProgressCallback, Ticker
from relgraph.records import spec_values, view_record

if TYPE_CHECKING:
    from relgraph.conflicts import Conflict
    from relgraph.corroboration import Origins

__all__ = [
    "COLOR_BY",
    "LARGE_GRAPH_EDGES",
    "MAX_PAGE_CHARS",
    "SIZE_METRICS",
    "NoLayoutEngine",
    "NotebookPage",
    "PageTooLarge",
    "notebook",
    "page_data",
    "render",
]

if TYPE_CHECKING:
    #: Centralities a page can size its nodes by: the metrics of the registry
    #: (:data:`relgraph.analysis.METRICS`) marked ``page``; ``"none"`` draws every
    #: actor the same size. Read from the registry on first use, so that importing
    #: the page does not import the analysis.
    SIZE_METRICS: tuple[str, ...]


@functools.cache
def _size_metrics() -> tuple[str, ...]:
    from relgraph.analysis import METRICS

    return (*(m.name for m in METRICS.values() if m.page), "none")


@functools.cache
def _costly() -> tuple[str, ...]:
    from relgraph.analysis import METRICS

    return tuple(m.name for m in METRICS.values() if m.costly)


def _metric_label(metric: str) -> str:
    from relgraph.analysis import METRICS

    return METRICS[metric].label if metric in METRICS else "Same size for all"


def __getattr__(name: str) -> Any:
    """Give :data:`SIZE_METRICS`, read from the metric registry on first use."""
    if name == "SIZE_METRICS":
        return _size_metrics()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: What edge colour can show: the relation type's category, or its sign.
COLOR_BY: tuple[str, ...] = ("category", "sign")
#: From this many relations on, the page hides edges while panning and zooming,
#: turns hover effects off, and draws edges plainly when zoomed far out.
LARGE_GRAPH_EDGES = 3000

#: The most page a browser can read, in characters: the page's data is read as one
#: JavaScript string, and Chromium's V8 holds at most 2**29 - 24 characters in one.
#: (Measured: 300,000 relations make a 200 MB page that Chromium draws in 20 s; a
#: million make 666 MB, which it cannot read at all.)
MAX_PAGE_CHARS = 2**29 - 24
#: Closeness and harmonic centrality cost a search from every actor; above this
#: many actors the page leaves them out unless nodes are sized by one of them.
COSTLY_METRICS_UP_TO = 2000

_SIGN_COLORS = {"cooperative": "#1b8a5a", "hostile": "#c0392b", "neutral": "#7b8794"}
_SIGN_LABELS = {"cooperative": "Cooperative", "hostile": "Hostile", "neutral": "Neutral"}
_STATUS_TEXT = {
    "confirmed": "confirmed by independent sources",
    "reported": "reported by a source",
    "alleged": "alleged: a source reports it without establishing it",
    "disputed": "disputed: the sources disagree",
    "denied": "denied by a party or a source",
}
_SHAPES = ("dot", "diamond", "square", "triangle", "triangleDown", "star", "hexagon", "ellipse")
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_DEFAULT_SEED = 7
_ITERATIONS = 500
_GRID_FROM = 1000
_REFINE_UP_TO = 500
#: The side, in median edges, of the square each actor gets at least.
_AREA_PER_ACTOR = 0.8
_EDGE_PX = 150.0
_VIS_DIR = "vis-9.1.2"


# -- assets ----------------------------------------------------------------


@functools.cache
def _asset(name: str) -> str:
    """Return a file of relgraph's page assets (``templates/`` or ``static/``)."""
    folder, _, file = name.partition("/")
    return (resources.files("relgraph") / folder / file).read_text(encoding="utf-8")


@functools.cache
def _vis_network() -> str:
    """vis-network's minified script, read from the installed pyvis package.

    The file is found without importing pyvis (which imports IPython and more).
    """
    from importlib.util import find_spec

    try:
        spec = find_spec("pyvis")
        folders = list(spec.submodule_search_locations or []) if spec else []
        if not folders:
            raise FileNotFoundError("pyvis is not installed")
        path = os.path.join(folders[0], "lib", _VIS_DIR, "vis-network.min.js")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (ModuleNotFoundError, OSError) as exc:
        raise RelgraphError(
            f"cannot read vis-network from the pyvis package ({exc}); "
            "reinstall relgraph's dependencies: pip install 'pyvis>=0.3.2'"
        ) from None
    # the source map comment would make a browser's developer tools fetch a file
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _dumps(obj: Any, **kwargs: Any) -> str:
    """Compact, sorted JSON, with the characters that can trouble a script escaped."""
    text = json.dumps(
        obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@functools.cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.policies["json.dumps_function"] = _dumps
    env.policies["json.dumps_kwargs"] = {}
    return env


# -- the numbers -------------------------------------------------------------


def _round(x: float) -> float:
    """Six significant figures: stable across platforms, plenty for a page."""
    if x == 0 or not math.isfinite(x):
        return 0.0
    return float(f"{x:.6g}")


def _pairs(dataset: Dataset, index: dict[str, int]) -> dict[tuple[int, int], int]:
    """How many relations join each pair of actors, whatever their direction."""
    out: dict[tuple[int, int], int] = {}
    for r in dataset.relations:
        a, b = index[r.source], index[r.target]
        if a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        out[pair] = out.get(pair, 0) + 1
    return out


def _centralities(dataset: Dataset, wanted: Sequence[str]) -> dict[str, list[float | int]]:
    """Return the centralities in ``wanted``, one value per entity (in dataset order).

    Computed by :func:`relgraph.analysis.centrality` with its defaults (every
    status but ``denied``; betweenness sampled on very large graphs), so the
    page shows the figures ``relgraph analyze`` prints.
    """
    from relgraph.analysis import METRICS, centrality

    if not wanted or not dataset.entities:
        return {m: [] for m in wanted}
    result = centrality(dataset, list(wanted))
    position = {a: i for i, a in enumerate(result.actors)}
    out: dict[str, list[float | int]] = {}
    for metric in wanted:
        column = result.values[metric]
        values: list[float | int] = []
        for e in dataset.entities:
            i = position.get(e.id)
            v = column[i] if i is not None else 0.0
            values.append(int(v) if METRICS[metric].integer else _round(float(v)))
        out[metric] = values
    return out


# -- the layout --------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    positions: list[tuple[float, float]]
    text: str


def _component_layout(
    size: int, edges: list[tuple[int, int]], multiplicity: list[int], rng: random.Random
) -> list[tuple[float, float]]:
    """Positions for one connected component, in units of its median edge length."""
    import igraph

    if size == 1:
        return [(0.0, 0.0)]
    if size == 2:  # a pair: room for two names side by side
        return [(-0.9, 0.0), (0.9, 0.0)]
    g = igraph.Graph(n=size, edges=edges)
    # igraph's own starting square: a wider or a narrower one makes the grid variant slow
    # (at 10,000 actors 0.6 s from this square, 2 to 40 s from others)
    half = math.sqrt(size) / 2
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(size)]
    # a pair joined by many relations gets more room, so its fan of curves stays readable:
    # weaker attraction in Fruchterman-Reingold, a longer ideal length in Kamada-Kawai
    layout = g.layout_fruchterman_reingold(
        seed=start,
        niter=_ITERATIONS,
        grid=size >= _GRID_FROM,
        weights=[1.0 / (1.0 + 0.35 * (k - 1)) for k in multiplicity],
    )
    if size <= _REFINE_UP_TO:
        layout = g.layout_kamada_kawai(
            seed=layout.coords,
            maxiter=50 * size,
            weights=[min(3.0, 1.0 + 0.2 * (k - 1)) for k in multiplicity],
        )
    coords: list[tuple[float, float]] = [(float(x), float(y)) for x, y in layout.coords]
    # the unit: the median edge, but never so long that actors are crowded (the grid
    # variant packs large graphs tightly); each actor gets at least _AREA_PER_ACTOR
    lengths = [math.dist(coords[a], coords[b]) for a, b in edges]
    unit = statistics.median(lengths) if lengths else 1.0
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    spacing = math.sqrt(max(max(xs) - min(xs), 1e-9) * max(max(ys) - min(ys), 1e-9) / size)
    unit = min(unit, spacing / _AREA_PER_ACTOR)
    unit = unit if unit > 1e-9 else 1.0
    return [(x / unit, y / unit) for x, y in coords]


def _layout(dataset: Dataset, seed: int) -> _Layout:
    """Positions for every entity: each component laid out on its own, then packed in rows."""
    n = len(dataset.entities)
    index = {e.id: i for i, e in enumerate(dataset.entities)}
    multiplicity = _pairs(dataset, index)
    pairs = sorted(multiplicity)
    # connected components, each a sorted list of entity indices (union-find)
    parent = list(range(n))

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for v in range(n):
        members.setdefault(find(v), []).append(v)
    comp_edges: dict[int, list[tuple[int, int]]] = {}
    for a, b in pairs:
        comp_edges.setdefault(find(a), []).append((a, b))
    comps = sorted(members.items(), key=lambda item: (-len(item[1]), item[1][0]))

    rng = random.Random(seed)
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * n
    boxes: list[tuple[list[int], list[tuple[float, float]], float, float]] = []
    for root, verts in comps:
        local = {v: i for i, v in enumerate(verts)}
        mine = comp_edges.get(root, [])
        edges = [(local[a], local[b]) for a, b in mine]
        coords = _component_layout(len(verts), edges, [multiplicity[p] for p in mine], rng)
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        x0, y0 = min(xs), min(ys)
        shifted = [((x - x0) * _EDGE_PX, (y - y0) * _EDGE_PX) for x, y in coords]
        boxes.append((verts, shifted, (max(xs) - x0) * _EDGE_PX, (max(ys) - y0) * _EDGE_PX))

    # shelf packing: rows no wider than the largest component (or a square's side)
    gap = _EDGE_PX * 0.8
    area = sum((w + gap) * (h + gap) for _, _, w, h in boxes)
    row_width = max([boxes[0][2] if boxes else 0.0, math.sqrt(area) * 1.2])
    x = y = row_height = 0.0
    for verts, coords, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for v, (cx, cy) in zip(verts, coords, strict=True):
            positions[v] = (cx + x, cy + y)
        x += w + gap
        row_height = max(row_height, h)
    if positions:
        mx = (min(p[0] for p in positions) + max(p[0] for p in positions)) / 2
        my = (min(p[1] for p in positions) + max(p[1] for p in positions)) / 2
        positions = [(round(px - mx, 1) + 0.0, round(py - my, 1) + 0.0) for px, py in positions]
    sizes = [len(v) for _, v in comps]
    grid = any(k >= _GRID_FROM for k in sizes)
    refined = any(2 < k <= _REFINE_UP_TO for k in sizes)
    parts = [
        "Positions computed in Python with igraph's Fruchterman–Reingold layout"
        f"{' (grid variant)' if grid else ''} (seed {seed}, {_ITERATIONS} iterations)"
    ]
    if refined:
        parts.append(f", refined with Kamada–Kawai for components of up to {_REFINE_UP_TO} actors")
    if len(comps) > 1:
        parts.append("; each connected component laid out on its own and packed in rows")
    parts.append(". Physics off: drag actors to move them, or turn physics on.")
    text = "".join(parts)
    return _Layout(positions, text)


def _curves(dataset: Dataset) -> dict[str, float]:
    """Return a signed curvature for each relation, so parallel relations never overlap.

    A lone relation between two actors is straight (0). The relations between
    one pair fan out symmetrically; the sign is relative to the pair's order,
    so relations drawn in opposite directions still bend apart.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    flipped: dict[str, bool] = {}
    for r in dataset.relations:
        a, b = sorted((r.source, r.target))
        groups.setdefault((a, b), []).append(r.id)
        flipped[r.id] = r.source != a
    out: dict[str, float] = {}
    for ids in groups.values():
        k = len(ids)
        step = min(0.22, 0.9 / ((k - 1) / 2)) if k > 1 else 0.0
        for i, rid in enumerate(ids):
            offset = (i - (k - 1) / 2) * step
            out[rid] = _round(-offset if flipped[rid] else offset) + 0.0
    return out


# -- the payload -------------------------------------------------------------


def _http_url(url: str | None) -> str | None:
    """``url`` if it is a plain http or https address, else ``None``."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _color(value: str, fallback: str = "#888888") -> str:
    return value if _COLOR_RE.match(value) else fallback


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


# The page's evidence items are not the records' (relgraph.records.evidence_record): the page
# shows what an item resolves to, not what it was written with: its report date falls back to
# its source's, its origin is the independent origin it counts as, its amounts carry their
# text, and empty values are left out. A field added to the spec fails tests/test_spec.py's
# page test until it is added here.
def _evidence(
    items: Sequence[Evidence], origins: Origins, sources: Mapping[str, Source]
) -> list[dict[str, Any]]:
    out = []
    for e in items:
        reported = e.reported_on(sources[e.source]) if e.source in sources else e.reported
        out.append(
            _drop_empty(
                {
                    "quote": e.quote,
                    "source": e.source,
                    "attributed_to": e.attributed_to,
                    "attributed_entity": e.attributed_entity,
                    "credibility": e.credibility,
                    "context": e.context,
                    "notes": e.notes,
                    "stance": e.stance,
                    "amounts": [_amount(a) for a in e.amounts],
                    "date": str(e.date) if e.date else None,
                    "reported": str(reported) if reported else None,
                    "origin": origins.of_evidence(e).id,
                }
            )
        )
    return out


def _amount(a: Amount) -> dict[str, Any]:
    return _drop_empty(
        {
            "value": a.value,
            "approx": a.approx,
            "min": a.min,
            "max": a.max,
            "unit": a.unit,
            "currency": a.currency,
            "note": a.note,
            "text": str(a),
        }
    )


def _weighed(
    item: Relation | Claim, origins: Origins, conflicts: Mapping[str, Sequence[Conflict]]
) -> dict[str, Any]:
    """Return the page's corroboration and conflicts of ``item``.

    ``item`` is a relation or a claim.
    """
    c = origins.corroboration(item)
    return {
        # the ties say why an origin is affiliated with an end: the page names them
        "corroboration": {
            **c.to_dict(),
            **({"ties": [t.to_dict() for t in c.ties]} if c.ties else {}),
        },
        "conflicts": [_conflict(c, item) for c in conflicts.get(item.id, ())],
    }


#: The order the page's records hold the spec's fields in (the names that are not the spec's
#: are the page's own, filled in by page_data); the rest of the spec's follow.
_NODE_LAYOUT = (
    "id",
    "name",
    "kind",
    "aliases",
    "country",
    "description",
    "tags",
    "external_ids",
    "referents",
    "review",
)
_EDGE_LAYOUT = (
    "id",
    "source",
    "target",
    "type",
    "status",
    "sign",
    "date",
    "start",
    "end",
    "earliest",
    "latest",
    "notes",
    "curve",
    "evidence",
    "corroboration",
    "conflicts",
)
_EDGE_KEYS = {"source": "from", "target": "to"}
_CLAIM_LAYOUT = (
    "id",
    "entity",
    "statement",
    "status",
    "date",
    "notes",
    "evidence",
    "corroboration",
    "conflicts",
)


def _conflict(c: Conflict, item: Relation | Claim) -> dict[str, Any]:
    """Return a conflict as the page shows it: its message, its items, and its sides."""
    return {**c.to_dict(), "sides": _sides(c, item)}


def _sides(c: Conflict, item: Relation | Claim) -> list[dict[str, Any]]:
    """Return the sides of a conflict, each ``{label, items}``, for the page to set side by side.

    A contradicting item against the supporting ones; the items grouped by the
    amount they give, or by the date they give; an item's date against the
    relation's own (a side with no items). A status conflict has one side here:
    the other is another relation, which its message names.
    """
    from relgraph.conflicts import _own_span, _unit

    evidence = item.evidence
    items = [i for i in c.items if 0 <= i < len(evidence)]
    groups: dict[str, list[int]] = {}
    if c.kind == "stance" and items:
        rest = items[1:]
        return [
            {"label": "contradicts it", "items": items[:1]},
            {"label": "supports it" if len(rest) == 1 else "support it", "items": rest},
        ]
    if c.kind == "amount":
        shared: set[tuple[str, str]] | None = None
        for i in items:
            keys = {_unit(a) for a in evidence[i].amounts}
            shared = keys if shared is None else shared & keys
        for key in sorted(shared or ()):
            groups = {}
            for i in items:
                text = " and ".join(str(a) for a in evidence[i].amounts if _unit(a) == key)
                groups.setdefault(text, []).append(i)
            if len(groups) > 1:
                break
    elif c.kind == "date":
        for i in items:
            groups.setdefault(str(evidence[i].date), []).append(i)
        own = _own_span(item)
        if len(groups) == 1 and own is not None:
            return [
                {"label": f"its own date: {own[2]}", "items": []},
                {"label": next(iter(groups)), "items": items},
            ]
    else:
        return [{"label": item.status, "items": items}]
    return [{"label": label, "items": members} for label, members in groups.items()]


def _metric_help(metric: str) -> str:
    from relgraph.analysis import METRICS

    info = METRICS[metric]
    text = info.description[:1].upper() + info.description[1:]
    weights = "weighted by the number of relations" if info.weighted else "unweighted"
    return f"{text} ({info.projection} projection, {weights}; denied relations left out)."


def _check_options(size_by: str, color_by: str) -> None:
    from relgraph.errors import did_you_mean

    choices = _size_metrics()
    if size_by not in choices:
        hint = did_you_mean(size_by, choices, f"choose one of: {', '.join(choices)}")
        raise UsageError(f"'{size_by}' is not a size metric\n  hint: {hint}")
    if color_by not in COLOR_BY:
        hint = did_you_mean(color_by, COLOR_BY, "choose category or sign")
        raise UsageError(f"'{color_by}' is not an edge colouring\n  hint: {hint}")


class NoLayoutEngine(UsageError):
    """python-igraph, which lays every page out, is not installed.

    igraph is one of relgraph's dependencies: an install without it is a broken
    one, and neither the page nor the analysis (unless asked for NetworkX, the
    reference engine, by name) runs there.
    """

    def __init__(self) -> None:
        super().__init__(
            "the page's layout needs python-igraph, which is not installed\n"
            "  hint: pip install igraph (a dependency of relgraph)"
        )


def _need_igraph() -> None:
    """Raise :class:`NoLayoutEngine` when python-igraph cannot be imported."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        raise NoLayoutEngine() from None


def page_data(
    dataset: Dataset,
    *,
    size_by: str = "degree",
    color_by: str = "category",
    title: str | None = None,
    seed: int = _DEFAULT_SEED,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Return the data the page shows, as plain JSON-ready Python values.

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset; it is read, never changed.
    size_by : str
        The centrality that sizes the nodes at first (one of :data:`SIZE_METRICS`).
    color_by : {"category", "sign"}
        What the edge colour shows at first.
    title : str, optional
        The page's title; the dataset's title by default.
    seed : int
        Seeds the layout's starting positions.
    progress : callable, optional
        ``progress(stage, done, total)``, told as the page is prepared: the
        metrics, the layout, the rest (see :mod:`relgraph.progress`).

    Returns
    -------
    dict
        ``dataset``, ``layout``, ``settings``, the legend's ``kinds``,
        ``categories``, ``signs`` and ``statuses``, ``types``, ``sources``,
        ``nodes`` (with positions ``x``, ``y`` and centralities ``metrics``),
        ``edges`` (one per relation, with ``curve`` and its evidence),
        ``claims``, ``origins`` and the story's ``views`` (each with ``id``,
        ``title``, ``caption``, ``actors``, ``relations``, ``hide_kinds``,
        ``hide_categories``, ``hide_statuses``, ``from`` and ``to``). Empty
        values are left out.

        Each edge and claim has ``corroboration`` (``quotes`` and ``sources``
        counted, ``origins`` a list of origin ids, ``independent`` a count,
        ``affiliated`` true or false, and when any, ``ties``: why an origin is
        affiliated with an end, each ``{origin, actor, end, steps}``; see
        :mod:`relgraph.corroboration`),
        ``conflicts`` (``{kind, message, items, sides}``, ``items`` indexing its
        ``evidence``, ``sides`` the items grouped as ``{label, items}`` for the
        page to set side by side; see :mod:`relgraph.conflicts`), ``modality`` and, when
        given, ``reported`` and ``referents`` (the ids a merge folded into it).
        Each evidence item has ``stance``, ``origin`` (its origin's id), and when
        given ``amounts`` (each with the numbers, ``unit``, ``currency``, ``note``
        and a readable ``text``), ``date``
        and ``reported`` (its own, else its source's ``published``). Sources
        have ``derived_from``, ``origin`` and ``affiliation`` when given; the
        top-level ``origins`` are ``{id, label, sources, affiliations}``.

    Raises
    ------
    UsageError
        For an unknown ``size_by`` or ``color_by``; :class:`NoLayoutEngine`
        when python-igraph, which lays the page out, is not installed.

    Examples
    --------
    >>> import relgraph
    >>> from relgraph.rendering import page_data
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> data = page_data(ds, size_by="betweenness")
    >>> len(data["nodes"]) == len(ds.entities), len(data["edges"]) == len(ds.relations)
    (True, True)
    >>> data["settings"]["size_by"], data["layout"]["physics"]
    ('betweenness', False)
    >>> page_data(ds, size_by="pagrank")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: 'pagrank' is not a size metric
      hint: did you mean 'pagerank'? choose one of: degree, weighted_degree, betweenness, ...
    """
    _check_options(size_by, color_by)
    _need_igraph()
    vocab = dataset.vocabulary
    n, m = len(dataset.entities), len(dataset.relations)
    metrics = [
        x
        for x in _size_metrics()
        if x != "none" and (x == size_by or x not in _costly() or n <= COSTLY_METRICS_UP_TO)
    ]
    from relgraph.analysis import seeded_igraph

    tick = Ticker(progress, "preparing the page", total=3)
    # each with its own generator, so that the layout never depends on which metrics ran
    with seeded_igraph(seed):
        values = _centralities(dataset, metrics)
    tick.advance()
    with seeded_igraph(seed):
        layout = _layout(dataset, seed)
    tick.advance()
    curves = _curves(dataset)
    from relgraph.conflicts import dataset_conflicts
    from relgraph.corroboration import independent_origins

    origins = independent_origins(dataset)
    conflicts = dataset_conflicts(dataset)
    by_id = {s.id: s for s in dataset.sources}
    relation_count = {e.id: 0 for e in dataset.entities}
    for r in dataset.relations:
        relation_count[r.source] = relation_count.get(r.source, 0) + 1
        relation_count[r.target] = relation_count.get(r.target, 0) + 1

    # The page's records are the format spec's fields (so a field added to the spec reaches
    # the page) in the order the page has always had, plus what only the page needs: a
    # node's place and metrics, an edge's curve and time span, the corroboration and
    # conflicts; an edge's ends are vis-network's ``from`` and ``to``; external ids are
    # [scheme, id] pairs; evidence items are the page's own (see _evidence).
    nodes = []
    for i, e in enumerate(dataset.entities):
        x, y = layout.positions[i]
        node = spec_values("entity", e, _NODE_LAYOUT)
        node["external_ids"] = [list(pair) for pair in e.external_ids]
        node.update(
            x=x,
            y=y,
            metrics={k: values[k][i] for k in metrics},
            relations=relation_count.get(e.id, 0),
        )
        nodes.append(_drop_empty(node))
    edges = []
    for r in dataset.relations:
        edge = spec_values("relation", r, _EDGE_LAYOUT, ("evidence",))
        edge.update(
            earliest=r.earliest(),
            latest=r.latest(),
            curve=curves[r.id],
            evidence=_evidence(r.evidence, origins, by_id),
            **_weighed(r, origins, conflicts),
        )
        edges.append(_drop_empty({_EDGE_KEYS.get(k, k): v for k, v in edge.items()}))
    claims = []
    for c in dataset.claims:
        claim = spec_values("claim", c, _CLAIM_LAYOUT, ("evidence",))
        claim.update(
            evidence=_evidence(c.evidence, origins, by_id), **_weighed(c, origins, conflicts)
        )
        claims.append(_drop_empty(claim))
    sources = {}
    for s in dataset.sources:
        source = spec_values("source", s, omit=("id", "text", "sha256", "review"))
        source["url"] = _http_url(s.url)  # a link the page opens: http(s) only
        sources[s.id] = _drop_empty(source)
    used_kinds = {e.kind for e in dataset.entities}
    used_types = {r.type for r in dataset.relations}
    used_categories = {vocab.relation_types[t].category for t in used_types}
    used_signs = {r.sign for r in dataset.relations}
    kinds = [
        _drop_empty(
            {
                "id": k.id,
                "label": k.label,
                "color": _color(k.color),
                "shape": k.shape if k.shape in _SHAPES else "dot",
                "description": k.description,
            }
        )
        for k in vocab.entity_kinds.values()
        if k.id in used_kinds
    ]
    categories = [
        _drop_empty(
            {"id": c.id, "label": c.label, "color": _color(c.color), "description": c.description}
        )
        for c in vocab.categories.values()
        if c.id in used_categories
    ]
    types = {
        t.id: _drop_empty(
            {
                "label": t.label,
                "inverse_label": t.inverse_label,
                "category": t.category,
                "directed": t.directed,
                "description": t.description,
            }
        )
        for t in vocab.relation_types.values()
        if t.id in used_types
    }
    tick.finish()
    return {
        "generator": f"relgraph {__version__}",
        "dataset": _drop_empty(
            {
                "id": dataset.id,
                "title": title or dataset.title,
                "description": dataset.description,
                "notes": dataset.notes,
                "license": dataset.license,
                "authors": dataset.authors,
                "alleged_attributions": list(dataset.alleged_attributions),
                # a dataset loaded from several keeps each one's credits
                "parts": [
                    _drop_empty({"title": p.title, "license": p.license, "authors": p.authors})
                    for p in dataset.parts
                    if p.license or p.authors
                ],
            }
        ),
        "layout": {
            "engine": "igraph Fruchterman-Reingold",
            "seed": seed,
            "iterations": _ITERATIONS,
            "physics": False,
            "text": layout.text,
        },
        "settings": {
            "size_by": size_by,
            "color_by": color_by,
            "metrics": metrics,
            "metric_labels": {k: _metric_label(k) for k in (*metrics, "none")},
            "metric_help": {k: _metric_help(k) for k in metrics},
            "large": m >= LARGE_GRAPH_EDGES,
        },
        "kinds": kinds,
        "categories": categories,
        "signs": [
            {"id": s, "label": _SIGN_LABELS[s], "color": _SIGN_COLORS[s]}
            for s in _SIGN_COLORS
            if s in used_signs
        ],
        "statuses": [
            {"id": s, "text": _STATUS_TEXT[s], "allegation": s in ("alleged", "disputed")}
            for s in STATUSES
        ],
        "reliability": dict(RELIABILITY_GRADES),
        "credibility": {str(k): v for k, v in CREDIBILITY_GRADES.items()},
        "types": types,
        "sources": sources,
        "origins": [o.to_dict() for o in origins],
        "nodes": nodes,
        "edges": edges,
        "claims": claims,
        "views": [
            _drop_empty(
                view_record(view.within({n["id"] for n in nodes}, {e["id"] for e in edges}))
            )
            for view in dataset.views
        ],
    }


# -- the page ------------------------------------------------------------------


class PageTooLarge(UsageError):
    """The dataset makes a page larger than a browser can read (see :data:`MAX_PAGE_CHARS`)."""

    def __init__(self, dataset: Dataset, chars: int) -> None:
        super().__init__(
            f"the page would hold {len(dataset.relations):,} relations among "
            f"{len(dataset.entities):,} actors, {chars / 1e6:,.0f} million characters; a browser "
            f"reads at most {MAX_PAGE_CHARS / 1e6:,.0f} million in one page\n"
            "  hint: narrow it with --status, --kind, --from/--until or --min-credibility, or "
            "draw one actor's neighbourhood with relgraph ego X --page"
        )


#: characters a relation and an actor take in the page besides their texts (measured
#: on generated data: the smallest seen, so that the estimate errs low)
_RELATION_CHARS = 250
_ACTOR_CHARS = 150


def _check_size(dataset: Dataset) -> None:
    """Refuse early, from the texts' lengths, a page that certainly cannot be read."""
    chars = _ACTOR_CHARS * len(dataset.entities) + _RELATION_CHARS * len(dataset.relations)
    for r in dataset.relations:
        for e in r.evidence:
            chars += len(e.quote) + len(e.context)
    if chars > MAX_PAGE_CHARS:
        raise PageTooLarge(dataset, chars)


def _page(data: dict[str, Any]) -> str:
    from markupsafe import Markup

    css = _asset("static/page.css")
    vis = _vis_network()
    script = _asset("static/page.js")
    for name, text, tag in (
        ("page.css", css, "</style"),
        ("vis-network", vis, "</script"),
        ("page.js", script, "</script"),
    ):
        if tag in text.lower():  # pragma: no cover - a packaging mistake
            raise RelgraphError(f"the page asset {name} contains '{tag}' and cannot be inlined")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(vis)} {_sha256(script)}",
            f"style-src {_sha256(css)}",
            "img-src data: blob:",
            "connect-src 'none'",
            "font-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )
    template = _environment().from_string(_asset("templates/page.html.j2"))
    html: str = template.render(
        title=data["dataset"]["title"],
        generator=data["generator"],
        csp=csp,
        css=Markup(css),
        vis_js=Markup(vis),
        page_js=Markup(script),
        data=data,
    )
    return html


def render(
    dataset: Dataset,
    path: str | os.PathLike[str] | None = None,
    *,
    size_by: str = "degree",
    color_by: str = "category",
    title: str | None = None,
    seed: int = _DEFAULT_SEED,
    progress: ProgressCallback | None = None,
) -> str:
    """Return the dataset as one self-contained interactive HTML page.

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset; it is read, never changed.
    path : str or PathLike, optional
        Where to write the page. The write is atomic: the page goes to a
        temporary file beside ``path`` that then replaces it, so a failure never
        leaves a half-written file and never replaces a good one.
    size_by : str
        The centrality that sizes the nodes (one of :data:`SIZE_METRICS`);
        the reader can change it in the page.
    color_by : {"category", "sign"}
        What the edge colour shows; the reader can change it in the page.
    title : str, optional
        The page's title; the dataset's title by default.
    seed : int
        Seeds the layout, so the same input gives the same bytes.
    progress : callable, optional
        ``progress(stage, done, total)``, told as the page is prepared (see
        :mod:`relgraph.progress`).

    Returns
    -------
    str
        The page's HTML.

    Raises
    ------
    UsageError
        For an unknown option, or a ``path`` that cannot be written: its folder
        does not exist, or it is a folder; :class:`NoLayoutEngine` when
        python-igraph, which lays the page out, is not installed.
    PageTooLarge
        A :class:`~relgraph.errors.UsageError` too: the page would be larger
        than a browser can read (:data:`MAX_PAGE_CHARS`); told before the
        costly work when the texts alone are too long, and nothing is written.
    OSError
        When writing fails for another reason (a full disk, no permission): a
        :class:`~relgraph.errors.WriteError`, which is an ``OSError``; a page
        that was at ``path`` is kept as it was.

    Notes
    -----
    igraph draws its random numbers from one process-wide generator. While it
    computes, ``render`` gives igraph a seeded generator of its own and then
    hands back igraph's default (Python's ``random`` module), so do not run it
    alongside other igraph work in another thread.

    Examples
    --------
    >>> import relgraph, tempfile, os
    >>> from relgraph.rendering import render
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> out = os.path.join(tempfile.mkdtemp(), "page.html")
    >>> html = render(ds, out, size_by="pagerank", color_by="sign")
    >>> open(out, encoding="utf-8").read() == html
    True
    >>> "Content-Security-Policy" in html, "https://cdn" in html
    (True, False)
    """
    _check_options(size_by, color_by)
    if path is not None:
        _check_target(os.fspath(path))
    _check_size(dataset)
    data = page_data(
        dataset, size_by=size_by, color_by=color_by, title=title, seed=seed, progress=progress
    )
    html = _page(data)
    if len(html) > MAX_PAGE_CHARS:
        raise PageTooLarge(dataset, len(html))
    if path is not None:
        write_file(path, html.encode("utf-8"))
    return html


def _check_target(path: str) -> None:
    folder = os.path.dirname(path) or "."
    if os.path.isdir(path):
        example = os.path.join(path, "graph.html")
        raise UsageError(f"'{path}' is a folder; name a file such as {example}")
    if not os.path.exists(folder):
        raise UsageError(f"cannot write '{path}': the folder '{folder}' does not exist")
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write '{path}': '{folder}' is a file, not a folder")


# -- Jupyter -------------------------------------------------------------------


@dataclass(frozen=True)
class NotebookPage:
    """A rendered page that Jupyter shows inline (in a sandboxed frame)."""

    html: str
    height: int = 720

    def _repr_html_(self) -> str:
        from markupsafe import escape

        return (
            f'<iframe srcdoc="{escape(self.html)}" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #d0d5dd" '
            'title="relgraph page"></iframe>'
        )


def notebook(dataset: Dataset, *, height: int = 720, **options: Any) -> NotebookPage:
    """Return the page of ``dataset`` for inline display in Jupyter.

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset.
    height : int
        The frame's height in pixels.
    **options
        Passed to :func:`render` (``size_by``, ``color_by``, ``title``, ``seed``).

    Returns
    -------
    NotebookPage
        An object whose ``_repr_html_`` embeds the page in a sandboxed
        ``<iframe srcdoc>``, so the page's script cannot reach the notebook.

    Examples
    --------
    >>> import relgraph
    >>> from relgraph.rendering import notebook
    >>> frame = notebook(relgraph.load("graph_data/cuba_iran.yaml"))._repr_html_()
    >>> frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    return NotebookPage(render(dataset, **options), height)


bind(notebook=notebook)
