r"""The options commands share, declared once: filters, ``--format``, ``-o``, ``--dataset``, ``-q``.

A command takes its options from here, so that the same option reads the same
way everywhere: the filters of ``analyze``, ``path``, ``ego``, ``render`` and
``export`` (:func:`filter_options`, parsed by :func:`filter_from_options` or
:func:`optional_filter`), ``--format`` with ``text`` as the readable form
(:func:`format_option`), ``-o/--output`` (:func:`output_option`),
``--dataset D`` (:func:`dataset_option`), DATASET arguments
(:func:`dataset_argument`) and ``-q/--quiet`` (:func:`quiet_option`).

Examples
--------
>>> import click
>>> @click.command()
... @format_option(["text", "json"], "How to print.")
... @quiet_option
... def show(fmt: str, quiet: bool) -> None:
...     click.echo(f"{fmt} {quiet}")
>>> from click.testing import CliRunner
>>> CliRunner().invoke(show, ["--format", "json", "-q"]).output
'json True\n'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

import click

from relgraph.cli.output import echo
from relgraph.filters import Filter
from relgraph.model import RELIABILITY_GRADES, STATUSES, PartialDate

__all__ = [
    "FormatChoice",
    "dataset_argument",
    "dataset_option",
    "filter_from_options",
    "filter_options",
    "format_option",
    "optional_filter",
    "output_option",
    "quiet_option",
    "split_values",
    "summary_option",
]

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class FormatChoice(click.Choice[str]):
    """``--format``'s choices, one spelling each: ``text`` is the readable form everywhere.

    ``table``, the name some commands used for it, is still accepted, with a
    warning that names the spelling to use.
    """

    ALIASES: ClassVar[dict[str, str]] = {"table": "text"}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        """Return the choice given, an old spelling replaced by its new one with a warning.

        Parameters
        ----------
        value : object
            What was typed.
        param : click.Parameter, optional
            The option.
        ctx : click.Context, optional
            The command's context.

        Returns
        -------
        str
            One of the choices.

        Raises
        ------
        click.BadParameter
            When ``value`` is none of the choices nor an old spelling of one.

        Examples
        --------
        >>> choice = FormatChoice(["text", "json"])
        >>> choice.convert("json", None, None)
        'json'
        >>> import contextlib, io
        >>> with contextlib.redirect_stderr(io.StringIO()) as err:
        ...     choice.convert("table", None, None)
        'text'
        >>> err.getvalue().splitlines()[0]
        'relgraph: warning: --format table is the old name of --format text'
        >>> choice.convert("xml", None, None)
        Traceback (most recent call last):
        ...
        click.exceptions.BadParameter: 'xml' is not one of 'text', 'json'.
        """
        if isinstance(value, str) and value in self.ALIASES and self.ALIASES[value] in self.choices:
            new = self.ALIASES[value]
            echo(
                f"relgraph: warning: --format {value} is the old name of --format {new}\n"
                f"  hint: write --format {new} (the output is the same)",
                err=True,
            )
            return new
        return str(super().convert(value, param, ctx))


def format_option(
    choices: Sequence[str], help: str, default: str = "text", dest: str = "fmt"
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    r"""Return a ``--format`` option (``dest``) with ``choices``; ``text`` is the readable default.

    Parameters
    ----------
    choices : sequence of str
        The formats the command writes.
    help : str
        What each format gives.
    default : str
        The format when none is given.
    dest : str
        The name the command's function takes it by.

    Returns
    -------
    callable
        The decorator.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @format_option(["text", "json"], "How to print.")
    ... def show(fmt: str) -> None:
    ...     click.echo(fmt)
    >>> CliRunner().invoke(show, []).output
    'text\n'
    """
    return click.option(
        "--format",
        dest,
        type=FormatChoice(list(choices)),
        default=default,
        show_default=True,
        help=help,
    )


def summary_option(func: Any) -> Any:
    """Add ``--format text|json`` (``report``) to a command that writes files: how it reports.

    Parameters
    ----------
    func : callable
        The command's function.

    Returns
    -------
    callable
        The function with the option.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @dataset_argument
    ... @quiet_option
    ... @summary_option
    ... def run(dataset, quiet, report):
    ...     click.echo(f"{dataset} {quiet} {report}")
    >>> print(CliRunner().invoke(run, ["--format", "json"]).output, end="")
    () False json
    """
    return format_option(
        ["text", "json"],
        "text: what was written, on stderr; json: a summary on stdout.",
        dest="report",
    )(func)


def dataset_argument(func: Any) -> Any:
    """Add the DATASET arguments (``dataset``): none (the bundled dataset), one, or several.

    Parameters
    ----------
    func : callable
        The command's function.

    Returns
    -------
    callable
        The function with the arguments; several datasets are loaded as one.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @dataset_argument
    ... @quiet_option
    ... @summary_option
    ... def run(dataset, quiet, report):
    ...     click.echo(f"{dataset} {quiet} {report}")
    >>> print(CliRunner().invoke(run, ["a.yaml", "b.yaml"]).output, end="")
    ('a.yaml', 'b.yaml') False text
    >>> print(CliRunner().invoke(run, []).output, end="")  # the bundled dataset
    () False text
    """
    return click.argument("dataset", nargs=-1, metavar="[DATASET]...")(func)


def quiet_option(func: Any) -> Any:
    """Add a ``-q/--quiet`` flag (``quiet``): no progress line on the terminal.

    Parameters
    ----------
    func : callable
        The command's function.

    Returns
    -------
    callable
        The function with the flag.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @dataset_argument
    ... @quiet_option
    ... @summary_option
    ... def run(dataset, quiet, report):
    ...     click.echo(f"{dataset} {quiet} {report}")
    >>> print(CliRunner().invoke(run, ["-q"]).output, end="")
    () True text
    """
    return click.option("-q", "--quiet", is_flag=True, help="No progress line on the terminal.")(
        func
    )


def output_option(
    help: str, metavar: str | None = "FILE", required: bool = False, **kw: Any
) -> Decorator:
    r"""Return a ``-o/--output`` option (``output``): where a command writes.

    Parameters
    ----------
    help : str
        What ``-o`` names for this command, and what ``-`` means there.
    metavar : str, optional
        How the help shows its value (``None``: as click shows the option's type).
    required : bool
        Whether the command needs it.
    **kw
        Anything else :func:`click.option` takes (a ``type``).

    Returns
    -------
    callable
        The decorator.

    Examples
    --------
    >>> import click
    >>> @click.command()
    ... @output_option("Where to write.")
    ... def write(output: str | None) -> None:
    ...     click.echo(output)
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(write, ["-o", "out.txt"]).output
    'out.txt\n'
    """
    return click.option("-o", "--output", required=required, metavar=metavar, help=help, **kw)


def dataset_option(help: str) -> Decorator:
    r"""Return a ``--dataset D`` option (``dataset``) for commands whose words are not datasets.

    Parameters
    ----------
    help : str
        What the dataset is for in this command.

    Returns
    -------
    callable
        The decorator.

    Examples
    --------
    >>> import click
    >>> @click.command()
    ... @dataset_option("The dataset.")
    ... def use(dataset: str | None) -> None:
    ...     click.echo(dataset)
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(use, ["--dataset", "d.yaml"]).output
    'd.yaml\n'
    """
    return click.option("--dataset", "dataset", metavar="D", help=help)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def split_values(values: Iterable[str]) -> tuple[str, ...] | None:
    """Return the values of a repeatable option, each also split at commas.

    Parameters
    ----------
    values : iterable of str
        What the option was given, once per time it was typed.

    Returns
    -------
    tuple of str or None
        The values in order, blanks dropped; ``None`` when there is none.

    Examples
    --------
    >>> split_values(["confirmed,reported", " alleged "])
    ('confirmed', 'reported', 'alleged')
    >>> split_values([]) is None
    True
    """
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return tuple(out) if out else None


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the filter options (``--status``, ``--kind``, ``--from``…) every analysis accepts.

    Parameters
    ----------
    func : callable
        The command's function; it takes them as keyword arguments, for
        :func:`filter_from_options` or :func:`optional_filter` to read.

    Returns
    -------
    callable
        The function with the options.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @filter_options
    ... def count(**kw):
    ...     f = filter_from_options(kw)
    ...     click.echo(f"{f.statuses} {f.kinds}")
    >>> print(CliRunner().invoke(count, ["--kind", "state,person"]).output, end="")
    ('confirmed', 'reported', 'alleged', 'disputed') ('state', 'person')
    """
    options = [
        click.option(
            "--status",
            "statuses",
            multiple=True,
            metavar="STATUS",
            help="Count only these statuses (repeat, or separate with commas; "
            f"default: all but denied). Statuses: {', '.join(STATUSES)}.",
        ),
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            metavar="KIND",
            help="Keep only actors of these kinds.",
        ),
        click.option(
            "--category",
            "categories",
            multiple=True,
            metavar="CATEGORY",
            help="Keep only relations of these categories.",
        ),
        click.option(
            "--type",
            "types",
            multiple=True,
            metavar="TYPE",
            help="Keep only relations of these types.",
        ),
        click.option(
            "--as-of",
            "as_of",
            metavar="DATE",
            callback=_date,
            help="The picture as it stood at this date (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
        click.option(
            "--from",
            "date_from",
            metavar="DATE",
            callback=_date,
            help="Keep relations whose dates could fall on or after this date.",
        ),
        click.option(
            "--until",
            "--to",
            "date_to",
            metavar="DATE",
            callback=_date,
            help="Keep relations whose dates could fall on or before this date.",
        ),
        click.option(
            "--drop-undated", is_flag=True, help="Drop relations with no date (kept by default)."
        ),
        click.option(
            "--min-reliability",
            type=click.Choice(list(RELIABILITY_GRADES), case_sensitive=False),
            help="Keep evidence from sources graded this well or better (A best).",
        ),
        click.option(
            "--min-credibility",
            type=click.IntRange(1, 6),
            metavar="1-6",
            help="Keep evidence this credible or better (1 best; ungraded counts as 6).",
        ),
        click.option(
            "--source",
            "sources",
            multiple=True,
            metavar="ID",
            help="What these sources alone say: keep only their evidence, and what rests on it "
            "(repeat, or separate with commas).",
        ),
        click.option(
            "--origin",
            "origins",
            multiple=True,
            metavar="ID",
            help="Keep only evidence from these independent origins (`relgraph evidence` "
            "lists them).",
        ),
        click.option(
            "--modality",
            "modalities",
            multiple=True,
            metavar="MODALITY",
            help="Keep only these modalities: occurred, announced, planned.",
        ),
        click.option(
            "--min-origins",
            type=click.IntRange(0),
            metavar="N",
            help="Keep relations and claims backed by at least N independent origins.",
        ),
        click.option(
            "--by-reported",
            is_flag=True,
            help="Date filters read report dates (reported, else the sources' published), "
            "not event dates.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def optional_filter(kw: dict[str, Any]) -> Filter | None:
    """Return the filter the options ask for, or ``None`` when none was given (keep everything).

    For commands that show a whole dataset unless asked otherwise (render, export):
    with no option given, even denied relations are kept.

    Parameters
    ----------
    kw : dict
        The command's keyword arguments; the filter options are popped from it.

    Returns
    -------
    Filter or None
        The filter, or ``None`` for everything.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @filter_options
    ... def show(**kw):
    ...     f = optional_filter(kw)
    ...     click.echo("everything" if f is None else f"{f.statuses}")
    >>> print(CliRunner().invoke(show, []).output, end="")
    everything
    >>> print(CliRunner().invoke(show, ["--status", "denied"]).output, end="")
    ('denied',)
    """
    values = {
        "statuses": split_values(kw.pop("statuses")),
        "kinds": split_values(kw.pop("kinds")),
        "categories": split_values(kw.pop("categories")),
        "types": split_values(kw.pop("types")),
        "as_of": kw.pop("as_of"),
        "date_from": kw.pop("date_from"),
        "date_to": kw.pop("date_to"),
        "min_reliability": kw.pop("min_reliability"),
        "min_credibility": kw.pop("min_credibility"),
        "sources": split_values(kw.pop("sources")),
        "origins": split_values(kw.pop("origins")),
        "modalities": split_values(kw.pop("modalities")),
        "min_origins": kw.pop("min_origins"),
    }
    drop_undated = kw.pop("drop_undated")
    dates = "reported" if kw.pop("by_reported") else "event"
    if all(v is None for v in values.values()) and not drop_undated:
        return None
    statuses = values.pop("statuses") or STATUSES
    return Filter(statuses=statuses, keep_undated=not drop_undated, dates=dates, **values)


def filter_from_options(kw: dict[str, Any]) -> Filter:
    """Return the :class:`Filter` that :func:`filter_options` parsed (default: all but denied).

    Parameters
    ----------
    kw : dict
        The command's keyword arguments; the filter options are popped from it.

    Returns
    -------
    Filter
        What the analysis counts.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @filter_options
    ... def count(**kw):
    ...     f = filter_from_options(kw)
    ...     click.echo(f"{f.statuses} {f.kinds}")
    >>> print(CliRunner().invoke(count, []).output, end="")  # all but denied
    ('confirmed', 'reported', 'alleged', 'disputed') None
    >>> print(CliRunner().invoke(count, ["--status", "confirmed,alleged"]).output, end="")
    ('confirmed', 'alleged') None
    """
    statuses = split_values(kw.pop("statuses"))
    return Filter(
        statuses=statuses if statuses is not None else Filter().statuses,
        kinds=split_values(kw.pop("kinds")),
        categories=split_values(kw.pop("categories")),
        types=split_values(kw.pop("types")),
        as_of=kw.pop("as_of"),
        date_from=kw.pop("date_from"),
        date_to=kw.pop("date_to"),
        keep_undated=not kw.pop("drop_undated"),
        min_reliability=kw.pop("min_reliability"),
        min_credibility=kw.pop("min_credibility"),
        sources=split_values(kw.pop("sources")),
        origins=split_values(kw.pop("origins")),
        modalities=split_values(kw.pop("modalities")),
        min_origins=kw.pop("min_origins"),
        dates="reported" if kw.pop("by_reported") else "event",
    )
