"""The load rules of sources and of the dataset's own section, as a user meets them.

A source's required fields and their hints, its optional fields as loaded, its
address, its stored text (where it may be, how large, its sha256), its links to
other sources and entities, review marks, and the hints of quotes not found.
Each test loads its own small dataset: mutation testing credits a test only with
what the test itself loads (see docs/testing.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import relgraph
from relgraph.errors import VALUE_LIMIT, DatasetError
from relgraph.load import rules
from relgraph.load.fast import load_files
from support import BASE_YAML, SOURCE_TEXT, sha256_of

#: BASE_YAML's source, as written there (the first lines of each test's changes)
SOURCE = (
    "  - id: art\n"
    "    title: An article\n"
    "    reliability: F\n"
    "    text: sources/art.txt\n"
    "    sha256: {sha}\n"
)
QUOTE = "      - quote: Iran and Cuba signed an agreement in Havana in January 2006.\n"
#: a quote whose second fragment is misspelt
ELIDED = "      - quote: Iran and Cuba signed … the ties were firm and progresive\n"


def dataset(tmp_path: Path, *changes: tuple[str, str], text: str = SOURCE_TEXT) -> Path:
    """BASE_YAML with each ``(old, new)`` of ``changes`` made once, its source text beside it."""
    yaml = BASE_YAML
    for old, new in changes:
        if old not in yaml:
            raise ValueError(f"not in the dataset: {old!r}")
        yaml = yaml.replace(old, new, 1)
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "art.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "d.yaml"
    path.write_text(yaml.replace("{sha}", sha256_of(text)), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    """Every problem of the dataset at ``path`` as printed, the path left out."""
    return [str(p).replace(str(path), "D") for p in relgraph.validate(path)]


# -- a source's required fields ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "    title: An article\n",
            "D:5:5: error[missing-field] this source has no 'title'\n"
            "  hint: add 'title: <the title the source has>'",
        ),
        (
            "    reliability: F\n",
            "D:5:5: error[missing-field] this source has no 'reliability'\n"
            "  hint: add 'reliability: A'",
        ),
        (
            "    text: sources/art.txt\n",
            "D:5:5: error[missing-field] this source has no 'text'\n"
            "  hint: add 'text: sources/<file>.txt'",
        ),
    ],
)
def test_a_source_without_a_required_field_is_refused_with_an_example(
    tmp_path: Path, line: str, problem: str
) -> None:
    # the relation citing the source is not blamed too: the source is reported once
    assert problems_of(dataset(tmp_path, (line, ""))) == [problem]


def test_a_source_without_sha256_is_told_the_digest_of_its_text(tmp_path: Path) -> None:
    path = dataset(tmp_path, ("    sha256: {sha}\n", ""))
    assert problems_of(path) == [
        "D:5:5: error[missing-field] this source has no 'sha256'\n"
        f"  hint: add 'sha256: {sha256_of(SOURCE_TEXT)}'"
    ]
    with pytest.raises(DatasetError):
        relgraph.load(path)


def test_a_source_without_sha256_or_a_text_to_read_gets_a_placeholder(tmp_path: Path) -> None:
    path = dataset(tmp_path, ("    sha256: {sha}\n", ""), ("sources/art.txt", "sources/gone.txt"))
    assert problems_of(path) == [
        "D:5:5: error[missing-field] this source has no 'sha256'\n"
        "  hint: add 'sha256: <sha256sum of the text file>'",
        "D:8:11: error[missing-source-text] the source text 'sources/gone.txt' does not exist\n"
        f"  hint: store the source's text at {tmp_path / 'sources' / 'gone.txt'}",
    ]


def test_a_second_source_with_the_same_id_is_refused(tmp_path: Path) -> None:
    again = SOURCE.replace("An article", "Again")
    path = dataset(tmp_path, ("entities:\n", again + "entities:\n"))
    assert problems_of(path) == [
        "D:10:9: error[duplicate-id] the source id 'art' is already used at D:5\n"
        "  hint: give each one a different id"
    ]


def test_a_source_with_a_problem_is_not_blamed_again_at_the_quotes_citing_it(
    tmp_path: Path,
) -> None:
    # the quote is not in the text, but the source did not load: only its own problem
    path = dataset(
        tmp_path,
        ("    title: An article\n", ""),
        ("quote: Iran and Cuba signed", "quote: Iran and Cuba never signed"),
    )
    assert problems_of(path) == [
        "D:5:5: error[missing-field] this source has no 'title'\n"
        "  hint: add 'title: <the title the source has>'"
    ]


def test_a_source_without_an_id_is_reported_and_the_quotes_citing_it_are_unknown(
    tmp_path: Path,
) -> None:
    path = dataset(tmp_path, ("  - id: art\n    title", "  - title"))
    assert problems_of(path) == [
        "D:5:5: error[missing-field] this source has no 'id'\n  hint: add 'id: <a-readable-slug>'",
        "D:27:17: error[unknown-source] 'art' is not a source of the dataset\n"
        "  hint: sources are listed under 'sources:'",
    ]


# -- a source's optional fields ---------------------------------------------------


def test_a_sources_optional_fields_are_loaded_as_written(tmp_path: Path) -> None:
    path = dataset(
        tmp_path,
        (
            "    reliability: F\n",
            "    reliability: F\n"
            "    publisher: Prensa Latina\n"
            "    url: https://example.org/havana-2006\n"
            "    published: 2006-01-20\n"
            "    retrieved: 2024-05\n"
            "    notes: Read in the archive.\n",
        ),
    )
    (source,) = relgraph.load(path).sources
    assert (source.id, source.title, source.reliability) == ("art", "An article", "F")
    assert (source.publisher, source.url, source.notes) == (
        "Prensa Latina",
        "https://example.org/havana-2006",
        "Read in the archive.",
    )
    assert (str(source.published), str(source.retrieved)) == ("2006-01-20", "2024-05")
    assert (source.text_path, source.sha256, source.text) == (
        "sources/art.txt",
        sha256_of(SOURCE_TEXT),
        SOURCE_TEXT,
    )
    # no links: no origin, nothing it derives from
    assert (source.origin, source.origin_entity, source.derived_from) == (None, None, ())


def test_a_source_without_optional_fields_has_none_of_them(tmp_path: Path) -> None:
    (source,) = relgraph.load(dataset(tmp_path)).sources
    assert (source.publisher, source.url, source.published, source.retrieved, source.notes) == (
        None,
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=c#d", "http://example.org", "HTTPS://Example.org/A"]
)
def test_an_http_address_in_any_case_is_kept(tmp_path: Path, url: str) -> None:
    path = dataset(tmp_path, ("    reliability: F\n", f"    reliability: F\n    url: {url}\n"))
    ds = relgraph.load(path)
    assert [s.url for s in ds.sources] == [url]
    assert ds.warnings == ()


@pytest.mark.parametrize(
    ("url", "whole"),
    [
        ("ftp://example.org/a", None),
        # the message quotes the value whole up to VALUE_LIMIT characters ...
        ("ftp://" + "x" * (VALUE_LIMIT - 6), None),
        # ... and cuts a longer one, keeping it whole for JSON
        ("ftp://" + "x" * (VALUE_LIMIT - 5), "ftp://" + "x" * (VALUE_LIMIT - 5)),
    ],
)
def test_an_address_that_is_not_http_is_refused_and_a_long_one_kept_whole(
    tmp_path: Path, url: str, whole: str | None
) -> None:
    path = dataset(tmp_path, ("    reliability: F\n", f"    reliability: F\n    url: {url}\n"))
    (problem,) = relgraph.validate(path)
    assert (problem.line, problem.column, problem.code, problem.message, problem.hint) == (
        8,
        10,
        "bad-url",
        f"'{url}' is not an http or https address",
        "give the address the source was read at, starting https://",
    )
    assert problem.value == whole


def test_an_origin_that_is_not_text_is_one_problem(tmp_path: Path) -> None:
    # the wrong value is not looked up as an entity id as well
    path = dataset(tmp_path, ("    sha256: {sha}\n", "    sha256: {sha}\n    origin: 12\n"))
    assert problems_of(path) == [
        "D:10:13: error[wrong-type] 'origin' of a source must be text, not a number (12)\n"
        '  hint: write origin: "…" in quotes to keep it as text'
    ]


# -- links between sources and to entities ----------------------------------------


def test_a_source_derived_from_another_has_no_origin_of_its_own(tmp_path: Path) -> None:
    copy = SOURCE.replace("id: art", "id: copy").replace("An article", "A copy")
    copy += "    derived_from: art\n"
    ds = relgraph.load(dataset(tmp_path, ("entities:\n", copy + "entities:\n")))
    assert [(s.id, s.derived_from, s.origin, s.origin_entity) for s in ds.sources] == [
        ("art", (), None, None),
        ("copy", ("art",), None, None),
    ]


def test_every_affiliation_of_a_source_is_kept_in_order(tmp_path: Path) -> None:
    path = dataset(
        tmp_path,
        ("    sha256: {sha}\n", "    sha256: {sha}\n    affiliation: [cuba, iran, cuba]\n"),
    )
    (source,) = relgraph.load(path).sources
    assert source.affiliation == ("cuba", "iran")


# -- the stored text ---------------------------------------------------------------


def test_a_text_field_that_is_not_text_is_one_problem(tmp_path: Path) -> None:
    path = dataset(tmp_path, ("text: sources/art.txt", "text: 12"))
    assert problems_of(path) == [
        "D:8:11: error[wrong-type] 'text' of a source must be text, not a number (12)\n"
        '  hint: write text: "…" in quotes to keep it as text'
    ]


def test_a_source_text_reached_through_a_link_out_of_the_folder_is_refused(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    inside = tmp_path / "data"
    inside.mkdir()
    path = dataset(inside, ("sources/art.txt", "sources/linked/art.txt"))
    os.symlink(outside, inside / "sources" / "linked")
    assert problems_of(path) == [
        "D:8:11: error[unsafe-path] the source text path 'sources/linked/art.txt' leads "
        "outside the dataset's folder through a link\n"
        "  hint: copy the text into the dataset's folder"
    ]


def test_a_source_text_larger_than_relgraph_reads_is_refused(tmp_path: Path) -> None:
    path = dataset(tmp_path)
    with open(tmp_path / "sources" / "art.txt", "r+b") as fh:
        fh.truncate(rules.MAX_SOURCE_BYTES + 1)  # sparse: nothing is written
    (problem,) = relgraph.validate(path)
    assert (problem.line, problem.column, problem.code, problem.message) == (
        8,
        11,
        "file-too-large",
        f"the source text 'sources/art.txt': the file is {rules.MAX_SOURCE_BYTES + 1} bytes; "
        f"relgraph reads at most {rules.MAX_SOURCE_BYTES} bytes here",
    )


# -- the dataset section -------------------------------------------------------------


def test_the_dataset_sections_fields_are_loaded_as_written(tmp_path: Path) -> None:
    path = dataset(
        tmp_path,
        (
            "  title: Demo\n",
            "  title: Cuba and Iran in 2006\n"
            "  description: What one article says.\n"
            "  notes: A first reading.\n"
            "  license: CC-BY-4.0\n"
            "  authors: A. Reader\n"
            "  alleged_attributions: [the data]\n",
        ),
    )
    ds = relgraph.load(path)
    assert (ds.id, ds.title) == ("demo", "Cuba and Iran in 2006")
    assert (ds.description, ds.notes, ds.license, ds.authors) == (
        "What one article says.",
        "A first reading.",
        "CC-BY-4.0",
        "A. Reader",
    )
    assert ds.alleged_attributions == ("the data",)


def test_a_dataset_without_optional_fields_has_none_of_them(tmp_path: Path) -> None:
    ds = relgraph.load(dataset(tmp_path))
    assert (ds.id, ds.title) == ("demo", "Demo")
    assert (ds.description, ds.notes, ds.license, ds.authors, ds.alleged_attributions) == (
        None,
        None,
        None,
        None,
        (),
    )


def test_a_second_dataset_section_names_where_the_first_is(tmp_path: Path) -> None:
    main = dataset(tmp_path)
    more = tmp_path / "more.yaml"
    more.write_text(
        "entities:\n"
        "  - id: venezuela\n"
        "    name: Venezuela\n"
        "    kind: state\n"
        "dataset:\n"
        "  id: other\n"
        "  title: Other\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        load_files([str(main), str(more)])
    assert [str(d) for d in info.value.diagnostics] == [
        f"{more}:6:3: error[duplicate-dataset] a second 'dataset:' section (only one file "
        "may describe the dataset)\n"
        f"  hint: keep the one at {main}:2"
    ]


def test_no_files_at_all_is_a_missing_dataset_not_a_crash() -> None:
    with pytest.raises(DatasetError) as info:
        load_files([])
    assert [
        (d.path, d.line, d.column, d.code, d.message, d.hint) for d in info.value.diagnostics
    ] == [
        (
            "",
            1,
            1,
            "missing-dataset",
            "no file of the dataset has a 'dataset:' section",
            "add 'dataset:' with an id and a title at the top of the main file",
        )
    ]


# -- review marks -------------------------------------------------------------------


def test_a_review_mark_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = dataset(tmp_path, ("    reliability: F\n", "    reliability: F\n    review: maybe\n"))
    assert problems_of(path) == [
        "D:8:13: error[unknown-review] 'maybe' is not a review mark\n"
        "  hint: choose one of: proposed, accepted"
    ]


def test_a_source_proposed_for_review_loads_with_a_warning(tmp_path: Path) -> None:
    path = dataset(tmp_path, ("    reliability: F\n", "    reliability: F\n    review: proposed\n"))
    ds = relgraph.load(path)
    assert [str(w).replace(str(path), "D") for w in ds.warnings] == [
        "D:8:13: warning[proposed] this source is still proposed for review\n"
        "  hint: check it against its source; then delete the 'review:' line or write "
        "'review: accepted' and run `relgraph accept`"
    ]


def test_records_accepted_in_review_load_without_a_warning(tmp_path: Path) -> None:
    path = dataset(
        tmp_path,
        ("    reliability: F\n", "    reliability: F\n    review: accepted\n"),
        ("    kind: state\n", "    kind: state\n    review: accepted\n"),
        ("    status: reported\n", "    status: reported\n    review: accepted\n"),
    )
    ds = relgraph.load(path)
    assert ds.warnings == ()
    assert [(e.id, e.review) for e in ds.entities] == [
        ("iran", "accepted"),
        ("cuba", None),
        ("hamas", None),
    ]
    assert [r.review for r in ds.relations] == ["accepted"]


# -- old ids of claims ---------------------------------------------------------------


def test_a_claim_keeps_the_old_ids_merged_into_it(tmp_path: Path) -> None:
    claim = (
        "claims:\n"
        "  - entity: cuba\n"
        "    statement: Cuba provides intelligence to Hamas.\n"
        "    status: alleged\n"
        "    referents: [old-claim]\n"
        "    evidence:\n"
        "      - quote: The data alleges that Cuba provides intelligence to Hamas.\n"
        "        source: art\n"
    )
    path = dataset(
        tmp_path, (QUOTE + "        source: art\n", QUOTE + "        source: art\n" + claim)
    )
    (loaded,) = relgraph.load(path).claims
    assert (loaded.id, loaded.referents) == (
        "cuba.claim.cuba-provides-intelligence-to-hamas",
        ("old-claim",),
    )


# -- JSON Lines: the source's text is watched for allegation words -----------------


def test_a_json_lines_relation_quoting_an_allegation_as_reported_is_warned_about(
    tmp_path: Path,
) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    records = [
        {"record": "dataset", "id": "demo", "title": "Demo"},
        {
            "record": "source",
            "id": "art",
            "title": "An article",
            "reliability": "F",
            "text": "sources/art.txt",
            "sha256": sha256_of(SOURCE_TEXT),
        },
        {"record": "entity", "id": "cuba", "name": "Cuba", "kind": "state"},
        {"record": "entity", "id": "hamas", "name": "Hamas", "kind": "group"},
        {
            "record": "relation",
            "source": "cuba",
            "target": "hamas",
            "type": "intelligence_sharing",
            "status": "reported",
            "evidence": [{"quote": "Cuba provides intelligence to Hamas", "source": "art"}],
        },
    ]
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ds = relgraph.load(path)
    assert [(w.line, w.code, w.message, w.hint) for w in ds.warnings] == [
        (
            5,
            "allegation-as-fact",
            "the source frames this as an allegation, but the status is 'reported'",
            "if the source only alleges it, write status: alleged",
        )
    ]
    assert [r.id for r in ds.relations] == ["cuba.intelligence_sharing.hamas"]


# -- the hints of quotes not found ----------------------------------------------------


def test_a_quote_like_nothing_in_the_text_is_told_to_copy_the_words(tmp_path: Path) -> None:
    path = dataset(tmp_path, (QUOTE, "      - quote: zzqx vvkj wwpl\n"))
    (problem,) = relgraph.validate(path)
    assert (problem.code, problem.message, problem.hint) == (
        "quote-not-found",
        "the quote is not in the text of source 'art'",
        "copy the words exactly from the source's text",
    )


def test_an_elided_fragment_like_nothing_in_the_text_gets_no_closest_passage(
    tmp_path: Path,
) -> None:
    path = dataset(tmp_path, (QUOTE, "      - quote: Iran and Cuba signed … zzqx vvkj wwpl\n"))
    (problem,) = relgraph.validate(path)
    assert (problem.code, problem.message, problem.hint) == (
        "quote-not-found",
        "the 2 fragments of the quote are not in one paragraph of the text of source 'art', "
        "in this order",
        'the fragment "zzqx vvkj wwpl" is not in the text',
    )


def test_an_elided_fragment_gets_its_closest_passage(tmp_path: Path) -> None:
    path = dataset(
        tmp_path,
        (QUOTE, "      - quote: Iran and Cuba signed … the ties were firm and progresive\n"),
    )
    (problem,) = relgraph.validate(path)
    assert problem.hint == (
        'the fragment "the ties were firm and progresive" is not in the text; the closest '
        'passage is: "the ties were “firm and progressive"'
    )


def test_a_text_longer_than_the_search_limit_gets_no_closest_passage_for_a_fragment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_HINT_TEXT", len(SOURCE_TEXT) - 1)
    path = dataset(
        tmp_path,
        (QUOTE, "      - quote: Iran and Cuba signed … the ties were firm and progresive\n"),
    )
    (problem,) = relgraph.validate(path)
    assert problem.hint == 'the fragment "the ties were firm and progresive" is not in the text'


def test_a_text_exactly_as_long_as_the_search_limit_is_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_HINT_TEXT", len(SOURCE_TEXT))
    path = dataset(tmp_path, (QUOTE, "      - quote: the ties were firm and progresive\n"))
    (problem,) = relgraph.validate(path)
    assert problem.hint == ('the closest passage is: "the ties were “firm and progressive"')
