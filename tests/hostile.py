"""The hostile-input harness: what a pull request from a fork may contain, run through the
real entry point (`python -m cwframe`) as CI runs it. The catalogues (tests/test_hostile*.py)
hold the cases; this module lays them out, runs them and checks them.

For every case: the documented exit code; when the command could not run (2), exactly
one line on stderr naming the input; never a traceback; nothing the inputs point at
outside the case's directory is read into the output or changed; and every run ends
within a time and memory bound (each case gets a 2 GB address-space limit).
"""

from __future__ import annotations

import os
import re
import resource
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEY_PEOPLE = (ROOT / "data/raw/nos/key-people.txt").read_text(encoding="utf-8")
SECRET = "supersecret-token-4242"
MEMORY_LIMIT = 2 * 1024**3
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TIME_LIMIT = 60


@dataclass
class Case:
    """A hostile input: files to lay out (relative to the case directory), the command, what must happen."""

    argv: list[str]
    files: Callable[[Path], None] = lambda _: None
    exit: int = 2
    stderr: str | None = None  # text the one stderr line must contain (exit 2)
    stdout: str | None = None
    check: Callable[[Path, subprocess.CompletedProcess], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    seconds: float = TIME_LIMIT  # the run must end within this (wall clock, the machine shared)
    memory: int = MEMORY_LIMIT  # address-space limit of the run


def unit(tmp: Path, name: str = "units/key-people.txt", text: str = KEY_PEOPLE) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def manifest(tmp: Path, entries: str, directory: str = "units") -> None:
    unit(tmp, f"{directory}/key-people.txt")
    (tmp / directory / "manifest.yaml").write_text(
        "documents:\n  - file: key-people.txt\n    family: nos\n" + entries, encoding="utf-8"
    )


def secret(tmp: Path) -> Path:
    path = tmp / "outside" / "creds.env"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"P1 password {SECRET}\nK1 abc secret {SECRET}\n", encoding="utf-8")
    return path


def write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def lay_out(tmp: Path) -> None:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return lay_out


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def lay_out(tmp: Path) -> None:
        for step in steps:
            step(tmp)

    return lay_out


ALIAS_BOMB = (
    "a: &a ["
    + ",".join(["x"] * 15)
    + "]\n"
    + "".join(
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 15) + "]\n" for p, c in zip("abcde", "bcdef", strict=True)
    )
    + "frameworks: [*f]\n"
)
DEEP = "frameworks: " + "[" * 5000 + "]" * 5000 + "\n"
LONG_UNIT = (
    "Do things\n" + "P1 do a thing well\n" * 14_000 + "Knowledge and understanding\nRights\nK1 know a thing\n"
)


def _full_device(name: str) -> Callable[[Path], None]:
    """A device like /dev/full in the case's own directory: a regression that replaced it
    with a plain file would otherwise break the machine's /dev/full (the old code did)."""

    def lay_out(tmp: Path) -> None:
        try:
            os.mknod(tmp / name, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        except PermissionError:
            pytest.skip("making a device node needs root")

    return lay_out


def _fifo(name: str) -> Callable[[Path], None]:
    def lay_out(tmp: Path) -> None:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(tmp / name)

    return lay_out


def _link(name: str, target: str) -> Callable[[Path], None]:
    def lay_out(tmp: Path) -> None:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).symlink_to(target)

    return lay_out


def _two_hours_old(name: str) -> Callable[[Path], None]:
    def age(tmp: Path) -> None:
        then = time.time() - 7200
        os.utime(tmp / name, (then, then))

    return age


def _undecodable_name(tmp: Path) -> None:
    (tmp / "nu").mkdir()
    Path(os.fsdecode(os.fsencode(tmp / "nu") + b"/caf\xe9.txt")).write_text(KEY_PEOPLE, encoding="utf-8")


def _damaged_index(tmp: Path) -> None:
    unit(tmp, "units/key-people.txt")
    env = {**os.environ, "CWFRAME_CACHE_DIR": str(tmp / "cache")}
    subprocess.run(
        [sys.executable, "-m", "cwframe", "--corpus", "units", "search", "x"],
        cwd=tmp,
        env=env,
        capture_output=True,
        check=False,
    )  # builds the index (no results: exit 1)
    index = next((tmp / "cache").glob("index-*"))
    for segment in (index / "postings").iterdir():  # every postings file unreadable: the SQLite
        if segment.suffix != ".json" and segment.is_file():  # half and meta.json still pass for fresh
            segment.write_bytes(b"\x13" * segment.stat().st_size)


def _stale_file(tmp: Path) -> None:
    (tmp / "units").mkdir()
    (tmp / "units/kp.std").write_text(KEY_PEOPLE, encoding="utf-8")
    (tmp / "units/manifest.yaml").write_text("documents:\n  - file: kp.std\n    family: nos\n    unit: kp\n")


def _search_twice(tmp: Path, first: subprocess.CompletedProcess) -> None:
    assert "nos/kp/P15" not in first.stdout
    path = tmp / "units/kp.std"
    path.write_text(
        KEY_PEOPLE.replace("P15 monitor relationships", "P15 monitor escalation"), encoding="utf-8"
    )
    again = run(tmp, ["--corpus", "units", "search", "escalation"], {})
    assert again.returncode == 0 and "nos/kp/P15" in again.stdout


def _not_replaced(name: str, kind: str) -> Callable[[Path, subprocess.CompletedProcess], None]:
    def check(tmp: Path, _: subprocess.CompletedProcess) -> None:
        path = tmp / name
        assert path.is_symlink() if kind == "link" else path.is_char_device()

    return check


def assert_absent(path: Path) -> None:
    assert not path.exists(), path


def assert_startswith(path: Path, text: str) -> None:
    assert path.read_text(encoding="utf-8").startswith(text)


def _limits(memory: int, close_stdout: bool = False) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if close_stdout:  # env STDOUT=closed: the run starts with no stdout (`cwframe list >&-`)
            os.close(1)

    return limit


def run(
    tmp: Path, argv: list[str], env: dict[str, str], seconds: float = TIME_LIMIT, memory: int = MEMORY_LIMIT
) -> subprocess.CompletedProcess:
    environ = {**os.environ, "HOME": str(tmp), "CWFRAME_CACHE_DIR": str(tmp / "cache"), "TMPDIR": str(tmp),
               "COLUMNS": "200", **{k: v for k, v in env.items() if k != "STDOUT"}}  # fmt: skip
    closed = env.get("STDOUT") == "closed"
    stdout = (
        subprocess.DEVNULL
        if closed
        else open(tmp / env["STDOUT"], "w")
        if "STDOUT" in env
        else subprocess.PIPE  # noqa: SIM115
    )
    try:
        result = subprocess.run([sys.executable, "-m", "cwframe", *argv], cwd=tmp, env=environ, stdout=stdout,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=seconds,
                                preexec_fn=_limits(memory, closed), check=False)  # fmt: skip
    finally:
        if stdout not in (subprocess.PIPE, subprocess.DEVNULL):
            stdout.close()
    return subprocess.CompletedProcess(
        result.args, result.returncode,
        (result.stdout or b"").decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace"),
    )  # fmt: skip


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file() and not p.is_symlink()
    }


def check_case(case: Case, tmp_path: Path) -> None:
    """Lay out the case, run it through the real entry point, and check what every hostile case must hold."""
    case.files(tmp_path)
    outside = tmp_path / "outside"
    before = _snapshot(outside) if outside.is_dir() else {}
    started = time.perf_counter()
    result = run(tmp_path, case.argv, case.env, case.seconds, case.memory)
    assert time.perf_counter() - started < case.seconds
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-2000:]
    assert SECRET not in result.stdout + result.stderr
    # Nothing a terminal would run, in any message or any output but a CSV's data (issue #27).
    shown = result.stderr + ("" if "csv" in case.argv else result.stdout)
    assert not TERMINAL_CONTROLS.search(shown), repr(TERMINAL_CONTROLS.search(shown))
    assert result.returncode == case.exit, (result.returncode, result.stderr)
    if case.exit == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert case.stderr and case.stderr in lines[0], lines[0]
    elif case.stderr:
        assert case.stderr in result.stderr
    if case.stdout:
        assert case.stdout in result.stdout, result.stdout[-3000:]
    if case.check:
        case.check(tmp_path, result)
    after = _snapshot(outside) if outside.is_dir() else {}
    assert before == after  # nothing outside the corpus was changed
