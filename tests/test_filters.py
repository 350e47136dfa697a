"""Filters: what each one keeps, on partial dates too, and the errors a user sees."""

from __future__ import annotations

import pytest
from test_analysis import build

from relgraph.errors import UsageError
from relgraph.filters import Filter
from relgraph.model import Dataset, Evidence


def kept(f: Filter, ds: Dataset) -> list[str]:
    return [r.id for r in f.apply(ds).relations]


def test_the_default_keeps_everything_but_denied() -> None:
    ds = build(
        [
            ("a", "b", "trade", {"id": s, "status": s})
            for s in ("confirmed", "reported", "alleged", "disputed", "denied")
        ]
    )
    assert kept(Filter(), ds) == ["confirmed", "reported", "alleged", "disputed"]
    assert kept(Filter(statuses=["denied", "alleged"]), ds) == ["alleged", "denied"]
    assert kept(Filter(statuses="reported"), ds) == ["reported"]
    assert Filter().is_default
    assert not Filter(statuses=["reported"]).is_default


def test_kinds_keep_actors_and_the_relations_between_them() -> None:
    ds = build(
        [
            ("iran", "cuba", "trade", {"id": "trade"}),
            ("iran", "hamas", "patronage", {"id": "patronage"}),
        ],
        kinds={"hamas": "group"},
        isolated=("chile",),
    )
    states = Filter(kinds=["state"]).apply(ds)
    assert [e.id for e in states.entities] == ["iran", "cuba", "chile"]
    assert [r.id for r in states.relations] == ["trade"]


def test_categories_and_types_must_both_match() -> None:
    ds = build(
        [
            ("a", "b", "trade", {"id": "trade"}),
            ("a", "b", "contract", {"id": "contract"}),
            ("a", "b", "alliance", {"id": "alliance"}),
        ]
    )
    assert kept(Filter(categories=["economic"]), ds) == ["trade", "contract"]
    assert kept(Filter(types=["alliance", "trade"]), ds) == ["trade", "alliance"]
    assert kept(Filter(categories=["economic"], types=["alliance", "trade"]), ds) == ["trade"]


DATED = build(
    [
        ("a", "b", "visit", {"id": "may-2023", "date": "2023-05"}),
        ("a", "b", "visit", {"id": "year-2021", "date": "2021"}),
        ("a", "b", "alliance", {"id": "2010-to-2015", "start": "2010", "end": "2015-06"}),
        ("a", "b", "alliance", {"id": "since-2019", "start": "2019-03"}),
        ("a", "b", "alliance", {"id": "until-2005", "end": "2005"}),
        ("a", "b", "trade", {"id": "undated"}),
    ]
)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        # a month overlaps a window that starts inside it
        ({"date_from": "2023-05-20"}, ["may-2023", "since-2019", "undated"]),
        ({"date_from": "2023-06"}, ["since-2019", "undated"]),
        # a year-only date could fall on any day of the year
        ({"date_from": "2021-12-31", "date_to": "2022"}, ["year-2021", "since-2019", "undated"]),
        # a period overlaps if any of its days could fall in the window
        ({"date_from": "2015-06-30", "date_to": "2015-07"}, ["2010-to-2015", "undated"]),
        ({"date_from": "2015-07", "date_to": "2016"}, ["undated"]),
        ({"date_to": "2004"}, ["until-2005", "undated"]),
        ({"date_to": "2009", "keep_undated": False}, ["until-2005"]),
    ],
)
def test_a_window_keeps_relations_whose_dates_could_overlap_it(
    window: dict[str, str], expected: list[str]
) -> None:
    assert kept(Filter(**window), DATED) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # events count from their date on; periods while they could still hold
        ("2023", ["may-2023", "year-2021", "since-2019", "undated"]),
        ("2023-04", ["year-2021", "since-2019", "undated"]),
        ("2012", ["2010-to-2015", "undated"]),
        ("2015-06", ["2010-to-2015", "undated"]),
        ("2015-07", ["undated"]),
        ("2000", ["until-2005", "undated"]),
    ],
)
def test_as_of_gives_the_picture_at_a_date(as_of: str, expected: list[str]) -> None:
    assert kept(Filter(as_of=as_of), DATED) == expected


def test_undated_relations_are_kept_unless_dropped() -> None:
    assert "undated" in kept(Filter(), DATED)
    assert "undated" not in kept(Filter(keep_undated=False), DATED)


def test_evidence_below_the_grades_is_dropped_and_so_are_relations_left_without() -> None:
    ds = build(
        [
            ("a", "b", "trade", {"id": "both", "sources": ["s1", "s2"]}),
            ("a", "c", "trade", {"id": "weak", "sources": ["s2"]}),
            ("a", "d", "trade", {"id": "graded", "credibility": 2}),
            ("a", "e", "trade", {"id": "ungraded"}),
        ]
    )
    reliable = Filter(min_reliability="b").apply(ds)  # s1 is graded B, s2 E
    assert [r.id for r in reliable.relations] == ["both", "graded", "ungraded"]
    assert [e.source for e in reliable.relations[0].evidence] == ["s1"]
    assert [s.id for s in reliable.sources] == ["s1"]
    # evidence without a credibility grade counts as 6, "cannot be judged"
    assert kept(Filter(min_credibility=3), ds) == ["graded"]
    assert kept(Filter(min_credibility=6), ds) == ["both", "weak", "graded", "ungraded"]


def test_claims_are_filtered_by_status_actor_and_date(bundled: Dataset) -> None:
    reported = Filter(statuses=["reported"]).apply(bundled)
    assert {c.status for c in reported.claims} == {"reported"}
    groups = Filter(kinds=["group"]).apply(bundled)
    assert [c.id for c in groups.claims] == ["hamas-terrorist-group"]


def test_apply_returns_a_new_dataset_and_changes_nothing(bundled: Dataset) -> None:
    before = (bundled.entities, bundled.relations, bundled.claims, bundled.sources)
    out = Filter(statuses=["reported"], kinds=["state"], min_credibility=1).apply(bundled)
    assert out is not bundled
    assert (bundled.entities, bundled.relations, bundled.claims, bundled.sources) == before
    assert out.relations == ()  # no evidence of the bundled dataset has a credibility grade
    assert out.id == bundled.id
    assert out.vocabulary is bundled.vocabulary
    same = Filter().apply(bundled)
    assert same.relations == bundled.relations  # nothing denied in the bundled dataset
    assert all(isinstance(e, Evidence) for r in same.relations for e in r.evidence)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"statuses": ["rumoured"]},
            "'rumoured' is not a status\n"
            "  hint: statuses are confirmed, reported, alleged, disputed, denied",
        ),
        (
            {"statuses": ["aleged"]},
            "'aleged' is not a status\n  hint: did you mean 'alleged'? "
            "statuses are confirmed, reported, alleged, disputed, denied",
        ),
        ({"date_from": "2023-13"}, "date_from: '2023-13' has month 13; months run from 01 to 12"),
        (
            {"as_of": "May 2023"},
            "as_of: 'May 2023' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            {"date_from": "2024", "date_to": "2023-06"},
            "the window ends (2023-06) before it starts (2024)\n  hint: swap the two dates",
        ),
        (
            {"as_of": "2020", "date_to": "2021"},
            "give either as_of or a date_from/date_to window, not both\n"
            "  hint: as_of is the picture at one date; a window keeps what overlaps it",
        ),
        (
            {"min_reliability": "G"},
            "'G' is not a reliability grade\n"
            "  hint: grades run from A (completely reliable) to F (cannot be judged)",
        ),
        (
            {"min_credibility": 7},
            "'7' is not a credibility grade\n"
            "  hint: grades run from 1 (confirmed by other sources) to 6 (cannot be judged)",
        ),
    ],
)
def test_bad_filters_are_usage_errors_with_exact_messages(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError) as info:
        Filter(**options)  # type: ignore[arg-type]
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"kinds": ["stat"]},
            "'stat' is not an entity kind\n"
            "  hint: did you mean 'state'? `relgraph vocab` lists them",
        ),
        (
            {"categories": ["economy"]},
            "'economy' is not a relation category\n"
            "  hint: did you mean 'economic'? `relgraph vocab` lists them",
        ),
        (
            {"types": ["funds"]},
            "'funds' is not a relation type\n  hint: `relgraph vocab` lists them",
        ),
    ],
)
def test_names_unknown_to_the_vocabulary_are_usage_errors(
    options: dict[str, list[str]], message: str, bundled: Dataset
) -> None:
    with pytest.raises(UsageError) as info:
        Filter(**options).apply(bundled)  # type: ignore[arg-type]
    assert str(info.value) == message


def test_describe_and_as_dict_say_what_is_counted() -> None:
    f = Filter(
        statuses=["reported", "confirmed"],
        types=["trade"],
        date_from="2020",
        min_reliability="C",
        keep_undated=False,
    )
    assert f.statuses == ("confirmed", "reported")  # in the canonical order
    assert f.describe() == (
        "statuses confirmed, reported; types trade; from 2020; undated relations dropped; "
        "sources graded C or better"
    )
    assert f.as_dict()["date_from"] == "2020"
    assert f.as_dict()["kinds"] is None


def test_a_filter_of_one_origin_describes_it_in_the_singular() -> None:
    assert Filter(min_origins=1).describe().endswith("; at least 1 independent origin")
    assert Filter(min_origins=2).describe().endswith("; at least 2 independent origins")
