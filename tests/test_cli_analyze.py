"""``relgraph analyze``, ``path`` and ``ego``: exact output, exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from relgraph.cli import cli, main
from relgraph.cli.analyze import COMMANDS
from support import run

NOTE = (
    "relgraph: cuba_iran: 20 actors, 31 relations (statuses confirmed, reported, alleged, disputed)"
)

BLOCS_TEXT = (
    "Ruritania and Freedonia are allies. Freedonia and Sylvania are allies. "
    "Ruritania is said to be hostile to Sylvania.\n"
)
BLOCS_YAML = """\
dataset:
  id: blocs
  title: Blocs
sources:
  - id: art
    title: An article
    reliability: C
    text: sources/art.txt
    sha256: {sha}
entities:
  - {id: ruritania, name: Ruritania, kind: state, aliases: [The Kingdom]}
  - {id: freedonia, name: Freedonia, kind: state, aliases: [The Kingdom]}
  - {id: sylvania, name: Sylvania, kind: state}
relations:
  - source: ruritania
    target: freedonia
    type: alliance
    status: reported
    evidence:
      - quote: Ruritania and Freedonia are allies.
        source: art
  - source: freedonia
    target: sylvania
    type: alliance
    status: reported
    date: 2020-05
    evidence:
      - quote: Freedonia and Sylvania are allies.
        source: art
  - source: ruritania
    target: sylvania
    type: hostility
    status: alleged
    date: 2021
    evidence:
      - quote: Ruritania is said to be hostile to Sylvania.
        source: art
"""


@pytest.fixture
def blocs(make_dataset: Any) -> str:
    return str(make_dataset(BLOCS_YAML, BLOCS_TEXT, "blocs.yaml"))


# ---------------------------------------------------------------------------
# relgraph analyze
# ---------------------------------------------------------------------------
def test_analyze_prints_a_ranked_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", "--top", "3", "-m", "degree,betweenness")
    assert code == 0
    assert out == (
        "#  actor          id             kind      degree  betweenness\n"
        "-  -------------  -------------  --------  ------  -----------\n"
        "1  Cuba           cuba           state         10       0.2865\n"
        "2  Iran           iran           state          8       0.1754\n"
        "3  Ibrahim Raisi  ibrahim-raisi  official       3       0.0702\n"
    )
    assert err == (
        f"{NOTE}; weight: relations; engine: igraph\n"
        "relgraph: showing 3 of 20 actors; --top N shows more\n"
    )


def test_analyze_shows_twenty_actors_in_a_table_and_all_in_csv(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "analyze")
    assert len(out.splitlines()) == 2 + 20
    _, out, err = run(capsys, "analyze", "--format", "csv", "--sort", "pagerank")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 20
    assert "showing" not in err
    assert list(rows[0]) == [
        "rank",
        "name",
        "id",
        "kind",
        "degree",
        "weighted_degree",
        "betweenness",
        "eigenvector",
        "pagerank",
        "k_core",
    ]
    assert (rows[0]["id"], rows[0]["rank"], rows[0]["pagerank"]) == (
        "cuba",
        "1",
        "0.17859464431830635",
    )


def test_analyze_json_holds_how_it_was_computed(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "analyze",
        "--format",
        "json",
        "-m",
        "betweenness",
        "--engine",
        "networkx",
        "--status",
        "reported",
    )
    data = json.loads(out)
    assert data["engine"] == "networkx"
    assert data["filter"]["statuses"] == ["reported"]
    assert data["metrics"][0]["projection"] == "undirected"
    assert data["metrics"][0]["samples"] is None
    assert [a["id"] for a in data["actors"][:2]] == ["cuba", "iran"]


def test_analyze_markdown_table(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyze", "--format", "markdown", "--top", "1", "-m", "k_core")
    assert (
        out == "| # | actor | id | kind | k_core |\n|---:|---|---|---|---:|\n"
        "| 1 | Cuba | cuba | state | 2 |\n"
    )


def test_filters_reach_the_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = run(
        capsys,
        "analyze",
        "--kind",
        "state",
        "--status",
        "reported",
        "--category",
        "economic,diplomatic",
        "-m",
        "degree",
        "--format",
        "csv",
    )
    assert err.startswith(
        "relgraph: cuba_iran: 4 actors, 9 relations (statuses reported; kinds state; "
        "categories economic, diplomatic)"
    )
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == [
        "cuba",
        "iran",
        "united-states",
        "venezuela",
    ]


def test_analyze_sensitivity_shows_who_rises_with_allegations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "analyze", "--sensitivity", "-m", "degree", "--top", "5")
    assert code == 0
    assert out.splitlines()[:6] == [
        "degree with and without allegations (alleged or disputed relations)",
        "allegations: 9 of 31 relations (29%)",
        "rank correlation (Spearman): 0.694",
        "tied in only by allegations: gaza, hamas, hezbollah, terrorists-in-the-middle-east",
        "change: places an actor gains when allegations count (+) or loses (-)",
        "",
    ]
    assert out.splitlines()[6:] == [
        "#  actor          id             degree with  without  rank without  change",
        "-  -------------  -------------  -----------  -------  ------------  ------",
        "1  Cuba           cuba                    10        6             1  =",
        "2  Iran           iran                     8        6             1  -1",
        "3  Ibrahim Raisi  ibrahim-raisi            3        3             3  =",
        "4  Gaza           gaza                     2        0            13  +9",
        "4  Hamas          hamas                    2        0            13  +9",
    ]


def test_analyze_sensitivity_compares_one_metric(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "--sensitivity", "-m", "degree,pagerank")
    assert code == 2
    assert err == "relgraph: error: --sensitivity compares one metric; give one --metric\n"


def test_analyze_communities(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyze", "--communities", "--top", "2")
    lines = out.splitlines()
    assert lines[0] == "Louvain communities (seed 0): 7 communities, modularity 0.1087"
    assert lines[-1] == (
        "        2     2  Ibrahim Raisi, several cabinet ministers (accompanying Raisi)"
    )
    _, first, _ = run(capsys, "analyze", "--communities", "--format", "json", "--seed", "3")
    _, second, _ = run(capsys, "analyze", "--communities", "--format", "json", "--seed", "3")
    assert first == second


def test_a_large_community_names_its_first_actors_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from relgraph.cli import analyze

    monkeypatch.setattr(analyze, "COMMUNITY_NAMES", 3)
    _, out, _ = run(capsys, "analyze", "--communities", "--top", "1")
    assert out.splitlines()[-1] == (
        "        1    12  Cuba, Gaza, Hamas, and 9 more (--format csv lists them all)"
    )
    _, csv_out, _ = run(capsys, "analyze", "--communities", "--format", "csv")
    assert sum(line.startswith("1,") for line in csv_out.splitlines()) == 12


def test_analyze_balance_lists_the_unbalanced_triangle_with_its_evidence(
    capsys: pytest.CaptureFixture[str], blocs: str
) -> None:
    code, out, _ = run(capsys, "analyze", blocs, "--balance")
    assert code == 0
    assert out.splitlines()[:3] == [
        "signed ties: 2 positive, 1 negative (pairs whose relations lean cooperative or hostile)",
        "triangles: 0 balanced (+++ 0, +-- 0), 1 unbalanced (++- 1, --- 0)",
        "two blocs (exact): 1 frustrated tie",
    ]
    tail = out[out.index("unbalanced triangles:") :]
    assert tail.splitlines()[:2] == [
        "unbalanced triangles:",
        "1. Ruritania, Freedonia, Sylvania (++-)",
    ]
    assert (
        "     Ruritania is hostile to Sylvania  [hostility; ruritania -> sylvania; ALLEGED; 2021]\n"
        "       \u201cRuritania is said to be hostile to Sylvania.\u201d\n"
        "         \u2014 An article (art, reliability C)\n"
    ) in tail
    _, out, _ = run(capsys, "analyze", blocs, "--balance", "--format", "csv")
    assert (
        out == "bloc,id,name\n1,freedonia,Freedonia\n1,ruritania,Ruritania\n1,sylvania,Sylvania\n"
    )


def test_analyze_by_year(capsys: pytest.CaptureFixture[str], blocs: str) -> None:
    _, out, err = run(capsys, "analyze", blocs, "--by", "year")
    assert out == (
        "year  relations in  new  actors  top by degree\n"
        "----  ------------  ---  ------  -----------------------\n"
        "2020             1    1       2  Freedonia 1, Sylvania 1\n"
        "2021             1    1       2  Ruritania 1, Sylvania 1\n"
    )
    assert err.endswith(
        "; periods by event dates; 1 relation with no event date left out of the periods\n"
    )
    _, out, _ = run(capsys, "analyze", blocs, "--by", "year", "--cumulative", "--format", "csv")
    assert out.splitlines()[0] == "period,rank,id,name,kind,degree"
    assert out.splitlines()[-3:] == [
        "2021,1,sylvania,Sylvania,state,2",
        "2021,2,freedonia,Freedonia,state,1",
        "2021,2,ruritania,Ruritania,state,1",
    ]


def test_a_report_date_is_not_the_events_year(
    capsys: pytest.CaptureFixture[str], make_dataset: Any
) -> None:
    """A relation dated only by ``reported:`` is undated by year unless --by-reported asks."""
    reported = BLOCS_YAML.replace(
        "    status: reported\n    evidence:\n      - quote: Ruritania and Freedonia",
        "    status: reported\n    reported: 2022-03\n    evidence:\n"
        "      - quote: Ruritania and Freedonia",
    )
    assert reported != BLOCS_YAML
    path = str(make_dataset(reported, BLOCS_TEXT, "blocs.yaml"))
    _, out, err = run(capsys, "analyze", path, "--by", "year")
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["2020", "2021"]
    assert err.endswith(
        "; periods by event dates; 1 relation with no event date left out of the periods\n"
    )
    _, out, err = run(capsys, "analyze", path, "--by", "year", "--by-reported")
    assert out == (
        "year  relations in  new  actors  top by degree\n"
        "----  ------------  ---  ------  ------------------------\n"
        "2022             1    1       2  Freedonia 1, Ruritania 1\n"
    )
    assert err == (
        "relgraph: blocs: 3 actors, 3 relations (statuses confirmed, reported, alleged, "
        "disputed; by report dates); periods by report dates; 2 relations with no report "
        "date left out of the periods\n"
    )
    _, out, _ = run(capsys, "analyze", path, "--by", "year", "--by-reported", "--format", "json")
    data = json.loads(out)
    assert (data["dates"], data["undated"], [p["period"] for p in data["periods"]]) == (
        "reported",
        2,
        ["2022"],
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-m", "degre"],
            "relgraph: error: 'degre' is not a metric\n  hint: did you mean 'degree'? metrics are "
            "degree, in_degree, out_degree, weighted_degree, betweenness, closeness, harmonic, "
            "eigenvector, pagerank, constraint, effective_size, k_core\n",
        ),
        (
            ["-m", "degree", "--sort", "pagerank"],
            "relgraph: error: --sort pagerank is not among the metrics computed\n"
            "  hint: add it with --metric pagerank\n",
        ),
        (["--cumulative"], "relgraph: error: --cumulative goes with --by year or --by month\n"),
        (
            ["--sensitivity", "--communities"],
            "relgraph: error: --sensitivity and --communities are separate analyses; choose one\n",
        ),
        (
            ["--balance", "--by", "year"],
            "relgraph: error: --balance and --by are separate analyses; choose one\n",
        ),
        (
            ["--kind", "stat"],
            "relgraph: error: 'stat' is not an entity kind\n"
            "  hint: did you mean 'state'? `relgraph vocab` lists them\n",
        ),
        (
            ["--status", "rumoured"],
            "relgraph: error: 'rumoured' is not a status\n"
            "  hint: statuses are confirmed, reported, alleged, disputed, denied\n",
        ),
        (
            ["--from", "2024", "--to", "2023"],
            "relgraph: error: the window ends (2023) before it starts (2024)\n"
            "  hint: swap the two dates\n",
        ),
    ],
)
def test_analyze_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "analyze", *args)
    assert (code, out, err) == (2, "", message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2020-13"],
            "Error: Invalid value for '--from': '2020-13' has month 13; months run from 01 to 12\n",
        ),
        (
            ["--samples", "x"],
            "Error: Invalid value for '--samples': 'x' is not a number of actors, 'exact' or "
            "'auto'\n",
        ),
        (
            ["--min-credibility", "9"],
            "Error: Invalid value for '--min-credibility': 9 is not in the range 1<=x<=6.\n",
        ),
    ],
)
def test_analyze_bad_option_values(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "analyze", *args)
    assert code == 2
    assert err.endswith(message)


def test_analyze_a_broken_dataset_is_a_data_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", "no/such/file.yaml")
    assert (code, out) == (1, "")
    assert err.startswith("no/such/file.yaml: error[missing-file] no such file or folder\n")


# ---------------------------------------------------------------------------
# relgraph path
# ---------------------------------------------------------------------------
def test_path_from_hezbollah_to_venezuela_marks_the_alleged_hop(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "path", "Hezbollah", "Venezuela")
    assert code == 0
    assert err == NOTE + "\n"
    lines = out.splitlines()
    source = "Deepening Ties: Unpacking The Cuba-Iran Relationship (deepening-ties, reliability F)"
    assert lines[:5] == [
        "Path 1: Hezbollah - Cuba - Iran - Venezuela (3 hops, 1 resting on allegations only)",
        "1. Hezbollah -> Cuba  ALLEGED",
        "   Hezbollah keeps a base in Cuba  [hosts_base; cuba -> hezbollah; ALLEGED; undated]",
        "     \u201cThe Cuban dictatorship aids terrorists in the Middle East, allows Hezbollah "
        "to maintain a base in Cuba, and provides intelligence to Hamas.\u201d",
        f"       \u2014 {source}, attributed to the data the article cites (unnamed)",
    ]
    assert lines[5] == "2. Cuba -> Iran"
    assert (
        "   Cuba signed an agreement with Iran  [agreement; iran -- cuba; reported; 2006-01]"
        in lines
    )
    assert lines[-4:] == [
        "3. Iran -> Venezuela",
        "   Iran is allied with Venezuela  [alliance; iran -- venezuela; reported; undated]",
        "     \u201cwith an emphasis on Venezuela, a key ally of Iran\u201d",
        f"       \u2014 {source}, attributed to unnamed reporting quoted by the article",
    ]
    # every relation of every hop is followed by its quote
    relation_lines = [i for i, line in enumerate(lines) if line.startswith("   ") and "[" in line]
    assert all(lines[i + 1].startswith("     \u201c") for i in relation_lines)


def test_path_csv_gives_one_row_per_quote(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "path", "hezbollah", "venezuela", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["alleged"] == "True"
    assert rows[0]["relation"] == "cuba-hosts-hezbollah-base"
    assert rows[-1]["quote"] == "with an emphasis on Venezuela, a key ally of Iran"
    assert {r["hop"] for r in rows} == {"1", "2", "3"}


def test_path_k_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "path", "hezbollah", "venezuela", "-k", "2", "--format", "json")
    data = json.loads(out)
    assert [p["length"] for p in data["paths"]] == [3, 4]
    assert data["paths"][0]["hops"][0]["alleged"] is True


def test_path_without_allegations_finds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "path", "hezbollah", "venezuela", "--status", "reported")
    assert (code, out) == (0, "")
    assert err.endswith("relgraph: no path from Hezbollah to Venezuela with these filters\n")


def test_path_to_an_unknown_actor_suggests_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "path", "Hezbolah", "Venezuela")
    assert (code, out) == (2, "")
    assert err == (
        "relgraph: error: no actor is called 'Hezbolah'\n"
        "  hint: did you mean 'Hezbollah' (hezbollah)?\n"
    )


def test_path_to_an_ambiguous_name_lists_the_actors(
    capsys: pytest.CaptureFixture[str], blocs: str
) -> None:
    code, _, err = run(capsys, "path", "the kingdom", "sylvania", blocs)
    assert code == 2
    assert err == (
        "relgraph: error: 'the kingdom' matches 2 actors: ruritania (Ruritania), "
        "freedonia (Freedonia)\n  hint: give the id of the one you mean\n"
    )


# ---------------------------------------------------------------------------
# relgraph ego
# ---------------------------------------------------------------------------
def test_ego_prints_actors_and_relations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ego", "Venezuela")
    assert code == 0
    assert out == (
        "Ego network of Venezuela (radius 1): 2 actors, 1 relation\n"
        "\n"
        "distance  actor      id         kind\n"
        "--------  ---------  ---------  -----\n"
        "       0  Venezuela  venezuela  state\n"
        "       1  Iran       iran       state\n"
        "\n"
        "relation                       status    when  quotes  id\n"
        "-----------------------------  --------  ----  ------  -----------------------\n"
        "Venezuela is allied with Iran  reported             1  iran-venezuela-alliance\n"
    )


def test_ego_with_quotes_and_radius(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "ego", "hezbollah", "--radius", "1", "--quotes")
    assert out.splitlines()[-3:] == [
        "Hezbollah keeps a base in Cuba  [hosts_base; cuba -> hezbollah; ALLEGED; undated]",
        "    \u201cThe Cuban dictatorship aids terrorists in the Middle East, allows Hezbollah to "
        "maintain a base in Cuba, and provides intelligence to Hamas.\u201d",
        "      \u2014 Deepening Ties: Unpacking The Cuba-Iran Relationship (deepening-ties, "
        "reliability F), attributed to the data the article cites (unnamed)",
    ]
    _, out, _ = run(capsys, "ego", "hezbollah", "-r", "2", "--format", "json")
    data = json.loads(out)
    assert data["center"] == "hezbollah"
    assert max(a["distance"] for a in data["actors"]) == 2


def test_ego_csv_gives_relations(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "ego", "venezuela", "--format", "csv")
    assert out == (
        "relation,source,type,target,reading,status,alleged,when,evidence\n"
        "iran-venezuela-alliance,iran,alliance,venezuela,Venezuela is allied with Iran,"
        "reported,False,,1\n"
    )


# ---------------------------------------------------------------------------
# Help
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_every_command_is_registered_with_help_and_examples(
    capsys: pytest.CaptureFixture[str], command: click.Command
) -> None:
    assert command.name is not None
    assert cli.get_command(click.Context(cli), command.name)
    code, out, _ = run(capsys, command.name, "--help")
    assert code == 0
    assert "Examples:" in out
    assert f"relgraph {command.name} " in out
    assert "--status STATUS" in out
    assert "--as-of DATE" in out


def test_help_example_commands_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for args in (
        ["analyze", "-m", "betweenness,pagerank", "--sort", "pagerank", "--top", "10"],
        ["analyze", "--status", "confirmed,reported", "--kind", "state"],
        ["analyze", "--by", "year", "--metric", "degree", "--cumulative"],
        ["path", "hamas", "United States", "-k", "3"],
        ["ego", "Hezbollah", "--radius", "2", "--quotes"],
    ):
        code, out, _ = run(capsys, *args)
        assert code == 0, args
        assert out, args


def test_ego_writes_the_neighbourhood_as_a_page(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from relgraph.cli import cli

    out = tmp_path / "hamas.html"
    result = CliRunner().invoke(cli, ["ego", "Hamas", "--page", str(out)])
    assert result.exit_code == 0, result.output
    assert f"relgraph: wrote {out} (3 actors, 12 relations)" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Hamas and its neighbourhood (radius 1)" in page
    assert '"id":"hezbollah"' not in page  # an actor outside the neighbourhood


# ---------------------------------------------------------------------------
# Progress on long work
# ---------------------------------------------------------------------------


class _Events(list[tuple[str, str]]):
    """What a command wrote, in order: to the terminal's progress line and to stdout."""


class _Terminal(io.StringIO):
    def __init__(self, events: _Events) -> None:
        super().__init__()
        self.events = events

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.events.append(("tty", text))
        return super().write(text)


class _Stdout(io.RawIOBase):
    def __init__(self, events: _Events) -> None:
        self.events = events

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.events.append(("out", bytes(data).decode("utf-8")))
        return len(data)


def _stages(calls: list[tuple[str, int, int | None]]) -> list[str]:
    """The stages told, in order, each checked to end with done == total."""
    ends = [stage for stage, done, total in calls if total is not None and done == total]
    return list(dict.fromkeys(ends))


@pytest.mark.parametrize(
    ("work", "stages"),
    [
        ("centrality", ["computing centrality"]),
        ("sensitivity", ["ranking by degree with and without allegations"]),
        ("communities", ["finding communities"]),
        ("balance", ["weighing signed ties"]),
        ("over_time", ["computing year by year"]),
        ("render", ["preparing the page"]),
    ],
)
def test_long_work_tells_its_progress_callback_each_stage_to_its_end(
    bundled: Any, work: str, stages: list[str]
) -> None:
    from relgraph import analysis, render

    calls: list[tuple[str, int, int | None]] = []
    progress = lambda *a: calls.append(a)  # noqa: E731
    if work == "render":
        render(bundled, progress=progress)
    elif work == "sensitivity":
        analysis.sensitivity(bundled, "degree", progress=progress)
    elif work == "over_time":
        analysis.over_time(bundled, "year", progress=progress)
    else:
        getattr(analysis, work)(bundled, progress=progress)
    assert _stages(calls) == stages
    assert calls[0][1] == 0  # a stage is told when it starts, too


@pytest.mark.parametrize(
    ("argv", "stage"),
    [
        (["analyze"], "computing centrality"),
        (["analyze", "--communities"], "finding communities"),
        (["analyze", "--balance"], "weighing signed ties"),
        (["analyze", "--sensitivity"], "ranking by pagerank with and without allegations"),
        (["analyze", "--by", "year"], "computing year by year"),
        (["path", "Cuba", "Iran"], None),
        (["ego", "Cuba"], None),
        (["export", "--to", "json"], None),
        (["render", "-o", "-"], "preparing the page"),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else "",
)
def test_commands_show_progress_on_a_terminal_and_clear_it_before_output(
    argv: list[str],
    stage: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    from relgraph.cli import common
    from relgraph.progress import TerminalProgress

    events = _Events()
    terminal = _Terminal(events)
    monkeypatch.setattr(
        common,
        "terminal_progress",
        lambda quiet=False: None if quiet else TerminalProgress(terminal, rate=0),
    )
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(_Stdout(events), encoding="utf-8"))
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    sys.stdout.flush()
    assert exit_.value.code == 0
    first_out = next(i for i, (where, _) in enumerate(events) if where == "out")
    drawn = "".join(text for where, text in events[:first_out] if where == "tty")
    assert "relgraph: reading cuba_iran.yaml 100%" in drawn
    if stage is not None:
        assert f"relgraph: {stage} 100%" in drawn
    assert drawn.endswith("\r\x1b[K")  # cleared before the result: it starts on a clean line
    assert all(where == "out" for where, _ in events[first_out:])

    events.clear()
    with pytest.raises(SystemExit):
        main([*argv, "--quiet"])
    sys.stdout.flush()
    assert [where for where, _ in events if where == "tty"] == []
    assert events  # the result itself
