"""``relgraph validate`` and ``relgraph vocab``."""

from __future__ import annotations

import json

import click

from relgraph.cli.common import (
    DataProblem,
    dataset_argument,
    dataset_label,
    dataset_paths,
    echo,
    echo_diagnostics,
    quiet_option,
    summary,
)
from relgraph.progress import terminal_progress
from relgraph.validation import validate
from relgraph.vocabulary import builtin_vocabulary

__all__ = ["validate_command", "vocab_command"]


@click.command("validate")
@dataset_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one problem per line on stderr; json: records on stdout.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@quiet_option
def validate_command(dataset: tuple[str, ...], fmt: str, strict: bool, quiet: bool) -> None:
    """Check a dataset and report every problem at once.

    DATASET is a YAML or JSON Lines file, or a folder of them (default: the
    bundled dataset). Several datasets are checked each on its own and then
    together: an id must mean the same actor or source in each.
    Exit status: 0 clean, 1 problems in the data, 2 a usage error.

    \b
    Examples:
        relgraph validate graph_data/cuba_iran.yaml
        relgraph validate graph_data/ --format json
        relgraph validate first.yaml second.yaml
    """
    path = dataset_label(dataset)
    progress = terminal_progress(quiet)
    problems = validate(dataset_paths(dataset), progress=progress)
    if progress is not None:
        progress.close()
    echo_diagnostics(problems, fmt)
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        raise DataProblem(f"{path}: {summary(problems)}" if fmt == "text" else "")
    if fmt == "text":
        extra = f" ({summary(problems)})" if problems else ""
        echo(f"{path}: ok{extra}", err=True)


@click.command("vocab")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def vocab_command(fmt: str) -> None:
    """List entity kinds and relation types (with category, direction, sign and endpoints).

    \b
    Examples:
        relgraph vocab
        relgraph vocab --format json
    """
    vocab = builtin_vocabulary()
    if fmt == "json":
        echo(json.dumps(vocab.as_dict(), ensure_ascii=False, indent=2))
        return
    echo("Entity kinds")
    for k in vocab.entity_kinds.values():
        echo(f"  {k.id:<14} {k.label:<14} {k.description}")
    echo("")
    echo("Relation types")
    header = f"  {'type':<22} {'category':<18} {'dir':<4} {'sign':<12} label / inverse label"
    echo(header)
    for t in vocab.relation_types.values():
        arrow = "->" if t.directed else "--"
        echo(f"  {t.id:<22} {t.category:<18} {arrow:<4} {t.sign:<12} {t.label} / {t.inverse_label}")
        src = ", ".join(t.source_kinds) if t.source_kinds else "any"
        dst = ", ".join(t.target_kinds) if t.target_kinds else "any"
        echo(f"  {'':<22} from: {src}; to: {dst}")
