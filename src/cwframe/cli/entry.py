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
import os
import sys


def main() -> None:
    """``cwframe``."""
    from cwframe.search import freshness

    freshness.start(sys.argv[1:], os.environ)
    from cwframe.cli.app import app

    try:
        app()  # click's standalone mode ends every run with SystemExit
    except SystemExit as done:
        _exit(done.code)


def _exit(code: object) -> None:
    if code is not None and not isinstance(code, int):  # sys.exit("message")
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()  # what a normal exit would run (temporary files, pools, logging)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away (`| head`); closed
            pass
    os._exit(code or 0)
