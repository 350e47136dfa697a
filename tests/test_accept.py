"""`relgraph accept`: reviewed records move from a draft into the dataset, nothing else changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import relgraph
from relgraph.load.yaml import read_yaml
from relgraph.yamledit import add_records, remove_records
from support import run

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted(p.name for p in (ROOT / "graph_data").glob("*.yaml") if "judgements" not in p.name)

OFFICE = "ebrahim-raisi-holds_office-iran"
OFFICE2 = "miguel-diaz-canel-holds_office-cuba"


@pytest.fixture(scope="module")
def draft_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The draft `relgraph suggest` writes for EFE's Havana report (made once: it takes time)."""
    from relgraph.suggest import draft_yaml, suggest_source

    folder = tmp_path_factory.mktemp("draft")
    shutil.copytree(ROOT / "graph_data", folder, dirs_exist_ok=True)
    dataset = folder / "raisi_havana_2023.yaml"
    return draft_yaml(suggest_source("efe-2023-06-16", dataset), folder / "draft.yaml")


def _setup(tmp_path: Path, draft_text: str) -> tuple[Path, Path]:
    shutil.copytree(ROOT / "graph_data", tmp_path, dirs_exist_ok=True)
    draft = tmp_path / "draft.yaml"
    draft.write_text(draft_text, encoding="utf-8")
    return draft, tmp_path / "raisi_havana_2023.yaml"


def _mark(text: str, ident: str, mark: str = "accepted") -> str:
    """The draft text with record ``ident``'s review mark changed."""
    start = text.index(f"- id: {ident}\n")
    at = text.index("review: proposed", start)
    return text[:at] + f"review: {mark}" + text[at + len("review: proposed") :]


def _cut(old: bytes, new: bytes) -> tuple[bytes, int]:
    """The whole lines ``new`` has beyond ``old`` and where they start, ``new`` being ``old``
    with one block of lines put in."""
    start = 0
    while start < len(old) and old[start] == new[start]:
        start += 1
    start = old.rfind(b"\n", 0, start) + 1
    added = len(new) - len(old)
    assert new[:start] + new[start + added :] == old
    return new[start : start + added], start


def test_accepted_records_move_into_the_dataset_and_leave_the_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft_text: str
) -> None:
    draft, dataset = _setup(tmp_path, draft_text)
    draft.write_text(_mark(_mark(draft_text, OFFICE), OFFICE2), encoding="utf-8")
    before = dataset.read_bytes()
    code, out, err = run(capsys, "accept", str(draft), "--into", str(dataset))
    assert code == 0, err
    assert out == ""
    assert err.splitlines() == [
        f"accepted into {dataset}: 2 relations ({OFFICE2}, {OFFICE})",
        f"{draft} still holds 49 proposed records",
    ]
    # every byte of the dataset outside the new records is as it was
    block, at = _cut(before, dataset.read_bytes())
    assert before[:at].endswith(b"review its sources\n") or at > 0
    added = yaml.safe_load(block.decode("utf-8"))
    assert [r["id"] for r in added] == [OFFICE2, OFFICE]
    assert {r["review"] for r in added} == {"accepted"}
    assert block.decode("utf-8").startswith(f"  - id: {OFFICE2}\n    source: miguel-diaz-canel\n")
    ds = relgraph.load(dataset)
    assert [r.id for r in ds.relations][-2:] == [OFFICE2, OFFICE]
    assert not [w for w in ds.warnings if w.code == "proposed"]
    # they left the draft, which still validates; the actors the rest needs stay
    left = yaml.safe_load(draft.read_text(encoding="utf-8"))
    ids = [r["id"] for r in left["relations"]]
    assert OFFICE not in ids
    assert OFFICE2 not in ids
    assert len(ids) == 39
    assert relgraph.load(draft).relations
    # a second run has nothing left to accept
    code, _, err = run(capsys, "accept", str(draft), "--into", str(dataset))
    assert code == 1
    assert err.splitlines() == [
        f"{draft}: error[nothing-accepted] every record of the draft is still marked "
        "'review: proposed'",
        "  hint: mark the records you checked 'review: accepted' (or delete their 'review:' "
        "line), or name their ids",
    ]


def test_accept_format_json_says_what_moved_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft_text: str
) -> None:
    import json

    draft, dataset = _setup(tmp_path, draft_text)
    code, out, err = run(
        capsys, "accept", str(draft), OFFICE, "--into", str(dataset), "--format", "json"
    )
    assert code == 0, err
    assert err == ""
    assert json.loads(out) == {
        "dataset_file": str(dataset),
        "draft_file": str(draft),
        "added": {"relations": [OFFICE]},
        "kept": {},
        "remaining": 50,
    }


def test_ids_name_the_records_to_accept_and_a_wrong_one_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft_text: str
) -> None:
    draft, dataset = _setup(tmp_path, draft_text)
    before = dataset.read_bytes(), draft.read_bytes()
    code, _, err = run(
        capsys, "accept", str(draft), OFFICE, "ebrahim-raisi-holds_office-ira", "nowhere",
        "--into", str(dataset),
    )  # fmt: skip
    assert code == 1
    assert err.splitlines() == [
        f"{draft}: error[unknown-id] the draft has no record 'ebrahim-raisi-holds_office-ira'",
        f"  hint: did you mean '{OFFICE}'? name the id of a source, entity, relation or claim "
        "of the draft",
        f"{draft}: error[unknown-id] the draft has no record 'nowhere'",
        "  hint: name the id of a source, entity, relation or claim of the draft",
    ]
    assert (dataset.read_bytes(), draft.read_bytes()) == before
    code, _, err = run(capsys, "accept", str(draft), OFFICE, "--into", str(dataset))
    assert code == 0, err
    assert relgraph.load(dataset).relations[-1].id == OFFICE


def test_a_quote_edited_out_of_its_source_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft_text: str
) -> None:
    draft, dataset = _setup(tmp_path, draft_text)
    text = _mark(draft_text, OFFICE).replace(
        "  - quote: Cuban President Miguel Diaz-Canel (R)", "  - quote: Cuban Premier Miguel (R)", 1
    )
    draft.write_text(text, encoding="utf-8")
    before = dataset.read_bytes(), draft.read_bytes()
    code, _, err = run(capsys, "accept", str(draft), "--into", str(dataset))
    assert code == 1
    line = text[: text.index("  - quote: Cuban Premier")].count("\n") + 1
    assert err.startswith(f"{draft}:{line}:12: error[quote-not-found] ")
    assert (dataset.read_bytes(), draft.read_bytes()) == before


def test_a_relation_needing_an_actor_still_proposed_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft_text: str
) -> None:
    draft, dataset = _setup(tmp_path, draft_text)
    # a new actor, still proposed, that the relation now names
    new = "zz-president"
    text = draft_text.replace(
        "relations:\n",
        f"- id: {new}\n  name: A President\n  kind: official\n  review: proposed\nrelations:\n",
    )
    text = text.replace(
        f"- id: {OFFICE}\n  source: ebrahim-raisi\n", f"- id: {OFFICE}\n  source: {new}\n"
    )
    rel = {"id": OFFICE}
    draft.write_text(_mark(text, OFFICE), encoding="utf-8")
    draft_text = text
    before = dataset.read_bytes()
    code, _, err = run(capsys, "accept", str(draft), "--into", str(dataset))
    assert code == 1
    line = draft_text.index(f"- id: {rel['id']}\n")
    assert err.splitlines() == [
        f"{draft}:{draft_text[:line].count(chr(10)) + 1}:3: error[not-accepted] this relation "
        f"needs the entity '{new}', which is still proposed",
        f"  hint: check the entity '{new}' too and mark it 'review: accepted' (or name its id)",
    ]
    assert dataset.read_bytes() == before
    # accepted together, both land; the entity the dataset lacked comes first
    code, _, err = run(capsys, "accept", str(draft), rel["id"], new, "--into", str(dataset))
    assert code == 0, err
    assert new in _ids(dataset, "entities")


def _ids(dataset: Path, section: str) -> list[str]:
    return [r["id"] for r in yaml.safe_load(dataset.read_text(encoding="utf-8"))[section]]


def test_a_relation_the_dataset_has_already_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft_text: str
) -> None:
    draft, dataset = _setup(tmp_path, draft_text)
    text = _mark(draft_text, OFFICE).replace(
        f"- id: {OFFICE}\n", "- id: raisi-visit-cuba-2023-06\n"
    )
    draft.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "accept", str(draft), "--into", str(dataset))
    assert code == 1
    line = text[: text.index("- id: raisi-visit-cuba-2023-06\n")].count("\n") + 1
    assert err.splitlines() == [
        f"{draft}:{line}:3: error[already-in-dataset] the dataset already has a relation "
        "'raisi-visit-cuba-2023-06'",
        "  hint: give this relation another id, or delete it from the draft",
    ]


def test_an_error_only_the_combined_dataset_has_is_located_in_the_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], draft_text: str
) -> None:
    draft, dataset = _setup(tmp_path, draft_text)
    # the draft's own vocabulary gains a type the dataset's does not know
    text = _mark(draft_text, OFFICE).replace(
        "  relation_types:\n",
        "  relation_types:\n  - {id: toured, category: diplomatic, label: toured, directed: true,"
        " sign: cooperative, source_kinds: [official], target_kinds: [state],"
        " inverse_label: was toured by, description: A tour.}\n",
        1,
    )
    head = f"- id: {OFFICE}\n  source: ebrahim-raisi\n  target: iran\n  type: "
    text = text.replace(head + "holds_office", head + "toured")
    draft.write_text(text, encoding="utf-8")
    assert relgraph.load(draft)
    before = dataset.read_bytes()
    code, _, err = run(capsys, "accept", str(draft), "--into", str(dataset))
    assert code == 1
    line = text[: text.index(f"- id: {OFFICE}\n")].count("\n") + 1
    first = err.splitlines()[0]
    assert first.startswith(
        f"{draft}:{line}:3: error[unknown-type] 'toured' is not a relation type"
    )
    assert first.endswith(f"(in {dataset}, once accepted)")
    assert dataset.read_bytes() == before


@pytest.mark.parametrize("name", BUNDLED)
def test_the_writer_keeps_every_byte_of_a_bundled_dataset_outside_the_new_records(
    name: str,
) -> None:
    import difflib

    path = str(ROOT / "graph_data" / name)
    old = (ROOT / "graph_data" / name).read_text(encoding="utf-8")
    records = {
        "sources": [{"id": "zz-s", "title": "A: new “one”", "reliability": "F"}],
        "entities": [{"id": "zz-e", "name": "Zz", "kind": "state", "aliases": ["Z", "yes"]}],
        "relations": [
            {
                "id": "zz-r",
                "source": "zz-e",
                "target": "zz-e",
                "type": "visit",
                "date": "2023-06",
                "evidence": [{"quote": "it said: #1", "source": "zz-s", "amount": {"value": 6}}],
            }
        ],
        "claims": [{"id": "zz-c", "entity": "zz-e", "statement": "is new\nand 'odd'"}],
    }
    new = add_records(old, path, records)
    # the old lines all stay, in order, and each section gained one block of lines
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert {tag for tag, *_ in ops} <= {"equal", "insert"}
    assert "".join("".join(b[j1:j2]) for tag, _, _, j1, j2 in ops if tag == "equal") == old
    assert sum(tag == "insert" for tag, *_ in ops) == 4
    # the new records are their sections' last, read back exactly as given
    root, _ = read_yaml(path, new)
    assert root is not None
    for section, recs in records.items():
        seq = root.get(section)
        assert seq is not None
        assert seq.value[-1].plain() == _as_text(recs[0])
    # and taking them out again gives the file back, byte for byte
    had_all = all(f"\n{s}:" in "\n" + old for s in records)
    back = remove_records(new, path, {s: {f"zz-{s[0]}"} for s in records})
    assert back == old or not had_all


def _as_text(value: object) -> object:
    """A record as relgraph's reader gives it back: every scalar as the text written."""
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return str(value)


def test_into_a_folder_is_refused_with_the_files_to_name(
    tmp_path: Path, draft_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder's sections may lie in several files: the file named says where records go."""
    folder = tmp_path / "mine"
    folder.mkdir()
    draft, dataset = _setup(folder, draft_text)
    before = dataset.read_bytes(), draft.read_bytes()
    (folder / "draft.yaml").rename(tmp_path / "draft.yaml")
    draft = tmp_path / "draft.yaml"
    for name in ("cuba_iran.yaml", "cuba_iran_havana.yaml", "cuba_iran_havana.judgements.yaml"):
        (folder / name).unlink()
    draft.write_text(_mark(draft_text, OFFICE), encoding="utf-8")
    code, out, err = run(capsys, "accept", str(draft), "--into", str(folder))
    assert (code, out) == (2, "")
    assert err == (
        f"relgraph: error: --into names a folder ({folder}); accept adds to one dataset file\n"
        "  hint: name the file the records go into, the one with their sections "
        f"(relations:, entities:…): {dataset}\n"
    ), err
    assert dataset.read_bytes() == before[0]
