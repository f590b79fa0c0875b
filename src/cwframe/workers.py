"""Work spread over worker processes, one per core, results in order.

Used where a directory-sized corpus is read (the search index, validate, a streamed
crosswalk): each job is independent and results come back in job order, so callers
can give the same output whatever the number of cores; small inputs stay in this
process (starting workers costs more than they save).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


def cores(workers: int | None = None) -> int:
    """How many worker processes to use: as asked, else one per core (at most eight)."""
    return workers or min(os.cpu_count() or 1, 8)


def in_order(function: Callable[[Job], Result], jobs: list[Job], *, workers: int | None = None, minimum: int = 2,
             chunksize: int = 1, initializer: Callable[..., None] | None = None, initargs: Iterable = ()
             ) -> Iterator[Result]:  # fmt: skip
    """``function(job)`` for every job, in job order: in forked worker processes when there
    are at least ``minimum`` jobs and more than one worker, else here.

    ``initializer(*initargs)`` starts each worker; in this process it is called with no
    arguments (initargs are for what workers must hand back, e.g. where to write on exit).
    The workers are closed and joined, not killed, once every result is read: their exit
    handlers run.
    """
    workers = cores(workers)
    if workers <= 1 or len(jobs) < minimum:
        if initializer is not None:
            initializer()
        yield from map(function, jobs)
        return
    import multiprocessing

    # fork is much cheaper than spawn, and safe here: the callers hold no threads or locks yet.
    method = "fork" if sys.platform.startswith("linux") else None
    pool = multiprocessing.get_context(method).Pool(workers, _start_worker, (initializer, *initargs))
    try:
        yield from pool.imap(function, jobs, chunksize=chunksize)
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def _start_worker(initializer: Callable[..., None] | None, *initargs: object) -> None:
    """A worker leaves Ctrl-C to the main process, which stops the pool and says "interrupted"
    once (else every worker printed its own KeyboardInterrupt traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
