"""Search at NOS-directory scale: index build, warm query latency, whole-process time vs rg.

Usage (after `python benchmarks/make_corpus.py DIR`):

    python benchmarks/bench_search.py DIR

Prints medians and ratios measured in one run, commands compared side by side
(interleaved) so that a noisy, shared machine affects both alike. Run it with the
virtual environment's Python: `cwframe` is then its own bin/ script, not a shim.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STOP = set("a an and are as at be by for from has have in into is it its of on or that the their them these they "
           "this to was were which who will with within".split())  # fmt: skip


def sample_texts(corpus: Path, files: int, rng: random.Random) -> list[str]:
    paths = sorted((corpus / "units").glob("*.txt"))
    texts = []
    for path in rng.sample(paths, min(files, len(paths))):
        texts += re.findall(r"^[PK]\d+ (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return texts


def make_queries(texts: list[str], rng: random.Random) -> dict[str, list[str]]:
    tokens = [re.findall(r"[a-z]+", t.lower()) for t in texts]
    flat = [w for ws in tokens for w in ws if len(w) >= 4 and w not in STOP]
    long_words = [w for w in flat if len(w) >= 7]
    pairs, phrases = [], []
    while len(pairs) < 20:
        ws = rng.choice(tokens)
        if len(ws) > 2:
            i = rng.randrange(len(ws) - 1)
            if ws[i] not in STOP and ws[i + 1] not in STOP:
                pairs.append(f"{ws[i]} {ws[i + 1]}")
    while len(phrases) < 10:
        ws = rng.choice(tokens)
        if len(ws) > 3:
            i = rng.randrange(len(ws) - 2)
            if ws[i] not in STOP and ws[i + 2] not in STOP:
                phrases.append(f'"{ws[i]} {ws[i + 1]} {ws[i + 2]}"')
    vocabulary = set(flat)
    misspelt = []
    while len(misspelt) < 10:
        w = rng.choice(long_words)
        i = rng.randrange(1, len(w) - 2)
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if typo not in vocabulary:
            misspelt.append(typo)
    return {
        "single word": [rng.choice(flat) for _ in range(50)],
        "two words": pairs,
        "prefix": [rng.choice(long_words)[:5] + "*" for _ in range(10)],
        "phrase": phrases,
        "misspelt": misspelt,
    }


def rg_argv(query: str, corpus: Path) -> list[str]:
    if query.endswith("*"):
        return ["rg", "-i", query[:-1] + r"\w*", str(corpus)]
    return ["rg", "-i", "-F", query.strip('"'), str(corpus)]


def timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--process-queries",
        type=int,
        default=0,
        help="queries per class for whole-process timing (default: all of them)",
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    rng = random.Random(args.seed)
    cache = Path(tempfile.mkdtemp(prefix="cwframe-bench-"))
    os.environ["CWFRAME_CACHE_DIR"] = str(cache)
    env = {**os.environ}

    from cwframe.search import engine
    from cwframe.search.index import Source, ensure

    source = Source.of(corpus)
    start = time.perf_counter()
    path = ensure(source, rebuild=True)
    build = time.perf_counter() - start
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    size = sum(p.stat().st_size for p in corpus.rglob("*.txt"))
    index = engine.Index(path)
    members = index.db.execute("SELECT COUNT(*) FROM members").fetchone()[0]
    print(
        f"corpus: {len(list((corpus / 'units').glob('*.txt')))} units, {members} statements, {size / 1e6:.0f} MB"
    )
    print(f"index build: {build:.1f} s (target 60 s), peak RSS {peak / 1024:.0f} MB, index {path.stat().st_size / 1e6:.0f} MB, "
          f"{index.docs} distinct texts")  # fmt: skip

    queries = make_queries(sample_texts(corpus, 400, rng), rng)
    print("\nin-process warm latency (median of 3 runs per query)")
    every: list[float] = []
    inexact = overlaps = 0
    for kind, items in queries.items():
        latencies = []
        for q in items:
            engine.search(index, q, limit=20)  # warm
            runs = []
            for _ in range(3):
                t = time.perf_counter()
                result = engine.search(index, q, limit=20)
                runs.append(time.perf_counter() - t)
            latencies.append(statistics.median(runs))
            if not result.exact:
                inexact += 1
                budget, engine.POSTINGS_BUDGET = engine.POSTINGS_BUDGET, None
                full = engine.search(index, q, limit=20)
                engine.POSTINGS_BUDGET = budget
                shown = {h.id for h in result.hits}
                overlaps += len(shown & {h.id for h in full.hits}) / max(len(full.hits), 1)
        every += latencies
        print(f"  {kind:12} n={len(items):3}  median {statistics.median(latencies) * 1000:6.1f} ms  "
              f"p95 {pct(latencies, 0.95) * 1000:6.1f} ms")  # fmt: skip
    print(f"  {'all':12} n={len(every):3}  median {statistics.median(every) * 1000:6.1f} ms (target 20)  "
          f"p95 {pct(every, 0.95) * 1000:6.1f} ms (target 100)")  # fmt: skip
    if inexact:
        print(
            f"  {inexact} queries hit the postings budget; their top 20 shares {overlaps / inexact:.0%} "
            f"with exhaustive scoring"
        )
    else:
        print("  every query's top 20 was proven exact (no postings budget cut)")

    cwframe = str(BIN / "cwframe")
    print(f"\nwhole process: cwframe search vs rg -i, interleaved, {args.rounds} rounds of each query "
          "(n = runs; the ratio is of medians)")  # fmt: skip
    timed([cwframe, "--corpus", str(corpus), "search", "warm"], env)
    for kind, items in queries.items():
        ours, theirs = [], []
        for q in items[: args.process_queries or None]:
            for _ in range(args.rounds):
                ours.append(timed([cwframe, "--corpus", str(corpus), "search", q, "-n", "20"], env))
                theirs.append(timed(rg_argv(q, corpus)))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"  {kind:12} n={len(ours):3}  cwframe {a * 1000:4.0f} ms (p95 {pct(ours, 0.95) * 1000:4.0f})   "
              f"rg {b * 1000:4.0f} ms (p95 {pct(theirs, 0.95) * 1000:4.0f})   ratio {a / b:.2f} (target ≤ 1.2)")  # fmt: skip

    print("\nbundled corpus: cwframe search attachment vs python -c 'import typer, rich, pydantic'")
    base_cmd = [str(BIN / "python"), "-c", "import typer, rich, pydantic"]
    ours_cmd = [cwframe, "search", "attachment"]
    timed(ours_cmd, env), timed(base_cmd)
    base, ours = [], []
    for _ in range(15):
        base.append(timed(base_cmd))
        ours.append(timed(ours_cmd, env))
    b, o = statistics.median(base), statistics.median(ours)
    print(
        f"  imports {b * 1000:.0f} ms   cwframe search attachment {o * 1000:.0f} ms   ratio {o / b:.2f} (target ≤ 2)"
    )
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
