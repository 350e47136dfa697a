"""Several articles, one graph: loading datasets together, matching actors, merging."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import shlex
from pathlib import Path

import networkx as nx
import pytest
import yaml

import relgraph
from relgraph import analysis
from relgraph.corroboration import independent_origins
from relgraph.errors import DatasetError, UsageError
from relgraph.filters import Filter
from relgraph.judgements import Judgement, check_judgements, judgements_yaml, read_judgements
from relgraph.matching import Ref, match
from relgraph.merging import merge, write_merged
from relgraph.rendering import page_data
from support import run, sha256_of

ARTICLE = (
    "Iranian President Ibrahim Raisi visited Cuba. "
    "Iran and Cuba signed an agreement in Havana in January 2006.\n"
)
REPORT = (
    "HAVANA, June 15 (EFE). Iranian President Ebrahim Raisi arrived in Havana on Wednesday "
    "for an official visit. Cuba and Iran signed six accords.\n"
)

FIRST = """\
dataset:
  id: first
  title: First article
  license: CC BY 4.0
sources:
  - id: article
    title: An article
    reliability: F
    text: sources/article.txt
    sha256: {article}
    notes: No date, no author.
entities:
  - id: iran
    name: Iran
    kind: state
  - id: cuba
    name: Cuba
    kind: state
  - id: ibrahim-raisi
    name: Ibrahim Raisi
    kind: official
relations:
  - id: raisi-visit-cuba
    source: ibrahim-raisi
    target: cuba
    type: visit
    status: reported
    notes: The article gives no date.
    evidence:
      - quote: Iranian President Ibrahim Raisi visited Cuba.
        source: article
  - source: iran
    target: cuba
    type: agreement
    date: 2006-01
    status: reported
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: article
"""

SECOND = """\
dataset:
  id: second
  title: Second, a report
  license: CC BY 4.0
sources:
  - id: efe
    title: A wire report
    reliability: B
    text: sources/efe.txt
    sha256: {report}
  - id: same-article
    title: The article again
    reliability: E
    text: sources/copy.txt
    sha256: {article}
entities:
  - id: iran
    name: Iran
    kind: state
  - id: cuba
    name: Cuba
    kind: state
  - id: ebrahim-raisi
    name: Ebrahim Raisi
    kind: official
relations:
  - id: raisi-visit-havana
    source: ebrahim-raisi
    target: cuba
    type: visit
    date: 2023-06
    status: reported
    evidence:
      - quote: Iranian President Ebrahim Raisi arrived in Havana on Wednesday for an official visit.
        source: efe
      - quote: Iranian President Ibrahim Raisi visited Cuba.
        source: same-article
  - source: iran
    target: cuba
    type: agreement
    date: 2006-01
    status: reported
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: same-article
"""


def _write(folder: Path, name: str, text: str, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    for rel, body in files.items():
        (folder / "sources" / rel).write_text(body, encoding="utf-8")
    path = folder / name
    path.write_text(
        text.format(article=sha256_of(ARTICLE), report=sha256_of(REPORT)), encoding="utf-8"
    )
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two datasets curated apart: one article, one report that also stores the article."""
    a = _write(tmp_path / "a", "first.yaml", FIRST, {"article.txt": ARTICLE})
    b = _write(tmp_path / "b", "second.yaml", SECOND, {"efe.txt": REPORT, "copy.txt": ARTICLE})
    return a, b


def _judged(tmp_path: Path, *items: tuple[str, str, str, str]) -> Path:
    lines = ["judgements:"]
    for kind, left, right, decision in items:
        lines += [f"  - pair: [{left}, {right}]", f"    kind: {kind}", f"    judgement: {decision}"]
    path = tmp_path / "judgements.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- loading several datasets as one -------------------------------------------


def test_load_several_joins_by_id(pair: tuple[Path, Path]) -> None:
    a, b = pair
    second = (
        b.read_text()
        .replace("ebrahim-raisi", "ibrahim-raisi")
        .replace("Ebrahim Raisi\n", "Ibrahim Raisi\n")
    )
    b.write_text(second)
    ds = relgraph.load([a, b])
    assert sorted(e.id for e in ds.entities) == ["cuba", "ibrahim-raisi", "iran"]
    assert [p.id for p in ds.parts] == ["first", "second"]
    assert [p.license for p in ds.parts] == ["CC BY 4.0", "CC BY 4.0"]
    assert ds.id == "first+second"
    assert ds.license == "CC BY 4.0"


def test_load_several_reports_a_conflicting_definition(pair: tuple[Path, Path]) -> None:
    a, b = pair
    b.write_text(b.read_text().replace("ebrahim-raisi", "ibrahim-raisi"))
    with pytest.raises(DatasetError) as info:
        relgraph.load([a, b])
    (d,) = info.value.diagnostics
    assert d.path == str(b)
    assert d.line == 23
    assert d.code == "conflicting-entity"
    assert d.message == (
        f"the entity 'ibrahim-raisi' is defined differently at {a}:19:5 "
        "(name 'Ibrahim Raisi' vs 'Ebrahim Raisi')"
    )
    assert d.hint == (
        "if they are one actor under two definitions, run `relgraph match` and "
        "`relgraph merge` with a judgement; if not, give one of them another id"
    )


def test_load_several_reports_a_relation_with_another_status(pair: tuple[Path, Path]) -> None:
    a, b = pair
    b.write_text(
        b.read_text()
        .replace("ebrahim-raisi", "ibrahim-raisi")
        .replace("name: Ebrahim", "name: Ibrahim")
        .replace("date: 2006-01\n    status: reported", "date: 2006-01\n    status: alleged")
    )
    with pytest.raises(DatasetError) as info:
        relgraph.load([a, b])
    assert [(d.line, d.code, d.message) for d in info.value.diagnostics] == [
        (
            38,
            "conflicting-relation",
            "the relation 'cuba.agreement.iran.2006-01' is defined differently at "
            f"{a}:32:5 (status 'reported' vs 'alleged')",
        )
    ]


def test_every_command_takes_several_datasets(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    code, out, err = run(capsys, "analyze", str(a), str(b), "--top", "3", "-q")
    assert code == 0
    assert "Ebrahim Raisi" in out
    assert "Ibrahim Raisi" in out
    code, out, err = run(capsys, "validate", str(a), str(b))
    assert code == 0
    assert err.startswith(f"{a} + {b}: ok")


# -- match --------------------------------------------------------------------


def test_match_proposes_the_transliterated_pair_and_no_countries(pair: tuple[Path, Path]) -> None:
    a, b = (relgraph.load(p) for p in pair)
    result = match([a, b])
    first = result.entities[0]
    assert (str(first.left), str(first.right)) == ("first:ibrahim-raisi", "second:ebrahim-raisi")
    assert "name spelled alike ('ibrahim raisi' / 'ebrahim raisi', consonants 'brhm rs')" in (
        first.reasons
    )
    assert all(c.labels[0] not in ("Iran", "Cuba") for c in result.entities)


def test_match_never_pairs_two_different_countries(pair: tuple[Path, Path]) -> None:
    a, b = (relgraph.load(p) for p in pair)
    text = pair[1].read_text().replace("name: Cuba", "name: Cubaa")
    pair[1].write_text(
        text.replace("id: cuba\n", "id: cubaa\n").replace("target: cuba", "target: cubaa")
    )
    b = relgraph.load(pair[1])
    assert not [c for c in match([a, b]).entities if "Cuba" in c.labels[0]]


def test_match_compares_only_actors_sharing_a_word(pair: tuple[Path, Path]) -> None:
    a, b = (relgraph.load(p) for p in pair)
    result = match([a, b])
    # 3 + 3 actors: iran~iran, cuba~cuba (same ids) and the Raisi pair share blocking keys;
    # no pair of two unrelated actors is compared
    assert result.compared == 3
    assert result.actors == 6


def test_match_writes_a_judgements_file_and_keeps_decisions(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    out = tmp_path / "j.yaml"
    code, stdout, _ = run(capsys, "match", str(a), str(b), "-o", str(out), "-q")
    assert code == 0
    assert "first:ibrahim-raisi (Ibrahim Raisi)  ~  second:ebrahim-raisi (Ebrahim Raisi)" in stdout
    data = yaml.safe_load(out.read_text())
    assert data["judgements"][0]["pair"] == ["first:ibrahim-raisi", "second:ebrahim-raisi"]
    assert data["judgements"][0]["judgement"] == "unsure"
    out.write_text(out.read_text().replace("judgement: unsure", "judgement: same", 1))
    code, _, _ = run(capsys, "match", str(a), str(b), "-o", str(out), "-q")
    again = yaml.safe_load(out.read_text())["judgements"]
    assert again[0]["judgement"] == "same"
    # once the actors are judged the same, their visits are proposed as one event
    assert [j["pair"] for j in again if j["kind"] == "relation"] == [
        ["first:raisi-visit-cuba", "second:raisi-visit-havana"]
    ]


# -- judgements ---------------------------------------------------------------


def test_bad_judgements_are_located(pair: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = (relgraph.load(p) for p in pair)
    path = _judged(
        tmp_path,
        ("entity", "first:ibrahim-raisi", "second:ebrahim-rasi", "same"),
        ("entity", "first:iran", "third:iran", "same"),
        ("entity", "first:cuba", "second:cuba", "same"),
        ("entity", "second:cuba", "first:cuba", "different"),
    )
    problems = check_judgements(read_judgements(path), [a, b])
    assert [str(p) for p in problems] == [
        f"{path}:2:5: error[unknown-ref] 'second:ebrahim-rasi' names no actor of the dataset "
        "second\n  hint: did you mean 'ebrahim-raisi'? check the actor's id in second",
        f"{path}:5:5: error[unknown-dataset] 'third:iran' names no dataset given "
        "(datasets: first, second)\n  hint: give that dataset to the command",
        f"{path}:11:5: error[contradicting-judgement] the pair second:cuba ~ first:cuba is "
        f"judged 'different' here but 'same' at {path}:8:5\n"
        "  hint: keep one decision for the pair",
    ]


def test_judgements_that_contradict_through_others(pair: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = (relgraph.load(p) for p in pair)
    path = _judged(
        tmp_path,
        ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"),
        ("entity", "second:ebrahim-raisi", "first:cuba", "same"),
        ("entity", "first:ibrahim-raisi", "first:cuba", "different"),
    )
    (problem,) = check_judgements(read_judgements(path), [a, b])
    assert problem.code == "contradicting-judgement"
    assert problem.line == 8
    assert problem.message == (
        "first:ibrahim-raisi and first:cuba are judged different here, but other judgements "
        "make them the same"
    )


def test_a_judgement_that_is_not_one_of_three(tmp_path: Path) -> None:
    path = _judged(tmp_path, ("entity", "a:x", "b:y", "probably"))
    with pytest.raises(DatasetError) as info:
        read_judgements(path)
    assert [str(d) for d in info.value.diagnostics] == [
        f"{path}:4:16: error[unknown-judgement] 'probably' is not a judgement\n"
        "  hint: choose one of: same, different, unsure"
    ]


def test_a_bad_judgement_is_reported_with_the_unknown_ids_of_the_others(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem of a judgements file at once: its form and its ids together."""
    a, b = pair
    path = _judged(
        tmp_path,
        ("entity", "first:ibrahim-raisi", "second:ebrahim-raisy", "same"),
        ("entity", "first:iran", "second:iran", "probably"),
    )
    out = tmp_path / "merged"
    code, _, err = run(capsys, "merge", str(a), str(b), "-j", str(path), "-o", str(out))
    assert code == 1
    assert err == (
        f"{path}:2:5: error[unknown-ref] 'second:ebrahim-raisy' names no actor of the dataset "
        "second\n"
        "  hint: did you mean 'ebrahim-raisi'? check the actor's id in second\n"
        f"{path}:7:16: error[unknown-judgement] 'probably' is not a judgement\n"
        "  hint: choose one of: same, different, unsure\n"
        f"relgraph: {path}: 2 errors; nothing was written\n"
    ), err
    assert not out.exists()


def test_judgements_yaml_reads_back() -> None:
    from relgraph.matching import Candidate

    c = Candidate("entity", Ref("a", "x"), Ref("b", "y"), 0.9, ("it's: odd",), ("X: 1", "no"))
    text = judgements_yaml([c])
    data = yaml.safe_load(text)["judgements"][0]
    assert data["reasons"] == ["it's: odd"]
    assert data["labels"] == ["X: 1", "no"]


# -- merge --------------------------------------------------------------------


def test_merge_joins_judged_actors_and_stores_a_text_once(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    text = pair[1].read_text()
    pair[1].write_text(
        text.replace("2006-01\n    status: reported", "2006-01\n    status: alleged")
    )
    a, b = (relgraph.load(p) for p in pair)
    path = _judged(tmp_path, ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"))
    result = merge([a, b], read_judgements(path), id="both")
    ds = result.dataset
    raisi = [e for e in ds.entities if "Raisi" in e.name]
    assert [(e.id, e.name, e.aliases) for e in raisi] == [
        ("ibrahim-raisi", "Ibrahim Raisi", ("Ebrahim Raisi",))
    ]
    assert sorted(s.id for s in ds.sources) == ["article", "efe"]
    article = next(s for s in ds.sources if s.id == "article")
    assert article.notes == "No date, no author.\n\nsecond graded it E."
    # the visits differ in date and were not judged one event: two relations
    visits = [r for r in ds.relations if r.type == "visit"]
    assert [r.id for r in visits] == ["raisi-visit-cuba", "raisi-visit-havana"]
    assert {r.source for r in visits} == {"ibrahim-raisi"}
    # the 2006 agreement is one relation: same type, ends and date
    (agreement,) = [r for r in ds.relations if r.type == "agreement"]
    assert agreement.status == "alleged"  # reported + alleged: the more cautious
    assert len(agreement.evidence) == 1  # one quote of one text, kept once
    assert result.lost() == []


def test_merge_folds_a_relation_pair_judged_the_same(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = (relgraph.load(p) for p in pair)
    path = _judged(
        tmp_path,
        ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"),
        ("relation", "first:raisi-visit-cuba", "second:raisi-visit-havana", "same"),
    )
    result = merge([a, b], read_judgements(path))
    (visit,) = [r for r in result.dataset.relations if r.type == "visit"]
    assert visit.id == "raisi-visit-cuba"
    assert str(visit.date) == "2023-06"
    assert [e.quote for e in visit.evidence] == [
        "Iranian President Ibrahim Raisi visited Cuba.",
        "Iranian President Ebrahim Raisi arrived in Havana on Wednesday for an official visit.",
    ]
    assert result.relations == [
        ("raisi-visit-cuba", ("second:raisi-visit-havana",)),
        ("cuba.agreement.iran.2006-01", ("second:cuba.agreement.iran.2006-01",)),
    ]
    assert result.lost() == []


def test_merge_without_judgement_refuses_one_id_two_actors(pair: tuple[Path, Path]) -> None:
    a_path, b_path = pair
    b_path.write_text(b_path.read_text().replace("ebrahim-raisi", "ibrahim-raisi"))
    a, b = relgraph.load(a_path), relgraph.load(b_path)
    with pytest.raises(DatasetError) as info:
        merge([a, b])
    (d,) = info.value.diagnostics
    assert d.code == "conflicting-entity"
    assert d.message == (
        "the actor 'ibrahim-raisi' is 'Ibrahim Raisi' (official) in first but "
        "'Ebrahim Raisi' (official) in second"
    )


def test_merge_needs_two_datasets_with_their_own_ids(pair: tuple[Path, Path]) -> None:
    a = relgraph.load(pair[0])
    with pytest.raises(UsageError, match="two datasets have the id 'first'"):
        merge([a, a])


def test_merged_dataset_is_written_validated_and_loads(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    path = _judged(tmp_path, ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"))
    out = tmp_path / "merged"
    code, _, err = run(
        capsys, "merge", str(a), str(b), "-j", str(path), "-o", str(out), "--id", "both"
    )
    assert code == 0, err
    assert "actor joined: ibrahim-raisi <- second:ebrahim-raisi" in err
    assert "source stored once: article <- second:same-article" in err
    ds = relgraph.load(out / "both.yaml")
    assert len(ds.entities) == 3
    assert len(ds.relations) == 3
    assert sorted(os.listdir(out / "sources")) == ["article.txt", "efe.txt"]
    # a second run refuses the folder, which is no longer empty, and changes nothing
    before = (out / "both.yaml").read_bytes()
    code, _, err = run(capsys, "merge", str(a), str(b), "-j", str(path), "-o", str(out))
    assert code == 2
    assert "is not empty" in err
    assert (out / "both.yaml").read_bytes() == before


def test_merge_with_bad_judgements_writes_nothing(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    path = _judged(tmp_path, ("entity", "first:nobody", "second:ebrahim-raisi", "same"))
    out = tmp_path / "merged"
    code, _, err = run(capsys, "merge", str(a), str(b), "-j", str(path), "-o", str(out))
    assert code == 1
    assert (
        f"{path}:2:5: error[unknown-ref] 'first:nobody' names no actor of the dataset first" in err
    )
    assert err.rstrip().endswith("nothing was written")
    assert not out.exists()


def test_write_merged_refuses_a_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = (relgraph.load(p) for p in pair)
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(UsageError, match="is a file"):
        write_merged(merge([a, b]), target)


def test_judgement_object_key_ignores_order() -> None:
    x, y = Ref("a", "x"), Ref("b", "y")
    assert Judgement(x, y, "entity", "same").key == Judgement(y, x, "entity", "different").key


def test_corroboration_is_counted_across_datasets_loaded_together(pair: tuple[Path, Path]) -> None:
    a, b = pair
    a.write_text(
        a.read_text().replace("visit\n    status: reported", "visit\n    status: confirmed")
    )
    second = b.read_text().replace("id: raisi-visit-havana", "id: raisi-visit-cuba")
    second = second.replace("ebrahim-raisi", "ibrahim-raisi").replace(
        "name: Ebrahim", "name: Ibrahim"
    )
    second = second.replace("    date: 2023-06\n    status: reported", "    status: confirmed")
    second = second.replace(
        "      - quote: Iranian President Ibrahim Raisi visited Cuba.\n"
        "        source: same-article\n",
        "",
    )
    second = second.replace(
        "    type: visit\n    status: confirmed\n",
        "    type: visit\n    status: confirmed\n    notes: The article gives no date.\n",
    )
    b.write_text(second)
    alone = [w.code for w in relgraph.load(a).warnings]
    assert alone in (["unconfirmed"], ["single-source"])  # one origin on its own
    both = relgraph.load([a, b])
    (visit,) = [r for r in both.relations if r.id == "raisi-visit-cuba"]
    assert len(visit.evidence) == 2
    assert [w.code for w in both.warnings] == []  # two independent origins together


# -- the bundled pair -----------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
CUBA_IRAN = ROOT / "graph_data" / "cuba_iran.yaml"
HAVANA = ROOT / "graph_data" / "raisi_havana_2023.yaml"
JUDGEMENTS = ROOT / "graph_data" / "cuba_iran_havana.judgements.yaml"
MERGED = ROOT / "graph_data" / "cuba_iran_havana.yaml"


def _readme_merge_command() -> list[str]:
    """The merge of the bundled pair, as the README's 'Mapping a second article' runs it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [
        shlex.split(found.replace("\\\n", " "))
        for found in re.findall(r"^relgraph merge (?:.*\\\n)*.*$", readme, re.M)
    ]
    bundled = [c for c in commands if "graph_data/cuba_iran_havana.judgements.yaml" in c]
    assert len(bundled) == 1, "the README gives the merge of the bundled pair once"
    return bundled[0]


def _bundled(arg: str) -> str:
    return str(ROOT / arg) if arg.startswith("graph_data/") else arg


README_MERGE = _readme_merge_command()
MERGE_ARGS = [_bundled(a) for a in README_MERGE[1:]]


@pytest.fixture(scope="module")
def bundled_merge() -> tuple[relgraph.Dataset, relgraph.Dataset, relgraph.Dataset]:
    return relgraph.load(CUBA_IRAN), relgraph.load(HAVANA), relgraph.load(MERGED)


def test_match_proposes_raisi_first_among_persons_and_no_two_countries() -> None:
    a, b = relgraph.load(CUBA_IRAN), relgraph.load(HAVANA)
    result = match([a, b])
    kinds = {Ref(ds.id, e.id): e.kind for ds in (a, b) for e in ds.entities}
    persons = [c for c in result.entities if kinds[c.left] in ("official", "person")]
    first = persons[0]
    assert (str(first.left), str(first.right)) == (
        "cuba_iran:ibrahim-raisi",
        "raisi_havana_2023:ebrahim-raisi",
    )
    assert first.labels == ("Ibrahim Raisi", "Ebrahim Raisi")
    assert (
        "name spelled alike ('ibrahim raisi' / 'ebrahim raisi', consonants 'brhm rs')"
        in first.reasons
    )
    assert not [c for c in result.entities if "state" in (kinds[c.left], kinds[c.right])]


def test_the_bundled_datasets_load_together_without_a_conflict() -> None:
    """Each dataset has its own ids; where they are the same actor, they agree."""
    both = relgraph.load([CUBA_IRAN, HAVANA])
    shared = {e.id for e in relgraph.load(CUBA_IRAN).entities} & {
        e.id for e in relgraph.load(HAVANA).entities
    }
    assert shared == {"agencia-efe", "cuba", "iran", "united-states", "venezuela"}
    assert sorted(e.name for e in both.entities if e.name.endswith(" Raisi")) == [
        "Ebrahim Raisi",
        "Ibrahim Raisi",
    ]


def test_every_judgement_of_the_bundled_pair_says_who_and_why() -> None:
    decided = read_judgements(JUDGEMENTS)
    a, b = relgraph.load(CUBA_IRAN), relgraph.load(HAVANA)
    assert check_judgements(decided, [a, b]) == []
    assert all(j.decided_by and j.note for j in decided)
    proposed = match([a, b])
    assert {j.key for j in decided} == {
        Judgement(c.left, c.right, c.kind, "unsure").key
        for c in [*proposed.entities, *proposed.relations]
    }
    visit = Judgement(
        Ref("cuba_iran", "raisi-visit-cuba"),
        Ref("raisi_havana_2023", "raisi-visit-cuba-2023-06"),
        "relation",
        "same",
    )
    assert [j.judgement for j in decided if j.key == visit.key] == ["same"]


def test_the_committed_merge_is_what_relgraph_merge_writes_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """graph_data/cuba_iran_havana.yaml is the merge of the two, as the README runs it."""
    assert README_MERGE == [
        "relgraph",
        "merge",
        "graph_data/cuba_iran.yaml",
        "graph_data/raisi_havana_2023.yaml",
        "-j",
        "graph_data/cuba_iran_havana.judgements.yaml",
        "-o",
        "graph_data/cuba_iran_havana.yaml",
        "--id",
        "cuba_iran_havana",
        "--title",
        "Cuba–Iran relations and Raisi in Havana",
    ]
    args = list(MERGE_ARGS)
    args[args.index("-o") + 1] = str(tmp_path / "merged")
    code, _, err = run(capsys, *args, "-q")
    assert code == 0, err
    fresh = (tmp_path / "merged" / "cuba_iran_havana.yaml").read_text(encoding="utf-8")
    assert MERGED.read_text(encoding="utf-8") == fresh, (
        "graph_data/cuba_iran_havana.yaml is stale: run the merge of the README's "
        "'Mapping a second article' again"
    )


def test_the_merged_dataset_has_one_of_each_actor(
    bundled_merge: tuple[relgraph.Dataset, relgraph.Dataset, relgraph.Dataset],
) -> None:
    merged = bundled_merge[2]
    assert relgraph.validate(MERGED) == [
        d for d in relgraph.validate(MERGED) if d.code == "conflict"
    ]
    for name in ("Iran", "Cuba", "Agencia EFE"):
        assert [e.id for e in merged.entities if e.name == name] == [name.lower().replace(" ", "-")]
    (raisi,) = [e for e in merged.entities if "Ebrahim Raisi" in (e.name, *e.aliases)]
    assert (raisi.id, raisi.name) == ("ibrahim-raisi", "Ibrahim Raisi")
    assert "Ebrahim Raisi" in raisi.aliases
    assert [e.id for e in merged.entities if "Raisi" in e.name and e.kind == "official"] == [
        "ibrahim-raisi",
        "raisi-cabinet-ministers",
    ]


def test_raisis_visit_to_cuba_is_one_relation_with_both_datasets_quotes(
    bundled_merge: tuple[relgraph.Dataset, relgraph.Dataset, relgraph.Dataset],
) -> None:
    article, havana, merged = bundled_merge
    (visit,) = [
        r
        for r in merged.relations
        if (r.type, r.source, r.target, r.modality)
        == ("visit", "ibrahim-raisi", "cuba", "occurred")
    ]
    assert visit.id == "raisi-visit-cuba"
    quotes = [e.quote for e in visit.evidence]
    theirs = [
        e.quote
        for ds, ident in ((article, "raisi-visit-cuba"), (havana, "raisi-visit-cuba-2023-06"))
        for r in ds.relations
        if r.id == ident
        for e in r.evidence
    ]
    assert quotes == theirs
    assert {e.source for e in visit.evidence} >= {"deepening-ties", "efe-2023-06-16"}
    assert str(visit.date) == "2023-06-15"
    assert visit.status == "confirmed"  # the reports confirm it; the article reports it


def test_merging_the_bundled_pair_loses_nothing(
    bundled_merge: tuple[relgraph.Dataset, relgraph.Dataset, relgraph.Dataset],
) -> None:
    """Every evidence item, note and grade of each input is in the committed merge."""
    article, havana, merged = bundled_merge
    result = merge([article, havana], read_judgements(JUDGEMENTS))
    assert result.lost() == []
    # an actor judged the same is named by its kept id wherever it was named
    redirect = {Ref.parse(o): kept for kept, others in result.actors for o in others}
    by_text = {s.sha256: s for s in merged.sources}
    out_sha = {s.id: s.sha256 for s in merged.sources}

    def whole(e: relgraph.Evidence, sha: dict[str, str], said: str | None) -> tuple[object, ...]:
        """Every field of an evidence item but where it was read; its source by its text."""
        fields = {f: getattr(e, f) for f in e.__dataclass_fields__ if f != "location"}
        fields.update(source=sha[e.source], attributed_to=said)
        return tuple(sorted((k, repr(v)) for k, v in fields.items()))

    kept = {
        whole(e, out_sha, e.attributed_to)
        for item in [*merged.relations, *merged.claims]
        for e in item.evidence
    }
    notes = "\n".join(
        n
        for n in [
            *(i.notes for i in [*merged.relations, *merged.claims]),
            *(s.notes for s in merged.sources),
            *(e.description for e in merged.entities),
            merged.notes,
        ]
        if n
    )
    for ds in (article, havana):
        sha = {s.id: s.sha256 for s in ds.sources}
        items: list[relgraph.Relation | relgraph.Claim] = [*ds.relations, *ds.claims]
        for item in items:
            for e in item.evidence:
                said = redirect.get(Ref(ds.id, e.attributed_to or ""), e.attributed_to)
                entity = redirect.get(Ref(ds.id, e.attributed_entity or ""), e.attributed_entity)
                # a folded relation's date travels on the items that had it
                dated = getattr(item, "date", None) if e.date is None else e.date
                e_in = dataclasses.replace(e, attributed_entity=entity)
                found = whole(e_in, sha, said) in kept or (
                    whole(dataclasses.replace(e_in, date=dated), sha, said) in kept
                )
                assert found, (ds.id, item.id, e.quote)  # quote, grade, stance, amounts, dates…
            assert not item.notes or item.notes in notes, (ds.id, item.id)
        for s in ds.sources:
            out = by_text[s.sha256]
            assert s.reliability == out.reliability or f"graded it {s.reliability}" in notes
            assert not s.notes or s.notes in notes
        for ent in ds.entities:
            assert not ent.description or ent.description in notes, (ds.id, ent.id)
        assert ds.notes
        assert ds.notes in notes


@pytest.mark.parametrize("merged", [False, True], ids=["loaded-together", "merged"])
def test_efes_report_and_the_articles_relay_of_it_are_one_origin(merged: bool) -> None:
    """Issue #11's bar: two datasets that quote one wire report add one origin, not two."""
    ds = relgraph.load(MERGED) if merged else relgraph.load([CUBA_IRAN, HAVANA])
    origins = independent_origins(ds)
    assert origins.of_source("efe-2023-06-16").id == "agencia-efe"
    relays = [
        e
        for r in ds.relations
        for e in r.evidence
        if e.source == "deepening-ties" and e.origin == "agencia-efe"
    ]
    assert len(relays) == 3
    assert {origins.of_evidence(e).id for e in relays} == {"agencia-efe"}


# -- old ids kept as referents ----------------------------------------------------


def _merged_pair(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    a, b = pair
    path = _judged(tmp_path, ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"))
    out = tmp_path / "merged"
    code, _, err = run(
        capsys, "merge", str(a), str(b), "-j", str(path), "-o", str(out), "--id", "both"
    )
    assert code == 0, err
    return out / "both.yaml"


def test_an_old_id_is_kept_as_a_referent_and_still_names_the_actor(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _merged_pair(pair, tmp_path, capsys)
    assert "    referents: [ebrahim-raisi]\n" in merged.read_text(encoding="utf-8")
    ds = relgraph.load(merged)
    raisi = ds.entity("ibrahim-raisi")
    assert raisi.referents == ("ebrahim-raisi",)
    assert ds.entity("ebrahim-raisi") is raisi
    assert [e.referents for e in ds.entities if e.id != "ibrahim-raisi"] == [(), ()]
    assert analysis.resolve_actor(ds, "Ebrahim-Raisi") is raisi
    assert analysis.paths(ds, "ebrahim-raisi", "iran").source == "ibrahim-raisi"
    assert analysis.ego(ds, "ebrahim-raisi").center == "ibrahim-raisi"
    with pytest.raises(KeyError):
        ds.entity("raisi")


def test_path_and_ego_answer_an_old_id_for_the_actor_it_was_merged_into(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = str(_merged_pair(pair, tmp_path, capsys))
    note = (
        "relgraph: 'ebrahim-raisi' was merged into Ibrahim Raisi (ibrahim-raisi): "
        "answering for ibrahim-raisi\n"
    )
    code, out, err = run(capsys, "path", "ebrahim-raisi", "iran", merged)
    assert code == 0, err
    assert note in err
    assert out.startswith("Path 1: Ibrahim Raisi - Cuba - Iran (2 hops)\n")
    assert run(capsys, "path", "ibrahim-raisi", "iran", merged)[1] == out
    code, out, err = run(capsys, "ego", "ebrahim-raisi", merged)
    assert code == 0, err
    assert note in err
    assert out.startswith("Ego network of Ibrahim Raisi (radius 1): 2 actors, 2 relations\n")
    # a name or alias that is also an old id needs no note
    code, _, err = run(capsys, "ego", "Ebrahim Raisi", merged)
    assert code == 0, err
    assert "was merged into" not in err


def test_referents_travel_through_json_lines_and_node_link_json(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _merged_pair(pair, tmp_path, capsys)
    lines = merged.parent / "both.jsonl"  # beside the texts it names
    code, _, err = run(capsys, "convert", str(merged), "-o", str(lines))
    assert code == 0, err
    assert '"referents":["ebrahim-raisi"]' in lines.read_text(encoding="utf-8")
    assert relgraph.load(lines).entity("ebrahim-raisi").id == "ibrahim-raisi"
    exported = tmp_path / "graph.json"
    code, _, err = run(capsys, "export", str(merged), "--to", "json", "-o", str(exported))
    assert code == 0, err
    data = json.loads(exported.read_text(encoding="utf-8"))
    (node,) = [n for n in data["nodes"] if n["id"] == "ibrahim-raisi"]
    assert node["referents"] == ["ebrahim-raisi"]
    (tmp_path / "back").mkdir()
    back = tmp_path / "back" / "both.yaml"
    code, _, err = run(capsys, "import", "json", str(exported), "-o", str(back))
    assert code == 0, err
    assert relgraph.load(back).entity("ibrahim-raisi").referents == ("ebrahim-raisi",)
    assert relgraph.load(merged).graph().nodes["ibrahim-raisi"]["referents"] == ["ebrahim-raisi"]


def test_referents_travel_through_csv_and_the_graph_and_engine_exports(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _merged_pair(pair, tmp_path, capsys)
    sheets = tmp_path / "sheets"
    code, _, err = run(capsys, "export", str(merged), "--to", "csv", "-o", str(sheets))
    assert code == 0, err
    with open(sheets / "entities.csv", encoding="utf-8", newline="") as fh:
        rows = {row["ID"]: row for row in csv.DictReader(fh)}
    assert rows["ibrahim-raisi"]["Referents"] == "ebrahim-raisi"
    assert rows["iran"]["Referents"] == ""
    (tmp_path / "back").mkdir()
    back = tmp_path / "back" / "both.yaml"
    code, _, err = run(
        capsys,
        "import",
        "csv",
        str(sheets / "entities.csv"),
        str(sheets / "relations.csv"),
        "--sources",
        str(sheets / "sources.csv"),
        "--claims",
        str(sheets / "claims.csv"),
        "--meta",
        str(sheets / "meta.yaml"),
        "-o",
        str(back),
    )
    assert code == 0, err
    assert relgraph.load(back).entity("ebrahim-raisi").id == "ibrahim-raisi"

    graphml = tmp_path / "g.graphml"
    assert run(capsys, "export", str(merged), "--to", "graphml", "-o", str(graphml))[0] == 0
    assert "ebrahim-raisi" in str(nx.read_graphml(graphml).nodes["ibrahim-raisi"]["referents"])
    gexf = tmp_path / "g.gexf"
    assert run(capsys, "export", str(merged), "--to", "gexf", "-o", str(gexf))[0] == 0
    assert nx.read_gexf(gexf).nodes["ibrahim-raisi"]["referents"] == "ebrahim-raisi"
    cypher = tmp_path / "g.cypher"
    assert run(capsys, "export", str(merged), "--to", "cypher", "-o", str(cypher))[0] == 0
    assert 'referents: ["ebrahim-raisi"]' in cypher.read_text(encoding="utf-8")
    admin = tmp_path / "admin"
    assert run(capsys, "export", str(merged), "--to", "neo4j-admin", "-o", str(admin))[0] == 0
    with open(admin / "entities.csv", encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    column = table[0].index("referents:string[]")
    assert [row[column] for row in table[1:] if row[0] == "ibrahim-raisi"] == ["ebrahim-raisi"]


REFERENTS = """\
dataset: {{id: refs, title: Referents}}
sources:
  - {{id: art, title: An article, reliability: F, text: sources/art.txt, sha256: {sha}}}
entities:
  - {{id: iran, name: Iran, kind: state, referents: [persia, iran]}}
  - {{id: cuba, name: Cuba, kind: state, referents: [persia, hamas, Not An Id]}}
  - {{id: hamas, name: Hamas, kind: group}}
relations:
  - source: persia
    target: cuba
    type: agreement
    date: 2006-01
    status: reported
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: art
"""


def test_bad_referents_are_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from support import SOURCE_TEXT

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "refs.yaml"
    path.write_text(REFERENTS.format(sha=sha256_of(SOURCE_TEXT)), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1
    assert err.startswith(
        f"{path}:5:61: error[bad-referent] 'iran' is the entity's own id, not an old id of it\n"
        "  hint: list under 'referents:' only the ids merged into this entity\n"
        f"{path}:6:53: error[duplicate-referent] the old id 'persia' is already a referent of "
        f"'iran' at {path}:5\n"
        "  hint: an old id was merged into one entity: keep it in one 'referents:' list\n"
        f"{path}:6:61: error[bad-referent] 'hamas' is a referent of 'cuba' but also the id of "
        "an entity\n"
        "  hint: an old id names one actor: remove it from the referents of 'cuba', or merge "
        "the two entities\n"
        f"{path}:6:68: error[bad-id] 'Not An Id' in 'referents' is not an id\n"
        "  hint: write the old ids that were merged into this entity, as they were written\n"
        f"{path}:9:13: error[old-id] 'persia' is an old id of 'iran', which it was merged into\n"
        "  hint: write 'iran'\n"
    ), err


def test_a_dataset_naming_an_actor_by_its_old_id_joins_the_actor_it_was_merged_into(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Loaded with the merge, the second dataset's 'ebrahim-raisi' is the merged Raisi."""
    merged = _merged_pair(pair, tmp_path, capsys)
    alone = relgraph.load(merged)
    for paths in ([merged, pair[1]], [pair[1], merged]):
        ds = relgraph.load(paths)
        assert [e.id for e in ds.entities] == [e.id for e in alone.entities]
        raisi = ds.entity("ebrahim-raisi")
        assert (raisi.id, raisi.name, raisi.referents) == (
            "ibrahim-raisi",
            "Ibrahim Raisi",
            ("ebrahim-raisi",),
        )
        assert "Ebrahim Raisi" in raisi.aliases
        (visit,) = [r for r in ds.relations if r.id == "raisi-visit-havana"]
        assert visit.source == "ibrahim-raisi"
        assert "ebrahim-raisi" not in ds.graph()
    code, _, err = run(capsys, "validate", str(merged), str(pair[1]))
    assert code == 0, err


def _problems(*paths: Path) -> list[tuple[str, int, int, str, str, str]]:
    with pytest.raises(DatasetError) as caught:
        relgraph.load(list(paths))
    return [(d.path, d.line, d.column, d.code, d.message, d.hint) for d in caught.value.diagnostics]


def test_an_old_id_defined_as_another_kind_or_kept_apart_is_a_located_conflict(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _merged_pair(pair, tmp_path, capsys)
    at = str(relgraph.load(merged).entity("ibrahim-raisi").location)
    text = pair[1].read_text(encoding="utf-8")
    other = pair[1].with_name("other.yaml")
    other.write_text(
        text.replace("id: second", "id: other").replace(
            "name: Ebrahim Raisi\n    kind: official", "name: Ebrahim Raisi\n    kind: person"
        ),
        encoding="utf-8",
    )
    apart = pair[1].with_name("apart.yaml")
    apart.write_text(
        text.replace("id: second", "id: apart").replace(
            "  - id: ebrahim-raisi\n",
            "  - id: ibrahim-raisi\n    name: Ibrahim Raisi\n    kind: official\n"
            "  - id: ebrahim-raisi\n",
        ),
        encoding="utf-8",
    )
    line = text.splitlines().index("  - id: ebrahim-raisi") + 1
    for paths in ([merged, other], [other, merged]):
        assert _problems(*paths) == [
            (
                str(other),
                line,
                5,
                "conflicting-entity",
                f"the actor 'ebrahim-raisi' was merged into 'ibrahim-raisi' at {at}, which is "
                "defined differently (kind 'person' vs 'official')",
                "an old id names the actor it was merged into: if 'ebrahim-raisi' is another "
                "actor here, give it another id; if it is the same one, define it alike",
            )
        ]
    # its relations keep the old id, so one the merge holds is told differently too
    assert [p[3] for p in _problems(apart, merged)] == [
        "conflicting-referent",
        "conflicting-relation",
    ]
    assert _problems(apart, merged)[0] == (
        str(apart),
        line + 3,
        5,
        "conflicting-referent",
        f"the actor 'ebrahim-raisi' was merged into 'ibrahim-raisi' at {at}, but this "
        "dataset has 'ebrahim-raisi' and 'ibrahim-raisi' as two actors",
        "if they are one actor, judge the pair the same with `relgraph match` and "
        "`relgraph merge`; if not, give 'ebrahim-raisi' another id",
    )
    out_file = tmp_path / "both.html"
    code, _, err = run(capsys, "render", str(merged), str(other), "-o", str(out_file))
    assert code == 1
    assert "error[conflicting-entity] the actor 'ebrahim-raisi' was merged into" in err
    assert "Traceback" not in err
    assert not out_file.exists()


def test_one_old_id_merged_into_two_actors_is_a_conflict(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _merged_pair(pair, tmp_path, capsys)
    twin = merged.with_name("twin.yaml")
    twin.write_text(
        merged.read_text(encoding="utf-8")
        .replace("id: both", "id: twin", 1)
        .replace("ibrahim-raisi", "president-raisi"),
        encoding="utf-8",
    )
    at = str(relgraph.load(merged).entity("ibrahim-raisi").location)
    where = relgraph.load(twin).entity("president-raisi").location
    assert where is not None
    referents = [p for p in _problems(merged, twin) if p[3] == "conflicting-referent"]
    assert referents == [
        (
            str(twin),
            where.line,
            where.column,
            "conflicting-referent",
            f"the old id 'ebrahim-raisi' is a referent of 'president-raisi' here, but of "
            f"'ibrahim-raisi' at {at}",
            "an old id names the one actor it was merged into: keep it in the referents of "
            "one of them",
        )
    ]


# -- one text under two source ids is one origin ---------------------------------


def test_one_text_stored_by_two_datasets_is_one_origin_when_loaded_together(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The first dataset's 'article' and the second's 'same-article' are one stored text."""
    a, b = pair
    code, out, err = run(capsys, "evidence", str(a), str(b), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    (agreement,) = [r for r in report if r["id"] == "cuba.agreement.iran.2006-01"]
    assert agreement["sources"] == ["article", "same-article"]
    assert agreement["origins"] == [
        {
            "id": "article",
            "label": "An article",
            "sources": ["article", "same-article"],
            "affiliations": [],
            "affiliated": False,
            "ties": [],
        }
    ]
    assert agreement["independent"] == 1
    assert [e["origin"] for e in agreement["evidence"]] == ["article", "article"]
    code, out, err = run(capsys, "evidence", str(a), str(b))
    assert (
        "relation cuba.agreement.iran.2006-01: iran agreement cuba (reported)\n"
        "  2 quotes · 2 sources · 1 independent origin\n"
        "  origin 'article' (An article): sources article, same-article\n"
    ) in out
    # so the two copies cannot confirm it, and each dataset alone still counts its own
    for path in pair:
        path.write_text(
            path.read_text().replace(
                "date: 2006-01\n    status: reported", "date: 2006-01\n    status: confirmed"
            )
        )
    code, _, err = run(capsys, "validate", str(a), str(b))
    assert code == 0, err
    assert err == (
        f"{a}:32:5: warning[unconfirmed] relation 'cuba.agreement.iran.2006-01' is marked "
        "confirmed but has 1 independent origin: 'article' (2 sources: article, same-article)\n"
        "  hint: confirmed needs two independent origins not affiliated with its ends: add "
        "evidence from another origin, or mark it reported\n"
        f"{a} + {b}: ok (1 warning)\n"
    )


# -- nothing lost: names, aliases and tags too -----------------------------------


def test_lost_names_an_alias_a_tag_or_an_old_id_the_merge_dropped(pair: tuple[Path, Path]) -> None:
    import dataclasses

    a, b = pair
    b.write_text(
        b.read_text().replace(
            "name: Ebrahim Raisi\n", "name: Ebrahim Raisi\n    aliases: [Raisi]\n    tags: [tour]\n"
        )
    )
    first, second = relgraph.load(a), relgraph.load(b)
    judged = [
        Judgement(Ref("first", "ibrahim-raisi"), Ref("second", "ebrahim-raisi"), "entity", "same")
    ]
    result = merge([first, second], judged)
    assert result.lost() == []
    raisi = result.dataset.entity("ibrahim-raisi")
    assert (raisi.aliases, raisi.tags, raisi.referents) == (
        ("Ebrahim Raisi", "Raisi"),
        ("tour",),
        ("ebrahim-raisi",),
    )
    dropped = dataclasses.replace(raisi, aliases=("Ebrahim Raisi",), tags=(), referents=())
    result.dataset = dataclasses.replace(
        result.dataset,
        entities=tuple(dropped if e is raisi else e for e in result.dataset.entities),
    )
    assert result.lost() == [
        "second:ebrahim-raisi: its alias 'Raisi'",
        "second:ebrahim-raisi: its tag 'tour'",
        "second:ebrahim-raisi: its id, as a referent of ibrahim-raisi",
    ]


def test_every_name_alias_tag_and_id_of_the_bundled_pair_is_in_the_merge(
    bundled_merge: tuple[relgraph.Dataset, relgraph.Dataset, relgraph.Dataset],
) -> None:
    article, havana, merged = bundled_merge
    for ds in (article, havana):
        for ent in ds.entities:
            out = merged.entity(ent.id)  # its own id, or the id it was merged into
            assert {ent.name, *ent.aliases} <= {out.name, *out.aliases}, (ds.id, ent.id)
            assert set(ent.tags) <= set(out.tags), (ds.id, ent.id)
    assert merged.entity("cabinet-ministers").id == "raisi-cabinet-ministers"
    assert merged.entity("ebrahim-raisi").id == "ibrahim-raisi"


# -- merge -o: a wrong output is refused, and nothing is written ------------------


def test_merge_refuses_a_wrong_output_file_and_writes_nothing(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    judged = _judged(tmp_path, ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"))
    existing = tmp_path / "both.yaml"
    existing.write_text("dataset: {id: mine, title: Mine}\n", encoding="utf-8")
    nowhere = tmp_path / "nowhere"
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for output, message in (
        (
            existing,
            f"relgraph: error: '{existing}' already exists\n"
            "  hint: merge into a new file; a merge never overwrites a dataset\n",
        ),
        (
            nowhere / "both.yaml",
            f"relgraph: error: cannot write '{nowhere / 'both.yaml'}': the folder '{nowhere}' "
            "does not exist\n"
            "  hint: create it first, or give -o a new folder, which the merge makes\n",
        ),
        (
            tmp_path / "both.json",
            f"relgraph: error: '{tmp_path / 'both.json'}' is neither a .yaml file nor a folder\n"
            "  hint: a merge writes a YAML dataset: give a new .yaml file (both.yaml) or a "
            "folder\n",
        ),
    ):
        code, out, err = run(capsys, "merge", str(a), str(b), "-j", str(judged), "-o", str(output))
        assert (code, out, err) == (2, "", message)
        with pytest.raises(UsageError) as info:
            write_merged(merge([relgraph.load(a), relgraph.load(b)]), output)
        assert f"relgraph: error: {info.value}\n" == message
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert existing.read_text(encoding="utf-8") == "dataset: {id: mine, title: Mine}\n"


def test_merge_into_a_new_yaml_file_beside_the_texts_it_shares(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder name with a dot is still a folder when it ends with a slash."""
    a, b = pair
    judged = _judged(tmp_path, ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"))
    code, _, err = run(
        capsys, "merge", str(a), str(b), "-j", str(judged), "-o", f"{tmp_path / 'v1.2'}/"
    )
    assert code == 0, err
    assert relgraph.load(tmp_path / "v1.2" / "first_second.yaml").entity("ebrahim-raisi")


def test_an_origin_actor_named_by_its_old_id_filters_as_the_actor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An agency merged from two ids is the origin its old id names, for --origin too."""
    from support import SOURCE_TEXT

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "wire.yaml"
    path.write_text(
        "dataset: {id: wire, title: Wire}\n"
        "sources:\n"
        "  - {id: art, title: A wire report, reliability: B, text: sources/art.txt,\n"
        f"     sha256: {sha256_of(SOURCE_TEXT)}, origin: agencia-efe}}\n"
        "entities:\n"
        "  - {id: iran, name: Iran, kind: state}\n"
        "  - {id: cuba, name: Cuba, kind: state}\n"
        "  - {id: agencia-efe, name: Agencia EFE, kind: media, referents: [efe]}\n"
        "relations:\n"
        "  - {source: iran, target: cuba, type: agreement, date: 2006-01, status: reported,\n"
        "     evidence: [{quote: Iran and Cuba signed an agreement in Havana in January 2006.,\n"
        "                 source: art}]}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "analyze", str(path), "--origin", "efe", "--format", "csv")
    assert code == 0, err
    assert err.startswith(
        "relgraph: wire: 3 actors, 1 relation (statuses confirmed, reported, alleged, disputed; "
        "evidence from origins efe only)"
    )
    assert err.endswith(
        "\nrelgraph: 'efe' was merged into Agencia EFE (agencia-efe): answering for agencia-efe\n"
    )
    assert out == run(capsys, "analyze", str(path), "--origin", "agencia-efe", "--format", "csv")[1]
    ds = relgraph.load(path)
    assert len(Filter(origins=["efe"]).apply(ds).relations) == 1
    with pytest.raises(UsageError, match="'efo' is not an origin"):
        Filter(origins=["efo"]).apply(ds)


# -- story views survive loading together and merging -----------------------------

FIRST_VIEWS = """\
views:
  - id: visit
    title: The visit
    actors: [ibrahim-raisi, cuba]
    relations: [raisi-visit-cuba]
"""

SECOND_VIEWS = """\
views:
  - id: havana
    title: In Havana
    caption: The report's visit.
    actors: [ebrahim-raisi]
    relations: [raisi-visit-havana]
  - id: everyone
    title: Everyone
"""


def _with_views(pair: tuple[Path, Path], first: str, second: str) -> None:
    for path, views in zip(pair, (first, second), strict=True):
        path.write_text(path.read_text(encoding="utf-8") + views, encoding="utf-8")


def test_loading_together_keeps_every_datasets_views_in_order(pair: tuple[Path, Path]) -> None:
    _with_views(pair, FIRST_VIEWS, SECOND_VIEWS)
    ds = relgraph.load(list(pair))
    assert [(v.id, v.actors, v.relations) for v in ds.views] == [
        ("visit", ("ibrahim-raisi", "cuba"), ("raisi-visit-cuba",)),
        ("havana", ("ebrahim-raisi",), ("raisi-visit-havana",)),
        ("everyone", (), ()),
    ]
    assert [v.location.path for v in ds.views if v.location] == [str(pair[0]), *[str(pair[1])] * 2]
    views = page_data(ds)["views"]
    assert [v["id"] for v in views] == ["visit", "havana", "everyone"]


def test_merge_keeps_every_inputs_views_naming_what_their_ids_became(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_views(pair, FIRST_VIEWS, SECOND_VIEWS)
    path = _judged(
        tmp_path,
        ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"),
        ("relation", "first:raisi-visit-cuba", "second:raisi-visit-havana", "same"),
    )
    out = tmp_path / "merged"
    code, _, err = run(
        capsys, "merge", *map(str, pair), "-j", str(path), "-o", str(out), "--id", "both"
    )
    assert code == 0, err
    merged = relgraph.load(out / "both.yaml")
    assert [(v.id, v.title, v.caption, v.actors, v.relations) for v in merged.views] == [
        ("visit", "The visit", None, ("ibrahim-raisi", "cuba"), ("raisi-visit-cuba",)),
        ("havana", "In Havana", "The report's visit.", ("ibrahim-raisi",), ("raisi-visit-cuba",)),
        ("everyone", "Everyone", None, (), ()),
    ]
    # read with an input, whose relation the merge folded under the id kept, the input's
    # view is the merge's
    ds = relgraph.load([out / "both.yaml", pair[1]])
    assert [(v.id, v.actors, v.relations) for v in ds.views] == [
        ("visit", ("ibrahim-raisi", "cuba"), ("raisi-visit-cuba",)),
        ("havana", ("ibrahim-raisi",), ("raisi-visit-cuba",)),
        ("everyone", (), ()),
    ]
    assert [v.id for v in relgraph.load([pair[1], out / "both.yaml"]).views] == [
        "havana",
        "everyone",
        "visit",
    ]


def test_a_view_naming_an_old_id_names_the_actor_it_was_merged_into(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _merged_pair(pair, tmp_path, capsys)
    merged.write_text(
        merged.read_text(encoding="utf-8")
        + "views:\n  - id: raisi\n    title: Raisi\n    actors: [ebrahim-raisi, ibrahim-raisi]\n",
        encoding="utf-8",
    )
    (view,) = relgraph.load(merged).views
    assert view.actors == ("ibrahim-raisi",)
    # so does a view of a dataset read with the merge that folded its actor away
    pair[1].write_text(
        pair[1].read_text(encoding="utf-8").replace("id: second", "id: third", 1)
        + "views:\n  - id: report\n    title: The report\n    actors: [ebrahim-raisi]\n",
        encoding="utf-8",
    )
    ds = relgraph.load([merged, pair[1]])
    assert [(v.id, v.actors) for v in ds.views] == [
        ("raisi", ("ibrahim-raisi",)),
        ("report", ("ibrahim-raisi",)),
    ]


CLASH = "views:\n  - id: visit\n    title: The report's visit\n    actors: [ebrahim-raisi]\n"
CLASH_HINT = (
    "one id is one step of the story: give one of the views another id in its 'views:' "
    "section, or define it alike in both"
)


def test_one_view_id_defined_differently_by_two_datasets_is_a_located_conflict(
    pair: tuple[Path, Path],
) -> None:
    _with_views(pair, FIRST_VIEWS, CLASH)
    at = f"{pair[0]}:{FIRST.count(chr(10)) + 2}:5"
    line = SECOND.count("\n") + 2
    assert _problems(*pair) == [
        (
            str(pair[1]),
            line,
            5,
            "conflicting-view",
            f"the view 'visit' is defined differently at {at} (title 'The visit' vs "
            '"The report\'s visit")',
            CLASH_HINT,
        )
    ]


def test_merge_reports_a_view_id_two_inputs_define_differently_and_writes_nothing(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_views(pair, FIRST_VIEWS, CLASH)
    path = _judged(tmp_path, ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"))
    out = tmp_path / "merged"
    code, _, err = run(capsys, "merge", *map(str, pair), "-j", str(path), "-o", str(out))
    assert code == 1
    at = f"{pair[0]}:{FIRST.count(chr(10)) + 2}:5"
    assert (
        f"{pair[1]}:{SECOND.count(chr(10)) + 2}:5: error[conflicting-view] the view 'visit' is "
        f"defined differently at {at} (title 'The visit' vs \"The report's visit\")\n"
        f"  hint: {CLASH_HINT}\n"
    ) in err
    assert "Traceback" not in err
    assert not out.exists()


def test_the_bundled_merge_tells_the_articles_story() -> None:
    article, merged = relgraph.load(CUBA_IRAN), relgraph.load(MERGED)
    assert [v.id for v in merged.views] == ["agreements", "raisi-visit", "dated", "allegations"]
    assert merged.views == article.views
    relations = {r.id for r in merged.relations}
    assert all(r in relations for v in merged.views for r in v.relations)


def test_evidence_on_the_bundled_merge_reports_the_conflicts_only_the_merge_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def conflicted(path: Path) -> set[str]:
        code, out, err = run(capsys, "evidence", "--conflicts", "--format", "json", str(path))
        assert code == 0, err
        return {item["id"] for item in json.loads(out)}

    assert conflicted(CUBA_IRAN) == set()
    assert conflicted(HAVANA) == {"iran-cuba-accords-2023-06-15"}  # six accords or eight
    # the article's friendly relations are reported by the Cuban and Iranian outlets the
    # reports add, while it alone calls close relations an allegation: a status conflict
    assert conflicted(MERGED) == {
        "iran-cuba-accords-efe-2023-06-16",  # the six or eight, folded into the article's
        "cuba-iran-friendly-relations",
        "iran-cuba-close-relations-alleged",
    }
    code, out, _ = run(capsys, "evidence", "--conflicts", str(MERGED))
    assert code == 0
    assert out.startswith("cuba_iran_havana: 3 with conflicts\n")
    assert (
        "conflict [status] it is alleged on the evidence of 'deepening-ties', but relation "
        "'cuba-iran-friendly-relations' is reported on the evidence of"
    ) in out


# -- old ids: chains and cycles ----------------------------------------------------


def _referents(path: Path, ident: str, old: str, new_id: str | None = None) -> str:
    """The dataset at ``path`` with the actor ``ident`` keeping ``old`` as an old id."""
    text = path.read_text(encoding="utf-8")
    at = text.index(f"  - id: {ident}\n")
    end = text.index("    kind: ", at)
    end = text.index("\n", end) + 1
    text = text[:end] + f"    referents: [{old}]\n" + text[end:]
    return text.replace("id: first", f"id: {new_id}", 1) if new_id else text


def test_old_ids_merged_into_one_another_in_a_cycle_are_a_located_error(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each dataset keeps the other's id as an old one: neither actor is the one kept."""
    a, b = pair
    a.write_text(_referents(a, "iran", "persia"), encoding="utf-8")
    b.write_text(
        b.read_text(encoding="utf-8")
        .replace("  - id: iran\n", "  - id: persia\n")
        .replace("source: iran\n", "source: persia\n"),
        encoding="utf-8",
    )
    b.write_text(_referents(b, "persia", "iran"), encoding="utf-8")
    line = b.read_text(encoding="utf-8").splitlines().index("  - id: persia") + 1
    expected = [
        (
            str(b),
            line,
            5,
            "referent-cycle",
            "the old ids are merged into one another in a cycle: 'iran', which was merged into "
            "'persia', which was merged into 'iran'",
            "an old id names an actor that is kept, not one merged away in turn: list the old "
            "ids under the referents of the one actor kept, and none under the others",
        )
    ]
    assert _problems(a, b) == expected
    judgements = tmp_path / "none.yaml"
    judgements.write_text("judgements: []\n", encoding="utf-8")
    out = tmp_path / "merged"
    code, _, err = run(capsys, "merge", str(a), str(b), "-j", str(judgements), "-o", str(out))
    assert code == 1
    assert f"{b}:{line}:5: error[referent-cycle] the old ids are merged into" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_an_old_id_merged_twice_names_the_actor_kept_at_the_end(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """persia was merged into iran, and iran since into islamic-republic."""
    a, b = pair
    a.write_text(_referents(a, "iran", "persia"), encoding="utf-8")
    later = tmp_path / "a" / "later.yaml"
    later.write_text(
        _referents(a, "iran", "iran", "later")
        .replace("    referents: [persia]\n", "")
        .replace("  - id: iran\n", "  - id: islamic-republic\n")
        .replace("source: iran\n", "source: islamic-republic\n"),
        encoding="utf-8",
    )
    b.write_text(
        b.read_text(encoding="utf-8")
        .replace("  - id: iran\n", "  - id: persia\n")
        .replace("source: iran\n", "source: persia\n"),
        encoding="utf-8",
    )
    ds = relgraph.load([later, a, b])
    states = [e for e in ds.entities if e.kind == "state"]
    assert [e.id for e in states] == ["islamic-republic", "cuba"]
    assert ds.entity("persia").id == ds.entity("iran").id == "islamic-republic"
    assert {r.source for r in ds.relations if r.type == "agreement"} == {"islamic-republic"}


def test_merge_joins_an_actor_named_by_another_inputs_old_id(pair: tuple[Path, Path]) -> None:
    """As when they are read together: one dataset says persia was merged into iran."""
    a, b = pair
    a.write_text(_referents(a, "iran", "persia"), encoding="utf-8")
    b.write_text(
        b.read_text(encoding="utf-8")
        .replace("  - id: iran\n", "  - id: persia\n")
        .replace("source: iran\n", "source: persia\n"),
        encoding="utf-8",
    )
    result = merge([relgraph.load(a), relgraph.load(b)])
    assert ("iran", ("second:persia",)) in result.actors
    iran = result.dataset.entity("persia")
    assert (iran.id, iran.referents) == ("iran", ("persia",))
    assert result.lost() == []


# -- two vocabularies that clash -----------------------------------------------------

GREETING = """\
vocabulary:
  relation_types:
    - id: greeting
      category: diplomatic
      label: greeted
      inverse_label: was greeted by
      directed: true
      sign: cooperative
      source_kinds: "*"
      target_kinds: "*"
"""


def test_two_vocabularies_giving_one_type_two_meanings_are_a_located_clash(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    a.write_text(a.read_text().replace("entities:\n", GREETING + "entities:\n", 1))
    other = GREETING.replace("greeted", "welcomed").replace("directed: true", "directed: false")
    b.write_text(b.read_text().replace("entities:\n", other + "entities:\n", 1))
    line_a = a.read_text().splitlines().index("    - id: greeting") + 1
    line_b = b.read_text().splitlines().index("    - id: greeting") + 1
    assert _problems(a, b) == [
        (
            str(b),
            line_b,
            7,
            "vocabulary-clash",
            f"the type 'greeting' means something else here than at {a}:{line_a}:7 (label "
            "'greeted' vs 'welcomed', inverse_label 'was greeted by' vs 'was welcomed by', "
            "directed true vs false)",
            "give one of them another id in its 'vocabulary:' section, or define "
            "'greeting' the same way in both",
        )
    ]
    code, _, err = run(capsys, "validate", str(a), str(b))
    assert (code, err.count("error["), "error[vocabulary-clash]" in err) == (1, 1, True), err
    judgements = _judged(
        tmp_path, ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same")
    )
    out = tmp_path / "merged"
    code, _, err = run(capsys, "merge", str(a), str(b), "-j", str(judgements), "-o", str(out))
    assert (code, err.count("error["), "error[vocabulary-clash]" in err) == (1, 1, True), err
    assert err.rstrip().endswith("nothing was written")
    assert "Traceback" not in err
    assert not out.exists()


# -- folded relations and claims keep their old ids ---------------------------------

CLAIM = """\
claims:
  - id: {ident}
    entity: {actor}
    statement: is Iran's president
    status: reported
    evidence:
      - quote: Iranian President {name} Raisi
        source: {source}
"""


def _folded_pair(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    """The pair merged with Raisi, his visit and the claim that he is president folded."""
    a, b = pair
    a.write_text(
        a.read_text(encoding="utf-8")
        + CLAIM.format(
            ident="raisi-president", actor="ibrahim-raisi", name="Ibrahim", source="article"
        ),
        encoding="utf-8",
    )
    b.write_text(
        b.read_text(encoding="utf-8")
        + CLAIM.format(
            ident="raisi-is-president", actor="ebrahim-raisi", name="Ebrahim", source="efe"
        )
        + "views:\n  - id: havana\n    title: In Havana\n    relations: [raisi-visit-havana]\n",
        encoding="utf-8",
    )
    path = _judged(
        tmp_path,
        ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"),
        ("relation", "first:raisi-visit-cuba", "second:raisi-visit-havana", "same"),
    )
    out = tmp_path / "merged"
    code, _, err = run(
        capsys, "merge", str(a), str(b), "-j", str(path), "-o", str(out), "--id", "both"
    )
    assert code == 0, err
    assert "claim folded: raisi-president <- second:raisi-is-president" in err
    return out / "both.yaml"


def test_a_folded_relation_or_claim_keeps_the_ids_folded_into_it(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _folded_pair(pair, tmp_path, capsys)
    text = merged.read_text(encoding="utf-8")
    assert text.count("    referents: [raisi-visit-havana]\n") == 1
    assert text.count("    referents: [raisi-is-president]\n") == 1
    ds = relgraph.load(merged)
    visit = next(r for r in ds.relations if r.id == "raisi-visit-cuba")
    assert visit.referents == ("raisi-visit-havana",)
    (claim,) = ds.claims
    assert (claim.id, claim.referents) == ("raisi-president", ("raisi-is-president",))
    # the relation the same id names in both inputs folds unjudged under that id: no old id
    assert [r.referents for r in ds.relations if r.type == "agreement"] == [()]
    (view,) = ds.views
    assert view.relations == ("raisi-visit-cuba",)


def test_a_merge_read_with_its_inputs_shows_each_folded_relation_once(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _folded_pair(pair, tmp_path, capsys)
    alone = relgraph.load(merged)
    for inputs in ([merged, pair[1]], [pair[1], merged], [merged, pair[0]], [pair[0], merged]):
        ds = relgraph.load(inputs)
        assert [r.id for r in ds.relations] == [r.id for r in alone.relations], inputs
        assert [c.id for c in ds.claims] == [c.id for c in alone.claims]
        visit = next(r for r in ds.relations if r.id == "raisi-visit-cuba")
        assert visit == next(r for r in alone.relations if r.id == "raisi-visit-cuba")
        assert [v.relations for v in ds.views] == [("raisi-visit-cuba",)]
    code, _, err = run(capsys, "validate", str(merged), str(pair[0]), str(pair[1]))
    assert code == 0, err


def test_a_view_naming_a_relations_old_id_names_the_relation_it_was_folded_into(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _folded_pair(pair, tmp_path, capsys)
    merged.write_text(
        merged.read_text(encoding="utf-8").replace(
            "relations: [raisi-visit-cuba]", "relations: [raisi-visit-havana, raisi-visit-cuba]"
        ),
        encoding="utf-8",
    )
    assert [v.relations for v in relgraph.load(merged).views] == [("raisi-visit-cuba",)]


def test_bad_relation_and_claim_referents_are_located_errors(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _folded_pair(pair, tmp_path, capsys)
    text = merged.read_text(encoding="utf-8")
    bad = (
        text.replace(
            "    referents: [raisi-visit-havana]\n",
            "    referents: [raisi-visit-havana, raisi-visit-cuba, Not An Id]\n",
        )
        .replace("    referents: [raisi-is-president]\n", "    referents: [raisi-president]\n")
        .replace("  - source: iran\n", "  - referents: [raisi-visit-havana]\n    source: iran\n")
    )
    merged.write_text(bad, encoding="utf-8")
    lines = bad.splitlines()
    visit = lines.index("    referents: [raisi-visit-havana, raisi-visit-cuba, Not An Id]") + 1
    claim = lines.index("    referents: [raisi-president]") + 1
    other = lines.index("  - referents: [raisi-visit-havana]") + 1
    code, _, err = run(capsys, "validate", str(merged))
    assert code == 1
    assert err == (
        f"{merged}:{visit}:37: error[bad-referent] 'raisi-visit-cuba' is the relation's own "
        "id, not an old id of it\n"
        "  hint: list under 'referents:' only the ids merged into this relation\n"
        f"{merged}:{visit}:55: error[bad-id] 'Not An Id' in 'referents' is not an id\n"
        "  hint: write the old ids that were merged into this relation, as they were written\n"
        f"{merged}:{other}:17: error[duplicate-referent] the old id 'raisi-visit-havana' is "
        f"already a referent of 'raisi-visit-cuba' at {merged}:{visit}\n"
        "  hint: an old id was merged into one relation: keep it in one 'referents:' list\n"
        f"{merged}:{claim}:17: error[bad-referent] 'raisi-president' is the claim's own id, "
        "not an old id of it\n"
        "  hint: list under 'referents:' only the ids merged into this claim\n"
        f"relgraph: {merged}: 4 errors\n"
    )


def test_relation_and_claim_referents_travel_through_every_export(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    merged = _folded_pair(pair, tmp_path, capsys)
    ds = relgraph.load(merged)

    def back_again(path: Path) -> None:
        again = relgraph.load(path)
        assert [(r.id, r.referents) for r in again.relations] == [
            (r.id, r.referents) for r in ds.relations
        ]
        assert [(c.id, c.referents) for c in again.claims] == [
            (c.id, c.referents) for c in ds.claims
        ]

    lines = merged.parent / "both.jsonl"
    assert run(capsys, "convert", str(merged), "-o", str(lines))[0] == 0
    assert '"referents":["raisi-visit-havana"]' in lines.read_text(encoding="utf-8")
    back_again(lines)
    exported = tmp_path / "graph.json"
    assert run(capsys, "export", str(merged), "--to", "json", "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    (edge,) = [e for e in data["edges"] if e["id"] == "raisi-visit-cuba"]
    assert edge["referents"] == ["raisi-visit-havana"]
    assert [c["referents"] for c in data["graph"]["claims"]] == [["raisi-is-president"]]
    (tmp_path / "back").mkdir()
    back = tmp_path / "back" / "both.yaml"
    assert run(capsys, "import", "json", str(exported), "-o", str(back))[0] == 0
    back_again(back)

    sheets = tmp_path / "sheets"
    assert run(capsys, "export", str(merged), "--to", "csv", "-o", str(sheets))[0] == 0
    for name, ident, old in (
        ("relations.csv", "raisi-visit-cuba", "raisi-visit-havana"),
        ("claims.csv", "raisi-president", "raisi-is-president"),
    ):
        with open(sheets / name, encoding="utf-8", newline="") as fh:
            rows = {row["ID"]: row for row in csv.DictReader(fh)}
        assert rows[ident]["Referents"] == old
    (tmp_path / "csv").mkdir()
    from_csv = tmp_path / "csv" / "both.yaml"
    code, _, err = run(
        capsys,
        "import",
        "csv",
        *(str(sheets / f) for f in ("entities.csv", "relations.csv")),
        *("--sources", str(sheets / "sources.csv"), "--claims", str(sheets / "claims.csv")),
        *("--meta", str(sheets / "meta.yaml"), "-o", str(from_csv)),
    )
    assert code == 0, err
    back_again(from_csv)

    graphml = tmp_path / "g.graphml"
    assert run(capsys, "export", str(merged), "--to", "graphml", "-o", str(graphml))[0] == 0
    edges = {d["relation_id"]: d for _, _, d in nx.read_graphml(graphml).edges(data=True)}
    assert edges["raisi-visit-cuba"]["referents"] == "raisi-visit-havana"
    gexf = tmp_path / "g.gexf"
    assert run(capsys, "export", str(merged), "--to", "gexf", "-o", str(gexf))[0] == 0
    edges = {d["id"]: d for _, _, d in nx.read_gexf(gexf).edges(data=True)}
    assert edges["raisi-visit-cuba"]["referents"] == "raisi-visit-havana"
    cypher = tmp_path / "g.cypher"
    assert run(capsys, "export", str(merged), "--to", "cypher", "-o", str(cypher))[0] == 0
    script = cypher.read_text(encoding="utf-8")
    assert 'referents: ["raisi-visit-havana"]' in script
    assert 'referents: ["raisi-is-president"]' in script
    admin = tmp_path / "admin"
    assert run(capsys, "export", str(merged), "--to", "neo4j-admin", "-o", str(admin))[0] == 0
    for name, ident, old in (
        ("relations.csv", "raisi-visit-cuba", "raisi-visit-havana"),
        ("claims.csv", "raisi-president", "raisi-is-president"),
    ):
        with open(admin / name, encoding="utf-8", newline="") as fh:
            table = list(csv.reader(fh))
        column, key = (
            table[0].index("referents:string[]"),
            table[0].index("id" if name == "relations.csv" else "id:ID(Claim)"),
        )
        assert [row[column] for row in table[1:] if row[key] == ident] == [old]
    ftm = tmp_path / "g.ftm.json"
    assert run(capsys, "export", str(merged), "--to", "ftm", "-o", str(ftm))[0] == 0
    records = [json.loads(line) for line in ftm.read_text(encoding="utf-8").splitlines()]
    (visit,) = [r for r in records if r["properties"].get("recordId") == ["raisi-visit-cuba"]]
    assert visit["referents"] == [visit["id"].replace("raisi-visit-cuba", "raisi-visit-havana")]
    assert any(
        "merged from raisi-is-president" in n
        for r in records
        for n in r["properties"].get("notes", [])
    )
    assert ds.graph().edges["ibrahim-raisi", "cuba", "raisi-visit-cuba"]["referents"] == [
        "raisi-visit-havana"
    ]
    (page_edge,) = [e for e in page_data(ds)["edges"] if e["id"] == "raisi-visit-cuba"]
    assert page_edge["referents"] == ["raisi-visit-havana"]


def test_lost_names_a_relation_id_the_merge_dropped(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = (relgraph.load(p) for p in pair)
    path = _judged(
        tmp_path,
        ("entity", "first:ibrahim-raisi", "second:ebrahim-raisi", "same"),
        ("relation", "first:raisi-visit-cuba", "second:raisi-visit-havana", "same"),
    )
    result = merge([a, b], read_judgements(path))
    assert result.lost() == []
    result.dataset = dataclasses.replace(
        result.dataset,
        relations=tuple(dataclasses.replace(r, referents=()) for r in result.dataset.relations),
    )
    assert result.lost() == [
        "second:raisi-visit-havana: its id 'raisi-visit-havana', as a referent of raisi-visit-cuba"
    ]


def test_another_relation_under_a_folded_relations_id_is_still_a_conflict(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the merge's own inputs fold: another type or other ends is another relation."""
    merged = _folded_pair(pair, tmp_path, capsys)
    other = pair[1].with_name("other.yaml")
    other.write_text(
        pair[1]
        .read_text(encoding="utf-8")
        .replace("id: second", "id: other", 1)
        .replace("    type: visit\n", "    type: meeting\n", 1),
        encoding="utf-8",
    )
    visit = next(r for r in relgraph.load(merged).relations if r.id == "raisi-visit-cuba")
    line = other.read_text(encoding="utf-8").splitlines().index("  - id: raisi-visit-havana") + 1
    for paths in ([merged, other], [other, merged]):
        assert [p for p in _problems(*paths) if p[3] == "conflicting-relation"] == [
            (
                str(other),
                line,
                5,
                "conflicting-relation",
                "the relation 'raisi-visit-havana' was folded into 'raisi-visit-cuba' at "
                f"{visit.location}, which is defined differently (type 'visit' vs 'meeting')",
                "an old id names the relation it was folded into: if 'raisi-visit-havana' is "
                "another relation here, give it another id",
            )
        ], paths
