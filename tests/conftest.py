"""Fixtures shared by every kind of test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import relgraph
from support import BASE_YAML, SOURCE_TEXT, sha256_of

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
