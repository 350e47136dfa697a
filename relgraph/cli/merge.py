"""``relgraph match`` and ``relgraph merge``: several articles, one graph."""

from __future__ import annotations

import json
import os

import click

from relgraph.atomic import write_file
from relgraph.cli.common import (
    DataProblem,
    NothingWritten,
    dataset_label,
    echo_diagnostics,
    load_each_or_fail,
    progress_line,
    refuse_stdout,
    summary,
)
from relgraph.cli.options import format_option, output_option, quiet_option
from relgraph.cli.output import echo
from relgraph.errors import DatasetError, Diagnostic, WriteError
from relgraph.judgements import (
    Judgement,
    check_judgements,
    judgements_yaml,
    read_judgements_partly,
)
from relgraph.matching import match
from relgraph.merging import check_output, merge, merged_path, write_merged
from relgraph.model import Dataset

__all__ = ["COMMANDS", "match_command", "merge_command"]


def _judgements(path: str, datasets: list[Dataset], writes: bool) -> tuple[Judgement, ...]:
    judgements, problems = read_judgements_partly(path)
    # the well-formed judgements are checked against the datasets too: every problem at once
    problems = sorted([*problems, *check_judgements(judgements, datasets)], key=Diagnostic.sort_key)
    if problems:
        echo_diagnostics(problems, "text")
        raise DataProblem(f"{path}: {summary(problems)}" + "; nothing was written" * writes)
    return judgements


@click.command("match")
@click.argument("datasets", nargs=-1, required=True, metavar="DATASET DATASET...")
@output_option(
    metavar="FILE",
    help="Write the proposals to a judgements FILE; decisions already in FILE are kept.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=0.6,
    show_default=True,
    help="The lowest score of an actor pair to propose.",
)
@format_option(["text", "json"], "text: pairs with their reasons; json: records.")
@quiet_option
def match_command(
    datasets: tuple[str, ...], output: str | None, threshold: float, fmt: str, quiet: bool
) -> None:
    """Propose actors (and relations) of two or more datasets that may be the same.

    Each pair comes with a score from 0 to 1 and its reasons (the same external
    id, names alike once transliterated and folded, the same kind and country),
    best first. Pairs of different countries or different registered ids are
    never proposed. With -o the pairs go to a judgements file, each undecided:
    write same, different or unsure for each, then run relgraph merge. One
    DATASET may be '-', a dataset read from standard input.

    \b
    Examples:
        relgraph match graph_data/cuba_iran.yaml graph_data/raisi_havana_2023.yaml
        relgraph match a.yaml b.yaml -o judgements.yaml
        relgraph match a.yaml b.yaml --format json
    """
    if len(datasets) < 2:
        raise click.UsageError("match needs two or more datasets")
    refuse_stdout(
        output,
        "-o",
        "match -o keeps the decisions already in a judgements file",
        "name the file: -o judgements.yaml (without -o the pairs are printed)",
    )
    with (
        progress_line(quiet) as progress,
        load_each_or_fail(datasets, writes=output is not None, progress=progress) as loaded,
    ):
        _match(loaded, output, threshold, fmt, quiet)


def _match(
    loaded: list[Dataset], output: str | None, threshold: float, fmt: str, quiet: bool
) -> None:
    keep: tuple[Judgement, ...] = ()
    if output is not None and os.path.exists(output):
        keep = _judgements(output, loaded, writes=True)
    try:
        result = match(
            loaded,
            threshold=threshold,
            judged_same=[(j.left, j.right) for j in keep if j.judgement == "same"],
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "json":
        echo(json.dumps(result.to_records(), ensure_ascii=False, indent=2), whole=True)
    else:
        echo(result.to_text())
    if output is not None:
        text = judgements_yaml((*result.entities, *result.relations), keep)
        try:
            write_file(output, text.encode("utf-8"))
        except WriteError as exc:
            raise NothingWritten(str(exc)) from None
        if not quiet:
            echo(f"wrote {output}: judge each pair, then run relgraph merge", err=True)


@click.command("merge")
@click.argument("datasets", nargs=-1, required=True, metavar="DATASET DATASET...")
@click.option(
    "-j",
    "--judgements",
    metavar="FILE",
    help="The judgements file (from relgraph match, decided by you).",
)
@output_option(
    required=True,
    metavar="FOLDER|FILE.yaml",
    help="A new or empty folder to write to, or a new .yaml file (texts already beside it "
    "are shared).",
)
@click.option(
    "--id", "ident", metavar="ID", help="The merged dataset's id [default: the inputs' ids joined]."
)
@click.option("--title", metavar="TEXT", help="The merged dataset's title.")
@format_option(["text", "json"], "text: what was joined, on stderr; json: a summary on stdout.")
@quiet_option
def merge_command(
    datasets: tuple[str, ...],
    judgements: str | None,
    output: str,
    ident: str | None,
    title: str | None,
    fmt: str,
    quiet: bool,
) -> None:
    """Merge two or more datasets into one, as the judgements say.

    Actors judged the same become one (every name kept as an alias), the same
    source text is stored once, and relations of one type between the same
    actors on the same dates fold into one relation with the evidence of all
    (relation pairs match proposes fold only when judged the same). The merged
    dataset is validated with the usual rules before it is written to
    FOLDER/<id>.yaml with its source texts, or to FILE.yaml beside the texts
    the inputs already store; nothing is written if it has problems, and no
    quote, note or grade of the inputs is lost. One DATASET may be '-', a
    dataset read from standard input (its source texts found from the current
    folder).

    \b
    Examples:
        relgraph merge a.yaml b.yaml --judgements judgements.yaml -o merged/
        relgraph merge graph_data/cuba_iran.yaml graph_data/raisi_havana_2023.yaml \\
            -j graph_data/cuba_iran_havana.judgements.yaml \\
            -o graph_data/cuba_iran_havana.yaml --id cuba_iran_havana
    """
    if len(datasets) < 2:
        raise click.UsageError("merge needs two or more datasets")
    refuse_stdout(
        output,
        "-o",
        "merge writes a dataset file and stores the source texts beside it",
        "name a new folder or file: -o merged/ or -o merged.yaml",
    )
    check_output(output)  # before any work: a wrong -o is said at once
    with (
        progress_line(quiet) as progress,
        load_each_or_fail(datasets, writes=True, progress=progress) as loaded,
    ):
        _merge(loaded, datasets, judgements, output, ident, title, fmt, quiet)


def _merge(
    loaded: list[Dataset],
    datasets: tuple[str, ...],
    judgements: str | None,
    output: str,
    ident: str | None,
    title: str | None,
    fmt: str,
    quiet: bool,
) -> None:
    decided = _judgements(judgements, loaded, writes=True) if judgements else ()
    try:
        result = merge(loaded, decided, id=ident, title=title)
        lost = result.lost()
        if lost:  # never expected: say what, and write nothing
            raise DataProblem(
                "the merge would lose " + "; ".join(lost[:10]) + "; nothing was written"
            )
        written = write_merged(result, output)
    except DatasetError as exc:
        echo_diagnostics(exc.diagnostics, "text")
        raise DataProblem(
            f"{dataset_label(datasets)}: {summary(exc.diagnostics)}; nothing was written"
        ) from None
    except WriteError as exc:
        raise NothingWritten(str(exc)) from None
    if fmt == "json":
        echo(
            json.dumps(
                {
                    "dataset": written.id,
                    "path": merged_path(result, output),
                    "entities": len(written.entities),
                    "relations": len(written.relations),
                    "claims": len(written.claims),
                    "sources": len(written.sources),
                    "actors_joined": [[k, list(v)] for k, v in result.actors],
                    "sources_joined": [[k, list(v)] for k, v in result.sources],
                    "relations_folded": [[k, list(v)] for k, v in result.relations],
                    "claims_folded": [[k, list(v)] for k, v in result.claims],
                    "renamed": [list(p) for p in result.renamed],
                    "lost": lost,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif not quiet:
        echo(result.to_text(), err=True)
        echo(f"wrote {merged_path(result, output)}", err=True)


COMMANDS = [match_command, merge_command]
