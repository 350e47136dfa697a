"""Helpers several analyses share.

The engine and sample-size types, the choice of engine, igraph's seeded
random numbers, JSON-safe values and the optional pandas tables every result
offers.
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Iterator
from typing import Any, Literal

from relgraph.errors import UsageError

__all__ = ["NO_IGRAPH", "NO_IGRAPH_CLI", "Engine", "NoIgraph", "Samples", "seeded_igraph"]

Engine = Literal["auto", "igraph", "networkx"]
Samples = int | None | Literal["auto"]
#: The statuses of relations that rest on allegations.
_ALLEGED = ("alleged", "disputed")


#: What the analysis says when python-igraph cannot be imported.
NO_IGRAPH = (
    "the igraph engine needs python-igraph, which is not installed\n"
    "  hint: pip install igraph (a dependency of relgraph); or compute on NetworkX, the "
    'reference engine, with engine="networkx"'
)
#: The same, said by ``relgraph analyze``, whose engine is an option.
NO_IGRAPH_CLI = NO_IGRAPH.replace('engine="networkx"', "--engine networkx")


class NoIgraph(UsageError):
    """python-igraph cannot be imported and the igraph engine was asked for (or ``"auto"``).

    Its message names the Python argument (``engine="networkx"``); the command
    line says :data:`NO_IGRAPH_CLI` instead, which names the option.
    """

    def __init__(self) -> None:
        super().__init__(NO_IGRAPH)


def _engine(engine: str) -> Literal["igraph", "networkx"]:
    """Return the engine to compute on: ``"auto"`` is igraph, ``"networkx"`` the reference.

    igraph is a dependency of relgraph, so nothing falls back to NetworkX: where
    it cannot be imported, ``"auto"`` and ``"igraph"`` raise a :class:`UsageError`
    naming what to install. NetworkX computes only when asked for by name.
    """
    if engine not in ("auto", "igraph", "networkx"):
        raise UsageError(
            f"'{engine}' is not an engine\n  hint: engines are auto, igraph and networkx"
        )
    if engine == "networkx":
        return "networkx"
    try:
        import igraph  # noqa: F401
    except ImportError:
        raise NoIgraph from None
    return "igraph"


@contextlib.contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Give igraph a seeded random number generator, and its default back afterwards.

    igraph draws random numbers from the generator it is given, Python's
    ``random`` module by default: Louvain, Fruchterman-Reingold and ARPACK's
    start vector (eigenvector centrality) all do. A generator of our own makes
    results reproducible and leaves ``random``'s state alone. igraph's
    generator is process-wide: do not run this alongside other igraph work in
    another thread.

    Examples
    --------
    >>> import random
    >>> state = random.getstate()
    >>> with seeded_igraph(1):
    ...     pass
    >>> random.getstate() == state
    True
    """
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _clean(value: Any) -> Any:
    """NaN becomes ``None`` so that records are valid JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _dataframe(records: list[dict[str, Any]]) -> Any:
    import importlib

    try:
        pd = importlib.import_module("pandas")
    except ImportError:
        raise UsageError(
            "to_dataframe() needs pandas, which is not installed\n"
            "  hint: pip install pandas, or use to_records()"
        ) from None
    return pd.DataFrame.from_records(records)
