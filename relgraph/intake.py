"""Getting at a source's stored text: by its id in a dataset, or from a text file.

The quote finder and the suggester work on one source while the dataset
around it may still have problems (a quote not found yet is why one looks
for a passage), so :func:`source_text` reads only the source records, not
the whole dataset: it does not validate it.

Examples
--------
>>> s = source_text("deepening-ties", dataset="graph_data/cuba_iran.yaml")
>>> s.id, s.text.startswith("Deepening Ties")
('deepening-ties', True)
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from relgraph.errors import DatasetError, Diagnostic, UsageError, did_you_mean
from relgraph.extract import ArticleText
from relgraph.load.yaml import file_problem, leaves_folder, read_text, read_yaml

__all__ = ["AddedSource", "SourceText", "add_source", "source_text"]

#: The largest source text read (as validation reads them).
MAX_SOURCE_BYTES = 64 * 2**20


@dataclass(frozen=True)
class SourceText:
    """A source's text and what its record says: ``id``, ``title``, ``published``….

    ``record`` holds the source record's fields as written (empty for a bare
    text file); ``path`` is the text file's path.
    """

    id: str
    text: str
    path: str
    title: str | None = None
    published: str | None = None
    record: dict[str, Any] = field(default_factory=dict)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "source"


def source_text(source: str, dataset: str | os.PathLike[str] | None = None) -> SourceText:
    """Return the stored text of ``source``: a source id of ``dataset``, or a text file.

    Parameters
    ----------
    source
        With ``dataset``, the id of one of its sources; without, the path of a
        UTF-8 text file (its id is made from the file name).
    dataset
        A dataset file or folder; only its source records are read.

    Returns
    -------
    SourceText
        The text, the source's id, its record's fields and the text file's path.

    Raises
    ------
    UsageError
        No such source (with the closest id) or file.
    DatasetError
        The dataset or the text cannot be read (located diagnostics).

    Examples
    --------
    >>> try:
    ...     source_text("nope", dataset="graph_data/cuba_iran.yaml")
    ... except UsageError as exc:
    ...     print(exc)
    'nope' is not a source of graph_data/cuba_iran.yaml; its sources: deepening-ties
    """
    if dataset is None:
        if not os.path.isfile(source):
            raise UsageError(
                f"'{source}' is not a file; to name a source of a dataset, give --dataset"
            )
        text = _read(source)
        stem = os.path.splitext(os.path.basename(source))[0]
        return SourceText(id=_slug(stem), text=text, path=source)
    path = os.fspath(dataset)
    records = list(_source_records(path))
    for file, record in records:
        if record.get("id") == source:
            return _from_record(file, record)
    ids = [str(r.get("id")) for _, r in records if isinstance(r.get("id"), str)]
    hint = did_you_mean(source, ids)
    listing = f"its sources: {', '.join(ids)}" if ids else "it has no sources"
    raise UsageError(f"'{source}' is not a source of {path}; " + (hint if hint else listing))


def _read(path: str) -> str:
    text, diags = read_text(path, MAX_SOURCE_BYTES)
    if text is None:
        raise DatasetError(diags)
    return text


def _from_record(file: str, record: dict[str, Any]) -> SourceText:
    rel = record.get("text")
    ident = str(record["id"])
    if not isinstance(rel, str) or not rel:
        raise UsageError(f"source '{ident}' in {file} names no stored text (its 'text:' field)")
    if os.path.isabs(rel) or ".." in re.split(r"[\\/]", rel):
        raise UsageError(f"the text of source '{ident}' ('{rel}') leaves the dataset's folder")
    full = os.path.join(os.path.dirname(file), rel)
    if leaves_folder(os.path.dirname(os.path.abspath(file)), rel):
        raise UsageError(
            f"the text of source '{ident}' ('{rel}') leads outside the dataset's folder "
            "through a link\n  hint: copy the text into the dataset's folder"
        )
    title, published = record.get("title"), record.get("published")
    return SourceText(
        id=ident,
        text=_read(full),
        path=full,
        title=title if isinstance(title, str) else None,
        published=str(published) if published is not None else None,
        record=record,
    )


def _source_records(path: str) -> list[tuple[str, dict[str, Any]]]:
    from relgraph.folders import dataset_files

    files, diags = dataset_files(path)
    if diags:
        raise DatasetError(diags)
    found: list[tuple[str, dict[str, Any]]] = []
    for file in files:
        if file.endswith(".jsonl"):
            found.extend((file, r) for r in _jsonl_sources(file))
            continue
        root, problems = read_yaml(file)
        errors = [d for d in problems if d.severity == "error"]
        if root is None or errors:
            raise DatasetError(errors or problems)
        sources = root.get("sources")
        if sources is None or sources.kind != "seq":
            continue
        for item in sources.value:
            if item.kind == "map":
                plain = item.plain()
                found.append((file, plain))
    return found


def _jsonl_sources(file: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    try:
        with open(file, "rb") as fh:
            for raw in fh:
                if b'"source"' not in raw:
                    continue
                try:
                    data = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
                except orjson.JSONDecodeError:
                    continue
                if isinstance(data, dict) and data.get("record") == "source":
                    out.append(data)
    except OSError as exc:
        raise DatasetError(
            [Diagnostic(file, 0, 0, "unreadable-file", f"cannot be read: {exc.strerror}", "")]
        ) from None
    return out


# -- adding a source ---------------------------------------------------------------------


@dataclass(frozen=True)
class AddedSource:
    """What :func:`add_source` did: the record written, where, and from what.

    ``dataset_file`` is the file the record went into, ``text_file`` the
    stored text, ``original_file`` the original kept byte for byte (if asked),
    ``article`` what reading the input gave (kind, encoding, dropped blocks).
    """

    record: dict[str, str]
    dataset_file: str
    text_file: str
    original_file: str | None
    article: ArticleText


def add_source(
    file: str | os.PathLike[str],
    dataset: str | os.PathLike[str],
    *,
    id: str,
    title: str,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    reliability: str = "F",
    keep_original: bool = False,
    encoding: str | None = None,
) -> AddedSource:
    r"""Store ``file``'s text beside ``dataset`` and add its source record to the dataset file.

    The text is stored as ``sources/<id>.txt`` beside the dataset file, as
    UTF-8 with LF line ends (a web page reduced to its article text, see
    :func:`relgraph.extract.article_text`); its sha256 goes into the record.
    The record is inserted as text at the end of the file's ``sources:``
    list (made if there is none), so every other byte of the file stays as
    it was: comments, order, quoting, blank lines. A JSON Lines dataset gets
    the record as a new line. Everything lands together or nothing does.

    Parameters
    ----------
    file
        The article: a text file or a saved web page.
    dataset
        A dataset file (YAML or JSON Lines), or a folder: then the file of it
        that has a ``sources:`` section (or its first YAML file).
    id, title, url, publisher, published, reliability
        The source record's fields (``published`` a partial date; reliability
        A–F, default F: cannot be judged).
    keep_original
        Also store the file as it was, byte for byte, as
        ``sources/<id>.orig<suffix>``.
    encoding
        The input's encoding when it is not UTF-8 and cannot be detected.

    Returns
    -------
    AddedSource
        The record written and the files it went into.

    Raises
    ------
    DatasetError
        Every problem with the record's fields or the input, located; ``file``
        a symbolic link or not a regular file (a pipe, a device), or a file to
        write in the dataset's folder reached through a link that leads out of it.
    WriteError
        The files could not be written (and none was).

    Examples
    --------
    >>> import os, shutil, tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = shutil.copy("graph_data/cuba_iran.yaml", d)
    >>> os.mkdir(os.path.join(d, "sources"))
    >>> _ = shutil.copy("graph_data/sources/cuba_iran_relations.txt", os.path.join(d, "sources"))
    >>> art = os.path.join(d, "new.txt")
    >>> _ = open(art, "w").write("Raisi visited Havana. He signed six accords there.\n")
    >>> added = add_source(art, os.path.join(d, "cuba_iran.yaml"), id="visit", title="A visit")
    >>> added.record["text"], added.record["sha256"][:12]
    ('sources/visit.txt', '9b9158d7a68c')
    >>> import relgraph
    >>> [s.id for s in relgraph.load(os.path.join(d, "cuba_iran.yaml")).sources]
    ['deepening-ties', 'visit']
    """
    from relgraph.atomic import AtomicOutput
    from relgraph.extract import article_text
    from relgraph.folders import dataset_files

    name = os.fspath(file)
    target = _target_file(os.fspath(dataset), dataset_files)
    problems = _check_fields(target, id, title, url, publisher, published, reliability)
    base = os.path.dirname(os.path.abspath(target))
    rel = f"sources/{id}.txt"
    suffix = os.path.splitext(name)[1] or ".orig"
    original = f"sources/{id}.orig{suffix}" if keep_original else None
    if not problems:
        problems.extend(_unsafe_outputs(base, [rel, *([original] if original else [])]))
    if os.path.islink(name):
        problems.append(
            Diagnostic(
                name,
                0,
                0,
                "unsafe-path",
                f"the file is a link (to '{os.path.realpath(name)}')",
                "name the file the link points to, if that is the article you mean",
            )
        )
        raise DatasetError(problems)
    if (problem := file_problem(name)) is not None:
        raise DatasetError([*problems, problem])
    try:
        with open(name, "rb") as fh:
            data = fh.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        problems.append(Diagnostic(name, 0, 0, "missing-file", "no such file", "check the path"))
        raise DatasetError(problems) from None
    except OSError as exc:
        problems.append(
            Diagnostic(name, 0, 0, "unreadable-file", f"cannot be read: {exc.strerror}", "")
        )
        raise DatasetError(problems) from None
    if len(data) > MAX_SOURCE_BYTES:
        problems.append(
            Diagnostic(
                name,
                0,
                0,
                "file-too-large",
                f"the file is larger than {MAX_SOURCE_BYTES} bytes",
                "store only the article",
            )
        )
        raise DatasetError(problems)
    try:
        article = article_text(data, name, encoding)
    except DatasetError as exc:
        raise DatasetError([*problems, *exc.diagnostics]) from None
    if problems:
        raise DatasetError(problems)
    stored = article.text.encode("utf-8")
    existing = os.path.join(base, rel)
    if os.path.exists(existing):
        with open(existing, "rb") as fh:
            if fh.read() != stored:
                raise DatasetError(
                    [
                        Diagnostic(
                            existing,
                            0,
                            0,
                            "text-exists",
                            "a different text is already stored here",
                            "give the source another --id, or move that file away",
                        )
                    ]
                )
    record: dict[str, str] = {"id": id, "title": title}
    for key, value in (("publisher", publisher), ("url", url), ("published", published)):
        if value is not None:
            record[key] = value
    record["reliability"] = reliability
    record["text"] = rel
    record["sha256"] = hashlib.sha256(stored).hexdigest()
    with open(target, "rb") as fh:
        old = fh.read()
    new = _with_record(target, old, record)
    with AtomicOutput(base, folder=True) as out:
        out.open_bytes(rel).write(stored)
        if original is not None:
            out.open_bytes(original).write(data)
        out.open_bytes(os.path.basename(target)).write(new)
    return AddedSource(
        record=record,
        dataset_file=target,
        text_file=os.path.join(os.path.dirname(target), rel),
        original_file=os.path.join(os.path.dirname(target), original) if original else None,
        article=article,
    )


def _unsafe_outputs(base: str, rels: list[str]) -> list[Diagnostic]:
    """Say why the files ``rels`` cannot be written in the folder ``base``.

    A link there that leads outside it, or something that is not a regular file (a
    pipe would hang).
    """
    problems = []
    for rel in rels:
        full = os.path.join(base, rel)
        if leaves_folder(base, rel):
            problems.append(
                Diagnostic(
                    full,
                    0,
                    0,
                    "unsafe-path",
                    "this path leads outside the dataset's folder through a link",
                    "remove the link, or give the source another --id",
                )
            )
        elif (problem := file_problem(full)) is not None:
            problems.append(
                Diagnostic(full, 0, 0, problem.code, problem.message, "move it away first")
            )
    return problems


def _target_file(path: str, dataset_files: Any) -> str:
    files, diags = dataset_files(path)
    if diags:
        raise DatasetError(diags)
    if len(files) == 1:
        return str(files[0])
    for file in files:
        if file.endswith((".yaml", ".yml")):
            root, _ = read_yaml(file)
            if root is not None and root.get("sources") is not None:
                return str(file)
    yamls = [f for f in files if f.endswith((".yaml", ".yml"))]
    return str(yamls[0] if yamls else files[0])


def _check_fields(
    target: str,
    ident: str,
    title: str,
    url: str | None,
    publisher: str | None,
    published: str | None,
    reliability: str,
) -> list[Diagnostic]:
    from relgraph.fields import ID_RE, id_problem
    from relgraph.model import RELIABILITY_GRADES, PartialDate

    problems: list[Diagnostic] = []

    def bad(code: str, message: str, hint: str) -> None:
        problems.append(Diagnostic(target, 0, 0, code, message, hint))

    if not ID_RE.match(ident):
        bad("bad-id", *id_problem(ident, "a readable id"))
    elif ident in {str(r.get("id")) for _, r in _source_records(target)}:
        bad(
            "duplicate-id",
            f"the dataset already has a source '{ident}'",
            "give the new source another --id",
        )
    if not title.strip():
        bad("missing-field", "the title is empty", "give the title the source has")
    if publisher is not None and not publisher.strip():
        bad("missing-field", "the publisher is empty", "leave --publisher out when unknown")
    if url is not None and not re.match(r"^https?://[^\s/]+\S*$", url):
        bad(
            "bad-url",
            f"'{url}' is not an http or https address",
            "give the address the source was read at, starting https://",
        )
    if published is not None:
        try:
            PartialDate.parse(published)
        except ValueError:
            bad(
                "bad-date",
                f"'{published}' is not a date",
                "write YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source gives",
            )
    if reliability not in RELIABILITY_GRADES:
        bad(
            "bad-choice",
            f"'{reliability}' is not a reliability grade",
            f"choose one of {', '.join(RELIABILITY_GRADES)} (F: cannot be judged)",
        )
    return problems


def _with_record(target: str, old: bytes, record: dict[str, str]) -> bytes:
    """Return the dataset file's bytes with ``record`` added, every other byte kept."""
    from relgraph.yamledit import add_records

    text = old.decode("utf-8")
    return add_records(text, target, {"sources": [record]}).encode("utf-8")
