"""Issue #27's quadratic paths (class `time`): each input grown 1x, 10x and 100x, the unchanged code
against this checkout, in the same run; and validate / export -f xlsx against input size on a corpus.

    python benchmarks/bench_hostile.py --before /work/wt-h27-base/src [--cap 60] [--only NAME ...]
    python benchmarks/bench_hostile.py --corpus /tmp/cwframe-nos-20000 [--before SRC] [--cap 600]

Each figure is one whole `python -m cwframe` process, run with PYTHONPATH set to the side's `src`
(this virtual environment for both): wall seconds, and CPU seconds of the process and its workers
(user + system), which a shared machine disturbs less. A run past ``--cap`` seconds is stopped and
shown as "> cap"; once one size of a path is past it, the larger ones of that side are not run.
The 10x size is the one the issue measured (tests/test_hostile_time.py), so that the 1x work is
not lost in start-up; "start" is the same command on an input of size 1 (the median of three),
what every size pays before its input counts. The ratios t(10x)/t(1x) and t(100x)/t(1x) are of
the whole process's CPU time (start-up included, so below 10 and 100 where start-up weighs;
linear work: at most about 10 and 100; quadratic: about 100 and 10,000).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import hostile_inputs as grown  # noqa: E402

# name: (builder, size at 1x, the command's arguments)
PATHS: dict[str, tuple[Callable[[int], grown.Files], int, list[str]]] = {
    "validate: drift word diff (drift_units)": (grown.drift_units, 7_000, ["validate", "u1.txt", "u2.txt", "u3.txt"]),
    "validate: drift, edited at both ends (drift_spread)": (grown.drift_spread, 7_000, ["validate", "u1.txt", "u2.txt", "u3.txt"]),
    "diff: criteria all alike (diff_units)": (grown.diff_units, 340, ["diff", "old.txt", "new.txt", "-f", "json"]),
    "list: a line of '[' (bracket_line)": (grown.bracket_line, 30_000, ["--corpus", "kp.txt", "list"]),
    "list: '[x](y' never closed (link_line)": (grown.link_line, 10_000, ["--corpus", "kp.txt", "list"]),
    "list: PCF cell of unclosed <p> (pcf_unclosed)": (grown.pcf_unclosed, 5_000, ["--corpus", "pcf.txt", "list"]),
    "list: PCF cell of unclosed <ul (pcf_unclosed_list)": (grown.pcf_unclosed_list, 20_000, ["--corpus", "pcf.txt", "list"]),
    "list: PCF row label of spaces (pcf_spaced_label)": (grown.pcf_spaced_label, 15_000, ["--corpus", "pcf.txt", "list"]),
    "validate: one long unknown word (long_word)": (grown.long_word, 200, ["validate", "kp.txt"]),
    "validate: distinct unknown words (unknown_words)": (grown.unknown_words, 100, ["validate", "kp.txt"]),
    "export -f xlsx (many_criteria)": (grown.many_criteria, 2_000, ["--corpus", "many.txt", "export", "-f", "xlsx", "-o", "out.xlsx"]),
    "export -f sqlite, for reference (many_criteria)": (grown.many_criteria, 2_000, ["--corpus", "many.txt", "export", "-f", "sqlite", "-o", "out.sqlite"]),
}  # fmt: skip
FACTORS = (1, 10, 100)


def run(argv: list[str], src: Path, cwd: Path, cap: float) -> tuple[float, float] | None:
    """(wall, CPU seconds) of one process and its children, or None past ``cap``."""
    env = {**os.environ, "PYTHONPATH": str(src), "CWFRAME_CACHE_DIR": str(cwd / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "cwframe", *argv], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=cap, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return None  # the child is killed; its CPU is not counted (it was never waited for)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def lay_out(files: grown.Files) -> Path:
    directory = Path(tempfile.mkdtemp(prefix="cwframe-hostile-"))
    for name, content in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(content)
    return directory


def shown(figure: tuple[float, float] | None, cap: float) -> str:
    return f"> {cap:.0f}" if figure is None else f"{figure[0]:.2f} / {figure[1]:.2f}"


def ratios(figures: list[tuple[float, float] | None]) -> str:
    if figures[0] is None:
        return "–"
    return " / ".join(f"{f[1] / figures[0][1]:.1f}" if f is not None else "–" for f in figures[1:])


def paths(sides: dict[str, Path], cap: float, only: list[str]) -> None:
    print("| path | side | start s | 1x wall / CPU s | 10x | 100x | CPU t(10x)/t(1x) / t(100x)/t(1x) |")
    print("|---|---|---|---|---|---|---|")
    for name, (build, size, argv) in PATHS.items():
        if only and not any(o in name for o in only):
            continue
        for side, src in sides.items():
            starts = sorted(f[1] for f in (run(argv, src, lay_out(build(1)), cap) for _ in range(3)) if f)
            start_cpu = starts[len(starts) // 2] if starts else 0.0
            figures: list[tuple[float, float] | None] = []
            for factor in FACTORS:
                past = bool(figures) and figures[-1] is None
                figures.append(None if past else run(argv, src, lay_out(build(size * factor)), cap))
            print(f"| {name} ({size:,} x) | {side} | {start_cpu:.2f} | "
                  + " | ".join(shown(f, cap) for f in figures) + f" | {ratios(figures)} |", flush=True)  # fmt: skip


def corpus(directory: Path, sides: dict[str, Path], cap: float, before_cap: float, only: list[str]) -> None:
    files = sorted((directory / "units").glob("*.txt"))
    megabytes = sum(f.stat().st_size for f in files) / 2**20
    print(f"\n{directory}: {len(files):,} documents, {megabytes:.0f} MB")
    print("| command | side | wall s | CPU s | CPU s per MB |")
    print("|---|---|---|---|---|")
    out = Path(tempfile.mkdtemp(prefix="cwframe-hostile-"))
    commands = {
        "validate": ["validate", str(directory), "-f", "json"],
        "export -f sqlite": [
            "--corpus",
            str(directory),
            "export",
            "-f",
            "sqlite",
            "-o",
            str(out / "c.sqlite"),
        ],
        "export -f xlsx": ["--corpus", str(directory), "export", "-f", "xlsx", "-o", str(out / "c.xlsx")],
    }
    for what, argv in commands.items():
        if only and not any(o in what for o in only):
            continue
        for side, src in sides.items():
            limit = before_cap if side == "before" else cap
            figure = run(argv, src, out, limit)
            per = "–" if figure is None else f"{figure[1] / megabytes:.2f}"
            wall, cpu = (
                (f"> {limit:.0f}", "–") if figure is None else (f"{figure[0]:.1f}", f"{figure[1]:.1f}")
            )
            print(f"| {what} | {side} | {wall} | {cpu} | {per} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="the unchanged code's src directory")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds a run may take")
    parser.add_argument(
        "--before-cap", type=float, help="seconds a run of the unchanged code may take (--cap)"
    )
    parser.add_argument(
        "--only", nargs="*", default=[], help="paths (or corpus commands) whose name contains one of these"
    )
    parser.add_argument("--corpus", type=Path, help="a corpus by make_corpus.py: validate and exports on it")
    parser.add_argument("--after-only", action="store_true", help="with --before: skip the before side here")
    args = parser.parse_args()
    sides = {"after": ROOT / "src"}
    if args.before and not args.after_only:
        sides = {"before": args.before, **sides}
    if args.corpus:
        corpus(args.corpus, sides, args.cap, args.before_cap or args.cap, args.only)
    else:
        paths(sides, args.cap, args.only)


if __name__ == "__main__":
    main()
