"""What the test modules share: a small valid dataset, its source text, and running the CLI."""

from __future__ import annotations

import hashlib

import pytest

from relgraph.cli import main

SOURCE_TEXT = (
    "Iran and Cuba signed an agreement in Havana in January 2006. "
    "Officials said the ties were \u201cfirm and progressive\u201d. "
    "The data alleges that Cuba provides intelligence to Hamas.\n"
)

BASE_YAML = """\
dataset:
  id: demo
  title: Demo
sources:
  - id: art
    title: An article
    reliability: F
    text: sources/art.txt
    sha256: {sha}
entities:
  - id: iran
    name: Iran
    kind: state
  - id: cuba
    name: Cuba
    kind: state
  - id: hamas
    name: Hamas
    kind: group
relations:
  - source: iran
    target: cuba
    type: agreement
    date: 2006-01
    status: reported
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: art
"""


def sha256_of(text: str) -> str:
    """The sha256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line as a user would; return exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(info.value.code or 0), out, err
