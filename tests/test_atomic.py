"""Writing files all or nothing: the one writer behind pages, conversions, imports and exports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.atomic import AtomicOutput, write_file
from relgraph.errors import RelgraphError, WriteError
from relgraph.export import export
from relgraph.export.common import AtomicOutput as ExportOutput
from relgraph.export.common import ExportError, ExportWriteError, Output
from relgraph.filters import Filter

ROOT = Path(__file__).resolve().parents[1]


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes; hidden (temporary) files too."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _write(folder: Path, files: dict[str, str], then: Exception | None = None) -> None:
    """Write ``files`` (name: text) into ``folder`` in one go; raise ``then`` before the end."""
    with AtomicOutput(folder, folder=True) as out:
        for name, text in files.items():
            out.open_text(name).write(text)
        if then is not None:
            raise then


def _fail_moving(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make moving a finished file onto ``name`` fail as a full disk would."""
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if os.path.basename(dst) == name and str(src).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_new_files_get_the_permissions_open_gives_them(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    write_file(tmp_path / "page.html", b"<p>")
    with AtomicOutput(tmp_path / "out", folder=True) as out:
        out.open_text("sub/a.csv").write("x\n")
    for path in (tmp_path / "page.html", tmp_path / "out" / "sub" / "a.csv"):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_export_is_readable_by_others_as_a_file_open_made_would_be(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    umask = os.umask(0o022)
    try:
        export(bundled, "json", tmp_path / "g.json")
    finally:
        os.umask(umask)
    assert (tmp_path / "g.json").stat().st_mode & 0o777 == 0o644


def test_a_failed_move_puts_back_every_file_and_leaves_nothing_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    _fail_moving(monkeypatch, "c.txt")
    new = {name: f"new {name}" for name in ("a.txt", "b.txt", "c.txt", "d.txt")}
    with pytest.raises(WriteError) as exc:
        _write(tmp_path, new)
    assert str(exc.value) == (
        f"cannot move the files of '{tmp_path}' into place: No space left on device"
    )
    assert exc.value.strerror == "No space left on device"
    assert not isinstance(exc.value, ExportError)
    assert _listing(tmp_path) == {"a.txt": b"old a.txt", "b.txt": b"old b.txt"}


def test_without_hard_links_old_files_are_moved_aside_and_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    _write(tmp_path, {"a.txt": "new a", "b.txt": "new b"})
    assert _listing(tmp_path) == {"a.txt": b"new a", "b.txt": b"new b"}
    _fail_moving(monkeypatch, "b.txt")
    with pytest.raises(WriteError):
        _write(tmp_path, {"a.txt": "newer a", "b.txt": "newer b"})
    assert _listing(tmp_path) == {"a.txt": b"new a", "b.txt": b"new b"}


def test_a_folder_in_the_way_fails_the_write_and_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "mine.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    with pytest.raises(WriteError) as exc:
        _write(tmp_path, {"texts": "a file where a folder is", "a.txt": "new a"})
    assert str(exc.value) == f"cannot move the files of '{tmp_path}' into place: Is a directory"
    assert _listing(tmp_path) == {"a.txt": b"old a", "texts/mine.txt": b"mine"}


def test_folders_made_for_a_failed_write_are_removed(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="the writer failed"):
        _write(tmp_path / "new", {"deep/down/a.txt": "a"}, RuntimeError("the writer failed"))
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_leaves_the_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as exc:
        _write(tmp_path / "out", {"../escape.txt": "out"})
    assert (
        str(exc.value) == f"refusing to write '../escape.txt': it would leave '{tmp_path / 'out'}'"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_single_file_names_itself_when_it_cannot_be_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    _fail_moving(monkeypatch, "page.html")
    with pytest.raises(WriteError) as exc:
        write_file(target, b"new")
    assert str(exc.value) == f"cannot move '{target}' into place: No space left on device"
    assert _listing(tmp_path) == {"page.html": b"old"}


def test_write_file_names_the_file_when_the_disk_fills_up(tmp_path: Path) -> None:
    # a file size limit makes writing fail with EFBIG, as a full disk fails with ENOSPC
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    code = (
        "import resource, signal, sys\n"
        "from relgraph.atomic import write_file\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        "try:\n"
        "    write_file(sys.argv[1], b'x' * 100_000)\n"
        "except OSError as exc:\n"
        "    print(type(exc).__name__, exc, sep=': ')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == f"WriteError: cannot write '{target}': File too large\n"
    assert _listing(tmp_path) == {"page.html": b"old"}


def test_write_errors_are_relgraph_errors_and_os_errors_and_exports_keep_theirs(
    bundled: relgraph.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert issubclass(WriteError, RelgraphError)
    assert issubclass(WriteError, OSError)
    assert issubclass(ExportWriteError, WriteError)
    assert issubclass(ExportWriteError, ExportError)
    assert not issubclass(ExportError, OSError)  # a value a format cannot hold is no OS error
    assert issubclass(ExportOutput, AtomicOutput)
    assert issubclass(ExportOutput, Output)
    export(bundled, "json", tmp_path / "g.json")
    before = (tmp_path / "g.json").read_bytes()
    _fail_moving(monkeypatch, "g.json")
    with pytest.raises(ExportError) as exc:
        export(bundled, "json", tmp_path / "g.json", filter=Filter(kinds=("state",)))
    assert str(exc.value) == "cannot move the export into place: No space left on device"
    assert _listing(tmp_path) == {"g.json": before}
