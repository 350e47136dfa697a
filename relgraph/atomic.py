r"""Writing files all or nothing.

:class:`AtomicOutput` writes each file to a temporary file in the folder it
will end up in, and moves the files into place with :func:`os.replace` only
when the block that writes them has finished. Several files land together or
not at all: if anything fails, every temporary file is removed, folders it
made are removed again, and files that were already there are left as they
were (or put back, when a failure comes while moving the files into place).
:func:`write_file` writes one file's bytes that way.

A failure is caught; a ``kill -9`` is not. Between the moves of several
files a killed process leaves some new and some old, so a folder that is an
output of its own (an export's folder) is written with ``whole=True``: into
a hidden folder beside it, which then takes its place in one step, so the
folder is always the old one or the new one. Temporary names carry the
writer's process id (``.NAME.PID-RANDOM.tmp``); what a process that is gone
left is removed by the next write of ``NAME`` (see :func:`leftovers`).

Only regular files are written. A path that is a symbolic link is followed:
the file it points to is written (atomically, as any other) and the link
stays a link. A path that names anything else that is not a regular file (a
device such as ``/dev/full``, a named pipe, a socket) is refused with a
:class:`~relgraph.errors.UsageError` before anything is written, so a device
is never replaced by a file. A failure while the files are written (a full
disk, a file size limit) is a :class:`~relgraph.errors.WriteError` like any
other, and leaves no temporary file behind.

The graph page (:func:`relgraph.rendering.render`), ``relgraph convert``
(:func:`relgraph.convert.convert`), the imports and the exports all put their
files in place through it. A failure to write is a
:class:`~relgraph.errors.WriteError` (for the exports, an
:class:`~relgraph.export.common.ExportWriteError`, which is a kind of it).

Examples
--------
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> write_file(os.path.join(d, "note.txt"), b"kept\n")
>>> with AtomicOutput(d, folder=True) as out:
...     _ = out.open_text("note.txt").write("changed\n")
...     _ = out.open_bytes("more/new.txt").write(b"new")
...     raise ValueError("the writer failed")
Traceback (most recent call last):
...
ValueError: the writer failed
>>> sorted(os.listdir(d)), open(os.path.join(d, "note.txt")).read()
(['note.txt'], 'kept\n')
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import stat
from typing import IO, Any, ClassVar, Self

from relgraph.errors import UsageError, WriteError

__all__ = [
    "AtomicOutput",
    "leftovers",
    "regular_file",
    "remove_leftovers",
    "temp_path",
    "write_file",
]

# what a temporary name ends with: the writer's process id, 48 random bits, and what it is
_TEMP = re.compile(r"\.(?P<pid>\d+)-[0-9a-f]{12}\.(?P<kind>tmp|old)$")
# the temporary names of earlier versions, without a process id
_OLD_TEMP = re.compile(r"^\..+\.[0-9a-f]{12}\.(?:tmp|old)$")


def _token() -> str:
    """Return the part of a temporary name that makes it this process's and unique."""
    return f"{os.getpid()}-{secrets.token_hex(6)}"


def _alive(pid: int) -> bool:
    """Whether the process ``pid`` may still be writing its temporary files."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive, and none of ours to clean
        return True
    return True


def leftovers(folder: str, name: str) -> list[str]:
    """List what an interrupted writer of ``name`` in ``folder`` left there, by earlier runs.

    A write killed before it could clean up (``kill -9``, a power cut) leaves
    its temporary files or folder beside the file or folder it was writing:
    ``.NAME.PID-RANDOM.tmp`` (what it was writing) or ``.NAME.PID-RANDOM.old``
    (what it was replacing). Only those of processes that are gone are
    listed; :class:`AtomicOutput` removes them (or puts an ``.old`` back, when
    nothing took its place) before it writes ``name`` again.

    Parameters
    ----------
    folder : str
        The folder to look in.
    name : str
        The file or folder name a writer was writing.

    Returns
    -------
    list of str
        The leftovers' names, sorted.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> os.mkdir(os.path.join(d, ".sheets.999999999-0123456789ab.tmp"))
    >>> leftovers(d, "sheets")
    ['.sheets.999999999-0123456789ab.tmp']
    >>> leftovers(d, "other")
    []
    """
    prefix = f".{name}."
    found = []
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return []
    for entry in entries:
        if not entry.startswith(prefix):
            continue
        m = _TEMP.search(entry)
        if m is None or m.start() != len(prefix) - 1 or _alive(int(m.group("pid"))):
            continue
        found.append(entry)
    return found


def remove_leftovers(folder: str, name: str) -> list[str]:
    """Remove what interrupted writers of ``name`` left in ``folder``; say what was removed.

    An ``.old`` copy with nothing at ``name`` is put back: it is the version
    that was there before, caught between being moved aside and replaced.

    Parameters
    ----------
    folder : str
        The folder to clean.
    name : str
        The file or folder name a writer was writing.

    Returns
    -------
    list of str
        The paths removed (or put back).

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, ".page.html.999999999-0123456789ab.tmp"), "w").write("half")
    >>> [os.path.basename(p) for p in remove_leftovers(d, "page.html")], os.listdir(d)
    (['.page.html.999999999-0123456789ab.tmp'], [])
    """
    done = []
    final = os.path.join(folder, name)
    for entry in leftovers(folder, name):
        path = os.path.join(folder, entry)
        with contextlib.suppress(OSError):
            if entry.endswith(".old") and not os.path.lexists(final):
                os.rename(path, final)
            elif os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
            done.append(path)
    return done


def temp_path(folder: str, name: str) -> str:
    """Return a fresh name for a temporary file or folder of this process, to become ``name``.

    Parameters
    ----------
    folder : str
        The folder the temporary file goes in, beside its final place.
    name : str
        The name it will have.

    Returns
    -------
    str
        ``folder/.NAME.PID-RANDOM.tmp``.

    Examples
    --------
    >>> import os
    >>> os.path.basename(temp_path("out", "page.html")).startswith(f".page.html.{os.getpid()}-")
    True
    """
    return os.path.join(folder, f".{name}.{_token()}.tmp")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: str, b: str) -> bool:
    """Swap the folders ``a`` and ``b`` in one step (Linux ``renameat2``).

    False where the system or the file system cannot, and nothing was done.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return False
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    if call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), b)


class AtomicOutput:
    r"""Write files beside their final place and move them there only on success.

    Parameters
    ----------
    target : str
        The file to write (``folder=False``) or the folder to write into
        (``folder=True``). A folder is created if it does not exist; its parent
        must exist.
    folder : bool
        Whether names given to :meth:`open_text` are files inside ``target``.
    whole : bool
        With ``folder``: the folder is the output, and lands whole or not at
        all. The files are written into a hidden folder beside it
        (``.NAME.PID-RANDOM.tmp``), which then takes the folder's place in one
        step (a file left there by another program is carried over, as a
        hard link); the old folder is removed after. A kill at any moment
        leaves the old folder or the new one, never a mix, and the next write
        removes what the killed one left. The current folder and a mount point
        cannot be replaced, and are refused.

    Use it as a context manager: leaving the block normally moves every file
    into place, leaving it with an exception removes them all. Files are made
    with the permissions :func:`open` would give them.

    Attributes
    ----------
    paths : tuple of str
        The files moved into place, once the block has finished.
    cleaned : tuple of str
        What interrupted writes of the same files had left (temporary files
        or folders) and was removed on entering (see :func:`leftovers`).
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
    ...     _ = out.open_text("a.csv").write("x\n")
    ...     _ = out.open_text("b.csv").write("y\n")
    >>> sorted(os.listdir(d))
    ['a.csv', 'b.csv']
    >>> try:
    ...     with AtomicOutput(d, folder=True) as out:
    ...         _ = out.open_text("a.csv").write("changed\n")
    ...         raise ValueError("the exporter failed")
    ... except ValueError:
    ...     pass
    >>> open(os.path.join(d, "a.csv")).read(), sorted(os.listdir(d))
    ('x\n', ['a.csv', 'b.csv'])
    """

    error: ClassVar[type[WriteError]] = WriteError
    what: ClassVar[str] = ""

    def __init__(
        self, target: str | os.PathLike[str], folder: bool = False, *, whole: bool = False
    ) -> None:
        self.target = os.fspath(target)
        self.folder = folder
        self.whole = whole and folder
        self._stage = ""  # the hidden folder a whole folder is written into
        self._dest = ""  # the folder it replaces (a link to a folder: that folder)
        self.cleaned: tuple[str, ...] = ()
        self._file = self.target  # the file written for ``target``: a link's target
        self._pending: dict[str, tuple[str, IO[Any]]] = {}  # final path -> (temp path, handle)
        self._made_dirs: list[str] = []
        self.paths: tuple[str, ...] = ()

    # -- context ---------------------------------------------------------
    def __enter__(self) -> Self:
        """Start the output, refusing a target it cannot write (see the class docs)."""
        try:
            self._enter()
        except BaseException:  # a signal between making the hidden folder and __exit__
            self._abort()
            raise
        return self

    def _enter(self) -> None:
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
            if self.whole:
                self._enter_whole()
            else:
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

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        """Move the files into place if the block succeeded, else remove them."""
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

    def _enter_whole(self) -> None:
        real = os.path.realpath(self.target)  # a link to a folder: the folder is replaced
        if os.path.isdir(real) and (os.path.ismount(real) or _is_cwd(real)):
            what = "a mount point" if os.path.ismount(real) else "the current folder"
            raise UsageError(
                f"'{self.target}' is {what}, and this format replaces its folder as a whole\n"
                "  hint: give -o a folder of its own, such as -o export/"
            )
        self._dest = real
        parent, name = os.path.split(real)
        self.cleaned = tuple(remove_leftovers(parent, name))
        stage = os.path.join(parent, f".{name}.{_token()}.tmp")
        try:
            os.mkdir(stage)
        except OSError as exc:
            raise self.error(
                f"cannot write into '{parent}': {exc.strerror}", strerror=exc.strerror
            ) from None
        finally:  # set even when a signal lands right after mkdir, so _abort removes it
            self._stage = stage if os.path.isdir(stage) else ""

    # -- handles ---------------------------------------------------------
    def _final(self, name: str) -> str:
        if not self.folder:
            return self._file
        parts = name.replace("\\", "/").split("/")
        if os.path.isabs(name) or ".." in parts or not name:
            raise self.error(f"refusing to write '{name}': it would leave '{self.target}'")
        if self.whole:
            return os.path.join(self._stage, *parts)
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
        if self.whole:  # inside the hidden folder: written in place, nothing to clean
            try:
                os.makedirs(folder, exist_ok=True)
                fd = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except OSError as exc:
                raise self.error(
                    f"cannot write {self._what()}: {exc.strerror}", strerror=exc.strerror
                ) from None
            return self._handle(final, final, fd, mode)
        self._makedirs(folder)
        self.cleaned += tuple(remove_leftovers(folder, os.path.basename(final)))
        base = os.path.join(folder, "." + os.path.basename(final) + ".")
        while True:  # like tempfile.mkstemp, but with the permissions open() gives a new file
            temp = f"{base}{_token()}.tmp"
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:  # pragma: no cover - 48 random bits collided
                continue
            except OSError as exc:
                raise self.error(
                    f"cannot write into '{folder}': {exc.strerror}", strerror=exc.strerror
                ) from None
            break
        return self._handle(final, temp, fd, mode)

    def _handle(self, final: str, temp: str, fd: int, mode: str) -> IO[Any]:
        if "b" in mode:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._pending[final] = (temp, handle)
        return handle

    def open_text(self, name: str) -> IO[str]:
        """Return a UTF-8 text stream for ``name``; line ends are written as given.

        Parameters
        ----------
        name : str
            The file's path inside the output folder (or the output file's name).

        Returns
        -------
        text stream
            Written to the temporary file; closed when the output ends.

        Raises
        ------
        WriteError
            When ``name`` would leave the output folder, or its temporary file
            cannot be made (a subclass raises its :attr:`error`).

        Examples
        --------
        >>> import os, tempfile
        >>> d = tempfile.mkdtemp()
        >>> with AtomicOutput(d, folder=True) as out:
        ...     _ = out.open_text("notes/a.txt").write("héllo")
        >>> open(os.path.join(d, "notes", "a.txt"), encoding="utf-8").read()
        'héllo'
        >>> with AtomicOutput(d, folder=True) as out:  # doctest: +ELLIPSIS
        ...     _ = out.open_text("../a.txt")
        Traceback (most recent call last):
        ...
        relgraph.errors.WriteError: refusing to write '../a.txt': it would leave '...'
        """
        return self._open(name, "w")

    def open_bytes(self, name: str) -> IO[bytes]:
        """Return a binary stream for ``name``.

        Parameters
        ----------
        name : str
            The file's path inside the output folder (or the output file's name).

        Returns
        -------
        binary stream
            Written to the temporary file; closed when the output ends.

        Raises
        ------
        WriteError
            When ``name`` would leave the output folder, or its temporary file
            cannot be made (a subclass raises its :attr:`error`).

        Examples
        --------
        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "data.bin")
        >>> with AtomicOutput(path) as out:
        ...     _ = out.open_bytes("data.bin").write(b"PK")
        >>> open(path, "rb").read()
        b'PK'
        """
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
        if self._stage:
            shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = ""
        for d in reversed(self._made_dirs):
            with contextlib.suppress(OSError):  # not empty: something else lives there now
                os.rmdir(d)
        self._made_dirs.clear()

    def _keep(self, final: str) -> str | None:
        """Return a backup of the file at ``final``, to put back after a failure.

        ``None`` when there is no file.

        The backup is a second link to the file, so the file stays where it is
        for anyone reading it or writing it at the same time; where the system
        makes no links, the file is moved aside instead.
        """
        base = os.path.join(os.path.dirname(os.path.abspath(final)), "." + os.path.basename(final))
        while True:
            backup = f"{base}.{_token()}.old"
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
        if self.whole:
            self._swap()
            return
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

    def _swap(self) -> None:
        """Put the hidden folder in the folder's place, in one step; remove the old one."""
        stage, dest = self._stage, self._dest
        old = ""
        try:
            if os.path.isdir(dest):
                _carry(dest, stage)
                with contextlib.suppress(OSError):
                    os.chmod(stage, stat.S_IMODE(os.stat(dest).st_mode))
                if _exchange(stage, dest):
                    old = stage  # the hidden folder's name now holds the old folder
                else:  # two renames: a kill between them leaves the old one to put back
                    old = stage[: -len(".tmp")] + ".old"
                    os.rename(dest, old)
                    try:
                        os.rename(stage, dest)
                    except OSError:
                        os.rename(old, dest)
                        old = ""
                        raise
            else:
                os.rename(stage, dest)
        except OSError as exc:
            self._abort()
            raise self.error(
                f"cannot move {self._what()} into place: {exc.strerror}", strerror=exc.strerror
            ) from None
        self.paths = tuple(
            os.path.join(self.target, os.path.relpath(final, stage)) for final in self._pending
        )
        self._pending.clear()
        self._stage = ""
        if old:
            shutil.rmtree(old, ignore_errors=True)


def _is_cwd(path: str) -> bool:
    try:
        return os.path.samefile(path, os.getcwd())
    except OSError:
        return False


def _carry(old: str, new: str) -> None:
    """Give ``new`` what ``old`` holds and ``new`` does not.

    Files as hard links (copies where links cannot be made), links as links, folders
    made; temporary files left out.
    """
    for entry in os.scandir(old):
        there = os.path.join(new, entry.name)
        if _TEMP.search(entry.name) or _OLD_TEMP.match(entry.name):
            continue  # an interrupted write's leftovers are not carried over
        if entry.is_dir(follow_symlinks=False):
            if not os.path.lexists(there):
                os.mkdir(there)
                shutil.copymode(entry.path, there)
            if os.path.isdir(there) and not os.path.islink(there):
                _carry(entry.path, there)
        elif os.path.lexists(there):
            continue  # written anew
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), there)
        else:
            try:
                os.link(entry.path, there, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry.path, there, follow_symlinks=False)


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def regular_file(path: str, what: str) -> str:
    r"""Return the file to write for ``path``: itself, or the file a symbolic link there points to.

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
    ...     print(str(exc).replace("; ", ";\n"))
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

    Parameters
    ----------
    path : str or os.PathLike
        The file to write; a symbolic link there is followed.
    data : bytes
        Its whole content.

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
