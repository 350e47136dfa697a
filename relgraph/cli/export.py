"""``relgraph export``, ``relgraph import csv|json`` and ``relgraph schema``.

Thin commands over :mod:`relgraph.export`, :mod:`relgraph.imports` and
:mod:`relgraph.schema`: data to stdout (or to ``-o``), notes and diagnostics
to stderr; exit 0 on success, 1 for problems in the data, 2 for a usage error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import click

from relgraph.cli.common import (
    DataProblem,
    NothingWritten,
    clear,
    counted,
    echo_diagnostics,
    load_or_fail,
    progress_line,
    refuse_json_to_stdout,
    refuse_stdout,
    stdin_dataset,
    summary,
)
from relgraph.cli.options import (
    dataset_argument,
    filter_options,
    optional_filter,
    output_option,
    quiet_option,
    summary_option,
)
from relgraph.cli.output import STDOUT, echo, echo_summary, write_stdout, write_text
from relgraph.errors import DatasetError, UsageError, WriteError
from relgraph.export import FORMATS, export, export_bytes
from relgraph.export.neo4j_admin import command as neo4j_command
from relgraph.imports import import_csv, import_json
from relgraph.model import STATUSES, Dataset
from relgraph.progress import TerminalProgress
from relgraph.schema import schema_json

__all__ = ["COMMANDS", "export_command", "import_group", "schema_command"]

#: Command-line flags of the formats' options: flag -> (option name, formats taking it).
_FORMAT_FLAGS = {
    "--layout": "layout",
    "--evidence": "evidence",
    "--gexf-version": "version",
    "--texts/--no-texts": "texts",
    "--dialect": "dialect",
}


def _split(values: Iterable[str]) -> tuple[str, ...] | None:
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return tuple(out) if out else None


def _format_options(fmt: str, given: dict[str, Any]) -> dict[str, Any]:
    takes = FORMATS[fmt].defaults
    options = {}
    for flag, name in _FORMAT_FLAGS.items():
        value = given[name]
        if value is None:
            continue
        if name not in takes:
            users = [f for f, cls in FORMATS.items() if name in cls.defaults]
            raise UsageError(
                f"{flag.split('/')[0]} does not apply to --to {fmt}\n"
                f"  hint: it applies to --to {', '.join(users)}"
            )
        options[name] = value
    return options


def _note(text: str, whole: bool = False) -> None:
    echo(f"relgraph: {text}", err=True, whole=whole)


def _counts(dataset: Dataset) -> str:
    quotes = sum(len(r.evidence) for r in dataset.relations)
    return (
        f"{counted(len(dataset.entities), 'entity', 'entities')}, "
        f"{counted(len(dataset.relations), 'relation', 'relations')}, "
        f"{counted(quotes, 'evidence item', 'evidence items')}"
    )


@click.command("export")
@dataset_argument
@click.option(
    "--to",
    "fmt",
    required=True,
    type=click.Choice(list(FORMATS)),
    metavar="FORMAT",
    help=f"One of: {', '.join(FORMATS)} (see above).",
)
@output_option(
    metavar="FILE|DIR",
    help="Where to write (a folder for csv and neo4j-admin); '-' or none: standard output.",
)
@click.option(
    "--layout",
    type=click.Choice(["kumu", "gephi"]),
    help="csv: From/To/Type columns (kumu, the default) or Source/Target/Type (gephi).",
)
@click.option(
    "--evidence",
    type=click.Choice(["lists", "rows", "joined"]),
    help="csv: one row per relation, each evidence column listing its items' values "
    "separated by | (lists, the default: Kumu and Gephi keep every quote), one row per "
    "evidence item (rows), or per relation with the quotes as readable lines (joined). "
    "lists and rows import back.",
)
@click.option(
    "--gexf-version",
    type=click.Choice(["1.3", "1.2draft"]),
    help="gexf: the GEXF version (default 1.3).",
)
@click.option(
    "--dialect",
    type=click.Choice(["neo4j", "falkordb", "opencypher"]),
    help="cypher: the engine the script is for; only the index statements differ (default "
    "neo4j: constraints; falkordb: CREATE INDEX; opencypher: none).",
)
@click.option(
    "--texts/--no-texts",
    default=None,
    help="json, jsonl, csv: carry the sources' stored texts (default: yes); cypher, ftm: "
    "add them (default: no).",
)
@filter_options
@summary_option
@quiet_option
def export_command(
    dataset: tuple[str, ...],
    fmt: str,
    output: str | None,
    layout: str | None,
    evidence: str | None,
    gexf_version: str | None,
    dialect: str | None,
    texts: bool | None,
    report: str,
    quiet: bool,
    **filters: Any,
) -> None:
    """Write the dataset in a format other tools read: Gephi, yEd, Kumu, Neo4j, Aleph, D3.

    \b
    Formats (--to):
      gexf     Gephi: typed attributes, quotes and sources as text, dates as spells
      graphml  yEd, Cytoscape, igraph: typed keys, quotes and sources as text
      json     node-link JSON carrying everything, source texts too (lossless)
      jsonl    JSON Lines dataset records (relgraph.load reads them), texts beside
      csv      a folder: entities.csv and relations.csv (Kumu, Gephi), sources,
               claims, meta.yaml and the source texts
      cypher   a Cypher script: Neo4j (cypher-shell -f), FalkorDB or openCypher
               (--dialect), indexes first
      neo4j-admin  a folder of node and relationship CSVs for Neo4j's bulk
               loader, neo4j-admin database import (the command is printed)
      ftm      FollowTheMoney entities, one per line (Aleph, OpenSanctions)

    DATASET is a YAML or JSON Lines file, or a folder of them (default: the bundled
    dataset); several datasets are loaded as one.
    Without filter options everything is exported, denied relations included;
    with any, only what the filter keeps (--status defaults to every status
    here). --until is the end of the date window (--to names the format here).

    \b
    Examples:
        relgraph export --to gexf -o cuba_iran.gexf
        relgraph export graph_data/cuba_iran.yaml --to json > cuba_iran.json
        relgraph export --to csv --layout gephi -o spreadsheets/
        relgraph export --to cypher --status confirmed,reported -o graph.cypher
        relgraph export --to cypher --dialect falkordb -o graph.cypher
        relgraph export --to neo4j-admin -o neo4j-import/
        relgraph export --to ftm -o cuba_iran.ftm.json
        relgraph export --to gexf -o cuba_iran.gexf --format json   # what was written

    A progress line shows while the files are written, on a terminal (not
    when piped, nor with --quiet).
    """
    if FORMATS[fmt].folder:
        refuse_stdout(
            output,
            "-o",
            f"the {fmt} export writes a folder of files",
            f"give a folder: relgraph export --to {fmt} -o DIR",
        )
    elif output == STDOUT:
        output = None
    refuse_json_to_stdout(report, output is None and not FORMATS[fmt].folder, "the export")
    chosen = optional_filter(filters)
    options = _format_options(
        fmt,
        {
            "layout": layout,
            "evidence": evidence,
            "version": gexf_version,
            "dialect": dialect,
            "texts": texts,
        },
    )
    with progress_line(quiet) as progress:
        data = load_or_fail(dataset, writes=True, progress=progress)
        selected = chosen.apply(data) if chosen is not None else data
        if output is None:
            if FORMATS[fmt].folder:
                raise UsageError(
                    f"the {fmt} export writes several files\n  hint: give a folder with -o DIR"
                )
            written = export_bytes(selected, fmt, progress=progress, **options)
            clear(progress)
            write_stdout(written)
            paths: tuple[str, ...] = ()
        else:
            try:
                paths = export(selected, fmt, output, progress=progress, **options)
            except WriteError as exc:  # a full disk, no permission: said once, nothing left
                raise NothingWritten(str(exc)) from None
    if output is not None and report == "json":
        echo_summary(_export_summary(selected, fmt, output, paths, chosen))
    elif output is not None:
        _note(
            f"wrote {_counts(selected)} to {output}"
            + (f" ({len(paths)} files)" if len(paths) > 1 else "")
        )
        if fmt == "csv":
            _note(
                "to import it again: " + _reimport(output.rstrip("/\\") or "."),
                whole=True,  # a command to paste: its paths are the user's own -o
            )
        elif fmt == "neo4j-admin":
            _note(
                "to load it into a new Neo4j database: "
                + neo4j_command(output.rstrip("/\\") or "."),
                whole=True,
            )
    if chosen is not None and report != "json":
        _note(f"filter: {chosen.describe()}")


def _reimport(d: str) -> str:
    """Return the command that imports a csv export in folder ``d`` again."""
    return (
        "relgraph import csv "
        f"{os.path.join(d, 'entities.csv')} {os.path.join(d, 'relations.csv')} "
        f"--sources {os.path.join(d, 'sources.csv')} "
        f"--claims {os.path.join(d, 'claims.csv')} "
        f"--meta {os.path.join(d, 'meta.yaml')} -o DATASET.yaml"
    )


def _export_summary(
    selected: Dataset, fmt: str, output: str, paths: tuple[str, ...], chosen: Any
) -> dict[str, Any]:
    """``export --format json``: what was written, and what of the dataset went into it."""
    record: dict[str, Any] = {
        "format": fmt,
        "output": output,
        "written": list(paths),
        "entities": len(selected.entities),
        "relations": len(selected.relations),
        "evidence": sum(len(r.evidence) for r in selected.relations),
        "claims": len(selected.claims),
        "sources": len(selected.sources),
        "filter": chosen.describe() if chosen is not None else None,
    }
    folder = output.rstrip("/\\") or "."
    if fmt == "csv":
        record["import_command"] = _reimport(folder)
    elif fmt == "neo4j-admin":
        record["load_command"] = neo4j_command(folder)
    return record


for _param in export_command.params:  # the date window's end: --to names the format here
    if _param.name == "date_to":
        _param.opts = ["--until"]
    elif _param.name == "statuses" and isinstance(_param, click.Option):
        _param.help = (
            "Export only these statuses (repeat, or separate with commas; default: all). "
            f"Statuses: {', '.join(STATUSES)}."
        )


@click.group("import")
def import_group() -> None:
    """Build a dataset file from spreadsheets or from relgraph's JSON, and validate it.

    The new file is checked as `relgraph validate` would check it before it is
    written; if anything is wrong, every problem is shown at the cell or
    record it comes from, and nothing is written.

    \b
    Examples:
        relgraph import csv entities.csv relations.csv --sources sources.csv -o data.yaml
        relgraph import json cuba_iran.json -o cuba_iran.yaml
    """


def _imported(output: str, run: Any, quiet: bool, report: str = "text") -> None:
    refuse_stdout(
        output,
        "-o",
        "import writes a dataset file and stores the source texts beside it",
        "name the new file: -o DATASET.yaml",
    )
    with progress_line(quiet) as progress:
        try:
            dataset = run(progress)
        except DatasetError as exc:
            clear(progress)
            echo_diagnostics(exc.diagnostics, "text")
            raise DataProblem(f"{summary(exc.diagnostics)}; nothing was written") from None
        except WriteError as exc:
            raise NothingWritten(str(exc)) from None
    echo_diagnostics(dataset.warnings, "text")
    n = len(dataset.sources)
    if report == "json":
        folder = os.path.dirname(output)
        echo_summary(
            {
                "output": output,
                "texts": sorted({os.path.join(folder, s.text_path) for s in dataset.sources}),
                "entities": len(dataset.entities),
                "relations": len(dataset.relations),
                "evidence": sum(len(r.evidence) for r in dataset.relations),
                "claims": len(dataset.claims),
                "sources": n,
                "warnings": len(dataset.warnings),
            }
        )
        return
    _note(
        f"wrote {output}: {_counts(dataset)}, {counted(len(dataset.claims), 'claim', 'claims')}, "
        f"{counted(n, 'source', 'sources')}"
    )


_IN = click.Path(exists=True, dir_okay=False)


#: The files of the folder `relgraph export --to csv` writes, by the option that takes each.
_CSV_FOLDER = {
    "relations": "relations.csv",
    "sources": "sources.csv",
    "claims": "claims.csv",
    "meta": "meta.yaml",
}


def _csv_files(
    entities: str, relations: str | None, given: dict[str, str | None]
) -> tuple[str, str, dict[str, str | None]]:
    """ENTITIES and RELATIONS as files, and the export folder's other files if a folder is given."""
    if not os.path.isdir(entities):
        if relations is None:
            raise UsageError(
                "import csv needs the relations file after the entities file\n"
                "  hint: relgraph import csv ENTITIES.csv RELATIONS.csv -o DATASET.yaml, or the "
                "folder relgraph export --to csv wrote: relgraph import csv FOLDER -o DATASET.yaml"
            )
        return entities, relations, given
    if relations is not None:
        raise UsageError(
            f"'{entities}' is a folder, so it stands for every file of the export: "
            f"'{relations}' cannot be given beside it\n"
            f"  hint: relgraph import csv {entities} -o DATASET.yaml, or name the two files"
        )
    found = os.path.join(entities, "entities.csv")
    if not os.path.isfile(found):
        raise UsageError(
            f"the folder '{entities}' has no entities.csv, so it is not what "
            "relgraph export --to csv writes\n"
            "  hint: name the files: relgraph import csv ENTITIES.csv RELATIONS.csv -o DATASET.yaml"
        )
    files = {k: os.path.join(entities, name) for k, name in _CSV_FOLDER.items()}
    if not os.path.isfile(files["relations"]):
        raise UsageError(
            f"the folder '{entities}' has entities.csv but no relations.csv\n"
            f"  hint: relgraph import csv {found} RELATIONS.csv -o DATASET.yaml"
        )
    options = {
        k: given[k] if given[k] is not None else (v if os.path.isfile(v) else None)
        for k, v in files.items()
        if k != "relations"
    }
    return found, files["relations"], options


@import_group.command("csv")
@click.argument("entities", type=click.Path(exists=True), metavar="ENTITIES|FOLDER")
@click.argument("relations", type=_IN, required=False)
@output_option(
    required=True,
    metavar="DATASET.yaml",
    help="The dataset file to write (source texts are stored beside it).",
)
@click.option(
    "--sources",
    type=_IN,
    metavar="SOURCES.csv",
    help="The sources: ID, Title, Reliability, Text (a path relative to this file)…",
)
@click.option("--claims", type=_IN, metavar="CLAIMS.csv", help="Claims about single entities.")
@click.option(
    "--meta",
    type=_IN,
    metavar="META.yaml",
    help="A YAML file with the dataset: section (id, title…) and any vocabulary: "
    "additions. Default: an id made from the output's name.",
)
@summary_option
@quiet_option
def import_csv_command(
    entities: str,
    relations: str | None,
    output: str,
    sources: str | None,
    claims: str | None,
    meta: str | None,
    report: str,
    quiet: bool,
) -> None:
    """Build a dataset file from spreadsheets (CSV) in the From/To layout.

    Columns are found by their header, in any order and case: entities take
    ID, Label (or Name), Type (or Kind), Description, Aliases, Country, Tags,
    External IDs; relations take From, To (or Source, Target), Type, Status,
    Quote, Quote source, and ID, Sign, Date, Start, End, Notes, Attributed to,
    Credibility. Rows with the same ID are one relation, one evidence item
    each; with an Evidence count column (the export's default), a row is a
    relation and its evidence columns list one value per item, separated by |.
    An unknown or missing column is an error that names it.

    A FOLDER instead of the two files is one that `relgraph export --to csv`
    wrote: its entities.csv and relations.csv, and its sources.csv, claims.csv
    and meta.yaml where they are (an option given names another file).

    \b
    Examples:
        relgraph import csv entities.csv relations.csv --sources sources.csv -o data.yaml
        relgraph export --to csv -o out/ && relgraph import csv out/ -o copy.yaml
    """
    ents, rels, files = _csv_files(
        entities, relations, {"sources": sources, "claims": claims, "meta": meta}
    )
    _imported(
        output,
        lambda progress: import_csv(
            ents,
            rels,
            output,
            sources=files["sources"],
            claims=files["claims"],
            meta=files["meta"],
            progress=progress,
        ),
        quiet,
        report,
    )


@import_group.command("json")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@output_option(
    required=True,
    metavar="DATASET.yaml",
    help="The dataset file to write (source texts are stored beside it).",
)
@summary_option
@quiet_option
def import_json_command(file: str, output: str, report: str, quiet: bool) -> None:
    """Build a dataset file from relgraph's node-link JSON or JSON Lines.

    Reads what `relgraph export --to json` (or --to jsonl) wrote, stores the
    source texts it carries beside the new file, and validates the result.
    FILE '-' reads standard input (JSON Lines when its first line is a dataset
    record; their texts are then found from the current folder).

    \b
    Examples:
        relgraph import json cuba_iran.json -o cuba_iran.yaml
        relgraph import json stream.jsonl -o data/dataset.yaml
        relgraph import json - -o copy.yaml < cuba_iran.json
    """

    def run(progress: TerminalProgress | None) -> Dataset:
        with stdin_dataset(file, json_only=True) as (path, _):
            return import_json(str(path), output, progress)

    _imported(output, run, quiet, report)


@click.command("schema")
@click.argument("dataset", required=False, metavar="[DATASET]")
@output_option("Write to FILE; '-' or none: standard output.", metavar="FILE")
@summary_option
@quiet_option
def schema_command(dataset: str | None, output: str | None, report: str, quiet: bool) -> None:
    """Write a JSON Schema of the dataset file format, for editors.

    With DATASET, the kinds and types that dataset adds are in the schema
    too. docs/schema.md shows how to make VS Code complete and check dataset
    files with it.

    \b
    Examples:
        relgraph schema -o relgraph.schema.json
        relgraph schema graph_data/cuba_iran.yaml -o graph_data/relgraph.schema.json
    """
    refuse_json_to_stdout(report, output is None or output == STDOUT, "the schema")
    with progress_line(quiet) as progress:
        vocabulary = load_or_fail(dataset, progress=progress).vocabulary if dataset else None
    text = schema_json(vocabulary)
    try:
        if not write_text(text, output):
            return
    except WriteError as exc:
        raise NothingWritten(str(exc)) from None
    if report == "json":
        echo_summary({"output": output, "bytes": len(text.encode("utf-8"))})
        return
    _note(f"wrote the dataset schema to {output}")


COMMANDS = [export_command, import_group, schema_command]
