"""Reading and writing files of untrusted projects.

Reads: only regular files (a FIFO or ``/dev/zero`` is refused as soon as it is opened, before a
byte is read), at most a limit counted while reading, so that a file that grows or lies about its
size costs no more than the limit.  Writes: below an output folder, never through a symbolic link
(neither a planted file nor a planted folder).  A new file is created exclusively (``O_EXCL``
never follows a link, and refuses anything that appeared meanwhile); a file that holds the same
bytes already is left alone (a re-run rewrites nothing and keeps its times); any other file is
written whole to a temporary file and renamed into place, so that a reader never sees half of it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from typing import BinaryIO

CHUNK = 1024 * 1024


class FileProblem(Exception):
    """Why a file cannot be read or written; the caller adds the path and the hint."""


class TooLarge(FileProblem):
    def __init__(self, limit: int) -> None:
        super().__init__(f"over the limit of {limit} bytes")
        self.limit = limit


def inside(path: str, root: str) -> bool:
    """Whether ``path``, all symbolic links followed, lies within ``root`` (also resolved).  A path
    holding a NUL names no file at all: reading it fails with a FileProblem of its own."""
    if "\x00" in path:
        return True
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; raises FileProblem or OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if "\x00" in path:
        raise FileProblem("a path with a NUL character")
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not a regular file (a device, a FIFO or a socket)")
        if info.st_size > limit:
            raise TooLarge(limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of a stream (standard input); raises TooLarge past it."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise TooLarge(limit)
    return b"".join(chunks)


# --- writing ----------------------------------------------------------------------------------

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class SymlinkRefused(FileProblem):
    """A symbolic link stands where migrator would write."""

    def __init__(self, link: str) -> None:
        super().__init__(f"{link} is a symbolic link; migrator never writes through one")
        self.link = link


def _open_dir(name: str, parent_fd: int | None, shown: str, *, create: bool) -> int:
    """Open (and create) one folder without following a symbolic link."""
    return _open_or_make_dir(name, parent_fd, shown, create=create)[0]


def _open_or_make_dir(name: str, parent_fd: int | None, shown: str, *, create: bool) -> tuple[int, bool]:
    """A descriptor of the folder, and whether this call created it."""
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=parent_fd), False
    except FileNotFoundError:
        if not create:
            raise
        try:
            os.mkdir(name, 0o777, dir_fd=parent_fd)
        except FileExistsError:  # made meanwhile (another writer of the same plan): open it as found
            return _open_or_make_dir(name, parent_fd, shown, create=False)
        return os.open(name, _DIR_FLAGS, dir_fd=parent_fd), True
    except OSError:
        info = os.lstat(name, dir_fd=parent_fd)
        if stat.S_ISLNK(info.st_mode):
            raise SymlinkRefused(shown) from None
        raise


def open_out_dir(path: str) -> int:
    """A descriptor of the output folder, created if missing.

    A relative path is walked from the current folder one component at a time, none of them a
    symbolic link (a checkout can hold a planted ``plan -> ~``).  For an absolute path the
    folders above are the user's own choice (``/tmp`` is a link on macOS); only its last
    component must not be a link.
    """
    if os.path.isabs(path):
        full = os.path.abspath(path)
        parent, name = os.path.split(full.rstrip(os.sep) or os.sep)
        os.makedirs(parent or os.sep, exist_ok=True)
        start, parts, shown = parent or os.sep, [name] if name else [], parent
    else:
        start, parts, shown = os.curdir, [p for p in os.path.normpath(path).split(os.sep) if p not in ("", ".")], ""
        if any(part == ".." for part in parts):
            start, parts, shown = os.path.dirname(os.path.abspath(path)), [os.path.basename(os.path.abspath(path))], ""
    current = os.open(start, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts:
            shown = os.path.join(shown, part) if shown else part
            following = _open_dir(part, current, shown, create=True)
            os.close(current)
            current = following
    except BaseException:
        os.close(current)
        raise
    return current


class Below:
    """Writes many files below one output folder (``--out``), as ``write_below`` does, each
    folder on the way opened once (without following links) and kept open until ``close``."""

    def __init__(self, root_fd: int, root_shown: str) -> None:
        self.root_shown = root_shown
        self.dirs: dict[tuple[str, ...], int] = {(): root_fd}
        self.made: set[tuple[str, ...]] = set()  # folders this writer created: they held nothing

    def write(self, rel: str, data: bytes) -> None:
        parts = [part for part in rel.split("/") if part not in ("", ".")]
        if not parts or any(part == ".." for part in parts):
            raise FileProblem(f"{rel!r} is not a path below the output folder")
        key = tuple(parts[:-1])
        folder = self._dir(key)
        _write_in(folder, parts[-1], os.path.join(self.root_shown, *parts), data, fresh=key in self.made)

    def _dir(self, key: tuple[str, ...]) -> int:
        found = self.dirs.get(key)
        if found is None:
            parent = self._dir(key[:-1])
            found, made = _open_or_make_dir(key[-1], parent, os.path.join(self.root_shown, *key), create=True)
            self.dirs[key] = found
            if made:
                self.made.add(key)
        return found

    def close(self) -> None:
        """Close the folders opened here (the root's descriptor stays the caller's)."""
        for key, fd in self.dirs.items():
            if key:
                os.close(fd)
        self.dirs = {(): self.dirs[()]}


def write_below(root_fd: int, root_shown: str, rel: str, data: bytes) -> None:
    """Write ``rel`` (a relative path with ``/``) below the folder ``root_fd``.

    Each folder on the way is opened relative to the previous one with O_NOFOLLOW; the file
    is written to a temporary name in its folder and renamed over the target, which must not be
    a symbolic link (a planted link is refused, not replaced, so that its owner sees why).
    """
    parts = [part for part in rel.split("/") if part not in ("", ".")]
    if not parts or any(part == ".." for part in parts):
        raise FileProblem(f"{rel!r} is not a path below the output folder")
    fds: list[int] = []
    try:
        current = root_fd
        shown = root_shown
        for part in parts[:-1]:
            shown = os.path.join(shown, part)
            current = _open_dir(part, current, shown, create=True)
            fds.append(current)
        _write_in(current, parts[-1], os.path.join(shown, parts[-1]), data)
    finally:
        for fd in fds:
            os.close(fd)


def is_link(dir_fd: int, name: str) -> bool:
    """Whether ``name`` in the folder ``dir_fd`` is a symbolic link."""
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def write_file(path: str, data: bytes) -> None:
    """Write one file (``-o FILE``): its folder is reached as ``open_out_dir`` reaches one, and
    the file itself must not be a link."""
    folder, name = os.path.split(path)
    if not name:
        raise FileProblem(f"{path!r} names a folder, not a file")
    dir_fd = open_out_dir(folder) if folder else os.open(os.curdir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        _write_in(dir_fd, name, path, data)
    finally:
        os.close(dir_fd)


_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _write_in(dir_fd: int, name: str, shown: str, data: bytes, *, fresh: bool = False) -> None:
    """Write ``name`` in the folder ``dir_fd``; ``fresh`` when the folder was just created empty."""
    if fresh:
        with contextlib.suppress(FileExistsError):  # something appeared meanwhile: look at it below
            _write_new(dir_fd, name, data)
            return
    try:
        info = os.lstat(name, dir_fd=dir_fd)
    except FileNotFoundError:
        info = None
    if info is None:
        try:
            _write_new(dir_fd, name, data)
            return
        except FileExistsError:
            info = os.lstat(name, dir_fd=dir_fd)
    if stat.S_ISLNK(info.st_mode):
        raise SymlinkRefused(shown)
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(f"{shown} exists and is not a regular file")
    if info.st_size == len(data) and _holds(dir_fd, name, data):
        return
    temp = f".{name}.{os.getpid()}.tmp"
    fd = _create(dir_fd, temp)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=dir_fd)
        raise


def _write_new(dir_fd: int, name: str, data: bytes) -> None:
    """Create ``name``, which must not exist (not even as a link), and write it whole; a failed
    write leaves no part of it behind."""
    fd = _create(dir_fd, name)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dir_fd)
        raise


def _create(dir_fd: int, name: str) -> int:
    """Create ``name`` exclusively.  A signal's exception (Ctrl-C) is raised as the open returns,
    before its descriptor is kept: the file was made by this call, and is removed again."""
    try:
        return os.open(name, _NEW_FLAGS, 0o666, dir_fd=dir_fd)
    except OSError:
        raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=dir_fd)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _holds(dir_fd: int, name: str, data: bytes) -> bool:
    """Whether the regular file ``name`` holds exactly ``data``."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        chunks: list[bytes] = []
        total = 0
        while total <= len(data):
            chunk = os.read(fd, len(data) + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks) == data
    finally:
        os.close(fd)
