"""Every file cwframe writes goes through here, under one rule (docs/errors.md, "Writes"):

- never through a symbolic link to a place outside the output the user named: a file
  cwframe names inside a directory the user gave (``export -o md/``, ``build --out``) is
  refused when it is a link leading out of that directory;
- never onto an input: a target that is the same file (``st_dev``/``st_ino``, so through
  symbolic and hard links too) as any file this process read (documents, manifest, config,
  decisions, thesaurus, gold) is refused before anything is written;
- all or nothing: every file is written beside its target first and renamed into place
  only when all are written; SIGTERM, SIGINT and SIGHUP are held back during the renames
  (a few microseconds) and delivered when the set is complete, so no signal a process can
  catch leaves half a set;
- never deleting a file cwframe did not make: temporaries carry a ``cwframe-`` name and
  clean-up removes only regular files (or, for directories, ones holding cwframe's marker)
  of that name, owned by this user.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from cwframe.errors import InputError
from cwframe.paths import display_path

# (st_dev, st_ino) of every file this process read -> its size and change time then, and its name
# as messages show it. The size and time tell the file apart from a later file that the file system
# gave the same inode once the first was deleted (a long-running process, a test suite).
_INPUTS: dict[tuple[int, int], tuple[int, int, str]] = {}
_TREES: dict[str, str] = {}  # resolved directory -> its name as messages show it
_SIGNALS = tuple(s for s in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", None)) if s is not None)
MARKER = ".cwframe-temporary"  # inside every temporary directory cwframe makes
_STALE_FILE = 3600  # a temporary file this old is left over from a killed run
_STALE_DIRECTORY = 86_400  # an index build may take an hour or more on the whole NOS directory


def remember_input(path: Path) -> None:
    """Record that ``path`` was read, so that no write of this process replaces it."""
    with contextlib.suppress(OSError):
        status = os.stat(path)
        _INPUTS[(status.st_dev, status.st_ino)] = (status.st_size, status.st_ctime_ns, display_path(Path(path)))


def remember_input_tree(directory: Path) -> None:
    """Record that the files of ``directory`` (a corpus read through its search index, perhaps
    in other processes) are inputs: no existing file in it is replaced."""
    with contextlib.suppress(OSError):
        _TREES.setdefault(os.path.realpath(directory), display_path(Path(directory)))


def forget_inputs() -> None:
    """Forget every recorded input (a long-running library user starting a new task)."""
    _INPUTS.clear()
    _TREES.clear()


def _refuse_input(target: Path, status: os.stat_result | None, given: Path) -> None:
    """An InputError when ``target`` (existing, as ``status`` says) is a file this process read."""
    if status is None:
        return
    known = _INPUTS.get((status.st_dev, status.st_ino))
    read = known[2] if known is not None and known[:2] == (status.st_size, status.st_ctime_ns) else None
    if read is None:
        read = next((f"a file of {shown}" for tree, shown in _TREES.items()
                     if str(target).startswith(tree.rstrip(os.sep) + os.sep)), None)  # fmt: skip
    if read is not None:
        raise InputError(f"cannot write {display_path(given)}: it is {read}, an input of this command; "
                         "choose another output (nothing was written)")  # fmt: skip


def write_atomic(path: Path, data: str | bytes, *, parents: bool = False) -> None:
    """Write one file so that a crash or a full disk never leaves a half-written file (see write_together)."""
    write_together([(path, data)], parents=parents)


def write_together(
    files: list[tuple[Path, str | bytes]], *, parents: bool = False, within: Path | None = None
) -> None:
    """Write several files (text as UTF-8, or bytes) so that they change together or not at all.

    Every file is written to a temporary file beside its target first; only when all are
    written are they renamed into place (an existing file kept as a hard-linked backup
    until then, so that a failed rename puts everything back), with SIGTERM, SIGINT and
    SIGHUP held back until the set is complete. A symbolic link the user named is written
    through (its target changes, not the link); a file cwframe names inside ``within`` (the
    directory the user gave) must stay inside it once links are resolved. A device or FIFO
    (``-o /dev/null``) is written through, as a shell redirect would; an existing file keeps
    its permissions. A directory as target, a missing parent directory unless ``parents``,
    or a file this process read is refused. Any failure (no space, no permission,
    read-only) is one InputError naming the file, and nothing has changed.
    """
    targets = [(given, data, *_write_target(given, parents, within)) for given, data in files]
    staged: list[tuple[Path, Path, Path]] = []  # (temporary, target, as given)
    through: list[tuple[Path, bytes, Path]] = []
    current = files[0][0] if files else Path()
    try:
        for current, data, target, status in targets:
            payload = data.encode("utf-8") if isinstance(data, str) else data
            if status is not None and not stat.S_ISREG(status.st_mode):
                through.append((target, payload, current))
                continue
            fd, tmp = _temporary(target, status)
            staged.append((tmp, target, current))
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        _rename_all(staged)
        for target, payload, given in through:
            current = given  # named by the error message below
            with open(target, "wb") as handle:
                handle.write(payload)
    except OSError as exc:
        _discard(staged)
        raise InputError(
            f"cannot write {display_path(current)}: {exc.strerror or exc}; nothing was changed"
        ) from None
    except BaseException:  # Ctrl-C while the temporaries were written: none is left behind
        _discard(staged)
        raise


@contextlib.contextmanager
def open_atomic(path: Path, *, binary: bool = False) -> Iterator[IO]:
    """A text file to write in pieces (a streamed output): written beside ``path`` and renamed
    into place when the block ends without an error, so that an interrupted run (Ctrl-C, a full
    disk) leaves the file as it was (``binary``: a file of bytes). A device such as /dev/null is
    written through. Failures are InputErrors naming the file; an input of this process is
    refused (see write_together)."""
    mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": ""}
    target, status = _write_target(path, False, None)
    try:
        if status is not None and not stat.S_ISREG(status.st_mode):
            with open(target, **mode) as handle:  # type: ignore[call-overload]
                yield handle
            return
        fd, tmp = _temporary(target, status)
    except OSError as exc:
        raise InputError(f"cannot write {display_path(path)}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, **mode) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _rename_all([(tmp, target, path)])
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(
            f"cannot write {display_path(path)}: {exc.strerror or exc}; nothing was changed"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temporary_directory(parent: Path, prefix: str, suffix: str = ".tmp") -> Path:
    """A new directory in ``parent`` that clean-up (remove_stale_directories) may later remove:
    named ``.cwframe-<prefix>…`` and holding cwframe's marker file."""
    path = Path(tempfile.mkdtemp(prefix=f".cwframe-{prefix}", suffix=suffix, dir=parent))
    (path / MARKER).write_text(path.name, encoding="utf-8")
    return path


def remove_stale_directories(parent: Path, prefix: str) -> None:
    """Remove temporary directories a killed run left in ``parent`` (over a day old): only
    directories cwframe made (temporary_directory's name, its marker naming the directory,
    owned by this user), never a link, never a file of the user's."""
    import glob
    import shutil

    for old in parent.glob(f".cwframe-{glob.escape(prefix)}*"):
        with contextlib.suppress(OSError):
            if _left_over(old, stat.S_ISDIR, _STALE_DIRECTORY) and (old / MARKER).read_text() == old.name:
                shutil.rmtree(old, ignore_errors=True)


def _discard(staged: list[tuple[Path, Path, Path]]) -> None:
    for tmp, _, _ in staged:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _temporary(target: Path, status: os.stat_result | None) -> tuple[int, Path]:
    """A new temporary file beside ``target`` with the permissions the target has (or would get)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.cwframe-", suffix=".tmp", dir=target.parent)
    os.chmod(tmp, stat.S_IMODE(status.st_mode) if status else 0o666 & ~_umask())
    return fd, Path(tmp)


def _write_target(path: Path, parents: bool, within: Path | None) -> tuple[Path, os.stat_result | None]:
    shown = display_path(path)
    target = Path(os.path.realpath(path))
    if within is not None and Path(path).parent == within:
        room = Path(os.path.realpath(within))
        if target.parent != room:
            raise InputError(f"{shown}: is a symbolic link to a place outside {display_path(within)}; "
                             "remove it or choose another directory (nothing was written)")  # fmt: skip
    try:
        status = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise InputError(f"{shown}: is a directory; give a file name")
    _refuse_input(target, status, path)
    if not target.parent.is_dir():
        parent = display_path(Path(path).parent)
        if target.parent.exists():
            raise InputError(f"{shown}: {parent} is a file, not a directory")
        if not parents:
            raise InputError(f"{shown}: the directory {parent} does not exist; create it first")
        target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target)
    return target, status


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files a killed run left beside this target (over an hour old) are removed:
    only regular files of cwframe's naming, owned by this user."""
    import glob

    for old in target.parent.glob(f".{glob.escape(target.name)}.cwframe-*.tmp"):
        with contextlib.suppress(OSError):
            if _left_over(old, stat.S_ISREG, _STALE_FILE):
                old.unlink()


def _left_over(path: Path, kind: Callable[[int], bool], age: float) -> bool:
    """Of the kind (never a link), this user's, and older than ``age`` seconds."""
    status = os.lstat(path)
    return kind(status.st_mode) and status.st_uid == os.getuid() and time.time() - status.st_mtime > age


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM, SIGINT and SIGHUP wait (pending, not lost) until the block ends."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    except (AttributeError, ValueError, OSError):  # no signal masks here (Windows)
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _rename_all(staged: list[tuple[Path, Path, Path]]) -> None:
    done: list[tuple[Path, Path | None]] = []  # (target renamed into place, backup of what was there)
    backups: list[Path] = []
    for _, target, given in staged:  # an input read since the output was opened (a stream)
        try:
            status = os.stat(target)
        except OSError:
            status = None
        _refuse_input(target, status, given)
    with _signals_held():
        try:
            for tmp, target, _ in staged:
                backup = None
                if target.exists():
                    backup = target.with_name(f".{target.name}.cwframe-{os.getpid()}.bak.tmp")
                    try:
                        os.link(target, backup)
                        backups.append(backup)
                    except OSError:  # no hard links here: rename without a backup
                        backup = None
                os.replace(tmp, target)
                done.append((target, backup))
        except OSError:
            for target, backup in reversed(done):  # put back what was there
                with contextlib.suppress(OSError):
                    if backup is not None:
                        os.replace(backup, target)
                    else:
                        target.unlink()
            raise
        finally:
            for backup in backups:
                with contextlib.suppress(OSError):
                    backup.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
