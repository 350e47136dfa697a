"""``relgraph accept``: move reviewed records from a draft into a dataset."""

from __future__ import annotations

import click

from relgraph.accept import accept
from relgraph.cli.options import summary_option
from relgraph.cli.output import echo, echo_summary

__all__ = ["accept_command"]

_NOUNS = {
    "sources": ("source", "sources"),
    "entities": ("entity", "entities"),
    "relations": ("relation", "relations"),
    "claims": ("claim", "claims"),
}


def _counted(section: str, ids: list[str]) -> str:
    one, many = _NOUNS[section]
    shown = ", ".join(ids[:5]) + (f", … and {len(ids) - 5} more" if len(ids) > 5 else "")
    return f"{len(ids)} {one if len(ids) == 1 else many} ({shown})"


@click.command("accept")
@click.argument("draft", type=click.Path(dir_okay=False))
@click.argument("ids", nargs=-1)
@click.option(
    "--into",
    "into",
    required=True,
    type=click.Path(),  # a folder is refused by accept, with the files to name instead
    metavar="DATASET",
    help="The dataset file to add the records to.",
)
@summary_option
def accept_command(draft: str, ids: tuple[str, ...], into: str, report: str) -> None:
    """Move the reviewed records of DRAFT into DATASET.

    DRAFT is a draft of `relgraph suggest`. Without IDS, every record not
    marked 'review: proposed' is accepted (mark a record you checked
    'review: accepted', or delete its 'review:' line); with IDS, those
    records. They land at the end of their sections of DATASET marked
    'review: accepted', every other line of the file kept as it was, and
    leave the draft. Both files must validate with the records in place:
    any problem, and nothing is written.

    \b
    Examples:
        relgraph accept draft.yaml --into graph_data/raisi_havana_2023.yaml
        relgraph accept draft.yaml ebrahim-raisi-visit-cuba --into mydata.yaml
        relgraph accept draft.yaml --into mydata.yaml --format json   # what moved
    """
    done = accept(draft, into, ids=list(ids) if ids else None)
    if report == "json":
        echo_summary(
            {
                "dataset_file": done.dataset_file,
                "draft_file": done.draft_file,
                "added": done.added,
                "kept": done.kept,
                "remaining": done.remaining,
            }
        )
        return
    added = [_counted(s, v) for s, v in done.added.items()]
    line = f"accepted into {done.dataset_file}: " + ("; ".join(added) if added else "nothing new")
    echo(line, err=True)
    if done.kept:
        kept = "; ".join(_counted(s, v) for s, v in done.kept.items())
        echo(f"already in the dataset, kept as it has them: {kept}", err=True)
    still = done.remaining
    echo(
        f"{done.draft_file} still holds {still} proposed record{'s' * (still != 1)}",
        err=True,
    )
