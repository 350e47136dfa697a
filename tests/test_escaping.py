"""The exporters' escaping, exactly: what a hostile name becomes in CSV, Cypher, GEXF and GraphML.

Each format has a few small functions that make a text safe where it is written: a cell a
spreadsheet will not run, a ``|``-list Kumu splits where relgraph split it, a Cypher string
or label no script can leave, XML text and attributes that parse back to the same text. The
tests give each of them the characters it exists for, one at a time, and check the output
character for character; then a dataset with hostile names goes through each export.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import relgraph
from relgraph.cells import (
    join_list,
    join_pairs,
    neutralize,
    restore,
    split_list,
    split_pairs,
)
from relgraph.export import export, export_bytes
from relgraph.export.common import ExportError
from relgraph.export.csv import _cell
from relgraph.export.cypher import (
    cypher_literal,
    cypher_string,
    label_name,
    relationship_name,
)
from relgraph.export.gexf import xml_safe
from relgraph.export.graphml import _attr, _text
from support import sha256_of

# ---------------------------------------------------------------------------
# CSV: formulas
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("=", "'="),
        # an apostrophe before a risky character (or before another apostrophe) gets one more
        ("'=x", "''=x"),
        ("'+x", "''+x"),
        ("'-x", "''-x"),
        ("'@x", "''@x"),
        ("'\tx", "''\tx"),
        ("'\rx", "''\rx"),
        ("''x", "'''x"),
        ("''", "'''"),
        # everything else is written as it is
        ("", ""),
        ("'", "'"),
        ("'Tis", "'Tis"),
        ("x=1", "x=1"),
        (" =1", " =1"),
        ("\n=1", "\n=1"),
        ("Cuba", "Cuba"),
    ],
)
def test_a_cell_is_neutralised_and_restored_exactly(text: str, cell: str) -> None:
    assert neutralize(text) == cell
    assert restore(cell) == text


@pytest.mark.parametrize("cell", ["=1", "-5", "'", "'Tis", "x'=", "", "a''=b"])
def test_restore_leaves_a_cell_relgraph_did_not_neutralise_as_it_is(cell: str) -> None:
    assert restore(cell) == cell


def test_a_cell_of_no_value_is_empty_and_other_values_are_their_text() -> None:
    assert _cell(None) == ""
    assert _cell("") == ""
    assert _cell(3) == "3"
    assert _cell(-3) == "'-3"
    assert _cell(0.5) == "0.5"
    assert _cell(True) == "True"
    assert _cell("=x") == "'=x"


# ---------------------------------------------------------------------------
# CSV: lists and pairs
# ---------------------------------------------------------------------------


def test_a_list_escapes_its_separator_and_backslashes_inside_items() -> None:
    assert join_list([]) == ""
    assert join_list(["a"]) == "a"
    assert join_list(["a", "b"]) == "a|b"
    assert join_list(["a|b", "c\\d", "e"]) == "a\\|b|c\\\\d|e"
    assert join_list(["\\|"]) == "\\\\\\|"  # the backslash first, then the bar
    assert join_list(["a:b"]) == "a:b"  # a colon means nothing in a list
    assert join_list(["XL", "x"]) == "XL|x"  # nor does any other character


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("", []),
        ("a", ["a"]),
        ("a|b", ["a", "b"]),
        ("a\\|b|c\\\\d|e", ["a|b", "c\\d", "e"]),
        ("\\\\\\|", ["\\|"]),
        ("a\\", ["a\\"]),  # a backslash at the very end stands for itself
        ("\\a", ["a"]),
        ("a| |b|", ["a", "b"]),  # items of nothing but white space are left out
        (" a | b ", [" a ", " b "]),  # white space inside an item is data
        ("|||", []),
        ("a\nb|c", ["a\nb", "c"]),
    ],
)
def test_a_list_cell_splits_into_exactly_its_items(cell: str, items: list[str]) -> None:
    assert split_list(cell) == items


def test_a_list_can_be_split_at_another_separator() -> None:
    assert split_list("a;b\\;c;d|e", ";") == ["a", "b;c", "d|e"]


@pytest.mark.parametrize(
    "items",
    [["a|b", "c\\d"], ["\\"], ["|"], ["x\\", "|y"], ["Raúl Castro", " R. Castro "]],
)
def test_a_list_comes_back_from_its_cell(items: list[str]) -> None:
    assert split_list(join_list(items)) == items


def test_pairs_escape_a_colon_in_the_scheme_only() -> None:
    assert join_pairs([]) == ""
    assert join_pairs([("wikidata", "Q241")]) == "wikidata:Q241"
    assert join_pairs([("wikidata", "Q1"), ("x", "y")]) == "wikidata:Q1|x:y"
    assert join_pairs([("a:b", "c:d")]) == "a\\:b:c:d"
    assert join_pairs([("a|b", "c|d")]) == "a\\|b:c\\|d"
    assert join_pairs([("a\\", "b\\")]) == "a\\\\:b\\\\"
    assert join_pairs([("a:b\\|", "c|d:e\\")]) == "a\\:b\\\\\\|:c\\|d:e\\\\"
    assert join_pairs([("X", "X"), ("ISNI", "0000 X")]) == "X:X|ISNI:0000 X"


@pytest.mark.parametrize(
    ("cell", "pairs"),
    [
        ("", []),
        ("wikidata:Q241", [("wikidata", "Q241")]),
        ("wikidata:Q1|x:y", [("wikidata", "Q1"), ("x", "y")]),
        ("k:v:w", [("k", "v:w")]),  # the first unescaped colon ends the scheme
        ("a\\:b:c", [("a:b", "c")]),
        ("a\\|b:c\\|d", [("a|b", "c|d")]),
        ("a\\\\:b\\\\", [("a\\", "b\\")]),
        ("k:a\nb", [("k", "a\nb")]),  # a line break inside an id is kept
        (" k : v ", [(" k ", " v ")]),
        ("x:y| |", [("x", "y")]),
        (" |x:y||a:b", [("x", "y"), ("a", "b")]),  # empty items are skipped, not an end
        (":v", [("", "v")]),
        ("k:", [("k", "")]),
    ],
)
def test_a_pairs_cell_splits_into_exactly_its_pairs(
    cell: str, pairs: list[tuple[str, str]]
) -> None:
    assert split_pairs(cell) == pairs


@pytest.mark.parametrize("cell", ["Q241", "wikidata:Q1|Q2", "a\\:b", "x:y|z"])
def test_a_pairs_cell_with_an_item_without_a_colon_is_not_pairs(cell: str) -> None:
    assert split_pairs(cell) is None


@pytest.mark.parametrize(
    "pairs",
    [[("a:b", "c|d")], [("\\", ":")], [("x\\:", "|y\\")], [("wikidata", "Q1"), ("k", "v:w")]],
)
def test_pairs_come_back_from_their_cell(pairs: list[tuple[str, str]]) -> None:
    assert split_pairs(join_pairs(pairs)) == pairs


# ---------------------------------------------------------------------------
# Cypher
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("", '""'),
        ("Cuba", '"Cuba"'),
        ("\\", '"\\\\"'),
        ('"', '"\\""'),
        ("\n", '"\\n"'),
        ("\r", '"\\r"'),
        ("\t", '"\\t"'),
        ("\b", '"\\b"'),
        ("\f", '"\\f"'),
        ("'", '"\'"'),  # a single quote cannot end a double-quoted string
        ("`", '"`"'),
        ("\x00", '"\\u0000"'),
        ("\x01", '"\\u0001"'),
        ("\x1b[2J", '"\\u001b[2J"'),
        ("\x1f", '"\\u001f"'),
        (" ", '" "'),
        ("~", '"~"'),
        ("\x7f", '"\\u007f"'),
        ("\x80", '"\\u0080"'),
        ("\x9f", '"\\u009f"'),
        ("\xa0", '"\xa0"'),
        ("\u2027", '"\u2027"'),
        ("\u2028", '"\\u2028"'),
        ("\u2029", '"\\u2029"'),
        ("\u202a", '"\u202a"'),
        ("\ud7ff", '"\ud7ff"'),
        ("\ud800", '"\\ud800"'),
        ("\udfff", '"\\udfff"'),
        ("\ue000", '"\ue000"'),
        ('x"}) MATCH (n) DETACH DELETE n //', '"x\\"}) MATCH (n) DETACH DELETE n //"'),
        ('a\\"b\n', '"a\\\\\\"b\\n"'),
    ],
)
def test_a_cypher_string_escapes_exactly_what_could_end_or_hide_it(text: str, literal: str) -> None:
    assert cypher_string(text) == literal


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (1, "1"),
        (-3, "-3"),
        ("x", '"x"'),
        ('"', '"\\""'),
        ([], "[]"),
        ((), "[]"),
        ([1, "a", None, False], '[1, "a", null, false]'),
        ((1, 2), "[1, 2]"),
        ([["a"], []], '[["a"], []]'),
        ({}, "{}"),
        ({"a": 1}, "{a: 1}"),
        ({"name": "Cuba", "b_2": None, "ok": True}, '{name: "Cuba", b_2: null, ok: true}'),
        ({"m": {"k": ["v"]}}, '{m: {k: ["v"]}}'),
    ],
)
def test_a_cypher_literal_for_every_kind_of_value(value: object, literal: str) -> None:
    assert cypher_literal(value) == literal


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "a float cannot be written as a Cypher value"),
        ({1, 2}, "a set cannot be written as a Cypher value"),
        ([b"x"], "a bytes cannot be written as a Cypher value"),
        ({"Name": 1}, "'Name' cannot be a property name in the Cypher export"),
        ({"a b": 1}, "'a b' cannot be a property name in the Cypher export"),
        ({"_a": 1}, "'_a' cannot be a property name in the Cypher export"),
        ({"1a": 1}, "'1a' cannot be a property name in the Cypher export"),
        ({"a-b": 1}, "'a-b' cannot be a property name in the Cypher export"),
        ({"a}": 1}, "'a}' cannot be a property name in the Cypher export"),
        ({"": 1}, "'' cannot be a property name in the Cypher export"),
        ({1: 2}, "'1' cannot be a property name in the Cypher export"),
        ({"ok": 1, "x: 1}) DETACH DELETE n //": 2}, "'x: 1}) DETACH DELETE n //' cannot be"),
        ({"m": {"K": 1}}, "'K' cannot be a property name in the Cypher export"),
    ],
)
def test_a_value_cypher_cannot_hold_is_refused_by_name(value: object, message: str) -> None:
    with pytest.raises(ExportError) as info:
        cypher_literal(value)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("state", "State"),
        ("armed_group", "ArmedGroup"),
        ("a.b-c_d", "ABCD"),
        ("x__y", "XY"),
        ("_lead", "Lead"),
        ("tail-", "Tail"),
        ("iRGC", "IRGC"),
        ("v2", "V2"),
        # what is not a plain identifier is quoted, a backtick inside doubled
        ("bad`kind", "`Bad``kind`"),
        ("bad kind", "`Bad kind`"),
        ("9lives", "`9lives`"),
        ("état", "`État`"),
        ("", "``"),
        ("`) DETACH DELETE n //", "```) DETACH DELETE n //`"),
    ],
)
def test_the_label_of_an_entity_kind(kind: str, label: str) -> None:
    assert label_name(kind) == label


@pytest.mark.parametrize(
    ("rtype", "name"),
    [
        ("agreement", "AGREEMENT"),
        ("holds_office", "HOLDS_OFFICE"),
        ("a.b-c", "A_B_C"),
        ("a__b", "A_B"),
        ("a.-_b", "A_B"),
        ("-x-", "X"),
        ("_x", "X"),
        ("x2", "X2"),
        ("x y", "`X Y`"),
        ("a`b", "`A``B`"),
        ("9a", "`9A`"),
        ("", "``"),
    ],
)
def test_the_relationship_type_of_a_relation_type(rtype: str, name: str) -> None:
    assert relationship_name(rtype) == name


# ---------------------------------------------------------------------------
# XML: GEXF and GraphML
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("", ""),
        ("page\x0cbreak", "page\ufffdbreak"),
        ("\x00", "\ufffd"),
        ("\x01\x08", "\ufffd\ufffd"),
        ("\x0b", "\ufffd"),
        ("\x0e\x1b\x1f", "\ufffd\ufffd\ufffd"),
        ("\ud800", "\ufffd"),
        ("\udbff\udc00", "\ufffd\ufffd"),
        ("x\udfff", "x\ufffd"),
        ("\ufffe", "\ufffd"),
        ("\uffff", "\ufffd"),
        # what XML 1.0 can hold is kept
        ("\t\n\r", "\t\n\r"),
        (" ~\x7f\x80\x9f\xa0", " ~\x7f\x80\x9f\xa0"),
        ("\ud7ff\ue000\ufffd", "\ud7ff\ue000\ufffd"),
        ("\U00010000\U0010ffff", "\U00010000\U0010ffff"),
        ("<&>\"'", "<&>\"'"),
    ],
)
def test_xml_safe_replaces_exactly_what_xml_cannot_hold(text: str, safe: str) -> None:
    assert xml_safe(text) == safe


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("", ""),
        ("a & b", "a &amp; b"),
        ("<b>", "&lt;b&gt;"),
        ("&lt;", "&amp;lt;"),  # the ampersand first, so an entity stays text
        ("\r", "&#13;"),
        ("\r\n", "&#13;\n"),
        ("\n\t\"'", "\n\t\"'"),
    ],
)
def test_graphml_element_text_is_escaped_as_libxml2_escapes_it(value: str, text: str) -> None:
    assert _text(value) == text


@pytest.mark.parametrize(
    ("value", "attribute"),
    [
        ("", ""),
        ("iran", "iran"),
        ('a"b', "a&quot;b"),
        ("a\nb", "a&#10;b"),
        ("a\tb", "a&#9;b"),
        ("a\rb", "a&#13;b"),
        ("<&>", "&lt;&amp;&gt;"),
        ("&quot;", "&amp;quot;"),
        ("'", "'"),
    ],
)
def test_graphml_attributes_are_escaped_as_libxml2_escapes_them(value: str, attribute: str) -> None:
    assert _attr(value, "the node id") == attribute
    element = ET.fromstring(f'<n id="{attribute}"/>')
    assert element.get("id") == value


@pytest.mark.parametrize("value", ["a\x01", "\x0c", "\ud800", "\uffff"])
def test_graphml_refuses_an_attribute_xml_cannot_hold_naming_it(value: str) -> None:
    with pytest.raises(ExportError) as info:
        _attr(value, "the edge id")
    assert str(info.value) == (
        f"cannot write GraphML: the edge id {value!r} holds a character XML cannot"
    )


# ---------------------------------------------------------------------------
# A dataset of hostile names, through each export
# ---------------------------------------------------------------------------

TEXT = "Iran and Cuba signed an agreement in Havana in January 2006.\n"
FORMULA = '=HYPERLINK("http://x")'
MARKUP = 'Cuba "the island" `x`\\ <b>&amp;</b>'

HOSTILE = """\
dataset:
  id: hostile
  title: Hostile names
vocabulary:
  categories:
    - id: money
      label: Money
      color: "#112233"
  entity_kinds:
    - id: front_org
      label: Front organisation
      color: "#445566"
      shape: dot
  relation_types:
    - id: funds-via.proxy
      label: funds via proxy
      directed: true
      category: money
      inverse_label: is funded via proxy by
      sign: cooperative
      source_kinds: "*"
      target_kinds: "*"
sources:
  - id: art
    title: An article
    reliability: F
    text: sources/art.txt
    sha256: {sha}
entities:
  - id: iran
    name: "=HYPERLINK(\\"http://x\\")"
    kind: state
    aliases: ["a|b", "c\\\\d", "'=e"]
    external_ids: {"wiki:data": "Q|1", "x": "y\\\\z"}
  - id: cuba
    name: "Cuba \\"the island\\" `x`\\\\ <b>&amp;</b>"
    kind: front_org
    description: "line\\r\\nnext\\u2028"
relations:
  - source: iran
    target: cuba
    type: funds-via.proxy
    status: reported
    notes: "-1+1 @cmd\\t"
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: art
"""


@pytest.fixture
def hostile(tmp_path: Path) -> relgraph.Dataset:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE.replace("{sha}", sha256_of(TEXT)), encoding="utf-8")
    return relgraph.load(path)


def test_hostile_names_in_the_csv_export(hostile: relgraph.Dataset, tmp_path: Path) -> None:
    export(hostile, "csv", tmp_path / "sheets")
    raw = (tmp_path / "sheets" / "entities.csv").read_bytes().decode("utf-8")
    assert raw.splitlines(keepends=True)[1] == (
        'iran,"\'=HYPERLINK(""http://x"")",state,,a\\|b|c\\\\d|\'=e,,,'
        "wiki\\:data:Q\\|1|x:y\\\\z,,\r\n"
    )
    rows = {r["ID"]: r for r in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["cuba"]["Label"] == MARKUP
    assert rows["cuba"]["Description"] == "line\r\nnext\u2028"
    assert rows["cuba"]["Type"] == "front_org"
    relations = (tmp_path / "sheets" / "relations.csv").read_text(encoding="utf-8")
    row = next(csv.DictReader(io.StringIO(relations, newline="")))
    assert row["Notes"] == "'-1+1 @cmd\t"
    assert row["Type"] == "funds-via.proxy"


def test_hostile_names_come_back_from_the_csv_export(
    hostile: relgraph.Dataset, tmp_path: Path
) -> None:
    from relgraph.imports import import_csv

    sheets = tmp_path / "sheets"
    export(hostile, "csv", sheets)
    (tmp_path / "back").mkdir()
    back = import_csv(
        sheets / "entities.csv",
        sheets / "relations.csv",
        tmp_path / "back" / "hostile.yaml",
        sources=sheets / "sources.csv",
        meta=sheets / "meta.yaml",
    )
    assert back.entities == hostile.entities
    iran = next(e for e in back.entities if e.id == "iran")
    assert (iran.name, iran.aliases) == (FORMULA, ("a|b", "c\\d", "'=e"))
    assert dict(iran.external_ids) == {"wiki:data": "Q|1", "x": "y\\z"}
    assert back.relations[0].notes == "-1+1 @cmd\t"


def test_hostile_names_in_the_cypher_export(hostile: relgraph.Dataset) -> None:
    script = export_bytes(hostile, "cypher").decode("utf-8")
    assert (
        '  {id: "iran", props: {name: "=HYPERLINK(\\"http://x\\")", kind: "state", '
        'aliases: ["a|b", "c\\\\d", "\'=e"], external_ids: ["wiki:data:Q|1", "x:y\\\\z"]}}\n'
    ) in script
    assert (
        '  {id: "cuba", props: {name: "Cuba \\"the island\\" `x`\\\\ <b>&amp;</b>", '
        'kind: "front_org", description: "line\\r\\nnext\\u2028"}}\n'
    ) in script
    assert "SET n:State, n += row.props;" in script
    assert "SET n:FrontOrg, n += row.props;" in script
    assert "MERGE (a)-[r:FUNDS_VIA_PROXY {id: row.id}]->(b)" in script
    assert 'notes: "-1+1 @cmd\\t"' in script


def test_hostile_names_in_the_gexf_export(hostile: relgraph.Dataset) -> None:
    data = export_bytes(hostile, "gexf")
    text = data.decode("utf-8")
    assert '<node id="iran" label="=HYPERLINK(&quot;http://x&quot;)">' in text
    assert (
        '<node id="cuba" label="Cuba &quot;the island&quot; `x`\\ &lt;b&gt;&amp;amp;&lt;/b&gt;">'
    ) in text
    root = ET.fromstring(data)
    labels = {n.get("id"): n.get("label") for n in root.iterfind(".//{*}node")}
    assert labels == {"iran": FORMULA, "cuba": MARKUP}
    (edge,) = root.iterfind(".//{*}edge")
    assert (edge.get("id"), edge.get("label")) == ("iran.funds-via.proxy.cuba", "funds via proxy")


def test_hostile_names_in_the_graphml_export(hostile: relgraph.Dataset) -> None:
    data = export_bytes(hostile, "graphml")
    text = data.decode("utf-8")
    assert '  <data key="d2">=HYPERLINK("http://x")</data>\n' in text
    assert '  <data key="d3">Cuba "the island" `x`\\ &lt;b&gt;&amp;amp;&lt;/b&gt;</data>\n' in text
    assert '  <data key="d10">line&#13;\nnext\u2028</data>\n' in text
    assert '<edge source="iran" target="cuba" id="iran.funds-via.proxy.cuba">' in text
    assert '<key id="d3" for="node" attr.name="name" attr.type="string"/>' in text
    root = ET.fromstring(data)
    nodes = root.iterfind(".//{*}node")
    names = {n.get("id"): [d.text for d in n if d.get("key") == "d3"] for n in nodes}
    assert names == {"iran": [FORMULA], "cuba": [MARKUP]}
