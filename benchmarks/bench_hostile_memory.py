"""Peak memory of issue #27's expansion cases (class 'read'), before and after, in the same run.

    python benchmarks/bench_hostile_memory.py BASE_SRC [--blob-mb 1536] [--cap-gb 4] [--only WORD ...]

BASE_SRC is the src/ directory of the unchanged checkout (e.g. /work/wt-h27-base/src); "after"
is this checkout's src/. Each case is laid out once in a fresh directory and run through
`python -m cwframe` by both, one after the other, each under an address-space cap (prlimit
--as) so that the machine survives the "before" runs. Peak memory is the child's max RSS
(os.wait4: the largest process of the tree that was waited for); a run the cap stopped is
reported as "over the cap, killed" with its exit code.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import KEY_PEOPLE, expanding, far_cell, repeated_manifest, shared_strings_bomb  # noqa: E402


def lay_out(tmp: Path, built: dict[str, bytes]) -> None:
    for name, data in built.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_bytes(data)


def big_blob(megabytes: int):  # noqa: ANN201 - a lay-out step
    def build(tmp: Path) -> None:
        git = ["git", "-c", "user.name=b", "-c", "user.email=b@b", "-c", "commit.gpgsign=false"]
        subprocess.run(["git", "init", "-q", str(tmp)], check=True)
        with open(tmp / "kp.txt", "wb") as handle:
            handle.write(KEY_PEOPLE.encode())
            handle.truncate(megabytes * 1024**2)
        subprocess.run([*git, "add", "kp.txt"], cwd=tmp, check=True)
        subprocess.run([*git, "commit", "-qm", "big"], cwd=tmp, check=True)
        (tmp / "kp.txt").write_text(KEY_PEOPLE, encoding="utf-8")

    return build


def sparse_pyproject(tmp: Path) -> None:
    (tmp / "units").mkdir()
    (tmp / "units/kp.txt").write_text(KEY_PEOPLE, encoding="utf-8")
    with open(tmp / "pyproject.toml", "wb") as handle:
        handle.write(b"[tool.cwframe]\n")
        handle.truncate(2 * 1024**3)


def run(src: str, tmp: Path, argv: list[str], cap: int) -> tuple[int, int, float]:
    """Exit code, max RSS in bytes, wall seconds of one run."""
    env = {**os.environ, "PYTHONPATH": src, "CWFRAME_CACHE_DIR": str(tmp / ".cache")}
    started = time.perf_counter()
    child = subprocess.Popen(["prlimit", f"--as={cap}", sys.executable, "-m", "cwframe", *argv], cwd=tmp, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss * 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_src")
    parser.add_argument("--blob-mb", type=int, default=1536)
    parser.add_argument("--cap-gb", type=float, default=4)
    parser.add_argument(
        "--only", nargs="*", default=[], help="run only the cases whose name holds one of these"
    )
    args = parser.parse_args()
    cap = int(args.cap_gb * 1024**3)
    cases = [
        ("30 MB document growing 18-fold (search)", lambda t: lay_out(t, expanding(10_000_000)),
         ["--corpus", "kp.txt", "search", "records"]),
        ("manifest naming a 1 MB document 300 times (list)", lambda t: lay_out(t, repeated_manifest(300)),
         ["--corpus", "units", "list"]),
        ("xlsx shared strings to 1.5 GB (list)", lambda t: lay_out(t, shared_strings_bomb(150, 10)),
         ["--corpus", "bomb.xlsx", "list"]),
        ("xlsx with a cell at XFD1048576 (list)", lambda t: lay_out(t, far_cell()), ["--corpus", "far.xlsx", "list"]),
        (f"diff --rev of a {args.blob_mb:,} MB blob", big_blob(args.blob_mb), ["diff", "--rev", "HEAD", "kp.txt"]),
        ("2 GB pyproject.toml (validate)", sparse_pyproject, ["validate", "units"]),
    ]  # fmt: skip
    after_src = str(ROOT / "src")
    print(f"cap {args.cap_gb} GB address space; max RSS of the child; ratio after/before\n")
    print("| case | before | after | after/before |")
    print("|---|---|---|---|")
    for name, build, argv in cases:
        if args.only and not any(word in name for word in args.only):
            continue
        with tempfile.TemporaryDirectory() as directory:
            tmp = Path(directory)
            build(tmp)
            figures = []
            for src in (args.base_src, after_src):
                code, rss, wall = run(src, tmp, argv, cap)

                shown = f"{rss / 1024**2:,.0f} MB, exit {code}, {wall:.1f} s"
                figures.append((rss, shown + (" (over the cap, killed)" if code < 0 else "")))

            ratio = figures[1][0] / figures[0][0]
            print(f"| {name} | {figures[0][1]} | {figures[1][1]} | {ratio:.2f} |", flush=True)


if __name__ == "__main__":
    main()
