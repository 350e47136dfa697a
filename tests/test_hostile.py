"""Hostile and broken input: nothing crashes, nothing runs, nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.loading import MAX_FILE_BYTES
from support import BASE_YAML


def _messages(path: Path) -> list[str]:
    return [str(d).replace(str(path.parent), "{dir}") for d in relgraph.validate(path)]


def test_a_source_text_linked_from_outside_the_folder_is_refused(
    make_dataset: Any, tmp_path: Path
) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    outside.write_text("secret", encoding="utf-8")
    path = make_dataset(BASE_YAML.replace("text: sources/art.txt", "text: sources/link.txt"))
    (path.parent / "sources" / "link.txt").symlink_to(outside)
    assert _messages(path) == [
        "{dir}/data.yaml:8:11: error[unsafe-path] the source text path 'sources/link.txt' "
        "leads outside the dataset's folder through a link\n"
        "  hint: copy the text into the dataset's folder"
    ]


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk and no memory
    assert _messages(path) == [
        f"{{dir}}/huge.yaml: error[file-too-large] the file is {MAX_FILE_BYTES + 1} bytes; "
        f"relgraph reads at most {MAX_FILE_BYTES} bytes here\n"
        "  hint: split the data over several files"
    ]


def test_concurrent_renders_to_one_path_never_interleave(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    code = (
        "import relgraph, sys\n"
        "ds = relgraph.load('graph_data/cuba_iran.yaml')\n"
        "for i in range(4):\n"
        "    relgraph.render(ds, sys.argv[1], title=sys.argv[2])\n"
    )
    root = Path(__file__).resolve().parents[1]
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(out), title], cwd=root)
        for title in ("First title", "Second title")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    ds = relgraph.load(root / "graph_data" / "cuba_iran.yaml")
    whole = {relgraph.render(ds, title=t) for t in ("First title", "Second title")}
    assert out.read_text(encoding="utf-8") in whole
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left


def test_a_failed_render_leaves_the_previous_page(
    bundled: relgraph.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "page.html"
    relgraph.render(bundled, out)
    before = out.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        relgraph.render(bundled, out, title="Another title")
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
