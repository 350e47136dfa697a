"""``relgraph analyze``, ``path`` and ``ego``: the analysis API on the command line.

Each command parses options into a :class:`~relgraph.filters.Filter` and the
arguments of one function of :mod:`relgraph.analysis`, then prints the
result: a readable table by default, or ``--format json|csv|markdown``. Data
goes to stdout; notes on what was counted go to stderr.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click

from relgraph import analysis
from relgraph.analysis._common import NO_IGRAPH_CLI, NoIgraph
from relgraph.cli.common import (
    DatasetOrder,
    clear,
    counted,
    load_or_fail,
    misplaced_dataset,
    progress_line,
)
from relgraph.cli.options import (
    dataset_argument,
    filter_from_options,
    filter_options,
    format_option,
    optional_filter,
    quiet_option,
    split_values,
)
from relgraph.cli.output import csv_text as _csv
from relgraph.cli.output import echo, emit, write_stdout
from relgraph.cli.output import json_text as _json
from relgraph.errors import UsageError
from relgraph.filters import Filter
from relgraph.model import Dataset
from relgraph.progress import TerminalProgress
from relgraph.resolve import merged_note

__all__ = [
    "COMMANDS",
    "analyze_command",
    "ego_command",
    "filter_from_options",
    "filter_options",
    "optional_filter",
    "path_command",
]

FORMATS = ("text", "json", "csv", "markdown")
#: How many actors the table and markdown formats show unless --top says otherwise.
DEFAULT_TOP = 20


def _merged_notes(net: analysis.Network, *named: tuple[str, str]) -> None:
    """Say so when an actor was named by an old id that a merge folded into another."""
    for ref, ident in named:
        note = merged_note(net.entities[ident], ref)
        if note is not None:
            _note(note)


# ---------------------------------------------------------------------------
# Options shared by every analysis command
# ---------------------------------------------------------------------------
def _format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return format_option(FORMATS, "How to print the result: text (tables), json, csv, markdown.")(
        func
    )


def _note(text: str) -> None:
    echo(f"relgraph: {text}", err=True)


def _describe(dataset: Dataset, net: analysis.Network, what: str = "") -> None:
    ds = net.dataset
    rel = len(ds.relations)
    _note(
        f"{dataset.id}: {len(ds.entities)} actors, {rel} relation{'s' * (rel != 1)} "
        f"({net.filter.describe()}){what}"
    )
    for ref in net.filter.origins or ():
        (ident,) = Filter(origins=(ref,)).current_ids(dataset).origins or (ref,)
        if ident != ref:  # --origin named an origin actor by an old id
            note = merged_note(dataset.entity(ident), ref)
            if note is not None:
                _note(note)


def _top(fmt: str, top: int | None, total: int, what: str) -> int | None:
    if top is None and fmt in ("text", "markdown"):
        top = DEFAULT_TOP
    if top is not None and top < total:
        _note(f"showing {top} of {total} {what}; --top N shows more")
    return top


def _samples(text: str) -> analysis.Samples:
    if text in ("auto", "exact"):
        return None if text == "exact" else "auto"
    try:
        n = int(text)
    except ValueError:
        raise click.BadParameter(
            f"'{text}' is not a number of actors, 'exact' or 'auto'", param_hint="'--samples'"
        ) from None
    if n < 1:
        raise click.BadParameter("give at least 1 actor", param_hint="'--samples'")
    return n


def _metrics(values: Iterable[str]) -> tuple[str, ...] | None:
    return split_values(values)


# ---------------------------------------------------------------------------
# relgraph analyze
# ---------------------------------------------------------------------------
@click.command("analyze")
@dataset_argument
@click.option(
    "-m",
    "--metric",
    "metric",
    multiple=True,
    metavar="METRIC",
    help="Metric to compute (repeat, or separate with commas; 'all' for every one). "
    f"Metrics: {', '.join(analysis.METRICS)}. "
    f"Default: {', '.join(analysis.DEFAULT_METRICS)}.",
)
@click.option("--sort", metavar="METRIC", help="Rank by this metric (default: the first).")
@click.option(
    "--top",
    type=click.IntRange(min=0),
    metavar="N",
    help=f"Show the first N actors (default: {DEFAULT_TOP} for table and markdown, "
    "all for json and csv).",
)
@_format_option
@click.option(
    "--sensitivity",
    is_flag=True,
    help="Rank with and without alleged/disputed relations, side by side.",
)
@click.option(
    "--communities",
    is_flag=True,
    help="Louvain communities (seeded) and their modularity.",
)
@click.option(
    "--balance",
    is_flag=True,
    help="Signed structure: balanced/unbalanced triangles and two blocs.",
)
@click.option(
    "--by", type=click.Choice(["year", "month"]), help="Relations and metrics period by period."
)
@click.option(
    "--cumulative",
    is_flag=True,
    help="With --by: each period holds what stood as of it, not only what falls in it.",
)
@click.option(
    "--weight",
    type=click.Choice(["relations", "evidence", "sources", "origins", "unit"]),
    default="relations",
    show_default=True,
    help="What a tie's weight counts.",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "igraph", "networkx"]),
    default="auto",
    show_default=True,
    help="Where to compute; networkx is the reference.",
)
@click.option(
    "--samples",
    default="auto",
    show_default=True,
    metavar="N|exact|auto",
    help="Betweenness: sample N source actors, or compute exactly; auto samples "
    f"{analysis.AUTO_SAMPLES} above {analysis.AUTO_EXACT_ACTORS} actors.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed for sampling, Louvain and the bloc search.",
)
@filter_options
@quiet_option
def analyze_command(
    dataset: tuple[str, ...],
    metric: tuple[str, ...],
    sort: str | None,
    top: int | None,
    fmt: str,
    sensitivity: bool,
    communities: bool,
    balance: bool,
    by: str | None,
    cumulative: bool,
    weight: str,
    engine: str,
    samples: str,
    seed: int,
    quiet: bool,
    **filters: Any,
) -> None:
    """Who is central, who brokers, which blocs exist, and how much rests on allegations.

    DATASET is a YAML or JSON Lines file, or a folder of them (default: the bundled
    dataset); several datasets are loaded as one.
    Without a mode option, prints centrality metrics of every actor, best
    first. Metrics run on the projection documented in `relgraph.analysis`
    (degree, betweenness and closeness on the undirected one; PageRank and
    in/out degree on the directed one). Exit status: 0 ok, 1 problems in the
    data, 2 a usage error.

    \b
    Examples:
        relgraph analyze
        relgraph analyze -m betweenness,pagerank --sort pagerank --top 10
        relgraph analyze --metric all --format csv > metrics.csv
        relgraph analyze --status confirmed,reported --kind state
        relgraph analyze --sensitivity --metric degree
        relgraph analyze --communities --seed 1
        relgraph analyze --balance --format json
        relgraph analyze --by year --metric degree --cumulative
    """
    flt = filter_from_options(filters)
    modes = [
        name
        for name, on in (
            ("--sensitivity", sensitivity),
            ("--communities", communities),
            ("--balance", balance),
            ("--by", by is not None),
        )
        if on
    ]
    if len(modes) > 1:
        raise UsageError(f"{' and '.join(modes)} are separate analyses; choose one")
    mode = modes[0][2:] if modes else None
    if cumulative and by is None:
        raise UsageError("--cumulative goes with --by year or --by month")
    names = _metrics(metric)
    if sort is not None and names is not None and sort not in names and "all" not in names:
        raise UsageError(
            f"--sort {sort} is not among the metrics computed\n  hint: add it with --metric {sort}"
        )
    chosen_samples = _samples(samples)
    try:
        with progress_line(quiet) as progress:
            data = load_or_fail(dataset, progress=progress)
            net = analysis.Network(data, flt, weight=weight)  # type: ignore[arg-type]
            options: dict[str, Any] = {
                "engine": engine,
                "samples": chosen_samples,
                "seed": seed,
                "progress": progress,
            }
            if mode == "sensitivity":
                _sensitivity(data, net, names, sort, top, fmt, options)
            elif mode == "communities":
                _communities(data, net, top, fmt, engine, seed, progress)
            elif mode == "balance":
                _balance(data, net, fmt, seed, progress)
            elif by is not None:
                _timeline(data, net, by, cumulative, names, sort, top, fmt, options)
            else:
                _centrality(data, net, names, sort, top, fmt, options)
    except NoIgraph:  # the library names engine="networkx"; here the engine is an option
        raise UsageError(NO_IGRAPH_CLI) from None


def _centrality(
    data: Dataset,
    net: analysis.Network,
    names: tuple[str, ...] | None,
    sort: str | None,
    top: int | None,
    fmt: str,
    options: dict[str, Any],
) -> None:
    result = analysis.centrality(net, names, **options)
    clear(options["progress"])
    if sort is not None and sort not in result.metrics:
        raise UsageError(
            f"--sort {sort} is not among the metrics computed\n  hint: add it with --metric {sort}"
        )
    how = f"; weight: {net.weight}; engine: {result.engine}"
    if "betweenness" in result.metrics and result.samples is not None:
        sampled = counted(result.samples, "actor", "actors")
        how += f"; betweenness sampled from {sampled} (seed {result.seed})"
    _describe(data, net, how)
    shown = _top(fmt, top, len(result.actors), "actors")
    emit(
        fmt,
        text=lambda: result.to_text(sort, shown),
        markdown=lambda: result.to_markdown(sort, shown),
        records=lambda: result.to_records(sort, shown),
        columns=["rank", "name", "id", "kind", *result.metrics],
        data=lambda: result.to_dict(sort, shown),
    )


def _sensitivity(
    data: Dataset,
    net: analysis.Network,
    names: tuple[str, ...] | None,
    sort: str | None,
    top: int | None,
    fmt: str,
    options: dict[str, Any],
) -> None:
    if names is not None and len(names) > 1:
        raise UsageError("--sensitivity compares one metric; give one --metric")
    metric = sort or (names[0] if names else "pagerank")
    result = analysis.sensitivity(net, metric, **options)
    clear(options["progress"])
    _describe(data, net, f"; weight: {net.weight}")
    shown = _top(fmt, top, len(result.rows), "actors")
    emit(
        fmt,
        text=lambda: result.to_text(shown),
        markdown=lambda: result.to_markdown(shown),
        records=lambda: result.to_records(shown),
        columns=None,
        data=lambda: result.to_dict(shown),
    )


#: how many names a community's row lists in the table and markdown formats
COMMUNITY_NAMES = analysis.COMMUNITY_NAMES
#: what the count of a community's other names says lists them all
_LISTED = "--format csv lists them all"


def _communities(
    data: Dataset,
    net: analysis.Network,
    top: int | None,
    fmt: str,
    engine: str,
    seed: int,
    progress: TerminalProgress | None,
) -> None:
    result = analysis.communities(
        net,
        engine=engine,  # type: ignore[arg-type]
        seed=seed,
        progress=progress,
    )
    clear(progress)
    _describe(data, net, f"; weight: {net.weight}; engine: {result.engine}")
    emit(
        fmt,
        text=lambda: result.to_text(top, COMMUNITY_NAMES, _LISTED),
        markdown=lambda: result.to_markdown(top, COMMUNITY_NAMES, _LISTED),
        records=result.to_records,
        columns=["community", "id", "name"],
        data=result.to_dict,
    )


def _balance(
    data: Dataset, net: analysis.Network, fmt: str, seed: int, progress: TerminalProgress | None
) -> None:
    result = analysis.balance(net, seed=seed, progress=progress)
    clear(progress)
    _describe(data, net)
    emit(
        fmt,
        text=result.to_text,
        markdown=result.to_markdown,
        records=result.to_records,
        columns=["bloc", "id", "name"],
        data=result.to_dict,
    )


def _timeline(
    data: Dataset,
    net: analysis.Network,
    by: str,
    cumulative: bool,
    names: tuple[str, ...] | None,
    sort: str | None,
    top: int | None,
    fmt: str,
    options: dict[str, Any],
) -> None:
    metrics = names or ("degree",)
    period: Any = by
    result = analysis.over_time(net, period, metrics, cumulative=cumulative, **options)
    clear(options["progress"])
    key = sort or metrics[0]
    if key not in result.metrics:
        raise UsageError(
            f"--sort {key} is not among the metrics computed\n  hint: add it with --metric {key}"
        )
    n = result.undated
    kind = "report" if result.dates == "reported" else "event"
    _describe(
        data,
        net,
        f"; periods by {kind} dates; {n} relation{'s' * (n != 1)} with no {kind} date left out "
        "of the periods",
    )
    if fmt == "json":
        echo(_json(result.to_dict(key, top)), whole=True)
        return
    if fmt == "csv":
        echo(
            _csv(
                result.to_records(key, top),
                ["period", "rank", "id", "name", "kind", *result.metrics],
            ),
            whole=True,
        )
        return
    echo(result.to_markdown(key, top) if fmt == "markdown" else result.to_text(key, top))


# ---------------------------------------------------------------------------
# relgraph path
# ---------------------------------------------------------------------------
@click.command(
    "path",
    cls=DatasetOrder,
    slots=("A", "B"),
    needs="two actors, A and B",
    examples=("cuba", "iran"),
)
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@dataset_argument
@click.option(
    "-k",
    "k",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many paths, shortest first.",
)
@click.option(
    "--directed",
    is_flag=True,
    help="Follow relations only in their direction (undirected ones both ways).",
)
@_format_option
@filter_options
@quiet_option
def path_command(
    a: str,
    b: str,
    dataset: tuple[str, ...],
    k: int,
    directed: bool,
    fmt: str,
    quiet: bool,
    **filters: Any,
) -> None:
    """How A and B are connected, hop by hop, with the evidence for each hop.

    A and B are actors by id, name or alias. Each hop lists every relation
    joining its two actors with its type, direction, date, status and the
    quotes it rests on; hops that rest only on alleged or disputed relations
    are marked ALLEGED.

    \b
    Examples:
        relgraph path Hezbollah Venezuela
        relgraph path hamas "United States" -k 3
        relgraph path Cuba Iran --status confirmed,reported --format json
    """
    misplaced_dataset()
    flt = filter_from_options(filters)
    with progress_line(quiet) as progress:
        data = load_or_fail(dataset, progress=progress)
    net = analysis.Network(data, flt)
    result = analysis.paths(net, a, b, k, directed=directed)
    _describe(data, net)
    _merged_notes(net, (a, result.source), (b, result.target))
    if not result.paths:
        names = net.entities
        _note(
            f"no path from {names[result.source].name} to {names[result.target].name} "
            "with these filters"
        )
    if fmt == "json":
        echo(_json(result.to_dict()), whole=True)
        return
    if fmt == "csv":
        records = result.to_records()
        echo(_csv(records, list(records[0]) if records else _PATH_COLUMNS), whole=True)
        return
    report = result.to_markdown() if fmt == "markdown" else result.to_text()
    if report:
        echo(report)


_PATH_COLUMNS = [
    "path",
    "hop",
    "from",
    "to",
    "relation",
    "reading",
    "type",
    "direction",
    "status",
    "alleged",
    "when",
    "quote",
    "source",
    "reliability",
    "credibility",
    "attributed_to",
]


# ---------------------------------------------------------------------------
# relgraph ego
# ---------------------------------------------------------------------------
@click.command("ego", cls=DatasetOrder, slots=("X",), needs="an actor, X", examples=("cuba",))
@click.argument("actor", metavar="X")
@dataset_argument
@click.option(
    "-r",
    "--radius",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How many hops out from X.",
)
@click.option("--quotes", is_flag=True, help="Print every relation's quotes under it.")
@click.option(
    "--page",
    "page",
    metavar="FILE",
    help="Also write the neighbourhood as an interactive page (like relgraph render); "
    "'-' writes the page to stdout instead of the result.",
)
@_format_option
@filter_options
@quiet_option
def ego_command(
    actor: str,
    dataset: tuple[str, ...],
    radius: int,
    quotes: bool,
    page: str | None,
    fmt: str,
    quiet: bool,
    **filters: Any,
) -> None:
    """Show an actor's neighbourhood: the actors within N hops and every relation among them.

    X is an actor by id, name or alias. The csv format gives the relations;
    json gives actors and relations with their quotes.

    \b
    Examples:
        relgraph ego Cuba
        relgraph ego Hezbollah --radius 2 --quotes
        relgraph ego iran --radius 1 --format csv
        relgraph ego Hamas --radius 2 --page output/hamas.html
    """
    misplaced_dataset()
    flt = filter_from_options(filters)
    with progress_line(quiet) as progress:
        data = load_or_fail(dataset, writes=page is not None, progress=progress)
    net = analysis.Network(data, flt)
    result = analysis.ego(net, actor, radius)
    _describe(data, net)
    _merged_notes(net, (actor, result.center))
    if page is not None:
        from relgraph.rendering import render as render_page

        center = net.entities[result.center].name
        sub = result.dataset(net.dataset)
        title = f"{center} and its neighbourhood (radius {radius})"
        if page == "-":  # the page is the output: nothing else goes to stdout
            write_stdout(render_page(sub, title=title).encode("utf-8"))
            return
        render_page(sub, page, title=title)
        echo(
            f"relgraph: wrote {page} ({counted(len(sub.entities), 'actor', 'actors')}, "
            f"{counted(len(sub.relations), 'relation', 'relations')})",
            err=True,
        )
    if fmt == "json":
        echo(_json(result.to_dict()), whole=True)
        return
    rows = result.to_records()
    if fmt == "csv":
        echo(
            _csv(
                rows,
                [
                    "relation",
                    "source",
                    "type",
                    "target",
                    "reading",
                    "status",
                    "alleged",
                    "when",
                    "evidence",
                ],
            ),
            whole=True,
        )
        return
    echo(result.to_markdown(quotes) if fmt == "markdown" else result.to_text(quotes))


COMMANDS = [analyze_command, path_command, ego_command]
