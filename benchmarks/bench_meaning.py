"""Search by meaning without torch (issue #24 item 5): size, load, query and build costs.

    python benchmarks/bench_meaning.py [--corpus DIR] [--repeats N]

Every figure is a median, and every ratio is against a baseline measured in the same run, the
commands compared taken in turn so that a noisy, shared machine affects both alike:

* the package data (the table) and the run-time packages it needs, installed;
* loading the table: a fresh process that loads it against one that only imports cwframe.meaning;
* a query, warm and in process: ``search(..., semantic=True)`` against ``search(...)``;
* a whole ``cwframe search QUERY --semantic`` process against ``cwframe search QUERY``;
* making the vectors of a corpus's statements and words (once per index, on the first search by
  meaning), for the bundled corpus and, with ``--corpus``, a larger one (its index built first).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
QUERIES = ["attachment", "drinking", "sadness", "health and safety", "supervison",
           "what should I know about supervision of staff?", "online safety", "care leavers"]  # fmt: skip


def _size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


def _installed(name: str) -> int:
    spec = importlib.util.find_spec(name)
    return _size(Path(spec.origin).parent) if spec and spec.origin else 0


def _process(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def _pairs(a: list[str], b: list[str], repeats: int, env: dict[str, str]) -> tuple[float, float]:
    for argv in (a, b):
        _process(argv, env)  # warm the page cache and .pyc files
    ta, tb = [], []
    for _ in range(repeats):
        ta.append(_process(a, env))
        tb.append(_process(b, env))
    return statistics.median(ta), statistics.median(tb)


def sizes() -> None:
    from cwframe.meaning import TABLE

    print(f"table (package data): {TABLE.stat().st_size / 1e6:.2f} MB; "
          f"run-time packages installed: numpy {_installed('numpy') / 1e6:.1f} MB, "
          f"tokenizers {_installed('tokenizers') / 1e6:.1f} MB")  # fmt: skip
    if importlib.util.find_spec("torch"):
        print(f"  for comparison, torch {_installed('torch') / 1e6:.0f} MB installed here")


def load_times(repeats: int, env: dict[str, str]) -> None:
    py = str(BIN / "python")
    bare, loaded = _pairs([py, "-c", "import cwframe.meaning"], [py, "-c", "import cwframe.meaning as m; m.load()"],
                          repeats, env)  # fmt: skip
    print(f"load: a process loading the table {loaded * 1000:.0f} ms vs importing cwframe.meaning "
          f"{bare * 1000:.0f} ms: +{(loaded - bare) * 1000:.0f} ms ({loaded / bare:.2f}x)")  # fmt: skip


def query_times(repeats: int) -> None:
    from cwframe.ops.search import open_index, search

    index = open_index(None)
    for q in QUERIES:  # warm: the model, the vectors, the caches
        search(index, q), search(index, q, semantic=True)
    plain, meant = [], []
    for _ in range(repeats):
        for q in QUERIES:
            start = time.perf_counter()
            search(index, q)
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            search(index, q, semantic=True)
            meant.append(time.perf_counter() - start)
    p, m = statistics.median(plain), statistics.median(meant)
    print(f"warm query in process ({len(QUERIES)} queries x {repeats}): --semantic {m * 1000:.1f} ms vs "
          f"{p * 1000:.1f} ms ({m / p:.2f}x); p95 {sorted(meant)[int(0.95 * len(meant))] * 1000:.1f} vs "
          f"{sorted(plain)[int(0.95 * len(plain))] * 1000:.1f} ms")  # fmt: skip


def process_times(repeats: int, env: dict[str, str]) -> None:
    cw = str(BIN / "cwframe")
    for q in ("attachment", "drinking"):
        plain, meant = _pairs([cw, "search", q], [cw, "search", q, "--semantic"], repeats, env)
        print(f"whole process 'cwframe search {q}': --semantic {meant * 1000:.0f} ms vs {plain * 1000:.0f} ms "
              f"({meant / plain:.2f}x)")  # fmt: skip


def build_times(corpus: Path | None) -> None:
    from cwframe.meaning import load
    from cwframe.ops.search import open_index, search

    embedder = load()
    for name, path in (
        (("bundled corpus", None), (str(corpus), corpus)) if corpus else (("bundled corpus", None),)
    ):
        start = time.perf_counter()
        index = open_index(path)
        opened = time.perf_counter() - start
        for kept in index.path.glob("*.npy"):
            kept.unlink()
        index.__dict__.pop("_vectors", None)
        start = time.perf_counter()
        search(index, "sadness", semantic=True)
        first = time.perf_counter() - start
        start = time.perf_counter()
        search(index, "drinking", semantic=True)
        second = time.perf_counter() - start
        kept = sum(p.stat().st_size for p in index.path.glob(f"*{embedder.name}.npy"))
        print(f"{name}: {index.docs} distinct texts; the first search by meaning {first:.2f} s (making the "
              f"vectors, {kept / 1e6:.1f} MB beside the index), the next {second * 1000:.0f} ms; "
              f"opening (and, if needed, building) the index took {opened:.1f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument(
        "--corpus", type=Path, default=None, help="a larger corpus (e.g. /tmp/cwframe-nos-2000)"
    )
    args = parser.parse_args()
    env = {**os.environ, "CWFRAME_CACHE_DIR": os.environ.get("CWFRAME_CACHE_DIR") or tempfile.mkdtemp()}
    os.environ["CWFRAME_CACHE_DIR"] = env["CWFRAME_CACHE_DIR"]
    sizes()
    load_times(args.repeats, env)
    build_times(args.corpus)
    query_times(args.repeats)
    process_times(args.repeats, env)


if __name__ == "__main__":
    main()
