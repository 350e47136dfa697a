"""relgraph: map who is tied to whom in world affairs, and on what evidence.

The public API:

* :func:`load` reads and validates a dataset and returns a :class:`Dataset`;
  :func:`validate` returns its problems instead of raising them.
* :meth:`Dataset.graph` gives the NetworkX ``MultiDiGraph``;
  :func:`project` collapses it to a simple weighted graph.
* :func:`render` writes the interactive page (``relgraph.rendering.notebook``
  shows it in Jupyter; a dataset shows it by itself).
* :mod:`relgraph.analysis` answers analysts' questions, :mod:`relgraph.filters`
  narrows a dataset, :mod:`relgraph.export` writes other tools' formats.
* :func:`builtin_vocabulary` gives the entity kinds and relation types.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> len(ds.entities) >= 20
True
"""

from __future__ import annotations

# graph, rendering, jupyter and corroboration give Dataset its graph(), project(), Jupyter
# display and origins when they load (the model imports none of them)
from relgraph import corroboration as _corroboration  # noqa: F401
from relgraph import jupyter as _jupyter  # noqa: F401
from relgraph._version import __version__
from relgraph.errors import DatasetError, Diagnostic, RelgraphError, UsageError, WriteError
from relgraph.graph import build_graph, project
from relgraph.load import load, validate
from relgraph.model import Claim, Dataset, Entity, Evidence, PartialDate, Relation, Source
from relgraph.rendering import render
from relgraph.vocabulary import Vocabulary, builtin_vocabulary

__all__ = [
    "Claim",
    "Dataset",
    "DatasetError",
    "Diagnostic",
    "Entity",
    "Evidence",
    "PartialDate",
    "Relation",
    "RelgraphError",
    "Source",
    "UsageError",
    "Vocabulary",
    "WriteError",
    "__version__",
    "build_graph",
    "builtin_vocabulary",
    "load",
    "project",
    "render",
    "validate",
]
