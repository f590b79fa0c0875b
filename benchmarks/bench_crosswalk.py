"""Crosswalk at NOS-directory scale: a generated corpus onto the SDF, cold (index built) and warm.

    python benchmarks/make_corpus.py /tmp/cwframe-nos --units 20000
    python benchmarks/bench_crosswalk.py /tmp/cwframe-nos

Runs the whole `cwframe crosswalk nos sdf --source-corpus DIR` process (the venv's own
bin/cwframe), first with an empty index cache, then again; prints wall time and peak
memory of each, and the same for the bundled framework-onto-framework crosswalks.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    corpus = Path(sys.argv[1]).resolve()
    env = {**os.environ, "CWFRAME_CACHE_DIR": tempfile.mkdtemp(prefix="cwframe-bench-")}
    out = Path(env["CWFRAME_CACHE_DIR"]) / "map.jsonl"
    argv = [
        str(BIN / "cwframe"),
        "crosswalk",
        "nos",
        "sdf",
        "--source-corpus",
        str(corpus),
        "-f",
        "json",
        "-o",
        str(out),
    ]
    cold = run(argv, env)
    warm = run(argv, env)
    print(f"{corpus}: cold (index built) {cold[0]:.1f} s; warm {warm[0]:.1f} s (target < 120 s); "
          f"{sum(1 for _ in out.open(encoding='utf-8'))} distinct texts mapped")  # fmt: skip
    for pair in (("nos", "sdf"), ("pcf", "sdf"), ("nos", "pcf")):
        seconds, _ = run([str(BIN / "cwframe"), "crosswalk", *pair], env)
        print(f"bundled {pair[0]} -> {pair[1]}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
