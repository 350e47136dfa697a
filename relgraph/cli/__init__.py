"""The ``relgraph`` command: a thin shell over the Python API.

Each verb lives in its own module of this package and only parses options,
calls the API and prints. Data goes to stdout, diagnostics to stderr. Exit
codes: 0 success, 1 problems in the data, 2 a usage error; never a traceback.
"""

from __future__ import annotations

import sys

import click

from relgraph._version import __version__
from relgraph.cli.accept import accept_command
from relgraph.cli.analyze import COMMANDS as ANALYZE_COMMANDS
from relgraph.cli.common import run_safely
from relgraph.cli.completion import completion_command
from relgraph.cli.convert import COMMANDS as CONVERT_COMMANDS
from relgraph.cli.evidence import evidence_command
from relgraph.cli.export import COMMANDS as EXPORT_COMMANDS
from relgraph.cli.merge import COMMANDS as MERGE_COMMANDS
from relgraph.cli.quote import quote_command
from relgraph.cli.render import render_command
from relgraph.cli.source import source_group
from relgraph.cli.suggest import suggest_command
from relgraph.cli.validate import validate_command, vocab_command

__all__ = ["cli", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="relgraph")
def cli() -> None:
    """Map who is tied to whom in world affairs, and on what evidence.

    \b
    Start with the bundled dataset:
        relgraph validate graph_data/cuba_iran.yaml
        relgraph vocab
    """


cli.add_command(validate_command)
cli.add_command(vocab_command)


for _command in (
    render_command,
    *ANALYZE_COMMANDS,
    *EXPORT_COMMANDS,
    *CONVERT_COMMANDS,
    quote_command,
    suggest_command,
    accept_command,
    *MERGE_COMMANDS,
    source_group,
    evidence_command,
    completion_command,
):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its status (0 ok, 1 data problems, 2 usage)."""
    sys.exit(run_safely(cli, argv))
