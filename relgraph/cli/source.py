"""``relgraph source add``: store a new article's text and add its source record."""

from __future__ import annotations

import shlex
from typing import NoReturn

import click

from relgraph.cli.common import DatasetOrder, actor_as_dataset_option, counted, misplaced_dataset
from relgraph.cli.options import dataset_option, summary_option
from relgraph.cli.output import echo, echo_summary
from relgraph.errors import UsageError
from relgraph.intake import add_source

__all__ = ["source_group"]

_SHOWN_DROPPED = 8


@click.group("source")
def source_group() -> None:
    """Add sources to a dataset.

    \b
    Examples:
        relgraph source add article.html --id efe-visit --title "Raisi in Havana" \\
            --dataset graph_data/cuba_iran.yaml
    """


def _no_dataset() -> NoReturn:
    """Refuse to guess the dataset to write: the bundled one may be in the installed package."""
    ctx = click.get_current_context()
    args = [*ctx.meta.get("relgraph.args", []), "--dataset", "DATA.yaml"]
    shown = " ".join(shlex.quote(a) if a != "DATA.yaml" else a for a in args)
    raise UsageError(
        "source add writes into a dataset, and none is named\n"
        f"  hint: name the dataset to add to with --dataset: relgraph source add {shown}"
    )


@source_group.command(
    "add",
    cls=DatasetOrder,
    slots=("FILE",),
    dataset_option=True,
    needs="the article's file, FILE",
    examples=("article.txt",),
)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--id", "ident", required=True, help="The new source's id (a readable slug).")
@click.option("--title", required=True, help="The title the source has.")
@click.option("--url", help="Where it was read (http or https).")
@click.option("--publisher", help="Who published it; leave out when unknown.")
@click.option("--published", help="When it was published: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--reliability",
    default="F",
    show_default=True,
    help="Admiralty grade A (completely reliable) to E; F: cannot be judged.",
)
@dataset_option(
    "The dataset file (or folder) to add to; always named, since the command writes it.",
)
@click.option(
    "--keep-original", is_flag=True, help="Also store FILE byte for byte beside the text."
)
@click.option("--encoding", help="FILE's encoding, when it is not UTF-8 and is not detected.")
@summary_option
def add_command(
    file: str,
    ident: str,
    title: str,
    url: str | None,
    publisher: str | None,
    published: str | None,
    reliability: str,
    dataset: str | None,
    keep_original: bool,
    encoding: str | None,
    report: str,
) -> None:
    """Store FILE's text beside the dataset and add its source record.

    FILE is a text file or a saved web page (reduced to its article text;
    what was dropped is listed). The text is stored as UTF-8 with LF line
    ends in sources/ID.txt beside the dataset file, its sha256 computed, and
    the record added at the end of the file's sources, every other line of
    the file left as it was. Then `relgraph validate` checks it.

    \b
    Examples:
        relgraph source add notes/visit.txt --id visit --title "Raisi visits Havana" \\
            --published 2023-06-15 --dataset mydata.yaml
        relgraph source add saved/page.html --id efe --title "…" --url https://… \\
            --keep-original --dataset mydata.yaml
    """
    misplaced_dataset()  # `source add mydata.yaml …` would store the dataset as a text
    if dataset is None:
        _no_dataset()
    actor_as_dataset_option(dataset, instead="DATA.yaml")
    added = add_source(
        file,
        dataset,
        id=ident,
        title=title,
        url=url,
        publisher=publisher,
        published=published,
        reliability=reliability,
        keep_original=keep_original,
        encoding=encoding,
    )
    article = added.article
    words = len(article.text.split())
    for note in article.notes:
        echo(f"{file}: {note}", err=True)
    if report == "json":
        echo_summary(
            {
                "source": ident,
                "dataset_file": added.dataset_file,
                "text_file": added.text_file,
                "original_file": added.original_file,
                "kind": article.kind,
                "words": words,
                "sha256": added.record["sha256"],
                "dropped": list(article.dropped) if article.kind == "html" else [],
            }
        )
        return
    if article.kind == "html":
        dropped = article.dropped
        dropped_words = sum(len(d.split()) for d in dropped)
        echo(
            f"{file}: kept the article text ({counted(words, 'word', 'words')}); dropped "
            f"{counted(len(dropped), 'block', 'blocks')} of page text "
            f"({counted(dropped_words, 'word', 'words')}):",
            err=True,
        )
        for piece in dropped[:_SHOWN_DROPPED]:
            shown = piece if len(piece) <= 70 else piece[:69] + "…"
            echo(f"  - {shown}", err=True)
        if len(dropped) > _SHOWN_DROPPED:
            echo(f"  … and {len(dropped) - _SHOWN_DROPPED} more", err=True)
    if added.original_file:
        echo(f"kept the original as {added.original_file}", err=True)
    echo(
        f"added source '{ident}' to {added.dataset_file}: text in {added.text_file} "
        f"({counted(words, 'word', 'words')}), sha256 {added.record['sha256']}",
        err=True,
    )
