"""Loading a dataset: from YAML and JSON Lines files to a validated :class:`~relgraph.Dataset`.

:func:`load` reads a dataset file, or every ``*.yaml``/``*.yml``/``*.jsonl`` file
of a folder, checks everything it can, and either returns the dataset or raises
one :class:`~relgraph.errors.DatasetError` listing every problem found, each
with ``file:line:col``, a stable code and a hint. Warnings (weaker evidence) do
not stop loading; they are kept on ``Dataset.warnings``. :func:`validate`
returns the problems instead.

The package's modules, each importing only those before it:

* :mod:`relgraph.load.yaml` reads a YAML file into located nodes;
  :mod:`relgraph.load.jsonl` is the JSON Lines format (its lines as located
  records, and :func:`~relgraph.load.jsonl.write_jsonl`);
* :mod:`relgraph.load.rules` holds the checks that produce every diagnostic;
* :mod:`relgraph.load.fast` is the loader that runs for every dataset, YAML,
  JSON Lines or both: the rules, in their order, and a fast path for the
  records that pass them (:func:`~relgraph.load.fast.load_files`);
* this module's :func:`load` and :func:`validate` on top.

``relgraph.load`` is also the name of the function :func:`load` (the package
``relgraph`` exposes the function, not this package): import the modules by
their names, ``from relgraph.load import rules`` or ``from relgraph.load.rules
import FIELDS``, not as ``import relgraph.load.rules``.

See the README for the file format.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from relgraph.errors import DatasetError, Diagnostic
from relgraph.model import Dataset

if TYPE_CHECKING:
    from relgraph.progress import ProgressCallback

__all__ = ["load", "validate"]


def validate(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    progress: ProgressCallback | None = None,
) -> list[Diagnostic]:
    """Every problem in the dataset at ``path``, errors and warnings, sorted by location.

    Besides the warnings of :func:`load`, it warns on each conflict in the
    evidence (``warning[conflict]``, see :mod:`relgraph.conflicts`). A folder
    of several datasets has each checked on its own, and its judgements files
    against them (:func:`relgraph.folders.check_folder`).

    Examples
    --------
    >>> import relgraph, tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "bad.yaml")
    >>> text = "dataset: {id: x, title: X}\\nentities:\\n  - {id: a, name: A, kind: stat}\\n"
    >>> _ = open(p, "w").write(text)
    >>> for problem in validate(p): print(problem)  # doctest: +ELLIPSIS
    /...bad.yaml:3:28: error[unknown-kind] 'stat' is not an entity kind
      hint: did you mean 'state'? `relgraph vocab` lists the kinds
    """
    if isinstance(path, str | os.PathLike) and os.path.isdir(path):
        from relgraph.folders import check_folder, folder_contents, folder_diagnostics

        contents = folder_contents(path)
        if contents.several:
            return folder_diagnostics(check_folder(contents, progress=progress))
    try:
        dataset = load(path, progress=progress)
    except DatasetError as exc:
        return list(exc.diagnostics)
    from relgraph.conflicts import conflict_warnings

    return sorted([*dataset.warnings, *conflict_warnings(dataset)], key=Diagnostic.sort_key)


def load(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    progress: ProgressCallback | None = None,
) -> Dataset:
    """Load and validate the dataset at ``path`` (a YAML or JSON Lines file, or a folder).

    Parameters
    ----------
    path : str or PathLike, or a list of them
        A dataset file, or a folder whose ``*.yaml``/``*.yml``/``*.jsonl``
        files together make one dataset (judgements files left out; a folder
        of several datasets is ``error[several-datasets]``, see
        :mod:`relgraph.folders`). A list of datasets loads each on its
        own and joins them (:func:`relgraph.combine.load_many`): an id means
        the same actor or source in each, and a conflicting definition is an
        error.
    progress : callable, optional
        Called as ``progress(stage, done, total)`` while loading; see
        :mod:`relgraph.progress`.

    Returns
    -------
    Dataset
        The validated dataset; its ``warnings`` hold diagnostics that did not
        stop loading.

    Raises
    ------
    DatasetError
        Listing every problem found, sorted by location.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> ds.entity("iran").kind
    'state'
    >>> all(r.evidence for r in ds.relations)
    True
    """
    if not isinstance(path, str | os.PathLike):
        from relgraph.combine import load_many

        return load_many(path, progress=progress)
    from relgraph.fields import Problems
    from relgraph.load.rules import dataset_files

    path = os.fspath(path)
    problems = Problems()
    files, diags = dataset_files(path)
    problems.extend(diags)
    if not files:
        raise problems.error()
    # the checks are relgraph.load.rules'; the order they run in, a fast path for records
    # that pass them and the paused garbage collector are relgraph.load.fast's
    from relgraph.load.fast import load_files

    return load_files(files, problems, progress=progress)
