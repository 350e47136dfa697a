"""``relgraph render``: the dataset as one self-contained interactive HTML page."""

from __future__ import annotations

import os
from typing import Any

import click

from relgraph.cli.common import (
    NothingWritten,
    clear,
    counted,
    load_or_fail,
    progress_line,
    refuse_json_to_stdout,
)
from relgraph.cli.options import (
    dataset_argument,
    filter_options,
    optional_filter,
    output_option,
    quiet_option,
    summary_option,
)
from relgraph.cli.output import echo, echo_summary, write_stdout
from relgraph.errors import UsageError
from relgraph.rendering import COLOR_BY, SIZE_METRICS, NoLayoutEngine, PageTooLarge, render

__all__ = ["render_command"]


@click.command("render")
@dataset_argument
@output_option(
    metavar="FILE",
    help="Where to write the page; '-' writes it to stdout. [default: output/<dataset id>.html]",
)
@click.option(
    "--open", "open_page", is_flag=True, help="Open the page in the web browser once it is written."
)
@click.option(
    "--size-by",
    type=click.Choice(SIZE_METRICS),
    default="degree",
    metavar="METRIC",
    help=f"The centrality that sizes the actors: {', '.join(SIZE_METRICS)} "
    "(the page can switch it). [default: degree]",
)
@click.option(
    "--color-by",
    type=click.Choice(COLOR_BY),
    default="category",
    show_default=True,
    help="What edge colour shows: the relation's category or its sign.",
)
@click.option("--title", metavar="TEXT", help="The page's title [default: the dataset's title].")
@filter_options
@summary_option
@quiet_option
def render_command(
    dataset: tuple[str, ...],
    output: str | None,
    open_page: bool,
    size_by: str,
    color_by: str,
    title: str | None,
    report: str,
    quiet: bool,
    **filters: Any,
) -> None:
    """Write the dataset as one interactive HTML page that works offline.

    DATASET is a YAML or JSON Lines file, or a folder of them (default: the bundled
    dataset); several datasets are loaded as one.
    The page holds everything it needs (no CDN, no network access): mail it,
    open it on an air-gapped laptop, keep it in git (the same data gives the
    same bytes). Click an actor or a relation to read the quotes behind it.

    \b
    Examples:
        relgraph render
        relgraph render graph_data/cuba_iran.yaml -o cuba_iran.html --open
        relgraph render --size-by betweenness --color-by sign
        relgraph render -o - > page.html
        relgraph render --status confirmed,reported -o established.html

    With no filter option the page holds every relation (the reader can hide
    allegations in the page); a filter option narrows what goes into the page.
    """
    to_stdout = output == "-"
    if to_stdout and open_page:
        raise click.UsageError("--open needs a file to open; it cannot be used with -o -")
    refuse_json_to_stdout(report, to_stdout, "the page")
    target = output
    if output is not None and not to_stdout:
        _check_output(output)
    chosen = optional_filter(filters)
    with progress_line(quiet) as progress:
        ds = load_or_fail(dataset, writes=True, progress=progress)
        if chosen is not None:
            ds = chosen.apply(ds)
        if target is None:
            target = os.path.join("output", f"{ds.id}.html")
            if os.path.exists("output") and not os.path.isdir("output"):
                raise click.UsageError(
                    "'output' is a file, so the page cannot go to output/; name a file with -o"
                )
            os.makedirs("output", exist_ok=True)
        options: dict[str, Any] = {
            "size_by": size_by,
            "color_by": color_by,
            "title": title,
            "progress": progress,
        }
        if to_stdout:
            html = render(ds, **options)
            clear(progress)
            write_stdout(html.encode("utf-8"))
            return
        try:
            html = render(ds, target, **options)
        except (PageTooLarge, NoLayoutEngine):
            raise
        except UsageError as exc:
            raise click.BadParameter(str(exc), param_hint="'-o' / '--output'") from None
        except OSError as exc:
            raise NothingWritten(f"cannot write '{target}': {exc.strerror or exc}") from None
        clear(progress)
    size = len(html.encode("utf-8"))
    if report == "json":
        echo_summary(
            {
                "output": target,
                "bytes": size,
                "actors": len(ds.entities),
                "relations": len(ds.relations),
                "filter": chosen.describe() if chosen is not None else None,
            }
        )
    else:
        echo(
            f"relgraph: wrote {target} ({size:,} bytes; "
            f"{counted(len(ds.entities), 'actor', 'actors')}, "
            f"{counted(len(ds.relations), 'relation', 'relations')})",
            err=True,
        )
    if open_page:
        click.launch(os.path.abspath(target))


def _check_output(path: str) -> None:
    """Refuse an output path that cannot be written, before loading anything."""
    folder = os.path.dirname(path) or "."
    if os.path.isdir(path):
        raise click.BadParameter(
            f"'{path}' is a folder; name a file such as {os.path.join(path, 'graph.html')}",
            param_hint="'-o' / '--output'",
        )
    if not os.path.exists(folder):
        raise click.BadParameter(
            f"the folder '{folder}' does not exist; create it first or choose another place",
            param_hint="'-o' / '--output'",
        )
    if not os.path.isdir(folder):
        raise click.BadParameter(
            f"'{folder}' is a file, not a folder", param_hint="'-o' / '--output'"
        )
