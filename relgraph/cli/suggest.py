"""``relgraph suggest``: propose actors and relations from one stored source."""

from __future__ import annotations

import click

from relgraph.atomic import write_file
from relgraph.cli.common import (
    DatasetOrder,
    actor_as_dataset_option,
    counted,
    misplaced_dataset,
    refuse_json_to_stdout,
    stdin_dataset,
)
from relgraph.cli.options import dataset_option, output_option, summary_option
from relgraph.cli.output import echo, echo_summary, write_stdout
from relgraph.suggest import draft_yaml, suggest_source

__all__ = ["suggest_command"]


@click.command(
    "suggest",
    cls=DatasetOrder,
    slots=("SOURCE",),
    dataset_option=True,
    needs="a source, SOURCE",
    examples=("article.txt",),
)
@click.argument("source")
@dataset_option(
    "A dataset file or folder ('-': read from standard input); SOURCE is then the id of "
    "one of its sources, and its "
    "entities and cue words are used.",
)
@output_option(
    metavar=None,
    type=click.Path(dir_okay=False),
    help="Write the draft to this file; '-' or none: print it.",
)
@click.option("--no-countries", is_flag=True, help="Do not look for countries, capitals, demonyms.")
@click.option("--no-candidates", is_flag=True, help="Do not propose new names as actors.")
@summary_option
def suggest_command(
    source: str,
    dataset: str | None,
    output: str | None,
    no_countries: bool,
    no_candidates: bool,
    report: str,
) -> None:
    """Propose actors and relations from SOURCE, sentence by sentence, as a draft.

    SOURCE is a text file, or with --dataset the id of one of its sources.
    The draft is a dataset file whose every record is marked
    'review: proposed'; each relation's quote is its sentence, verbatim.
    Nothing goes into the dataset until you accept it with `relgraph accept`.

    \b
    Examples:
        relgraph suggest efe-2023-06-16 --dataset graph_data/raisi_havana_2023.yaml \\
            -o draft.yaml
        relgraph suggest article.txt
    """
    if output == "-":  # standard output, as without -o
        output = None
    misplaced_dataset()
    actor_as_dataset_option(dataset, source)
    refuse_json_to_stdout(report, output is None, "the draft")
    if dataset is None:
        found = suggest_source(source, countries=not no_countries, candidates=not no_candidates)
        text = draft_yaml(found, output)
    else:
        with stdin_dataset(dataset) as (path, stdin):  # '-': the dataset on standard input
            found = suggest_source(
                source, str(path), countries=not no_countries, candidates=not no_candidates
            )
            text = draft_yaml(found, output)
            if stdin is not None:
                text = stdin.rename(text)
    known = sum(1 for a in found.actors if a.known)
    summary = (
        f"relgraph: {counted(len(found.actors), 'actor', 'actors')} ({known} known, "
        f"{len(found.actors) - known} new), "
        f"{counted(len(found.relations), 'relation', 'relations')} proposed "
        f"from '{found.source_id}'"
    )
    if output is None:
        write_stdout(text.encode("utf-8"))  # exact on a pipe, inert on a terminal
    else:
        write_file(output, text.encode("utf-8"))
        summary += f"; draft written to {output}"
    if report == "json":
        echo_summary(
            {
                "output": output,
                "source": found.source_id,
                "actors": len(found.actors),
                "known_actors": known,
                "new_actors": len(found.actors) - known,
                "relations": len(found.relations),
            }
        )
        return
    echo(summary, err=True)
