"""What a folder holds: one dataset in several files, or several datasets side by side.

A folder's ``*.yaml``, ``*.yml`` and ``*.jsonl`` files (directly inside it)
are told apart by their top-level sections:

- a file with a ``judgements:`` section is a judgements file
  (:mod:`relgraph.judgements`), never part of a dataset;
- when at most one of the other files has a ``dataset:`` section, they all
  make one dataset together, as a dataset split over several files does;
- when two or more have one, the folder holds *several datasets*, one per
  file with a ``dataset:`` section. ``relgraph validate`` checks each on its
  own and reports it by file (:func:`relgraph.load.check_folder`); loading the folder as
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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from relgraph.errors import Diagnostic

if TYPE_CHECKING:
    pass

__all__ = ["FolderContents", "dataset_files", "folder_contents", "sections_of"]

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

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> for name in ("a", "b"):
        ...     path = os.path.join(d, f"{name}.yaml")
        ...     _ = open(path, "w").write(f"dataset: {{id: {name}, title: T}}")
        >>> problem = folder_contents(d).problem()
        >>> problem.code, problem.message
        ('several-datasets', 'the folder holds 2 datasets, not one: a.yaml, b.yaml')
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


def dataset_files(path: str) -> tuple[list[str], list[Diagnostic]]:
    """Return the files that make up the dataset at ``path``, sorted by name.

    A path to a file is a dataset of one file; a path to a folder is every
    ``*.yaml``, ``*.yml`` and ``*.jsonl`` file directly inside it but its
    judgements files, unless it holds several datasets
    (``error[several-datasets]``, see above).

    Parameters
    ----------
    path : str
        A dataset file or folder.

    Returns
    -------
    tuple of (list of str, list of Diagnostic)
        The files, and what makes them none (``missing-file``,
        ``empty-dataset`` or ``several-datasets``).

    Examples
    --------
    >>> dataset_files("graph_data/cuba_iran.yaml")
    (['graph_data/cuba_iran.yaml'], [])
    >>> [d.code for d in dataset_files("graph_data")[1]]
    ['several-datasets']
    """
    if os.path.isdir(path):
        contents = folder_contents(path)
        if contents.several:
            return [], [contents.problem()]
        files = list(contents.datasets[0]) if contents.datasets else []
        if not files:
            return [], [
                Diagnostic(
                    path,
                    0,
                    0,
                    "empty-dataset",
                    "the folder has no .yaml, .yml or .jsonl files",
                    "name a dataset file, or a folder holding dataset files",
                )
            ]
        return files, []
    if not os.path.exists(path):
        return [], [
            Diagnostic(
                path,
                0,
                0,
                "missing-file",
                "no such file or folder",
                "check the path; `relgraph validate graph_data/cuba_iran.yaml` "
                "checks the bundled dataset",
            )
        ]
    return [path], []
