"""The graph page, seen from Python: content, escaping, determinism, atomic writes, the CLI."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html as html_lib
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import relgraph
from payloads import PAYLOADS, one_line, write_payload_dataset, write_sample_dataset
from relgraph.analysis import centrality
from relgraph.cli import cli
from relgraph.errors import UsageError, WriteError
from relgraph.model import Dataset, Entity, Evidence, Relation
from relgraph.rendering import (
    LARGE_GRAPH_EDGES,
    SIZE_METRICS,
    notebook,
    page_data,
    render,
)
from relgraph.vocabulary import Vocabulary

DATA_RE = re.compile(
    r'<script type="application/json" id="relgraph-data">(.*?)</script>', re.DOTALL
)
SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
STYLE_RE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return relgraph.load(write_sample_dataset(tmp_path_factory.mktemp("sample")))


@pytest.fixture(scope="module")
def sample_html(sample: Dataset) -> str:
    return render(sample)


@pytest.fixture(scope="module")
def payload_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return relgraph.load(write_payload_dataset(tmp_path_factory.mktemp("payloads")))


@pytest.fixture(scope="module")
def payload_html(payload_dataset: Dataset) -> str:
    return render(payload_dataset)


def embedded(html: str) -> dict:
    match = DATA_RE.search(html)
    assert match, "the page has no data block"
    return json.loads(match.group(1))


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# -- what the page holds -------------------------------------------------------


def test_every_entity_and_relation_is_in_the_page(sample: Dataset, sample_html: str) -> None:
    data = embedded(sample_html)
    assert [n["id"] for n in data["nodes"]] == [e.id for e in sample.entities]
    assert [e["id"] for e in data["edges"]] == [r.id for r in sample.relations]
    assert [c["id"] for c in data["claims"]] == [c.id for c in sample.claims]
    assert data == page_data(sample)


def test_parallel_relations_are_drawn_apart_and_lone_ones_straight(sample: Dataset) -> None:
    edges = {e["id"]: e for e in page_data(sample)["edges"]}
    between = ["energy-agreement", "sugar-trade", "listening-post", "base-denied"]
    # listening-post and base-denied run Borduria -> Atlantis, the other two the other way:
    # the curve is signed relative to the pair, so the drawn bends all differ
    bends = [edges[i]["curve"] * (-1 if edges[i]["from"] == "borduria" else 1) for i in between]
    assert len(set(bends)) == 4
    assert edges["cruz-visit"].get("curve", 0) == 0
    assert edges["cruz-member"].get("curve", 0) == 0


def test_evidence_reaches_the_page_with_its_context(sample: Dataset) -> None:
    edge = next(e for e in page_data(sample)["edges"] if e["id"] == "listening-post")
    assert edge["status"] == "alleged"
    assert edge["evidence"] == [
        {
            "quote": "Borduria allegedly hosts a listening post of Atlantis",
            "source": "pact",
            "attributed_to": "Some officials",
            "credibility": 4,
            "context": "Some officials claimed that Borduria allegedly hosts a listening post "
            "of Atlantis on its northern coast.",
            "stance": "supports",
            "reported": "2021-03-14",  # the source's published date: no date of its own
            "origin": "pact",  # the source is its own independent origin
        }
    ]
    denial = next(e for e in page_data(sample)["edges"] if e["id"] == "base-denied")
    assert denial["evidence"][0]["attributed_entity"] == "borduria"


def test_sources_carry_title_publisher_date_and_grade(sample: Dataset) -> None:
    data = page_data(sample)
    assert data["sources"]["pact"] == {
        "title": "Atlantis and Borduria sign a trade pact",
        "publisher": "The Daily Example",
        "url": "https://example.org/pact",
        "published": "2021-03-14",
        "reliability": "B",
    }
    assert data["reliability"]["B"] == "usually reliable"


def test_legend_lists_only_what_the_dataset_uses(sample: Dataset) -> None:
    data = page_data(sample)
    assert [k["id"] for k in data["kinds"]] == [
        "state", "official", "organization", "company", "group", "media",
    ]  # fmt: skip
    assert [k["shape"] for k in data["kinds"]][:2] == ["dot", "diamond"]
    assert {c["id"] for c in data["categories"]} == {
        "diplomatic", "economic", "military_security", "political_stance", "affiliation",
        "support",
    }  # fmt: skip
    assert [s["id"] for s in data["statuses"]] == [
        "confirmed", "reported", "alleged", "disputed", "denied",
    ]  # fmt: skip
    assert [s["id"] for s in data["statuses"] if s["allegation"]] == ["alleged", "disputed"]


def test_node_sizes_come_from_the_analysis(sample: Dataset) -> None:
    data = page_data(sample, size_by="betweenness")
    reference = centrality(sample, ["degree", "betweenness", "pagerank"])
    for node in data["nodes"]:
        assert node["metrics"]["degree"] == reference.value(node["id"], "degree")
        for metric in ("betweenness", "pagerank"):
            assert node["metrics"][metric] == pytest.approx(
                reference.value(node["id"], metric), rel=1e-5, abs=1e-9
            )
    assert data["settings"]["size_by"] == "betweenness"
    assert data["settings"]["metrics"] == [m for m in SIZE_METRICS if m != "none"]


def test_layout_places_every_actor_apart(sample: Dataset) -> None:
    data = page_data(sample)
    points = [(n["x"], n["y"]) for n in data["nodes"]]
    closest = min(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
        for i, a in enumerate(points)
        for b in points[i + 1 :]
    )
    assert closest > 40
    assert data["layout"]["physics"] is False
    assert data["layout"]["text"] == (
        "Positions computed in Python with igraph's Fruchterman–Reingold layout (seed 7, "
        "500 iterations), refined with Kamada–Kawai for components of up to 500 actors; each "
        "connected component laid out on its own and packed in rows. Physics off: drag actors "
        "to move them, or turn physics on."
    )


def test_the_layout_says_what_was_done_in_the_page(sample_html: str) -> None:
    assert "Positions computed in Python with igraph" in embedded(sample_html)["layout"]["text"]


# -- self-contained and locked down --------------------------------------------


def test_content_security_policy_forbids_the_network(sample_html: str) -> None:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', sample_html)
    assert csp
    scripts = SCRIPT_RE.findall(sample_html)
    styles = STYLE_RE.findall(sample_html)
    assert len(scripts) == 2
    assert len(styles) == 1
    assert html_lib.unescape(csp.group(1)) == "; ".join(
        [
            "default-src 'none'",
            f"script-src {sha(scripts[0])} {sha(scripts[1])}",
            f"style-src {sha(styles[0])}",
            "img-src data: blob:",
            "connect-src 'none'",
            "font-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )
    # the policy comes before anything that could load or run
    assert sample_html.index("Content-Security-Policy") < sample_html.index("<style>")


def test_no_outside_address_outside_the_sources(sample_html: str) -> None:
    data_block = DATA_RE.search(sample_html)
    assert data_block
    vis, _page_js = SCRIPT_RE.findall(sample_html)
    rest = sample_html.replace(data_block.group(0), "").replace(vis, "")
    rest = rest.replace('"http://www.w3.org/2000/svg"', "")  # a namespace, not an address
    assert not re.search(r"https?://", rest), "only the data may name outside addresses"
    assert not re.search(r"\b(src|href)=\"(?!#)", rest)
    assert "sourceMappingURL" not in sample_html
    # in vis-network's own text, addresses occur only in its licence comment and as the SVG
    # namespace; none is a resource the page loads
    assert set(re.findall(r"https?://[^\s\"')]+", vis)) <= {
        "https://visjs.github.io/vis-network/",
        "http://almende.com",
        "https://github.com/visjs",
        "http://www.apache.org/licenses/LICENSE-2.0",
        "http://opensource.org/licenses/MIT",
        "https://github.com/zloirock/core-js",
        "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
        "https://github.com/uuidjs/uuid",
        "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
        "http://www.w3.org/2000/svg",
    }


def test_page_script_never_writes_markup() -> None:
    from importlib import resources

    script = (resources.files("relgraph") / "static" / "page.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.DOTALL)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code


# -- any text is safe ----------------------------------------------------------


def test_payload_corpus_is_large_and_distinct() -> None:
    ids = [pid for pid, _ in PAYLOADS]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)
    # each marks itself (p35 in base64, p55 through alert); p41 is a set of JavaScript names
    assert all(pid in text or pid in ("p35", "p41", "p55") for pid, text in PAYLOADS)


def test_payloads_stay_inert_text(payload_dataset: Dataset, payload_html: str) -> None:
    block = DATA_RE.search(payload_html)
    assert block
    raw = block.group(1)
    for char in ("<", ">", "&", "'", "\u2028", "\u2029"):
        assert char not in raw, f"{char!r} is not escaped in the data block"
    assert embedded(payload_html) == json.loads(json.dumps(page_data(payload_dataset)))
    outside = payload_html.replace(block.group(0), "")
    # the only scripts are the data block and the two inline scripts (vis-network's text
    # holds core-js's '"<script>"+t+"</"+"script>"', which is inert inside a script)
    vis = SCRIPT_RE.findall(payload_html)[0]
    assert payload_html.replace(vis, "").count("<script") == 3
    for _, text in PAYLOADS:
        if "<" in text:
            assert text not in outside
    title = re.search(r"<title>(.*?)</title>", payload_html, re.DOTALL)
    assert title
    assert "<" not in title.group(1)
    assert html_lib.unescape(title.group(1)) == payload_dataset.title


def test_every_text_field_carries_every_payload(payload_dataset: Dataset) -> None:
    data = page_data(payload_dataset)
    texts = {text for _, text in PAYLOADS}
    kinds = {k["id"]: k for k in data["kinds"]}
    for node in data["nodes"]:
        assert node["description"] in texts
        assert node["name"] == one_line(node["description"])
        assert node["name"] in node["aliases"]
        assert node["tags"][0] == node["name"]
        assert node["description"] == node["country"] == kinds[node["kind"]]["label"]
    for edge in data["edges"]:
        assert edge["notes"] in texts
        assert data["types"][edge["type"]]["label"] == edge["notes"]
        assert edge["evidence"][0]["quote"] == edge["notes"]
    for source in data["sources"].values():
        assert source["title"] == source["publisher"] == source["notes"]
        assert source["url"].startswith("https://example.org/?q=")


def test_validation_refuses_links_that_are_not_http(tmp_path: Path) -> None:
    path = write_sample_dataset(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "https://example.org/pact", "javascript:alert(1)"
    )
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in relgraph.validate(path)]
    assert any(
        "error[bad-url] 'javascript:alert(1)' is not an http or https address" in p
        for p in problems
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//example.org/no-scheme",
        "https:///no-host",
        "https://example.org/a b",
        "https://example.org/\nx",
        "file:///etc/passwd",
    ],
)
def test_the_page_links_only_to_http_addresses(sample: Dataset, url: str) -> None:
    # a dataset built in Python skips validation: the page checks again
    pact = dataclasses.replace(sample.source("pact"), url=url)
    ds = dataclasses.replace(sample, sources=(pact, *sample.sources[1:]))
    assert "url" not in page_data(ds)["sources"]["pact"]
    assert url not in render(ds)


def test_unpaired_surrogates_and_separators_are_escaped(sample: Dataset) -> None:
    # validation refuses control characters; a dataset built in Python may still hold them
    odd = dataclasses.replace(sample.entities[0], name="\x00A\ud800B\u2028C\u2029D</script>")
    ds = dataclasses.replace(sample, entities=(odd, *sample.entities[1:]))
    html = render(ds)
    html.encode("utf-8")  # no lone surrogate left to fail encoding
    raw = DATA_RE.search(html)
    assert raw
    assert "\\u0000A\\ud800B\\u2028C\\u2029D\\u003c/script\\u003e" in raw.group(1)


def test_colours_and_shapes_outside_the_vocabulary_rules_fall_back(sample: Dataset) -> None:
    vocab = sample.vocabulary
    state = dataclasses.replace(
        vocab.entity_kinds["state"], color="red;background:url(x)", shape="<svg>"
    )
    odd = Vocabulary({**vocab.entity_kinds, "state": state}, vocab.categories, vocab.relation_types)
    data = page_data(dataclasses.replace(sample, vocabulary=odd))
    kind = next(k for k in data["kinds"] if k["id"] == "state")
    assert (kind["color"], kind["shape"]) == ("#888888", "dot")


# -- determinism ---------------------------------------------------------------


def test_rendering_twice_gives_the_same_bytes(sample: Dataset, sample_html: str) -> None:
    assert render(sample) == sample_html


def test_the_same_bytes_in_another_process(tmp_path: Path, sample_html: str) -> None:
    write_sample_dataset(tmp_path / "again")
    # the same dataset written again elsewhere: only the paths differ, which the page omits
    code = (
        "import sys, relgraph\n"
        "from relgraph.rendering import render\n"
        "sys.stdout.buffer.write(render(relgraph.load(sys.argv[1])).encode())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "again" / "dataset.yaml")],
        capture_output=True,
        check=True,
        env=env,
    ).stdout.decode()
    assert out == sample_html


def test_no_timestamp_in_the_page(sample_html: str) -> None:
    import datetime

    today = datetime.date.today()
    assert today.isoformat() not in sample_html
    data_block = DATA_RE.search(sample_html)
    assert data_block
    vis = SCRIPT_RE.findall(sample_html)[0]
    rest = sample_html.replace(data_block.group(0), "").replace(vis, "")
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}", rest)


def test_rendering_changes_neither_the_dataset_nor_global_randomness(sample: Dataset) -> None:
    before = dataclasses.astuple(sample)
    state = random.getstate()
    render(sample)
    assert random.getstate() == state
    assert dataclasses.astuple(sample) == before


# -- options -------------------------------------------------------------------


def test_unknown_size_metric(sample: Dataset) -> None:
    with pytest.raises(UsageError) as info:
        render(sample, size_by="pagrank")
    assert str(info.value) == (
        "'pagrank' is not a size metric\n  hint: did you mean 'pagerank'? choose one of: "
        "degree, weighted_degree, betweenness, closeness, harmonic, eigenvector, pagerank, "
        "k_core, none"
    )


def test_unknown_edge_colouring(sample: Dataset) -> None:
    with pytest.raises(UsageError) as info:
        render(sample, color_by="signs")
    assert str(info.value) == (
        "'signs' is not an edge colouring\n  hint: did you mean 'sign'? choose category or sign"
    )


def test_title_and_colouring_options(sample: Dataset) -> None:
    data = page_data(sample, title="My <own> title", color_by="sign")
    assert data["dataset"]["title"] == "My <own> title"
    assert data["settings"]["color_by"] == "sign"
    assert [s["id"] for s in data["signs"]] == ["cooperative", "neutral"]  # those in use
    assert "<title>My &lt;own&gt; title</title>" in render(sample, title="My <own> title")


def test_large_graphs_get_cheap_drawing_options(sample: Dataset) -> None:
    n = 2100
    entities = tuple(Entity(id=f"a{i}", name=f"Actor {i}", kind="state") for i in range(n))
    source = sample.source("pact")
    ev = (Evidence(quote="x", source=source.id, context="x"),)
    relations = tuple(
        Relation(
            id=f"r{i}",
            source=f"a{i % n}",
            target=f"a{(i * 7 + 1) % n}",
            type="trade",
            status="reported",
            sign="cooperative",
            evidence=ev,
        )
        for i in range(LARGE_GRAPH_EDGES)
    )
    ds = dataclasses.replace(sample, entities=entities, relations=relations, claims=())
    data = page_data(ds)
    assert data["settings"]["large"] is True
    # closeness and harmonic cost a search from every actor: left out at this size...
    assert "closeness" not in data["settings"]["metrics"]
    assert "closeness" not in data["nodes"][0]["metrics"]
    # ...unless nodes are sized by one of them
    assert "closeness" in page_data(ds, size_by="closeness")["settings"]["metrics"]
    assert "grid variant" not in data["layout"]["text"]
    assert page_data(sample)["settings"]["large"] is False


def test_empty_and_unlinked_datasets_render(sample: Dataset) -> None:
    empty = dataclasses.replace(sample, entities=(), relations=(), claims=())
    data = embedded(render(empty))
    assert (data["nodes"], data["edges"], data["kinds"]) == ([], [], [])
    alone = dataclasses.replace(sample, entities=sample.entities[:3], relations=(), claims=())
    nodes = page_data(alone)["nodes"]
    assert len({(n["x"], n["y"]) for n in nodes}) == 3
    assert all(n["metrics"]["degree"] == 0 for n in nodes)


# -- writing -------------------------------------------------------------------


def test_render_writes_what_it_returns(sample: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    html = render(sample, out)
    assert out.read_bytes() == html.encode("utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


@pytest.mark.parametrize("fail_at", ["page", "write", "replace"])
def test_a_failed_render_leaves_the_old_file(
    sample: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: str
) -> None:
    import relgraph.rendering as module

    out = tmp_path / "page.html"
    out.write_text("the good old page", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    target = {"page": (module, "_page"), "write": (os, "fsync"), "replace": (os, "replace")}
    message = {
        "page": "[Errno 28] No space left on device",
        "write": "cannot finish writing: No space left on device",
        "replace": f"cannot move '{out}' into place: No space left on device",
    }
    monkeypatch.setattr(*target[fail_at], boom)
    with pytest.raises(OSError, match="No space left on device") as info:
        render(sample, out)
    assert str(info.value) == message[fail_at]
    assert isinstance(info.value, WriteError) == (fail_at != "page")
    assert info.value.strerror == "No space left on device"
    assert out.read_text(encoding="utf-8") == "the good old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_unwritable_targets_are_refused_before_any_work(sample: Dataset, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    cases = {
        tmp_path: f"'{tmp_path}' is a folder; name a file such as {tmp_path / 'graph.html'}",
        tmp_path / "missing" / "p.html": (
            f"cannot write '{tmp_path / 'missing' / 'p.html'}': "
            f"the folder '{tmp_path / 'missing'}' does not exist"
        ),
        tmp_path / "afile" / "p.html": (
            f"cannot write '{tmp_path / 'afile' / 'p.html'}': '{tmp_path / 'afile'}' is a file, "
            "not a folder"
        ),
    }
    for target, message in cases.items():
        with pytest.raises(UsageError) as info:
            render(sample, target)
        assert str(info.value) == message


# -- Jupyter -------------------------------------------------------------------


def test_notebook_embeds_the_page_in_a_sandboxed_frame(sample: Dataset, sample_html: str) -> None:
    frame = notebook(sample, height=500)._repr_html_()
    match = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts allow-popups '
        r'allow-popups-to-escape-sandbox" style="width:100%;height:500px;border:1px solid '
        r'#d0d5dd" title="relgraph page"></iframe>',
        frame,
    )
    assert match
    assert "<" not in match.group(1)
    assert html_lib.unescape(match.group(1)) == sample_html


def test_notebook_shows_a_filtered_view(sample: Dataset) -> None:
    from relgraph.filters import Filter

    view = Filter(statuses=("reported", "confirmed")).apply(sample)
    data = embedded(html_lib.unescape(notebook(view)._repr_html_().split('"')[1]))
    assert {e["status"] for e in data["edges"]} == {"reported", "confirmed"}


# -- the command line ----------------------------------------------------------


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    return write_sample_dataset(tmp_path / "data")


def run(*args: str) -> object:
    return CliRunner().invoke(cli, ["render", *args], catch_exceptions=False)


def test_cli_writes_to_output_by_default(
    sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_html: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(str(sample_file))
    assert result.exit_code == 0
    written = tmp_path / "output" / "sample.html"
    assert written.read_text(encoding="utf-8") == sample_html
    size = len(sample_html.encode("utf-8"))
    assert result.stderr == (
        f"relgraph: wrote output/sample.html ({size:,} bytes; 8 actors, 9 relations)\n"
    )
    assert result.stdout == ""


def test_cli_options_reach_the_page(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    args = ["-o", str(out), "--size-by", "pagerank", "--color-by", "sign", "--title", "T"]
    result = run(str(sample_file), *args)
    assert result.exit_code == 0, result.output
    data = embedded(out.read_text(encoding="utf-8"))
    assert (data["settings"]["size_by"], data["settings"]["color_by"]) == ("pagerank", "sign")
    assert data["dataset"]["title"] == "T"


def test_cli_writes_to_stdout(sample_file: Path, sample_html: str) -> None:
    result = run(str(sample_file), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == sample_html
    assert result.stderr == ""


def test_cli_opens_the_page(
    sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click

    opened: list[str] = []
    monkeypatch.setattr(click, "launch", lambda url, **kw: opened.append(url) or 0)
    out = tmp_path / "p.html"
    assert run(str(sample_file), "-o", str(out), "--open").exit_code == 0
    assert opened == [str(out)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "-", "--open"], "Error: --open needs a file to open; it cannot be used with -o -"),
        (
            ["-o", "{tmp}"],
            "Error: Invalid value for '-o' / '--output': '{tmp}' is a folder; name a file such "
            "as {tmp}/graph.html",
        ),
        (
            ["-o", "{tmp}/nowhere/p.html"],
            "Error: Invalid value for '-o' / '--output': the folder '{tmp}/nowhere' does not "
            "exist; create it first or choose another place",
        ),
        (
            ["-o", "{tmp}/data/dataset.yaml/p.html"],
            "Error: Invalid value for '-o' / '--output': '{tmp}/data/dataset.yaml' is a file, "
            "not a folder",
        ),
        (
            ["--size-by", "fame"],
            "Error: Invalid value for '--size-by': 'fame' is not one of 'degree', "
            "'weighted_degree', 'betweenness', 'closeness', 'harmonic', 'eigenvector', "
            "'pagerank', 'k_core', 'none'.",
        ),
    ],
)
def test_cli_usage_errors(sample_file: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = run(str(sample_file), *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == message.format(tmp=tmp_path)
    assert result.stdout == ""


def test_cli_refuses_an_output_file_in_the_way(
    sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").write_text("not a folder", encoding="utf-8")
    result = run(str(sample_file))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: 'output' is a file, so the page cannot go to output/; name a file with -o"
    )


def test_cli_data_problems_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("missing.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "missing.yaml: error[missing-file] no such file or folder\n"
        "  hint: check the path; `relgraph validate graph_data/cuba_iran.yaml` checks the "
        "bundled dataset\n"
        "relgraph: missing.yaml: 1 error; nothing was written\n"
    )
    assert not (tmp_path / "output").exists()


def test_cli_failed_write_keeps_the_old_page(
    sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "p.html"
    out.write_text("old", encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run(str(sample_file), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"relgraph: error: cannot write '{out}': No space left on device; nothing was written\n"
    )
    assert out.read_text(encoding="utf-8") == "old"


def test_cli_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["render", "-h"])
    assert result.exit_code == 0
    assert "Examples:\n      relgraph render\n" in result.output
    assert "relgraph render -o - > page.html" in result.output


def test_main_runs_render(sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from relgraph.cli import main

    out = tmp_path / "m.html"
    with pytest.raises(SystemExit) as info:
        main(["render", str(sample_file), "-o", str(out)])
    assert info.value.code == 0
    assert out.exists()
    assert capsys.readouterr().err.startswith(f"relgraph: wrote {out} (")


def test_render_with_a_status_filter_leaves_allegations_out_of_the_page(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from relgraph.cli import cli

    out = tmp_path / "established.html"
    result = CliRunner().invoke(
        cli, ["render", "--status", "confirmed,reported", "-o", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '"status":"alleged"' not in page
    assert '"status":"reported"' in page
    assert result.stderr.startswith(f"relgraph: wrote {out} (")
    assert "20 actors, 22 relations)" in result.stderr


@pytest.mark.parametrize("name", ["cuba_iran", "raisi_havana_2023", "cuba_iran_havana"])
def test_the_committed_page_is_what_relgraph_render_writes_today(name: str) -> None:
    """output/<name>.html is kept in git so readers can open it without installing.

    When rendering changes on purpose, run ``relgraph render``,
    ``relgraph render graph_data/raisi_havana_2023.yaml`` and
    ``relgraph render graph_data/cuba_iran_havana.yaml`` and commit the pages.
    """
    from relgraph.rendering import render

    root = Path(__file__).resolve().parents[1]
    committed = (root / "output" / f"{name}.html").read_text(encoding="utf-8")
    fresh = render(relgraph.load(root / "graph_data" / f"{name}.yaml"))
    assert committed == fresh, f"the committed page is stale: run `relgraph render` for {name}"


# ---------------------------------------------------------------------------
# A page too large for a browser is refused, not written broken
# ---------------------------------------------------------------------------


def test_a_page_whose_texts_alone_are_too_long_is_refused_before_the_work(
    bundled: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relgraph import rendering

    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr(rendering, "MAX_PAGE_CHARS", 10_000)
    monkeypatch.setattr(rendering, "page_data", lambda *a, **k: pytest.fail("laid out"))
    with pytest.raises(rendering.PageTooLarge) as exc:
        rendering.render(bundled, out)
    assert isinstance(exc.value, UsageError)
    assert str(exc.value).startswith(
        "the page would hold 31 relations among 20 actors, 0 million characters; a browser "
        "reads at most 0 million in one page\n"
        "  hint: narrow it with --status, --kind, --from/--until or --min-credibility, or "
        "draw one actor's neighbourhood with relgraph ego X --page"
    )
    assert out.read_text(encoding="utf-8") == "old"


def test_a_page_found_too_long_once_made_is_refused_and_not_written(
    bundled: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relgraph import rendering

    size = len(rendering.render(bundled))
    monkeypatch.setattr(rendering, "MAX_PAGE_CHARS", size - 1)  # above the early estimate
    out = tmp_path / "page.html"
    with pytest.raises(rendering.PageTooLarge):
        rendering.render(bundled, out)
    assert not out.exists()


def test_the_cli_refuses_a_page_too_large_with_a_hint(
    sample_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from relgraph import rendering
    from relgraph.cli import main

    monkeypatch.setattr(rendering, "MAX_PAGE_CHARS", 1000)
    out = tmp_path / "p.html"
    with pytest.raises(SystemExit) as exc:
        main(["render", str(sample_file), "-o", str(out), "--quiet"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("relgraph: error: the page would hold ")
    assert err.endswith("draw one actor's neighbourhood with relgraph ego X --page\n")
    assert not out.exists()


def test_the_written_line_says_one_relation_for_one(tmp_path: Path) -> None:
    text = "Iran signed an accord with Cuba.\n"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "t.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    (tmp_path / "one.yaml").write_text(
        "dataset: {id: one, title: One}\n"
        f"sources:\n  - {{id: t, title: T, reliability: F, text: sources/t.txt, sha256: {sha}}}\n"
        "entities:\n  - {id: iran, name: Iran, kind: state}\n"
        "  - {id: cuba, name: Cuba, kind: state}\n"
        "relations:\n  - {source: iran, target: cuba, type: agreement, status: reported,\n"
        "     evidence: [{quote: Iran signed an accord, source: t}]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "one.html"
    result = run(str(tmp_path / "one.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    size = out.stat().st_size
    assert result.stderr == f"relgraph: wrote {out} ({size:,} bytes; 2 actors, 1 relation)\n"
