"""Imports: round trips keep everything; problems point at their cell; nothing half-written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_export import (
    AUTHORS,
    CLAIM_NOTE,
    LICENSE,
    RELATION_NOTE,
    TRICKY_TEXT,
    assert_same_dataset,
    make_tricky,
)

import relgraph
from relgraph.cli import main
from relgraph.errors import WriteError
from relgraph.export import export
from relgraph.imports import dataset_yaml, import_csv, import_json
from relgraph.imports.document import Document, Item, emit
from relgraph.load.yaml import read_yaml
from support import run

ROOT = Path(__file__).resolve().parents[1]


def _csv_back(folder: Path, output: Path) -> relgraph.Dataset:
    return import_csv(
        folder / "entities.csv",
        folder / "relations.csv",
        output,
        sources=folder / "sources.csv",
        claims=folder / "claims.csv",
        meta=folder / "meta.yaml",
    )


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# ---------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_dataset_to_json_to_dataset_is_lossless(
    fmt: str, bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, fmt, tmp_path / f"g.{fmt}")
    (tmp_path / "new").mkdir()
    back = import_json(tmp_path / f"g.{fmt}", tmp_path / "new" / "cuba_iran.yaml")
    assert_same_dataset(bundled, back)
    text = (tmp_path / "new" / "sources" / "cuba_iran_relations.txt").read_bytes()
    assert text == (ROOT / "graph_data" / "sources" / "cuba_iran_relations.txt").read_bytes()


def test_jsonl_export_loads_and_imports_as_the_same_dataset(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, "jsonl", tmp_path / "g.jsonl")
    loaded = relgraph.load(tmp_path / "g.jsonl")  # the export is a dataset as it is
    (tmp_path / "yaml").mkdir()
    imported = import_json(tmp_path / "g.jsonl", tmp_path / "yaml" / "cuba_iran.yaml")
    reloaded = relgraph.load(tmp_path / "yaml" / "cuba_iran.yaml")
    for ds in (loaded, imported, reloaded):
        assert ds.sources == bundled.sources
        assert ds.entities == bundled.entities
        assert ds.relations == bundled.relations
        assert ds.claims == bundled.claims
        assert_same_dataset(bundled, ds)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_round_trip_keeps_awkward_values(fmt: str, tmp_path: Path) -> None:
    ds = relgraph.load(make_tricky(tmp_path / "a"))
    export(ds, fmt, tmp_path / f"g.{fmt}")
    (tmp_path / "b").mkdir()
    back = import_json(tmp_path / f"g.{fmt}", tmp_path / "b" / "tricky.yaml")
    assert_same_dataset(ds, back)
    assert back.vocabulary.relation_types["funds"].target_kinds == ("armed_group", "state")
    assert (tmp_path / "b" / "texts" / "tricky.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    written = (tmp_path / "b" / "tricky.yaml").read_text(encoding="utf-8")
    assert "id: min-a.meeting.min-b" not in written  # a made-up id stays made up
    assert "id: r-formula" in written


def test_dataset_to_csv_to_dataset_keeps_every_entity_relation_quote_and_source(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, "csv", tmp_path / "csv")
    (tmp_path / "new").mkdir()
    back = _csv_back(tmp_path / "csv", tmp_path / "new" / "cuba_iran.yaml")
    assert_same_dataset(bundled, back)
    assert [e.quote for r in back.relations for e in r.evidence] == [
        e.quote for r in bundled.relations for e in r.evidence
    ]


@pytest.mark.parametrize("layout", ["kumu", "gephi"])
def test_csv_round_trip_keeps_formulas_pipes_and_line_breaks(layout: str, tmp_path: Path) -> None:
    ds = relgraph.load(make_tricky(tmp_path / "a"))
    export(ds, "csv", tmp_path / "csv", layout=layout)
    (tmp_path / "b").mkdir()
    back = _csv_back(tmp_path / "csv", tmp_path / "b" / "tricky.yaml")
    assert_same_dataset(ds, back)
    assert back.entity("min-b").name == "=1+1"
    assert back.entity("min-a").aliases == ("a|b", "back\\slash", "no")
    assert dict(back.entity("min-a").external_ids) == {"a:b": "c|d", "wikidata": "Q1"}
    assert (back.license, back.authors) == (LICENSE, AUTHORS)
    formula = next(r for r in back.relations if r.id == "r-formula")
    assert [e.notes for e in formula.evidence] == [RELATION_NOTE, None]
    assert [e.notes for e in back.claims[0].evidence] == [CLAIM_NOTE]


def test_csv_evidence_notes_are_read_from_their_column(sheets: Path, tmp_path: Path) -> None:
    rel = sheets / "relations.csv"
    rel.write_text(
        "from;to;type;status;quote;quote source;notes;evidence_notes\n"
        "iran;cuba;agreement;reported;Iran and Cuba signed an agreement;art;the pact;"
        " page 1 \n"
        "iran;cuba;agreement;;Officials said the ties were firm;art;;'=translated\n",
        encoding="utf-8",
    )
    (tmp_path / "out").mkdir()
    ds = import_csv(
        sheets / "entities.csv", rel, tmp_path / "out" / "d.yaml", sources=sheets / "sources.csv"
    )
    (agreement,) = ds.relations
    assert agreement.notes == "the pact"
    assert [e.notes for e in agreement.evidence] == [" page 1 ", "=translated"]


def test_csv_lists_give_each_quote_its_values_by_place(sheets: Path, tmp_path: Path) -> None:
    """One row a relation, its evidence columns listing a value per quote (``--evidence lists``)."""
    listed = ARTICLE + "The envoy said: yes|no\\maybe.\n"
    (sheets / "texts" / "a.txt").write_text(listed, encoding="utf-8")
    rel = sheets / "relations.csv"
    rel.write_text(
        "from;to;type;status;date;evidence count;quote;quote source;attributed to;credibility\n"
        "iran;cuba;agreement;reported;2006-01;3;Iran and Cuba signed an agreement|"
        "Officials said the ties were firm|The envoy said: yes\\|no\\\\maybe;art|art|art;"
        "|officials|;|2|\n"
        "min;cuba;visit;reported;;1;The minister visited Havana;art;;\n",
        encoding="utf-8",
    )
    (tmp_path / "out").mkdir()
    ds = import_csv(
        sheets / "entities.csv", rel, tmp_path / "out" / "d.yaml", sources=sheets / "sources.csv"
    )
    agreement, visit = ds.relations
    assert [(e.quote, e.attributed_to, e.credibility) for e in agreement.evidence] == [
        ("Iran and Cuba signed an agreement", None, None),
        ("Officials said the ties were firm", "officials", 2),
        ("The envoy said: yes|no\\maybe", None, None),
    ]
    assert [e.quote for e in visit.evidence] == ["The minister visited Havana"]


def test_csv_lists_of_another_length_than_the_quotes_are_named_at_their_cell(
    sheets: Path, tmp_path: Path
) -> None:
    rel = sheets / "relations.csv"
    rel.write_text(
        "from;to;type;status;evidence count;quote;quote source;attributed to\n"
        "iran;cuba;agreement;reported;2;Iran and Cuba signed an agreement|"
        "Officials said the ties were firm;art;officials|Havana|x\n",
        encoding="utf-8",
    )
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(
            sheets / "entities.csv", rel, tmp_path / "o.yaml", sources=sheets / "sources.csv"
        )
    assert _problems(exc) == [
        f"{rel}:2:7: error[evidence-list] Quote source lists 1 value but Quote lists 2: the n-th "
        "value belongs to the n-th quote\n"
        "  hint: separate the values with |, leaving a place empty (||) for a quote without one; "
        "write a | inside a value as \\|",
        f"{rel}:2:8: error[evidence-list] Attributed to lists 3 values but Quote lists 2: the "
        "n-th value belongs to the n-th quote\n"
        "  hint: separate the values with |, leaving a place empty (||) for a quote without one; "
        "write a | inside a value as \\|",
    ]
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.parametrize("evidence", ["lists", "rows"])
def test_csv_export_of_each_importable_evidence_layout_comes_back_whole(
    evidence: str, bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    for layout in ("kumu", "gephi"):
        export(bundled, "csv", tmp_path / layout, layout=layout, evidence=evidence)
        (tmp_path / f"{layout}-back").mkdir()
        back = _csv_back(tmp_path / layout, tmp_path / f"{layout}-back" / "cuba_iran.yaml")
        assert_same_dataset(bundled, back)


def test_dataset_yaml_writes_a_file_that_loads_as_the_same_dataset(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "graph_data" / "sources", tmp_path / "sources")
    (tmp_path / "copy.yaml").write_text(dataset_yaml(bundled), encoding="utf-8")
    assert_same_dataset(bundled, relgraph.load(tmp_path / "copy.yaml"))


# ---------------------------------------------------------------------------
# Spreadsheets people keep
# ---------------------------------------------------------------------------
ARTICLE = (
    "Iran and Cuba signed an agreement in Havana in January 2006. "
    "Officials said the ties were firm. The minister visited Havana.\n"
)


@pytest.fixture
def sheets(tmp_path: Path) -> Path:
    """A hand-made set of spreadsheets: semicolons, lower-case headers, no relation ids."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "entities.csv").write_text(
        "id;name;kind;aliases\niran;Iran;state;Tehran|ایران\ncuba;Cuba;state;\n"
        "min;The minister;official;\n",
        encoding="utf-8",
    )
    (tmp_path / "relations.csv").write_text(
        "from;to;type;status;date;quote;quote source;attributed_to\n"
        "iran;cuba;agreement;reported;2006-01;Iran and Cuba signed an agreement;art;\n"
        "iran;cuba;agreement;;2006-01;Officials said the ties were firm;art;officials\n"
        "min;cuba;visit;reported;;The minister visited Havana;art;\n",
        encoding="utf-8",
    )
    (tmp_path / "sources.csv").write_text(
        "ID,Title,Reliability,Text\nart,An article,F,texts/a.txt\n", encoding="utf-8"
    )
    return tmp_path


def test_hand_made_spreadsheets_import(sheets: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    ds = import_csv(
        sheets / "entities.csv",
        sheets / "relations.csv",
        tmp_path / "out" / "my data.yaml",
        sources=sheets / "sources.csv",
    )
    assert ds.id == "my-data"
    assert ds.title == "Imported from relations.csv"
    assert ds.entity("iran").aliases == ("Tehran", "ایران")
    agreement = ds.relations[0]
    assert agreement.id == "cuba.agreement.iran.2006-01"
    assert [e.attributed_to for e in agreement.evidence] == [None, "officials"]
    assert ds.sources[0].sha256 == __import__("hashlib").sha256(ARTICLE.encode()).hexdigest()
    assert (tmp_path / "out" / "texts" / "a.txt").read_text(encoding="utf-8") == ARTICLE


# ---------------------------------------------------------------------------
# Problems, located in the inputs, and nothing left behind
# ---------------------------------------------------------------------------
def _problems(exc: pytest.ExceptionInfo[relgraph.DatasetError]) -> list[str]:
    return [str(d) for d in exc.value.diagnostics]


def test_an_unknown_column_is_named_with_the_closest_known_one(
    sheets: Path, tmp_path: Path
) -> None:
    rel = sheets / "relations.csv"
    rel.write_text(rel.read_text().replace("from;", "frm;", 1), encoding="utf-8")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(
            sheets / "entities.csv", rel, tmp_path / "out.yaml", sources=sheets / "sources.csv"
        )
    assert _problems(exc) == [
        f"{rel}:1:1: error[unknown-column] unknown column 'frm'\n"
        "  hint: did you mean 'From'? relations take: ID, From, To, Type, Status, Sign, Date, "
        "Start, End, Notes, Reported, Modality, Review, Referents, Quote, Quote source, "
        "Attributed to, Credibility, "
        "Evidence notes, Stance, Amount, Evidence date, Evidence reported, Evidence origin"
    ]
    assert not (tmp_path / "out.yaml").exists()


def test_missing_columns_are_each_named(sheets: Path, tmp_path: Path) -> None:
    ent = sheets / "entities.csv"
    ent.write_text("id;name\niran;Iran\n", encoding="utf-8")
    rel = sheets / "relations.csv"
    rel.write_text("from;to;type\niran;cuba;agreement\n", encoding="utf-8")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(ent, rel, tmp_path / "out.yaml")
    assert _problems(exc) == [
        f"{ent}:1:1: error[missing-column] there is no 'Type' column\n"
        "  hint: entities need the columns: ID, Label, Type",
        f"{rel}:1:1: error[missing-column] there is no 'Quote source' column\n"
        "  hint: relations need the columns: From, To, Type, Status, Quote, Quote source",
        f"{rel}:1:1: error[missing-column] there is no 'Quote' column\n"
        "  hint: relations need the columns: From, To, Type, Status, Quote, Quote source",
        f"{rel}:1:1: error[missing-column] there is no 'Status' column\n"
        "  hint: relations need the columns: From, To, Type, Status, Quote, Quote source",
    ]


def test_problems_validation_finds_point_at_the_cells_and_nothing_is_written(
    sheets: Path, tmp_path: Path
) -> None:
    rel = sheets / "relations.csv"
    rel.write_text(
        "from;to;type;status;date;quote;quote source\n"
        "iran;cubba;agreement;reported;2006-01;Iran and Cuba signed an agreement;art\n"
        "min;cuba;visit;rumoured;2006-13;The minister visited Tehran;art\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(sheets / "entities.csv", rel, out / "data.yaml", sources=sheets / "sources.csv")
    assert _problems(exc) == [
        f"{rel}:2:2: error[unknown-entity] 'cubba' is not an entity of the dataset\n"
        "  hint: did you mean 'cuba'? entities are listed under 'entities:'",
        f"{rel}:3:4: error[unknown-status] 'rumoured' is not a status\n"
        "  hint: choose one of: confirmed, reported, alleged, disputed, denied",
        f"{rel}:3:5: error[bad-date] '2006-13' has month 13; months run from 01 to 12\n"
        "  hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is",
        f"{rel}:3:6: error[quote-not-found] the quote is not in the text of source 'art'\n"
        '  hint: the closest passage is: "The minister visited Havana"',
    ]
    assert os.listdir(out) == []


def test_rows_of_one_relation_must_agree(sheets: Path, tmp_path: Path) -> None:
    rel = sheets / "relations.csv"
    rel.write_text(
        "id;from;to;type;status;quote;quote source\n"
        "r1;iran;cuba;agreement;reported;Iran and Cuba signed an agreement;art\n"
        "r1;;;;alleged;Officials said the ties were firm;art\n",
        encoding="utf-8",
    )
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(
            sheets / "entities.csv", rel, tmp_path / "o.yaml", sources=sheets / "sources.csv"
        )
    assert _problems(exc) == [
        f"{rel}:3:5: error[conflicting-value] this row gives Status 'alleged' for relation 'r1', "
        "but line 2 gave 'reported'\n"
        "  hint: the rows of one item must agree; leave the cell empty to keep the first row's "
        "value"
    ]


def test_joined_quotes_cannot_be_imported(bundled: relgraph.Dataset, tmp_path: Path) -> None:
    export(bundled, "csv", tmp_path / "j", evidence="joined")
    rel = tmp_path / "j" / "relations.csv"
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(tmp_path / "j" / "entities.csv", rel, tmp_path / "o.yaml")
    assert _problems(exc) == [
        f"{rel}:1:22: error[joined-quotes] the 'Quotes' column joins every quote of a relation in "
        "one cell, which cannot be split back into evidence\n"
        "  hint: export with `--evidence lists` (the default) or `--evidence rows`, or give each "
        "quote its own row with 'Quote' and 'Quote source' columns"
    ]


def test_a_missing_source_text_is_named_at_its_cell(sheets: Path, tmp_path: Path) -> None:
    src = sheets / "sources.csv"
    src.write_text("ID,Title,Reliability,Text\nart,An article,F,texts/b.txt\n", encoding="utf-8")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_csv(
            sheets / "entities.csv", sheets / "relations.csv", tmp_path / "o.yaml", sources=src
        )
    assert _problems(exc) == [
        f"{src}:2:4: error[missing-source-text] the source text 'texts/b.txt' does not exist\n"
        f"  hint: store the source's text at {sheets / 'texts' / 'b.txt'}"
    ]


def test_an_import_never_overwrites_a_different_text(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, "json", tmp_path / "g.json")
    out = tmp_path / "out"
    (out / "sources").mkdir(parents=True)
    (out / "sources" / "cuba_iran_relations.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_json(tmp_path / "g.json", out / "d.yaml")
    assert _problems(exc) == [
        f"{tmp_path / 'g.json'}#/graph/sources/0/text: error[text-conflict] "
        f"'{out / 'sources' / 'cuba_iran_relations.txt'}' already exists and holds a different "
        "text\n  hint: write the dataset into another folder, or move that file away"
    ]
    assert _listing(out) == ["sources", "sources/cuba_iran_relations.txt"]


def test_a_jsonl_import_never_overwrites_a_different_text(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    (tmp_path / "export").mkdir()
    export(bundled, "jsonl", tmp_path / "export" / "g.jsonl")
    out = tmp_path / "out"
    (out / "sources").mkdir(parents=True)
    (out / "sources" / "cuba_iran_relations.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_json(tmp_path / "export" / "g.jsonl", out / "d.yaml")
    assert _problems(exc) == [
        f"{tmp_path / 'export' / 'g.jsonl'}:2:1: error[text-conflict] "
        f"'{out / 'sources' / 'cuba_iran_relations.txt'}' already exists and holds a different "
        "text\n  hint: write the dataset into another folder, or move that file away"
    ]
    assert _listing(out) == ["sources", "sources/cuba_iran_relations.txt"]


@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
def test_an_import_that_cannot_move_its_file_into_place_leaves_nothing(
    existing: bool, bundled: relgraph.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(bundled, "json", tmp_path / "g.json")
    out = tmp_path / "out"
    out.mkdir()
    if existing:
        (out / "d.yaml").write_text("the old dataset\n", encoding="utf-8")
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        if dst.endswith("d.yaml"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WriteError) as exc:
        import_json(tmp_path / "g.json", out / "d.yaml")
    assert str(exc.value) == f"cannot write '{out / 'd.yaml'}': No space left on device"
    assert exc.value.strerror == "No space left on device"
    # the source text, moved into place first, was taken back with its folder
    assert _listing(out) == (["d.yaml"] if existing else [])
    if existing:
        assert (out / "d.yaml").read_text(encoding="utf-8") == "the old dataset\n"


def test_the_cli_says_an_import_that_could_not_be_written_wrote_nothing(
    bundled: relgraph.Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    export(bundled, "json", tmp_path / "g.json")
    out = tmp_path / "out"
    out.mkdir()
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        if dst.endswith("d.yaml"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(SystemExit) as exc:
        main(["import", "json", str(tmp_path / "g.json"), "-o", str(out / "d.yaml")])
    assert exc.value.code == 1
    assert capsys.readouterr().err == (
        f"relgraph: error: cannot write '{out / 'd.yaml'}': No space left on device; "
        "nothing was written\n"
    )
    assert _listing(out) == []


def test_jsonl_is_checked_where_it_lies_before_anything_is_written(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, "jsonl", tmp_path / "g.jsonl", texts=False)  # no texts beside it
    (tmp_path / "out").mkdir()
    with pytest.raises(relgraph.DatasetError) as exc:
        import_json(tmp_path / "g.jsonl", tmp_path / "out" / "d.yaml")
    assert _problems(exc) == [
        f"{tmp_path / 'g.jsonl'}:2:130: error[missing-source-text] the source text "
        "'sources/cuba_iran_relations.txt' does not exist\n"
        f"  hint: store the source's text at {tmp_path / 'sources' / 'cuba_iran_relations.txt'}"
    ]
    assert _listing(tmp_path / "out") == []


def test_a_dataset_too_large_for_a_yaml_file_is_refused_with_the_jsonl_to_write(
    bundled: relgraph.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relgraph.imports import commit

    monkeypatch.setattr(commit, "MAX_FILE_BYTES", 1000)
    export(bundled, "jsonl", tmp_path / "g.jsonl")
    (tmp_path / "out").mkdir()
    with pytest.raises(relgraph.UsageError) as exc:
        import_json(tmp_path / "g.jsonl", tmp_path / "out" / "d.yaml")
    size = len(dataset_yaml(bundled).encode("utf-8"))
    assert str(exc.value).startswith("the dataset would be a YAML file of ")
    assert str(exc.value).endswith(
        " bytes, larger than the 1,000 bytes relgraph reads from a YAML file\n"
        f"  hint: write it as JSON Lines: -o {tmp_path / 'out' / 'd'}.jsonl"
    )
    assert size > 1000
    assert list((tmp_path / "out").iterdir()) == []
    # as JSON Lines it is written, and reads back the same
    back = import_json(tmp_path / "g.jsonl", tmp_path / "out" / "d.jsonl")
    assert back.graph().edges(keys=True) == bundled.graph().edges(keys=True)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["d.jsonl", "sources"]


def test_jsonl_import_keeps_fields_as_written(tmp_path: Path) -> None:
    """A JSON Lines dataset file is taken as written: fields the model drops stay too."""
    from relgraph.convert import convert

    yaml_text = (
        (ROOT / "graph_data" / "cuba_iran.yaml")
        .read_text(encoding="utf-8")
        .replace("dataset:\n", "dataset:\n  license: CC-BY-4.0\n", 1)
    )
    (tmp_path / "in.yaml").write_text(yaml_text, encoding="utf-8")
    shutil.copytree(ROOT / "graph_data" / "sources", tmp_path / "sources")
    convert(tmp_path / "in.yaml", tmp_path / "in.jsonl")
    (tmp_path / "out").mkdir()
    back = import_json(tmp_path / "in.jsonl", tmp_path / "out" / "d.yaml")
    assert_same_dataset(relgraph.load(tmp_path / "in.yaml"), back)
    assert "  license: CC-BY-4.0\n" in (tmp_path / "out" / "d.yaml").read_text(encoding="utf-8")


def test_json_without_texts_imports_beside_texts_already_there(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    export(bundled, "json", tmp_path / "g.json", texts=False)
    shutil.copytree(ROOT / "graph_data" / "sources", tmp_path / "out" / "sources")
    back = import_json(tmp_path / "g.json", tmp_path / "out" / "d.yaml")
    assert_same_dataset(bundled, back)


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (
            '{"nodes": [',
            "g.json",
            "{path}:1:12: error[bad-json] the file is not JSON: Expecting "
            "value\n  hint: `relgraph import json` reads what `relgraph export --to json` writes",
        ),
        (
            '{"nodes": [], "links": []}',
            "g.json",
            "{path}: error[not-relgraph-json] this is not "
            "relgraph's node-link JSON (no format 'relgraph-node-link')\n  hint: `relgraph import "
            "json` reads what `relgraph export --to json` or `--to jsonl` writes",
        ),
        (
            '{"graph": {"format": "relgraph-node-link", "format_version": 9}}',
            "g.json",
            "{path}#/graph/format: error[format-version] the file has format version 9; this "
            "relgraph reads version 1 and older\n  hint: export it again with this relgraph, or "
            "upgrade relgraph",
        ),
        (
            '{"record": "dataset", "id": "x", "title": "X"}\n{"record": "entiti", "id": "a"}\n',
            "g.jsonl",
            "{path}:2:12: error[unknown-record] 'entiti' is not a record kind\n  hint: did you "
            "mean 'entity'? records are: dataset, vocabulary, source, entity, relation, claim, "
            "view",
        ),
        (
            '{"graph": {}}\n{"graph": {}}\n',
            "g.json",
            "{path}:2:1: error[bad-json] the file is not JSON: Extra data\n  hint: a JSON Lines "
            "file is told by its name: name it FILE.jsonl (`relgraph export --to jsonl` does)",
        ),
    ],
)
def test_json_that_is_not_relgraphs_is_refused_with_a_location(
    content: str, name: str, expected: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_json(path, tmp_path / "d.yaml")
    assert _problems(exc) == [expected.format(path=path)]


def test_a_misspelt_json_field_is_an_error_not_a_silent_loss(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    data = json.loads(
        (export(bundled, "json", tmp_path / "g.json") and (tmp_path / "g.json")).read_text()
    )
    data["edges"][3]["evidence"][0]["qoute"] = data["edges"][3]["evidence"][0].pop("quote")
    (tmp_path / "g.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(relgraph.DatasetError) as exc:
        import_json(tmp_path / "g.json", tmp_path / "d.yaml")
    assert _problems(exc) == [
        f"{tmp_path / 'g.json'}#/edges/3/evidence/0/qoute: error[unknown-field] 'qoute' is not a "
        "field of an evidence record\n  hint: did you mean 'quote'? an evidence has: quote, "
        "source, attributed_to, credibility, notes, stance, amount, date, reported, origin"
    ]


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------
def test_cli_import_csv_writes_and_reports(
    sheets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o.yaml"
    code, stdout, err = run(
        capsys,
        "import",
        "csv",
        str(sheets / "entities.csv"),
        str(sheets / "relations.csv"),
        "--sources",
        str(sheets / "sources.csv"),
        "-o",
        str(out),
    )
    assert (code, stdout) == (0, "")
    assert err == (
        f"relgraph: wrote {out}: 3 entities, 2 relations, 3 evidence items, 0 claims, 1 source\n"
    )
    assert relgraph.load(out).relations[1].type == "visit"


def test_cli_import_failure_exits_1_and_writes_nothing(
    sheets: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "import",
        "csv",
        str(sheets / "entities.csv"),
        str(sheets / "relations.csv"),
        "-o",
        str(tmp_path / "o.yaml"),
    )
    assert code == 1
    assert err.endswith("relgraph: 3 errors; nothing was written\n")
    assert f"{sheets / 'relations.csv'}:2:7: error[unknown-source] 'art' is not a source" in err
    assert not (tmp_path / "o.yaml").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_cli_import_json(
    bundled: relgraph.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export(bundled, "json", tmp_path / "g.json")
    code, _, err = run(
        capsys, "import", "json", str(tmp_path / "g.json"), "-o", str(tmp_path / "d.yaml")
    )
    assert code == 0
    assert err == (
        f"relgraph: wrote {tmp_path / 'd.yaml'}: 20 entities, 31 relations, 33 evidence items, "
        "10 claims, 1 source\n"
    )


def test_cli_import_json_lines(
    bundled: relgraph.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    export(bundled, "jsonl", tmp_path / "g.jsonl")
    code, _, err = run(
        capsys, "import", "json", str(tmp_path / "g.jsonl"), "-o", str(tmp_path / "out" / "d.yaml")
    )
    assert code == 0
    assert err == (
        f"relgraph: wrote {tmp_path / 'out' / 'd.yaml'}: 20 entities, 31 relations, "
        "33 evidence items, 10 claims, 1 source\n"
    )
    assert _listing(tmp_path / "out") == ["d.yaml", "sources", "sources/cuba_iran_relations.txt"]


def test_cli_import_of_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", "json", str(tmp_path / "nope.json"), "-o", "x.yaml")
    assert code == 2
    assert f"Error: Invalid value for 'FILE': File '{tmp_path / 'nope.json'}' does not exist." in (
        err
    )


# ---------------------------------------------------------------------------
# The YAML writer
# ---------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_any_text_reads_back_exactly_from_the_yaml_written(text: str) -> None:
    doc = Document()
    doc.dataset = Item({"id": "x", "title": text}, None)
    yaml, _ = emit(doc)
    root, problems = read_yaml("t.yaml", yaml)
    assert problems == []
    assert root is not None
    title = root.get("dataset").get("title")  # type: ignore[union-attr]
    assert title is not None
    assert title.kind == "str"
    assert title.value == text


def test_tricky_source_text_is_what_it_says(tmp_path: Path) -> None:
    ds = relgraph.load(make_tricky(tmp_path))
    assert ds.sources[0].text == TRICKY_TEXT


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_what_relgraph_exports_at_scale_it_imports_again_as_json_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A large export is larger than a YAML file may be: imported as JSON Lines, it reads
    back the same. (Here at 2,000 relations, with the YAML limit scaled down to match; a
    100,000-relation export is 170 MB of JSON, see the README.)"""
    import sys

    from relgraph.imports import commit

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_dataset

    write_dataset(2_000, tmp_path / "data")
    original = relgraph.load(tmp_path / "data" / "dataset.jsonl")
    exported = tmp_path / ("g.json" if fmt == "json" else "sheets")
    export(original, fmt, exported)
    size = sum(p.stat().st_size for p in [exported, *exported.rglob("*")] if p.is_file())
    monkeypatch.setattr(commit, "MAX_FILE_BYTES", size // 4)
    (tmp_path / "back").mkdir()

    def again(output: Path) -> relgraph.Dataset:
        if fmt == "json":
            return import_json(exported, output)
        return import_csv(
            exported / "entities.csv",
            exported / "relations.csv",
            output,
            sources=exported / "sources.csv",
            claims=exported / "claims.csv",
            meta=exported / "meta.yaml",
        )

    with pytest.raises(relgraph.UsageError, match=r"write it as JSON Lines: -o .*d\.jsonl"):
        again(tmp_path / "back" / "d.yaml")
    back = again(tmp_path / "back" / "d.jsonl")
    assert back.graph().edges(keys=True) == original.graph().edges(keys=True)
    assert [[e.quote for e in r.evidence] for r in back.relations] == [
        [e.quote for e in r.evidence] for r in original.relations
    ]


# ---------------------------------------------------------------------------
# import csv FOLDER: the folder export --to csv wrote, in one argument
# ---------------------------------------------------------------------------
def test_import_csv_of_the_export_folder_gives_the_dataset_back(
    bundled: relgraph.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "export", "--to", "csv", "-o", str(tmp_path / "out"))
    assert code == 0, err
    (tmp_path / "new").mkdir()
    target = tmp_path / "new" / "copy.yaml"
    code, _, err = run(capsys, "import", "csv", str(tmp_path / "out"), "-o", str(target))
    assert code == 0, err
    assert err == (
        f"relgraph: wrote {target}: 20 entities, 31 relations, 33 evidence items, 10 claims, "
        "1 source\n"
    )
    assert_same_dataset(bundled, relgraph.load(target))  # sources, claims and meta found too


def test_import_csv_of_a_folder_without_claims_or_meta_takes_what_is_there(
    bundled: relgraph.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export(bundled, "csv", tmp_path / "out")
    (tmp_path / "out" / "claims.csv").unlink()
    (tmp_path / "out" / "meta.yaml").unlink()
    target = tmp_path / "copy.yaml"
    code, _, err = run(capsys, "import", "csv", str(tmp_path / "out"), "-o", str(target))
    assert code == 0, err
    back = relgraph.load(target)
    assert (len(back.relations), len(back.claims), back.id) == (31, 0, "copy")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["out", "out/relations.csv"],
            "relgraph: error: 'out' is a folder, so it stands for every file of the export: "
            "'out/relations.csv' cannot be given beside it\n"
            "  hint: relgraph import csv out -o DATASET.yaml, or name the two files\n",
        ),
        (
            ["out/entities.csv"],
            "relgraph: error: import csv needs the relations file after the entities file\n"
            "  hint: relgraph import csv ENTITIES.csv RELATIONS.csv -o DATASET.yaml, or the "
            "folder relgraph export --to csv wrote: relgraph import csv FOLDER -o DATASET.yaml\n",
        ),
        (
            ["out/sources"],
            "relgraph: error: the folder 'out/sources' has no entities.csv, so it is not what "
            "relgraph export --to csv writes\n"
            "  hint: name the files: relgraph import csv ENTITIES.csv RELATIONS.csv "
            "-o DATASET.yaml\n",
        ),
    ],
)
def test_import_csv_explains_a_folder_or_a_file_it_cannot_take(
    bundled: relgraph.Dataset,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    export(bundled, "csv", tmp_path / "out")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "import", "csv", *args, "-o", "copy.yaml")
    assert (code, out, err) == (2, "", message)
    assert not (tmp_path / "copy.yaml").exists()
