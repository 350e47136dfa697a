"""Adding a new article as a source: `relgraph source add`, then `relgraph validate`."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

import relgraph
from support import BASE_YAML, SOURCE_TEXT, run, sha256_of

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = (
    "Raisi arrives in Havana\n\n"
    "Iranian President Ebrahim Raisi arrived in Havana on Thursday, the last stop of a Latin "
    "American tour, and was received by President Miguel Díaz-Canel.\n\n"
    "Cuba and Iran signed six cooperation agreements during the visit, officials said.\n"
)

PAGE = """<!DOCTYPE html>
<html><head><title>Raisi in Havana | Example News</title><script>var x = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="author-box">By Jane Doe, staff writer. Follow her on X.</div>
<article><h1>Raisi arrives in Havana</h1>
<p>Iranian President Ebrahim Raisi arrived in Havana on Thursday, the last stop of a Latin
American tour, and was received by President Miguel Díaz-Canel.</p>
<p>Cuba and Iran signed six cooperation agreements during the visit, officials said.</p>
</article>
<footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>
"""

COMMENTED = """\
# A dataset with comments, its own order and quoting: kept byte for byte.
dataset:
  id: demo   # the slug
  title: 'Demo'

sources:
    # sources are indented four spaces here
    -   id: art
        title: An article
        reliability: F
        text: sources/art.txt
        sha256: {sha}

# the actors
entities:
  - {{id: iran, name: Iran, kind: state}}
  - {{id: cuba, name: Cuba, kind: state}}
"""


def _dataset(tmp_path: Path, template: str = BASE_YAML) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "demo.yaml"
    path.write_bytes(template.format(sha=sha256_of(SOURCE_TEXT)).encode("utf-8"))
    return path


def _inserted(old: bytes, new: bytes) -> bytes:
    """The bytes ``new`` has beyond ``old``, which must be ``new`` with one block cut out."""
    start = 0
    while start < len(old) and old[start] == new[start]:
        start += 1
    # back to the start of the line: the block is whole lines
    start = old.rfind(b"\n", 0, start) + 1
    added = len(new) - len(old)
    assert new[:start] + new[start + added :] == old
    return new[start : start + added]


def test_source_add_then_validate_in_two_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = tmp_path / "cuba_iran.yaml"
    shutil.copy(ROOT / "graph_data" / "cuba_iran.yaml", ds)
    shutil.copytree(ROOT / "graph_data" / "sources", tmp_path / "sources")
    before = ds.read_bytes()
    article = tmp_path / "visit.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(
        capsys,
        "source",
        "add",
        str(article),
        "--id",
        "raisi-visit",
        "--title",
        "Raisi arrives in Havana",
        "--published",
        "2023-06-15",
        "--url",
        "https://example.org/raisi",
        "--dataset",
        str(ds),
    )
    assert code == 0, err
    digest = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert err.splitlines()[-1] == (
        f"added source 'raisi-visit' to {ds}: text in {tmp_path / 'sources' / 'raisi-visit.txt'} "
        f"(40 words), sha256 {digest}"
    )
    block = _inserted(before, ds.read_bytes()).decode("utf-8")
    assert block == (
        "  - id: raisi-visit\n"
        '    title: "Raisi arrives in Havana"\n'
        '    url: "https://example.org/raisi"\n'
        "    published: 2023-06-15\n"
        "    reliability: F\n"
        "    text: sources/raisi-visit.txt\n"
        f"    sha256: {digest}\n"
    )
    # the new record comes right after the last source, before the entities
    assert ds.read_text(encoding="utf-8").index(block) < ds.read_text(encoding="utf-8").index(
        "entities:"
    )
    assert (tmp_path / "sources" / "raisi-visit.txt").read_bytes() == ARTICLE.encode("utf-8")
    code, _, err = run(capsys, "validate", str(ds))
    assert code == 0, err
    source = relgraph.load(ds).source("raisi-visit")
    assert source is not None
    assert str(source.published) == "2023-06-15"


def test_comments_order_and_indentation_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path, COMMENTED)
    before = ds.read_bytes()
    (tmp_path / "new.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(
        capsys, "source", "add", str(tmp_path / "new.txt"), "--id", "new", "--title", "New",
        "--dataset", str(ds),
    )  # fmt: skip
    assert code == 0, err
    block = _inserted(before, ds.read_bytes()).decode("utf-8")
    # the new item is indented as the others are, and lands before the comment of the next part
    assert block.startswith("    -   id: new\n        title: New\n")
    assert ds.read_text(encoding="utf-8").index(block) < ds.read_text(encoding="utf-8").index(
        "# the actors"
    )
    assert [s.id for s in relgraph.load(ds).sources] == ["art", "new"]


def test_a_dataset_without_sources_gets_a_sources_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = tmp_path / "d.yaml"
    before = (
        b"dataset:\n  id: d\n  title: D\n\n"
        b"# actors follow\nentities:\n  - id: iran\n    name: Iran\n    kind: state\n"
    )
    ds.write_bytes(before)
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-8"))
    code, _, err = run(
        capsys, "source", "add", str(tmp_path / "a.txt"), "--id", "a", "--title", "A",
        "--dataset", str(ds),
    )  # fmt: skip
    assert code == 0, err
    block = _inserted(before, ds.read_bytes()).decode("utf-8")
    assert block.startswith("sources:\n  - id: a\n")
    assert block.endswith("\n\n")
    assert [s.id for s in relgraph.load(ds).sources] == ["a"]


def test_a_json_lines_dataset_gets_a_record_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = tmp_path / "d.jsonl"
    before = b'{"record": "dataset", "id": "d", "title": "D"}\n'
    ds.write_bytes(before)
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-8"))
    code, _, err = run(
        capsys, "source", "add", str(tmp_path / "a.txt"), "--id", "a", "--title", "A",
        "--dataset", str(ds),
    )  # fmt: skip
    assert code == 0, err
    line = json.loads(_inserted(before, ds.read_bytes()))
    assert line["record"] == "source"
    assert line["text"] == "sources/a.txt"
    assert [s.id for s in relgraph.load(ds).sources] == ["a"]


def test_a_web_page_is_reduced_to_its_article_and_the_rest_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    code, _, err = run(
        capsys, "source", "add", str(page), "--id", "efe", "--title", "Raisi arrives in Havana",
        "--keep-original", "--dataset", str(ds),
    )  # fmt: skip
    assert code == 0, err
    text = (tmp_path / "sources" / "efe.txt").read_text(encoding="utf-8")
    assert text.startswith("Raisi arrives in Havana\n\nIranian President Ebrahim Raisi arrived")
    assert "Home" not in text
    assert "Jane Doe" not in text
    assert "Copyright" not in text
    assert "var x" not in text
    assert f"{page}: kept the article text (40 words); dropped 4 blocks of page text" in err
    assert "  - By Jane Doe, staff writer. Follow her on X.\n" in err
    assert (tmp_path / "sources" / "efe.orig.html").read_bytes() == page.read_bytes()
    code, _, err = run(capsys, "validate", str(ds))
    assert code == 0, err


def _refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, *extra: str
) -> str:
    ds = _dataset(tmp_path)
    before = ds.read_bytes()
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(
        capsys, "source", "add", str(path), "--id", "x", "--title", "X", "--dataset", str(ds),
        *extra,
    )  # fmt: skip
    assert code == 1
    assert out == ""
    assert ds.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["art.txt"]
    return err.replace(str(tmp_path) + "/", "")


def test_a_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(tmp_path, capsys, "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert err == (
        "report.pdf: error[binary-file] this is a PDF document, not a text file\n"
        "  hint: save the article's text as a .txt or .html file and add that, "
        "e.g. pdftotext report.pdf report.txt\n"
    )


def test_nul_bytes_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(tmp_path, capsys, "blob.txt", b"some\x00thing")
    assert err == (
        "blob.txt: error[binary-file] this is not a text file (a NUL byte at byte 4)\n"
        "  hint: save the article's text as a .txt or .html file and add that\n"
    )


def test_an_unclear_encoding_is_refused_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(tmp_path, capsys, "short.txt", "Café à la crème.".encode("cp1252"))
    first, hint = err.splitlines()
    assert first.startswith(
        "short.txt:1:4: error[encoding] the file is not UTF-8 (byte 0xe9) and its encoding "
        "cannot be told for sure; it could be "
    )
    assert hint.startswith("  hint: give the encoding with --encoding ")
    assert "iconv -f " in hint


def test_the_fix_for_western_european_text_names_cp1252(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Curly quotes and é in Windows-1252 were answered with --encoding cp1250, the first
    of the code pages giving that text, which garbles another such file (ø for ř)."""
    data = "\u201cIt\u2019s done,\u201d said the r\u00e9sum\u00e9 writer.".encode("cp1252")
    err = _refused(tmp_path, capsys, "quote.txt", data)
    assert err == (
        "quote.txt:1:1: error[encoding] the file is not UTF-8 (byte 0x93) and its encoding "
        "cannot be told for sure; it could be cp1252 or mac_latin2\n"
        "  hint: give the encoding with --encoding cp1252, or convert the file to UTF-8: "
        "iconv -f cp1252 -t UTF-8 quote.txt > quote.utf8.txt\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks were \u201cfruitful\u201d and the caf\u00e9 was open.",
        "Le ministre a d\u00e9clar\u00e9 que les n\u00e9gociations \u00e9taient "
        "\u00ab fructueuses \u00bb et \u201cpositives\u201d.",
        "Raisi\u2019s visit to Havana \u2014 \u201ca new chapter\u201d, said D\u00edaz-Canel.",
    ],
    ids=["english", "french", "spanish-name"],
)
def test_western_european_text_in_cp1252_is_read_as_cp1252(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The French one was once read as cp775 and stored garbled (dķclarķ, ½ fructueuses ╗)."""
    ds = _dataset(tmp_path)
    path = tmp_path / "w.txt"
    path.write_bytes(text.encode("cp1252"))
    code, _, err = run(
        capsys, "source", "add", str(path), "--id", "w", "--title", "W", "--dataset", str(ds)
    )
    assert code == 0, err
    assert f"{path}: read as cp1252 (detected), stored as UTF-8" in err
    assert (tmp_path / "sources" / "w.txt").read_text(encoding="utf-8") == text + "\n"


def test_czech_in_cp1250_is_still_read_as_cp1250(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "P\u0159\u00edli\u0161 \u017elu\u0165ou\u010dk\u00fd k\u016f\u0148 "
        "\u00fap\u011bl \u010f\u00e1belsk\u00e9 \u00f3dy. Prezident \u0159ekl, \u017ee "
        "jedn\u00e1n\u00ed byla \u00fasp\u011b\u0161n\u00e1 a spolupr\u00e1ce bude "
        "pokra\u010dovat."
    )
    ds = _dataset(tmp_path)
    path = tmp_path / "cs.txt"
    path.write_bytes(text.encode("cp1250"))
    code, _, err = run(
        capsys, "source", "add", str(path), "--id", "cs", "--title", "C", "--dataset", str(ds)
    )
    assert code == 0, err
    assert f"{path}: read as cp1250 (detected), stored as UTF-8" in err
    assert (tmp_path / "sources" / "cs.txt").read_text(encoding="utf-8") == text + "\n"


def test_a_given_encoding_is_used_and_a_clear_one_is_detected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    short = tmp_path / "short.txt"
    short.write_bytes("Café à la crème.\r\nDéjà vu.\r\n".encode("cp1252"))
    code, _, err = run(
        capsys, "source", "add", str(short), "--id", "short", "--title", "S", "--encoding",
        "cp1252", "--dataset", str(ds),
    )  # fmt: skip
    assert code == 0, err
    assert (
        tmp_path / "sources" / "short.txt"
    ).read_bytes() == "Café à la crème.\nDéjà vu.\n".encode()
    russian = tmp_path / "ru.txt"
    russian.write_bytes(
        "Президент Ирана прибыл в Гавану. Стороны подписали шесть соглашений.".encode("cp1251")
    )
    code, _, err = run(
        capsys, "source", "add", str(russian), "--id", "ru", "--title", "R", "--dataset", str(ds)
    )
    assert code == 0, err
    assert f"{russian}: read as cp1251 (detected), stored as UTF-8" in err
    assert (tmp_path / "sources" / "ru.txt").read_text(encoding="utf-8").startswith("Президент")


def test_a_page_without_article_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = b"<html><body><nav><a href='/'>Home</a></nav><p>Accept cookies?</p></body></html>"
    err = _refused(tmp_path, capsys, "login.html", page)
    assert err.startswith(
        "login.html: error[no-article-text] found no article text in this web page"
    )
    nav = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    (tmp_path / "nav").mkdir()
    err = _refused(tmp_path / "nav", capsys, "index.html", nav)
    assert err.startswith(
        "index.html: error[no-article-text] found no article text in this web page (1 word of "
        "text outside the page's navigation and boilerplate)\n"
    ), err


def test_every_bad_field_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    before = ds.read_bytes()
    code, _, err = run(
        capsys, "source", "add", str(tmp_path / "a.txt"), "--id", "art", "--title", "T",
        "--url", "ftp://x", "--published", "June 2023", "--reliability", "Z", "--dataset", str(ds),
    )  # fmt: skip
    assert code == 1
    assert err.replace(str(ds), "D") == (
        "D: error[bad-choice] 'Z' is not a reliability grade\n"
        "  hint: choose one of A, B, C, D, E, F (F: cannot be judged)\n"
        "D: error[bad-date] 'June 2023' is not a date\n"
        "  hint: write YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source gives\n"
        "D: error[bad-url] 'ftp://x' is not an http or https address\n"
        "  hint: give the address the source was read at, starting https://\n"
        "D: error[duplicate-id] the dataset already has a source 'art'\n"
        "  hint: give the new source another --id\n"
    )
    assert ds.read_bytes() == before


def test_a_missing_sha256_hint_gives_the_value_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    ds.write_text(
        ds.read_text(encoding="utf-8").replace(f"    sha256: {sha256_of(SOURCE_TEXT)}\n", ""),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", str(ds))
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{ds}:5:5: error[missing-field] this source has no 'sha256'",
        f"  hint: add 'sha256: {sha256_of(SOURCE_TEXT)}'",
    ]


# -- links and files that are not regular: refused, as load() refuses them ------------------


def test_an_article_given_as_a_link_is_refused_and_names_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("A private note, not an article.\n", encoding="utf-8")
    ds = _dataset(tmp_path)
    before = ds.read_bytes()
    link = tmp_path / "article.txt"
    link.symlink_to(secret)

    code, out, err = run(
        capsys, "source", "add", str(link), "--id", "x", "--title", "X", "--dataset", str(ds)
    )

    assert (code, out) == (1, "")
    assert err.replace(str(tmp_path) + "/", "") == (
        "article.txt: error[unsafe-path] the file is a link (to 'elsewhere/secret.txt')\n"
        "  hint: name the file the link points to, if that is the article you mean\n"
    )
    assert ds.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["art.txt"]


def test_a_named_pipe_as_the_article_is_refused_without_waiting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)

    code, out, err = run(
        capsys, "source", "add", str(pipe), "--id", "x", "--title", "X", "--dataset", str(ds)
    )

    assert (code, out) == (1, "")
    assert err.replace(str(tmp_path) + "/", "") == (
        "article.txt: error[not-a-file] is a named pipe (FIFO), not a regular file\n"
        "  hint: name a regular file here; relgraph reads files, not streams\n"
    )


@pytest.mark.parametrize("where", ["folder", "file"])
def test_a_link_out_of_the_dataset_folder_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    home = tmp_path / "data"
    home.mkdir()
    ds = _dataset(home)
    before = ds.read_bytes()
    outside = tmp_path / "outside"
    outside.mkdir()
    if where == "folder":  # the whole sources/ folder is a link
        shutil.move(str(home / "sources"), str(outside / "sources"))
        (home / "sources").symlink_to(outside / "sources")
        shown = "sources/visit.txt"
    else:  # the text's own name is a link, to a file not there yet
        (home / "sources" / "visit.txt").symlink_to(outside / "victim.txt")
        shown = "sources/visit.txt"
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    listing = sorted(p.name for p in outside.rglob("*"))

    code, out, err = run(
        capsys, "source", "add", str(article), "--id", "visit", "--title", "A visit",
        "--dataset", str(ds),
    )  # fmt: skip

    assert (code, out) == (1, "")
    assert err.replace(str(home) + "/", "") == (
        f"{shown}: error[unsafe-path] this path leads outside the dataset's folder "
        "through a link\n"
        "  hint: remove the link, or give the source another --id\n"
    )
    assert ds.read_bytes() == before
    assert sorted(p.name for p in outside.rglob("*")) == listing


def test_quote_does_not_read_a_source_text_through_a_link_out_of_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "data"
    home.mkdir()
    ds = _dataset(home)
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is swordfish.\n", encoding="utf-8")
    (home / "sources" / "art.txt").unlink()
    (home / "sources" / "art.txt").symlink_to(secret)

    code, out, err = run(capsys, "quote", "art", "the password", "--dataset", str(ds))

    assert code != 0
    assert "swordfish" not in out + err
    assert "the text of source 'art' ('sources/art.txt') leads outside the dataset's folder " in err


def test_convert_never_writes_a_text_through_a_link_beside_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    ds = _dataset(tmp_path / "in")
    out_dir = tmp_path / "out"
    (out_dir / "sources").mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    (out_dir / "sources" / "art.txt").symlink_to(victim)

    code, _, err = run(capsys, "convert", str(ds), "-o", str(out_dir / "demo.jsonl"))

    assert code != 0
    assert err.endswith(
        "/out/sources/art.txt' leads outside the output's folder through a link\n"
        "  hint: remove the link, or write the output into another folder\n"
    )
    assert not victim.exists()
    assert sorted(p.name for p in out_dir.rglob("*")) == ["art.txt", "sources"]


def test_source_add_without_a_dataset_is_refused_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --dataset, `source add` once wrote into the bundled dataset, which may be
    inside the installed package; it names the dataset to give instead."""
    bundled = ROOT / "graph_data"
    before = {p: p.read_bytes() for p in bundled.rglob("*") if p.is_file()}
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "source", "add", "a.txt", "--id", "a", "--title", "A visit") == (
        2,
        "",
        "relgraph: error: source add writes into a dataset, and none is named\n"
        "  hint: name the dataset to add to with --dataset: relgraph source add a.txt --id a "
        "--title 'A visit' --dataset DATA.yaml\n",
    )
    assert {p: p.read_bytes() for p in bundled.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
