"""The bulk format: JSON Lines datasets, checked like YAML ones, and converted both ways.

Every message a JSON Lines record gets is compared with the message the same
record gets in YAML; locations are pinned for the JSON Lines side. The fast
path is checked against the message-producing path record by record, and the
fast quote matcher against ``relgraph.quotes``, property by property.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relgraph
from relgraph import convert as conversion
from relgraph.cli import main
from relgraph.errors import WriteError
from relgraph.fields import Problems
from relgraph.load import fast as fastpath
from relgraph.load import jsonl as jsonl_format
from relgraph.load.rules import _ALLEGATION_WORDS
from relgraph.load.yaml import MAX_FILE_BYTES, read_yaml
from relgraph.model import Location
from relgraph.progress import TerminalProgress, Ticker, terminal_progress
from relgraph.quotes import (
    StoredText,
)
from support import BASE_YAML, SOURCE_TEXT, sha256_of

QUOTE = "Iran and Cuba signed an agreement in Havana in January 2006."


def base_records(sha: str = "{sha}") -> list[dict[str, Any]]:
    """The records of ``support.BASE_YAML``."""
    return [
        {"record": "dataset", "id": "demo", "title": "Demo"},
        {
            "record": "source",
            "id": "art",
            "title": "An article",
            "reliability": "F",
            "text": "sources/art.txt",
            "sha256": sha,
        },
        {"record": "entity", "id": "iran", "name": "Iran", "kind": "state"},
        {"record": "entity", "id": "cuba", "name": "Cuba", "kind": "state"},
        {"record": "entity", "id": "hamas", "name": "Hamas", "kind": "group"},
        {
            "record": "relation",
            "source": "iran",
            "target": "cuba",
            "type": "agreement",
            "date": "2006-01",
            "status": "reported",
            "evidence": [{"quote": QUOTE, "source": "art"}],
        },
    ]


def jsonl(records: list[Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the stored source text."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text.replace("{sha}", sha256_of(SOURCE_TEXT)), encoding="utf-8")
    return path


def problems_of(path: Path) -> str:
    got = "\n".join(str(d) for d in relgraph.validate(path))
    return got.replace(str(path), "{path}").replace(str(path.parent), "{dir}")


def graph_data(ds: relgraph.Dataset) -> tuple[Any, ...]:
    g = ds.graph()
    return (
        dict(g.graph),
        sorted(g.nodes(data=True)),
        sorted(g.edges(keys=True, data=True), key=lambda e: e[2]),
    )


# ---------------------------------------------------------------------------
# The same problems get the same messages
# ---------------------------------------------------------------------------


def test_the_base_dataset_is_the_same_in_both_formats(folder: Path) -> None:
    y = relgraph.load(write(folder, "a.yaml", BASE_YAML))
    j = relgraph.load(write(folder, "b.jsonl", jsonl(base_records())))
    assert (y.sources, y.entities, y.relations, y.claims) == (
        j.sources,
        j.entities,
        j.relations,
        j.claims,
    )
    assert graph_data(y) == graph_data(j)


# problems that exist only in YAML's syntax, or whose JSON spelling differs (a YAML
# `no` is a JSON false): pinned for JSON Lines separately below
_YAML_ONLY = {
    "yaml-syntax",
    "yaml-syntax-indent",
    "yaml-unclosed-quote",
    "duplicate-key",
    "yaml-alias",
    "alias-bomb",
    "two-documents",
    "deep-nesting-100k",
    "dataset-not-mapping",
    "control-character-raw",
    "python-tag",
    "deep-nesting",
    "file-is-list",
    "file-is-scalar",
    "empty-file",
    "unknown-section",
    "relations-not-list",
    "boolean-name",
    "on-name",
    "credibility-hex",  # YAML 1.1 reads 0x3 as a number; JSON has no such spelling
}


def _as_jsonl(yaml_path: Path) -> str:
    """The YAML dataset's records as JSON Lines, in the order they are written."""
    root, problems = read_yaml(str(yaml_path))
    assert root is not None, "not a mapping: add the case to _YAML_ONLY"
    assert root.kind == "map", "not a mapping: add the case to _YAML_ONLY"
    assert not problems, "a YAML syntax problem: add the case to _YAML_ONLY"
    records = []
    for section, node in root.value.items():
        kind = {v: k for k, v in jsonl_format._SECTION.items()}[section]
        if section in ("dataset", "vocabulary"):
            records.append({"record": kind, **conversion._plain(node)})
            continue
        for item in node.value:
            records.append({"record": kind, **conversion._plain(item)})
    return jsonl(records)


def _without_places(path: Path) -> list[str]:
    """Each diagnostic without its location (nor locations inside its text)."""
    out = []
    for d in relgraph.validate(path):
        text = f"{d.severity}[{d.code}] {d.message}\n  hint: {d.hint}"
        out.append(re.sub(r" at \S+?:\d+(?::\d+)?\b", " at <place>", text))
    return sorted(out)


def _corpus() -> list[tuple[str, str]]:
    from test_validation_corpus import CASES

    return [(name, text) for name, text in CASES if name not in _YAML_ONLY]


@pytest.mark.parametrize(("name", "text"), _corpus(), ids=[c[0] for c in _corpus()])
def test_a_jsonl_record_gets_the_yaml_message(name: str, text: str, folder: Path) -> None:
    y = write(folder, "data.yaml", text)
    j = write(folder, "data.jsonl", _as_jsonl(y))
    assert _without_places(j) == _without_places(y)
    assert _without_places(y)  # every corpus case has a problem


JSONL_CASES: list[tuple[str, list[Any] | str, str]] = [
    (
        "unknown-kind at the value",
        [
            *base_records()[:4],
            {"record": "entity", "id": "hamas", "name": "Hamas", "kind": "militia"},
        ],
        "{path}:5:62: error[unknown-kind] 'militia' is not an entity kind\n"
        "  hint: `relgraph vocab` lists the kinds",
    ),
    (
        "unknown-field at the key",
        [
            *base_records()[:5],
            {**base_records()[5], "evidence": [{"quote": QUOTE, "source": "art", "qoute": "x"}]},
        ],
        "{path}:6:226: error[unknown-field] 'qoute' is not a field of an evidence item\n"
        "  hint: did you mean 'quote'? an evidence item has: quote, source, attributed_to, "
        "credibility, notes, stance, amount, date, reported, origin",
    ),
    (
        "a yes/no value where text belongs",
        [*base_records()[:4], {"record": "entity", "id": "hamas", "name": False, "kind": "group"}],
        "{path}:5:45: error[wrong-type] 'name' of an entity must be text, not a yes/no value "
        "(false)\n"
        '  hint: write name: "…" in quotes to keep it as text',
    ),
    (
        "quote not found",
        [
            *base_records()[:5],
            {**base_records()[5], "evidence": [{"quote": "iran and cuba signed", "source": "art"}]},
        ],
        "{path}:6:145: error[quote-not-found] the quote is not in the text of source 'art'\n"
        '  hint: the closest passage is: "Iran and Cuba signed"',
    ),
    (
        "duplicate id names the first place",
        [*base_records()[:4], {"record": "entity", "id": "cuba", "name": "Hamas", "kind": "group"}],
        "{path}:5:28: error[duplicate-id] the entity id 'cuba' is already used at {path}:4\n"
        "  hint: give each one a different id",
    ),
    (
        "a relation without evidence points at the record",
        [*base_records()[:5], {k: v for k, v in base_records()[5].items() if k != "evidence"}],
        "{path}:6:1: error[no-evidence] this relation has no evidence\n"
        "  hint: add 'evidence:' with at least one verbatim quote and its source",
    ),
    (
        "columns count characters, not bytes",
        [
            *base_records()[:4],
            {"record": "entity", "id": "hamas", "name": "Ḥamās", "kind": "militia"},
        ],
        "{path}:5:62: error[unknown-kind] 'militia' is not an entity kind\n"
        "  hint: `relgraph vocab` lists the kinds",
    ),
    (
        "json syntax",
        jsonl(base_records()[:5]) + '{"record": "relation", "source": "iran",}\n',
        "{path}:6:40: error[json-syntax] JSON syntax error: trailing comma is not allowed\n"
        "  hint: each line must be one complete JSON object; check the quotes, commas and "
        "brackets",
    ),
    (
        "a line that is not an object",
        jsonl([*base_records(), ["iran", "cuba"]]),
        "{path}:7:1: error[not-a-mapping] a line must be a JSON object, not a list\n"
        '  hint: write one record per line, e.g. {"record": "entity", "id": …}',
    ),
    (
        "a record without its kind",
        jsonl([*base_records(), {"id": "x", "name": "X", "kind": "state"}]),
        "{path}:7:1: error[missing-record] this line has no 'record' field\n"
        '  hint: start it with {"record": "entity", …}; records are: dataset, vocabulary, '
        "source, entity, relation, claim, view",
    ),
    (
        "an unknown kind of record",
        jsonl([*base_records(), {"record": "entities", "id": "x"}]),
        "{path}:7:12: error[unknown-record] 'entities' is not a record kind\n"
        "  hint: did you mean 'entity'? records are: dataset, vocabulary, source, entity, "
        "relation, claim, view",
    ),
    (
        "a key written twice",
        jsonl(base_records()[:4])
        + '{"record": "entity", "id": "hamas", "name": "Hamas", "name": "H", "kind": "group"}\n',
        "{path}:5:54: error[duplicate-key] the key 'name' appears twice in this mapping "
        "(first at column 37)\n"
        "  hint: keep one of them; most JSON readers silently drop the first",
    ),
    (
        "too deep, as in YAML: the 63rd bracket of a dataset's field",
        '{"record": "dataset", "id": "demo", "title": "Demo", "notes": '
        + "[" * 80
        + "]" * 80
        + "}\n",
        "{path}:1:125: error[too-deep] nesting is deeper than 64 levels\n"
        "  hint: a dataset needs only a few levels; check the brackets and the indentation",
    ),
    (
        "an empty file",
        "\n\n",
        "{path}: error[empty-file] the file is empty\n"
        '  hint: give it a {"record": "dataset", …} line and some entities',
    ),
    (
        "allegation warning at the quote",
        [
            *base_records(),
            {
                "record": "relation",
                "source": "cuba",
                "target": "hamas",
                "type": "intelligence_sharing",
                "status": "reported",
                "evidence": [{"quote": "Cuba provides intelligence to Hamas", "source": "art"}],
            },
        ],
        "{path}:7:138: warning[allegation-as-fact] the source frames this as an allegation, "
        "but the status is 'reported'\n"
        "  hint: if the source only alleges it, write status: alleged",
    ),
]


@pytest.mark.parametrize(
    ("name", "records", "expected"), JSONL_CASES, ids=[c[0] for c in JSONL_CASES]
)
def test_each_jsonl_problem_has_its_exact_message(
    name: str, records: list[Any] | str, expected: str, folder: Path
) -> None:
    text = records if isinstance(records, str) else jsonl(records)
    assert problems_of(write(folder, "data.jsonl", text)) == expected


def test_the_cli_reports_jsonl_problems_like_yaml_ones(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    records = [*base_records()[:4], {"record": "entity", "id": "hamas", "name": "H", "kind": "x"}]
    path = write(folder, "data.jsonl", jsonl(records))
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(path)])
    out, err = capfd.readouterr()
    assert exit_info.value.code == 1
    assert err.startswith(f"{path}:5:58: error[unknown-kind] 'x' is not an entity kind\n")
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'{"record": "dataset", "id": "x", "title": "Caf\xe9"}\n',
            "{path}:1:47: error[encoding] the file is not valid UTF-8 (byte 0xe9)\n"
            "  hint: save the file as UTF-8",
        ),
        (
            '{"record": "dataset"}\n'.encode("utf-16"),
            "{path}:1:1: error[encoding] the file is UTF-16; relgraph reads UTF-8\n"
            "  hint: save the file as UTF-8",
        ),
        (
            b'{"record": "dataset", "id": "x",\x00 "title": "X"}\n',
            "{path}:1:33: error[nul-byte] the file contains a NUL byte\n"
            "  hint: this is not a text file; save it as UTF-8 text",
        ),
    ],
    ids=["latin-1", "utf-16", "nul"],
)
def test_wrong_encodings_are_named_in_jsonl(data: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    assert problems_of(path) == expected


def test_a_byte_order_mark_and_blank_lines_are_accepted(folder: Path) -> None:
    path = write(folder, "data.jsonl", "\n" + jsonl(base_records()).replace("\n", "\n\n"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert relgraph.validate(path) == []


def test_an_exported_graph_is_a_dataset_to_mix_into_a_folder(tmp_path: Path) -> None:
    from relgraph.export import export

    ds = relgraph.load("graph_data/cuba_iran.yaml")
    export(ds, "jsonl", tmp_path / "graph.jsonl")  # the records, the source text beside them
    assert relgraph.validate(tmp_path / "graph.jsonl") == []
    write(
        tmp_path,
        "more.yaml",
        "entities:\n  - id: mexico\n    name: Mexico\n    kind: state\n",
    )
    mixed = relgraph.load(tmp_path)
    assert [Path(p).name for p in mixed.paths] == ["graph.jsonl", "more.yaml"]
    assert mixed.relations == ds.relations
    assert [e.id for e in mixed.entities] == [*(e.id for e in ds.entities), "mexico"]


def test_a_line_too_long_is_skipped_with_its_own_message(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastpath, "MAX_LINE_BYTES", 300)
    long = {**base_records()[4], "description": "x" * 400}
    got = problems_of(write(folder, "data.jsonl", jsonl([*base_records()[:4], long])))
    assert got == (
        "{path}:5:1: error[line-too-long] the line is longer than 300 bytes\n"
        "  hint: a line holds one record; keep long texts in source text files"
    )


def test_a_file_of_garbage_is_given_up_after_some_lines(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastpath, "MAX_BAD_LINES", 3)
    path = write(folder, "data.jsonl", jsonl(base_records()) + "not json\n" * 10)
    diags = relgraph.validate(path)
    assert [(d.line, d.code) for d in diags] == [
        *((line, "json-syntax") for line in (7, 8, 9, 10)),
        (10, "too-many-bad-lines"),
    ]


def test_relation_lines_that_do_not_parse_are_reported_once(folder: Path) -> None:
    text = jsonl(base_records()) + '{"record":"relation","source":"iran"\n'
    diags = relgraph.validate(write(folder, "data.jsonl", text))
    assert [(d.line, d.code) for d in diags] == [(7, "json-syntax")]


def test_records_may_come_in_any_order_and_spelling(folder: Path) -> None:
    # relations before the entities they join, "record" not first, spaces around colons
    records = base_records()
    text = (
        json.dumps({k: v for k, v in reversed(list(records[5].items()))})
        + "\n"
        + jsonl(records[:5]).replace('": ', '" : ')
    )
    j = relgraph.load(write(folder, "data.jsonl", text))
    y = relgraph.load(write(folder, "data.yaml", BASE_YAML))
    assert j.relations == y.relations


@pytest.mark.parametrize(
    "notes",
    [None, "a note: with a colon", 'he said "yes": then left'],
    ids=["plain", "colon in a text", "quote and colon in a text"],
)
def test_a_key_written_twice_with_a_space_before_its_colon_is_found(
    notes: str | None, folder: Path
) -> None:
    records = base_records()
    line = json.dumps({**records[5], "notes": notes}) if notes else json.dumps(records[5])
    line = line.replace('"status": "reported"', '"status" : "reported", "status"\t: "alleged"')
    assert line.count('"status"') == 2
    path = write(folder, "data.jsonl", jsonl(records[:5]) + line + "\n")
    assert [d.code for d in relgraph.validate(path)] == ["duplicate-key"]


def test_an_escaped_quote_before_a_colon_is_not_a_duplicate_key(folder: Path) -> None:
    records = base_records()
    records[5] = {**records[5], "notes": 'he said "yes": then left'}
    ds = relgraph.load(write(folder, "data.jsonl", jsonl(records)))
    assert ds.relations[0].notes == 'he said "yes": then left'


# ---------------------------------------------------------------------------
# Mixing YAML and JSON Lines in one folder
# ---------------------------------------------------------------------------


def test_a_folder_mixes_yaml_and_jsonl_files(folder: Path) -> None:
    single = relgraph.load(write(folder, "all.yaml", BASE_YAML))
    (folder / "all.yaml").unlink()
    head = BASE_YAML.split("relations:")[0]
    write(folder, "a-meta.yaml", head)  # dataset, sources, entities
    write(folder, "b-relations.jsonl", jsonl(base_records()[5:]))
    mixed = relgraph.load(folder)
    assert [Path(p).name for p in mixed.paths] == ["a-meta.yaml", "b-relations.jsonl"]
    assert graph_data(mixed) == graph_data(single)


def test_jsonl_entities_serve_yaml_relations_in_a_later_file(folder: Path) -> None:
    write(folder, "a.jsonl", jsonl(base_records()[:5]))
    write(folder, "b.yaml", "relations:" + BASE_YAML.split("relations:")[1])
    assert len(relgraph.load(folder).relations) == 1


def test_an_id_used_in_both_formats_is_reported_where_it_repeats(folder: Path) -> None:
    write(folder, "a.yaml", BASE_YAML)
    path = write(
        folder, "b.jsonl", jsonl([{"record": "entity", "id": "cuba", "name": "C", "kind": "state"}])
    )
    got = problems_of(folder)
    assert got == (
        f"{path}:1:28: error[duplicate-id] the entity id 'cuba' is already used at "
        f"{folder / 'a.yaml'}:14\n"
        "  hint: give each one a different id"
    ).replace(str(folder), "{path}")


def test_an_empty_folder_names_every_suffix(tmp_path: Path) -> None:
    assert problems_of(tmp_path).endswith(
        "error[empty-dataset] the folder has no .yaml, .yml or .jsonl files\n"
        "  hint: name a dataset file, or a folder holding dataset files"
    )


# ---------------------------------------------------------------------------
# Converting
# ---------------------------------------------------------------------------


def test_convert_round_trips_the_bundled_dataset(tmp_path: Path) -> None:
    original = relgraph.load("graph_data/cuba_iran.yaml")
    there = tmp_path / "there" / "cuba_iran.jsonl"
    there.parent.mkdir()
    conversion.convert("graph_data/cuba_iran.yaml", there)
    back = tmp_path / "back" / "cuba_iran.yaml"
    back.parent.mkdir()
    conversion.convert(there, back)
    for path in (there, back):
        assert graph_data(relgraph.load(path)) == graph_data(original)
    assert relgraph.load(back).relations == original.relations
    assert (back.parent / "sources" / "cuba_iran_relations.txt").exists()


def test_convert_keeps_fields_the_model_does_not(folder: Path) -> None:
    records = base_records(sha256_of(SOURCE_TEXT))
    records[0] = {**records[0], "license": "CC-BY-4.0", "authors": "A. Person"}
    records[5]["evidence"][0]["notes"] = "checked twice"
    records[5]["evidence"][0]["credibility"] = 2
    src = write(folder, "data.jsonl", jsonl(records))
    out = folder / "data.yaml"
    conversion.convert(src, out)
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["dataset"]["license"] == "CC-BY-4.0"
    assert written["relations"][0]["evidence"][0] == {
        "quote": QUOTE,
        "source": "art",
        "notes": "checked twice",
        "credibility": 2,
    }
    again = folder / "again.jsonl"
    conversion.convert(out, again)
    assert [json.loads(line) for line in again.read_text(encoding="utf-8").splitlines()] == records


def test_convert_keeps_yaml_numbers_and_texts_apart(folder: Path) -> None:
    text = BASE_YAML.replace("    date: 2006-01\n", "    date: 2006\n").replace(
        "  title: Demo\n", "  title: Demo\n  description: '1984'\n"
    )
    out = folder / "out.jsonl"
    conversion.convert(write(folder, "data.yaml", text), out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["description"] == "1984"
    assert lines[-1]["date"] == 2006
    assert relgraph.load(out).relations[0].date == relgraph.PartialDate(2006)


def test_convert_writes_nothing_for_a_broken_dataset(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    src = write(folder, "data.yaml", BASE_YAML.replace("kind: group", "kind: militia"))
    out = folder / "out.jsonl"
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", str(src), "-o", str(out)])
    _, err = capfd.readouterr()
    assert exit_info.value.code == 1
    assert "error[unknown-kind]" in err
    assert err.endswith("1 error; nothing was written\n")
    assert sorted(p.name for p in folder.iterdir()) == ["data.yaml", "sources"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{dir}/out.txt"], "cannot tell which format to write from the name"),
        (["-o", "{dir}/data.yaml"], "already exists\n  hint: add --force to replace it"),
        (["-o", "{dir}/data.yaml", "--force"], "is one of the dataset's files"),
        (["-o", "{dir}/missing/out.jsonl"], "does not exist\n  hint: create it first"),
    ],
    ids=["suffix", "exists", "input", "no-folder"],
)
def test_convert_refuses_with_a_usage_error(
    args: list[str], message: str, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    src = write(folder, "data.yaml", BASE_YAML)
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", str(src), *(a.replace("{dir}", str(folder)) for a in args)])
    _, err = capfd.readouterr()
    assert exit_info.value.code == 2
    assert err.startswith("relgraph: error: ")
    assert message in err
    assert src.read_text(encoding="utf-8").startswith("dataset:")


def test_convert_does_not_overwrite_another_text(folder: Path, tmp_path: Path) -> None:
    src = write(folder, "data.yaml", BASE_YAML)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sources").mkdir(parents=True)
    (elsewhere / "sources" / "art.txt").write_text("another text", encoding="utf-8")
    with pytest.raises(relgraph.UsageError, match="already exists with other content"):
        conversion.convert(src, elsewhere / "out.jsonl")
    assert not (elsewhere / "out.jsonl").exists()


def _hidden(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob(".*")]


@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
def test_a_text_that_fails_to_copy_leaves_the_output_as_it_was(
    existing: bool, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write(folder, "data.yaml", BASE_YAML)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = elsewhere / "out.jsonl"
    if existing:
        out.write_text("the old dataset\n", encoding="utf-8")

    def full_disk(fsrc: Any, fdst: Any, *args: Any) -> None:
        fdst.write(fsrc.read(10))  # half the text, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(conversion.shutil, "copyfileobj", full_disk)
    with pytest.raises(WriteError) as exc:
        conversion.convert(src, out, force=True)
    assert str(exc.value) == (
        f"cannot copy '{folder / 'sources' / 'art.txt'}': No space left on device"
    )
    if existing:
        assert out.read_text(encoding="utf-8") == "the old dataset\n"
        assert sorted(p.name for p in elsewhere.iterdir()) == ["out.jsonl"]
    else:
        assert list(elsewhere.iterdir()) == []  # no file, no sources folder
    assert _hidden(elsewhere) == []


def test_a_failure_moving_the_texts_into_place_leaves_the_output_as_it_was(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write(folder, "data.yaml", BASE_YAML)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = elsewhere / "out.yaml"
    out.write_text("the old dataset\n", encoding="utf-8")
    real_replace = os.replace

    def full_disk(src: Any, dst: Any) -> None:
        if str(dst).endswith("out.yaml"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WriteError) as exc:
        conversion.convert(src, out, force=True)
    assert str(exc.value) == (
        f"cannot move the files of '{elsewhere}' into place: No space left on device"
    )
    assert out.read_text(encoding="utf-8") == "the old dataset\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["out.yaml"]  # the text was taken back
    assert _hidden(elsewhere) == []


def test_a_yaml_too_large_is_refused_after_writing_and_nothing_is_left(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write(folder, "data.yaml", BASE_YAML)  # only JSON Lines inputs are measured first
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setattr(conversion, "MAX_FILE_BYTES", 100)
    with pytest.raises(relgraph.UsageError) as exc:
        conversion.convert(src, elsewhere / "out.yaml")
    assert str(exc.value) == (
        f"the YAML would be larger than the {MAX_FILE_BYTES} bytes relgraph reads from a YAML "
        "file\n  hint: keep bulk data in JSON Lines (.jsonl)"
    )
    assert list(elsewhere.iterdir()) == []


def test_sources_sharing_a_text_get_one_copy(folder: Path, tmp_path: Path) -> None:
    second = (
        "  - id: art2\n    title: The same article\n    reliability: F\n"
        "    text: sources/art.txt\n    sha256: {sha}\n"
    )
    src = write(folder, "data.yaml", BASE_YAML.replace("entities:\n", second + "entities:\n"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    loaded = conversion.convert(src, elsewhere / "out.jsonl")
    assert [s.id for s in loaded.sources] == ["art", "art2"]
    listing = sorted(str(p.relative_to(elsewhere)) for p in elsewhere.rglob("*"))
    assert listing == ["out.jsonl", "sources", "sources/art.txt"]
    assert (elsewhere / "sources" / "art.txt").read_text(encoding="utf-8") == SOURCE_TEXT
    assert [s.id for s in relgraph.load(elsewhere / "out.jsonl").sources] == ["art", "art2"]


def test_convert_reports_its_writing_progress(folder: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    src = write(folder, "data.yaml", BASE_YAML)
    conversion.convert(src, folder / "out.jsonl", progress=lambda *a: calls.append(a))
    writing = [c for c in calls if c[0] == "writing out.jsonl"]
    assert writing == [("writing out.jsonl", 0, 6), ("writing out.jsonl", 6, 6)]


def test_the_cli_converts_and_says_what_it_wrote(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    src = write(folder, "data.yaml", BASE_YAML)
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", str(src), "-o", str(folder / "out.jsonl")])
    out, err = capfd.readouterr()
    assert exit_info.value.code == 0
    assert out == ""
    assert err == f"{folder / 'out.jsonl'}: 3 entities, 1 relation, 0 claims\n"


def test_read_records_gives_declarations_first(folder: Path) -> None:
    records = base_records()
    write(folder, "data.jsonl", jsonl([records[5], *records[:5]]))
    kinds = [k for k, _ in conversion.read_records(folder / "data.jsonl")]
    assert kinds == ["dataset", "source", "entity", "entity", "entity", "relation"]


# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------


def test_loading_reports_progress_through_the_callback(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[str, int, int | None]] = []
    path = write(folder, "data.jsonl", jsonl(base_records()))
    relgraph.load(path, progress=lambda *a: calls.append(a))
    stages = {stage for stage, _, _ in calls}
    assert stages == {"reading data.jsonl", "checking entities", "checking data.jsonl"}
    size = path.stat().st_size
    assert ("checking data.jsonl", size, size) in calls
    assert all(done <= total for _, done, total in calls if total is not None)
    assert capfd.readouterr() == ("", "")  # the library never prints


def test_yaml_loading_reports_progress_too(folder: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    relgraph.load(write(folder, "data.yaml", BASE_YAML), progress=lambda *a: calls.append(a))
    assert calls[0] == ("reading data.yaml", 0, 1)


def test_a_ticker_reports_every_so_often() -> None:
    calls: list[tuple[str, int, int | None]] = []
    tick = Ticker(lambda *a: calls.append(a), "x", total=None, every=3)
    for _ in range(7):
        tick.advance()
    tick.finish()
    assert calls == [("x", 0, None), ("x", 3, None), ("x", 6, None), ("x", 7, 7)]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_line_is_drawn_only_on_a_terminal() -> None:
    assert terminal_progress(stream=io.StringIO()) is None
    assert terminal_progress(quiet=True, stream=_Tty()) is None
    tty = _Tty()
    line = terminal_progress(stream=tty)
    assert isinstance(line, TerminalProgress)
    now = [0.0]
    line.clock = lambda: now[0]
    line("checking", 1, 4)
    line("checking", 2, 4)  # too soon: skipped
    now[0] = 1.0
    line("checking", 3, 4)
    line("checking", 4, 4)  # the end of a stage is always drawn
    line.close()
    assert tty.getvalue().split("\r") == [
        "",
        "\x1b[Krelgraph: checking  25%",
        "\x1b[Krelgraph: checking  75%",
        "\x1b[Krelgraph: checking 100%",
        "\x1b[K",
    ]


def test_convert_quiet_and_piped_print_no_progress(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    src = write(folder, "data.yaml", BASE_YAML)
    with pytest.raises(SystemExit):
        main(["convert", str(src), "-o", str(folder / "o.jsonl"), "--quiet"])
    assert capfd.readouterr() == ("", "")


PROPERTIES = settings(
    max_examples=int(os.environ.get("RELGRAPH_FUZZ_EXAMPLES", "400")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


# ---------------------------------------------------------------------------
# The fast path accepts only what the checks accept, and builds the same objects
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def loader_state(tmp_path_factory: pytest.TempPathFactory) -> relgraph.Dataset:
    folder = tmp_path_factory.mktemp("state")
    (folder / "sources").mkdir()
    (folder / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return relgraph.load(write(folder, "data.yaml", BASE_YAML))


def _loader(ds: relgraph.Dataset) -> fastpath._BulkLoader:
    loader = fastpath._BulkLoader(Problems())
    loader.sources = {s.id: s for s in ds.sources}
    loader.texts = {s.id: StoredText(s.text, watch=_ALLEGATION_WORDS) for s in ds.sources}
    loader.entities = {e.id: e for e in ds.entities}
    loader.seen_entities = {e.id: jsonl_format._node_of_plain(e.id, "x", 1, 1) for e in ds.entities}
    return loader


_ODD = [
    None,
    "",
    "  ",
    "occurred",
    "announced",
    "planned",
    "rumoured",
    "iran",
    "cuba",
    "hamas",
    "Iran",
    "x y",
    "r-1",
    "Bad Id",
    5,
    0,
    7,
    2.5,
    True,
    False,
    [],
    ["a"],
    [1],
    {},
    {"a": "b"},
    {"a": 1},
    "2006",
    "2006-01",
    "2007",
    " 2006 ",
    "2006-13",
    "2023-02-30",
    2006,
    -1,
    "agreement",
    "visit",
    "holds_office",
    "intelligence_sharing",
    "reported",
    "alleged",
    "confirmed",
    "hostile",
    "friendly",
    "state",
    "group",
    "militia",
    "Ira\u0301n",
    "Iran\u202e",
    "Iran\x07",
    "Iran\x85",
    "cuba\u2066",
]
_EVIDENCE = st.fixed_dictionaries(
    {
        "quote": st.sampled_from(
            [
                QUOTE,
                "ties were \u201cfirm and progressive\u201d",
                'ties were "firm and progressive"',
                "Cuba provides intelligence to Hamas",
                "iran and cuba",
                "Iran and Cuba\u202e signed",
                "Iran and\x0b Cuba",
                "Iran\u0301 and Cuba",
                "",
                5,
            ]
        ),
        "source": st.sampled_from(["art", "artt", "", None]),
    },
    optional={
        "attributed_to": st.sampled_from(_ODD),
        "credibility": st.sampled_from([1, 6, 0, 7, "3", True, None, 2.0]),
        "notes": st.sampled_from(_ODD),
        "qoute": st.just("x"),
        "stance": st.sampled_from(["supports", "contradicts", "qualifies", "denies", *_ODD]),
        "amount": st.sampled_from(
            [
                {"value": 19, "unit": "agreement"},
                [{"approx": 2.5, "currency": "USD", "note": "n"}, {"min": 20, "unit": "x"}],
                {"min": 30, "max": 20, "unit": "x"},
                {"value": 1, "min": 2, "unit": "x"},
                {"value": "19", "unit": "x"},
                {"value": True, "unit": "x"},
                {"value": 1},
                {"value": 1, "currency": "usd"},
                {"value": 1, "unit": " ", "currency": "EUR"},
                {"value": None, "max": 3, "unit": "x"},
                {"value": 1, "units": "x"},
                {},
                *_ODD,
            ]
        ),
        "date": st.sampled_from(_ODD),
        "reported": st.sampled_from(_ODD),
        "origin": st.sampled_from(["art", "agencia-efe", "EFE wire", *_ODD]),
    },
)


def _mutated(base: dict[str, Any], keys: list[str]) -> Any:
    return st.fixed_dictionaries(
        {},
        optional={
            **{k: st.sampled_from(_ODD) for k in keys},
            "evidence": st.one_of(
                st.lists(_EVIDENCE, max_size=2), _EVIDENCE, st.sampled_from(_ODD)
            ),
            "bogus": st.just(1),
        },
    ).map(lambda changes: {**base, **changes})


_RELATION = base_records()[5]
_RELATION_KEYS = [
    "id",
    "source",
    "target",
    "type",
    "date",
    "start",
    "end",
    "status",
    "sign",
    "notes",
    "reported",
    "modality",
]


def _same_as_slow(loader: fastpath._BulkLoader, kind: str, record: dict[str, Any]) -> None:
    node = jsonl_format._node_of_plain(record, "x.jsonl", 1, 1)
    node.value.pop("record", None)
    node.keys.pop("record", None)
    loc = Location("x.jsonl", 1, 1)
    fast_method = {"relation": loader.fast_relation, "claim": loader.fast_claim}[kind]
    try:  # the fast path as a line goes through it
        fast, keys = fast_method(record, loc)
        if not fastpath._keys_agree(json.dumps(record, ensure_ascii=False).encode(), keys):
            raise fastpath._Slow
    except fastpath._Slow:
        return
    loader.problems = Problems()
    slow = loader.relation(node, 0) if kind == "relation" else loader.claim(node)
    assert loader.problems.items == []
    assert slow == fast


@PROPERTIES
@given(_mutated(_RELATION, _RELATION_KEYS))
def test_the_fast_path_accepts_a_relation_only_as_the_checks_would(
    loader_state: relgraph.Dataset, record: dict[str, Any]
) -> None:
    _same_as_slow(_loader(loader_state), "relation", record)


_CLAIM = {
    "record": "claim",
    "entity": "cuba",
    "statement": "Cuba signed",
    "status": "reported",
    "evidence": [{"quote": QUOTE, "source": "art"}],
}


@PROPERTIES
@given(
    _mutated(
        _CLAIM, ["id", "entity", "statement", "status", "date", "notes", "reported", "modality"]
    )
)
def test_the_fast_path_accepts_a_claim_only_as_the_checks_would(
    loader_state: relgraph.Dataset, record: dict[str, Any]
) -> None:
    _same_as_slow(_loader(loader_state), "claim", record)


_ENTITY = {"record": "entity", "id": "fidel", "name": "Fidel", "kind": "official"}


@PROPERTIES
@given(
    st.fixed_dictionaries(
        {},
        optional={
            k: st.sampled_from(_ODD)
            for k in (
                "id",
                "name",
                "kind",
                "aliases",
                "country",
                "description",
                "external_ids",
                "tags",
            )
        },
    ).map(lambda changes: {**_ENTITY, **changes})
)
def test_the_fast_path_accepts_an_entity_only_as_the_checks_would(
    loader_state: relgraph.Dataset, record: dict[str, Any]
) -> None:
    loader = _loader(loader_state)
    loc = Location("x.jsonl", 1, 1)
    try:  # the fast path as a line goes through it
        fast, keys = loader.fast_entity(record, loc)
        if not fastpath._keys_agree(json.dumps(record, ensure_ascii=False).encode(), keys):
            raise fastpath._Slow
    except fastpath._Slow:
        return
    node = jsonl_format._node_of_plain(record, "x.jsonl", 1, 1)
    node.value.pop("record")
    node.keys.pop("record")
    loader.entity(node, loader.seen_entities)
    assert loader.problems.items == []
    assert loader.entities[fast.id] == fast


def test_the_fast_path_knows_no_field_the_checks_do_not(loader_state: relgraph.Dataset) -> None:
    loader = _loader(loader_state)
    for kind, keys in (
        ("relation", fastpath._RELATION_KEYS),
        ("claim", fastpath._CLAIM_KEYS),
        ("entity", fastpath._ENTITY_KEYS),
        ("evidence", fastpath._EVIDENCE_KEYS),
    ):
        node = jsonl_format._node_of_plain(
            {k: None for k in keys if k != "record"}, "x.jsonl", 1, 1
        )
        loader.problems = Problems()
        if kind == "relation":
            loader.relation(node, 0)
        elif kind == "claim":
            loader.claim(node)
        elif kind == "entity":
            loader.entity(node, {})
        else:
            loader.evidence_item(node, "reported")
        assert [d for d in loader.problems.items if d.code == "unknown-field"] == [], kind


def test_the_generated_shape_is_loaded_by_the_fast_path(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(fastpath._BulkLoader, "relation", lambda *a: calls.append("slow"))
    records = base_records()
    records[5] = {
        **records[5],
        "id": "r1",
        "sign": "neutral",
        "notes": "n",
        "evidence": [
            {"quote": QUOTE, "source": "art", "attributed_to": "iran", "credibility": 2},
            {"quote": "ties were \u201cfirm and progressive\u201d", "source": "art"},
        ],
    }
    ds = relgraph.load(write(folder, "data.jsonl", jsonl(records)))
    assert calls == []
    assert ds.relations[0].evidence[0].attributed_entity == "iran"


def test_no_combining_mark_lies_beyond_the_part_of_unicode_that_is_scanned() -> None:
    import sys
    import unicodedata

    from relgraph.quotes import _COMBINING_BELOW

    beyond = [
        c for c in range(_COMBINING_BELOW, sys.maxunicode + 1) if unicodedata.combining(chr(c))
    ]
    assert beyond == []


def test_the_quick_date_order_is_the_order_of_earliest_and_latest_days() -> None:
    from relgraph.model import PartialDate

    dates = [PartialDate(y) for y in (2023, 2024)]
    dates += [PartialDate(y, m) for y in (2023, 2024) for m in (1, 2, 11, 12)]
    dates += [
        PartialDate(y, m, d)
        for y in (2023, 2024)
        for m in (1, 2, 12)
        for d in (1, 28, 29, 31)
        if (m, d) != (2, 31) and (y, m, d) != (2023, 2, 29)
    ]
    for start in dates:
        for end in dates:
            assert fastpath._begins_after(start, end) is (start.earliest() > end.latest()), (
                start,
                end,
            )


def test_the_cli_says_a_failed_convert_wrote_nothing(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    src = write(folder, "data.yaml", BASE_YAML)
    out = tmp_path / "elsewhere" / "out.jsonl"
    out.parent.mkdir()

    def full_disk(fsrc: Any, fdst: Any, *args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(conversion.shutil, "copyfileobj", full_disk)
    with pytest.raises(SystemExit) as exc:
        main(["convert", str(src), "-o", str(out)])
    assert exc.value.code == 1
    text = f"cannot copy '{folder / 'sources' / 'art.txt'}': No space left on device"
    assert capsys.readouterr().err == f"relgraph: error: {text}; nothing was written\n"
    assert list(out.parent.iterdir()) == []
