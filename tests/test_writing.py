"""Every command that writes files, where writing goes wrong: a full disk, a signal, a link,
a device, a folder that does not exist yet."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from relgraph.export import FORMATS
from support import run

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = str(ROOT / "graph_data" / "cuba_iran.yaml")


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, hidden (temporary) ones too."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 1 MiB (a tmpfs), mounted for the test and removed after it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (the tests and CI run as root)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until at most ``leave`` bytes are free."""
    with open(disk / "filler", "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"x" * 4096)
        except OSError:
            pass
    if leave:
        size = (disk / "filler").stat().st_size
        os.truncate(disk / "filler", max(size - leave, 0))


def _writers(tmp_path: Path, disk: Path) -> dict[str, list[str]]:
    """Each command that writes, with its output on ``disk`` (its inputs elsewhere)."""
    exports = {
        name: ["export", BUNDLED, "--to", name, "-o", str(disk / f"out-{name}")] for name in FORMATS
    }
    return {
        "render": ["render", BUNDLED, "-o", str(disk / "page.html")],
        **exports,
        "convert": ["convert", BUNDLED, "-o", str(disk / "data.jsonl")],
        "import json": ["import", "json", str(tmp_path / "in.json"), "-o", str(disk / "in.yaml")],
        "schema": ["schema", "-o", str(disk / "schema.json")],
    }


@pytest.mark.parametrize("leave", [0, 16 * 1024], ids=["full", "16KiB-free"])
def test_on_a_full_disk_every_writer_says_so_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, disk: Path, leave: int
) -> None:
    code, _, err = run(capsys, "export", BUNDLED, "--to", "json", "-o", str(tmp_path / "in.json"))
    assert code == 0, err
    (disk / "page.html").write_bytes(b"the old page")  # what was there stays as it was
    _fill(disk, leave)
    before = _listing(disk)
    for name, argv in _writers(tmp_path, disk).items():
        code, _, err = run(capsys, *argv)
        assert "internal error" not in err, (name, err)
        assert code == 1, (name, code, err)
        assert err.startswith("relgraph: error: "), (name, err)
        assert "No space left on device" in err, (name, err)
        assert err.rstrip().endswith("nothing was written"), (name, err)
        assert _listing(disk) == before, f"{name} left files behind"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "page.html"], name


def test_the_readme_csv_example_writes_a_fresh_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    os.chdir(tmp_path)
    try:
        code, _, err = run(capsys, "export", BUNDLED, "--to", "csv", "-o", "sheets/")
    finally:
        os.chdir(ROOT)
    assert code == 0, err
    assert "entities.csv" in os.listdir(tmp_path / "sheets")
    assert "relations.csv" in os.listdir(tmp_path / "sheets")


def test_output_through_a_symbolic_link_writes_the_file_it_points_to(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    code, _, err = run(capsys, "render", BUNDLED, "-o", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # -o a link to a folder: the folder it points to gets the export, the link stays
    real_sheets = tmp_path / "real-sheets"
    real_sheets.mkdir()
    sheets = tmp_path / "sheets"
    sheets.symlink_to(real_sheets)
    code, _, err = run(capsys, "export", BUNDLED, "--to", "csv", "-o", str(sheets))
    assert code == 0, err
    assert sheets.is_symlink()
    assert (real_sheets / "entities.csv").read_text(encoding="utf-8").startswith("ID,")
    # a link inside a folder export is not written through: the folder is replaced as a
    # whole, and the file the link pointed to, outside it, is left alone
    elsewhere = tmp_path / "entities-elsewhere.csv"
    elsewhere.write_text("old", encoding="utf-8")
    (real_sheets / "entities.csv").unlink()
    (real_sheets / "entities.csv").symlink_to(elsewhere)
    code, _, err = run(capsys, "export", BUNDLED, "--to", "csv", "-o", str(sheets))
    assert code == 0, err
    assert not (real_sheets / "entities.csv").is_symlink()
    assert (real_sheets / "entities.csv").read_text(encoding="utf-8").startswith("ID,")
    assert elsewhere.read_text(encoding="utf-8") == "old"


def test_a_device_or_a_pipe_is_never_replaced_by_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "full-link"
    link.symlink_to("/dev/full")
    for argv, shown, kind in [
        (["render", BUNDLED, "-o", "/dev/full"], "'/dev/full'", "a character device"),
        (
            ["export", BUNDLED, "--to", "json", "-o", "/dev/full"],
            "'/dev/full'",
            "a character device",
        ),
        (["schema", "-o", "/dev/full"], "'/dev/full'", "a character device"),
        (["export", BUNDLED, "--to", "gexf", "-o", str(pipe)], f"'{pipe}'", "a named pipe"),
        (
            ["render", BUNDLED, "-o", str(link)],
            f"'{link}' (a link to '/dev/full')",
            "a character device",
        ),
    ]:
        code, _, err = run(capsys, *argv)
        assert code in (1, 2), (argv, err)
        assert f"{shown} is {kind}, not a regular file; relgraph writes only regular files" in err
        assert "internal error" not in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full-link", "pipe"]
