"""A folder export lands whole or not at all, whenever it is killed.

Real processes are killed while they write (``kill -9``, which nothing can
catch, and SIGTERM, which relgraph catches): the folder they were writing is
afterwards exactly the old export or exactly the new one, never a mix, and
the next run leaves no temporary file or folder behind.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relgraph.atomic import AtomicOutput, leftovers
from relgraph.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, hidden ones too."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _export(data: Path, fmt: str, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "relgraph",
            "export",
            str(data),
            "--to",
            fmt,
            "-o",
            str(out),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_dataset

    folder = tmp_path_factory.mktemp("data")
    write_dataset(1_500, folder)
    return folder / "dataset.jsonl"


# the old export is the confirmed relations only; the new one everything: every file differs
OLD = ("--status", "confirmed")


@pytest.mark.parametrize(("fmt", "trials"), [("csv", 10), ("neo4j-admin", 4)])
def test_kill_9_at_any_moment_leaves_the_old_folder_or_the_new_one(
    tmp_path: Path, data: Path, fmt: str, trials: int
) -> None:
    new_out = tmp_path / "new"
    assert _finish(_export(data, fmt, new_out))[0] == 0
    new = _listing(new_out)
    out = tmp_path / "work" / "export"
    out.parent.mkdir()
    rng = random.Random(7)
    seen = {"old": 0, "new": 0}
    for _ in range(trials):
        code, err = _finish(_export(data, fmt, out, *OLD))
        assert code == 0, err
        old = _listing(out)
        assert old != new
        assert _hidden(out.parent) == []
        proc = _export(data, fmt, out)
        # wait for its hidden folder to appear, then let it write a little before the kill
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if _hidden(out.parent):
                break
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = _listing(out)
        assert now in (old, new), "a mixed folder"
        seen["old" if now == old else "new"] += 1
        # what the killed run left is what the next run removes
        assert {n.rsplit(".", 1)[-1] for n in _hidden(out.parent)} <= {"tmp", "old"}
    assert seen["old"] > 0, seen  # some kills did land while the export was being written
    code, err = _finish(_export(data, fmt, out))
    assert code == 0, err
    assert _listing(out) == new
    assert _hidden(out.parent) == []


def test_sigterm_while_writing_a_folder_leaves_the_old_one_and_nothing_hidden(
    tmp_path: Path, data: Path
) -> None:
    out = tmp_path / "sheets"
    assert _finish(_export(data, "csv", out, *OLD))[0] == 0
    old = _listing(out)
    for _ in range(5):  # catch the export while its files are being written
        proc = _export(data, "csv", out)
        caught = False
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if any(p.suffix == ".tmp" for p in tmp_path.iterdir()):
                proc.send_signal(signal.SIGTERM)
                caught = True
                break
            time.sleep(0.001)
        code, err = _finish(proc)
        if caught and code == 128 + signal.SIGTERM:
            break
        assert _finish(_export(data, "csv", out, *OLD))[0] == 0
    else:
        pytest.fail("the export finished five times before it could be interrupted")
    assert "relgraph: terminated by SIGTERM" in err
    assert "Traceback" not in err
    assert _listing(out) == old
    assert _hidden(tmp_path) == []


def test_what_a_killed_write_left_is_removed_or_put_back(tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    out.mkdir()
    (out / "a.csv").write_text("old a", encoding="utf-8")
    # a process that is gone: the largest process id the system can give, plus one
    dead = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1
    stage = tmp_path / f".sheets.{dead}-0123456789ab.tmp"
    stage.mkdir()
    (stage / "a.csv").write_text("half", encoding="utf-8")
    mine = tmp_path / f".sheets.{os.getpid()}-0123456789ab.tmp"  # a live writer's: kept
    mine.mkdir()
    assert leftovers(str(tmp_path), "sheets") == [stage.name]

    with AtomicOutput(out, folder=True, whole=True) as files:
        files.open_text("b.csv").write("new b")
    assert files.cleaned == (str(stage),)
    assert _listing(out) == {"a.csv": b"old a", "b.csv": b"new b"}  # a.csv carried over
    assert _hidden(tmp_path) == [mine.name]
    mine.rmdir()

    # killed between moving the old folder aside and moving the new one in: put back
    out.rename(tmp_path / f".sheets.{dead}-0123456789ab.old")
    with AtomicOutput(out, folder=True, whole=True) as files:
        files.open_text("c.csv").write("new c")
    assert _listing(out) == {"a.csv": b"old a", "b.csv": b"new b", "c.csv": b"new c"}
    assert _hidden(tmp_path) == []


def test_a_temporary_file_a_killed_write_left_beside_a_file_is_removed(tmp_path: Path) -> None:
    dead = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1
    left = tmp_path / f".page.html.{dead}-0123456789ab.tmp"
    left.write_bytes(b"x" * 1000)
    with AtomicOutput(tmp_path / "page.html") as out:
        out.open_text("page.html").write("<!DOCTYPE html>")
    assert out.cleaned == (str(left),)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_a_failure_while_writing_a_folder_leaves_the_old_one(tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    out.mkdir()
    (out / "a.csv").write_text("old a", encoding="utf-8")

    def failing() -> None:
        with AtomicOutput(out, folder=True, whole=True) as files:
            files.open_text("a.csv").write("new a")
            files.open_text("sub/b.csv").write("new b")
            raise ValueError("the exporter failed")

    with pytest.raises(ValueError, match="the exporter failed"):
        failing()
    assert _listing(out) == {"a.csv": b"old a"}
    assert _hidden(tmp_path) == []


def test_the_current_folder_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError) as exc, AtomicOutput(".", folder=True, whole=True):
        pass
    assert str(exc.value) == (
        "'.' is the current folder, and this format replaces its folder as a whole\n"
        "  hint: give -o a folder of its own, such as -o export/"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]
