"""The console-script entry point, kept free of heavy imports.

Two things here are about start-up and exit time, which a search pays in full:

* before the CLI is imported (~50 ms: typer, click, the command), a search on a
  corpus directory starts checking that directory's files in a forked child, so
  the index freshness check costs no wall time (see cwframe.search.freshness);
* after the command, the output is flushed and the exit handlers run, and then the
  process ends without the interpreter freeing every object one by one (~10 ms).
"""

from __future__ import annotations

import atexit
import io
import os
import sys

INTERRUPTED = 130  # the shells' code for a command stopped by Ctrl-C (128 + SIGINT)


def main() -> None:
    """``cwframe``."""
    if sys.stdout is None:  # started with stdout closed (`cwframe list >&-`)
        sys.stdout = _ClosedStream()
    from cwframe.search import freshness

    freshness.start(sys.argv[1:], os.environ)
    from cwframe.cli.app import app

    try:
        # Not click's standalone mode: a usage error comes back here to be said in one line.
        code = app(standalone_mode=False, prog_name="cwframe")
        if code == INTERRUPTED:  # typer turns Ctrl-C into a silent exit 130; say why we stopped
            _fail("interrupted", INTERRUPTED)
        _exit(code if isinstance(code, int) else 0)
    except SystemExit as done:
        _exit(done.code)
    except KeyboardInterrupt:
        _fail("interrupted", INTERRUPTED)
    except Exception as error:  # noqa: BLE001 - the last line of defence: never a traceback
        # Click's own exceptions, recognised by shape: typer may carry its own copy of click.
        kind = type(error).__name__
        if kind == "Exit":
            _exit(getattr(error, "exit_code", 0))
        if kind == "Abort":
            _fail("interrupted", INTERRUPTED)
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            _fail(usage_message(error), 2)
        if "--debug" in sys.argv[1:]:
            raise
        _fail(last_resort_message(error), 3 if _is_bug(error) else 2)


def usage_message(error) -> str:  # noqa: ANN001 - a click.ClickException
    """A usage mistake in one line, with where to look: 'error: no such option: --bogus (cwframe list --help)'."""
    message = error.format_message()
    context = getattr(error, "ctx", None)
    where = f" ({context.command_path} --help)" if context is not None else ""
    return f"error: {message[:1].lower()}{message[1:]}{where}"


def _is_bug(error: BaseException) -> bool:
    return not isinstance(error, OSError | RecursionError | MemoryError)


def last_resort_message(error: BaseException) -> str:
    """One line for an error no command turned into a message of its own (docs/errors.md)."""
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"error: {where}{error.strerror or error} (the output or a file could not be read or written)"
    if isinstance(error, RecursionError):
        return "error: an input is nested too deeply to process"
    if isinstance(error, MemoryError):
        return "error: an input is too large for the memory available"
    return (f"internal error: {type(error).__name__}: {error} — this is a bug in cwframe; run the command "
            "again with --debug to see where, and report it")  # fmt: skip


class _ClosedStream(io.TextIOBase):
    """What stdout is when the process was started without one: writing to it is an error that
    says so (one line on stderr, exit 2), never a traceback; a command that writes a file with -o
    needs no stdout and runs as usual."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed; nothing could be written")

    def isatty(self) -> bool:
        return False


def _fail(message: str, code: int) -> None:
    from cwframe.render.visible import visible  # a message may quote a document or a file name

    try:
        sys.stderr.write(visible(message.replace("\n", " ")) + "\n")
    except (OSError, ValueError):
        pass
    _exit(code)


def _exit(code: object) -> None:
    if code is not None and not isinstance(code, int):  # sys.exit("message")
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()  # what a normal exit would run (temporary files, pools, logging)
    for stream in (sys.stdout, sys.stderr):
        if stream is None or isinstance(stream, _ClosedStream):
            continue
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away (`| head`); closed
            pass
        except OSError as error:  # a full disk or /dev/full behind stdout: the output is incomplete
            if stream is sys.stdout:
                _discard_stdout()
                _fail(f"error: cannot write the output: {error.strerror or error}", 2)
    os._exit(code or 0)


def _discard_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
