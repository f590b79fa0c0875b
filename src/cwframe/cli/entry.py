"""The console-script entry point, kept free of heavy imports.

Before the CLI is imported (~50 ms: typer, click and the commands), a search on a
corpus directory starts checking that directory's files in a forked child, so that
the index freshness check costs no wall time (see cwframe.search.freshness).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """``cwframe``."""
    from cwframe.search import freshness

    freshness.start(sys.argv[1:], os.environ)
    from cwframe.cli.app import app

    app()
