"""``relgraph convert``: move a dataset between YAML and JSON Lines."""

from __future__ import annotations

import json

import click

from relgraph.cli.common import (
    STDIN_NAME,
    DataProblem,
    NothingWritten,
    clear,
    counted,
    echo_diagnostics,
    progress_line,
    refuse_stdout,
    stdin_dataset,
    summary,
)
from relgraph.cli.options import output_option, quiet_option, summary_option
from relgraph.cli.output import echo
from relgraph.convert import convert
from relgraph.errors import DatasetError, WriteError

__all__ = ["COMMANDS", "convert_command"]


@click.command("convert")
@click.argument("dataset", metavar="DATASET")
@output_option(
    required=True,
    metavar="OUT",
    help="The file to write: OUT.jsonl for JSON Lines, OUT.yaml or OUT.yml for YAML.",
)
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@summary_option
@quiet_option
def convert_command(dataset: str, output: str, force: bool, report: str, quiet: bool) -> None:
    """Write DATASET as one JSON Lines or YAML file; the suffix of OUT says which.

    DATASET (a YAML or JSON Lines file, a folder mixing them, or '-' for standard
    input) is validated
    first; nothing is written if it has problems. Every record is written with
    all its fields, and the source texts are copied beside OUT when it is in
    another folder, so OUT loads to the same dataset.

    \b
    Examples:
        relgraph convert graph_data/cuba_iran.yaml -o cuba_iran.jsonl
        relgraph convert events/ -o events.jsonl --force
        relgraph convert small.jsonl -o small.yaml
        relgraph convert events/ -o events.jsonl --format json   # what was written
    """
    refuse_stdout(
        output,
        "-o",
        "convert writes OUT and copies the source texts beside it",
        "name the file: -o OUT.jsonl or -o OUT.yaml "
        "(relgraph export --to jsonl prints JSON Lines to standard output)",
    )
    with progress_line(quiet) as progress:
        try:
            with stdin_dataset(dataset) as (path, _):
                loaded = convert(str(path), output, force=force, progress=progress)
        except DatasetError as exc:
            clear(progress)
            echo_diagnostics(exc.diagnostics, "text")
            raise DataProblem(
                f"{STDIN_NAME if dataset == '-' else dataset}: {summary(exc.diagnostics)}; "
                "nothing was written"
            ) from None
        except WriteError as exc:
            raise NothingWritten(str(exc)) from None
    if report == "json":
        record = {
            "output": output,
            "entities": len(loaded.entities),
            "relations": len(loaded.relations),
            "evidence": sum(len(r.evidence) for r in loaded.relations),
            "claims": len(loaded.claims),
            "sources": len(loaded.sources),
        }
        echo(json.dumps(record, ensure_ascii=False, indent=2))
    elif not quiet:
        echo(
            f"{output}: {counted(len(loaded.entities), 'entity', 'entities')}, "
            f"{counted(len(loaded.relations), 'relation', 'relations')}, "
            f"{counted(len(loaded.claims), 'claim', 'claims')}",
            err=True,
        )


COMMANDS = [convert_command]
