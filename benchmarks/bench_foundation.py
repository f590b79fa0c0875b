"""Foundation figures: parse time of the five documents; `cwframe list` start-up.

Prints medians and ratios measured in one run, interleaving the commands being
compared so that a noisy, shared machine affects both alike. Run with the
virtual environment's own Python (`make bench`), so `cwframe` is its bin/ script,
not a shim.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _time_process(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def parse_times(repeats: int) -> list[float]:
    """Seconds to parse all five raw documents (fresh parse, modules already imported)."""
    from cwframe import load_raw

    load_raw(ROOT / "data/raw")  # warm imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_raw(ROOT / "data/raw")
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    parse = parse_times(args.repeats)
    print(
        f"parse all five documents: median {statistics.median(parse) * 1000:.1f} ms "
        f"(min {min(parse) * 1000:.1f} ms, {args.repeats} runs)"
    )

    baseline_cmd = [str(BIN / "python"), "-c", "import typer, rich, pydantic"]
    list_cmd = [str(BIN / "cwframe"), "list"]
    for cmd in (baseline_cmd, list_cmd):  # warm the page cache and .pyc files
        _time_process(cmd)
    baseline, listing = [], []
    for _ in range(args.repeats):
        baseline.append(_time_process(baseline_cmd))
        listing.append(_time_process(list_cmd))
    b, c = statistics.median(baseline), statistics.median(listing)
    print(f"python -c 'import typer, rich, pydantic': median {b * 1000:.0f} ms")
    print(f"cwframe list (whole process):            median {c * 1000:.0f} ms")
    print(f"ratio cwframe list / imports: {c / b:.2f}")


if __name__ == "__main__":
    main()
