"""``relgraph quote``: find a passage of a source from rough words."""

from __future__ import annotations

import json

import click

from relgraph.cli.common import (
    DataProblem,
    DatasetOrder,
    actor_as_dataset_option,
    misplaced_dataset,
    stdin_dataset,
)
from relgraph.cli.options import dataset_option, format_option
from relgraph.cli.output import echo
from relgraph.errors import UsageError
from relgraph.intake import source_text
from relgraph.passages import GOOD_SCORE, MAX_LIMIT, Passage, PassageFinder

__all__ = ["quote_command"]


def _folded(text: str) -> str:
    return " ".join(text.split())


def evidence_yaml(passage: Passage, source: str) -> str:
    r"""Return the evidence item to paste under a relation's ``evidence:``.

    Parameters
    ----------
    passage : Passage
        A passage :class:`~relgraph.passages.PassageFinder` found.
    source : str
        The source's id.

    Returns
    -------
    str
        The YAML of one evidence item, as a list item.

    Examples
    --------
    >>> p = Passage(0, 9, "it's \"ok\"", "It's ok.", 0, 8, 100.0)
    >>> print(evidence_yaml(p, "art"), end="")
    - quote: "it's \"ok\""
      source: art
    """
    quote = json.dumps(_folded(passage.text), ensure_ascii=False)
    return f"- quote: {quote}\n  source: {source}\n"


def _old_yaml_flag(fmt: str, as_yaml: bool) -> str:
    """``--yaml``, the old spelling of ``--format yaml``: still works, and says so."""
    if not as_yaml:
        return fmt
    if fmt not in ("text", "yaml"):
        raise UsageError(
            f"--yaml and --format {fmt} ask for two outputs\n"
            "  hint: give one: --format yaml or --format json"
        )
    echo(
        "relgraph: warning: --yaml is the old name of --format yaml\n"
        "  hint: write --format yaml (the output is the same)",
        err=True,
    )
    return "yaml"


def _json(found: list[Passage], source: str, words: str, in_source: bool) -> str:
    """Return the passages as JSON.

    Each is verbatim, with its place, sentence, score and evidence item.
    """
    record = {
        "source": source,
        "words": words,
        "in_source": in_source,
        "passages": [
            {
                "score": round(p.score, 1),
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "sentence": p.sentence,
                "evidence": {"quote": _folded(p.text), "source": source},
            }
            for p in found
        ],
    }
    return json.dumps(record, ensure_ascii=False, indent=2)


@click.command(
    "quote",
    cls=DatasetOrder,
    slots=("SOURCE", "WORDS"),
    dataset_option=True,
    needs="a source and words to find in it, SOURCE and WORDS",
    examples=("article.txt", "raisi visited havana"),
)
@click.argument("source")
@click.argument("words")
@dataset_option(
    "A dataset file or folder ('-': read from standard input); SOURCE is then the id of "
    "one of its sources.",
)
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(1, MAX_LIMIT),
    default=3,
    show_default=True,
    help="How many passages to show.",
)
@format_option(
    ["text", "yaml", "json"],
    "text: the passages with their sentences; yaml: the best as an evidence item to paste; "
    "json: the passages as records.",
)
@click.option("--yaml", "as_yaml", is_flag=True, hidden=True, help="Old name of --format yaml.")
def quote_command(
    source: str, words: str, dataset: str | None, limit: int, fmt: str, as_yaml: bool
) -> None:
    """Find the passages of a source's text most like WORDS, verbatim.

    SOURCE is a text file, or with --dataset the id of one of the dataset's
    sources. WORDS may differ from the text in case, punctuation, a word or
    two, or the order of the words. Each passage is printed exactly as the
    text has it, with its sentence and a score (0-100). When no passage
    scores 80 or more the words are not in the source: it says so, shows the
    nearest passage and exits with status 1.

    \b
    Examples:
        relgraph quote deepening-ties "signed document bolster cooperation" \\
            --dataset graph_data/cuba_iran.yaml
        relgraph quote article.txt "raisi visited havana" --format yaml
    """
    misplaced_dataset()
    actor_as_dataset_option(dataset, source)
    fmt = _old_yaml_flag(fmt, as_yaml)
    if dataset is None:
        stored = source_text(source)
    else:
        with stdin_dataset(dataset) as (path, _):  # '-': the dataset on standard input
            stored = source_text(source, str(path))
    found = PassageFinder(stored.text).find(words, limit=limit)
    if not found:
        raise DataProblem(f"no word of {json.dumps(words, ensure_ascii=False)} is in '{stored.id}'")
    best = found[0]
    missing = best.score < GOOD_SCORE
    if missing:
        echo(
            f"relgraph: these words are not in source '{stored.id}'; "
            f"the nearest passage (score {best.score:.1f}) is:",
            err=True,
        )
        found = found[:1]
    if fmt == "yaml":
        echo(f"# score {best.score:.1f}, from source '{stored.id}'")
        echo(evidence_yaml(best, stored.id), nl=False, whole=True)
    elif fmt == "json":
        echo(_json(found, stored.id, words, not missing), whole=True)
    else:
        for i, p in enumerate(found, 1):
            echo(f"{i}. score {p.score:.1f} at characters {p.start}-{p.end}")
            echo(f"   {_folded(p.text)}")
            echo(f"   sentence: {_folded(p.sentence)}")
    if missing:
        raise DataProblem("")
