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
  :func:`relgraph.folders.dataset_files` says which files make a dataset;
* :mod:`relgraph.load.rules` holds the checks that produce every diagnostic;
* :mod:`relgraph.load.fast` is the loader that runs for every dataset, YAML,
  JSON Lines or both: the rules, in their order, and a fast path for the
  records that pass them (:func:`~relgraph.load.fast.load_path`,
  :func:`~relgraph.load.fast.load_files`);
* :func:`relgraph.combine.load_many` joins several datasets;
* this module's :func:`load`, :func:`validate` and :func:`check_folder` on top.

``relgraph.load`` is also the name of the function :func:`load` (the package
``relgraph`` exposes the function, not this package): import the modules by
their names, ``from relgraph.load import rules`` or ``from relgraph.load.rules
import FIELDS``, not as ``import relgraph.load.rules``.

See the README for the file format.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from relgraph.errors import DatasetError, Diagnostic
from relgraph.model import Dataset

if TYPE_CHECKING:
    from relgraph.folders import FolderContents
    from relgraph.progress import ProgressCallback

__all__ = ["CheckedPart", "check_folder", "folder_diagnostics", "load", "validate"]


def validate(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    progress: ProgressCallback | None = None,
) -> list[Diagnostic]:
    r"""Every problem in the dataset at ``path``, errors and warnings, sorted by location.

    Besides the warnings of :func:`load`, it warns on each conflict in the
    evidence (``warning[conflict]``, see :mod:`relgraph.conflicts`). A folder
    of several datasets has each checked on its own, and its judgements files
    against them (:func:`check_folder`).

    Parameters
    ----------
    path : path or sequence of paths
        A dataset file or folder, or several datasets to check as one.
    progress : callable, optional
        Called as ``progress(stage, done, total)`` while loading; see
        :mod:`relgraph.progress`.

    Returns
    -------
    list of Diagnostic
        Every error and warning; empty when the dataset is clean.

    Examples
    --------
    >>> import relgraph, tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "bad.yaml")
    >>> text = "dataset: {id: x, title: X}\nentities:\n  - {id: a, name: A, kind: stat}\n"
    >>> _ = open(p, "w").write(text)
    >>> for problem in validate(p): print(problem)  # doctest: +ELLIPSIS
    /...bad.yaml:3:28: error[unknown-kind] 'stat' is not an entity kind
      hint: did you mean 'state'? `relgraph vocab` lists the kinds
    """
    if isinstance(path, str | os.PathLike) and os.path.isdir(path):
        from relgraph.folders import folder_contents

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
    # the files a path holds are relgraph.folders'; the checks relgraph.load.rules'; the
    # order they run in, a fast path for records that pass them and the paused garbage
    # collector relgraph.load.fast's
    from relgraph.load.fast import load_path

    return load_path(path, progress=progress)


Kind = Literal["dataset", "judgements", "stray"]


@dataclass(frozen=True)
class CheckedPart:
    """One file of a folder of several datasets, checked on its own."""

    path: str
    kind: Kind
    #: the dataset's id once it loaded (``None`` for judgements and datasets that did not)
    ident: str | None
    diagnostics: tuple[Diagnostic, ...]


def check_folder(
    contents: FolderContents, *, progress: ProgressCallback | None = None
) -> list[CheckedPart]:
    """Validate each dataset of a folder on its own, then its judgements files against them.

    A judgements file is checked against the folder's datasets once all of
    them load (a dataset with errors could make every pair naming it look wrong).

    Parameters
    ----------
    contents : FolderContents
        What :func:`relgraph.folders.folder_contents` found in the folder.
    progress : callable, optional
        ``progress(stage, done, total)`` while each dataset loads.

    Returns
    -------
    list of CheckedPart
        Each dataset, then each judgements file, with its diagnostics.

    Examples
    --------
    >>> from relgraph.folders import folder_contents
    >>> parts = check_folder(folder_contents("graph_data"))
    >>> {p.ident for p in parts if p.kind == "dataset"} >= {"cuba_iran", "raisi_havana_2023"}
    True
    >>> [str(d) for p in parts for d in p.diagnostics if d.severity == "error"]
    []
    """
    from relgraph.conflicts import conflict_warnings
    from relgraph.judgements import check_judgements, read_judgements

    out: list[CheckedPart] = []
    loaded: list[Dataset] = []
    for files in contents.datasets:
        target: str | list[str] = files[0] if len(files) == 1 else list(files)
        try:
            ds = load(target, progress=progress)
        except DatasetError as exc:
            out.append(CheckedPart(files[0], "dataset", None, exc.diagnostics))
            continue
        loaded.append(ds)
        found = sorted([*ds.warnings, *conflict_warnings(ds)], key=Diagnostic.sort_key)
        out.append(CheckedPart(files[0], "dataset", ds.id, tuple(found)))
    for stray in contents.strays:
        problem = Diagnostic(
            stray,
            0,
            0,
            "no-dataset-section",
            "this file has no 'dataset:' section, and the folder holds several datasets: "
            "it belongs to none of them",
            "give it a 'dataset:' section of its own, or move it into a folder with the "
            "dataset it belongs to",
        )
        out.append(CheckedPart(stray, "stray", None, (problem,)))
    all_loaded = len(loaded) == len(contents.datasets)
    for file in contents.judgements:
        try:
            judged = read_judgements(file)
        except DatasetError as exc:
            out.append(CheckedPart(file, "judgements", None, exc.diagnostics))
            continue
        found = check_judgements(judged, loaded) if all_loaded else []
        out.append(CheckedPart(file, "judgements", None, tuple(found)))
    return sorted(out, key=lambda p: p.path)


def folder_diagnostics(parts: Sequence[CheckedPart]) -> list[Diagnostic]:
    """Every diagnostic of the checked parts, sorted by location.

    Parameters
    ----------
    parts : sequence of CheckedPart
        What :func:`check_folder` returned.

    Returns
    -------
    list of Diagnostic
        Every part's diagnostics, in one sorted list.

    Examples
    --------
    >>> from relgraph.folders import folder_contents
    >>> found = folder_diagnostics(check_folder(folder_contents("graph_data")))
    >>> sorted({(d.severity, d.code) for d in found})
    [('warning', 'conflict')]
    """
    return sorted((d for p in parts for d in p.diagnostics), key=Diagnostic.sort_key)
