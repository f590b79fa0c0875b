"""The hostile-input catalogue for writes (issue #27, class `write`): one rule for every write.
Never through a link to a place outside the output the user named, never onto an input the
command read, all-or-nothing under any signal, never deleting a file cwframe did not make.
Cases run through the real entry point by tests/hostile.py, which says what every case must hold."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile import KEY_PEOPLE, Case, _link, both, check_case, manifest, run, unit, write

VICTIM = "the user's own file, not cwframe's\n"


def _victim(name: str) -> Callable[[Path], None]:
    return write(f"outside/{name}", VICTIM)


def _unchanged(name: str, text: str) -> Callable[[Path, subprocess.CompletedProcess], None]:
    def check(tmp: Path, _: subprocess.CompletedProcess) -> None:
        assert (tmp / name).read_text(encoding="utf-8") == text

    return check


def _nothing_in(directory: str, *allowed: str) -> Callable[[Path, subprocess.CompletedProcess], None]:
    def check(tmp: Path, _: subprocess.CompletedProcess) -> None:  # all or nothing: no file half the set
        assert sorted(p.name for p in (tmp / directory).iterdir()) == sorted(allowed)

    return check


def _hard_link(name: str, target: str) -> Callable[[Path], None]:
    return lambda tmp: os.link(tmp / target, tmp / name)


def _aged(name: str, seconds: float) -> Callable[[Path], None]:
    def age(tmp: Path) -> None:
        then = time.time() - seconds
        os.utime(tmp / name, (then, then))

    return age


def _raw(tmp: Path) -> None:
    manifest(tmp, "", directory="raw")


def _through_link(argv: list[str], directory: str, name: str) -> Case:
    """A link planted at directory/name, the file cwframe would write there, leading outside."""
    return Case(argv, both(_victim("victim"), _link(f"{directory}/{name}", "../outside/victim")),
                stderr=f"{directory}/{name}: is a symbolic link to a place outside {directory}",
                check=_nothing_in(directory, name))  # fmt: skip


def _onto_input(argv: list[str], name: str, content: str) -> Case:
    """-o names the file the command reads as ``name``."""
    return Case(argv, write(name, content), stderr=f"cannot write {name}: it is {name}, an input of this command",
                check=_unchanged(name, content))  # fmt: skip


def _index_replaced_by_link(tmp: Path) -> None:
    """The corpus's index in the cache replaced by a link to a directory outside."""
    unit(tmp)
    (tmp / "outside/index").mkdir(parents=True)
    (tmp / "outside/index/keep.txt").write_text(VICTIM, encoding="utf-8")
    run(tmp, ["--corpus", "units", "search", "relationships"], {})  # builds the index
    index = next((tmp / "cache").glob("index-*"))
    shutil.rmtree(index)
    index.symlink_to(tmp / "outside/index")


GOLD = "pcf/A.1.1: [sdf/3/skill/listens-empathetically]\n"
MANIFEST_TEXT = "documents:\n  - file: key-people.txt\n    family: nos\n"

CASES: dict[str, Case] = {
    # --- never through a link to a place outside the output the user named --------------
    "export -f markdown -o md/ through a link planted in md/": _through_link(["export", "-f", "markdown", "-o", "md"], "md", "sdf.md"),
    "export -f case -o case/ through a link planted in case/": _through_link(["export", "-f", "case", "-o", "case"], "case", "nos.case.json"),
    "build --out through a link planted in the output directory": Case(
        ["build", "--raw", "raw", "--out", "out", "--schema", "out/schema.json"],
        both(_raw, _victim("victim.jsonl"), _link("out/statements.jsonl", "../outside/victim.jsonl")),
        stderr="out/statements.jsonl: is a symbolic link to a place outside out",
        check=_nothing_in("out", "statements.jsonl"),
    ),
    # --- never onto an input -----------------------------------------------------------------
    "export -o the document it read": _onto_input(["--corpus", "kp.txt", "export", "-f", "json", "-o", "kp.txt"], "kp.txt", KEY_PEOPLE),
    "export -o a hard link to the document it read": Case(
        ["--corpus", "kp.txt", "export", "-f", "json", "-o", "copy.json"],
        both(write("kp.txt", KEY_PEOPLE), _hard_link("copy.json", "kp.txt")),
        stderr="cannot write copy.json: it is kp.txt, an input of this command",
        check=_unchanged("kp.txt", KEY_PEOPLE),
    ),
    "export -o a symbolic link to the document it read": Case(
        ["--corpus", "kp.txt", "export", "-f", "markdown", "--framework", "nos", "-o", "out.md"],
        both(write("kp.txt", KEY_PEOPLE), _link("out.md", "kp.txt")),
        stderr="cannot write out.md: it is kp.txt, an input of this command",
        check=_unchanged("kp.txt", KEY_PEOPLE),
    ),
    "build --schema the manifest": Case(
        ["build", "--raw", "raw", "--out", "out", "--schema", "raw/manifest.yaml"],
        _raw,
        stderr="cannot write raw/manifest.yaml: it is raw/manifest.yaml, an input of this command",
        check=lambda t, r: (_unchanged("raw/manifest.yaml", MANIFEST_TEXT)(t, r), _nothing_in("raw", "key-people.txt", "manifest.yaml")(t, r)),
    ),
    "build --out the raw directory over a document": Case(
        ["build", "--raw", "raw", "--out", "raw", "--schema", "schema.json"],
        both(_raw, lambda t: os.link(t / "raw/key-people.txt", t / "raw/statements.jsonl")),
        stderr="cannot write raw/statements.jsonl: it is raw/key-people.txt, an input of this command",
        check=_unchanged("raw/key-people.txt", KEY_PEOPLE),
    ),
    "crosswalk -o the decisions it read": _onto_input(["crosswalk", "pcf/A", "sdf/3", "--decisions", "d.csv", "-f", "csv", "-o", "d.csv"], "d.csv", "source,target,decision\n"),
    "crosswalk -f xlsx -o the thesaurus it read": _onto_input(["crosswalk", "pcf/A", "sdf/3", "--thesaurus", "t.yaml", "-f", "xlsx", "-o", "t.yaml"], "t.yaml", "acronyms: {}\n"),
    # further cases of the class (not named by the issue): a streamed output, a score, a single
    # output cwframe names inside the directory the user gave
    "crosswalk --source-corpus -o the source it streams": _onto_input(["crosswalk", "nos", "sdf", "--source-corpus", "kp.txt", "-f", "csv", "-o", "kp.txt"], "kp.txt", KEY_PEOPLE),
    "crosswalk --source-corpus raw/ -o a document in it": Case(
        ["crosswalk", "nos", "sdf", "--source-corpus", "raw", "-f", "json", "-o", "raw/key-people.txt"],
        _raw,
        stderr="cannot write raw/key-people.txt: it is ",
        check=_unchanged("raw/key-people.txt", KEY_PEOPLE),
    ),
    "crosswalk --gold -o the judgements it read": _onto_input(["crosswalk", "pcf/A", "sdf/3", "--gold", "g.yaml", "-o", "g.yaml"], "g.yaml", GOLD),
    "export -f sqlite -o dir/ through a link planted in dir/": _through_link(["export", "-f", "sqlite", "-o", "db"], "db", "cwframe.sqlite"),
    "search: the index in the cache is a link to a directory outside": Case(
        ["--corpus", "units", "search", "relationships"], _index_replaced_by_link, exit=0,
        check=lambda t, _: [p.is_dir() and not p.is_symlink() for p in (t / "cache").glob("index-*")] == [True],
    ),
    # --- never deleting a file cwframe did not make ------------------------------------------
    "search cache clean-up spares a user's .index-* file": Case(
        ["--corpus", "units", "search", "relationships"],
        both(lambda t: unit(t), write("cache/.index-notes.txt", VICTIM), _aged("cache/.index-notes.txt", 3 * 86_400),
             write("cache/.index-mine/keep.txt", VICTIM), _aged("cache/.index-mine", 3 * 86_400)),
        exit=0,
        check=lambda t, r: (_unchanged("cache/.index-notes.txt", VICTIM)(t, r),
                            _unchanged("cache/.index-mine/keep.txt", VICTIM)(t, r)),
    ),
    "-o clean-up spares a user's file named like a temporary": Case(
        ["export", "-f", "json", "--framework", "sdf", "-o", "x.json"],
        both(write(".x.json.mine.tmp", VICTIM), _aged(".x.json.mine.tmp", 7200)),
        exit=0,
        check=_unchanged(".x.json.mine.tmp", VICTIM),
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_write(name: str, tmp_path: Path) -> None:
    check_case(CASES[name], tmp_path)


# --- all-or-nothing under any signal -----------------------------------------------------------
# The signal is sent by the process to itself right after the first file of the set is renamed
# into place: a wrapper replaces os.replace and os.rename (whichever the writer uses) and then
# runs the real entry point (`python -m cwframe`). Nothing in cwframe knows about the test.
_SIGNALLED = """
import os, runpy, signal, sys
real = {"replace": os.replace, "rename": os.rename}
sig = getattr(signal, sys.argv[1])
sent = []
def wrap(name):
    def renamed(src, dst, *a, **k):
        real[name](src, dst, *a, **k)
        if not sent and os.path.basename(str(dst)) in ("corpus.json", "statements.jsonl"):
            sent.append(1)
            os.kill(os.getpid(), sig)
    return renamed
os.replace, os.rename = wrap("replace"), wrap("rename")
sys.argv = ["cwframe", *sys.argv[2:]]
runpy.run_module("cwframe", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_build_is_all_or_nothing_under_a_signal(sig: str, tmp_path: Path) -> None:
    _raw(tmp_path)
    argv = ["build", "--raw", "raw", "--out", "out", "--schema", "out/schema.json"]
    assert run(tmp_path, argv, {}).returncode == 0
    old = {
        name: (tmp_path / "out" / name).read_text(encoding="utf-8")
        for name in ("corpus.json", "statements.jsonl")
    }
    edited = KEY_PEOPLE.replace("P15 monitor relationships", "P15 monitor escalation")
    assert edited != KEY_PEOPLE
    (tmp_path / "raw/key-people.txt").write_text(edited, encoding="utf-8")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "CWFRAME_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "-c", _SIGNALLED, sig, *argv], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert result.returncode != 0, result.stderr  # the signal was delivered and ended the run
    new = {name: (tmp_path / "out" / name).read_text(encoding="utf-8") for name in old}
    assert "escalation" not in old["corpus.json"] + old["statements.jsonl"]
    # the whole set changed, or none of it
    assert ("escalation" in new["corpus.json"]) == ("escalation" in new["statements.jsonl"]), sig
    assert new == old or all("escalation" in text for text in new.values())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "corpus.json",
        "schema.json",
        "statements.jsonl",
    ]
