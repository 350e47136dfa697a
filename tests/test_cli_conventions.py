"""The command line's conventions: ``-o -`` is standard output (or refused), ``-`` is
standard input, a dataset in the wrong place is explained, shell completion, progress
while writing, ``--format json`` summaries and one spelling of format names."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

import relgraph
from support import run

BUNDLED = "graph_data/cuba_iran.yaml"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a fresh folder, so that a file named '-' would be seen."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _no_dash_file(folder: Path) -> None:
    assert not (folder / "-").exists()


# ---------------------------------------------------------------------------
# -o - means standard output, or is refused with a hint
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json", "jsonl", "cypher", "ftm"])
def test_export_dash_o_writes_single_file_formats_to_stdout(
    fmt: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = str(Path(__file__).resolve().parents[1] / BUNDLED)
    code, expected, _ = run(capsys, "export", bundled, "--to", fmt)
    assert code == 0
    code, out, err = run(capsys, "export", bundled, "--to", fmt, "-o", "-")
    assert code == 0
    assert out == expected
    assert err == ""
    _no_dash_file(in_tmp)


@pytest.mark.parametrize("fmt", ["csv", "neo4j-admin"])
def test_export_dash_o_is_refused_for_folder_formats(
    fmt: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "export", "--to", fmt, "-o", "-")
    assert code == 2
    assert out == ""
    assert err == (
        f"relgraph: error: the {fmt} export writes a folder of files, so it cannot go to "
        "standard output (-o -)\n"
        f"  hint: give a folder: relgraph export --to {fmt} -o DIR\n"
    )
    _no_dash_file(in_tmp)


def test_schema_dash_o_writes_to_stdout(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, expected, _ = run(capsys, "schema")
    code, out, err = run(capsys, "schema", "-o", "-")
    assert code == 0
    assert out == expected
    assert json.loads(out)["$schema"].startswith("https://json-schema.org/")
    assert err == ""
    _no_dash_file(in_tmp)


def test_suggest_dash_o_prints_the_draft(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "a.txt").write_text("Iran and Cuba signed an agreement.\n", encoding="utf-8")
    code, expected, _ = run(capsys, "suggest", "a.txt")
    assert code == 0
    code, out, _ = run(capsys, "suggest", "a.txt", "-o", "-")
    assert code == 0
    assert out == expected
    _no_dash_file(in_tmp)


def test_ego_page_dash_writes_the_page_to_stdout(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = str(Path(__file__).resolve().parents[1] / BUNDLED)
    code, out, err = run(capsys, "ego", "Hamas", bundled, "--page", "-")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "Hamas and its neighbourhood (radius 1)" in out
    assert "Ego network of" not in out  # the page alone: it can be piped into a file
    assert err.startswith("relgraph: cuba_iran: ")
    _no_dash_file(in_tmp)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["import", "json", "in.json", "-o", "-"],
            "relgraph: error: import writes a dataset file and stores the source texts beside "
            "it, so it cannot go to standard output (-o -)\n"
            "  hint: name the new file: -o DATASET.yaml\n",
        ),
        (
            ["import", "csv", "in.json", "in.json", "-o", "-"],
            "relgraph: error: import writes a dataset file and stores the source texts beside "
            "it, so it cannot go to standard output (-o -)\n"
            "  hint: name the new file: -o DATASET.yaml\n",
        ),
        (
            ["convert", "in.json", "-o", "-"],
            "relgraph: error: convert writes OUT and copies the source texts beside it, so it "
            "cannot go to standard output (-o -)\n"
            "  hint: name the file: -o OUT.jsonl or -o OUT.yaml (relgraph export --to jsonl "
            "prints JSON Lines to standard output)\n",
        ),
        (
            ["merge", "a.yaml", "b.yaml", "-o", "-"],
            "relgraph: error: merge writes a dataset file and stores the source texts beside "
            "it, so it cannot go to standard output (-o -)\n"
            "  hint: name a new folder or file: -o merged/ or -o merged.yaml\n",
        ),
        (
            ["match", "a.yaml", "b.yaml", "-o", "-"],
            "relgraph: error: match -o keeps the decisions already in a judgements file, so it "
            "cannot go to standard output (-o -)\n"
            "  hint: name the file: -o judgements.yaml (without -o the pairs are printed)\n",
        ),
    ],
    ids=lambda x: " ".join(x[:2]) if isinstance(x, list) else "",
)
def test_dash_o_is_refused_where_files_go_beside_the_output(
    argv: list[str], message: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "in.json").write_text("{}", encoding="utf-8")
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (2, "", message)
    assert sorted(os.listdir(in_tmp)) == ["in.json"]


# ---------------------------------------------------------------------------
# A dataset in the wrong place is recognised and explained
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["path", BUNDLED, "Cuba", "Iran"],
            f"relgraph: error: '{BUNDLED}' is given where the actor A goes; it looks like a "
            "dataset\n"
            f"  hint: the actors come first, then the dataset: relgraph path Cuba Iran {BUNDLED}\n",
        ),
        (
            ["path", "Cuba", BUNDLED, "Iran", "-k", "2", "--format", "json"],
            f"relgraph: error: '{BUNDLED}' is given where the actor B goes; it looks like a "
            "dataset\n"
            "  hint: the actors come first, then the dataset: relgraph path Cuba Iran "
            f"{BUNDLED} -k 2 --format json\n",
        ),
        (
            ["path", "graph_data/", "Cuba"],
            "relgraph: error: 'graph_data/' is given where the actor A goes; it looks like a "
            "dataset\n"
            "  hint: the actors come first, then the dataset: relgraph path Cuba B graph_data/\n",
        ),
        (
            ["ego", "--radius", "2", BUNDLED, "United States"],
            f"relgraph: error: '{BUNDLED}' is given where the actor X goes; it looks like a "
            "dataset\n"
            "  hint: the actor comes first, then the dataset: relgraph ego --radius 2 "
            f"'United States' {BUNDLED}\n",
        ),
        (
            ["quote", BUNDLED, "deepening-ties", "signed document"],
            f"relgraph: error: '{BUNDLED}' is given where SOURCE goes; it looks like a dataset\n"
            "  hint: give the dataset with --dataset: relgraph quote deepening-ties "
            f"'signed document' --dataset {BUNDLED}\n",
        ),
        (
            ["quote", BUNDLED, "signed document"],
            f"relgraph: error: '{BUNDLED}' is given where SOURCE goes; it looks like a dataset\n"
            "  hint: give the dataset with --dataset: relgraph quote SOURCE 'signed document' "
            f"--dataset {BUNDLED}\n",
        ),
        (
            ["suggest", BUNDLED, "deepening-ties", "-o", "draft.yaml"],
            f"relgraph: error: '{BUNDLED}' is given where SOURCE goes; it looks like a dataset\n"
            "  hint: give the dataset with --dataset: relgraph suggest deepening-ties "
            f"-o draft.yaml --dataset {BUNDLED}\n",
        ),
        (
            ["source", "add", "mine.yaml", "a.txt", "--id", "a", "--title", "A"],
            "relgraph: error: 'mine.yaml' is given where FILE goes; it looks like a dataset\n"
            "  hint: give the dataset with --dataset: relgraph source add a.txt --id a "
            "--title A --dataset mine.yaml\n",
        ),
    ],
    ids=lambda x: " ".join(x[:2]) if isinstance(x, list) else "",
)
def test_a_dataset_in_the_wrong_place_is_explained_with_the_corrected_command(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (2, "", message)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["path", "cuba"],
            "relgraph: error: path needs two actors, A and B; B is missing\n"
            "  hint: for example: relgraph path cuba iran\n",
        ),
        (
            ["path", "Iran", "-k", "2"],
            "relgraph: error: path needs two actors, A and B; B is missing\n"
            "  hint: for example: relgraph path Iran cuba -k 2\n",
        ),
        (
            ["path"],
            "relgraph: error: path needs two actors, A and B; A and B are missing\n"
            "  hint: for example: relgraph path cuba iran\n",
        ),
        (
            ["ego", "--radius", "2"],
            "relgraph: error: ego needs an actor, X; X is missing\n"
            "  hint: for example: relgraph ego cuba --radius 2\n",
        ),
        (
            ["quote", "a.txt"],
            "relgraph: error: quote needs a source and words to find in it, SOURCE and WORDS; "
            "WORDS is missing\n"
            "  hint: for example: relgraph quote a.txt 'raisi visited havana'\n",
        ),
        (
            ["quote", "--dataset", BUNDLED],
            "relgraph: error: quote needs a source and words to find in it, SOURCE and WORDS; "
            "SOURCE and WORDS are missing\n"
            "  hint: for example: relgraph quote SOURCE 'raisi visited havana' "
            f"--dataset {BUNDLED}\n",
        ),
        (
            ["suggest", "-o", "draft.yaml"],
            "relgraph: error: suggest needs a source, SOURCE; SOURCE is missing\n"
            "  hint: for example: relgraph suggest article.txt -o draft.yaml\n",
        ),
        (
            ["source", "add", "--id", "a", "--title", "A"],
            "relgraph: error: source add needs the article's file, FILE; FILE is missing\n"
            "  hint: for example: relgraph source add article.txt --id a --title A\n",
        ),
        (
            ["path", BUNDLED],
            f"relgraph: error: '{BUNDLED}' is given where the actor A goes; it looks like a "
            "dataset\n"
            f"  hint: the actors come first, then the dataset: relgraph path A B {BUNDLED}\n",
        ),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else "",
)
def test_a_missing_word_is_named_with_a_whole_command(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`relgraph path cuba` once ended in click's bare "Missing argument 'B'."."""
    assert run(capsys, *argv) == (2, "", message)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["quote", "article.txt", "raisi", "visited", "havana"],
            "relgraph: error: quote takes a source and words to find in it, SOURCE and WORDS; "
            "'visited' and 'havana' are more words than that\n"
            "  hint: put the words in quotes, as one WORDS: "
            "relgraph quote article.txt 'raisi visited havana'\n",
        ),
        (
            ["quote", "deepening-ties", "signed", "document", "--dataset", BUNDLED, "-n", "2"],
            "relgraph: error: quote takes a source and words to find in it, SOURCE and WORDS; "
            "'document' is one word more than that\n"
            "  hint: put the words in quotes, as one WORDS: relgraph quote deepening-ties "
            f"'signed document' --dataset {BUNDLED} -n 2\n",
        ),
        (
            ["suggest", "deepening-ties", BUNDLED, "-o", "draft.yaml"],
            "relgraph: error: suggest takes a source, SOURCE; "
            f"'{BUNDLED}' is one word more than that\n"
            "  hint: give the dataset with --dataset: relgraph suggest deepening-ties "
            f"-o draft.yaml --dataset {BUNDLED}\n",
        ),
        (
            ["suggest", "a.txt", "b.txt", "c.txt"],
            "relgraph: error: suggest takes a source, SOURCE; "
            "'b.txt' and 'c.txt' are more words than that\n"
            "  hint: give SOURCE alone: relgraph suggest a.txt\n",
        ),
        (
            ["source", "add", "a.txt", "b.txt", "--id", "a", "--title", "A"],
            "relgraph: error: source add takes the article's file, FILE; "
            "'b.txt' is one word more than that\n"
            "  hint: give FILE alone: relgraph source add a.txt --id a --title A\n",
        ),
    ],
    ids=lambda x: " ".join(x[:3]) if isinstance(x, list) else "",
)
def test_words_beyond_a_commands_own_are_named_with_the_command_meant(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`relgraph quote article.txt raisi visited havana` (WORDS without quotes) once ended in
    click's "Got unexpected extra arguments (visited havana)", with no hint of the quotes."""
    assert run(capsys, *argv) == (2, "", message)


def test_source_add_of_a_dataset_alone_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`source add mine.yaml --id a --title A` once stored mine.yaml as a source text of the
    default dataset (the bundled one), since FILE was the only word given."""
    default = ROOT / "graph_data" / "cuba_iran.yaml"
    before = default.read_bytes()
    mine = tmp_path / "mine.yaml"
    mine.write_text("dataset: {id: mine, title: Mine}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "source", "add", "mine.yaml", "--id", "a", "--title", "A") == (
        2,
        "",
        "relgraph: error: 'mine.yaml' is given where FILE goes; it looks like a dataset\n"
        "  hint: give the dataset with --dataset: relgraph source add FILE --id a --title A "
        "--dataset mine.yaml\n",
    )
    assert default.read_bytes() == before
    assert not (ROOT / "graph_data" / "sources" / "a.txt").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["analyze", "cuba"],
            "relgraph: error: 'cuba' is not a file; it is an actor of the bundled dataset, "
            "Cuba (cuba)\n"
            "  hint: analyze takes datasets, not an actor: relgraph analyze [OPTIONS] "
            "[DATASET]...; one actor's neighbourhood: relgraph ego cuba\n",
        ),
        (
            ["ego", "cuba", "Iran"],
            "relgraph: error: 'Iran' is not a file; it is an actor of the bundled dataset, "
            "Iran (iran)\n"
            "  hint: ego takes one actor, X, and then datasets: "
            "relgraph ego [OPTIONS] X [DATASET]...\n",
        ),
        (
            ["path", "cuba", "iran", "hamas"],
            "relgraph: error: 'hamas' is not a file; it is an actor of the bundled dataset, "
            "Hamas (hamas)\n"
            "  hint: path takes two actors, A and B, and then datasets: "
            "relgraph path [OPTIONS] A B [DATASET]...\n",
        ),
        (
            ["evidence", "graph_data/raisi_havana_2023.yaml", "raul castro"],
            "relgraph: error: 'raul castro' is not a file; it is an actor of "
            "graph_data/raisi_havana_2023.yaml, Raul Castro (raul-castro)\n"
            "  hint: evidence takes datasets, not an actor: "
            "relgraph evidence [OPTIONS] [DATASET]...\n",
        ),
        (
            ["match", "cuba", "graph_data/raisi_havana_2023.yaml"],
            "relgraph: error: 'cuba' is not a file; it is an actor of "
            "graph_data/raisi_havana_2023.yaml, Cuba (cuba)\n"
            "  hint: match takes datasets, not an actor: "
            "relgraph match [OPTIONS] DATASET DATASET...\n",
        ),
        (
            ["merge", BUNDLED, "Hezbollah", "-o", "merged.yaml"],
            "relgraph: error: 'Hezbollah' is not a file; it is an actor of "
            f"{BUNDLED}, Hezbollah (hezbollah)\n"
            "  hint: merge takes datasets, not an actor: "
            "relgraph merge [OPTIONS] DATASET DATASET...\n",
        ),
        (
            ["validate", "hezbollah"],
            "relgraph: error: 'hezbollah' is not a file; it is an actor of the bundled dataset, "
            "Hezbollah (hezbollah)\n"
            "  hint: validate takes datasets, not an actor: "
            "relgraph validate [OPTIONS] [DATASET]...\n",
        ),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else "",
)
def test_an_actor_where_a_dataset_goes_is_named_as_an_actor(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`relgraph analyze cuba` once said "no such file ... check the path"."""
    assert run(capsys, *argv) == (2, "", message)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["quote", "deepening-ties", "signed document", "--dataset", "cuba"],
            "relgraph: error: 'cuba' is an actor of the bundled dataset, Cuba (cuba), "
            "not a dataset file\n"
            "  hint: --dataset names a dataset's file or folder: relgraph quote deepening-ties "
            f"'signed document' --dataset {BUNDLED}\n",
        ),
        (
            ["suggest", "deepening-ties", "--dataset=Iran", "-o", "draft.yaml"],
            "relgraph: error: 'Iran' is an actor of the bundled dataset, Iran (iran), "
            "not a dataset file\n"
            "  hint: --dataset names a dataset's file or folder: relgraph suggest deepening-ties "
            f"--dataset={BUNDLED} -o draft.yaml\n",
        ),
        (
            ["source", "add", "a.txt", "--id", "a", "--title", "A", "--dataset", "cuba"],
            "relgraph: error: 'cuba' is an actor of the bundled dataset, Cuba (cuba), "
            "not a dataset file\n"
            "  hint: --dataset names a dataset's file or folder: relgraph source add a.txt "
            "--id a --title A --dataset DATA.yaml\n",
        ),
        (
            ["quote", "cuba", "signed document"],
            "relgraph: error: 'cuba' is not a file; it is an actor of the bundled dataset, "
            "Cuba (cuba)\n"
            "  hint: SOURCE is a text file, or with --dataset the id of one of its sources: "
            f"relgraph quote SOURCE 'signed document' --dataset {BUNDLED}\n",
        ),
        (
            ["suggest", "hamas"],
            "relgraph: error: 'hamas' is not a file; it is an actor of the bundled dataset, "
            "Hamas (hamas)\n"
            "  hint: SOURCE is a text file, or with --dataset the id of one of its sources: "
            f"relgraph suggest SOURCE --dataset {BUNDLED}\n",
        ),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else "",
)
def test_an_actor_given_for_the_dataset_option_is_named_as_an_actor(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`relgraph quote ... --dataset cuba` once said "no such file or folder"."""
    assert run(capsys, *argv) == (2, "", message)


def test_a_dataset_option_that_is_no_actor_is_still_a_missing_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "quote", "deepening-ties", "x", "--dataset", "cubaa")
    assert code == 1
    assert err.startswith("cubaa: error[missing-file] no such file or folder\n")


def test_a_missing_file_that_is_no_actor_is_still_a_missing_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "analyze", "cubaa")
    assert code == 1
    assert err.startswith("cubaa: error[missing-file] no such file or folder\n")


@pytest.mark.parametrize("argv", [["path", "cuba", "iran"], ["ego", "cuba"]])
def test_actors_in_their_places_with_the_bundled_dataset_still_run(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *argv, "-q")
    assert code == 0
    assert out.startswith(("Path 1: Cuba - Iran", "Ego network of Cuba"))


def test_the_corrected_command_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "path", BUNDLED, "Cuba", "Iran")
    fixed = err.splitlines()[1].split(": relgraph ", 1)[1].split()
    code, out, _ = run(capsys, *fixed)
    assert code == 0
    assert out.startswith("Path 1: Cuba - Iran")


def test_a_quote_from_a_text_file_is_not_taken_for_a_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Iran and Cuba signed an agreement.\n", encoding="utf-8")
    code, out, _ = run(capsys, "quote", str(text), "cuba signed")
    assert code == 0
    assert out.startswith("1. score ")


# ---------------------------------------------------------------------------
# relgraph completion bash|zsh|fish
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _relgraph_completion relgraph"),
        ("zsh", "compdef _relgraph_completion relgraph"),
        ("fish", "complete --no-files --command relgraph"),
    ],
)
def test_completion_prints_the_shell_script(
    shell: str, marker: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "completion", shell)
    assert code == 0
    assert marker in out
    assert "_RELGRAPH_COMPLETE" in out
    assert err == ""


def test_completion_refuses_an_unknown_shell(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "completion", "tcsh")
    assert code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in err


def test_bash_completes_commands_and_options_with_the_script(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    bash = shutil.which("bash")
    assert bash is not None
    exe = tmp_path / "relgraph"  # the command as installed: the script calls it by name
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m relgraph "$@"\n', encoding="utf-8")
    exe.chmod(0o755)
    script = (
        'eval "$(relgraph completion bash)"\n'
        'complete_words() { COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));'
        " _relgraph_completion relgraph; printf '%s\\n' \"${COMPREPLY[@]}\"; }\n"
        "complete_words relgraph expo\n"
        "echo --\n"
        "complete_words relgraph export --to g\n"
    )
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [bash, "--norc", "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.split("--\n")
    assert first.split() == ["export"]
    assert second.split() == ["gexf", "graphml"]


# ---------------------------------------------------------------------------
# One spelling of format names: text (table is its old name)
# ---------------------------------------------------------------------------
TEXT_FORMAT_COMMANDS = [
    ["analyze"],
    ["path", "Cuba", "Iran"],
    ["ego", "Cuba"],
    ["evidence"],
    ["validate"],
    ["vocab"],
    ["match", BUNDLED, "graph_data/raisi_havana_2023.yaml"],
]


@pytest.mark.parametrize("argv", TEXT_FORMAT_COMMANDS, ids=lambda a: a[0])
def test_format_text_is_the_readable_default_everywhere(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    default = run(capsys, *argv)
    assert run(capsys, *argv, "--format", "text") == default
    _, out, _ = run(capsys, *argv, "--help")
    assert "[default: text]" in " ".join(_help_option(out))


def _help_option(help_text: str) -> list[str]:
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("--format"))
    return [line.strip() for line in lines[start : start + 3]]


@pytest.mark.parametrize("argv", TEXT_FORMAT_COMMANDS, ids=lambda a: a[0])
def test_format_table_is_the_old_name_of_text_and_says_so(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv, "--format", "text")
    old = run(capsys, *argv, "--format", "table")
    assert old == (
        code,
        out,
        "relgraph: warning: --format table is the old name of --format text\n"
        "  hint: write --format text (the output is the same)\n" + err,
    )


def test_merge_takes_format_table_as_text_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "merge",
        BUNDLED,
        "graph_data/raisi_havana_2023.yaml",
        "-j",
        "graph_data/cuba_iran_havana.judgements.yaml",
        "-o",
        str(tmp_path / "m"),
        "--format",
        "table",
    )
    assert code == 0
    assert err.startswith("relgraph: warning: --format table is the old name of --format text\n")


def test_an_unknown_format_lists_the_one_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "--format", "tabel")
    assert code == 2
    assert "'tabel' is not one of 'text', 'json', 'csv', 'markdown'" in err


# ---------------------------------------------------------------------------
# '-' reads a dataset from standard input
# ---------------------------------------------------------------------------
def _records(sha: str) -> list[dict[str, object]]:
    quote = "Iran and Cuba signed an agreement in Havana in January 2006."
    return [
        {"record": "dataset", "id": "demo", "title": "Demo"},
        {
            "record": "source",
            "id": "art",
            "title": "An article",
            "reliability": "F",
            "text": "sources/art.txt",
            "sha256": sha,
        },
        {"record": "entity", "id": "iran", "name": "Iran", "kind": "state"},
        {"record": "entity", "id": "cuba", "name": "Cuba", "kind": "state"},
        {
            "record": "relation",
            "source": "iran",
            "target": "cuba",
            "type": "agreement",
            "status": "reported",
            "evidence": [{"quote": quote, "source": "art"}],
        },
    ]


@pytest.fixture
def stdin_folder(make_dataset, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """A folder holding the source text at sources/art.txt, made the current folder."""
    folder = Path(make_dataset()).parent
    monkeypatch.chdir(folder)
    return folder


def _stdin(monkeypatch: pytest.MonkeyPatch, data: str) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))


def _jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _sha(folder: Path) -> str:
    import hashlib

    return hashlib.sha256((folder / "sources" / "art.txt").read_bytes()).hexdigest()


def test_validate_reads_json_lines_from_stdin(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, _jsonl(_records(_sha(stdin_folder))))
    assert run(capsys, "validate", "-") == (0, "", "<stdin>: ok\n")
    assert sorted(os.listdir(stdin_folder)) == ["data.yaml", "sources"]  # nothing left behind


def test_validate_reads_yaml_from_stdin(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, (stdin_folder / "data.yaml").read_text(encoding="utf-8"))
    assert run(capsys, "validate", "-") == (0, "", "<stdin>: ok\n")


def test_a_failed_load_from_stdin_names_stdin_in_every_command(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """analyze once ended with "relgraph: -: 1 error" where validate said "<stdin>"."""
    records = _records(_sha(stdin_folder))
    records[3]["kind"] = "stat"
    _stdin(monkeypatch, _jsonl(records))
    code, _, err = run(capsys, "analyze", "-", "-q")
    assert code == 1
    assert err.splitlines()[0].startswith("<stdin>:4:")
    assert err.splitlines()[-1] == "relgraph: <stdin>: 1 error"


def test_errors_in_stdin_are_located_at_stdin_line_and_column(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(_sha(stdin_folder))
    records[3]["kind"] = "stat"
    _stdin(monkeypatch, _jsonl(records))
    code, _, err = run(capsys, "validate", "-")
    assert code == 1
    assert err.splitlines()[0].startswith("<stdin>:4:")
    assert "error[unknown-kind] 'stat' is not an entity kind" in err.splitlines()[0]
    assert err.splitlines()[-1] == "relgraph: <stdin>: 1 error"
    assert ".relgraph-stdin" not in err
    assert sorted(os.listdir(stdin_folder)) == ["data.yaml", "sources"]


def test_analyze_path_and_export_read_stdin(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _jsonl(_records(_sha(stdin_folder)))
    _stdin(monkeypatch, data)
    code, out, _ = run(capsys, "path", "Iran", "Cuba", "-")
    assert code == 0
    assert out.startswith("Path 1: Iran - Cuba (1 hop)")
    _stdin(monkeypatch, data)
    code, out, _ = run(capsys, "export", "-", "--to", "json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)["nodes"]] == ["iran", "cuba"]
    _stdin(monkeypatch, data)
    code, out, _ = run(capsys, "analyze", "-", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("rank,")


def test_import_json_reads_stdin(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, _jsonl(_records(_sha(stdin_folder))))
    (stdin_folder / "new").mkdir()
    code, _, err = run(capsys, "import", "json", "-", "-o", "new/copy.yaml")
    assert code == 0, err
    assert run(capsys, "validate", "new/copy.yaml")[0] == 0
    assert sorted(os.listdir(stdin_folder)) == ["data.yaml", "new", "sources"]


def test_match_merge_and_evidence_read_stdin(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-` beside a file: the other dataset of match and merge, and evidence's one."""
    data = _jsonl(_records(_sha(stdin_folder)))
    _stdin(monkeypatch, data)
    code, out, err = run(capsys, "evidence", "-")
    assert code == 0, err
    assert "relation cuba.agreement.iran: iran agreement cuba (reported)" in out
    other = str(ROOT / "graph_data" / "cuba_iran.yaml")
    # Cuba under another id: a pair for match to propose (the same id and name it would not)
    records = _records(_sha(stdin_folder))
    records[3]["id"] = records[4]["target"] = "republic-of-cuba"
    _stdin(monkeypatch, _jsonl(records))
    code, out, err = run(capsys, "match", "-", other, "--format", "json")
    assert code == 0, err
    pairs = {(p["left"], p["right"]) for p in json.loads(out) if p["kind"] == "entity"}
    assert ("demo:republic-of-cuba", "cuba_iran:cuba") in pairs
    _stdin(monkeypatch, data)
    code, _, err = run(capsys, "merge", "-", other, "-o", "merged/")
    assert code == 0, err
    assert err.endswith("wrote merged/demo_cuba_iran.yaml\n")
    merged = relgraph.load(stdin_folder / "merged" / "demo_cuba_iran.yaml")
    assert len(merged.relations) == 32  # the one of stdin and the bundled 31
    assert sorted(os.listdir(stdin_folder)) == ["data.yaml", "merged", "sources"]


def test_a_problem_of_a_dataset_on_stdin_is_named_stdin_by_match_and_merge(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(_sha(stdin_folder))
    records[3]["kind"] = "stat"
    other = str(ROOT / "graph_data" / "cuba_iran.yaml")
    for command in (["match", "-", other], ["merge", "-", other, "-o", "m/"]):
        _stdin(monkeypatch, _jsonl(records))
        code, out, err = run(capsys, *command)
        assert (code, out) == (1, "")
        assert err.splitlines()[0].startswith("<stdin>:4:")
        tail = "; nothing was written" if command[0] == "merge" else ""
        assert err.splitlines()[-1] == f"relgraph: <stdin> + {other}: 1 error{tail}"
        assert ".relgraph-stdin" not in err
        assert sorted(os.listdir(stdin_folder)) == ["data.yaml", "sources"]


def test_quote_and_suggest_read_their_dataset_from_stdin(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _jsonl(_records(_sha(stdin_folder)))
    _stdin(monkeypatch, data)
    code, out, err = run(capsys, "quote", "art", "ties firm progressive", "--dataset", "-")
    assert code == 0, err
    assert out.splitlines()[1] == "   ties were “firm and progressive"
    _stdin(monkeypatch, data)
    code, out, err = run(capsys, "suggest", "art", "--dataset", "-")
    assert code == 0, err
    assert "  - quote: Iran and Cuba signed an agreement in Havana in January 2006.\n" in out
    assert "relgraph-stdin" not in out + err
    _stdin(monkeypatch, data)
    assert run(capsys, "quote", "nope", "x", "--dataset", "-") == (
        2,
        "",
        "relgraph: error: 'nope' is not a source of <stdin>; its sources: art\n",
    )
    assert sorted(os.listdir(stdin_folder)) == ["data.yaml", "sources"]


def test_stdin_on_a_terminal_is_refused_with_a_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty())
    assert run(capsys, "validate", "-") == (
        2,
        "",
        "relgraph: error: '-' reads the dataset from standard input, which is the terminal\n"
        "  hint: pipe or redirect a YAML or JSON Lines dataset into relgraph, e.g. "
        "relgraph validate - < data.jsonl\n",
    )


def test_stdin_is_read_once(
    stdin_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "")
    assert run(capsys, "render", "-", "-", "-o", "-") == (
        2,
        "",
        "relgraph: error: '-' is given twice; standard input can be read once\n"
        "  hint: give the other datasets by their files\n",
    )


# ---------------------------------------------------------------------------
# Progress while exports write, and on import and schema
# ---------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """The terminal's progress line, as the progress module draws it on stderr."""
    from relgraph.cli import common
    from relgraph.progress import TerminalProgress

    tty = _Terminal()
    monkeypatch.setattr(
        common,
        "terminal_progress",
        lambda quiet=False: None if quiet else TerminalProgress(tty, rate=0),
    )
    return tty


@pytest.mark.parametrize(
    ("fmt", "name", "stages"),
    [
        ("gexf", "g.gexf", ["writing g.gexf"]),
        ("json", "g.json", ["writing g.json"]),
        ("jsonl", "g.jsonl", ["writing g.jsonl", "writing sources/cuba_iran_relations.txt"]),
        (
            "csv",
            "sheets",
            [
                "writing entities.csv",
                "writing relations.csv",
                "writing claims.csv",
                "writing sources.csv",
            ],
        ),
    ],
)
def test_export_shows_its_writing_progress_on_a_terminal(
    fmt: str,
    name: str,
    stages: list[str],
    tmp_path: Path,
    terminal: _Terminal,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "export", "--to", fmt, "-o", str(tmp_path / name))
    assert code == 0
    drawn = terminal.getvalue()
    assert "relgraph: reading cuba_iran.yaml 100%" in drawn
    for stage in stages:
        assert f"\r\x1b[Krelgraph: {stage} 100%" in drawn
    assert drawn.endswith("\r\x1b[K")  # cleared before the note that says what was written
    assert err.startswith("relgraph: wrote ")


def test_export_to_stdout_shows_progress_and_clears_it_first(
    terminal: _Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "export", "--to", "cypher")
    assert code == 0
    assert out.startswith("// ")
    assert "\r\x1b[Krelgraph: writing the cypher export 100%" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_export_quiet_draws_no_progress(
    tmp_path: Path, terminal: _Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "export", "--to", "gexf", "-o", str(tmp_path / "g.gexf"), "-q")
    assert code == 0
    assert terminal.getvalue() == ""


def test_export_progress_reports_every_file_to_the_callback(bundled: Any, tmp_path: Path) -> None:
    from relgraph.export import export, export_bytes

    calls: list[tuple[str, int, int | None]] = []
    paths = export(bundled, "gexf", tmp_path / "g.gexf", progress=lambda *a: calls.append(a))
    size = (tmp_path / "g.gexf").stat().st_size
    assert calls[0] == ("writing g.gexf", 0, None)
    assert calls[-1] == ("writing g.gexf", size, size)
    assert paths == (str(tmp_path / "g.gexf"),)
    calls.clear()
    data = export_bytes(bundled, "gexf", progress=lambda *a: calls.append(a))
    assert data == (tmp_path / "g.gexf").read_bytes()  # progress changes nothing written
    assert calls[-1] == ("writing the gexf export", len(data), len(data))


def test_import_and_schema_show_progress_on_a_terminal(
    tmp_path: Path, terminal: _Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    sheets = tmp_path / "sheets"
    assert run(capsys, "export", "--to", "csv", "-o", str(sheets), "-q")[0] == 0
    assert run(capsys, "export", "--to", "json", "-o", str(tmp_path / "g.json"), "-q")[0] == 0
    imports = [
        [
            "import",
            "csv",
            str(sheets / "entities.csv"),
            str(sheets / "relations.csv"),
            "--sources",
            str(sheets / "sources.csv"),
            "--claims",
            str(sheets / "claims.csv"),
            "--meta",
            str(sheets / "meta.yaml"),
            "-o",
            str(tmp_path / "from_csv.yaml"),
        ],
        ["import", "json", str(tmp_path / "g.json"), "-o", str(tmp_path / "from_json.yaml")],
    ]
    for argv in imports:
        terminal.seek(0)
        terminal.truncate()
        code, _, err = run(capsys, *argv)
        assert code == 0, err
        drawn = terminal.getvalue()
        assert f"relgraph: reading {Path(argv[-1]).name} 100%" in drawn  # the new file, checked
        assert "relgraph: checking entities 100%" in drawn
        assert drawn.endswith("\r\x1b[K")
        terminal.seek(0)
        terminal.truncate()
        assert run(capsys, *argv[:-1], str(tmp_path / "again.yaml"), "-q")[0] == 0
        assert terminal.getvalue() == ""
        (tmp_path / "again.yaml").unlink()

    terminal.seek(0)
    terminal.truncate()
    code, out, _ = run(capsys, "schema", BUNDLED)
    assert code == 0
    assert "relgraph: reading cuba_iran.yaml 100%" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    assert json.loads(out)
    terminal.seek(0)
    terminal.truncate()
    assert run(capsys, "schema", BUNDLED, "--quiet")[0] == 0
    assert terminal.getvalue() == ""


# ---------------------------------------------------------------------------
# --format json: what a command that writes files wrote
# ---------------------------------------------------------------------------
def test_export_format_json_summarises_what_was_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.gexf"
    code, stdout, err = run(capsys, "export", "--to", "gexf", "-o", str(out), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(stdout) == {
        "format": "gexf",
        "output": str(out),
        "written": [str(out)],
        "entities": 20,
        "relations": 31,
        "evidence": 33,
        "claims": 10,
        "sources": 1,
        "filter": None,
    }


def test_export_format_json_of_a_folder_lists_every_file_and_the_next_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sheets"
    code, stdout, _ = run(
        capsys, "export", "--to", "csv", "-o", str(out), "--status", "alleged", "--format", "json"
    )
    assert code == 0
    record = json.loads(stdout)
    assert sorted(record["written"]) == sorted(str(p) for p in out.rglob("*") if p.is_file())
    assert record["filter"] == "statuses alleged"
    assert record["import_command"].startswith(f"relgraph import csv {out / 'entities.csv'} ")


def test_format_json_is_refused_where_the_output_itself_goes_to_stdout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "export", "--to", "gexf", "--format", "json") == (
        2,
        "",
        "relgraph: error: --format json prints a summary of the files written on standard "
        "output, where the export goes here\n"
        "  hint: write it to a file with -o FILE, or leave out --format json\n",
    )
    assert run(capsys, "render", "-o", "-", "--format", "json") == (
        2,
        "",
        "relgraph: error: --format json prints a summary of the files written on standard "
        "output, where the page goes here\n"
        "  hint: write it to a file with -o FILE, or leave out --format json\n",
    )
    for argv, what in (
        (["schema", "--format", "json"], "the schema"),
        (["schema", "-o", "-", "--format", "json"], "the schema"),
        (["suggest", "deepening-ties", "--dataset", BUNDLED, "--format", "json"], "the draft"),
    ):
        assert run(capsys, *argv) == (
            2,
            "",
            "relgraph: error: --format json prints a summary of the files written on standard "
            f"output, where {what} goes here\n"
            "  hint: write it to a file with -o FILE, or leave out --format json\n",
        )


def test_schema_and_suggest_format_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = tmp_path / "s.json"
    code, stdout, err = run(capsys, "schema", "-o", str(schema), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(stdout) == {"output": str(schema), "bytes": schema.stat().st_size}
    import shutil

    shutil.copytree(ROOT / "graph_data", tmp_path / "data")  # the draft goes beside the texts
    draft = tmp_path / "data" / "draft.yaml"
    code, stdout, err = run(
        capsys, "suggest", "deepening-ties", "--dataset", str(tmp_path / "data" / "cuba_iran.yaml"),
        "-o", str(draft), "--format", "json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    summary = json.loads(stdout)
    assert summary["output"] == str(draft)
    assert summary["source"] == "deepening-ties"
    assert summary["actors"] == summary["known_actors"] + summary["new_actors"] > 0
    assert summary["relations"] == len(relgraph.load(draft).relations)


def test_render_format_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.html"
    code, stdout, err = run(capsys, "render", "-o", str(out), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(stdout) == {
        "output": str(out),
        "bytes": out.stat().st_size,
        "actors": 20,
        "relations": 31,
        "filter": None,
    }


def test_import_and_convert_format_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export", "--to", "json", "-o", str(tmp_path / "g.json"), "-q")[0] == 0
    new = tmp_path / "copy.yaml"
    code, stdout, err = run(
        capsys, "import", "json", str(tmp_path / "g.json"), "-o", str(new), "--format", "json"
    )
    assert (code, err) == (0, "")
    assert json.loads(stdout) == {
        "output": str(new),
        "texts": [str(tmp_path / "sources" / "cuba_iran_relations.txt")],
        "entities": 20,
        "relations": 31,
        "evidence": 33,
        "claims": 10,
        "sources": 1,
        "warnings": 0,
    }
    out = tmp_path / "copy.jsonl"
    code, stdout, err = run(capsys, "convert", str(new), "-o", str(out), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(stdout) == {
        "output": str(out),
        "entities": 20,
        "relations": 31,
        "evidence": 33,
        "claims": 10,
        "sources": 1,
    }


def test_source_add_format_json(make_dataset, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    data = Path(make_dataset())
    article = data.parent / "visit.txt"
    article.write_text("Raisi visited Havana in June 2023.\n", encoding="utf-8")
    code, stdout, err = run(
        capsys,
        "source",
        "add",
        str(article),
        "--id",
        "visit",
        "--title",
        "A visit",
        "--dataset",
        str(data),
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    record = json.loads(stdout)
    assert record == {
        "source": "visit",
        "dataset_file": record["dataset_file"],
        "text_file": record["text_file"],
        "original_file": None,
        "kind": "text",
        "words": 6,
        "sha256": record["sha256"],
        "dropped": [],
    }
    assert Path(record["dataset_file"]).resolve() == data.resolve()
    assert Path(record["text_file"]).read_text(encoding="utf-8") == article.read_text(
        encoding="utf-8"
    )
