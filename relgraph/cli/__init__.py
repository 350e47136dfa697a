"""The ``relgraph`` command: a thin shell over the Python API.

Each verb lives in its own module of this package and only parses options,
calls the API and prints. Data goes to stdout, diagnostics to stderr. Exit
codes: 0 success, 1 problems in the data, 2 a usage error; never a traceback.
"""

from __future__ import annotations

import sys

import click

from relgraph import __version__
from relgraph.cli.common import run_safely
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


def _register_optional() -> None:
    """Add the commands of modules that exist (each verb is its own module)."""
    import importlib

    for module, name in (
        ("relgraph.cli.render", "render_command"),
        ("relgraph.cli.analyze", "COMMANDS"),
        ("relgraph.cli.export", "COMMANDS"),
        ("relgraph.cli.convert", "COMMANDS"),
        ("relgraph.cli.quote", "quote_command"),
        ("relgraph.cli.suggest", "suggest_command"),
        ("relgraph.cli.merge", "COMMANDS"),
        ("relgraph.cli.source", "source_group"),
        ("relgraph.cli.evidence", "evidence_command"),
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        found = getattr(mod, name)
        for command in found if isinstance(found, list | tuple) else [found]:
            cli.add_command(command)


_register_optional()


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its status (0 ok, 1 data problems, 2 usage)."""
    sys.exit(run_safely(cli, argv))
