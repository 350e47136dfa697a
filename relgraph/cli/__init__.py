"""The ``relgraph`` command: a thin shell over the Python API.

Each verb lives in its own module of this package and only parses options,
calls the API and prints. Data goes to stdout, diagnostics to stderr; never a
traceback. Exit statuses (:func:`relgraph.cli.common.run_safely`): 0 success,
1 problems in the data or files that could not be written, 2 a usage error,
3 an internal error (an exception relgraph did not expect: a bug, printed as
``relgraph: internal error: …`` with a hint to report it), 130 interrupted by
Ctrl-C, 128 plus the signal's number after SIGTERM (143) or SIGHUP (129).
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

    \b
    Exit status: 0 success, 1 problems in the data (or files not written),
    2 a usage error, 3 an internal error (a bug in relgraph: please report it),
    130 interrupted by Ctrl-C, 143 terminated (129 on a hangup).
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
    """Run the command line and exit with its status (see the module docs).

    0 success, 1 problems in the data, 2 a usage error, 3 an internal error,
    130 interrupted by Ctrl-C.

    Parameters
    ----------
    argv : list of str, optional
        The words after ``relgraph`` (default: the process's arguments).

    Raises
    ------
    SystemExit
        Always, with the command's exit status.

    Examples
    --------
    >>> main(["validate", "graph_data/cuba_iran.yaml"])  # "…: ok" goes to stderr
    Traceback (most recent call last):
    ...
    SystemExit: 0
    >>> main(["validate", "graph_data/no-such-file.yaml"])
    Traceback (most recent call last):
    ...
    SystemExit: 1
    """
    sys.exit(run_safely(cli, argv))
