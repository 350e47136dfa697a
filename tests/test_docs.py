"""The README is the user's manual: it must keep up with the commands and the format."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import relgraph
from relgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []

    def walk(group: click.Group, prefix: str) -> None:
        for name, command in sorted(group.commands.items()):
            out.append((f"{prefix}{name}", command))
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")

    walk(cli, "")
    return out


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert command.help, f"relgraph {name} has no help"
    assert "relgraph " + name.split()[0] in result.output, f"relgraph {name} shows no example"


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_is_in_the_readme(name: str, command: click.Command) -> None:
    assert f"relgraph {name}" in README, f"the README does not mention `relgraph {name}`"


def test_the_readme_format_example_is_a_valid_dataset(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(dataset:.*?)```", README, re.S)
    assert block is not None
    (tmp_path / "sources").mkdir()
    shutil.copy(
        ROOT / "graph_data" / "sources" / "cuba_iran_relations.txt",
        tmp_path / "sources" / "cuba_iran_relations.txt",
    )
    (tmp_path / "example.yaml").write_text(block.group(1), encoding="utf-8")
    dataset = relgraph.load(tmp_path / "example.yaml")
    assert [e.id for e in dataset.entities] == ["iran", "cuba", "parliament-speaker"]
    assert dataset.vocabulary.relation_types["funds"].inverse_label == "is funded by"


def test_the_readme_format_example_adds_nothing_its_source_does_not_say(tmp_path: Path) -> None:
    """The example keeps the rule it teaches: names, aliases and quoted descriptions are the
    article's words, and no external id is given without a stored source stating it."""
    from relgraph.quotes import normalize

    block = re.search(r"```yaml\n(dataset:.*?)```", README, re.S)
    assert block is not None
    (tmp_path / "sources").mkdir()
    article = ROOT / "graph_data" / "sources" / "cuba_iran_relations.txt"
    shutil.copy(article, tmp_path / "sources" / article.name)
    (tmp_path / "example.yaml").write_text(block.group(1), encoding="utf-8")
    dataset = relgraph.load(tmp_path / "example.yaml")
    text = normalize(article.read_text(encoding="utf-8"))
    words = [
        said
        for e in dataset.entities
        for said in (
            *([e.name] if "(unnamed)" not in e.name else []),
            *e.aliases,
            *re.findall(r'"([^"]+)"', e.description or ""),
        )
    ]
    assert {"Tehran", "a key Middle Eastern power"} <= set(words)
    assert [w for w in words if normalize(w) not in text] == []
    assert [e.id for e in dataset.entities if e.external_ids] == []


def test_the_readme_gives_exactly_two_setup_commands() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)```", setup, re.S)
    assert [c.strip() for c in commands] == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/relgraph render",
        "bash scripts/test",
    ]
    assert "bash scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    exec(compile(block.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("20 31\n")
    assert "hamas" in out


def test_every_name_in_the_readme_python_api_exists() -> None:
    import importlib
    import re

    section = README.split("## Python API", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"`(relgraph(?:\.\w+)+)", section))
    assert len(names) >= 10
    for dotted in sorted(names):
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable module, then attributes
            try:
                obj: object = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for attr in parts[cut:]:
                assert hasattr(obj, attr), f"{dotted}: no {attr}"
                obj = getattr(obj, attr)
            break
