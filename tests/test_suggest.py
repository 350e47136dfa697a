"""`relgraph suggest`: actors and relations proposed from one stored source, for review."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import relgraph
from relgraph.errors import DatasetError
from relgraph.model import Entity
from relgraph.suggest import suggest, suggest_source
from support import BASE_YAML, SOURCE_TEXT, run, sha256_of

ROOT = Path(__file__).resolve().parents[1]
HAVANA = ROOT / "graph_data" / "raisi_havana_2023.yaml"

STATES = [
    Entity("iran", "Iran", "state", country="IR"),
    Entity("cuba", "Cuba", "state", country="CU"),
    Entity("united-states", "United States", "state", aliases=("US", "AS"), country="US"),
    Entity("raisi", "Ebrahim Raisi", "official", aliases=("Raisi",)),
]


def _demo(tmp_path: Path, text: str = SOURCE_TEXT, yaml_text: str = BASE_YAML) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "demo.yaml"
    path.write_text(yaml_text.format(sha=sha256_of(text)), encoding="utf-8")
    return path


def _one(text: str, **kw: object) -> list[tuple[str, str, str]]:
    found = suggest(text, "a", entities=STATES, **kw)  # type: ignore[arg-type]
    return [(r.source, r.type, r.target) for r in found.relations]


def test_known_names_are_found_with_accents_and_case_folded() -> None:
    found = suggest(
        "MIGUEL DIAZ-CANEL met Ebrahim Raisi.",
        "a",
        entities=[*STATES, Entity("dc", "Miguel Díaz-Canel", "official")],
        countries=False,
    )
    assert [(a.id, [m.text for m in a.mentions]) for a in found.actors] == [
        ("dc", ["MIGUEL DIAZ-CANEL"]),
        ("raisi", ["Ebrahim Raisi"]),
    ]
    assert [(r.source, r.type, r.target) for r in found.relations] == [("dc", "meeting", "raisi")]


def test_capitals_and_demonyms_find_the_dataset_state_or_propose_one() -> None:
    found = suggest(
        "Cuban and Venezuelan officials signed two accords in Tehran.", "a", entities=STATES
    )
    assert [(a.id, a.known, a.how, a.mentions[0].text) for a in found.actors] == [
        ("cuba", True, "name", "Cuban"),
        ("venezuela", False, "demonym", "Venezuelan"),
        ("iran", True, "name", "Tehran"),
    ]
    assert (found.actors[1].kind, found.actors[1].country) == ("state", "VE")
    # "Latin American" is a region's adjective, and "as" is not the alias AS
    assert _one("Raisi arrived as planned on a Latin American tour of Cuba.") == [
        ("raisi", "visit", "cuba")
    ]


def test_titles_and_capitalised_names_are_new_candidates() -> None:
    found = suggest(
        "Foreign Minister Ali Bagheri met Cuban envoy Juan Perez Soto.", "a", entities=STATES
    )
    new = [(a.id, a.name, a.kind, a.known) for a in found.actors if not a.known]
    assert new == [
        ("ali-bagheri", "Ali Bagheri", "official", False),
        ("juan-perez-soto", "Juan Perez Soto", "person", False),
    ]


def test_a_state_before_a_title_and_a_name_proposes_the_office() -> None:
    assert _one("Iranian President Ebrahim Raisi visited Cuba.") == [
        ("raisi", "holds_office", "iran"),
        ("raisi", "visit", "cuba"),
    ]


def test_direction_follows_the_sentence_and_the_passive_voice() -> None:
    assert _one("Cuba was visited by Raisi.") == [("raisi", "visit", "cuba")]
    assert _one("The United States criticised Iran.") == [("united-states", "criticism", "iran")]
    assert _one("Iran was criticised by the United States.") == [
        ("united-states", "criticism", "iran")
    ]


def test_subjects_joined_by_and_are_paired_but_a_later_clause_is_not() -> None:
    # the presidents "looking on" are in another clause: not parties to the accords
    found = suggest(
        "Cuban and Iranian officials signed six accords as Presidents Raisi and X Y looked on.",
        "a",
        entities=STATES,
    )
    assert [(r.source, r.type, r.target) for r in found.relations] == [
        ("cuba", "agreement", "iran")
    ]


def test_status_attribution_date_and_amounts_come_from_the_sentence() -> None:
    found = suggest(
        "According to the data, Cuba reportedly signed over 20 agreements with Iran "
        "on 15 June 2023.",
        "a",
        entities=STATES,
        published="2023-06-16",
    )
    (rel,) = found.relations
    assert (rel.status, rel.attributed_to, str(rel.date), rel.reported) == (
        "alleged",
        "the data",
        "2023-06-15",
        None,
    )
    assert [str(a) for a in rel.amounts] == ["at least 20 agreement"]
    said = suggest(
        "Iran and Cuba signed six accords, Raisi said.",
        "a",
        entities=STATES,
        published="2023-06-16",
    )
    (rel,) = [r for r in said.relations if r.type == "agreement"]
    assert (rel.attributed_to, rel.date, str(rel.reported)) == ("raisi", None, "2023-06-16")
    assert [(a.value, a.unit, a.note) for a in rel.amounts] == [(6, "agreement", "six accords")]
    denied = suggest("Cuba denied that it hosts a base of Iran.", "a", entities=STATES)
    assert [r.status for r in denied.relations] == ["denied"]


def test_every_quote_is_a_verbatim_sentence_of_the_source() -> None:
    found = suggest_source("efe-2023-06-16", HAVANA)
    text = (HAVANA.parent / "sources/raisi_havana_2023/efe_2023-06-16.txt").read_text("utf-8")
    assert found.relations
    for rel in found.relations:
        assert " ".join(text[rel.start : rel.end].split()) == rel.quote


def test_the_draft_validates_beside_the_dataset_with_every_record_proposed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(HAVANA.parent, tmp_path / "d")
    dataset = tmp_path / "d" / "raisi_havana_2023.yaml"
    draft = tmp_path / "d" / "draft.yaml"
    code, out, err = run(
        capsys, "suggest", "efe-2023-06-16", "--dataset", str(dataset), "-o", str(draft)
    )
    assert (code, out) == (0, "")
    assert err.startswith("relgraph: ")
    assert f"; draft written to {draft}" in err
    data = yaml.safe_load(draft.read_text("utf-8"))
    records = data["sources"] + data["entities"] + data["relations"]
    assert {r["review"] for r in records} == {"proposed"}
    assert data["sources"][0]["text"] == "sources/raisi_havana_2023/efe_2023-06-16.txt"
    loaded = relgraph.load(draft)
    assert len(loaded.relations) == len(data["relations"])
    warned = [w for w in loaded.warnings if w.code == "proposed"]
    assert len(warned) == len(records)
    code, out, err = run(capsys, "validate", str(draft))
    assert code == 0
    assert "warning[proposed] this relation is still proposed for review" in out + err
    assert (
        "hint: check it against its source; then delete the 'review:' line or write "
        "'review: accepted' and run `relgraph accept`" in out + err
    )


def test_a_draft_outside_the_texts_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    dataset = _demo(tmp_path / "a")
    (tmp_path / "b").mkdir()
    code, _, err = run(
        capsys, "suggest", "art", "--dataset", str(dataset), "-o", str(tmp_path / "b" / "d.yaml")
    )
    assert code == 2
    assert "the draft must be written in a folder that holds the source's text" in err
    assert not (tmp_path / "b" / "d.yaml").exists()


def test_a_printed_draft_names_the_text_as_the_dataset_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dataset = _demo(tmp_path)
    code, out, err = run(capsys, "suggest", "art", "--dataset", str(dataset))
    assert code == 0
    data = yaml.safe_load(out)
    assert data["sources"][0]["text"] == "sources/art.txt"
    assert [(r["source"], r["type"], r["target"], r["status"]) for r in data["relations"]] == [
        ("iran", "agreement", "cuba", "reported"),
        ("cuba", "intelligence_sharing", "hamas", "alleged"),
    ]
    assert data["relations"][0]["date"] == "2006-01"
    assert err == ("relgraph: 3 actors (3 known, 0 new), 2 relations proposed from 'art'\n")


def test_a_dataset_vocabulary_adds_cue_words(tmp_path: Path) -> None:
    extra = BASE_YAML + ("vocabulary:\n  relation_types:\n    - {{id: visit, cues: [toured]}}\n")
    dataset = _demo(
        tmp_path,
        "Iran toured Cuba.\n",
        extra.replace(
            "Iran and Cuba signed an agreement in Havana in January 2006.", "Iran toured Cuba."
        ),
    )
    loaded = relgraph.load(dataset)
    assert loaded.vocabulary.relation_types["visit"].cues[-1] == "toured"
    found = suggest_source("art", dataset, countries=False)
    assert [(r.source, r.type, r.target) for r in found.relations] == [("iran", "visit", "cuba")]


def test_a_bad_cue_word_is_located(tmp_path: Path) -> None:
    bad = BASE_YAML + "vocabulary:\n  relation_types:\n    - {{id: visit, cues: [visit, '42']}}\n"
    dataset = _demo(tmp_path, yaml_text=bad)
    with pytest.raises(DatasetError) as info:
        relgraph.load(dataset)
    assert str(info.value.diagnostics[0]).splitlines() == [
        f"{dataset}:{bad.count(chr(10))}:33: error[bad-cue] '42' is not a cue word",
        "  hint: write words or short phrases in letters, e.g. [signed, accord, agreement]",
    ]


def test_havana_reports_recall_with_the_havana_actors() -> None:
    """The bar of the suggester: most gold actor pairs, and half with their type."""
    gold = relgraph.load(HAVANA)
    pairs = {frozenset((r.source, r.target)) for r in gold.relations}
    typed = {(frozenset((r.source, r.target)), r.type) for r in gold.relations}
    got_pairs: set[frozenset[str]] = set()
    got_typed: set[tuple[frozenset[str], str]] = set()
    for source in gold.sources:
        for rel in suggest_source(source.id, HAVANA).relations:
            got_pairs.add(frozenset((rel.source, rel.target)))
            got_typed.add((frozenset((rel.source, rel.target)), rel.type))
    assert len(pairs & got_pairs) / len(pairs) >= 0.70
    assert len(typed & got_typed) / len(typed) >= 0.50
