"""The trust boundary for paths that come from inputs (manifests, configs, directories).

A corpus directory may come from a pull request: what it names or links to must
not reach outside it. A path a manifest names must be relative, must not climb out
with ``..``, and must still be inside the directory once every symbolic link is
resolved. A directory walk follows no link out of the tree and opens only regular
files: a FIFO named ``x.txt`` would block a reader forever, a device would never end.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath


def display_path(path: Path) -> str:
    """A path as messages and sources show it: relative to the working directory when inside it."""
    # Lexically (os.path.abspath), never through links: a link is shown by its own name,
    # and a dangling or looping one can still be named.
    try:
        shown = Path(os.path.abspath(path)).relative_to(os.getcwd()).as_posix()
    except (ValueError, OSError):
        shown = path.as_posix()
    # A file name that is not valid UTF-8 reaches Python as surrogates, which no UTF-8
    # stream can print: show its bytes as escapes instead ('caf\\xe9.txt'); a name's own
    # '\\x' is escaped too ('\\x5cx'), so that path_bytes gives back the very bytes.
    shown = shown.replace("\\x", "\\x5cx")
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def path_bytes(shown: str) -> bytes:
    """The bytes of the file name a :func:`display_path` shows (its '\\xNN' escapes undone), for
    what must name the real file: a SARIF URI percent-encodes these bytes (RFC 3986)."""
    import re

    return re.sub(rb"\\x([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), shown.encode("utf-8"))


@dataclass(frozen=True)
class Refused:
    """A path the boundary will not let through, and why (a sentence for a message)."""

    path: Path
    reason: str


def inside(root: Path, named: str) -> Path | Refused:
    """``named`` (as a manifest or config wrote it) resolved under ``root``, or why not."""
    if (
        PurePosixPath(named).is_absolute()
        or PureWindowsPath(named).is_absolute()
        or PureWindowsPath(named).drive
    ):
        return Refused(Path(named), "is an absolute path; name files relative to the corpus directory")
    if "\x00" in named:  # no file system allows it, and it would end the name in C
        return Refused(Path(named.replace("\x00", "")), "holds a NUL character (no file name can)")
    if ".." in PurePosixPath(named.replace("\\", "/")).parts:
        return Refused(Path(named), "climbs out with '..'; name files inside the corpus directory")
    path = root / named
    try:
        real = path.resolve(strict=False)
    except (OSError, RuntimeError):  # a symbolic link loop
        return Refused(path, "is a symbolic link that loops")
    if not real.is_relative_to(root.resolve()):
        return Refused(path, "is a symbolic link to a place outside the corpus directory")
    return path


def regular_file(path: Path) -> Refused | None:
    """None when ``path`` is a regular file (after links) that may be opened; else why not."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return Refused(path, "is a symbolic link to nothing (dangling)")
        return Refused(path, "does not exist")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return Refused(path, "is a symbolic link that loops")
        return Refused(path, f"cannot be read ({exc.strerror})")
    if stat.S_ISDIR(mode):
        return Refused(path, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or socket"
        return Refused(path, f"is {kind}, not a regular file; save the document to a file")
    return None


def walk(root: Path, suffix: str) -> tuple[list[Path], list[Refused]]:
    """Files under ``root`` ending in ``suffix``, sorted, and the ones refused.

    Hidden directories (``.git``) are skipped; no link is followed out of ``root``,
    links to directories are not followed at all (a loop cannot trap the walk), and
    only regular files are returned.
    """
    found: list[Path] = []
    refused: list[Refused] = []
    real_root = root.resolve()
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(directory)
        for name in sorted(filenames):
            if not name.endswith(suffix):
                continue
            path = here / name
            problem = regular_file(path)
            if problem is None and os.path.islink(path) and not path.resolve().is_relative_to(real_root):
                problem = Refused(path, "is a symbolic link to a place outside the corpus directory")
            if problem is None:
                found.append(path)
            elif not problem.reason.startswith("is a directory"):
                refused.append(problem)
        # A link to a directory is listed among dirnames by os.walk and not entered (followlinks=False).
    return sorted(found), refused
