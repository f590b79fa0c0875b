"""Issue #14's targets, at one or more corpus sizes, in one run.

    python benchmarks/bench_scale.py 2000 5000 20000

For each size, writes (once) `/tmp/cwframe-nos-<N>` with make_corpus.py, then measures:

* index build: the whole `cwframe --corpus DIR search …` process with an empty cache,
  wall time and peak memory of the process tree (the parse workers included: the sum
  of every process's RSS, sampled every 50 ms from /proc);
* warm in-process latency by query class (bench_search.py's mix: single words drawn by
  frequency, two words, prefix, phrase, misspelt), median and p95 of 3 runs a query;
* whole `cwframe search` process against `rg -i` on the same files, by class,
  interleaved, the ratio of medians;
* `cwframe crosswalk nos sdf --source-corpus DIR` (index already built) and
  `cwframe validate DIR`: wall time and peak tree memory;

and once, `cwframe search attachment` on the bundled corpus against
`python -c "import typer, rich, pydantic"`. Prints a table per measure, sizes side by
side, with the issue's targets. Run it with the virtual environment's Python.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import make_queries, pct, rg_argv, sample_texts, timed  # noqa: E402

BIN = Path(sys.executable).parent
CWFRAME = str(BIN / "cwframe")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            pass
        stack.extend(children.get(pid, ()))
    return total


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the process tree, exit code) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak / 2**20, code


@contextlib.contextmanager
def revision_source(revision: str) -> Iterator[Path]:
    """An earlier revision's ``src`` in a temporary git worktree (removed afterwards), to run
    its code with this checkout's virtual environment (PYTHONPATH) beside this checkout's."""
    root = Path(__file__).resolve().parents[1]
    worktree = Path(tempfile.mkdtemp(prefix="cwframe-compare-")) / "before"
    subprocess.run(
        ["git", "-C", str(root), "worktree", "add", "--detach", "-q", str(worktree), revision], check=True
    )
    try:
        yield worktree / "src"
    finally:
        subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", str(worktree)], check=False)


def corpus_of(units: int) -> Path:
    path = Path(f"/tmp/cwframe-nos-{units}")
    if not (path / "manifest.yaml").is_file():
        subprocess.run([str(BIN / "python"), str(Path(__file__).parent / "make_corpus.py"), str(path),
                        "--units", str(units)], check=True)  # fmt: skip
    return path


def warm_latency(corpus: Path, queries: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    from cwframe.ops.search import open_index, search

    index = open_index(corpus)
    out = {}
    for kind, items in queries.items():
        latencies = []
        for q in items:
            search(index, q, limit=20)  # warm
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                search(index, q, limit=20)
                runs.append(time.perf_counter() - start)
            latencies.append(statistics.median(runs))
        out[kind] = (statistics.median(latencies) * 1000, pct(latencies, 0.95) * 1000)
    index.close()
    return out


def whole_process(corpus: Path, queries: dict[str, list[str]], env: dict[str, str], per_class: int
                  ) -> dict[str, tuple[float, float]]:  # fmt: skip
    """Per class: (cwframe median ms, rg median ms), interleaved."""
    out = {}
    for kind, items in queries.items():
        ours, theirs = [], []
        for q in items[:per_class]:
            for _ in range(2):
                ours.append(timed([CWFRAME, "--corpus", str(corpus), "search", q, "-n", "20"], env))
                theirs.append(timed(rg_argv(q, corpus)))
        out[kind] = (statistics.median(ours) * 1000, statistics.median(theirs) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="*", default=[2000, 5000, 20000])
    parser.add_argument(
        "--per-class", type=int, default=10, help="queries per class timed as whole processes"
    )
    parser.add_argument("--skip", default="", help="measures to leave out, comma-separated: search, process, "
                        "crosswalk, validate, bundled")  # fmt: skip
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    # Processes run as an installed tool runs: with compiled bytecode. (Where
    # PYTHONDONTWRITEBYTECODE is set, an editable install recompiles every module of
    # cwframe at each start, ~25 ms that no user's `pip install` pays.)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    import cwframe

    compileall.compile_dir(str(Path(cwframe.__file__).parent), quiet=1)
    rows: dict[str, dict[int, str]] = {}

    def put(what: str, size: int, value: str) -> None:
        rows.setdefault(what, {})[size] = value
        print(f"{size:>6} units  {what}: {value}", file=sys.stderr, flush=True)

    for size in args.sizes:
        corpus = corpus_of(size)
        cache = tempfile.mkdtemp(prefix="cwframe-scale-")
        env = {**os.environ, "CWFRAME_CACHE_DIR": cache}
        os.environ["CWFRAME_CACHE_DIR"] = cache
        seconds, mb, _ = measured([CWFRAME, "--corpus", str(corpus), "search", "attachment"], env)
        put("index build: s / peak MB (≤ 60 s, ≤ 1024 MB)", size, f"{seconds:.1f} / {mb:.0f}")
        on_disk = sum(p.stat().st_size for p in Path(cache).rglob("*") if p.is_file()) / 2**20
        put("index on disk, MB", size, f"{on_disk:.0f}")
        rng = random.Random(7)
        queries = make_queries(sample_texts(corpus, 400, rng), rng)
        for kind, (median, p95) in ({} if "search" in skip else warm_latency(corpus, queries)).items():
            put(f"warm {kind}: median / p95 ms (p95 ≤ 30)", size, f"{median:.1f} / {p95:.1f}")
        for kind, (ours, rg) in (
            {} if "process" in skip else whole_process(corpus, queries, env, args.per_class)
        ).items():
            put(
                f"process {kind}: cwframe / rg -i ms, ratio (≤ 0.8)",
                size,
                f"{ours:.0f} / {rg:.0f}, {ours / rg:.2f}",
            )
        if "crosswalk" not in skip:
            out = Path(cache) / "map.jsonl"
            seconds, mb, _ = measured([CWFRAME, "crosswalk", "nos", "sdf", "--source-corpus", str(corpus), "-f",
                                       "json", "-o", str(out)], env)  # fmt: skip
            put(
                "crosswalk --source-corpus: s / peak MB (≤ 300 s, ≤ 1024 MB)",
                size,
                f"{seconds:.1f} / {mb:.0f}",
            )
        if "validate" not in skip:
            seconds, mb, _ = measured([CWFRAME, "validate", str(corpus), "-f", "json"], env)
            put("validate: s / peak MB (≤ 120 s, ≤ 2048 MB)", size, f"{seconds:.1f} / {mb:.0f}")
        subprocess.run(["rm", "-rf", cache], check=False)

    b = o = float("nan")
    if "bundled" not in skip:
        base_cmd = [str(BIN / "python"), "-c", "import typer, rich, pydantic"]
        ours_cmd = [CWFRAME, "search", "attachment"]
        env = {**os.environ, "CWFRAME_CACHE_DIR": tempfile.mkdtemp(prefix="cwframe-scale-")}
        timed(ours_cmd, env), timed(base_cmd)
        base, ours = [], []
        for _ in range(15):
            base.append(timed(base_cmd))
            ours.append(timed(ours_cmd, env))
        b, o = statistics.median(base), statistics.median(ours)

    sizes = args.sizes
    print("| measure | " + " | ".join(f"{s:,} units" for s in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for what, values in rows.items():
        print(f"| {what} | " + " | ".join(values.get(s, "") for s in sizes) + " |")
    print(f"\nbundled corpus: `cwframe search attachment` {o * 1000:.0f} ms, `python -c \"import typer, rich, "
          f"pydantic\"` {b * 1000:.0f} ms: ratio {o / b:.2f} (≤ 1.5)")  # fmt: skip


if __name__ == "__main__":
    main()
