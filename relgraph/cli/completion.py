"""``relgraph completion bash|zsh|fish``: the shell's completion script, from click's."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

__all__ = ["SHELLS", "completion_command"]

#: The shells click writes a completion script for.
SHELLS = ("bash", "zsh", "fish")


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion_command(ctx: click.Context, shell: str) -> None:
    """Print the script that makes SHELL complete relgraph's commands, options and files.

    \b
    Load it in the current shell, or save it where the shell finds it:
        eval "$(relgraph completion bash)"       # in ~/.bashrc
        eval "$(relgraph completion zsh)"        # in ~/.zshrc
        relgraph completion fish > ~/.config/fish/completions/relgraph.fish
    """
    root = ctx.find_root().command
    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - click knows every shell in SHELLS
        raise click.UsageError(f"no completion for {shell}")
    click.echo(cls(root, {}, "relgraph", "_RELGRAPH_COMPLETE").source(), nl=False)
