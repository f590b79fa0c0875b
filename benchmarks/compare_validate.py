"""`cwframe validate DIR` with an earlier revision's code and this checkout's, side by side.

    python benchmarks/compare_validate.py REV [UNITS] [ROUNDS]     # e.g. 8a21479 20000 2

The revision is checked out in a temporary git worktree; both run with this checkout's
virtual environment (``python -m cwframe`` with PYTHONPATH set to each ``src``), on the
same corpus (`make_corpus.py`, written once to /tmp/cwframe-nos-UNITS), alternately, so
that the shared machine's load falls on both alike. Prints wall seconds, CPU seconds (user +
system of the whole process tree, workers included: steadier than wall time on a shared
machine) and peak memory of the process tree (bench_scale.measured) per run, the ratios of
the medians, and how many findings of each rule each side reported (`-f json`,
configuration ignored).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import corpus_of, measured, revision_source  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    """CPU seconds of every process this one has waited for, and theirs (workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(revision: str, units: int = 20_000, rounds: int = 2) -> None:
    corpus = corpus_of(units)
    scratch = Path(tempfile.mkdtemp(prefix="cwframe-compare-"))
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed tool runs: compiled bytecode
    seconds: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    with revision_source(revision) as before:
        sources = {revision: before, "this checkout": ROOT / "src"}
        for round_number in range(1, rounds + 1):
            for label, src in sources.items():
                out = scratch / f"{'after' if src == ROOT / 'src' else 'before'}.json"
                command = [
                    "bash",
                    "-c",
                    f'"{sys.executable}" -m cwframe validate "{corpus}" -f json --no-config > "{out}"',
                ]
                before_cpu = _children_cpu()
                wall, mb, code = measured(command, {**env, "PYTHONPATH": str(src)})
                used = _children_cpu() - before_cpu
                seconds.setdefault(label, []).append(wall)
                cpu.setdefault(label, []).append(used)
                print(f"round {round_number}  {label}: {wall:.1f} s wall, {used:.1f} s CPU, peak {mb:.0f} MB, "
                      f"exit {code}", flush=True)  # fmt: skip
    for name, values in (("wall", seconds), ("CPU", cpu)):
        old, new = (statistics.median(v) for v in values.values())
        print(f"median {name} {old:.1f} s -> {new:.1f} s: ratio {new / old:.2f}")
    for side in ("before", "after"):
        report = json.loads((scratch / f"{side}.json").read_text(encoding="utf-8"))
        codes = Counter(p["code"] for p in report["problems"])
        print(f"{side}: {report['files']} files, findings {dict(sorted(codes.items()))}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:4]))
