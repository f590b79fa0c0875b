"""What a designer waits for: `crosswalk nos sdf` with the shipped reviews applied, against the
machine's suggestions alone (--no-reviews), and a review workbook's round trip (written with
-f xlsx, then read back with --decisions), as whole processes, medians of N runs, same run.

    python benchmarks/bench_review.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CWFRAME = str(Path(sys.executable).with_name("cwframe"))


def _time(args: list[str], runs: int) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [CWFRAME, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp, "review.xlsx")
        cases = {
            "crosswalk nos sdf (reviews applied)": ["crosswalk", "nos", "sdf"],
            "crosswalk nos sdf --no-reviews": ["crosswalk", "nos", "sdf", "--no-reviews"],
            "write the review workbook (-f xlsx)": ["crosswalk", "nos", "sdf", "-f", "xlsx", "-o", str(book)],
        }
        medians = {}
        for name, args in cases.items():
            medians[name] = _time(args, runs)
        medians["read it back (--decisions review.xlsx)"] = _time(
            ["crosswalk", "nos", "sdf", "--decisions", str(book), "-f", "json"], runs
        )
    base = medians["crosswalk nos sdf --no-reviews"]
    for name, value in medians.items():
        print(f"{name:42} {value * 1000:7.0f} ms  {value / base:4.2f}x --no-reviews")


if __name__ == "__main__":
    main()
