"""Hostile data in what relgraph prints: no terminal escapes, no formulas, no HTML from Markdown."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import relgraph
from payloads import PAYLOADS, write_payload_dataset
from relgraph.export.csv import neutralize, restore
from support import SOURCE_TEXT, run, sha256_of

# what a terminal would obey rather than show: control characters but the line feed,
# DEL, C1 controls, bidirectional controls, line and paragraph separators
RAW = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
# every line relgraph writes to stderr is one of these
STDERR_LINE = re.compile(
    r"^(?:\S.*?: (?:error|warning)\[[a-z-]+\] .*|  hint: .*|relgraph: .*"
    r"|\S+: ok.*|\S+: \d+ entities, .*|\s*)$"
)
FORGED = "error[forged] this line was not written by relgraph"

HOSTILE_SOURCE = SOURCE_TEXT + "The \x1b[2J\x1b]0;owned\x07 screen and Cuba signed \x9b31m.\n"

VALID = """\
dataset:
  id: hostile
  title: "Hostile \\u202e output"
  description: "line one\\r\\nrelgraph: error: forged"
sources:
  - id: art
    title: "An article\\r\\n{forged}"
    reliability: F
    text: sources/art.txt
    sha256: {sha}
entities:
  - id: iran
    name: "\\u202eIran\\u2066"
    kind: state
    description: "first\\nsecond"
  - id: cuba
    name: "=HYPERLINK(\\"http://x\\")"
    kind: state
  - id: hamas
    name: "+1 @SUM(A1) -2"
    kind: group
relations:
  - source: iran
    target: cuba
    type: agreement
    date: 2006-01
    status: reported
    notes: "note\\r\\n{forged}\\t"
    evidence:
      - quote: "Iran and Cuba signed\\nan agreement in Havana in January 2006."
        source: art
        attributed_to: "-officials\\r\\n{forged}"
  - source: cuba
    target: hamas
    type: intelligence_sharing
    status: alleged
    evidence:
      - quote: The data alleges that Cuba provides intelligence to Hamas.
        source: art
""".replace("{forged}", FORGED)

INVALID = """\
dataset:
  id: hostile
  title: Hostile
sources:
  - id: art
    title: An article
    reliability: F
    text: sources/art.txt
    sha256: {sha}
entities:
  - id: iran
    name: Iran
    kind: "state\\n{forged}"
    "\\e]0;owned\\a\\e[2J": x
    external_ids: {"wiki\\e[31m": Q1}
  - id: cuba
    name: Cuba
    kind: state
relations:
  - source: iran
    target: cuba
    type: agreement
    status: reported
    evidence:
      - quote: "The screen and Cuba signed a thing"
        source: art
""".replace("{forged}", FORGED)


def _write(folder: Path, yaml: str, name: str = "data.yaml") -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "art.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    path = folder / name
    path.write_text(yaml.replace("{sha}", sha256_of(HOSTILE_SOURCE)), encoding="utf-8")
    return path


def _assert_inert(out: str, err: str) -> None:
    assert RAW.search(out) is None, RAW.findall(out)
    assert RAW.search(err) is None, RAW.findall(err)
    for line in err.splitlines():
        assert STDERR_LINE.match(line), line
    for line in (out + err).splitlines():
        assert not line.startswith(FORGED), line


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = _write(tmp_path_factory.mktemp("valid"), VALID)
    relgraph.load(path)  # it is a valid dataset
    return path


COMMANDS = [
    ["validate"],
    ["validate", "--format", "json"],
    ["analyze"],
    ["analyze", "--format", "markdown"],
    ["analyze", "--format", "csv"],
    ["analyze", "--format", "json"],
    ["analyze", "--communities"],
    ["analyze", "--balance"],
    ["analyze", "--sensitivity"],
    ["analyze", "--by", "year"],
    ["path", "iran", "hamas"],
    ["path", "iran", "hamas", "--format", "markdown"],
    ["path", "iran", "hamas", "--format", "csv"],
    ["ego", "cuba"],
    ["ego", "cuba", "--quotes"],
    ["ego", "cuba", "--format", "markdown", "--quotes"],
    ["ego", "cuba", "--format", "csv"],
    ["evidence"],
    ["evidence", "--format", "markdown"],
    ["evidence", "--format", "csv"],
    ["evidence", "--format", "json"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_terminal_output_of_every_command_is_inert(
    valid: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command, rest = args[0], args[1:]
    code, out, err = run(capsys, command, *rest, str(valid))
    assert code == 0, err
    _assert_inert(out, err)


def test_terminal_output_of_writing_commands_is_inert(
    valid: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["render", str(valid), "-o", str(tmp_path / "p.html")],
        ["export", str(valid), "--to", "json", "-o", str(tmp_path / "g.json")],
        ["export", str(valid), "--to", "csv", "-o", str(tmp_path / "sheets")],
        ["convert", str(valid), "-o", str(tmp_path / "c.jsonl")],
        ["import", "json", str(tmp_path / "g.json"), "-o", str(tmp_path / "back" / "d.yaml")],
    ):
        (tmp_path / "back").mkdir(exist_ok=True)
        code, out, err = run(capsys, *args)
        assert code == 0, err
        _assert_inert(out, err)


def test_diagnostics_from_hostile_keys_values_files_and_passages_are_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # YAML keys, record values, external id names and the closest passage of a source
    # text, in a file whose own name holds an escape sequence and a line feed
    path = _write(tmp_path / "yaml", INVALID, name="d\x1b[2J\nfake.yaml")
    for fmt in ("text", "json"):
        code, out, err = run(capsys, "validate", str(path), "--format", fmt)
        assert code == 1
        _assert_inert(out, err)
    assert "\\u001b[2J\\n" in err or "\\u001b[2J\\n" in out
    # JSON Lines keys and values
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text(
        '{"record": "dataset", "id": "x", "title": "X"}\n'
        '{"record": "entity", "id": "a", "name": "A", "kind": "state", "\\u001b[31m": 1}\n'
        '{"record": "entity\\r\\n' + FORGED + '", "id": "b"}\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(jsonl))
    assert code == 1
    _assert_inert(out, err)
    # CSV headers and cells
    (tmp_path / "e.csv").write_text(
        'ID,Name,Kind,\x1b[31mColour\nx,X,"state\r\n' + FORGED + '"\n', encoding="utf-8"
    )
    (tmp_path / "r.csv").write_text("Source,Target,Type,Status\n", encoding="utf-8")
    code, out, err = run(
        capsys, "import", "csv", str(tmp_path / "e.csv"), str(tmp_path / "r.csv"),
        "-o", str(tmp_path / "o.yaml"),
    )  # fmt: skip
    assert code == 1
    _assert_inert(out, err)


def test_diagnostic_text_is_inert_for_python_users_too() -> None:
    d = relgraph.Diagnostic("a\x1b.yaml", 1, 2, "x", "'a\nb' is wrong", hint="c\rd")
    assert str(d) == "a\\u001b.yaml:1:2: error[x] 'a\\nb' is wrong\n  hint: c\\rd"


# ---------------------------------------------------------------------------
# Formulas in analysis CSV
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--format", "csv"],
        ["analyze", "--communities", "--format", "csv"],
        ["path", "iran", "hamas", "--format", "csv"],
        ["ego", "cuba", "--format", "csv"],
    ],
    ids=" ".join,
)
def test_analysis_csv_neutralises_formulas_as_the_export_does(
    valid: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *args, str(valid))
    assert code == 0
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    numbers = re.compile(r"^-?[0-9.]+(?:e-?[0-9]+)?$")
    risky = [c for c in cells if c and c[:1] in "=+-@\t\r" and not numbers.match(c)]
    assert risky == []
    # the cells come back exactly through the export's own inverse
    assert any(restore(c) != c and restore(c).startswith(("=", "+", "-")) for c in cells)
    assert all(neutralize(restore(c)) == c for c in cells if not numbers.match(c))


# ---------------------------------------------------------------------------
# Markdown rendered by a CommonMark library
# ---------------------------------------------------------------------------
class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


#: the elements relgraph's own Markdown makes: tables, lists, headings, quotes, bold
OWN_ELEMENTS = {
    "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "h2", "p",
    "blockquote", "strong", "br",
}  # fmt: skip


@pytest.fixture(scope="module")
def payload_yaml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_payload_dataset(tmp_path_factory.mktemp("payloads"))


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--top", "100"],
        ["analyze", "--communities"],
        ["analyze", "--balance"],
        ["analyze", "--sensitivity", "--top", "100"],
        ["analyze", "--by", "year"],
        ["path", "e-p01", "e-p04"],
        ["ego", "e-p02", "--quotes"],
        ["ego", "e-p20"],
    ],
    ids=" ".join,
)
def test_markdown_of_payloads_renders_no_html_from_data(
    payload_yaml: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from markdown_it import MarkdownIt

    code, out, err = run(capsys, *args, "--format", "markdown", str(payload_yaml))
    assert code == 0, err
    html = MarkdownIt("commonmark").enable("table").render(out)
    found = _Elements()
    found.feed(html)
    assert found.tags <= OWN_ELEMENTS, found.tags - OWN_ELEMENTS
    assert found.attributes <= {"style"}  # table alignment only
    assert "&lt;" in html  # the payloads are shown, as text


def test_markdown_escape_keeps_the_text() -> None:
    from markdown_it import MarkdownIt

    from relgraph.markup import markdown_text

    md = MarkdownIt("commonmark")
    for _, text in PAYLOADS:
        flat = " ".join(text.split())
        if RAW.search(flat):
            continue
        html = md.render("- " + markdown_text(flat))
        found = _Elements()
        found.feed(html)
        assert found.tags <= {"ul", "li"}, (text, html)
        inner = html.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>\n")
        import html as html_lib

        assert html_lib.unescape(inner) == flat.strip()


# ---------------------------------------------------------------------------
# A draft printed on a terminal
# ---------------------------------------------------------------------------
class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_a_draft_printed_on_a_terminal_is_inert_and_exact_on_a_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # YAML lets bidirectional controls and line separators through as they are
    (tmp_path / "sources").mkdir()
    text = "Iran and Cuba signed an agreement in Havana in January 2006.\n"
    (tmp_path / "sources" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.yaml").write_text(
        "dataset: {id: b, title: B}\nsources:\n"
        '  - {id: a, title: "T \\u202eevil\\u2066 \\u2028x", reliability: F,\n'
        f"     text: sources/a.txt, sha256: {sha256_of(text)}}}\n",
        encoding="utf-8",
    )
    args = ["suggest", "a", "--dataset", str(tmp_path / "d.yaml")]
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "T \u202eevil\u2066" in out  # a pipe gets the draft exactly

    terminal = _Terminal(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr("sys.stdout", terminal)
    code, _, _ = run(capsys, *args)
    terminal.flush()
    shown = terminal.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert code == 0
    assert RAW.search(shown) is None, RAW.findall(shown)
    assert "T \\u202eevil\\u2066" in shown
