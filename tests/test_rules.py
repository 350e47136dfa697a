"""Rules the bundled data cannot reach, on a fixture with every status.

``tests/fixtures/statuses/statuses.yaml`` has a relation confirmed by two
independent origins and one confirmed by a single origin, a denied relation, a
disputed relation over a period that starts and ends on one day, relations of a
directed and an undirected type written without ids, an actor tied only by the
disputed relation and one with no relation at all.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph import analysis
from support import BASE_YAML, SOURCE_TEXT, run, sha256_of

FIXTURE = Path(__file__).parent / "fixtures" / "statuses" / "statuses.yaml"


@pytest.fixture
def ds() -> relgraph.Dataset:
    # loaded for each test: mutation testing runs a test against a change to the load rules
    # only if the test itself loads, and a wider fixture is loaded by the first test alone
    return relgraph.load(FIXTURE)


def variant(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """The fixture with each ``(old, new)`` of ``changes`` made once, beside its sources."""
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in changes:
        if old not in text:
            raise ValueError(f"not in the fixture: {old!r}")
        text = text.replace(old, new, 1)
    (tmp_path / "sources").mkdir(parents=True)
    for source in (FIXTURE.parent / "sources").iterdir():
        (tmp_path / "sources" / source.name).write_bytes(source.read_bytes())
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "d.yaml"


def test_every_status_loads_with_the_ids_a_user_would_look_up(ds: relgraph.Dataset) -> None:
    # an undirected type's ends are sorted (beta -> alpha is alpha...beta); a directed
    # type keeps its direction (gamma criticised alpha)
    assert [(r.id, r.status) for r in ds.relations] == [
        ("alpha.agreement.beta.2021-03", "confirmed"),
        ("beta.intelligence_sharing.gamma", "denied"),
        ("alpha.meeting.delta", "disputed"),
        ("gamma.criticism.alpha.2021-06-09", "confirmed"),
    ]
    assert [(c.id, c.status) for c in ds.claims] == [
        ("alpha.claim.alphaland-supports-the-gamma-front", "alleged")
    ]


def test_a_period_that_starts_and_ends_on_one_day_is_that_day(ds: relgraph.Dataset) -> None:
    meeting = next(r for r in ds.relations if r.type == "meeting")
    assert (meeting.earliest(), meeting.latest()) == ("2020-05-01", "2020-05-01")


def test_a_period_ending_the_day_before_it_starts_is_refused(tmp_path: Path) -> None:
    problems = relgraph.validate(variant(tmp_path, ("end: 2020-05-01", "end: 2020-04-30")))
    assert [(p.code, p.message, p.hint) for p in problems if p.severity == "error"] == [
        (
            "end-before-start",
            "the end 2020-04-30 is before the start 2020-05-01",
            "swap them, or check the source's dates",
        )
    ]


def test_only_the_relation_confirmed_by_one_origin_is_warned_about(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "validate", str(FIXTURE))
    assert code == 0
    assert err.splitlines() == [
        f"{FIXTURE}:65:5: warning[unconfirmed] relation 'gamma.criticism.alpha.2021-06-09' is "
        "marked confirmed but has 1 independent origin: 'wire'",
        "  hint: confirmed needs two independent origins not affiliated with its ends: add "
        "evidence from another origin, or mark it reported",
        f"{FIXTURE}: ok (1 warning)",
    ]
    assert out == ""


def test_the_graph_leaves_denied_relations_out_unless_asked(ds: relgraph.Dataset) -> None:
    from relgraph.filters import Filter

    assert sorted(k for _, _, k in ds.graph().edges(keys=True)) == [
        "alpha.agreement.beta.2021-03",
        "alpha.meeting.delta",
        "beta.intelligence_sharing.gamma",
        "gamma.criticism.alpha.2021-06-09",
    ]
    net = analysis.Network(ds)
    assert sorted(r.id for r in net.dataset.relations) == [
        "alpha.agreement.beta.2021-03",
        "alpha.meeting.delta",
        "gamma.criticism.alpha.2021-06-09",
    ]
    everything = analysis.Network(ds, Filter(statuses=relgraph.model.STATUSES))
    assert "beta.intelligence_sharing.gamma" in {r.id for r in everything.dataset.relations}


def test_actors_without_a_value_share_the_last_rank(ds: relgraph.Dataset) -> None:
    # constraint is undefined (nan) for an actor with no tie: it ranks last, and
    # two such actors share one rank
    c = analysis.centrality(ds, ["constraint"])
    assert c.ranks("constraint") == {"alpha": 1, "beta": 2, "delta": 2, "gamma": 2, "epsilon": 5}
    assert math.isnan(c.column("constraint")["epsilon"])
    s = analysis.sensitivity(ds, "constraint")
    assert [(r.id, r.rank_with, r.rank_without, r.change) for r in s.rows] == [
        ("alpha", 1, 1, 0),
        ("beta", 2, 2, 0),
        ("delta", 2, 4, 2),
        ("gamma", 2, 2, 0),
        ("epsilon", 5, 4, -1),
    ]


def test_sensitivity_leaves_the_disputed_relation_out_and_names_who_loses_every_tie(
    ds: relgraph.Dataset,
) -> None:
    s = analysis.sensitivity(ds, "degree")
    assert (s.allegations, s.relations_with, s.relations_without) == (1, 3, 2)
    assert s.only_alleged == ("delta",)
    delta = next(r for r in s.rows if r.id == "delta")
    assert (delta.value_with, delta.value_without) == (1, 0)


def test_betweenness_of_two_actors_is_zero_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    two = BASE_YAML.format(sha=sha256_of(SOURCE_TEXT)).replace(
        "  - id: hamas\n    name: Hamas\n    kind: group\n", ""
    )
    (tmp_path / "two.yaml").write_text(two, encoding="utf-8")
    for engine in ("igraph", "networkx"):
        c = analysis.centrality(
            relgraph.load(tmp_path / "two.yaml"), ["betweenness"], engine=engine
        )
        assert c.column("betweenness") == {"iran": 0.0, "cuba": 0.0}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2020-05", "2020-05-01"),  # the month may have begun on the day it ended
        ("2020-05-10", "2020-05"),  # the month may have ended after the tenth
        ("2020", "2020-01-01"),
    ],
)
def test_a_period_given_at_two_precisions_that_may_overlap_is_kept(
    tmp_path: Path, start: str, end: str
) -> None:
    ds = relgraph.load(
        variant(
            tmp_path, ("start: 2020-05-01\n    end: 2020-05-01", f"start: {start}\n    end: {end}")
        )
    )
    meeting = next(r for r in ds.relations if r.type == "meeting")
    assert (str(meeting.start), str(meeting.end), meeting.date) == (start, end, None)
    assert meeting.id == "alpha.meeting.delta"  # a period is not part of the id


@pytest.mark.parametrize(
    ("start", "end"),
    [("2020-05-02", "2020-05-01"), ("2020-06", "2020-05-31"), ("2021", "2020-12")],
)
def test_a_period_ending_before_it_can_have_started_is_refused(
    tmp_path: Path, start: str, end: str
) -> None:
    path = variant(
        tmp_path, ("start: 2020-05-01\n    end: 2020-05-01", f"start: {start}\n    end: {end}")
    )
    problems = [
        (p.code, p.message, p.line) for p in relgraph.validate(path) if p.severity == "error"
    ]
    assert problems == [("end-before-start", f"the end {end} is before the start {start}", 58)]


def test_a_date_and_a_period_together_are_refused(tmp_path: Path) -> None:
    path = variant(
        tmp_path, ("    start: 2020-05-01\n", "    date: 2020-05-01\n    start: 2020-05-01\n")
    )
    problems = relgraph.validate(path)
    assert [(p.code, p.message, p.hint, p.line) for p in problems if p.severity == "error"] == [
        (
            "date-and-range",
            "a relation has either 'date' or 'start'/'end', not both",
            "use date: for a single event, start:/end: for a period",
            57,
        )
    ]


@pytest.mark.parametrize(
    ("status", "warned"),
    [
        ("reported", True),
        ("confirmed", True),
        ("alleged", False),
        ("disputed", False),
        ("denied", False),
    ],
)
def test_an_allegation_stated_as_fact_is_warned_about_unless_alleged_disputed_or_denied(
    make_dataset: Any, status: str, warned: bool
) -> None:
    path = make_dataset(
        BASE_YAML
        + "  - source: cuba\n    target: hamas\n    type: intelligence_sharing\n"
        + f"    status: {status}\n    evidence:\n"
        + "      - quote: Cuba provides intelligence to Hamas\n        source: art\n"
    )
    ds = relgraph.load(path)
    found = [(w.code, w.message, w.line) for w in ds.warnings if w.code == "allegation-as-fact"]
    assert found == (
        [
            (
                "allegation-as-fact",
                f"the source frames this as an allegation, but the status is '{status}'",
                34,
            )
        ]
        if warned
        else []
    )
    (relation,) = (r for r in ds.relations if r.target == "hamas")
    assert (relation.id, relation.status) == ("cuba.intelligence_sharing.hamas", status)


@pytest.mark.parametrize(
    ("source", "target", "rtype", "date", "ident"),
    [
        # a directed type keeps its direction, whichever end sorts first
        ("gamma", "alpha", "criticism", "2021-06-09", "gamma.criticism.alpha.2021-06-09"),
        ("alpha", "gamma", "criticism", "2021-06-09", "alpha.criticism.gamma.2021-06-09"),
        # an undirected type's ends are sorted, so either order gives one id
        ("gamma", "alpha", "meeting", "2021-06-09", "alpha.meeting.gamma.2021-06-09"),
        ("alpha", "gamma", "meeting", "2021-06", "alpha.meeting.gamma.2021-06"),
        ("alpha", "gamma", "meeting", "2021", "alpha.meeting.gamma.2021"),
    ],
)
def test_a_relation_written_without_an_id_gets_one_from_its_ends_type_and_date(
    tmp_path: Path, source: str, target: str, rtype: str, date: str, ident: str
) -> None:
    path = variant(
        tmp_path,
        (
            "  - source: gamma\n    target: alpha\n    type: criticism\n    date: 2021-06-09\n",
            f"  - source: {source}\n    target: {target}\n    type: {rtype}\n    date: {date}\n",
        ),
    )
    assert [r.id for r in relgraph.load(path).relations][-1] == ident


def test_a_relation_with_an_id_keeps_it(tmp_path: Path) -> None:
    path = variant(tmp_path, ("  - source: gamma\n", "  - id: the-criticism\n    source: gamma\n"))
    assert [r.id for r in relgraph.load(path).relations][-1] == "the-criticism"


def test_a_claim_confirmed_by_one_origin_is_warned_about_as_a_claim(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    status: alleged\n", "    status: confirmed\n"))
    assert [(w.code, w.message, w.line) for w in relgraph.load(path).warnings] == [
        (
            "unconfirmed",
            "relation 'gamma.criticism.alpha.2021-06-09' is marked confirmed but has 1 "
            "independent origin: 'wire'",
            65,
        ),
        (
            "unconfirmed",
            "claim 'alpha.claim.alphaland-supports-the-gamma-front' is marked confirmed but "
            "has 1 independent origin: 'paper'",
            74,
        ),
    ]


def test_an_outlet_of_an_actor_an_end_speaks_for_does_not_confirm(tmp_path: Path) -> None:
    # the paper belongs to gamma, and delta speaks for gamma: the paper's account of a
    # meeting of delta is not independent of delta, though no end is gamma
    path = variant(
        tmp_path,
        ("    reliability: C\n", "    reliability: C\n    affiliation: gamma\n"),
        (
            "  - source: alpha\n    target: delta\n    type: meeting\n"
            "    start: 2020-05-01\n    end: 2020-05-01\n    status: disputed\n",
            "  - source: alpha\n    target: delta\n    type: meeting\n"
            "    start: 2020-05-01\n    end: 2020-05-01\n    status: confirmed\n",
        ),
        (
            "claims:\n",
            "  - source: delta\n    target: gamma\n    type: speaks_for\n    status: reported\n"
            "    evidence:\n      - quote: the Delta Council's envoy\n        source: wire\n"
            "claims:\n",
        ),
    )
    # the tie is written after the confirmed relation: it counts all the same
    assert [(w.code, w.message, w.line) for w in relgraph.load(path).warnings] == [
        (
            "unconfirmed",
            "relation 'alpha.meeting.delta' is marked confirmed but has 1 independent origin: "
            "'wire'; 'paper' is affiliated with 'gamma', to which 'delta' is tied: 'delta' "
            "speaks for 'gamma' (relation 'delta.speaks_for.gamma')",
            55,
        ),
        (
            "unconfirmed",
            "relation 'gamma.criticism.alpha.2021-06-09' is marked confirmed but has 1 "
            "independent origin: 'wire'",
            66,
        ),
    ]


def test_a_type_that_cannot_join_the_kinds_of_its_ends_is_refused_by_kind(tmp_path: Path) -> None:
    path = variant(
        tmp_path, ("    target: delta\n    type: meeting\n", "    target: delta\n    type: visit\n")
    )
    # a visit may go from a state to an organization
    assert relgraph.load(path).relations[2].id == "alpha.visit.delta"
    path = variant(
        tmp_path / "reversed",
        ("  - source: beta\n    target: gamma\n", "  - source: delta\n    target: epsilon\n"),
    )
    problems = [p for p in relgraph.validate(path) if p.severity == "error"]
    assert [(p.code, p.message, p.hint, p.line) for p in problems] == [
        (
            "endpoint-kinds",
            "'intelligence_sharing' cannot join an organization ('delta') to a company ('epsilon')",
            "'intelligence_sharing' goes from state, organization, group to state, "
            "organization, group; check the direction or choose another type",
            49,
        )
    ]


STATEMENT = "statement: Alphaland supports the Gamma Front."
CLAIM = """\
  - entity: alpha
    statement: Alphaland supports the Gamma Front.
    status: alleged
"""


def test_a_claim_keeps_every_field_it_is_given(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            CLAIM,
            "  - id: the-support\n    entity: alpha\n    statement: Alphaland supports the Gamma "
            "Front.\n    status: alleged\n    date: 2021-02\n    reported: 2021-03-01\n"
            "    notes: Said once.\n    modality: planned\n    review: proposed\n",
        ),
    )
    ds = relgraph.load(path)
    (claim,) = ds.claims
    assert (claim.id, claim.entity, claim.statement, claim.status) == (
        "the-support",
        "alpha",
        "Alphaland supports the Gamma Front.",
        "alleged",
    )
    assert (str(claim.date), str(claim.reported), claim.notes) == (
        "2021-02",
        "2021-03-01",
        "Said once.",
    )
    assert (claim.modality, claim.review, claim.location and claim.location.line) == (
        "planned",
        "proposed",
        74,
    )
    assert [e.quote for e in claim.evidence] == ["Alphaland is said to support the Gamma Front."]
    assert [(w.code, w.message, w.line) for w in ds.warnings if w.code == "proposed"] == [
        ("proposed", "this claim is still proposed for review", 82)
    ]
    # without them: what happened, no date, no notes
    (plain,) = relgraph.load(FIXTURE).claims
    assert (plain.modality, plain.date, plain.reported, plain.notes, plain.review) == (
        "occurred",
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("statement", "ident"),
    [
        # the first 40 letters, digits and dashes of the statement, dashes trimmed
        (
            "“Betania's rulers, all of them, back the Gamma Front.”",
            "betania-s-rulers-all-of-them-back-the-ga",
        ),
        (
            "Betania's rulers, all of them, back Gamma's men.",
            "betania-s-rulers-all-of-them-back-gamma",
        ),
        ('"?!"', "x"),  # nothing to make a slug of
    ],
)
def test_a_claim_written_without_an_id_gets_one_from_its_statement(
    tmp_path: Path, statement: str, ident: str
) -> None:
    path = variant(
        tmp_path,
        ("    statement: Alphaland supports the Gamma Front.\n", f"    statement: {statement}\n"),
    )
    assert [c.id for c in relgraph.load(path).claims] == [f"alpha.claim.{ident}"]


def test_a_broken_claim_is_refused_with_every_problem_named(tmp_path: Path) -> None:
    path = variant(
        tmp_path, (CLAIM, "  - entity: alpha\n    modality: maybe\n    date: 2021-02-30\n")
    )
    problems = [
        (p.code, p.message, p.hint, p.line)
        for p in relgraph.validate(path)
        if p.severity == "error"
    ]
    assert problems == [
        (
            "missing-field",
            "this claim has no 'statement'",
            "add 'statement: <what the source says of the actor>'",
            74,
        ),
        (
            "missing-field",
            "this claim has no 'status'",
            "add 'status: reported' if the source reports it, or the status it gives: "
            "confirmed, alleged, disputed, denied",
            74,
        ),
        (
            "unknown-modality",
            "'maybe' is not a modality",
            "choose one of: occurred, announced, planned",
            75,
        ),
        (
            "bad-date",
            "'2021-02-30' is not a day of the calendar",
            "write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is",
            76,
        ),
    ]
    # each problem alone refuses the claim
    for broken in (
        f"    {STATEMENT}\n    status: alleged\n    modality: maybe\n",
        f"    {STATEMENT}\n    modality: planned\n",
        "    status: alleged\n",
        f"    {STATEMENT}\n    status: rumoured\n",
    ):
        path = variant(tmp_path / str(hash(broken)), (CLAIM, "  - entity: alpha\n" + broken))
        assert [p.code for p in relgraph.validate(path) if p.severity == "error"], broken


def test_a_relation_has_its_type_s_sign_unless_it_gives_its_own(tmp_path: Path) -> None:
    assert [(r.type, r.sign, r.modality) for r in relgraph.load(FIXTURE).relations] == [
        ("agreement", "cooperative", "occurred"),
        ("intelligence_sharing", "cooperative", "occurred"),
        ("meeting", "neutral", "occurred"),
        ("criticism", "hostile", "occurred"),
    ]
    path = variant(
        tmp_path,
        (
            "    type: agreement\n",
            "    type: agreement\n    sign: neutral\n    modality: planned\n",
        ),
        ("    type: intelligence_sharing\n", "    type: intelligence_sharing\n    sign: hostile\n"),
        (
            "    type: meeting\n",
            "    type: meeting\n    sign: cooperative\n    modality: announced\n",
        ),
        ("    type: criticism\n", "    type: criticism\n    sign: neutral\n"),
    )
    assert [(r.type, r.sign, r.modality) for r in relgraph.load(path).relations] == [
        ("agreement", "neutral", "planned"),
        ("intelligence_sharing", "hostile", "occurred"),
        ("meeting", "cooperative", "announced"),
        ("criticism", "neutral", "occurred"),
    ]


WIRE_QUOTE = "        source: wire\n      - quote: The two states"


def test_amounts_keep_their_numbers_as_the_source_gives_them(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            WIRE_QUOTE,
            "        source: wire\n        amount:\n"
            "          - {min: 20, max: 20, unit: agreement}\n"
            "          - {approx: 1_000, unit: person, note: about a thousand}\n"
            "          - {value: 0x10, currency: USD}\n"
            "          - {value: 2.5, unit: tonne}\n"
            "      - quote: The two states",
        ),
    )
    amounts = relgraph.load(path).relations[0].evidence[0].amounts
    assert [(a.value, a.approx, a.min, a.max, a.unit, a.currency, a.note) for a in amounts] == [
        (None, None, 20, 20, "agreement", None, None),
        (None, 1000, None, None, "person", None, "about a thousand"),
        (16, None, None, None, None, "USD", None),
        (2.5, None, None, None, "tonne", None, None),
    ]


def test_an_amount_whose_unit_is_not_text_gets_one_error_for_it(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            WIRE_QUOTE,
            "        source: wire\n        amount: {value: 3, unit: 5}\n"
            "      - quote: The two states",
        ),
    )
    assert [(p.code, p.message) for p in relgraph.validate(path) if p.severity == "error"] == [
        ("wrong-type", "'unit' of an amount must be text, not a number (5)")
    ]


@pytest.mark.parametrize(
    ("value", "described"),
    [
        ("{x: 1}", "a mapping"),
        ("[a, b]", "a list"),
        ("true", "a yes/no value (true)"),
        ("1.5", "a number (1.5)"),
        ("12", "a number (12)"),
    ],
)
def test_a_value_of_the_wrong_type_is_described_as_the_user_wrote_it(
    tmp_path: Path, value: str, described: str
) -> None:
    path = variant(tmp_path, ("    name: Gamma Front\n", f"    name: {value}\n"))
    problems = [
        (p.code, p.message, p.line) for p in relgraph.validate(path) if p.severity == "error"
    ]
    assert problems == [("wrong-type", f"'name' of an entity must be text, not {described}", 28)]


def test_an_amount_that_is_not_a_mapping_is_described(tmp_path: Path) -> None:
    for value, described in (
        ("yes", "a yes/no value (yes)"),
        ("2.5", "a number (2.5)"),
        ("[[1]]", "a list"),
    ):
        path = variant(
            tmp_path / str(len(described)),
            (
                WIRE_QUOTE,
                f"        source: wire\n        amount: {value}\n      - quote: The two states",
            ),
        )
        problems = [(p.code, p.message) for p in relgraph.validate(path) if p.severity == "error"]
        assert problems == [("bad-amount", f"an amount must be a mapping, not {described}")], value


def test_links_of_a_source_that_are_no_ids_are_each_named(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "    reliability: C\n",
            "    reliability: C\n    derived_from: [{a: 1}, Not An Id, wire]\n"
            "    affiliation: [Bad Id, 7]\n",
        ),
    )
    problems = [p for p in relgraph.validate(path) if p.severity == "error"]
    assert [(p.code, p.message, p.hint, p.line, p.column) for p in problems] == [
        (
            "wrong-type",
            "'derived_from' of a source must be a list of ids, not a mapping",
            "write derived_from: [an-id, another-id]",
            18,
            20,
        ),
        (
            "bad-id",
            "'Not An Id' in 'derived_from' is not a source id",
            "write the id of a source of the dataset (under 'sources:')",
            18,
            28,
        ),
        (
            "bad-id",
            "'Bad Id' in 'affiliation' is not an entity id",
            "write the id of an entity of the dataset (under 'entities:')",
            19,
            19,
        ),
        (
            "wrong-type",
            "'affiliation' of a source must be a list of ids, not a number (7)",
            "write affiliation: [an-id, another-id]",
            19,
            27,
        ),
    ]


def test_a_reversed_range_of_fractions_is_named_in_the_source_s_numbers(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            WIRE_QUOTE,
            "        source: wire\n        amount: {min: 3.5, max: 2.5, unit: tonne}\n"
            "      - quote: The two states",
        ),
    )
    problems = [p for p in relgraph.validate(path) if p.severity == "error"]
    assert [(p.code, p.message, p.hint, p.line, p.column) for p in problems] == [
        (
            "bad-amount",
            "the amount's max 2.5 is below its min 3.5",
            "swap them, or check the source's numbers",
            45,
            33,
        )
    ]


ATTRIBUTED = (
    (
        "  title: Every status\n",
        "  title: Every status\n  alleged_attributions: [a stringer, the paper's sources]\n",
    ),
    # the agreement: each item attributed to one of them
    (
        "3 March 2021.\n        source: wire\n",
        "3 March 2021.\n        source: wire\n        attributed_to: a stringer\n",
    ),
    (
        "in March 2021.\n        source: paper\n",
        "in March 2021.\n        source: paper\n        attributed_to: the paper's sources\n",
    ),
    # the denied relation, the disputed meeting and the alleged claim: nothing to say
    (
        "to the Gamma Front.\n        source: wire\n",
        "to the Gamma Front.\n        source: wire\n        attributed_to: a stringer\n",
    ),
    (
        "on 1 May 2020\n        source: wire\n",
        "on 1 May 2020\n        source: wire\n        attributed_to: a stringer\n",
    ),
    (
        "at all.\n        source: paper\n",
        "at all.\n        source: paper\n        attributed_to: a stringer\n",
    ),
    (
        "support the Gamma Front.\n        source: paper\n",
        "support the Gamma Front.\n        source: paper\n        attributed_to: a stringer\n",
    ),
    # the criticism rests on someone else
    (
        "on 9 June 2021.\n        source: wire\n",
        "on 9 June 2021.\n        source: wire\n        attributed_to: an official\n",
    ),
)


def test_what_rests_only_on_words_taken_as_allegation_must_be_alleged(tmp_path: Path) -> None:
    warnings = relgraph.load(variant(tmp_path, *ATTRIBUTED)).warnings
    assert [(w.code, w.message, w.hint, w.line) for w in warnings if w.code == "not-alleged"] == [
        (
            "not-alleged",
            "relation 'alpha.agreement.beta.2021-03' is confirmed, but rests only on 'a stringer', "
            "'the paper's sources', whose words the dataset takes as allegation",
            "make it 'status: alleged' (or disputed or denied), or give evidence from another "
            "source; the dataset's 'alleged_attributions' lists these sources",
            38,
        )
    ]
    claim_reported = (CLAIM, CLAIM.replace("status: alleged", "status: reported"))
    warnings = relgraph.load(variant(tmp_path / "claim", *ATTRIBUTED, claim_reported)).warnings
    assert [(w.message, w.line) for w in warnings if w.code == "not-alleged"][1:] == [
        (
            "claim 'alpha.claim.alphaland-supports-the-gamma-front' is reported, but rests only "
            "on 'a stringer', whose words the dataset takes as allegation",
            81,
        )
    ]
    # without the list, the same attributions are only names
    plain = relgraph.load(variant(tmp_path / "plain", *ATTRIBUTED[1:])).warnings
    assert [w for w in plain if w.code == "not-alleged"] == []


def test_a_section_item_or_a_file_of_the_wrong_shape_is_described(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text("- a\n", encoding="utf-8")
    assert [(p.code, p.message) for p in relgraph.validate(tmp_path / "list.yaml")] == [
        ("not-a-mapping", "a dataset file must be a mapping of sections, not a list")
    ]
    (tmp_path / "items.yaml").write_text(
        "dataset: {id: d, title: D}\nentities:\n  -\n  - [a]\n  - 5\n"
        "  - {id: a, name: A, kind: state}\n",
        encoding="utf-8",
    )
    problems = relgraph.validate(tmp_path / "items.yaml")
    assert [(p.code, p.message, p.hint, p.line) for p in problems] == [
        (
            "wrong-type",
            f"each item of 'entities' must be a mapping, not {described}",
            "write each item as '- id: …' followed by its fields",
            line,
        )
        for described, line in (("empty", 3), ("a list", 4), ("a single value", 5))
    ]


def test_after_twenty_quotes_not_found_in_a_source_the_rest_are_not_searched(
    tmp_path: Path,
) -> None:
    missing = "".join(
        f"      - quote: Gamma criticised Alphaland {n} times.\n        source: wire\n"
        for n in range(21)
    )
    path = variant(
        tmp_path,
        (
            "Alphaland on 9 June 2021.\n        source: wire\n",
            "Alphaland on 9 June 2021.\n        source: wire\n" + missing,
        ),
    )
    problems = [p for p in relgraph.validate(path) if p.code == "quote-not-found"]
    assert len(problems) == 21
    assert {p.message for p in problems} == {"the quote is not in the text of source 'wire'"}
    assert all(
        p.hint.startswith('the closest passage is: "The Gamma Front criticised Alphaland')
        for p in problems[:20]
    )
    assert problems[20].hint == (
        "copy the words exactly from the source's text (no closest passage is looked for after "
        "20 quotes not found in one source: is it the right text?)"
    )
    # the count is the source's: a quote not found in the paper is searched
    path = variant(
        tmp_path / "other",
        (
            "Alphaland on 9 June 2021.\n        source: wire\n",
            "Alphaland on 9 June 2021.\n        source: wire\n"
            + missing
            + "      - quote: Alphaland is said to back Gamma.\n        source: paper\n",
        ),
    )
    last = [p for p in relgraph.validate(path) if p.code == "quote-not-found"][-1]
    assert last.hint == 'the closest passage is: "Alphaland is said to support the Gamma"'


def test_an_actor_and_an_evidence_item_keep_every_field_they_are_given(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "    name: Alphaland\n    kind: state\n",
            "    name: Alphaland\n    kind: state\n    aliases: [Alpha]\n    country: AL\n"
            "    description: a coastal state\n    external_ids: {registry: AL-1}\n"
            "    tags: [coast]\n",
        ),
        (
            "criticised Alphaland on 9 June 2021.\n        source: wire\n",
            "criticised Alphaland on 9 June 2021.\n        source: wire\n"
            "        attributed_to: gamma\n        credibility: 2\n        notes: Checked.\n"
            "        stance: qualifies\n",
        ),
    )
    ds = relgraph.load(path)
    alpha = ds.entity("alpha")
    assert (alpha.aliases, alpha.country, alpha.description, dict(alpha.external_ids)) == (
        ("Alpha",),
        "AL",
        "a coastal state",
        {"registry": "AL-1"},
    )
    assert alpha.tags == ("coast",)
    (item,) = ds.relations[-1].evidence
    assert (item.attributed_to, item.attributed_entity, item.credibility, item.notes) == (
        "gamma",
        "gamma",
        2,
        "Checked.",
    )
    assert item.stance == "qualifies"
    plain = relgraph.load(FIXTURE)
    (item,) = plain.relations[-1].evidence
    assert (item.attributed_to, item.attributed_entity, item.credibility, item.stance) == (
        None,
        None,
        None,
        "supports",
    )


def test_an_external_id_that_is_not_text_is_refused_by_name(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("    name: Alphaland\n", "    name: Alphaland\n    external_ids: {registry: [AL, 1]}\n"),
    )
    problems = [p for p in relgraph.validate(path) if p.severity == "error"]
    assert [(p.code, p.message, p.line) for p in problems] == [
        ("wrong-type", "'external_ids.registry' of an entity must be text, not a list", 23)
    ]


@pytest.mark.parametrize(
    ("written", "named"),
    [("2.5", "'2.5'"), (".inf", "'.inf'"), ("1:30", "'1:30'"), ("0x3", "'0x3'"), ("yes", None)],
)
def test_a_credibility_that_is_no_whole_number_is_named_as_written(
    tmp_path: Path, written: str, named: str | None
) -> None:
    """YAML reads 2.5, .inf and 1:30 as numbers, and they were refused as "must be a whole
    number from 1 to 6, not a number (1:30)", which contradicts itself."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    yaml = BASE_YAML.format(sha=sha256_of(SOURCE_TEXT)).replace(
        "        source: art\n", f"        source: art\n        credibility: {written}\n", 1
    )
    (tmp_path / "d.yaml").write_text(yaml, encoding="utf-8")
    problems = relgraph.validate(tmp_path / "d.yaml")
    got = "a yes/no value (yes)" if named is None else named
    assert [(p.code, p.message, p.hint) for p in problems] == [
        (
            "wrong-type",
            f"'credibility' of an evidence item must be a whole number from 1 to 6, not {got}",
            "write a number from 1 to 6",
        )
    ]
