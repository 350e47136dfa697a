"""``relgraph validate`` and ``relgraph vocab``."""

from __future__ import annotations

import json
import os

import click

from relgraph.cli.common import (
    STDIN_NAME,
    DataProblem,
    actor_as_dataset,
    counted,
    dataset_label,
    dataset_paths,
    echo_diagnostics,
    stdin_dataset,
    summary,
)
from relgraph.cli.options import dataset_argument, format_option, quiet_option
from relgraph.cli.output import echo
from relgraph.errors import Diagnostic
from relgraph.folders import folder_contents
from relgraph.load import check_folder, folder_diagnostics, validate
from relgraph.progress import terminal_progress
from relgraph.vocabulary import builtin_vocabulary

__all__ = ["validate_command", "vocab_command"]


@click.command("validate")
@dataset_argument
@format_option(["text", "json"], "text: one problem per line on stderr; json: records on stdout.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@quiet_option
def validate_command(dataset: tuple[str, ...], fmt: str, strict: bool, quiet: bool) -> None:
    """Check a dataset and report every problem at once.

    DATASET is a YAML or JSON Lines file, or a folder of them (default: the
    bundled dataset); '-' reads one from standard input. A folder whose files
    each have their own 'dataset:' section holds several datasets: each is
    checked on its own and reported by file, and its judgements files are
    checked against them. Several
    DATASET arguments are checked each on its own and then together: an id
    must mean the same actor or source in each. --strict fails on warnings
    too, except conflicts between sources (warning[conflict]), which a
    dataset keeps as its sources give them.
    Exit status: 0 clean, 1 problems in the data, 2 a usage error.

    \b
    Examples:
        relgraph validate graph_data/cuba_iran.yaml
        relgraph validate --strict graph_data/
        relgraph validate graph_data/ --format json
        relgraph validate first.yaml second.yaml
    """
    path = dataset_label(dataset)
    target = dataset_paths(dataset)
    actor_as_dataset(target)
    progress = terminal_progress(quiet)
    parts = None
    if isinstance(target, str) and os.path.isdir(target):
        contents = folder_contents(target)
        if contents.several:
            parts = check_folder(contents, progress=progress)
    if parts is not None:
        problems = folder_diagnostics(parts)
    else:
        with stdin_dataset(target) as (files, stdin):
            problems = validate(files, progress=progress)
            if stdin is not None:
                problems = [stdin.diagnostic(p) for p in problems]
                path = dataset_label([STDIN_NAME if d == "-" else d for d in dataset])
    if progress is not None:
        progress.close()
    failing = [p for p in problems if _fails(p, strict)]
    if fmt == "json":
        echo_diagnostics(problems, fmt)
        if failing:
            raise DataProblem("")
        return
    if parts is None:
        echo_diagnostics(problems, fmt)
        if failing:
            raise DataProblem(f"{path}: {summary(problems)}")
        extra = f" ({summary(problems)})" if problems else ""
        echo(f"{path}: ok{extra}", err=True)
        return
    bad = 0
    for part in parts:
        echo_diagnostics(part.diagnostics, fmt)
        found = summary(part.diagnostics)
        what = f"dataset '{part.ident}'" if part.ident else part.kind
        if any(_fails(p, strict) for p in part.diagnostics):
            bad += 1
            echo(f"{part.path}: {found}", err=True)
        else:
            echo(f"{part.path}: {what} ok{f' ({found})' if found else ''}", err=True)
    datasets = sum(p.kind == "dataset" for p in parts)
    files = counted(datasets, "dataset", "datasets") + (
        f", {len(parts) - datasets} other file{'s' * (len(parts) - datasets != 1)}"
        if len(parts) > datasets
        else ""
    )
    if bad:
        raise DataProblem(f"{path}: {files}, {bad} with problems: {summary(problems)}")
    extra = f" ({summary(problems)})" if problems else ""
    echo(f"{path}: {files}, each ok{extra}", err=True)


def _fails(problem: Diagnostic, strict: bool) -> bool:
    """Tell whether ``problem`` fails validation.

    It does when it is an error, or with ``strict`` a warning that is not a
    conflict between sources (a dataset keeps those as its sources give them).
    """
    return problem.severity == "error" or (strict and problem.code != "conflict")


@click.command("vocab")
@format_option(["text", "json"], "text: tables; json: the vocabulary as one object.")
def vocab_command(fmt: str) -> None:
    """List entity kinds and relation types (with category, direction, sign and endpoints).

    \b
    Examples:
        relgraph vocab
        relgraph vocab --format json
    """
    vocab = builtin_vocabulary()
    if fmt == "json":
        echo(json.dumps(vocab.as_dict(), ensure_ascii=False, indent=2), whole=True)
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
