"""The options commands share are declared once, in ``relgraph.cli.options``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[1] / "relgraph" / "cli"
#: Options that mean the same in every command, and so are declared in options.py only.
SHARED = {"-o", "--output", "--format", "--dataset", "-q", "--quiet", "--status", "--as-of"}


def _declared(path: Path) -> set[str]:
    """The option names a module declares with ``click.option(...)``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "option"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "click"
        ):
            found.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
    return found


@pytest.mark.parametrize(
    "module", sorted(p.name for p in CLI.glob("*.py") if p.name != "options.py")
)
def test_no_command_declares_a_shared_option_of_its_own(module: str) -> None:
    assert _declared(CLI / module) & SHARED == set()


def test_the_options_module_declares_them() -> None:
    assert _declared(CLI / "options.py") >= SHARED
