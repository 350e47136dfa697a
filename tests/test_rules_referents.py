"""The load rules of old ids (``referents``), views, derivations and the files' sections.

A merge keeps the ids it folded into an entity, a relation or a claim as the
record's ``referents``; a view may name an actor or a relation by such an old
id. Each test loads its own small dataset, written in ``tmp_path`` (YAML is read
by the load rules themselves, record by record), and states what a user sees:
the records and their values, or each problem exactly as ``relgraph validate``
prints it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import relgraph
from support import SOURCE_TEXT, run, sha256_of

BASE = """\
dataset:
  id: refs
  title: Referents
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
    referents: [persia]
  - id: cuba
    name: Cuba
    kind: state
  - id: hamas
    name: Hamas
    kind: group
relations:
  - id: accord
    source: iran
    target: cuba
    type: agreement
    date: 2006-01
    status: reported
    referents: [old-accord]
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: art
  - id: ties
    source: iran
    target: cuba
    type: friendly_relations
    status: reported
    evidence:
      - quote: Officials said the ties were
        source: art
claims:
  - id: intel
    entity: cuba
    statement: Cuba provides intelligence to Hamas.
    status: alleged
    referents: [old-intel]
    evidence:
      - quote: The data alleges that Cuba provides intelligence to Hamas.
        source: art
"""


def dataset(tmp_path: Path, *changes: tuple[str, str], text: str = BASE) -> Path:
    """``text`` (the dataset above) with each ``(old, new)`` made once, beside its source."""
    text = text.replace("{sha}", sha256_of(SOURCE_TEXT))
    for old, new in changes:
        if old not in text:
            raise ValueError(f"not in the dataset: {old!r}")
        text = text.replace(old, new, 1)
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def printed(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    """What ``relgraph validate`` prints of a dataset that does not load: each problem and hint."""
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (1, "")
    lines = err.replace(f"{path}:", "{path}:").splitlines()
    # each problem is two lines, the message and its hint; the summary last
    return [f"{a}\n{b}" for a, b in zip(lines[:-1:2], lines[1:-1:2], strict=True)]


# -- old ids that load ---------------------------------------------------------------


def test_the_old_ids_of_an_entity_a_relation_and_a_claim_load_as_their_referents(
    tmp_path: Path,
) -> None:
    ds = relgraph.load(
        dataset(
            tmp_path,
            ("    referents: [persia]\n", "    referents: [persia, iran-islamic-republic]\n"),
        )
    )
    assert ds.warnings == ()
    assert [(e.id, e.referents) for e in ds.entities] == [
        ("iran", ("persia", "iran-islamic-republic")),
        ("cuba", ()),
        ("hamas", ()),
    ]
    assert [(r.id, r.referents) for r in ds.relations] == [
        ("accord", ("old-accord",)),
        ("ties", ()),
    ]
    assert [(c.id, c.referents) for c in ds.claims] == [("intel", ("old-intel",))]


def test_a_view_names_relations_by_old_and_current_ids_and_keeps_its_hidden_categories(
    tmp_path: Path,
) -> None:
    views = (
        "views:\n  - id: v\n    title: V\n    actors: [persia, cuba]\n"
        "    relations: [old-accord, ties]\n    hide_categories: [economic, diplomatic]\n"
    )
    ds = relgraph.load(dataset(tmp_path, text=BASE + views))
    (view,) = ds.views
    # every relation listed is kept, the one named by its old id under its current id
    assert (view.actors, view.relations, view.hide_categories) == (
        ("iran", "cuba"),
        ("accord", "ties"),
        ("economic", "diplomatic"),
    )


def test_json_lines_records_with_old_ids_load_through_the_same_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # records with referents leave the JSON Lines fast path for the rules, which load them
    # as a YAML file's, and report their problems at the record's line
    from relgraph.convert import convert

    lines = tmp_path / "d.jsonl"
    convert(str(dataset(tmp_path)), str(lines))
    ds = relgraph.load(lines)
    assert (ds.warnings, [e.referents for e in ds.entities]) == ((), [("persia",), (), ()])
    assert [r.referents for r in ds.relations] == [("old-accord",), ()]
    assert [c.referents for c in ds.claims] == [("old-intel",)]
    text = lines.read_text(encoding="utf-8")
    for old, new in (
        ('"referents":["persia"]', '"referents":["persia","iran"]'),
        ('"id":"ties","source":"iran"', '"id":"ties","source":"persia"'),
    ):
        text = text.replace(old, new, 1)
    lines.write_text(text, encoding="utf-8")
    assert printed(capsys, lines) == [
        "{path}:3:83: error[bad-referent] 'iran' is the entity's own id, not an old id of it\n"
        "  hint: list under 'referents:' only the ids merged into this entity",
        "{path}:7:43: error[old-id] 'persia' is an old id of 'iran', which it was merged into\n"
        "  hint: write 'iran'",
    ]


# -- referents that are not ids ------------------------------------------------------


def test_each_referent_that_is_no_id_is_reported_with_what_to_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = dataset(
        tmp_path,
        ("    referents: [persia]\n", "    referents: [persia, 7, Not An Id, [x], Old Iran]\n"),
        ("    referents: [old-accord]\n", "    referents: [Old Accord, 2006, old-accord]\n"),
        ("    referents: [old-intel]\n", "    referents: [yes, The Old Claim]\n"),
    )
    assert printed(capsys, path) == [
        "{path}:14:25: error[wrong-type] 'referents' of an entity must be a list of ids, "
        "not a number (7)\n"
        "  hint: write referents: [an-old-id]",
        "{path}:14:28: error[bad-id] 'Not An Id' in 'referents' is not an id\n"
        "  hint: write the old ids that were merged into this entity, as they were written",
        "{path}:14:39: error[wrong-type] 'referents' of an entity must be a list of ids, "
        "not a list\n"
        "  hint: write referents: [an-old-id]",
        "{path}:14:44: error[bad-id] 'Old Iran' in 'referents' is not an id\n"
        "  hint: write the old ids that were merged into this entity, as they were written",
        "{path}:28:17: error[bad-id] 'Old Accord' in 'referents' is not an id\n"
        "  hint: write the old ids that were merged into this relation, as they were written",
        "{path}:28:29: error[wrong-type] 'referents' of a relation must be a list of ids, "
        "not a number (2006)\n"
        "  hint: write referents: [an-old-id]",
        "{path}:45:17: error[wrong-type] 'referents' of a claim must be a list of ids, "
        "not a yes/no value (yes)\n"
        "  hint: write referents: [an-old-id]",
        "{path}:45:22: error[bad-id] 'The Old Claim' in 'referents' is not an id\n"
        "  hint: write the old ids that were merged into this claim, as they were written",
    ]


# -- a record's own id, and an old id listed twice ----------------------------------


def test_a_record_s_own_id_and_an_old_id_listed_twice_are_each_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = dataset(
        tmp_path,
        ("    referents: [persia]\n", "    referents: [persia, iran, persia, iran]\n"),
        (
            "    kind: state\n  - id: hamas",
            "    kind: state\n    referents: [persia]\n  - id: hamas",
        ),
        (
            "    referents: [old-accord]\n",
            "    referents: [old-accord, accord, old-accord, accord]\n",
        ),
        ("    referents: [old-intel]\n", "    referents: [intel, old-intel, old-intel]\n"),
    )
    assert printed(capsys, path) == [
        "{path}:14:25: error[bad-referent] 'iran' is the entity's own id, not an old id of it\n"
        "  hint: list under 'referents:' only the ids merged into this entity",
        "{path}:14:31: error[duplicate-referent] the old id 'persia' is already a referent of "
        "'iran' at {path}:14\n"
        "  hint: an old id was merged into one entity: keep it in one 'referents:' list",
        "{path}:14:39: error[bad-referent] 'iran' is the entity's own id, not an old id of it\n"
        "  hint: list under 'referents:' only the ids merged into this entity",
        "{path}:18:17: error[duplicate-referent] the old id 'persia' is already a referent of "
        "'iran' at {path}:14\n"
        "  hint: an old id was merged into one entity: keep it in one 'referents:' list",
        "{path}:29:29: error[bad-referent] 'accord' is the relation's own id, not an old id "
        "of it\n"
        "  hint: list under 'referents:' only the ids merged into this relation",
        "{path}:29:37: error[duplicate-referent] the old id 'old-accord' is already a "
        "referent of 'accord' at {path}:29\n"
        "  hint: an old id was merged into one relation: keep it in one 'referents:' list",
        "{path}:29:49: error[bad-referent] 'accord' is the relation's own id, not an old id "
        "of it\n"
        "  hint: list under 'referents:' only the ids merged into this relation",
        "{path}:46:17: error[bad-referent] 'intel' is the claim's own id, not an old id of it\n"
        "  hint: list under 'referents:' only the ids merged into this claim",
        "{path}:46:35: error[duplicate-referent] the old id 'old-intel' is already a "
        "referent of 'intel' at {path}:46\n"
        "  hint: an old id was merged into one claim: keep it in one 'referents:' list",
    ]


# -- an old id that is the id of another record -------------------------------------


def test_an_old_id_that_is_the_id_of_another_entity_is_reported_even_if_that_one_is_broken(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = dataset(
        tmp_path,
        ("    referents: [persia]\n", "    referents: [persia, cuba, hamas]\n"),
        ("    kind: group\n", "    kind: militia\n"),
    )
    assert printed(capsys, path) == [
        "{path}:14:25: error[bad-referent] 'cuba' is a referent of 'iran' but also the id of "
        "an entity\n"
        "  hint: an old id names one actor: remove it from the referents of 'iran', or merge "
        "the two entities",
        # hamas is declared with a kind that is none: it is an entity's id all the same
        "{path}:14:31: error[bad-referent] 'hamas' is a referent of 'iran' but also the id of "
        "an entity\n"
        "  hint: an old id names one actor: remove it from the referents of 'iran', or merge "
        "the two entities",
        "{path}:20:11: error[unknown-kind] 'militia' is not an entity kind\n"
        "  hint: `relgraph vocab` lists the kinds",
    ]


def test_an_old_id_that_is_the_id_of_another_relation_or_claim_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    second_claim = (
        "  - id: intel-again\n    entity: cuba\n    statement: Cuba helps Hamas.\n"
        "    status: alleged\n    referents: [intel]\n    evidence:\n"
        "      - quote: Cuba provides intelligence to Hamas.\n        source: art\n"
    )
    path = dataset(
        tmp_path,
        (
            "    type: friendly_relations\n",
            "    type: friendly_relations\n    referents: [accord]\n",
        ),
        text=BASE + second_claim,
    )
    assert printed(capsys, path) == [
        "{path}:36:17: error[bad-referent] 'accord' is a referent of 'ties' but also the id "
        "of a relation\n"
        "  hint: an old id names one relation: remove it from the referents of 'ties', or "
        "merge the two",
        "{path}:54:17: error[bad-referent] 'intel' is a referent of 'intel-again' but also "
        "the id of a claim\n"
        "  hint: an old id names one claim: remove it from the referents of 'intel-again', or "
        "merge the two",
    ]


def test_a_claim_s_old_id_is_checked_when_no_relation_has_old_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = dataset(
        tmp_path,
        ("    referents: [old-accord]\n", ""),
        text=BASE + "  - id: old-intel\n    entity: cuba\n    statement: Cuba helps Hamas.\n"
        "    status: alleged\n    evidence:\n"
        "      - quote: Cuba provides intelligence to Hamas.\n        source: art\n",
    )
    assert printed(capsys, path) == [
        "{path}:44:17: error[bad-referent] 'old-intel' is a referent of 'intel' but also the "
        "id of a claim\n"
        "  hint: an old id names one claim: remove it from the referents of 'intel', or merge "
        "the two",
    ]


# -- views -------------------------------------------------------------------------


def test_a_view_naming_a_relation_that_did_not_load_is_not_blamed_for_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    views = "views:\n  - id: v\n    title: V\n    relations: [ties, accord, [x], nowhere]\n"
    path = dataset(
        tmp_path,
        (
            "    status: reported\n    evidence:\n      - quote: Off",
            "    status: rumoured\n    evidence:\n      - quote: Off",
        ),
        text=BASE + views,
    )
    # 'ties' did not load, and 'nowhere' may be one that did not either: the relation is
    # blamed where it is, the view only for what is wrong in the view itself
    assert printed(capsys, path) == [
        "{path}:36:13: error[unknown-status] 'rumoured' is not a status\n"
        "  hint: choose one of: confirmed, reported, alleged, disputed, denied",
        "{path}:52:31: error[wrong-type] 'relations' of a view must be a list of relation ids, "
        "not a list\n"
        "  hint: write relations: [an-id, another-id]",
    ]


# -- the sections of a file ----------------------------------------------------------


def test_empty_sections_are_no_sections(tmp_path: Path) -> None:
    path = dataset(
        tmp_path,
        ("claims:\n", "vocabulary:\nviews:\nclaims:\n"),
    )
    ds = relgraph.load(path)
    assert (ds.warnings, ds.views, [c.id for c in ds.claims]) == ((), (), ["intel"])


def test_a_section_that_is_no_list_does_not_hide_the_problems_of_the_next_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    no_relations = BASE[: BASE.index("relations:")] + "relations: none yet\n"
    path = dataset(
        tmp_path,
        ("    entity: cuba\n", "    entity: cubaa\n"),
        text=no_relations + BASE[BASE.index("claims:") :],
    )
    assert printed(capsys, path) == [
        "{path}:21:12: error[wrong-type] 'relations' must be a list\n"
        "  hint: write each of the relations as a '- id: …' item",
        "{path}:24:13: error[unknown-entity] 'cubaa' is not an entity of the dataset\n"
        "  hint: did you mean 'cuba'? entities are listed under 'entities:'",
    ]


def test_an_empty_file_of_a_folder_is_reported_at_no_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    dataset(tmp_path)
    (tmp_path / "more.yaml").write_text("", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path), "--format", "json")
    assert (code, err) == (1, "")
    # the empty file, and the one that is a list, do not hide each other's problem; the
    # dataset in the folder has none
    assert json.loads(out) == [
        {
            "path": str(tmp_path / "list.yaml"),
            "line": 1,
            "column": 1,
            "code": "not-a-mapping",
            "message": "a dataset file must be a mapping of sections, not a list",
            "hint": "start the file with sections such as 'dataset:' and 'entities:'",
            "severity": "error",
        },
        {
            "path": str(tmp_path / "more.yaml"),
            "line": 0,
            "column": 0,
            "code": "empty-file",
            "message": "the file is empty",
            "hint": "give it a 'dataset:' section and some entities",
            "severity": "error",
        },
    ]


# -- derivations ---------------------------------------------------------------------


def derived(tmp_path: Path, links: dict[str, list[str]]) -> Path:
    """A dataset of one source text stored under several sources, each deriving from others."""
    lines = [
        f"  - {{id: {ident}, title: {ident.upper()}, reliability: C, text: sources/art.txt, "
        f"sha256: {{sha}}" + (f", derived_from: [{', '.join(parents)}]" if parents else "") + "}"
        for ident, parents in links.items()
    ]
    sources = "sources:\n" + "\n".join(lines) + "\n"
    return dataset(tmp_path, text="dataset: {id: d, title: D}\n" + sources + "entities:\n")


def test_each_cycle_of_derivations_is_reported_once_from_its_first_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = derived(
        tmp_path,
        {
            # reached from t1 at t3, the cycle is told from t2, the first of it in the file
            "t1": ["t3"],
            "t2": ["t3"],
            "t3": ["t2"],
            # a cycle through a source's second parent
            "u1": ["u2", "u3"],
            "u2": [],
            "u3": ["u1"],
            "w": ["w"],
        },
    )
    assert printed(capsys, path) == [
        "{path}:4:153: error[derivation-cycle] the sources are derived from one another in a "
        "cycle: 't2' → 't3' → 't2'\n"
        "  hint: derived_from names the stored sources a source copies, translates or "
        "rewrites; one of them must be the original",
        "{path}:6:157: error[derivation-cycle] the sources are derived from one another in a "
        "cycle: 'u1' → 'u3' → 'u1'\n"
        "  hint: derived_from names the stored sources a source copies, translates or "
        "rewrites; one of them must be the original",
        "{path}:9:151: error[derivation-cycle] source 'w' is derived from itself\n"
        "  hint: derived_from names the stored sources a source copies, translates or "
        "rewrites; one of them must be the original",
    ]


def test_a_cycle_reached_again_by_another_way_is_reported_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # s1 -> s3 -> s1 is the cycle; s1 -> s2 -> s3 -> s1 goes through it again
    path = derived(tmp_path, {"s1": ["s3", "s2"], "s2": ["s3"], "s3": ["s1"]})
    assert printed(capsys, path) == [
        "{path}:3:153: error[derivation-cycle] the sources are derived from one another in a "
        "cycle: 's1' → 's3' → 's1'\n"
        "  hint: derived_from names the stored sources a source copies, translates or "
        "rewrites; one of them must be the original",
    ]
