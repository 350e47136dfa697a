"""What every command shares: the default dataset, loading with diagnostics, exit codes."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from relgraph.errors import DatasetError, Diagnostic, RelgraphError, UsageError
from relgraph.model import Dataset
from relgraph.progress import TerminalProgress, terminal_progress
from relgraph.terminal import inert
from relgraph.validation import load

__all__ = [
    "DATA_PROBLEM",
    "USAGE_PROBLEM",
    "DataProblem",
    "NothingWritten",
    "clear",
    "dataset_argument",
    "dataset_label",
    "dataset_paths",
    "default_dataset",
    "echo",
    "echo_diagnostics",
    "load_or_fail",
    "progress_line",
    "quiet_option",
    "run_safely",
    "write_stdout",
]

DATA_PROBLEM = 1
USAGE_PROBLEM = 2


class DataProblem(click.ClickException):
    """Problems in the data: diagnostics are already printed; exit 1."""

    exit_code = DATA_PROBLEM

    def show(self, file: Any = None) -> None:
        if self.message:
            echo(f"relgraph: {inert(self.message)}", err=True)


class NothingWritten(click.ClickException):
    """Files could not be written, and none was left half-written; exit 1."""

    exit_code = DATA_PROBLEM

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}; nothing was written")

    def show(self, file: Any = None) -> None:
        echo(f"relgraph: error: {inert(self.message)}", err=True)


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print text for a reader, on stdout (``err``: stderr), made inert.

    Every command prints through this: control characters from the data or a
    file's name are shown escaped (:func:`relgraph.terminal.inert`), line
    feeds kept, so nothing printed can move the cursor, rewrite the screen or
    forge a line.
    """
    click.echo(inert(text, lines=True), err=err, nl=nl)


def write_stdout(data: bytes) -> None:
    """Write bytes to standard output (a page, an export): as they are, unless on a terminal.

    A file or a pipe gets the bytes unchanged; a terminal gets the text made
    inert (see :func:`echo`).
    """
    if sys.stdout.isatty():
        data = inert(data.decode("utf-8", "replace"), lines=True).encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def default_dataset() -> str:
    """The bundled dataset: ``graph_data/cuba_iran.yaml`` here, or beside the package."""
    here = Path("graph_data") / "cuba_iran.yaml"
    if here.exists():
        return str(here)
    beside = Path(__file__).resolve().parents[2] / "graph_data" / "cuba_iran.yaml"
    if beside.exists():
        return str(beside)
    packaged = Path(__file__).resolve().parents[1] / "bundled" / "cuba_iran.yaml"
    return str(packaged)


def dataset_argument(func: Any) -> Any:
    """DATASET arguments: none (the bundled dataset), one, or several loaded as one."""
    return click.argument("dataset", nargs=-1, metavar="[DATASET]...")(func)


def dataset_paths(dataset: str | Sequence[str] | None) -> str | list[str]:
    """What a command's DATASET arguments name: the bundled dataset, one path or several."""
    if dataset is None or (not isinstance(dataset, str) and not dataset):
        return default_dataset()
    if isinstance(dataset, str):
        return dataset
    return dataset[0] if len(dataset) == 1 else list(dataset)


def dataset_label(dataset: str | Sequence[str] | None) -> str:
    """How messages name the dataset(s) a command was given."""
    paths = dataset_paths(dataset)
    return paths if isinstance(paths, str) else " + ".join(paths)


def echo_diagnostics(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], fmt: str) -> None:
    """Print diagnostics to stderr (text) or stdout (json)."""
    if fmt == "json":
        echo(json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2))
        return
    for d in diagnostics:
        echo(str(d), err=True)


def summary(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> str:
    """'2 errors, 1 warning' and the like."""
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)


def quiet_option(func: Any) -> Any:
    """A ``-q/--quiet`` flag: no progress line on the terminal."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress line on the terminal.")(
        func
    )


@contextlib.contextmanager
def progress_line(quiet: bool) -> Iterator[TerminalProgress | None]:
    """A command's progress line on stderr: on a terminal unless ``quiet``, cleared at the end.

    Clear it (:func:`clear`) before printing anything else.
    """
    progress = terminal_progress(quiet)
    try:
        yield progress
    finally:
        clear(progress)


def clear(progress: TerminalProgress | None) -> None:
    """Clear the progress line, if there is one, so that output starts on a clean line."""
    if progress is not None:
        progress.close()


def load_or_fail(
    path: str | Sequence[str] | None,
    quiet_warnings: bool = True,
    writes: bool = False,
    progress: TerminalProgress | None = None,
) -> Dataset:
    """Load a dataset (or several, as one) for a command; on problems print them all and exit 1.

    ``writes`` says the command would have written a file, so the message can
    say that nothing was. ``progress`` (see :func:`progress_line`) is told as
    the files are read and checked, and cleared when loading ends.
    """
    target = dataset_paths(path)
    try:
        dataset = load(target, progress=progress)
    except DatasetError as exc:
        clear(progress)
        echo_diagnostics(exc.diagnostics, "text")
        tail = "; nothing was written" if writes else ""
        raise DataProblem(f"{dataset_label(path)}: {summary(exc.diagnostics)}{tail}") from None
    clear(progress)
    if not quiet_warnings:
        echo_diagnostics(dataset.warnings, "text")
    return dataset


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: raised where the program is, so that files being
    written are removed on the way out, as after Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: Any) -> None:
    signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the clean-up short
    raise Terminated(signum)


_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def run_safely(group: click.Group, argv: list[str] | None) -> int:
    """Run ``group`` and turn every failure into a message and an exit code.

    SIGTERM and SIGHUP end the command as Ctrl-C does: whatever was being
    written is removed, and the exit status is 128 plus the signal's number.
    """
    previous: dict[int, Any] = {}
    for signum in _SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # only the main thread may set them
            previous[signum] = signal.signal(signum, _terminate)
    try:
        return _run(group, argv)
    except Terminated as exc:  # arrived while a message was being printed
        return 128 + exc.signum
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _run(group: click.Group, argv: list[str] | None) -> int:
    try:
        group.main(args=argv, prog_name="relgraph", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        echo("relgraph: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except UsageError as exc:
        echo(f"relgraph: error: {exc}", err=True)
        return USAGE_PROBLEM
    except DatasetError as exc:
        echo_diagnostics(exc.diagnostics, "text")
        return DATA_PROBLEM
    except RelgraphError as exc:
        echo(f"relgraph: error: {exc}", err=True)
        return DATA_PROBLEM
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        echo("relgraph: interrupted", err=True)
        return 130
    except Terminated as exc:
        click.echo(f"relgraph: terminated by {signal.Signals(exc.signum).name}", err=True)
        return 128 + exc.signum
    except Exception as exc:
        echo(
            f"relgraph: internal error: {type(exc).__name__}: {exc}\n"
            "  hint: this is a bug in relgraph; please report it with the command you ran",
            err=True,
        )
        return 3
    return 0
