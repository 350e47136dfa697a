"""Fixtures shared by every kind of test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import relgraph

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "graph_data" / "cuba_iran.yaml"


@pytest.fixture(autouse=True, scope="session")
def _run_from_root() -> Iterator[None]:
    """Doctests and CLI tests use paths relative to the project's root."""
    old = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(old)


@pytest.fixture(scope="session")
def bundled() -> relgraph.Dataset:
    """The bundled Cuba–Iran dataset, loaded once."""
    return relgraph.load(BUNDLED)


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
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def make_dataset(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a dataset file (and its source text) into a fresh folder; return its path.

    ``yaml`` may use ``{sha}`` for the sha256 of the source text.
    """

    def make(yaml: str = BASE_YAML, text: str = SOURCE_TEXT, name: str = "data.yaml") -> Path:
        (tmp_path / "sources").mkdir(exist_ok=True)
        (tmp_path / "sources" / "art.txt").write_text(text, encoding="utf-8")
        path = tmp_path / name
        path.write_text(yaml.replace("{sha}", sha256_of(text)), encoding="utf-8")
        return path

    return make
