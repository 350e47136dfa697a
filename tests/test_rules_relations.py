"""The load rules of relations and their evidence: what a user sees when one is right or wrong.

A relation or an evidence item with a problem is refused and said once, where the
problem is: the warnings that a relation which loads would get (a confirmed one
resting on a single origin is ``warning[unconfirmed]``) are not added for it. Each
test loads its own data (see docs/testing.md, "Mutation testing").
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from test_rules import ATTRIBUTED, FIXTURE, WIRE_QUOTE, variant

import relgraph
from relgraph.load.rules import MAX_QUOTE, not_alleged
from support import BASE_YAML, run

Seen = tuple[str, str, str, str | None, int, int]

#: the end of the evidence item of the fixture's confirmed criticism, which rests on the wire
CRITICISM_ITEM = "criticised Alphaland on 9 June 2021.\n        source: wire\n"
UNCONFIRMED = (
    "warning",
    "unconfirmed",
    "relation 'gamma.criticism.alpha.2021-06-09' is marked confirmed but has 1 independent "
    "origin: 'wire'",
    "confirmed needs two independent origins not affiliated with its ends: add evidence "
    "from another origin, or mark it reported",
    65,
    5,
)


def seen(path: Path) -> list[Seen]:
    """Every problem ``relgraph.validate`` reports: severity, code, message, hint, line, column."""
    return [
        (p.severity, p.code, p.message, p.hint, p.line, p.column) for p in relgraph.validate(path)
    ]


def test_the_confirmed_criticism_is_warned_about_when_it_loads() -> None:
    # what the refusals below take away: the warning of the relation as it is
    assert seen(FIXTURE) == [UNCONFIRMED]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        pytest.param(
            [("    date: 2021-06-09\n", "    date: 2021-06-09\n    start: 2021-06-01\n")],
            (
                "date-and-range",
                "a relation has either 'date' or 'start'/'end', not both",
                "use date: for a single event, start:/end: for a period",
                68,
                11,
            ),
            id="date-and-range",
        ),
        pytest.param(
            [("    date: 2021-06-09\n", "    start: 2021-06-09\n    end: 2021-06-01\n")],
            (
                "end-before-start",
                "the end 2021-06-01 is before the start 2021-06-09",
                "swap them, or check the source's dates",
                69,
                10,
            ),
            id="end-before-start",
        ),
        pytest.param(
            [("  - source: gamma\n    target: alpha\n", "  - source: gamma\n    target: gamma\n")],
            (
                "self-relation",
                "the relation joins 'gamma' to itself",
                "say something about a single actor as a claim instead",
                66,
                13,
            ),
            id="self-relation",
        ),
        pytest.param(
            [("    type: criticism\n", "    type: visit\n")],
            (
                "endpoint-kinds",
                "'visit' cannot join a group ('gamma') to a state ('alpha')",
                "'visit' goes from official, person, state, organization to state, territory, "
                "organization; check the direction or choose another type",
                67,
                11,
            ),
            id="endpoint-kinds",
        ),
        pytest.param(
            [(CRITICISM_ITEM, CRITICISM_ITEM + "        origin: the-ministry\n")],
            (
                "unknown-origin",
                "'the-ministry' is not a source or an entity of the dataset",
                "an origin is the id of a source or an entity: add 'the-ministry' under "
                "'entities:', or write the origin as text, such as 'Cuban foreign ministry "
                "statement'",
                73,
                17,
            ),
            id="unknown-origin",
        ),
        pytest.param(
            [
                ("    reliability: B\n", "    reliability: B\n    retrieved: 2021-06-10\n"),
                (CRITICISM_ITEM, CRITICISM_ITEM + "        reported: 2021-06-11\n"),
            ],
            (
                "reported-after-retrieval",
                "the item is reported on 2021-06-11, after its source 'wire' was retrieved "
                "(2021-06-10)",
                "a source cannot report anything after it was read; check 'reported' and the "
                "source's 'retrieved'",
                74,
                19,
            ),
            id="reported-after-retrieval",
        ),
        pytest.param(
            [(CRITICISM_ITEM, CRITICISM_ITEM + "        credibility: 9\n")],
            (
                "bad-credibility",
                "credibility 9 is out of range",
                "write a number from 1 to 6",
                73,
                22,
            ),
            id="an-item's-own-field",
        ),
        pytest.param(
            [
                (
                    "    evidence:\n      - quote: The Gamma",
                    "    evidence:\n      - a wire\n      - quote: The Gamma",
                )
            ],
            (
                "wrong-type",
                "each evidence item must be a mapping",
                "write '- quote: \"…\"' with 'source:' below it",
                71,
                9,
            ),
            id="an-item-that-is-no-mapping",
        ),
        pytest.param(
            [
                (
                    CRITICISM_ITEM,
                    CRITICISM_ITEM + "      - quote: The Gamma Front praised Alphaland on 9 June.\n"
                    "        source: wire\n",
                )
            ],
            (
                "quote-not-found",
                "the quote is not in the text of source 'wire'",
                'the closest passage is: "The Gamma Front criticised Alphaland on 9 June"',
                73,
                16,
            ),
            id="one-item-of-two-not-found",
        ),
    ],
)
def test_a_refused_relation_is_said_once_where_it_is_wrong_and_not_warned_about(
    tmp_path: Path, changes: list[tuple[str, str]], problem: tuple[str, str, str, int, int]
) -> None:
    assert seen(variant(tmp_path, *changes)) == [("error", *problem)]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        pytest.param(
            "    type: criticism\n",
            "",
            ("this relation has no 'type'", "add 'type: agreement'", 65, 5),
            id="type",
        ),
        pytest.param(
            "    date: 2021-06-09\n    status: confirmed\n",
            "    date: 2021-06-09\n",
            (
                "this relation has no 'status'",
                "add 'status: reported' if the source reports it, or the status it gives: "
                "confirmed, alleged, disputed, denied",
                65,
                5,
            ),
            id="status",
        ),
        pytest.param(
            "      - quote: The Gamma Front criticised Alphaland on 9 June 2021.\n"
            "        source: wire\n",
            "      - source: wire\n",
            (
                "this evidence item has no 'quote'",
                "add 'quote: \"<the exact words of the source>\"'",
                71,
                9,
            ),
            id="quote",
        ),
        pytest.param(
            "      - quote: The Gamma Front criticised Alphaland on 9 June 2021.\n"
            "        source: wire\n",
            "      - quote: The Gamma Front criticised Alphaland on 9 June 2021.\n",
            ("this evidence item has no 'source'", "add 'source: <a source id>'", 71, 9),
            id="source",
        ),
    ],
)
def test_a_relation_or_evidence_item_without_a_required_field_is_refused_by_name(
    tmp_path: Path, old: str, new: str, problem: tuple[str, str, int, int]
) -> None:
    assert seen(variant(tmp_path, (old, new))) == [("error", "missing-field", *problem)]


def test_a_relation_keeps_its_notes_review_mark_and_old_ids(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "    status: confirmed\n    evidence:\n      - quote: The Gamma Front",
            "    status: confirmed\n    notes: Seen on the wire only.\n    review: accepted\n"
            "    referents: [gamma-criticised-alpha]\n"
            "    evidence:\n      - quote: The Gamma Front",
        ),
    )
    criticism = relgraph.load(path).relations[-1]
    assert (criticism.id, criticism.notes, criticism.review, criticism.referents) == (
        "gamma.criticism.alpha.2021-06-09",
        "Seen on the wire only.",
        "accepted",
        ("gamma-criticised-alpha",),
    )
    # without them: none of the three
    plain = relgraph.load(FIXTURE).relations[-1]
    assert (plain.notes, plain.review, plain.referents) == (None, None, ())


def test_a_relation_proposed_for_review_loads_with_its_mark_and_a_warning(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "    status: confirmed\n    evidence:\n      - quote: The Gamma",
            (
                "    status: confirmed\n    review: proposed\n"
                "    evidence:\n      - quote: The Gamma"
            ),
        ),
    )
    ds = relgraph.load(path)
    assert ds.relations[-1].review == "proposed"
    assert [(w.code, w.message, w.hint, w.line, w.column) for w in ds.warnings] == [
        (
            "unconfirmed",
            "relation 'gamma.criticism.alpha.2021-06-09' is marked confirmed but has 1 "
            "independent origin: 'wire'",
            UNCONFIRMED[3],
            65,
            5,
        ),
        (
            "proposed",
            "this relation is still proposed for review",
            "check it against its source; then delete the 'review:' line or write "
            "'review: accepted' and run `relgraph accept`",
            70,
            13,
        ),
    ]


def test_an_old_id_of_a_relation_that_is_its_own_or_another_s_is_refused(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "  - source: beta\n    target: alpha\n",
            "  - source: beta\n    target: alpha\n    referents: [old-tie]\n",
        ),
        (
            "  - source: gamma\n    target: alpha\n",
            "  - id: the-criticism\n    source: gamma\n    target: alpha\n"
            "    referents: [the-criticism, old-tie]\n",
        ),
        (
            "    date: 2021-06-09\n    status: confirmed\n",
            "    date: 2021-06-09\n    status: reported\n",
        ),
    )
    assert seen(path) == [
        (
            "error",
            "bad-referent",
            "'the-criticism' is the relation's own id, not an old id of it",
            "list under 'referents:' only the ids merged into this relation",
            69,
            17,
        ),
        (
            "error",
            "duplicate-referent",
            f"the old id 'old-tie' is already a referent of 'alpha.agreement.beta.2021-03' "
            f"at {path}:39",
            "an old id was merged into one relation: keep it in one 'referents:' list",
            69,
            32,
        ),
    ]


FUNDS = """\
vocabulary:
  relation_types:
    - id: funds
      category: support
      label: funds
      inverse_label: is funded by
      directed: true
      sign: cooperative
      source_kinds: [state, organization]
      target_kinds: "*"
"""


def test_a_type_of_the_dataset_s_own_that_takes_any_kind_at_one_end_says_so(
    tmp_path: Path,
) -> None:
    path = variant(
        tmp_path,
        ("sources:\n", FUNDS + "sources:\n"),
        ("    type: criticism\n", "    type: funds\n"),
    )
    assert seen(path) == [
        (
            "error",
            "endpoint-kinds",
            "'funds' cannot join a group ('gamma') to a state ('alpha')",
            "'funds' goes from state, organization to any kind; check the direction or "
            "choose another type",
            77,
            11,
        )
    ]
    # the other way round, a state may fund a group
    path = variant(
        tmp_path / "turned",
        ("sources:\n", FUNDS + "sources:\n"),
        ("    type: criticism\n", "    type: funds\n"),
        ("  - source: gamma\n    target: alpha\n", "  - source: alpha\n    target: gamma\n"),
    )
    assert [(r.id, r.sign) for r in relgraph.load(path).relations][-1] == (
        "alpha.funds.gamma.2021-06-09",
        "cooperative",
    )


def test_an_item_reported_on_the_day_its_source_was_retrieved_is_taken(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("    reliability: B\n", "    reliability: B\n    retrieved: 2021-06-10\n"),
        (CRITICISM_ITEM, CRITICISM_ITEM + "        reported: 2021-06-10\n"),
    )
    (item,) = relgraph.load(path).relations[-1].evidence
    assert str(item.reported) == "2021-06-10"
    # a month is read as its first day at the earliest: June may be before the 10th
    path = variant(
        tmp_path / "month",
        ("    reliability: B\n", "    reliability: B\n    retrieved: 2021-06-10\n"),
        (CRITICISM_ITEM, CRITICISM_ITEM + "        reported: 2021-06\n"),
    )
    (item,) = relgraph.load(path).relations[-1].evidence
    assert str(item.reported) == "2021-06"


#: a quote of exactly MAX_QUOTE characters
LONG_QUOTE = "They met " + " ".join(["again"] * 832)


def test_a_quote_of_the_longest_length_is_taken_and_one_more_character_is_refused(
    make_dataset: Any,
) -> None:
    assert len(LONG_QUOTE) == MAX_QUOTE == 5_000
    text = f"Iran and Cuba signed an agreement in Havana in January 2006. {LONG_QUOTE}.\n"
    for quote in (LONG_QUOTE, LONG_QUOTE + "!"):
        path = make_dataset(
            BASE_YAML.replace(
                "Iran and Cuba signed an agreement in Havana in January 2006.", quote
            ),
            text,
            name=f"q{len(quote)}.yaml",
        )
        if len(quote) == MAX_QUOTE:
            (relation,) = relgraph.load(path).relations
            (item,) = relation.evidence
            assert (item.quote, item.start, item.end) == (quote, 61, 61 + MAX_QUOTE)
            continue
        assert seen(path) == [
            (
                "error",
                "quote-too-long",
                "the quote is 5001 characters long; relgraph takes at most 5000",
                "quote only the passage that supports this relation or claim",
                27,
                16,
            )
        ]


def test_elided_quotes_not_found_count_towards_the_quotes_searched_in_a_source(
    tmp_path: Path,
) -> None:
    elided = "".join(
        f"      - quote: The Gamma Front … criticised Alphaland on {n} May\n        source: wire\n"
        for n in range(10, 30)
    )
    path = variant(
        tmp_path,
        (
            CRITICISM_ITEM,
            CRITICISM_ITEM
            + elided
            + "      - quote: Gamma criticised Alphaland twice.\n        source: wire\n",
        ),
    )
    problems = [p for p in relgraph.validate(path) if p.code == "quote-not-found"]
    assert [(p.message, p.hint) for p in problems[:1]] == [
        (
            "the 2 fragments of the quote are not in one paragraph of the text of source "
            "'wire', in this order",
            'the fragment "criticised Alphaland on 10 May" is not in the text; the closest '
            'passage is: "criticised Alphaland on 9"',
        )
    ]
    assert [(p.message, p.hint) for p in problems[20:]] == [
        (
            "the quote is not in the text of source 'wire'",
            "copy the words exactly from the source's text (no closest passage is looked for "
            "after 20 quotes not found in one source: is it the right text?)",
        )
    ]


def test_an_evidence_item_keeps_where_it_is_written_and_who_it_is_attributed_to(
    tmp_path: Path,
) -> None:
    path = variant(
        tmp_path, (CRITICISM_ITEM, CRITICISM_ITEM + "        attributed_to: an official\n")
    )
    (item,) = relgraph.load(path).relations[-1].evidence
    # free text names no actor
    assert (item.attributed_to, item.attributed_entity) == ("an official", None)
    assert item.location == relgraph.model.Location(str(path), 71, 9)
    # an attribution to an actor of the dataset names it
    path = variant(
        tmp_path / "actor", (CRITICISM_ITEM, CRITICISM_ITEM + "        attributed_to: gamma\n")
    )
    (item,) = relgraph.load(path).relations[-1].evidence
    assert (item.attributed_to, item.attributed_entity) == ("gamma", "gamma")


def test_a_quote_the_source_writes_with_an_ellipsis_is_found_where_it_is_written(
    make_dataset: Any,
) -> None:
    # its fragments alone would begin at the first "wait", a sentence earlier
    text = "We wait. They said: wait … and see, and nothing came.\n"
    path = make_dataset(
        BASE_YAML.replace(
            "Iran and Cuba signed an agreement in Havana in January 2006.", "wait … and see"
        ),
        text,
    )
    (item,) = relgraph.load(path).relations[0].evidence
    assert (text[item.start : item.end], item.start) == ("wait … and see", 20)
    assert item.context == "They said: wait … and see, and nothing came."


def test_every_item_of_an_evidence_list_is_checked_after_one_that_is_no_mapping(
    tmp_path: Path,
) -> None:
    path = variant(
        tmp_path,
        (
            "    evidence:\n      - quote: The Gamma",
            "    evidence:\n      - a wire\n      - quote: Gamma praised Alphaland.\n"
            "        source: wire\n      - quote: The Gamma",
        ),
    )
    assert [(p.code, p.line) for p in relgraph.validate(path)] == [
        ("wrong-type", 71),
        ("quote-not-found", 72),
    ]


def test_what_rests_only_on_words_taken_as_allegation_is_warned_about_where_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = variant(tmp_path, *ATTRIBUTED)
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (0, "")
    assert err.splitlines()[:2] == [
        f"{path}:38:5: warning[not-alleged] relation 'alpha.agreement.beta.2021-03' is "
        "confirmed, but rests only on 'a stringer', 'the paper's sources', whose words the "
        "dataset takes as allegation",
        "  hint: make it 'status: alleged' (or disputed or denied), or give evidence from "
        "another source; the dataset's 'alleged_attributions' lists these sources",
    ]
    (warning,) = (w for w in relgraph.load(path).warnings if w.code == "not-alleged")
    assert (warning.severity, warning.path, warning.line, warning.column) == (
        "warning",
        str(path),
        38,
        5,
    )


def test_not_alleged_warns_about_an_item_made_in_code_without_a_place(tmp_path: Path) -> None:
    ds = relgraph.load(variant(tmp_path, *ATTRIBUTED))
    agreement = ds.relations[0]
    made = dataclasses.replace(agreement, location=None, status="reported")
    (warning,) = not_alleged([made], ds.alleged_attributions)
    assert (warning.path, warning.line, warning.column, warning.severity) == ("", 0, 0, "warning")
    assert warning.message.startswith(
        "relation 'alpha.agreement.beta.2021-03' is reported, but rests only on 'a stringer'"
    )
    # printed, it starts with what it is, not with the colon of a place it does not have
    assert str(warning).startswith(
        "warning[not-alleged] relation 'alpha.agreement.beta.2021-03' is reported"
    )
    # an item without evidence rests on nothing: nothing to say
    assert not_alleged([dataclasses.replace(made, evidence=())], ds.alleged_attributions) == []
    # and without the dataset's list, nobody's words are taken as allegation
    assert not_alleged([made], ()) == []


def test_an_amount_whose_number_is_a_mapping_is_described_as_one(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            WIRE_QUOTE,
            "        source: wire\n        amount: {value: {n: 3}, unit: tonne}\n"
            "      - quote: The two states",
        ),
    )
    assert seen(path) == [
        (
            "error",
            "bad-amount",
            "the amount's 'value' must be a number, not a mapping",
            "write a number: value: 19 (exact), approx: 20 (about), or min:/max: for a range",
            45,
            25,
        ),
        (*UNCONFIRMED[:4], 66, 5),
    ]


@pytest.mark.parametrize(
    ("origin", "problem"),
    [
        pytest.param(
            "paper",
            (
                "'paper' is a source, not an entity: an origin is an entity or text",
                "if this source copies, translates or rewrites 'paper', write derived_from: paper",
            ),
            id="a-source",
        ),
        pytest.param(
            "papers",
            (
                "'papers' is not an entity of the dataset",
                # a source's origin is no source: 'paper' is not offered
                "an origin is the id of an entity: add 'papers' under 'entities:', or write the "
                "origin as text, such as 'Cuban foreign ministry statement'",
            ),
            id="an-unknown-id",
        ),
    ],
)
def test_a_source_s_origin_that_is_no_entity_is_refused_and_the_source_is_its_own_origin(
    tmp_path: Path, origin: str, problem: tuple[str, str]
) -> None:
    path = variant(
        tmp_path, ("    reliability: B\n", f"    reliability: B\n    origin: {origin}\n")
    )
    assert seen(path) == [("error", "unknown-origin", *problem, 13, 13), (*UNCONFIRMED[:4], 66, 5)]


def test_a_source_whose_origin_is_an_actor_counts_as_that_actor_s_word(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    reliability: B\n", "    reliability: B\n    origin: delta\n"))
    ds = relgraph.load(path)
    assert ds.sources[0].origin_entity == "delta"
    assert [(w.code, w.message) for w in ds.warnings] == [
        (
            "unconfirmed",
            "relation 'gamma.criticism.alpha.2021-06-09' is marked confirmed but has 1 "
            "independent origin: 'delta'",
        )
    ]
