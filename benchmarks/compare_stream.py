"""`crosswalk --source-corpus` with an earlier revision's code and this checkout's, side by side.

    python benchmarks/compare_stream.py REV [UNITS] [ROUNDS]     # e.g. 335d61f 20000 2

The revision is checked out in a temporary git worktree; both run with this
checkout's virtual environment (``python -m cwframe`` with PYTHONPATH set to each
``src``), on the same corpus (`make_corpus.py`, written once to /tmp/cwframe-nos-UNITS)
and the same index (built once, before the first run), alternately, so that the
shared machine's load falls on both alike. Prints wall seconds and peak memory of the
process tree (bench_scale.measured) per run, and whether the two outputs are the same
bytes.
"""

from __future__ import annotations

import filecmp
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import corpus_of, measured, revision_source  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(revision: str, units: int = 20_000, rounds: int = 2) -> None:
    corpus = corpus_of(units)
    scratch = Path(tempfile.mkdtemp(prefix="cwframe-compare-"))
    env = {**os.environ, "CWFRAME_CACHE_DIR": str(scratch / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed tool runs: compiled bytecode
    with revision_source(revision) as before:
        sources = {revision: before, "this checkout": ROOT / "src"}
        command = [sys.executable, "-m", "cwframe", "--corpus", str(corpus), "search", "attachment"]
        seconds, _, _ = measured(command, {**env, "PYTHONPATH": str(ROOT / "src")})
        print(f"index built in {seconds:.1f} s (not counted)", flush=True)
        for round_number in range(1, rounds + 1):
            for label, src in sources.items():
                out = scratch / f"{'before' if src != ROOT / 'src' else 'after'}.jsonl"
                command = [sys.executable, "-m", "cwframe", "crosswalk", "nos", "sdf", "--source-corpus",
                           str(corpus), "-f", "json", "-o", str(out)]  # fmt: skip
                seconds, mb, code = measured(command, {**env, "PYTHONPATH": str(src)})
                print(
                    f"round {round_number}  {label}: {seconds:.1f} s, peak {mb:.0f} MB, exit {code}",
                    flush=True,
                )
        same = filecmp.cmp(scratch / "before.jsonl", scratch / "after.jsonl", shallow=False)
        print("outputs: the same bytes" if same else "outputs: DIFFERENT")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:4]))
