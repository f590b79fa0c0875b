"""A progress bar on stderr for long library operations (the library only calls back)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from cwframe.cli.options import stderr


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """Yields a callback(done, total); the bar (and rich.progress) appear only once it is called."""
    state: list = []  # [Progress, task id] once started

    def update(done: int, total: int) -> None:
        if not state:
            if not sys.stderr.isatty():  # a log file or CI: no bar (a stopped bar leaves an empty line)
                state.append(None)
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,  # fmt: skip
            )

            bar = Progress(
                TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                TextColumn("eta"), TimeRemainingColumn(), console=stderr(), transient=True,
            )  # fmt: skip
            bar.start()
            state.extend([bar, bar.add_task(description, total=total)])
        if state[0] is not None:
            state[0].update(state[1], completed=done, total=total)

    try:
        yield update
    finally:
        if state and state[0] is not None:
            state[0].stop()
