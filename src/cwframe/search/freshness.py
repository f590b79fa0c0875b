"""Is the index still up to date? A digest of every corpus file's path, size and mtime.

Exact, and priced accordingly: one ``stat`` per file, about 40 ms for the 20,000
files of a NOS-directory-sized corpus on a small VM, a third of what ``rg`` needs
to scan them. Trusting directory mtimes would be cheaper but misses a file edited
in place, so instead the command line starts the stat-ing early, in a forked
child, while the parent spends ~50 ms importing the CLI (:func:`start`); the
index then collects the digest (:func:`files_digest`). Where ``fork`` is missing
(Windows), or the guess about which corpus the command will read was wrong, the
digest is computed in-process as before: a wrong guess costs a wasted child,
never a wrong answer.

This module imports only the standard library's cheapest parts, because the
child runs it before anything else is loaded.
"""

from __future__ import annotations

import os

# Subcommands that open the search index, and the root option naming the corpus.
INDEX_COMMANDS = frozenset({"search", "similar", "define"})
_CORPUS_OPTION = "--corpus"

_pending: dict[str, tuple[int, int]] = {}  # resolved corpus path -> (child pid, pipe to read)


def corpus_files(path: str, kind: str) -> list[str]:
    """One line per file whose change makes the index stale: its path, size and
    modification time, NUL-separated; sorted (by path, as NUL sorts first).

    os.scandir on plain strings and one formatted string per file: pathlib's rglob
    and Path sorting took over half a second for 20,000 files, tuples and pickle 20 %
    more than this.
    """
    if kind != "raw":
        st = os.stat(path)
        return [f"{path}\0{st.st_size}\0{st.st_mtime_ns}"]
    # Every file that is not hidden, not only *.txt: a manifest may name a document by any
    # name, and a file that changes needlessly costs a rebuild, a file missed a stale answer.
    # Hidden files and folders too when the manifest may name one (a '.hidden/kp.txt').
    # And through a link to a hidden folder inside the corpus ('docs' -> '.store'), which the
    # loader reads a named file through while the walk would not see it.
    hidden = _names_hidden(os.path.join(path, MANIFEST))
    found: list[str] = []
    stack = [path]
    followed: set[str] = set()
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.name.startswith(".") and not hidden:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                if not hidden and entry.is_symlink() and _hidden_inside(path, entry.path, followed):
                    stack.append(entry.path)
                try:
                    st = entry.stat()
                except OSError:  # a dangling or looping link: its presence is all there is to record
                    found.append(f"{entry.path}\0-\0-")
                    continue
                found.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}")
    found.sort()
    return found


MANIFEST = "manifest.yaml"  # as cwframe.locations.MANIFEST (not imported: the child loads nothing)
_MANIFEST_READ = 16 * 1024 * 1024  # a larger manifest is taken to name hidden files


def _names_hidden(manifest: str) -> bool:
    """Whether a manifest may name a hidden file or folder: a path part starting with '.'
    (not './' or '../'), or a backslash (a YAML escape could spell one). Conservative: a
    false yes costs a slower check, a false no a stale index."""
    import stat

    try:
        if not stat.S_ISREG(os.stat(manifest).st_mode):  # a FIFO would block the read
            return os.path.lexists(manifest)
        with open(manifest, "rb") as file:
            text = file.read(_MANIFEST_READ + 1)
    except OSError:  # none (or unreadable: loading it will say so)
        return False
    if len(text) > _MANIFEST_READ or b"\\" in text or text.count(b".") > _MOST_DOTS:
        return True
    # Each '.' (one a document, '.txt'): a regular expression scanning every byte took
    # 100-250 ms on a 20,000-entry manifest, this loop a few.
    at = text.find(b".")
    while at >= 0:
        if at == 0 or text[at - 1 : at] in _PART_START:
            after = text[at + 1 : at + 3]
            if not (after[:1] in _PART_END or (after[:1] == b"." and after[1:2] in _PART_END)):
                return True  # a part '.x' or '..x', not '.' or '..'
        at = text.find(b".", at + 1)
    return False


_PART_START = frozenset(bytes([c]) for c in b"/ \t\r\n'\"[{,:")
_PART_END = _PART_START - {b"[", b"{", b":"} | {b"", b"}", b"]"}
_MOST_DOTS = 200_000  # a manifest with more is taken to name hidden files (a bounded loop)


def _hidden_inside(root: str, link: str, followed: set[str]) -> bool:
    """Whether a link leads to a folder inside the corpus that the walk skips (a hidden one),
    once per folder (a loop of links ends)."""
    target = os.path.realpath(link)
    base = os.path.realpath(root)
    if target in followed or not os.path.isdir(target) or os.path.commonpath([base, target]) != base:
        return False
    followed.add(target)
    return any(part.startswith(".") for part in os.path.relpath(target, base).split(os.sep))


def _compute(path: str, kind: str) -> str:
    import hashlib

    listing = "\n".join(corpus_files(path, kind)).encode("utf-8", "surrogateescape")
    return hashlib.sha256(listing).hexdigest()


def files_digest(path: str, kind: str) -> str:
    """The digest of :func:`corpus_files`: from the child started for this corpus, else computed now."""
    pending = _pending.pop(path, None)
    if pending is not None:
        pid, fd = pending
        try:
            with os.fdopen(fd, "rb") as pipe:
                digest = pipe.read().decode("ascii")
        finally:
            os.waitpid(pid, 0)
        # The child digests a directory as raw documents; it writes nothing when it failed.
        if kind == "raw" and len(digest) == 64:
            return digest
    return _compute(path, kind)


def corpus_of(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> str | None:
    """The --corpus directory a command line will search, if it will search one; else None.

    Reads only what comes before the subcommand (where the root options are) and
    stops at anything it does not expect: a guess, checked later by the caller.
    """
    corpus = environ.get("CWFRAME_CORPUS") or None
    args = iter(argv)
    for arg in args:
        if arg == _CORPUS_OPTION:
            corpus = next(args, None)
        elif arg.startswith(_CORPUS_OPTION + "="):
            corpus = arg.partition("=")[2]
        elif arg.startswith("-"):
            continue  # --debug; --help and --version exit before any search
        else:
            return corpus if arg in INDEX_COMMANDS and corpus and os.path.isdir(corpus) else None
    return None


def start(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> None:
    """Fork a child that digests the corpus the command line names, if it names a directory.

    Call before any thread exists (fork copies only the calling thread).
    """
    corpus = corpus_of(argv, environ)
    if corpus is None or not hasattr(os, "fork"):
        return
    path = os.path.realpath(corpus)  # what Source.of resolves it to
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return
    try:
        pid = os.fork()
    except OSError:  # no processes left (ulimit -u): the digest is computed in-process
        os.close(read_end)
        os.close(write_end)
        return
    if pid == 0:  # the child: digest, write, and leave without running the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            # Let go of the terminal and of any pipe the parent writes to, so a reader
            # (`cwframe search x | less`) sees the end when the parent ends.
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            # A directory is indexed as raw documents, or as the corpus.json inside it:
            # a different path, which never collects this digest.
            os.write(write_end, _compute(path, "raw").encode("ascii"))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    _pending[path] = (pid, read_end)
