"""``relgraph evidence``: what each relation's and claim's evidence is worth, and its conflicts."""

from __future__ import annotations

import click

from relgraph.cli.common import load_or_fail, progress_line
from relgraph.cli.options import dataset_argument, format_option, quiet_option
from relgraph.cli.output import echo
from relgraph.evidence_report import evidence_report

__all__ = ["evidence_command"]


@click.command("evidence")
@dataset_argument
@click.option(
    "--conflicts",
    "conflicts_only",
    is_flag=True,
    help="List only relations and claims with conflicts.",
)
@format_option(["text", "json", "csv", "markdown"], "How to print the report.")
@quiet_option
def evidence_command(dataset: str | None, conflicts_only: bool, fmt: str, quiet: bool) -> None:
    """Show each relation's and claim's sources, independent origins and conflicts.

    Copies of one story (derived_from, a shared origin) count as one origin. A
    conflict is a contradicting item, amounts or dates that disagree, or
    statuses that disagree between origins; each is shown with its quotes.
    Exit status 0 whatever it finds (1 only when the dataset does not load).

    \b
    Examples:
        relgraph evidence graph_data/cuba_iran.yaml
        relgraph evidence --conflicts --format markdown
    """
    with progress_line(quiet) as progress:
        loaded = load_or_fail(dataset, progress=progress)
    report = evidence_report(loaded, conflicts_only=conflicts_only)
    if fmt == "json":
        echo(report.to_json(), nl=False, whole=True)
    elif fmt == "csv":
        echo(report.to_csv(), nl=False, whole=True)
    elif fmt == "markdown":
        echo(report.to_markdown(), nl=False)
    else:
        echo(report.to_text(), nl=False)
