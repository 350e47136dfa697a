"""What every command shares: the default dataset, loading with diagnostics, exit codes.

The shared options are declared in :mod:`relgraph.cli.options` and printing
and writing in :mod:`relgraph.cli.output`; their names are importable from
here too, as before.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import secrets
import shlex
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from relgraph.cli.options import (
    FormatChoice,
    dataset_argument,
    format_option,
    quiet_option,
    summary_option,
)
from relgraph.cli.output import STDOUT, echo, echo_summary, write_stdout
from relgraph.errors import (
    DatasetError,
    Diagnostic,
    RelgraphError,
    UsageError,
    counted,
    shorten,
)
from relgraph.load import load
from relgraph.model import Dataset
from relgraph.progress import TerminalProgress, terminal_progress
from relgraph.resolve import resolve_actor
from relgraph.terminal import inert

__all__ = [
    "DATA_PROBLEM",
    "STDOUT",
    "USAGE_PROBLEM",
    "DataProblem",
    "DatasetOrder",
    "FormatChoice",
    "NothingWritten",
    "actor_as_dataset",
    "actor_as_dataset_option",
    "clear",
    "counted",
    "dataset_argument",
    "dataset_label",
    "dataset_paths",
    "default_dataset",
    "echo",
    "echo_diagnostics",
    "echo_summary",
    "format_option",
    "load_each_or_fail",
    "load_or_fail",
    "looks_like_dataset",
    "misplaced_dataset",
    "missing_words",
    "progress_line",
    "quiet_option",
    "refuse_json_to_stdout",
    "refuse_stdout",
    "run_safely",
    "stdin_dataset",
    "summary_option",
    "write_stdout",
]

DATA_PROBLEM = 1
USAGE_PROBLEM = 2


class DataProblem(click.ClickException):
    """Problems in the data: diagnostics are already printed; exit 1."""

    exit_code = DATA_PROBLEM

    def show(self, file: Any = None) -> None:
        """Print the message, if any, on stderr (the diagnostics are already printed).

        Parameters
        ----------
        file : file, optional
            Ignored: the message always goes to stderr.

        Examples
        --------
        >>> import contextlib, io
        >>> err = io.StringIO()
        >>> with contextlib.redirect_stderr(err):
        ...     DataProblem("data.yaml: 2 errors").show()
        >>> print(err.getvalue(), end="")
        relgraph: data.yaml: 2 errors
        >>> DataProblem("").exit_code
        1
        """
        if self.message:
            echo(f"relgraph: {inert(self.message)}", err=True)


class NothingWritten(click.ClickException):
    """Files could not be written, and none was left half-written; exit 1."""

    exit_code = DATA_PROBLEM

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}; nothing was written")

    def show(self, file: Any = None) -> None:
        """Print the error on stderr.

        Parameters
        ----------
        file : file, optional
            Ignored: the message always goes to stderr.

        Examples
        --------
        >>> import contextlib, io
        >>> err = io.StringIO()
        >>> with contextlib.redirect_stderr(err):
        ...     NothingWritten("cannot write 'page.html': No space left on device").show()
        >>> print(err.getvalue(), end="")
        relgraph: error: cannot write 'page.html': No space left on device; nothing was written
        """
        echo(f"relgraph: error: {inert(self.message)}", err=True)


def refuse_stdout(output: str | None, option: str, why: str, hint: str) -> None:
    """Refuse ``-o -`` (standard output) where a command writes files that a stream cannot hold.

    Called before anything is read, so a file named ``-`` is never written and
    the user learns at once what to give instead.

    Parameters
    ----------
    output : str or None
        The command's ``-o``.
    option : str
        How the option is named in the message.
    why : str
        Why standard output cannot take the output.
    hint : str
        What to give instead.

    Raises
    ------
    UsageError
        When ``output`` is ``-``.

    Examples
    --------
    >>> refuse_stdout("sheets", "-o", "csv writes a folder", "give a folder: -o sheets")
    >>> refuse_stdout("-", "-o", "csv writes a folder", "give a folder: -o sheets")
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: csv writes a folder, so it cannot go to standard output (-o -)
      hint: give a folder: -o sheets
    """
    if output == STDOUT:
        raise UsageError(f"{why}, so it cannot go to standard output ({option} -)\n  hint: {hint}")


#: The suffixes of the files a dataset is read from (or JSON a user may take for one).
DATASET_SUFFIXES = (".yaml", ".yml", ".jsonl", ".json")


def looks_like_dataset(arg: str) -> bool:
    """Whether a command-line word names a dataset: a dataset file's suffix, a folder, or ``-``.

    Parameters
    ----------
    arg : str
        A word of the command line.

    Returns
    -------
    bool
        True for a dataset's file or folder, or ``-``.

    Examples
    --------
    >>> looks_like_dataset("data.yaml"), looks_like_dataset("cuba"), looks_like_dataset("-")
    (True, False, True)
    """
    return arg == "-" or arg.lower().endswith(DATASET_SUFFIXES) or os.path.isdir(arg)


def _positional(command: click.Command, args: Sequence[str]) -> list[int]:
    """Return the indexes of the positional words among ``args`` (not options, nor their values)."""
    takes_value = {
        opt
        for p in command.params
        if isinstance(p, click.Option) and not p.is_flag and not p.count
        for opt in p.opts
    }
    out: list[int] = []
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--":
            out.extend(range(i + 1, len(args)))
            break
        elif arg.startswith("-") and arg != "-":
            skip = arg in takes_value
        else:
            out.append(i)
    return out


class DatasetOrder(click.Command):
    """A command that recognises a dataset typed in the wrong place, and explains the order.

    It keeps the words it was given, so that :func:`misplaced_dataset` can
    show the corrected command with every option as typed. With
    ``dataset_option`` (commands that take the dataset as ``--dataset D``) a
    dataset typed as the first word is explained even when it leaves one word
    too many for the command to parse.
    """

    def __init__(
        self,
        *args: Any,
        slots: Sequence[str] = (),
        dataset_option: bool = False,
        needs: str = "",
        examples: Sequence[str] = (),
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        #: the command's words before its datasets (``("A", "B")`` for ``path``)
        self.slots = tuple(slots)
        self.dataset_option = dataset_option
        #: what the words are, for the message when some are missing ("two actors, A and B")
        self.needs = needs
        #: a word for each slot, to show a whole command when some are missing
        self.examples = tuple(examples)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Keep the words as typed (for the hints), then parse them as click does.

        Parameters
        ----------
        ctx : click.Context
            The command's context; ``ctx.meta["relgraph.args"]`` keeps the words.
        args : list of str
            The words after the command's name.

        Returns
        -------
        list of str
            What click leaves unparsed.

        Examples
        --------
        >>> import click
        >>> from relgraph.cli import cli
        >>> command = cli.commands["path"]
        >>> ctx = click.Context(command, info_name="path")
        >>> command.parse_args(ctx, ["cuba", "iran", "--format", "json"])
        []
        >>> ctx.meta["relgraph.args"], ctx.params["a"], ctx.params["b"]
        (['cuba', 'iran', '--format', 'json'], 'cuba', 'iran')
        """
        ctx.meta["relgraph.args"] = list(args)
        try:
            return super().parse_args(ctx, args)
        except click.MissingParameter as exc:
            misplaced_dataset(ctx)
            if isinstance(exc.param, click.Argument):
                missing_words(ctx)
            raise
        except click.UsageError:
            if self.dataset_option:
                misplaced_dataset(ctx)
                extra_words(ctx)
            raise


def _command_path(ctx: click.Context) -> str:
    return ctx.command_path.split(" ", 1)[1] if " " in ctx.command_path else ctx.command_path


def misplaced_dataset(ctx: click.Context | None = None) -> None:
    """Refuse a dataset given where an actor or a source goes (``relgraph path DATA.yaml A B``).

    The message names the order the command expects and the corrected
    command, with the options as they were typed. Call it from a
    :class:`DatasetOrder` command before loading anything.

    Parameters
    ----------
    ctx : click.Context, optional
        The command's context (default: the current one).

    Raises
    ------
    UsageError
        When a dataset was given where an actor or a source goes.

    Examples
    --------
    >>> import contextlib, io
    >>> from relgraph.cli import cli
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     run_safely(cli, ["path", "graph_data/cuba_iran.yaml", "cuba", "iran"])
    2
    >>> print(err.getvalue(), end="")  # doctest: +NORMALIZE_WHITESPACE
    relgraph: error: 'graph_data/cuba_iran.yaml' is given where the actor A goes;
    it looks like a dataset
      hint: the actors come first, then the dataset:
      relgraph path cuba iran graph_data/cuba_iran.yaml
    """
    ctx = ctx or click.get_current_context()
    command = ctx.command
    if not isinstance(command, DatasetOrder):
        return
    args: list[str] = ctx.meta.get("relgraph.args", [])
    where = _positional(command, args)
    words = [args[i] for i in where]
    slots = command.slots
    found = [(s, w) for s, w in zip(slots, words, strict=False) if looks_like_dataset(w)]
    if not found:
        return
    slot, word = found[0]
    if command.dataset_option:
        if "--dataset" in args or any(a.startswith("--dataset=") for a in args):
            return
        at = where[words.index(word)]
        missing = list(slots[: max(0, len(slots) - len(words) + 1)])  # the words not given
        fixed = [a for i, a in enumerate(args) if i != at]
        after = next((i for i in where if i != at), at + 1)  # alone: where the dataset was
        first = after - (at < after)
        fixed[first:first] = missing
        fixed += ["--dataset", word]
        lead = "give the dataset with --dataset"
    else:
        actors = [w for w in words if not looks_like_dataset(w)]
        datasets = [w for w in words if looks_like_dataset(w)]
        actors += list(slots[len(actors) :])
        order = iter([*actors, *datasets])
        fixed = [next(order) if i in where else a for i, a in enumerate(args)]
        fixed += list(order)
        lead = "the actors come first" if len(slots) > 1 else "the actor comes first"
        lead += ", then the dataset"
    shown = " ".join(shlex.quote(a) for a in fixed)
    what = slot if command.dataset_option else f"the actor {slot}"
    raise UsageError(
        f"'{word}' is given where {what} goes; it looks like a dataset\n"
        f"  hint: {lead}: relgraph {_command_path(ctx)} {shown}"
    )


def missing_words(ctx: click.Context) -> None:
    """Refuse a command given too few of its words (``relgraph path cuba``), with a whole one.

    The message names what the command needs and which word is missing; the
    hint shows the command with the words given, an example for each word
    left out, and the options as they were typed.

    Parameters
    ----------
    ctx : click.Context
        The command's context.

    Raises
    ------
    UsageError
        When a word is missing: naming it, with a whole command as the hint.

    Examples
    --------
    >>> import contextlib, io
    >>> from relgraph.cli import cli
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     run_safely(cli, ["path", "cuba"])
    2
    >>> print(err.getvalue(), end="")  # doctest: +NORMALIZE_WHITESPACE
    relgraph: error: path needs two actors, A and B; B is missing
      hint: for example: relgraph path cuba iran
    """
    command = ctx.command
    if not isinstance(command, DatasetOrder) or not command.needs:
        return
    args: list[str] = ctx.meta.get("relgraph.args", [])
    where = _positional(command, args)
    given = [args[i] for i in where][: len(command.slots)]
    missing = command.slots[len(given) :]
    if not missing:
        return
    examples = list(command.examples)
    if command.slots[0] == "SOURCE" and any(a.startswith("--dataset") for a in args):
        examples[0] = "SOURCE"  # with --dataset, SOURCE is one of its sources' ids, not a file
    words = list(given)
    for i, slot in enumerate(command.slots[len(given) :], len(given)):
        taken = {w.casefold() for w in words}
        choices = [*examples[i:], *examples[:i]]
        words.append(next((e for e in choices if e.casefold() not in taken), slot))
    options = [a for i, a in enumerate(args) if i not in where]
    shown = " ".join(shlex.quote(a) for a in [*words, *options])
    gap = f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing"
    raise UsageError(
        f"{_command_path(ctx)} needs {command.needs}; {gap}\n"
        f"  hint: for example: relgraph {_command_path(ctx)} {shown}"
    )


def extra_words(ctx: click.Context) -> None:
    """Refuse words beyond a command's own (``relgraph quote article.txt raisi visited``).

    Most often WORDS of several words were typed without quotes, or a
    dataset without ``--dataset``: the hint shows the command as it was
    probably meant, with the options as they were typed.

    Parameters
    ----------
    ctx : click.Context
        The command's context.

    Raises
    ------
    UsageError
        When more words were given than the command takes: naming them.

    Examples
    --------
    >>> import contextlib, io
    >>> from relgraph.cli import cli
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     run_safely(cli, ["quote", "article.txt", "raisi", "visited", "havana"])
    2
    >>> print(err.getvalue(), end="")  # doctest: +NORMALIZE_WHITESPACE
    relgraph: error: quote takes a source and words to find in it, SOURCE and WORDS;
    'visited' and 'havana' are more words than that
      hint: put the words in quotes, as one WORDS:
      relgraph quote article.txt 'raisi visited havana'
    """
    command = ctx.command
    if not isinstance(command, DatasetOrder) or not command.needs:
        return
    args: list[str] = ctx.meta.get("relgraph.args", [])
    where = _positional(command, args)
    n = len(command.slots)
    if len(where) <= n:
        return
    words = [args[i] for i in where]
    extra = words[n:]
    options = [a for i, a in enumerate(args) if i not in where]
    given = "--dataset" in args or any(a.startswith("--dataset=") for a in args)
    if len(extra) == 1 and looks_like_dataset(extra[0]) and not given:
        fixed = [*words[:n], *options, "--dataset", extra[0]]
        lead = "give the dataset with --dataset"
    elif command.slots[-1] == "WORDS":
        fixed = [*words[: n - 1], " ".join(words[n - 1 :]), *options]
        lead = "put the words in quotes, as one WORDS"
    else:
        fixed = [*words[:n], *options]
        lead = f"give {' and '.join(command.slots)} alone"
    if len(extra) == 1:
        what = f"'{extra[0]}' is one word more than that"
    else:
        named = ", ".join(f"'{w}'" for w in extra[:-1]) + f" and '{extra[-1]}'"
        what = f"{named} are more words than that"
    shown = " ".join(shlex.quote(a) for a in fixed)
    raise UsageError(
        f"{_command_path(ctx)} takes {command.needs}; {what}\n"
        f"  hint: {lead}: relgraph {_command_path(ctx)} {shown}"
    )


#: How messages name a dataset read from standard input (``-``).
STDIN_NAME = "<stdin>"


class StdinDataset:
    """A dataset read from standard input, held in a hidden file in the current folder.

    Source texts named in it are found relative to the current folder, as a
    file there would have them. :meth:`rename` makes messages name it
    ``<stdin>``; the file is removed when the ``with`` block ends.
    """

    def __init__(self, data: bytes, suffix: str) -> None:
        self.path = f".relgraph-stdin-{os.getpid()}-{secrets.token_hex(4)}{suffix}"
        self.full = os.path.abspath(self.path)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise UsageError(
                f"cannot read a dataset from standard input here: {exc.strerror}\n"
                "  hint: the current folder must be writable for '-'; or give the dataset's file"
            ) from None
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)

    def rename(self, text: str) -> str:
        """``text`` with the hidden file's name replaced by ``<stdin>``.

        Parameters
        ----------
        text : str
            A message or a path.

        Returns
        -------
        str
            The text naming ``<stdin>``.
        """
        return text.replace(self.full, STDIN_NAME).replace(self.path, STDIN_NAME)

    def diagnostic(self, d: Diagnostic) -> Diagnostic:
        """``d`` naming ``<stdin>`` instead of the hidden file.

        Parameters
        ----------
        d : Diagnostic
            A diagnostic of the hidden file.

        Returns
        -------
        Diagnostic
            A new diagnostic.
        """
        return dataclasses.replace(
            d,
            path=self.rename(d.path),
            message=self.rename(d.message),
            hint=self.rename(d.hint) if d.hint is not None else None,
        )

    def dataset(self, dataset: Dataset) -> Dataset:
        """``dataset`` with its warnings and paths naming ``<stdin>``.

        Parameters
        ----------
        dataset : Dataset
            The dataset loaded from the hidden file.

        Returns
        -------
        Dataset
            A new dataset.
        """
        return dataclasses.replace(
            dataset,
            warnings=tuple(self.diagnostic(d) for d in dataset.warnings),
            paths=tuple(self.rename(p) for p in dataset.paths),
        )

    def close(self) -> None:
        """Remove the hidden file."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


def _stdin_suffix(data: bytes, json_only: bool) -> str:
    first = data.lstrip().split(b"\n", 1)[0]
    if not json_only:
        return ".jsonl" if first[:1] == b"{" else ".yaml"
    try:
        record = json.loads(first)
    except ValueError:
        return ".json"
    return ".jsonl" if isinstance(record, dict) and "record" in record else ".json"


@contextlib.contextmanager
def stdin_dataset(
    target: str | list[str], json_only: bool = False
) -> Iterator[tuple[str | list[str], StdinDataset | None]]:
    """``target`` with ``-`` standing for a dataset read from standard input.

    What came in is JSON Lines when its first line is a JSON object, else
    YAML; with ``json_only`` (``relgraph import json -``) it is JSON Lines when
    its first line is a dataset record, else node-link JSON.

    Yields the paths to load (``-`` replaced by a hidden file holding what
    standard input gave) and the :class:`StdinDataset`, or ``None`` when no
    ``-`` was given. Diagnostics raised inside name ``<stdin>``.

    Parameters
    ----------
    target : str or list of str
        The command's DATASET words.
    json_only : bool
        Read standard input as JSON Lines or node-link JSON only.

    Yields
    ------
    (str or list of str, StdinDataset or None)
        The paths to load, and what standard input gave.

    Raises
    ------
    UsageError
        When ``-`` is given twice, or standard input is a terminal.
    DatasetError
        Raised inside the block, its diagnostics then naming ``<stdin>``.

    Examples
    --------
    >>> with stdin_dataset(["graph_data/cuba_iran.yaml"]) as (files, stdin):
    ...     files, stdin
    (['graph_data/cuba_iran.yaml'], None)
    >>> with stdin_dataset(["-", "-"]) as (files, stdin):
    ...     pass
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: '-' is given twice; standard input can be read once
      hint: give the other datasets by their files
    """
    paths = [target] if isinstance(target, str) else list(target)
    if STDOUT not in paths:
        yield target, None
        return
    if paths.count(STDOUT) > 1:
        raise UsageError(
            "'-' is given twice; standard input can be read once\n"
            "  hint: give the other datasets by their files"
        )
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError(
            "'-' reads the dataset from standard input, which is the terminal\n"
            "  hint: pipe or redirect a YAML or JSON Lines dataset into relgraph, e.g. "
            "relgraph validate - < data.jsonl"
        )
    data = sys.stdin.buffer.read()
    stdin = StdinDataset(data, _stdin_suffix(data, json_only))
    try:
        swapped = [stdin.path if p == STDOUT else p for p in paths]
        try:
            yield (swapped[0] if isinstance(target, str) else swapped), stdin
        except DatasetError as exc:
            kept = [stdin.diagnostic(d) for d in exc.diagnostics if d.code != "too-many-problems"]
            raise DatasetError(kept, exc.omitted) from None
        except UsageError as exc:
            raise UsageError(stdin.rename(str(exc))) from None
    finally:
        stdin.close()


def refuse_json_to_stdout(fmt: str, to_stdout: bool, what: str) -> None:
    """Refuse ``--format json`` when the command's output itself goes to standard output.

    Parameters
    ----------
    fmt : str
        The command's ``--format``.
    to_stdout : bool
        Whether the command's output goes to standard output.
    what : str
        What the output is, for the message.

    Raises
    ------
    UsageError
        For ``--format json`` with the output on standard output.

    Examples
    --------
    >>> refuse_json_to_stdout("json", False, "the page")
    >>> refuse_json_to_stdout("json", True, "the page")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: --format json prints a summary of the files written on standard
    output, where the page goes here
      hint: write it to a file with -o FILE, or leave out --format json
    """
    if fmt == "json" and to_stdout:
        raise UsageError(
            f"--format json prints a summary of the files written on standard output, where "
            f"{what} goes here\n  hint: write it to a file with -o FILE, or leave out --format json"
        )


def default_dataset() -> str:
    """Return the bundled dataset: ``graph_data/cuba_iran.yaml`` here, or beside the package.

    Returns
    -------
    str
        The path of the bundled dataset file.

    Examples
    --------
    >>> default_dataset().endswith("cuba_iran.yaml")
    True
    """
    here = Path("graph_data") / "cuba_iran.yaml"
    if here.exists():
        return str(here)
    beside = Path(__file__).resolve().parents[2] / "graph_data" / "cuba_iran.yaml"
    if beside.exists():
        return str(beside)
    packaged = Path(__file__).resolve().parents[1] / "bundled" / "cuba_iran.yaml"
    return str(packaged)


def dataset_paths(dataset: str | Sequence[str] | None) -> str | list[str]:
    """Return what a command's DATASET arguments name: the bundled dataset, one path or more.

    Parameters
    ----------
    dataset : str, sequence of str or None
        The command's DATASET arguments.

    Returns
    -------
    str or list of str
        What to give :func:`relgraph.load`.

    Examples
    --------
    >>> dataset_paths(["a.yaml"]), dataset_paths(["a.yaml", "b.yaml"])
    ('a.yaml', ['a.yaml', 'b.yaml'])
    """
    if dataset is None or (not isinstance(dataset, str) and not dataset):
        return default_dataset()
    if isinstance(dataset, str):
        return dataset
    return dataset[0] if len(dataset) == 1 else list(dataset)


def dataset_label(dataset: str | Sequence[str] | None) -> str:
    """How messages name the dataset(s) a command was given: ``-`` as ``<stdin>``.

    Parameters
    ----------
    dataset : str, sequence of str or None
        The command's DATASET arguments.

    Returns
    -------
    str
        The path, or the paths joined with ``+``.

    Examples
    --------
    >>> dataset_label(["a.yaml", "b.yaml"])
    'a.yaml + b.yaml'
    """
    paths = dataset_paths(dataset)
    each = [paths] if isinstance(paths, str) else paths
    return " + ".join(STDIN_NAME if p == STDOUT else p for p in each)


def echo_diagnostics(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], fmt: str) -> None:
    """Print diagnostics to stderr (text) or stdout (json).

    Parameters
    ----------
    diagnostics : list or tuple of Diagnostic
        What to print.
    fmt : {"text", "json"}
        How to print it.

    Examples
    --------
    >>> from relgraph.errors import Diagnostic
    >>> found = [Diagnostic("a.yaml", 3, 5, "bad-id", "'Cuba' is not an id", "use cuba")]
    >>> echo_diagnostics(found, "json")
    [
      {
        "path": "a.yaml",
        "line": 3,
        "column": 5,
        "code": "bad-id",
        "message": "'Cuba' is not an id",
        "hint": "use cuba",
        "severity": "error"
      }
    ]
    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     echo_diagnostics(found, "text")
    >>> print(err.getvalue(), end="")
    a.yaml:3:5: error[bad-id] 'Cuba' is not an id
      hint: use cuba
    """
    if fmt == "json":
        echo(
            json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2),
            whole=True,
        )
        return
    for d in diagnostics:
        echo(str(d), err=True)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """'2 errors, 1 warning' and the like.

    Parameters
    ----------
    diagnostics : list or tuple of Diagnostic
        The diagnostics to count.

    Returns
    -------
    str
        The counts of errors and warnings.

    Examples
    --------
    >>> from relgraph.errors import Diagnostic
    >>> found = [Diagnostic("a.yaml", 1, 1, "bad-id", "…")] * 2
    >>> summary([*found, Diagnostic("a.yaml", 2, 1, "conflict", "…", severity="warning")])
    '2 errors, 1 warning'
    """
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)


@contextlib.contextmanager
def progress_line(quiet: bool) -> Iterator[TerminalProgress | None]:
    """Yield a command's progress line on stderr, cleared at the end.

    It is drawn on a terminal unless ``quiet``.

    Clear it (:func:`clear`) before printing anything else.

    Parameters
    ----------
    quiet : bool
        The command's ``--quiet``.

    Yields
    ------
    TerminalProgress or None
        The progress callback, or ``None`` when there is no line.

    Examples
    --------
    >>> with progress_line(quiet=True) as progress:
    ...     progress is None
    True
    """
    progress = terminal_progress(quiet)
    try:
        yield progress
    finally:
        clear(progress)


def clear(progress: TerminalProgress | None) -> None:
    """Clear the progress line, if there is one, so that output starts on a clean line.

    Parameters
    ----------
    progress : TerminalProgress or None
        What :func:`progress_line` gave.

    Examples
    --------
    >>> with progress_line(quiet=True) as progress:
    ...     clear(progress)  # no line: nothing to clear
    """
    if progress is not None:
        progress.close()


def _usage_line(ctx: click.Context) -> str:
    """``relgraph ego [OPTIONS] X [DATASET]...``: the command as its help shows it."""
    return f"relgraph {_command_path(ctx)} {' '.join(ctx.command.collect_usage_pieces(ctx))}"


def _actor_hint(ctx: click.Context | None, word: str) -> str:
    """Say what to type instead when ``word``, an actor, was given where a dataset goes."""
    if ctx is None:
        return "give a dataset's file or folder, or no dataset for the bundled one"
    name = _command_path(ctx)
    usage = _usage_line(ctx)
    slots = ctx.command.slots if isinstance(ctx.command, DatasetOrder) else ()
    if len(slots) == 1:
        return f"{name} takes one actor, {slots[0]}, and then datasets: {usage}"
    if slots:  # path: A and B
        actors = " and ".join(slots)
        return f"{name} takes two actors, {actors}, and then datasets: {usage}"
    hint = f"{name} takes datasets, not an actor: {usage}"
    if name == "analyze":
        hint += f"; one actor's neighbourhood: relgraph ego {shlex.quote(word)}"
    return hint


def actor_as_dataset(target: str | Sequence[str]) -> None:
    """Refuse an actor given where a dataset goes (``relgraph analyze cuba``), naming the order.

    A DATASET word that is no file or folder, and has no dataset's suffix, is
    looked up among the actors of the datasets that would be used: each of
    the other DATASET words that exists, or else the bundled dataset. When it names one,
    the message says so and how the command is written, rather than "no such
    file". Anything else is left to the loading, which reports a missing file.

    Parameters
    ----------
    target : str or sequence of str
        The command's DATASET words.

    Raises
    ------
    UsageError
        When a word names an actor, with the command as it should be written.

    Examples
    --------
    >>> actor_as_dataset(["graph_data/cuba_iran.yaml"])
    >>> actor_as_dataset("cuba")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: 'cuba' is not a file; it is an actor of the bundled dataset,
    Cuba (cuba)
      hint: give a dataset's file or folder, or no dataset for the bundled one
    """
    paths = [target] if isinstance(target, str) else list(target)
    words = [
        p for p in paths if p != STDOUT and not looks_like_dataset(p) and not os.path.lexists(p)
    ]
    if not words:
        return
    given = [p for p in paths if p != STDOUT and os.path.exists(p)]
    ctx = click.get_current_context(silent=True)
    found = _actor_named(words, given)
    if found is not None:
        word, owner, actor = found
        raise UsageError(
            f"'{shorten(word)}' is not a file; it is an actor of {owner}, "
            f"{shorten(actor.name)} ({actor.id})\n  hint: {_actor_hint(ctx, word)}"
        )


def _actor_named(words: Sequence[str], datasets: Sequence[str]) -> tuple[str, str, Any] | None:
    """Return the first of ``words`` that names an actor of ``datasets`` (else the bundled dataset).

    Returns the word, how messages name the dataset it is in, and the actor;
    ``None`` when no word names one. A dataset that does not load is passed
    over: it says so when the command loads it.
    """
    for where in datasets or [default_dataset()]:
        try:
            data = load(where)
        except RelgraphError:
            continue
        for word in words:
            try:
                actor = resolve_actor(data, word)
            except UsageError:
                continue
            return word, where if datasets else "the bundled dataset", actor
    return None


def _not_a_file(word: str) -> bool:
    """Whether a command-line word is neither a file or folder, nor ``-``, nor dataset-like."""
    return word != STDOUT and not looks_like_dataset(word) and not os.path.lexists(word)


def actor_as_dataset_option(
    dataset: str | None, source: str | None = None, instead: str | None = None
) -> None:
    """Refuse an actor named by ``--dataset`` (or by SOURCE or FILE), saying it is an actor.

    For the commands whose dataset is ``--dataset D`` (quote, suggest, source
    add): ``--dataset cuba``, or ``quote cuba WORDS`` with no dataset, would
    say "no such file"; when the word is an actor of the bundled dataset the
    message says so, and the hint shows the command with a dataset's file:
    ``instead``, or else the bundled dataset's.
    Call it from a :class:`DatasetOrder` command before loading anything.

    Parameters
    ----------
    dataset : str or None
        The command's ``--dataset``.
    source : str, optional
        Its SOURCE or FILE word.
    instead : str, optional
        The command to show in the hint.

    Raises
    ------
    UsageError
        When the word names an actor of the bundled dataset.

    Examples
    --------
    >>> import contextlib, io
    >>> from relgraph.cli import cli
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     run_safely(cli, ["quote", "a.txt", "havana", "--dataset", "cuba"])
    2
    >>> print(err.getvalue(), end="")  # doctest: +NORMALIZE_WHITESPACE
    relgraph: error: 'cuba' is an actor of the bundled dataset, Cuba (cuba), not a dataset file
      hint: --dataset names a dataset's file or folder:
      relgraph quote a.txt havana --dataset graph_data/cuba_iran.yaml
    """
    ctx = click.get_current_context()
    args: list[str] = list(ctx.meta.get("relgraph.args", []))
    bundled = instead or default_dataset()
    if dataset is not None and _not_a_file(dataset):
        found = _actor_named([dataset], [])
        if found is None:
            return
        _, owner, actor = found
        fixed = _with_dataset(args, bundled)
        raise UsageError(
            f"'{shorten(dataset)}' is an actor of {owner}, {shorten(actor.name)} ({actor.id}), "
            "not a dataset file\n"
            f"  hint: --dataset names a dataset's file or folder: relgraph {_command_path(ctx)} "
            f"{' '.join(a if a == instead else shlex.quote(a) for a in fixed)}"
        )
    if dataset is None and source is not None and _not_a_file(source):
        found = _actor_named([source], [])
        if found is None:
            return
        _, owner, actor = found
        command = ctx.command
        slot = command.slots[0] if isinstance(command, DatasetOrder) and command.slots else ""
        at = next(iter(_positional(command, args)), -1)
        fixed = [slot if i == at else a for i, a in enumerate(args)]
        fixed = _with_dataset(fixed, bundled)
        raise UsageError(
            f"'{shorten(source)}' is not a file; it is an actor of {owner}, "
            f"{shorten(actor.name)} ({actor.id})\n"
            f"  hint: {slot} is a text file, or with --dataset the id of one of its sources: "
            f"relgraph {_command_path(ctx)} "
            f"{' '.join(a if a == slot else shlex.quote(a) for a in fixed)}"
        )


def _with_dataset(args: list[str], dataset: str) -> list[str]:
    """``args`` with ``--dataset``'s value replaced by ``dataset``, or ``--dataset`` added."""
    out: list[str] = []
    replaced = False
    it = iter(args)
    for arg in it:
        if arg == "--dataset":
            next(it, None)
            out += ["--dataset", dataset]
            replaced = True
        elif arg.startswith("--dataset="):
            out.append(f"--dataset={dataset}")
            replaced = True
        else:
            out.append(arg)
    return out if replaced else [*out, "--dataset", dataset]


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

    Parameters
    ----------
    path : str, sequence of str or None
        The command's DATASET arguments.
    quiet_warnings : bool
        Leave the warnings of a dataset that loads unprinted.
    writes : bool
        The command would have written a file.
    progress : TerminalProgress, optional
        The command's progress line.

    Returns
    -------
    Dataset
        The dataset.

    Raises
    ------
    DataProblem
        After printing every problem, when the dataset does not load (exit 1).

    Examples
    --------
    >>> load_or_fail("graph_data/cuba_iran.yaml").id
    'cuba_iran'
    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     load_or_fail("nothing.yaml")
    Traceback (most recent call last):
    ...
    relgraph.cli.common.DataProblem: nothing.yaml: 1 error
    >>> print(err.getvalue(), end="")  # doctest: +NORMALIZE_WHITESPACE
    nothing.yaml: error[missing-file] no such file or folder
      hint: check the path; `relgraph validate graph_data/cuba_iran.yaml` checks the bundled dataset
    """
    target = dataset_paths(path)
    actor_as_dataset(target)
    try:
        with stdin_dataset(target) as (files, stdin):
            dataset = load(files, progress=progress)
            if stdin is not None:
                dataset = stdin.dataset(dataset)
    except DatasetError as exc:
        _fail(exc.diagnostics, dataset_label(path), writes, progress)
    clear(progress)
    if not quiet_warnings:
        echo_diagnostics(dataset.warnings, "text")
    return dataset


@contextlib.contextmanager
def load_each_or_fail(
    paths: Sequence[str], writes: bool = False, progress: TerminalProgress | None = None
) -> Iterator[list[Dataset]]:
    """Load each dataset on its own for a command; on problems print those of all and exit 1.

    As :func:`load_or_fail`, but the datasets stay apart (``match``,
    ``merge``). One of ``paths`` may be ``-``, a dataset read from standard
    input: it is held in a hidden file of the current folder (its source
    texts found from there) until the ``with`` block ends, and messages name
    it ``<stdin>``.

    Parameters
    ----------
    paths : sequence of str
        The datasets, one perhaps ``-``.
    writes : bool
        The command would have written a file.
    progress : TerminalProgress, optional
        The command's progress line.

    Yields
    ------
    list of Dataset
        The datasets, in the order of ``paths``.

    Raises
    ------
    DataProblem
        After printing every dataset's problems, when one does not load (exit 1).

    Examples
    --------
    >>> both = ["graph_data/cuba_iran.yaml", "graph_data/raisi_havana_2023.yaml"]
    >>> with load_each_or_fail(both) as loaded:
    ...     [d.id for d in loaded]
    ['cuba_iran', 'raisi_havana_2023']
    """
    actor_as_dataset(list(paths))
    loaded: list[Dataset] = []
    problems: list[Diagnostic] = []
    with stdin_dataset(list(paths)) as (files, stdin):
        for file in files:
            try:
                dataset = load(file, progress=progress)
            except DatasetError as exc:
                problems.extend(exc.diagnostics)
                continue
            loaded.append(stdin.dataset(dataset) if stdin and file == stdin.path else dataset)
        if problems:
            if stdin is not None:
                problems = [stdin.diagnostic(d) for d in problems]
            _fail(problems, dataset_label(paths), writes, progress)
        clear(progress)
        yield loaded


def _fail(
    problems: Sequence[Diagnostic], label: str, writes: bool, progress: TerminalProgress | None
) -> NoReturn:
    """Print ``problems`` after clearing the progress line, and exit 1 naming ``label``."""
    clear(progress)
    echo_diagnostics(tuple(problems), "text")
    tail = "; nothing was written" if writes else ""
    raise DataProblem(f"{label}: {summary(problems)}{tail}") from None


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived.

    Raised where the program is, so that files being written are removed on the
    way out, as after Ctrl-C.
    """

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

    Parameters
    ----------
    group : click.Group
        The ``relgraph`` command.
    argv : list of str or None
        The words after ``relgraph`` (``None``: the process's arguments).

    Returns
    -------
    int
        The exit status: 0 success; 1 problems in the data
        (:class:`~relgraph.errors.DatasetError`, :class:`DataProblem`) or files
        that could not be written (:class:`NothingWritten`,
        :class:`~relgraph.errors.WriteError`); 2 a usage error (click's or
        :class:`~relgraph.errors.UsageError`); 3 an internal error, any other
        exception, printed as ``relgraph: internal error: …`` with a hint to
        report it; 130 after Ctrl-C (:class:`KeyboardInterrupt`, or click's
        abort at a prompt); 128 plus the signal's number after SIGTERM or SIGHUP.

    Examples
    --------
    >>> import click
    >>> @click.command()
    ... def broken() -> None:
    ...     raise RuntimeError("oops")
    >>> run_safely(broken, [])  # the message goes to stderr
    3
    >>> @click.command()
    ... def interrupted() -> None:
    ...     raise KeyboardInterrupt
    >>> run_safely(interrupted, [])
    130
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
        if isinstance(exc, DataProblem | NothingWritten):
            exc.show()
        else:  # click's own message (a bad option) echoes the argument: cut and made inert
            shown = io.StringIO()
            exc.show(file=shown)
            echo(shown.getvalue().rstrip("\n"), err=True)
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
