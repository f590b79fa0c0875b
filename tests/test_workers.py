"""Worker processes: results in order, and Ctrl-C handled once, by the main process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from cwframe.workers import in_order


def test_results_come_back_in_job_order() -> None:
    assert list(in_order(abs, [-3, 2, -1, 0], workers=2)) == [3, 2, 1, 0]


def test_ctrl_c_stops_the_workers_without_a_traceback_from_each() -> None:
    """Ctrl-C reaches the whole process group, as a terminal sends it: only the main process reacts."""
    code = (
        "import time\n"
        "from cwframe.workers import in_order\n"
        "try:\n"
        "    for _ in in_order(time.sleep, [0.5] * 200, workers=2):\n"
        "        print('result', flush=True)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)  # fmt: skip
    assert child.stdout.readline() == "result\n"  # the workers are running
    os.killpg(child.pid, signal.SIGINT)
    started = time.monotonic()
    out, err = child.communicate(timeout=30)
    assert out.splitlines()[-1] == "interrupted" and time.monotonic() - started < 10
    assert "Traceback" not in err and "ForkPoolWorker" not in err, err


def test_ctrl_c_during_a_streamed_crosswalk_says_interrupted_and_keeps_the_last_output(
    repo, tmp_path
) -> None:
    """The whole command, Ctrl-C'd while its workers score: one line, exit 130, the old file kept."""
    code = (
        "import pathlib, sys, time\n"
        "import cwframe.ops.crosswalk_stream as stream\n"
        "scored, marker = stream._scored, pathlib.Path(sys.argv[3])\n"
        "def slowly_scored(span):  # the workers mark that they are scoring, and leave room for Ctrl-C\n"
        "    marker.touch()\n"
        "    time.sleep(0.2)\n"
        "    return scored(span)\n"
        "stream._scored, stream.RANGE = slowly_scored, 10\n"
        "from cwframe.cli.entry import main\n"
        "sys.argv = ['cwframe', 'crosswalk', 'nos', 'sdf', '--source-corpus', sys.argv[1], '-f', 'json', '-o', sys.argv[2]]\n"
        "main()\n"
    )
    out, scoring = tmp_path / "map.jsonl", tmp_path / "scoring"
    out.write_text("the last complete run\n", encoding="utf-8")
    env = {**os.environ, "CWFRAME_CACHE_DIR": str(tmp_path / "cache")}
    child = subprocess.Popen([sys.executable, "-c", code, str(repo / "data" / "raw" / "nos"), str(out), str(scoring)],
                             stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while not scoring.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert scoring.exists(), "the workers never started scoring"
    os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=30)
    assert (child.returncode, err.splitlines()[-1:]) == (130, ["interrupted"]), err
    assert "Traceback" not in err and "ForkPoolWorker" not in err
    assert out.read_text(encoding="utf-8") == "the last complete run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "map.jsonl", "scoring"]
