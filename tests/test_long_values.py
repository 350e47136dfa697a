"""Huge values in every field and argument, through every command: every printed line is short.

A generated corpus (built here at test time) puts a 20,000-character value in
every field a dataset has (ids, names, aliases, tags, addresses, dates, quotes,
source ids, external ids, vocabulary entries, file names) and in every argument
of the command line, valid where it can be and invalid where it cannot. Each
command runs over it as a user would; no line it prints for a terminal (every
message, and the text tables) is longer than 500 characters, and where a value
was cut the cut says its full length. JSON output keeps every value whole.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.errors import LINE_LIMIT
from support import SOURCE_TEXT, run, sha256_of

N = 20_000
#: a cut states the value's (or the line's) full length
CUT = re.compile(r"… \((\d{1,3}(?:,\d{3})+|\d+) characters\)")


def _huge(letter: str) -> str:
    return letter * N


WORD = "q" * 5_000  # one huge word of the source's text, the longest quote there may be
TEXT = SOURCE_TEXT + f"The file says {WORD} in the end.\n"


#: ids are at most 128 characters: a valid one is that long
BIG_ID = "a" * 128
BIG_SOURCE = "s" * 128
BIG_TYPE = "t" * 128


def _write(folder: Path, data: dict[str, Any], name: str = "data.yaml") -> Path:
    """The dataset as YAML (JSON is YAML), its source text beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "art.txt").write_text(TEXT, encoding="utf-8")
    path = folder / name
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _valid() -> dict[str, Any]:
    """A valid dataset with a huge value in every field that can hold one."""
    big_id, big_source, big_type = BIG_ID, BIG_SOURCE, BIG_TYPE
    return {
        "dataset": {"id": "huge", "title": "T " + _huge("T"), "description": _huge("D")},
        "sources": [
            {
                "id": big_source,
                "title": _huge("S"),
                "publisher": _huge("P"),
                "url": "https://example.org/" + _huge("u"),
                "reliability": "F",
                "text": "sources/art.txt",
                "sha256": sha256_of(TEXT),
            }
        ],
        "entities": [
            {
                "id": big_id,
                "name": "Iran " + _huge("n"),
                "kind": "state",
                "aliases": [_huge("l")],
                "tags": [_huge("g")],
                "description": _huge("e"),
                "external_ids": {"wikidata": "Q" + "7" * N, KEY: _huge("x")},
            },
            {"id": "cuba", "name": "Cuba", "kind": "state"},
            {"id": "hamas", "name": "Hamas " + _huge("h"), "kind": "group"},
        ],
        "relations": [
            {
                "source": big_id,
                "target": "cuba",
                "type": big_type,
                "date": "2006-01",
                "status": "reported",
                "notes": _huge("o"),
                "evidence": [
                    {"quote": WORD, "source": big_source, "attributed_to": _huge("A")},
                ],
            },
            {
                "source": "cuba",
                "target": "hamas",
                "type": "intelligence_sharing",
                "status": "alleged",
                "evidence": [
                    {
                        "quote": "The data alleges that Cuba provides intelligence to Hamas.",
                        "source": big_source,
                    }
                ],
            },
        ],
        "claims": [
            {
                "entity": "cuba",
                "statement": _huge("c"),
                "status": "reported",
                "evidence": [{"quote": WORD, "source": big_source}],
            }
        ],
        "vocabulary": {
            "relation_types": [
                {
                    "id": big_type,
                    "category": "diplomatic",
                    "label": "label " + _huge("b"),
                    "inverse_label": _huge("v"),
                    "directed": True,
                    "sign": "cooperative",
                    "source_kinds": "*",
                    "target_kinds": "*",
                }
            ]
        },
    }


def _lines(out: str, err: str, text_out: bool) -> list[str]:
    return err.splitlines() + (out.splitlines() if text_out else [])


def _assert_short(out: str, err: str, text_out: bool = True) -> None:
    long = [line[:200] for line in _lines(out, err, text_out) if len(line) > LINE_LIMIT]
    assert long == []
    assert "Traceback" not in out + err


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = _write(tmp_path_factory.mktemp("valid"), _valid())
    relgraph.load(path)  # every huge value is a valid one
    return path


TEXT_COMMANDS = [
    ["validate", "{d}"],
    ["validate", "--strict", "{d}"],
    ["analyze", "{d}"],
    ["analyze", "--format", "markdown", "{d}"],
    ["analyze", "--communities", "{d}"],
    ["analyze", "--balance", "{d}"],
    ["analyze", "--sensitivity", "{d}"],
    ["analyze", "--by", "year", "{d}"],
    ["path", BIG_ID, "hamas", "{d}"],
    ["path", BIG_ID, "hamas", "--format", "markdown", "{d}"],
    ["ego", "cuba", "{d}"],
    ["ego", "cuba", "--quotes", "{d}"],
    ["ego", "cuba", "--quotes", "--format", "markdown", "{d}"],
    ["evidence", "{d}"],
    ["evidence", "--format", "markdown", "{d}"],
    ["match", "{d}", "{o}"],
    ["quote", BIG_SOURCE, "the file says", "--dataset", "{d}"],
    ["vocab"],
]


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second dataset of the same huge actors under other ids, for match."""
    data = _valid()
    data["dataset"]["id"] = "other"
    _entity(data)["id"] = _relation(data)["source"] = "b" * 128
    return _write(tmp_path_factory.mktemp("other"), data)


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_text_output_of_every_command_keeps_lines_short(
    valid: Path, other: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, *[a.replace("{d}", str(valid)).replace("{o}", str(other)) for a in args]
    )
    assert code == 0, err[:2000]
    _assert_short(out, err)


def _entity(data: dict[str, Any]) -> dict[str, Any]:
    entity: dict[str, Any] = data["entities"][0]
    return entity


def _relation(data: dict[str, Any]) -> dict[str, Any]:
    relation: dict[str, Any] = data["relations"][0]
    return relation


def _source(data: dict[str, Any]) -> dict[str, Any]:
    source: dict[str, Any] = data["sources"][0]
    return source


#: YAML takes keys of at most 1,024 characters
KEY = "w" * 1_000

#: (what, how to spoil the valid dataset with a huge value, the code it gets; "" where the
#: message does not echo the value, as for a control character or a YAML syntax error)
SPOILED: list[tuple[str, Any, str]] = [
    ("entity id", lambda d: _entity(d).update(id="a" + _huge("i")), "bad-id"),
    ("entity name", lambda d: _entity(d).update(name=_huge("n") + "\t"), ""),
    ("entity kind", lambda d: _entity(d).update(kind=_huge("k")), "unknown-kind"),
    ("alias", lambda d: _entity(d).update(aliases=[_huge("l") + "\x00"]), ""),
    ("tag", lambda d: _entity(d).update(tags=[_huge("g") + "\n"]), ""),
    ("unknown field", lambda d: _entity(d).update({KEY: 1}), ""),
    ("huge key", lambda d: _entity(d).update({_huge("f"): 1}), ""),
    ("source url", lambda d: _source(d).update(url="ftp://" + _huge("u")), "bad-url"),
    ("published", lambda d: _source(d).update(published="2023-" + "1" * N), "bad-date"),
    ("sha256", lambda d: _source(d).update(sha256=_huge("f")), ""),
    ("reliability", lambda d: _source(d).update(reliability=_huge("R")), ""),
    ("source text", lambda d: _source(d).update(text="sources/" + _huge("x")), ""),
    ("relation type", lambda d: _relation(d).update(type=_huge("y")), "unknown-type"),
    ("relation status", lambda d: _relation(d).update(status=_huge("z")), ""),
    ("relation date", lambda d: _relation(d).update(date="2006-" + "0" * N), "bad-date"),
    ("relation end", lambda d: _relation(d).update(target=_huge("e")), ""),
    ("relation id", lambda d: _relation(d).update(id=_huge("r") + " x"), "bad-id"),
    (
        "quote not found",
        lambda d: _relation(d)["evidence"][0].update(quote="qqq " + "k" * 4_000),
        "quote-not-found",
    ),
    (
        "evidence source",
        lambda d: _relation(d)["evidence"][0].update(source=_huge("s")),
        "",
    ),
    (
        "vocabulary id",
        lambda d: d["vocabulary"]["relation_types"][0].update(id=_huge("v")),
        "bad-id",
    ),
    (
        "vocabulary category",
        lambda d: d["vocabulary"]["relation_types"][0].update(category=_huge("c")),
        "",
    ),
    ("dataset id", lambda d: d["dataset"].update(id=_huge("d")), "bad-id"),
]


@pytest.mark.parametrize(("what", "spoil", "code"), SPOILED, ids=[s[0] for s in SPOILED])
def test_a_huge_invalid_value_in_any_field_is_cut_in_the_message_and_whole_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str, spoil: Any, code: str
) -> None:
    data = _valid()
    spoil(data)
    path = _write(tmp_path, data)

    for args in (["validate"], ["render", "-o", str(tmp_path / "p.html")], ["analyze"]):
        status, out, err = run(capsys, *args, str(path))
        assert status == 1, (what, err[:1000])
        _assert_short(out, err)
        if code:
            assert f"error[{code}]" in err, err[:2000]
            assert CUT.search(err), err[:2000]
    assert not (tmp_path / "p.html").exists()

    status, out, err = run(capsys, "validate", "--format", "json", str(path))
    assert status == 1
    records = json.loads(out)
    assert not CUT.search(" ".join(r["message"] + (r.get("hint") or "") for r in records))


def test_exact_messages_of_cut_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _valid()
    _entity(data)["id"] = "a" + _huge("i")
    _entity(data)["kind"] = _huge("k")
    _source(data)["published"] = "2023-" + "1" * N
    path = _write(tmp_path, data)
    _, _, err = run(capsys, "validate", str(path))
    lines = err.splitlines()
    ident = "a" + "i" * 119
    assert (
        f"error[bad-id] '{ident}… (20,001 characters)' is not a valid id "
        "(at most 128 characters, not 20,001)"
    ) in lines[0] or any(
        line.endswith(
            f"error[bad-id] '{ident}… (20,001 characters)' is not a valid id "
            "(at most 128 characters, not 20,001)"
        )
        for line in lines
    )
    assert f"  hint: use a slug such as '{'a' + 'i' * 119}… (128 characters)'" in lines
    kind = f"error[unknown-kind] '{'k' * 120}… (20,000 characters)' is not an entity kind"
    assert any(line.endswith(kind) for line in lines), lines


# ---------------------------------------------------------------------------
# Huge arguments on the command line
# ---------------------------------------------------------------------------
HUGE_ARG = _huge("w")


def _huge_args(valid: Path, tmp: Path) -> list[list[str]]:
    d = str(valid)
    long_name = str(tmp / ("f" * 250 + ".html"))  # one name the file system takes
    too_long = str(tmp / ("f" * 300 + ".html"))  # longer than a file name may be
    article = str(valid.parent / "sources" / "art.txt")
    return [
        ["validate", str(tmp / HUGE_ARG[:3000])],
        ["validate", "--format", HUGE_ARG, d],
        ["path", HUGE_ARG, "cuba", d],
        ["path", "cuba", "Iran " + "n" * 50, d],
        ["ego", HUGE_ARG, d],
        ["analyze", "--sort", HUGE_ARG, d],
        ["analyze", "--metric", HUGE_ARG, d],
        ["analyze", "--status", HUGE_ARG, d],
        ["analyze", "--kind", HUGE_ARG, d],
        ["analyze", "--type", HUGE_ARG, d],
        ["analyze", "--from", HUGE_ARG, d],
        ["analyze", "--as-of", "2023-" + "1" * N, d],
        ["analyze", "--top", HUGE_ARG, d],
        ["analyze", "--samples", HUGE_ARG, d],
        ["analyze", "--min-reliability", HUGE_ARG, d],
        ["analyze", "--by", HUGE_ARG, d],
        ["export", d, "--to", HUGE_ARG],
        ["export", d, "--to", "json", "-o", too_long],
        ["render", d, "-o", too_long],
        ["render", d, "-o", str(tmp / "missing" / HUGE_ARG[:200] / "p.html")],
        ["render", d, "--title", HUGE_ARG, "-o", long_name],
        ["convert", d, "-o", str(tmp / ("c." + HUGE_ARG[:200]))],
        ["quote", HUGE_ARG, "words", "--dataset", d],
        ["quote", BIG_SOURCE, HUGE_ARG, "--dataset", d],
        ["quote", BIG_SOURCE, "zzzz " + HUGE_ARG, "--dataset", d],
        ["suggest", HUGE_ARG, "--dataset", d],
        ["schema", str(tmp / HUGE_ARG[:3000])],
        ["match", d, str(tmp / HUGE_ARG[:3000])],
        ["merge", d, d, "-o", str(tmp / "m"), "--id", HUGE_ARG],
        ["source", "add", article, "--id", HUGE_ARG, "--title", HUGE_ARG, "--dataset", d],
        [
            "source",
            "add",
            article,
            "--id",
            "new",
            "--title",
            "T",
            "--url",
            "ftp://" + HUGE_ARG,
            "--published",
            HUGE_ARG,
            "--dataset",
            d,
        ],
        ["import", "json", str(tmp / HUGE_ARG[:3000]), "-o", str(tmp / "x.yaml")],
        ["vocab", "--format", HUGE_ARG],
        [HUGE_ARG],
    ]


def test_huge_arguments_of_every_command_are_cut_in_its_messages(
    valid: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = valid.read_bytes()
    for args in _huge_args(valid, tmp_path):
        code, out, err = run(capsys, *args)
        assert code != 0, (args[:2], err[:500])
        _assert_short(out, err)
        assert err.strip(), args[:2]
        if any(len(a) > 500 and a in (HUGE_ARG, "zzzz " + HUGE_ARG) for a in args):
            assert HUGE_ARG not in err
    assert valid.read_bytes() == before
