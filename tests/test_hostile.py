"""Hostile and broken input: nothing crashes, nothing runs, nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.load.yaml import MAX_FILE_BYTES
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


# ---------------------------------------------------------------------------
# Files: links out of the folder, named pipes
# ---------------------------------------------------------------------------
def _sheets(folder: Path, text_path: str) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.csv").write_text(
        "ID,Name,Kind\niran,Iran,state\ncuba,Cuba,state\n", encoding="utf-8"
    )
    (folder / "relations.csv").write_text(
        "Source,Target,Type,Status,Quote,Quote source\niran,cuba,agreement,reported,secret,art\n",
        encoding="utf-8",
    )
    (folder / "sources.csv").write_text(
        f"ID,Title,Reliability,Text\nart,An article,F,{text_path}\n", encoding="utf-8"
    )
    return {
        "entities": folder / "entities.csv",
        "relations": folder / "relations.csv",
        "sources": folder / "sources.csv",
    }


def test_import_csv_refuses_a_source_text_linked_from_outside_its_folder(tmp_path: Path) -> None:
    from relgraph.imports import import_csv

    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    sheets = _sheets(tmp_path / "in", "sources/link.txt")
    (tmp_path / "in" / "sources").mkdir()
    (tmp_path / "in" / "sources" / "link.txt").symlink_to(secret)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(
            sheets["entities"], sheets["relations"], out / "d.yaml", sources=sheets["sources"]
        )
    assert [str(d) for d in exc.value.diagnostics] == [
        f"{sheets['sources']}:2:4: error[unsafe-path] the source text path 'sources/link.txt' "
        "leads outside the folder of sources.csv through a link\n"
        "  hint: copy the text into the folder of the sources file"
    ]
    assert list(out.iterdir()) == []


def test_import_json_refuses_a_text_beside_the_output_linked_from_outside(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    import json

    from relgraph.export import export
    from relgraph.imports import import_json

    export(bundled, "json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    for source in data["graph"]["sources"]:
        source.pop("text", None)  # the texts must then be beside the output already
    (tmp_path / "g.json").write_text(json.dumps(data), encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    out = tmp_path / "out"
    (out / "sources").mkdir(parents=True)
    rel = bundled.sources[0].text_path
    (out / rel).symlink_to(secret)
    with pytest.raises(relgraph.DatasetError) as exc:
        import_json(tmp_path / "g.json", out / "d.yaml")
    assert [str(d) for d in exc.value.diagnostics] == [
        f"{out / rel}: error[unsafe-path] the source text path '{rel}' leads outside the "
        "output's folder through a link\n"
        "  hint: copy the text into the output's folder, or write the dataset elsewhere"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["sources"]


def test_a_named_pipe_is_refused_at_once_wherever_a_file_is_read(
    make_dataset: Any, tmp_path: Path
) -> None:
    from relgraph.imports import import_csv

    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert _messages(pipe) == [
        "{dir}/pipe.yaml: error[not-a-file] is a named pipe (FIFO), not a regular file\n"
        "  hint: name a regular file here; relgraph reads files, not streams"
    ]
    jsonl = tmp_path / "pipe.jsonl"
    os.mkfifo(jsonl)
    assert _messages(jsonl) == [
        "{dir}/pipe.jsonl: error[not-a-file] is a named pipe (FIFO), not a regular file\n"
        "  hint: name a regular file here; relgraph reads files, not streams"
    ]
    # a source text that is a pipe
    path = make_dataset(BASE_YAML.replace("text: sources/art.txt", "text: sources/pipe.txt"))
    os.mkfifo(path.parent / "sources" / "pipe.txt")
    assert _messages(path) == [
        "{dir}/data.yaml:8:11: error[not-a-file] the source text 'sources/pipe.txt': is a "
        "named pipe (FIFO), not a regular file\n"
        "  hint: name a regular file here; relgraph reads files, not streams"
    ]
    # a spreadsheet that is a pipe, and a source text of one
    sheets = _sheets(tmp_path / "in", "sources/pipe.txt")
    (tmp_path / "in" / "sources").mkdir()
    os.mkfifo(tmp_path / "in" / "sources" / "pipe.txt")
    os.mkfifo(tmp_path / "in" / "claims.csv")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(
            sheets["entities"],
            sheets["relations"],
            tmp_path / "d.yaml",
            sources=sheets["sources"],
            claims=tmp_path / "in" / "claims.csv",
        )
    assert [str(d).replace(str(tmp_path), "{tmp}") for d in exc.value.diagnostics] == [
        "{tmp}/in/claims.csv: error[not-a-file] is a named pipe (FIFO), not a regular file\n"
        "  hint: name a regular file here; relgraph reads files, not streams",
        "{tmp}/in/sources.csv:2:4: error[not-a-file] the source text 'sources/pipe.txt' is a "
        "named pipe (FIFO), not a regular file\n"
        "  hint: name a regular file here; relgraph reads files, not streams",
    ]


# ---------------------------------------------------------------------------
# Names are one line; dates are years 0001 to 9999
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "name: Hamas",
            'name: "Ha\\tmas"',
            "{dir}/data.yaml:18:11: error[control-character] 'name' contains the control "
            "character U+0009",
        ),
        (
            "name: Hamas",
            'name: "Hamas\\r\\nhint: forged"',
            "{dir}/data.yaml:18:11: error[control-character] 'name' contains the control "
            "character U+000D",
        ),
        (
            "name: Cuba",
            'name: Cuba\n    aliases: ["Cu\\0ba"]',
            "{dir}/data.yaml:16:15: error[control-character] an item of 'aliases' contains the "
            "control character U+0000",
        ),
        (
            "name: Cuba",
            'name: Cuba\n    tags: ["a\\nb"]',
            "{dir}/data.yaml:16:12: error[control-character] an item of 'tags' contains the "
            "control character U+000A",
        ),
        (
            "name: Cuba",
            'name: Cuba\n    external_ids: {"wiki\\e[2J": Q1}',
            "{dir}/data.yaml:16:20: error[control-character] the name of an external id "
            "contains the control character U+001B",
        ),
        (
            "name: Cuba",
            'name: Cuba\n    external_ids: {wikidata: "Q\\t1"}',
            "{dir}/data.yaml:16:30: error[control-character] 'external_ids.wikidata' contains "
            "the control character U+0009",
        ),
    ],
)
def test_names_aliases_tags_and_external_ids_refuse_control_characters(
    make_dataset: Any, old: str, new: str, expected: str
) -> None:
    path = make_dataset(BASE_YAML.replace(old, new))
    assert _messages(path) == [
        expected + "\n  hint: remove it: it is invisible and can hide or change what a reader "
        "sees; a name is one line of text"
    ]


def test_names_refuse_control_characters_in_json_lines_too(tmp_path: Path) -> None:
    import json

    ds = relgraph.load(Path("graph_data/cuba_iran.yaml"))
    from relgraph.export import export

    export(ds, "jsonl", tmp_path / "d.jsonl")
    lines = (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if '"record":"entity"' in line.replace(" ", ""))
    record = json.loads(lines[at])
    record["aliases"] = ["fine", "bad\u0000"]
    lines[at] = json.dumps(record)
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages = _messages(tmp_path / "d.jsonl")
    assert len(messages) == 1
    assert messages[0].startswith(f"{{dir}}/d.jsonl:{at + 1}:")
    assert (
        "error[control-character] an item of 'aliases' contains the control character U+0000"
        in (messages[0])
    )


def test_year_0000_is_refused_at_load(make_dataset: Any) -> None:
    path = make_dataset(BASE_YAML.replace("date: 2006-01", "date: '0000'"))
    assert _messages(path) == [
        "{dir}/data.yaml:24:11: error[bad-date] '0000' has year 0000; years run from 0001 to "
        "9999\n  hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is"
    ]


# ---------------------------------------------------------------------------
# A cap on diagnostics
# ---------------------------------------------------------------------------
def test_diagnostics_stop_at_the_documented_number_with_a_count_of_the_rest(
    make_dataset: Any,
) -> None:
    from relgraph.errors import MAX_DIAGNOSTICS

    bad = "".join(f"  - id: e{i}\n    name: E{i}\n    kind: stat\n" for i in range(1500))
    path = make_dataset(BASE_YAML.replace("entities:\n", "entities:\n" + bad))
    with pytest.raises(relgraph.DatasetError) as exc:
        relgraph.load(path)
    listed = exc.value.diagnostics
    assert MAX_DIAGNOSTICS == 1000
    assert len(listed) == MAX_DIAGNOSTICS + 1
    assert exc.value.omitted == 500
    assert str(listed[-1]).replace(str(path.parent), "{dir}") == (
        "{dir}/data.yaml: error[too-many-problems] 500 more problems are not listed\n"
        "  hint: relgraph lists the first 1000 problems; fix these and run it again"
    )


# ---------------------------------------------------------------------------
# Node-link JSON import: clear errors, nothing silently dropped
# ---------------------------------------------------------------------------
def _node_link(bundled: relgraph.Dataset, tmp_path: Path) -> dict[str, Any]:
    import json

    from relgraph.export import export

    export(bundled, "json", tmp_path / "g.json")
    data: dict[str, Any] = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    return data


def _import_json_cli(capsys: Any, path: Path, out: Path) -> tuple[int, str]:
    from support import run

    code, _, err = run(capsys, "import", "json", str(path), "-o", str(out))
    return code, err.replace(str(path.parent), "{dir}")


def test_node_link_nested_too_deep_is_a_clear_error(
    bundled: relgraph.Dataset, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, err = _import_json_cli(capsys, path, tmp_path / "d.yaml")
    assert code == 1
    assert (
        err.splitlines()[0] == "{dir}/deep.json: error[too-deep] nesting is deeper than 64 levels"
    )
    import json

    data = _node_link(bundled, tmp_path)
    nested: Any = "x"
    for _ in range(70):
        nested = [nested]
    data["nodes"][0]["description"] = nested
    path.write_text(json.dumps(data), encoding="utf-8")
    code, err = _import_json_cli(capsys, path, tmp_path / "d.yaml")
    assert (code, err.splitlines()[:2]) == (
        1,
        [
            "{dir}/deep.json: error[too-deep] nesting is deeper than 64 levels",
            "  hint: `relgraph export --to json` writes only a few levels; check the brackets",
        ],
    )
    assert not (tmp_path / "d.yaml").exists()


def test_node_link_huge_number_is_a_clear_error(
    bundled: relgraph.Dataset, tmp_path: Path, capsys: Any
) -> None:
    import json

    data = _node_link(bundled, tmp_path)
    data["edges"][0]["evidence"][0]["credibility"] = 0
    text = json.dumps(data, indent=1).replace('"credibility": 0', '"credibility": ' + "9" * 5001)
    path = tmp_path / "huge.json"
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("9" * 5001)].count("\n") + 1
    code, err = _import_json_cli(capsys, path, tmp_path / "d.yaml")
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{{dir}}/huge.json:{line}:21: error[bad-number] a number of 5001 digits; relgraph "
        "reads whole numbers of at most 4300 digits",
        "  hint: no field of a dataset holds such a number; check this value",
    ]


def test_node_link_relations_under_an_unknown_key_are_an_error(
    bundled: relgraph.Dataset, tmp_path: Path, capsys: Any
) -> None:
    import json

    data = _node_link(bundled, tmp_path)
    data["relations"] = data.pop("edges")
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, err = _import_json_cli(capsys, path, tmp_path / "d.yaml")
    assert code == 1
    assert err.splitlines()[:2] == [
        "{dir}/g.json#/relations: error[unknown-field] 'relations' is not a key of relgraph's "
        "node-link JSON",
        "  hint: it has: graph, nodes, edges",
    ]
    assert not (tmp_path / "d.yaml").exists()
