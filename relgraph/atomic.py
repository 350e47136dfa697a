"""Writing files all or nothing.

:class:`AtomicOutput` writes each file to a temporary file in the folder it
will end up in, and moves the files into place with :func:`os.replace` only
when the block that writes them has finished. Several files land together or
not at all: if anything fails, every temporary file is removed, folders it
made are removed again, and files that were already there are left as they
were (or put back, when a failure comes while moving the files into place).
:func:`write_file` writes one file's bytes that way.

Only regular files are written. A path that is a symbolic link is followed:
the file it points to is written (atomically, as any other) and the link
stays a link. A path that names anything else that is not a regular file (a
device such as ``/dev/full``, a named pipe, a socket) is refused with a
:class:`~relgraph.errors.UsageError` before anything is written, so a device
is never replaced by a file. A failure while the files are written (a full
disk, a file size limit) is a :class:`~relgraph.errors.WriteError` like any
other, and leaves no temporary file behind.

The graph page (:func:`relgraph.rendering.render`), ``relgraph convert``
(:func:`relgraph.bulk.convert`), the imports and the exports all put their
files in place through it. A failure to write is a
:class:`~relgraph.errors.WriteError` (for the exports, an
:class:`~relgraph.export.common.ExportWriteError`, which is a kind of it).

Examples
--------
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> write_file(os.path.join(d, "note.txt"), b"kept\\n")
>>> with AtomicOutput(d, folder=True) as out:
...     _ = out.open_text("note.txt").write("changed\\n")
...     _ = out.open_bytes("more/new.txt").write(b"new")
...     raise ValueError("the writer failed")
Traceback (most recent call last):
...
ValueError: the writer failed
>>> sorted(os.listdir(d)), open(os.path.join(d, "note.txt")).read()
(['note.txt'], 'kept\\n')
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from typing import IO, Any, ClassVar, Self

from relgraph.errors import UsageError, WriteError

__all__ = ["AtomicOutput", "regular_file", "write_file"]


class AtomicOutput:
    """Write files beside their final place and move them there only on success.

    Parameters
    ----------
    target : str
        The file to write (``folder=False``) or the folder to write into
        (``folder=True``). A folder is created if it does not exist; its parent
        must exist.
    folder : bool
        Whether names given to :meth:`open_text` are files inside ``target``.

    Use it as a context manager: leaving the block normally moves every file
    into place, leaving it with an exception removes them all. Files are made
    with the permissions :func:`open` would give them.

    Attributes
    ----------
    paths : tuple of str
        The files moved into place, once the block has finished.
    error : type
        What a failure to write raises: :class:`~relgraph.errors.WriteError`,
        or a kind of it a subclass names.
    what : str
        What the files are, in the message of a failure to move them into
        place; by default the file's name, or "the files of" the folder.

    Raises
    ------
    UsageError
        On entering, when ``target`` cannot be written: its folder does not
        exist, or it is a folder (a file, with ``folder=True``).
    WriteError
        When a file cannot be made, finished or moved into place; nothing is
        left half-written.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with AtomicOutput(d, folder=True) as out:
    ...     _ = out.open_text("a.csv").write("x\\n")
    ...     _ = out.open_text("b.csv").write("y\\n")
    >>> sorted(os.listdir(d))
    ['a.csv', 'b.csv']
    >>> try:
    ...     with AtomicOutput(d, folder=True) as out:
    ...         _ = out.open_text("a.csv").write("changed\\n")
    ...         raise ValueError("the exporter failed")
    ... except ValueError:
    ...     pass
    >>> open(os.path.join(d, "a.csv")).read(), sorted(os.listdir(d))
    ('x\\n', ['a.csv', 'b.csv'])
    """

    error: ClassVar[type[WriteError]] = WriteError
    what: ClassVar[str] = ""

    def __init__(self, target: str | os.PathLike[str], folder: bool = False) -> None:
        self.target = os.fspath(target)
        self.folder = folder
        self._file = self.target  # the file written for ``target``: a link's target
        self._pending: dict[str, tuple[str, IO[Any]]] = {}  # final path -> (temp path, handle)
        self._made_dirs: list[str] = []
        self.paths: tuple[str, ...] = ()

    # -- context ---------------------------------------------------------
    def __enter__(self) -> Self:
        if self.folder:
            parent = os.path.dirname(os.path.abspath(self.target))
            if not os.path.isdir(parent):
                raise UsageError(
                    f"cannot write into '{self.target}': the folder '{parent}' does not exist\n"
                    "  hint: create it first, or choose another -o folder"
                )
            if os.path.exists(self.target) and not os.path.isdir(self.target):
                raise UsageError(
                    f"'{self.target}' is a file, but this format writes several files\n"
                    "  hint: give -o a folder"
                )
            self._makedirs(self.target)
        else:
            if os.path.isdir(self.target):
                raise UsageError(
                    f"'{self.target}' is a folder\n  hint: give -o the name of the file to write"
                )
            self._file = regular_file(self.target, "-o")
            parent = os.path.dirname(os.path.abspath(self._file))
            if not os.path.isdir(parent):
                raise UsageError(
                    f"cannot write '{self.target}': the folder '{parent}' does not exist\n"
                    "  hint: create it first, or choose another -o file"
                )
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self._commit()
            return
        self._abort()
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            # a write into one of the files failed (a full disk, a size limit): that is
            # a failure to write, said as one, not an error of the code that was writing
            reason = exc.strerror or str(exc)
            raise self.error(
                f"cannot write {self._what()}: {reason}", strerror=exc.strerror
            ) from None

    # -- handles ---------------------------------------------------------
    def _final(self, name: str) -> str:
        if not self.folder:
            return self._file
        parts = name.replace("\\", "/").split("/")
        if os.path.isabs(name) or ".." in parts or not name:
            raise self.error(f"refusing to write '{name}': it would leave '{self.target}'")
        return regular_file(os.path.join(self.target, *parts), "the export")

    def _makedirs(self, path: str) -> None:
        # normalised first: 'sheets/' and 'sheets' are one folder, to be made once
        path = os.path.normpath(path)
        missing = []
        while path and not os.path.isdir(path):
            missing.append(path)
            parent = os.path.dirname(path)
            if parent == path:
                break
            path = parent
        for d in reversed(missing):
            try:
                os.mkdir(d)
            except OSError as exc:
                raise self.error(
                    f"cannot create the folder '{d}': {exc.strerror}", strerror=exc.strerror
                ) from None
            self._made_dirs.append(d)

    def _open(self, name: str, mode: str) -> IO[Any]:
        final = self._final(name)
        if final in self._pending:
            raise self.error(f"'{name}' was opened twice")  # pragma: no cover
        folder = os.path.dirname(os.path.abspath(final))
        self._makedirs(folder)
        base = os.path.join(folder, "." + os.path.basename(final) + ".")
        while True:  # like tempfile.mkstemp, but with the permissions open() gives a new file
            temp = f"{base}{secrets.token_hex(6)}.tmp"
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:  # pragma: no cover - 48 random bits collided
                continue
            except OSError as exc:
                raise self.error(
                    f"cannot write into '{folder}': {exc.strerror}", strerror=exc.strerror
                ) from None
            break
        if "b" in mode:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._pending[final] = (temp, handle)
        return handle

    def open_text(self, name: str) -> IO[str]:
        """A UTF-8 text stream for ``name``; line ends are written as given."""
        return self._open(name, "w")

    def open_bytes(self, name: str) -> IO[bytes]:
        """A binary stream for ``name``."""
        return self._open(name, "wb")

    # -- commit / abort --------------------------------------------------
    def _what(self) -> str:
        if self.what:
            return self.what
        return f"the files of '{self.target}'" if self.folder else f"'{self.target}'"

    def _abort(self) -> None:
        for temp, handle in self._pending.values():
            # closing flushes what is buffered, which fails again on a full disk; the
            # file is closed all the same, and must still be removed
            with contextlib.suppress(OSError):
                handle.close()
            with contextlib.suppress(OSError):
                os.unlink(temp)
        self._pending.clear()
        for d in reversed(self._made_dirs):
            with contextlib.suppress(OSError):  # not empty: something else lives there now
                os.rmdir(d)
        self._made_dirs.clear()

    def _keep(self, final: str) -> str | None:
        """A backup of the file at ``final``, to put back after a failure (``None``: no file).

        The backup is a second link to the file, so the file stays where it is
        for anyone reading it or writing it at the same time; where the system
        makes no links, the file is moved aside instead.
        """
        base = os.path.join(os.path.dirname(os.path.abspath(final)), "." + os.path.basename(final))
        while True:
            backup = f"{base}.{secrets.token_hex(6)}.old"
            try:
                os.link(final, backup, follow_symlinks=False)
            except FileExistsError:  # pragma: no cover - 48 random bits collided
                continue
            except FileNotFoundError:
                return None
            except OSError:  # no links here (some file systems make none), or a folder
                if os.path.isdir(final) and not os.path.islink(final):
                    return None  # nothing to keep: moving a file onto a folder fails
                os.replace(final, backup)
            return backup

    def _commit(self) -> None:
        try:
            for _, handle in self._pending.values():
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
        except OSError as exc:
            self._abort()
            raise self.error(
                f"cannot finish writing: {exc.strerror}", strerror=exc.strerror
            ) from None
        backups: dict[str, str] = {}
        done: list[str] = []
        last = len(self._pending) - 1
        try:
            for i, (final, (temp, _)) in enumerate(self._pending.items()):
                # the last file needs no backup: if it cannot be moved, it stays as it was
                backup = self._keep(final) if i < last else None
                if backup is not None:
                    backups[final] = backup
                os.replace(temp, final)
                done.append(final)
        except OSError as exc:
            for final in done:  # put back what was there, so it is all or nothing
                if final not in backups:
                    with contextlib.suppress(OSError):
                        os.unlink(final)
            for final, backup in backups.items():
                with contextlib.suppress(OSError):
                    os.replace(backup, final)
                    os.unlink(backup)  # still there if it was a link to the file at final
            self._abort()
            raise self.error(
                f"cannot move {self._what()} into place: {exc.strerror}", strerror=exc.strerror
            ) from None
        for backup in backups.values():
            with contextlib.suppress(OSError):
                os.unlink(backup)
        self.paths = tuple(self._pending)
        self._pending.clear()


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def regular_file(path: str, what: str) -> str:
    """The file to write for ``path``: itself, or the file a symbolic link there points to.

    Parameters
    ----------
    path : str
        Where a file is to be written.
    what : str
        What names the path for the user: ``"-o"`` for an output option, or
        anything else for a file inside an output folder (it picks the hint).

    Returns
    -------
    str
        ``path``, or the path a link at ``path`` points to (followed to the end).

    Raises
    ------
    UsageError
        When ``path`` (or what a link points to) exists and is neither a regular
        file nor a folder: a device, a named pipe, a socket. (Folders are left
        to the callers, which refuse them with their own message.)

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> os.symlink("real.html", os.path.join(d, "link.html"))
    >>> os.path.basename(regular_file(os.path.join(d, "link.html"), "-o"))
    'real.html'
    >>> try:
    ...     regular_file("/dev/null", "-o")
    ... except UsageError as exc:
    ...     print(str(exc).replace("; ", ";\\n"))
    '/dev/null' is a character device, not a regular file;
    relgraph writes only regular files
      hint: give -o the name of a regular file
    """
    real = os.path.realpath(path) if os.path.islink(path) else path
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return real  # nothing there yet (or not reachable: opening it will say why)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return real
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    shown = f"'{path}'" if real == path else f"'{path}' (a link to '{real}')"
    hint = "give -o the name of a regular file" if what == "-o" else "write into another folder"
    raise UsageError(
        f"{shown} is {kind}, not a regular file; relgraph writes only regular files\n  hint: {hint}"
    )


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to the file ``path``, all or nothing.

    Raises
    ------
    UsageError
        When ``path`` is a folder or its folder does not exist.
    WriteError
        When the file cannot be written (a full disk, no permission); a file
        that was at ``path`` is kept as it was.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "page.html")
    >>> write_file(path, b"<!DOCTYPE html>")
    >>> open(path, "rb").read()
    b'<!DOCTYPE html>'
    """
    target = os.fspath(path)
    with AtomicOutput(target) as out:
        handle = out.open_bytes(os.path.basename(target))
        try:
            handle.write(data)
        except OSError as exc:
            raise WriteError(
                f"cannot write '{target}': {exc.strerror}", strerror=exc.strerror
            ) from None
