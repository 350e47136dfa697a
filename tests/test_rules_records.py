"""The load rules of the records: actors, the ends of a relation, claims, amounts and dates.

Each test loads a small variant of the statuses fixture (``tests/fixtures/statuses``,
see ``tests/test_rules.py``) or of the demo dataset, and says what a user sees: which
records load with which values, and the exact problems (code, message, hint and where)
of those that do not. YAML records are always read by the load rules (the fast path
is for JSON Lines), so these reach them through the files a user writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_rules import FIXTURE, variant

import relgraph
from relgraph.model import Location
from support import BASE_YAML

AMOUNT_HINT = "write a number: value: 19 (exact), approx: 20 (about), or min:/max: for a range"
UNCONFIRMED = (
    "warning",
    "unconfirmed",
    "relation 'gamma.criticism.alpha.2021-06-09' is marked confirmed but has 1 independent "
    "origin: 'wire'",
    65,
    5,
)
#: the evidence of the criticism, the relation confirmed by one origin (so warned about)
CRITICISM = "criticised Alphaland on 9 June 2021.\n        source: wire\n"


def found(path: Path) -> list[tuple[Any, ...]]:
    """Every problem ``relgraph validate`` shows for ``path``: errors and warnings."""
    return [(p.severity, p.code, p.message, p.line, p.column) for p in relgraph.validate(path)]


def errors(path: Path) -> list[tuple[Any, ...]]:
    """The errors of ``path``, each with its hint and where it is."""
    return [
        (p.code, p.message, p.hint, p.line, p.column)
        for p in relgraph.validate(path)
        if p.severity == "error"
    ]


# -- actors --------------------------------------------------------------------------


def test_an_actor_keeps_its_review_mark_and_a_proposed_one_is_warned_about(
    tmp_path: Path,
) -> None:
    path = variant(
        tmp_path,
        ("    name: Alphaland\n", "    name: Alphaland\n    review: accepted\n"),
        ("    name: Betania\n", "    name: Betania\n    review: proposed\n"),
    )
    ds = relgraph.load(path)
    assert [(e.id, e.review) for e in ds.entities] == [
        ("alpha", "accepted"),
        ("beta", "proposed"),
        ("gamma", None),
        ("delta", None),
        ("epsilon", None),
    ]
    proposed = [w for w in ds.warnings if w.code == "proposed"]
    assert [(w.code, w.message, w.hint, w.line, w.column) for w in proposed] == [
        (
            "proposed",
            "this entity is still proposed for review",
            "check it against its source; then delete the 'review:' line or write "
            "'review: accepted' and run `relgraph accept`",
            27,
            13,
        )
    ]


def test_an_actor_remembers_where_it_is_written_and_its_old_ids(tmp_path: Path) -> None:
    path = variant(
        tmp_path, ("    name: Alphaland\n", "    name: Alphaland\n    referents: [al]\n")
    )
    ds = relgraph.load(path)
    alpha = ds.entity("alpha")
    assert (alpha.location, alpha.referents) == (Location(str(path), 21, 5), ("al",))
    assert (ds.entity("beta").location, ds.entity("beta").referents) == (
        Location(str(path), 25, 5),
        (),
    )


def test_an_actor_without_a_kind_is_refused_with_an_example_kind(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    kind: company\n", ""))
    assert errors(path) == [
        ("missing-field", "this entity has no 'kind'", "add 'kind: state'", 33, 5)
    ]


def test_an_actor_of_an_unknown_kind_is_named_once_not_at_each_relation(tmp_path: Path) -> None:
    # gamma is an end of two relations, one of them of a type that only some kinds may
    # have (intelligence sharing): they say nothing of it, its kind is what is wrong
    path = variant(tmp_path, ("    kind: group\n", "    kind: grup\n"))
    assert errors(path) == [
        (
            "unknown-kind",
            "'grup' is not an entity kind",
            "did you mean 'group'? `relgraph vocab` lists the kinds",
            29,
            11,
        )
    ]


def test_actors_with_ids_that_are_no_slugs_are_each_refused_and_not_known(
    tmp_path: Path,
) -> None:
    path = variant(
        tmp_path,
        ("  - id: epsilon\n", "  - id: Epsilon Trust\n"),
        ("relations:\n", "  - id: Zeta Co\n    name: Zeta\n    kind: company\nrelations:\n"),
        ("  - entity: alpha\n", "  - entity: epsilon\n"),
    )
    # two ids refused are not one id written twice; a claim naming one is told it is unknown
    assert errors(path) == [
        (
            "bad-id",
            "'Epsilon Trust' is not a valid id (lower-case letters, digits, '-', '_', '.')",
            "use a slug such as 'epsilon-trust'",
            33,
            9,
        ),
        (
            "bad-id",
            "'Zeta Co' is not a valid id (lower-case letters, digits, '-', '_', '.')",
            "use a slug such as 'zeta-co'",
            36,
            9,
        ),
        (
            "unknown-entity",
            "'epsilon' is not an entity of the dataset",
            "entities are listed under 'entities:'",
            77,
            13,
        ),
    ]


def test_each_wrong_external_id_of_an_actor_is_named_where_it_is(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "    name: Alphaland\n",
            '    name: Alphaland\n    external_ids: {"reg\\aistry": AL-1, plain: [1], '
            'other: "x\\ay", last: 5, fine: AL-2}\n',
        ),
    )
    line_hint = (
        "remove it: it is invisible and can hide or change what a reader sees; "
        "a name is one line of text"
    )
    assert errors(path) == [
        (
            "control-character",
            "the name of an external id contains the control character U+0007",
            line_hint,
            23,
            20,
        ),
        (
            "wrong-type",
            "'external_ids.plain' of an entity must be text, not a list",
            'write external_ids.plain: "…" in quotes to keep it as text',
            23,
            47,
        ),
        (
            "control-character",
            "'external_ids.other' contains the control character U+0007",
            line_hint,
            23,
            59,
        ),
        (
            "wrong-type",
            "'external_ids.last' of an entity must be text, not a number (5)",
            'write external_ids.last: "…" in quotes to keep it as text',
            23,
            73,
        ),
    ]


# -- the ends of a relation ------------------------------------------------------------


def test_a_relation_without_a_target_is_refused_not_dropped(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    target: delta\n", ""))
    assert errors(path) == [
        ("missing-field", "this relation has no 'target'", "add 'target: <an entity id>'", 54, 5)
    ]


def test_a_relation_whose_end_is_a_number_gets_one_error_for_it(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    target: delta\n", "    target: 5\n"))
    assert errors(path) == [
        (
            "wrong-type",
            "'target' of a relation must be text, not a number (5)",
            'write target: "…" in quotes to keep it as text',
            55,
            13,
        )
    ]


def test_an_end_written_with_an_old_id_names_the_actor_it_was_merged_into(
    tmp_path: Path,
) -> None:
    path = variant(
        tmp_path,
        ("    name: Alphaland\n", "    name: Alphaland\n    referents: [alphaland]\n"),
        ("  - source: gamma\n    target: alpha\n", "  - source: gamma\n    target: alphaland\n"),
    )
    assert errors(path) == [
        (
            "old-id",
            "'alphaland' is an old id of 'alpha', which it was merged into",
            "write 'alpha'",
            67,
            13,
        )
    ]


# -- amounts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        (
            "{value: many, unit: person}",
            (
                "the amount's 'value' must be a number, not text ('many')",
                AMOUNT_HINT,
                73,
                25,
            ),
        ),
        (
            "{value: 3, currency: usd}",
            (
                "'usd' is not an ISO 4217 currency code",
                "write the code in three capital letters, e.g. USD, EUR or CUP",
                73,
                38,
            ),
        ),
        (
            "{value: 3, approx: 4, unit: person}",
            (
                "an amount has one of 'value', 'approx' or a range 'min'/'max', not both "
                "'value' and 'approx'",
                "keep the one the source gives: value for an exact number, approx for "
                "'about', min/max for 'over' or 'up to'",
                73,
                28,
            ),
        ),
        ("{unit: person}", ("the amount gives no number", AMOUNT_HINT, 73, 17)),
        (
            "{min: 5, max: 3, unit: person}",
            ("the amount's max 3 is below its min 5", "swap them, or check the source's numbers"),
        ),
        (
            "{value: 3}",
            (
                "the amount says neither what is counted ('unit') nor a 'currency'",
                "add unit: the thing counted (agreement, person), or currency: USD for money",
                73,
                17,
            ),
        ),
        (
            '{value: 3, unit: ""}',
            (
                "the amount says neither what is counted ('unit') nor a 'currency'",
                "add unit: the thing counted (agreement, person), or currency: USD for money",
                73,
                17,
            ),
        ),
        (
            "[{value: 3, unit: person}, yes]",
            (
                "an amount must be a mapping, not a yes/no value (yes)",
                "write amount: {value: 19, unit: agreement}",
                73,
                44,
            ),
        ),
    ],
)
def test_a_wrong_amount_refuses_its_relation_without_more_said_of_it(
    tmp_path: Path, amount: str, problem: tuple[Any, ...]
) -> None:
    # the criticism is confirmed by one origin: once refused, it is not warned about too
    path = variant(tmp_path, (CRITICISM, f"{CRITICISM}        amount: {amount}\n"))
    problems = relgraph.validate(path)
    assert [(p.severity, p.code) for p in problems] == [
        ("error", "bad-currency" if "usd" in amount else "bad-amount")
    ]
    (p,) = problems
    assert (p.message, p.hint, p.line, p.column)[: len(problem)] == problem


def test_every_problem_of_an_amount_is_named_at_once(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            CRITICISM,
            f"{CRITICISM}        amount:\n          - {{min: few, max: many, unit: person}}\n"
            "          - {value: 3, min: 5, max: 2}\n",
        ),
    )
    assert [(message, line, column) for _, message, _, line, column in errors(path)] == [
        ("the amount's 'min' must be a number, not text ('few')", 74, 19),
        ("the amount's 'max' must be a number, not text ('many')", 74, 29),
        ("the amount says neither what is counted ('unit') nor a 'currency'", 75, 13),
        (
            "an amount has one of 'value', 'approx' or a range 'min'/'max', not both "
            "'value' and 'min'/'max'",
            75,
            24,
        ),
        ("the amount's max 2 is below its min 5", 75, 37),
    ]


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        ("5.0", "2.5", "the amount's max 2.5 is below its min 5"),
        # whole numbers in full, however large
        ("100000000000000000000", "1", "the amount's max 1 is below its min 100000000000000000000"),
        # fractions with every digit they need: two numbers that differ are not shown alike
        ("1000000.5", "1000000.25", "the amount's max 1000000.25 is below its min 1000000.5"),
    ],
)
def test_a_reversed_range_names_the_numbers_as_they_are(
    tmp_path: Path, low: str, high: str, message: str
) -> None:
    path = variant(
        tmp_path,
        (CRITICISM, f"{CRITICISM}        amount: {{min: {low}, max: {high}, currency: USD}}\n"),
    )
    assert [(code, text) for code, text, *_ in errors(path)] == [("bad-amount", message)]


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", "1:30"])
def test_a_number_yaml_reads_but_an_amount_cannot_hold_is_named_as_written(
    tmp_path: Path, written: str
) -> None:
    # YAML reads these as numbers (infinity, not-a-number, 1:30 as 90 in base 60): the
    # message says what is wrong with them, not that a number is not a number
    path = variant(
        tmp_path, (CRITICISM, f"{CRITICISM}        amount: {{value: {written}, unit: person}}\n")
    )
    assert errors(path) == [
        (
            "bad-amount",
            f"the amount's 'value' must be a number written in digits, not '{written}'",
            AMOUNT_HINT,
            73,
            25,
        )
    ]


def test_numbers_are_read_as_yaml_writes_them(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            CRITICISM,
            f"{CRITICISM}        amount:\n"
            "          - {value: 010, unit: agreement}\n"  # a leading zero: still ten
            "          - {approx: 1__000, unit: person}\n"  # YAML's underscores are ignored
            "          - {min: +5, max: 0x10, unit: person}\n"
            "          - {approx: 1_000.5, currency: USD}\n",
        ),
    )
    (item,) = relgraph.load(path).relations[-1].evidence
    assert [(a.value, a.approx, a.min, a.max) for a in item.amounts] == [
        (10, None, None, None),
        (None, 1000, None, None),
        (None, None, 5, 16),
        (None, 1000.5, None, None),
    ]


# -- claims ------------------------------------------------------------------------


def test_a_claim_of_an_unknown_status_is_told_the_statuses(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    status: alleged\n", "    status: alledged\n"))
    assert errors(path) == [
        (
            "unknown-status",
            "'alledged' is not a status",
            "did you mean 'alleged'? choose one of: confirmed, reported, alleged, disputed, denied",
            76,
            13,
        )
    ]


@pytest.mark.parametrize(("status", "warned"), [("reported", True), ("alleged", False)])
def test_a_claim_resting_on_an_allegation_is_warned_about_unless_alleged(
    make_dataset: Any, status: str, warned: bool
) -> None:
    path = make_dataset(
        BASE_YAML
        + f"claims:\n  - entity: cuba\n    statement: Cuba helps Hamas.\n    status: {status}\n"
        + "    evidence:\n"
        + "      - quote: Cuba provides intelligence to Hamas\n        source: art\n"
    )
    ds = relgraph.load(path)
    assert [(w.code, w.message, w.line) for w in ds.warnings] == (
        [
            (
                "allegation-as-fact",
                "the source frames this as an allegation, but the status is 'reported'",
                34,
            )
        ]
        if warned
        else []
    )
    assert [(c.id, c.status) for c in ds.claims] == [("cuba.claim.cuba-helps-hamas", status)]


def test_a_claim_about_an_unknown_actor_is_refused_and_not_warned_about(tmp_path: Path) -> None:
    # confirmed by one origin, it would be warned about if it loaded
    path = variant(
        tmp_path,
        ("  - entity: alpha\n", "  - entity: alfa\n"),
        ("    status: alleged\n", "    status: confirmed\n"),
    )
    problems = relgraph.validate(path)
    assert [(p.severity, p.code, p.message, p.line, p.column) for p in problems] == [
        UNCONFIRMED,
        ("error", "unknown-entity", "'alfa' is not an entity of the dataset", 74, 13),
    ]
    assert problems[1].hint == "did you mean 'alpha'? entities are listed under 'entities:'"


def test_a_claim_keeps_its_old_ids(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "  - entity: alpha\n",
            "  - id: the-support\n    entity: alpha\n    referents: [support]\n",
        ),
    )
    (claim,) = relgraph.load(path).claims
    assert (claim.id, claim.referents) == ("the-support", ("support",))


def test_a_claim_listing_its_own_id_as_an_old_one_is_refused(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "  - entity: alpha\n",
            "  - id: the-support\n    entity: alpha\n    referents: [the-support]\n",
        ),
    )
    assert errors(path) == [
        (
            "bad-referent",
            "'the-support' is the claim's own id, not an old id of it",
            "list under 'referents:' only the ids merged into this claim",
            76,
            17,
        )
    ]


# -- dates ---------------------------------------------------------------------------


def test_a_date_written_with_dots_is_a_number_and_refused_as_one(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    status: alleged\n", "    status: alleged\n    date: 2021.03\n"))
    assert errors(path) == [
        (
            "wrong-type",
            "'date' of a claim must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not a number "
            "(2021.03)",
            "write e.g. 2006-01",
            77,
            11,
        )
    ]


def test_a_relation_on_a_day_not_in_the_calendar_is_refused_and_not_warned_about(
    tmp_path: Path,
) -> None:
    path = variant(tmp_path, ("    date: 2021-06-09\n", "    date: 2021-06-31\n"))
    assert [(p.severity, p.code, p.message, p.hint, p.line) for p in relgraph.validate(path)] == [
        (
            "error",
            "bad-date",
            "'2021-06-31' is not a day of the calendar",
            "write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is",
            68,
        )
    ]


def test_the_fixture_itself_has_only_the_warning_these_tests_rely_on() -> None:
    assert found(FIXTURE) == [UNCONFIRMED]
