"""Writing an imported dataset: validate it first, then move it into place, or leave nothing.

:func:`write_document` writes the YAML and the source texts into a fresh
hidden folder beside the output, validates that copy with
:func:`relgraph.load`, and only when it loads writes the texts and then the
dataset file into place, all or nothing (see :mod:`relgraph.atomic`). When
validation finds problems, every diagnostic is moved back to where its value
came from (a spreadsheet cell, a JSON record), the hidden folder is removed,
and a :class:`~relgraph.errors.DatasetError` listing them all is raised:
nothing is left behind.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable

from relgraph.atomic import AtomicOutput, regular_file, remove_leftovers, temp_path
from relgraph.errors import DatasetError, Diagnostic, UsageError, WriteError
from relgraph.imports.document import Document, emit, emit_jsonl
from relgraph.load import load
from relgraph.load.yaml import MAX_FILE_BYTES, file_problem, leaves_folder
from relgraph.model import Dataset, Location
from relgraph.progress import ProgressCallback

__all__ = ["safe_relative", "write_document"]


def safe_relative(path: str) -> bool:
    """Whether ``path`` is relative and stays inside the folder it is relative to.

    Parameters
    ----------
    path : str
        A path as a file names it, such as a source's ``text:``.

    Returns
    -------
    bool
        False for an absolute path or one that climbs out with ``..``.

    Examples
    --------
    >>> safe_relative("sources/a.txt"), safe_relative("../a.txt"), safe_relative("/etc/passwd")
    (True, False, False)
    """
    parts = re.split(r"[\\/]", path)
    return bool(path) and not os.path.isabs(path) and ".." not in parts and path[:1] not in "\\/"


def _where(origin: Location) -> str:
    return str(origin)


class _Relocator:
    """Moves diagnostics about the temporary copy back to the inputs."""

    def __init__(
        self, temp_yaml: str, temp_dir: str, output: str, origins: list[Location | None]
    ) -> None:
        self.temp_yaml = temp_yaml
        self.temp_dir = temp_dir
        self.output = output
        self.out_dir = os.path.dirname(output) or "."
        self.origins = origins
        self._ref = re.compile(re.escape(temp_yaml) + r":(\d+)(?::\d+)?")

    def origin(self, line: int) -> Location | None:
        if 0 < line <= len(self.origins):
            return self.origins[line - 1]
        return None

    def text(self, text: str | None) -> str | None:
        if text is None:
            return None

        def ref(m: re.Match[str]) -> str:
            o = self.origin(int(m.group(1)))
            return _where(o) if o is not None else self.output

        text = self._ref.sub(ref, text)
        text = text.replace(self.temp_yaml, self.output)
        return text.replace(
            self.temp_dir + os.sep, "" if self.out_dir == "." else self.out_dir + os.sep
        )

    def __call__(self, d: Diagnostic) -> Diagnostic:
        path, line, column = d.path, d.line, d.column
        if os.path.abspath(d.path) == os.path.abspath(self.temp_yaml):
            o = self.origin(d.line)
            if o is not None:
                path, line, column = o.path, o.line, o.column
            else:
                path, line, column = self.output, 0, 0
        elif d.path.startswith(self.temp_dir):
            path = os.path.join(self.out_dir, os.path.relpath(d.path, self.temp_dir))
        return Diagnostic(
            path,
            line,
            column,
            d.code,
            self.text(d.message) or "",
            self.text(d.hint),
            d.severity,
        )


def _conflicts(doc: Document, out_dir: str) -> list[Diagnostic]:
    problems = []
    carried = set(doc.texts)
    beside = [(rel, (None, None)) for rel in _text_paths(doc) if rel not in carried]
    for rel, (data, origin) in [*doc.texts.items(), *beside]:
        code = "text-conflict"
        if not safe_relative(rel):
            continue  # validation reports it at the source's 'text:'
        final = os.path.join(out_dir, rel)
        if os.path.lexists(final) and leaves_folder(out_dir, rel):
            message = (
                f"the source text path '{rel}' leads outside the output's folder through a link"
            )
            hint = "copy the text into the output's folder, or write the dataset elsewhere"
            code = "unsafe-path"
        elif data is None:
            continue  # a text the output's folder already holds: validation checks it
        elif os.path.isdir(final):
            message = f"the source text path '{rel}' is a folder beside the output"
            hint = "give the source another text path"
        elif (problem := file_problem(final)) is not None:
            message = f"the source text '{final}' beside the output {problem.message}"
            hint = "give the source another text path, or write the dataset elsewhere"
            code = problem.code
        elif os.path.exists(final):
            with open(final, "rb") as fh:
                if fh.read() == data:
                    continue
            message = f"'{final}' already exists and holds a different text"
            hint = "write the dataset into another folder, or move that file away"
        else:
            continue
        where = origin or Location(final)
        problems.append(Diagnostic(where.path, where.line, where.column, code, message, hint))
    return problems


def _write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def _text_paths(doc: Document) -> Iterable[str]:
    for item in doc.sources:
        value = item.fields.get("text")
        value = getattr(value, "value", value)
        if isinstance(value, str) and safe_relative(value):
            yield value


def write_document(
    doc: Document, output: str | os.PathLike[str], progress: ProgressCallback | None = None
) -> Dataset:
    """Validate ``doc`` and write it to ``output`` with its source texts; return the dataset.

    ``output`` is a YAML file, or a JSON Lines dataset file when its name ends
    in ``.jsonl`` (the form for a dataset larger than the
    :data:`~relgraph.load.yaml.MAX_FILE_BYTES` a YAML file may be).

    Parameters
    ----------
    doc : Document
        The document to write.
    output : str or os.PathLike
        The dataset file to write.
    progress : callable, optional
        Told how checking the new file goes (see :mod:`relgraph.progress`).

    Returns
    -------
    Dataset
        The dataset as loaded from ``output``.

    Raises
    ------
    DatasetError
        With every problem, located in the inputs; nothing is written.
    UsageError
        When the output's folder does not exist or the output is a folder, or a
        YAML output would be too large to read back.
    WriteError
        When the files cannot be written (a full disk, no permission); a file
        that was at ``output`` is kept as it was, and no text is left behind.

    Examples
    --------
    >>> import os, tempfile
    >>> from relgraph.imports.document import Document, Item
    >>> d = tempfile.mkdtemp()
    >>> doc = Document(
    ...     dataset=Item({"id": "demo", "title": "Demo"}, None),
    ...     entities=[Item({"id": "cuba", "name": "Cuba", "kind": "state"}, None)],
    ... )
    >>> ds = write_document(doc, os.path.join(d, "demo.yaml"))
    >>> ds.id, [e.name for e in ds.entities], os.listdir(d)
    ('demo', ['Cuba'], ['demo.yaml'])

    A document that does not validate is not written:

    >>> doc.entities[0].fields["id"] = "Cuba"
    >>> try:
    ...     write_document(doc, os.path.join(d, "bad.yaml"))
    ... except DatasetError as exc:
    ...     [(p.code, p.message[:24]) for p in exc.diagnostics]
    [('bad-id', "'Cuba' is not a valid id")]
    >>> sorted(os.listdir(d))
    ['demo.yaml']
    """
    output = os.fspath(output)
    out_dir = os.path.dirname(output) or "."
    if not os.path.isdir(out_dir):
        raise UsageError(
            f"cannot write '{output}': the folder '{out_dir}' does not exist\n"
            "  hint: create it first, or choose another -o file"
        )
    if os.path.isdir(output):
        raise UsageError(f"'{output}' is a folder\n  hint: give -o the name of the dataset file")
    regular_file(output, "-o")  # never a device, a pipe or a socket
    problems = _conflicts(doc, out_dir)
    if problems:
        raise DatasetError(problems)
    if output.endswith(".jsonl"):
        payload, origins = emit_jsonl(doc)
    else:
        text, origins = emit(doc)
        payload = text.encode("utf-8")
        if len(payload) > MAX_FILE_BYTES:
            raise UsageError(
                f"the dataset would be a YAML file of {len(payload):,} bytes, larger than the "
                f"{MAX_FILE_BYTES:,} bytes relgraph reads from a YAML file\n"
                f"  hint: write it as JSON Lines: -o {os.path.splitext(output)[0]}.jsonl"
            )
    remove_leftovers(out_dir, os.path.basename(output))  # what an import killed before left
    temp_dir = temp_path(out_dir, os.path.basename(output))
    try:
        os.mkdir(temp_dir)
        temp_yaml = os.path.join(temp_dir, os.path.basename(output))
        with open(temp_yaml, "wb") as fh:
            fh.write(payload)
        for rel, (data, _) in doc.texts.items():
            if safe_relative(rel):
                _write(os.path.join(temp_dir, rel), data)
        for rel in _text_paths(doc):  # texts already beside the output: check those
            existing = os.path.join(out_dir, rel)
            if rel not in doc.texts and os.path.isfile(existing):
                os.makedirs(os.path.dirname(os.path.join(temp_dir, rel)), exist_ok=True)
                shutil.copyfile(existing, os.path.join(temp_dir, rel))
        try:
            load(temp_yaml, progress=progress)
        except DatasetError as exc:
            relocate = _Relocator(temp_yaml, temp_dir, output, origins)
            raise DatasetError([relocate(d) for d in exc.diagnostics]) from None
        with AtomicOutput(out_dir, folder=True) as files:  # what was checked, or nothing
            for rel, (data, _) in doc.texts.items():  # the texts first, then the file
                if not os.path.exists(os.path.join(out_dir, rel)):
                    files.open_bytes(rel).write(data)
            files.open_bytes(os.path.basename(output)).write(payload)
    except OSError as exc:  # a WriteError too
        reason = exc.strerror or str(exc)
        raise WriteError(f"cannot write '{output}': {reason}", strerror=exc.strerror) from None
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
    return load(output)
