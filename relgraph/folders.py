"""What a folder holds: one dataset in several files, or several datasets side by side.

A folder's ``*.yaml``, ``*.yml`` and ``*.jsonl`` files (directly inside it)
are told apart by their top-level sections:

- a file with a ``judgements:`` section is a judgements file
  (:mod:`relgraph.judgements`), never part of a dataset;
- when at most one of the other files has a ``dataset:`` section, they all
  make one dataset together, as a dataset split over several files does;
- when two or more have one, the folder holds *several datasets*, one per
  file with a ``dataset:`` section. ``relgraph validate`` checks each on its
  own and reports it by file (:func:`check_folder`); loading the folder as
  one dataset is refused with ``error[several-datasets]``, which lists them:
  a merged dataset and the datasets it was merged from are not one picture
  to be read together. Name one file, or list several to read them as one
  (``relgraph.load([a, b])``). A file with no ``dataset:`` section in such a
  folder belongs to none of them (``error[no-dataset-section]``).

Only the top-level keys are looked at to tell files apart (block-style keys
at the start of a line in YAML, a ``"record": "dataset"`` in JSON Lines), so
a folder of large files is not parsed twice.

Examples
--------
>>> contents = folder_contents("graph_data")
>>> names = [os.path.basename(files[0]) for files in contents.datasets]
>>> "cuba_iran.yaml" in names and "raisi_havana_2023.yaml" in names, contents.several
(True, True)
"""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from relgraph.errors import DatasetError, Diagnostic

if TYPE_CHECKING:
    from relgraph.model import Dataset
    from relgraph.progress import ProgressCallback

__all__ = ["CheckedPart", "FolderContents", "check_folder", "folder_contents", "sections_of"]

SUFFIXES = (".yaml", ".yml", ".jsonl")
#: A block-style top-level key, bare or quoted, at the start of a line.
_TOP_KEY = re.compile(
    rb"""^(?:"([A-Za-z_]+)"|'([A-Za-z_]+)'|([A-Za-z_]+))[ \t]*:(?=[ \t\r\n]|$)""", re.M
)
_DATASET_RECORD = re.compile(rb'"record"[ \t]*:[ \t]*"dataset"')


def sections_of(path: str) -> frozenset[str]:
    """Return the top-level sections a dataset or judgements file declares.

    A file that cannot be read has none (loading it reports why).

    Parameters
    ----------
    path : str
        A YAML file.

    Returns
    -------
    frozenset of str
        The names of its top-level keys.

    Examples
    --------
    >>> sorted(sections_of("graph_data/cuba_iran.yaml"))
    ['claims', 'dataset', 'entities', 'relations', 'sources', 'views']
    """
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size == 0:
                return frozenset()
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                if path.endswith(".jsonl"):
                    return frozenset({"dataset"} if _DATASET_RECORD.search(data) else ())
                keys = {
                    (m.group(1) or m.group(2) or m.group(3)).decode("ascii")
                    for m in _TOP_KEY.finditer(data)
                }
                if keys:
                    return frozenset(keys)
    except (OSError, ValueError):
        return frozenset()
    # a mapping written in flow style, `{dataset: …}`: read it as YAML
    from relgraph.load.yaml import read_yaml

    root, _ = read_yaml(path)
    if root is None or root.kind != "map":
        return frozenset()
    return frozenset(str(k) for k in root.keys)


@dataclass(frozen=True)
class FolderContents:
    """The datasets and judgements files of a folder (see the module's rules)."""

    path: str
    #: each dataset's files, in name order (one dataset may span several files)
    datasets: tuple[tuple[str, ...], ...]
    judgements: tuple[str, ...]
    #: files without a ``dataset:`` section in a folder of several datasets
    strays: tuple[str, ...]

    @property
    def several(self) -> bool:
        """Whether the folder holds more than one dataset."""
        return len(self.datasets) > 1

    def problem(self) -> Diagnostic:
        """``error[several-datasets]``: the folder cannot be read as one dataset.

        Returns
        -------
        Diagnostic
            Naming the datasets, with how to read one or all.
        """
        names = [os.path.basename(files[0]) for files in self.datasets]
        first = os.path.join(self.path, names[0])
        return Diagnostic(
            self.path,
            0,
            0,
            "several-datasets",
            f"the folder holds {len(names)} datasets, not one: {', '.join(names)}",
            f"name one of them ({first}), or list them to read them as one; "
            f"`relgraph validate {self.path}` checks each on its own",
        )


def folder_contents(path: str | os.PathLike[str]) -> FolderContents:
    r"""Tell the dataset files of folder ``path`` from its judgements files.

    Parameters
    ----------
    path : str or os.PathLike
        A folder.

    Returns
    -------
    FolderContents
        Its datasets' files, its judgements files and its strays.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> for name, text in [("a.yaml", "dataset: {id: a, title: A}\n"),
    ...                    ("more.yaml", "entities: []\n"),
    ...                    ("j.yaml", "judgements: []\n")]:
    ...     _ = open(os.path.join(d, name), "w").write(text)
    >>> c = folder_contents(d)
    >>> [[os.path.basename(f) for f in files] for files in c.datasets], c.several
    ([['a.yaml', 'more.yaml']], False)
    >>> [os.path.basename(f) for f in c.judgements]
    ['j.yaml']
    """
    path = os.fspath(path)
    names = sorted(n for n in os.listdir(path) if n.endswith(SUFFIXES))
    files = [os.path.join(path, n) for n in names if os.path.isfile(os.path.join(path, n))]
    judgements, heads, parts = [], [], []
    for file in files:
        sections = sections_of(file)
        if "judgements" in sections and "dataset" not in sections:
            judgements.append(file)
        elif "dataset" in sections:
            heads.append(file)
        else:
            parts.append(file)
    if len(heads) > 1:
        return FolderContents(path, tuple((h,) for h in heads), tuple(judgements), tuple(parts))
    # one dataset: its files in name order, as a dataset of several files always was
    together = tuple(f for f in files if f not in judgements)
    return FolderContents(path, (together,) if together else (), tuple(judgements), ())


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
        What :func:`folder_contents` found in the folder.
    progress : callable, optional
        ``progress(stage, done, total)`` while each dataset loads.

    Returns
    -------
    list of CheckedPart
        Each dataset, then each judgements file, with its diagnostics.

    Examples
    --------
    >>> parts = check_folder(folder_contents("graph_data"))
    >>> {p.ident for p in parts if p.kind == "dataset"} >= {"cuba_iran", "raisi_havana_2023"}
    True
    >>> [str(d) for p in parts for d in p.diagnostics if d.severity == "error"]
    []
    """
    from relgraph.conflicts import conflict_warnings
    from relgraph.judgements import check_judgements, read_judgements
    from relgraph.load import load

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
    >>> found = folder_diagnostics(check_folder(folder_contents("graph_data")))
    >>> sorted({(d.severity, d.code) for d in found})
    [('warning', 'conflict')]
    """
    return sorted((d for p in parts for d in p.diagnostics), key=Diagnostic.sort_key)
