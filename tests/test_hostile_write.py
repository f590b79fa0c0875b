"""The hostile-input catalogue, second round (issue #27), writes: never through a link out of the
output the user named, never onto an input, all or nothing under a signal, never deleting a file
cwframe did not make. Run through the real entry point by tests/hostile.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from hostile import (
    KEY_PEOPLE,
    ROOT,
    Case,
    _link,
    assert_absent,
    both,
    check_case,
    manifest,
    unit,
    write,
)

OUTSIDE_TEXT = "a file of the user's, outside the output directory\n"


def _unchanged(name: str, text: str):
    def check(tmp: Path, _: subprocess.CompletedProcess) -> None:
        assert (tmp / name).read_text(encoding="utf-8") == text

    return check


def _aged(name: str, days: float):
    def age(tmp: Path) -> None:
        then = time.time() - days * 86_400
        os.utime(tmp / name, (then, then), follow_symlinks=False)

    return age


def _hard_link(name: str, target: str):
    return lambda tmp: os.link(tmp / target, tmp / name)


def _still_there(*names: str):
    def check(tmp: Path, _: subprocess.CompletedProcess) -> None:
        for name in names:
            assert (tmp / name).exists(), name

    return check


CASES: dict[str, Case] = {
    # --- never through a link out of the output the user named --------------------------------
    "export -o md/ with a link planted inside md/": Case(
        ["export", "-f", "markdown", "-o", "md/"],
        both(write("outside/notes.md", OUTSIDE_TEXT), _link("md/sdf.md", "../outside/notes.md")),
        stderr="md/sdf.md: is a symbolic link to a place outside md",
        check=lambda t, r: (_unchanged("outside/notes.md", OUTSIDE_TEXT)(t, r), assert_absent(t / "md/nos.md"))),
    "build --out with a link planted inside it": Case(
        ["build", "--raw", "units", "--out", "out"],
        both(lambda t: unit(t), write("outside/s.jsonl", OUTSIDE_TEXT), _link("out/statements.jsonl", "../outside/s.jsonl")),
        stderr="out/statements.jsonl: is a symbolic link to a place outside out",
        check=lambda t, r: assert_absent(t / "out/corpus.json")),
    "export -f case -o cases/ through a linked file": Case(
        ["export", "-f", "case", "-o", "cases/"],
        both(write("outside/pcf.case.json", OUTSIDE_TEXT), _link("cases/pcf.case.json", "../outside/pcf.case.json")),
        stderr="cases/pcf.case.json: is a symbolic link to a place outside cases"),
    # --- never onto an input ---------------------------------------------------------------------
    "export -o the document it reads": Case(
        ["--corpus", "kp.txt", "export", "-f", "json", "-o", "kp.txt"], write("kp.txt", KEY_PEOPLE),
        stderr="kp.txt: is an input of this command; writing there would replace it",
        check=_unchanged("kp.txt", KEY_PEOPLE)),
    "export -o a hard link to the document it reads": Case(
        ["--corpus", "kp.txt", "export", "-f", "json", "-o", "copy.json"], both(write("kp.txt", KEY_PEOPLE), _hard_link("copy.json", "kp.txt")),
        stderr="copy.json: is an input of this command (kp.txt)", check=_unchanged("kp.txt", KEY_PEOPLE)),
    "build --schema the manifest": Case(
        ["build", "--raw", "units", "--out", "out", "--schema", "units/manifest.yaml"],
        lambda t: manifest(t, ""), stderr="units/manifest.yaml: is an input of this command",
        check=lambda t, r: (_unchanged("units/manifest.yaml", "documents:\n  - file: key-people.txt\n    family: nos\n")(t, r),
                            assert_absent(t / "out/corpus.json"))),
    "crosswalk -o its own thesaurus": Case(
        ["crosswalk", "pcf/A", "sdf/3", "--thesaurus", "t.yaml", "-f", "json", "-o", "t.yaml"],
        write("t.yaml", "acronyms:\n  CAF: common assessment framework\n"), stderr="t.yaml: is an input of this command",
        check=_unchanged("t.yaml", "acronyms:\n  CAF: common assessment framework\n")),
    # --- never deleting a file cwframe did not make -----------------------------------------------
    "cache clean-up keeps the user's own .index-* files": Case(
        ["--corpus", "units", "search", "ethical"],
        both(lambda t: unit(t), write("cache/.index-notes", "mine"), _aged("cache/.index-notes", 2),
             write("cache/.index-abcd1234.tmp", "mine too"), _aged("cache/.index-abcd1234.tmp", 2),
             lambda t: (t / "cache/index-0000-notmine").mkdir(parents=True)),
        exit=0, stdout="nos/key-people", check=_still_there("cache/.index-notes", "cache/.index-abcd1234.tmp", "cache/index-0000-notmine")),
    "stale temporaries: only cwframe's own names": Case(
        ["export", "-f", "json", "--framework", "sdf", "-o", "x.json"],
        both(write(".x.json.my-draft.tmp", "mine"), _aged(".x.json.my-draft.tmp", 1)), exit=0,
        check=_still_there(".x.json.my-draft.tmp")),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_write(name: str, tmp_path: Path) -> None:
    check_case(CASES[name], tmp_path)


# SIGTERM between build's renames. The signal is sent from inside the run, by the rename that puts
# the first file in place (os.replace wrapped in this script only), so that it arrives exactly
# between two renames every time: the moment a real signal could only hit by chance.
_SIGNAL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, signal, sys
    real = os.replace
    def replace(src, dst, *a, **k):
        real(src, dst, *a, **k)
        if str(dst).endswith(".json"):
            os.kill(os.getpid(), signal.SIGTERM)
    os.replace = replace
    from cwframe.cli.entry import main
    sys.argv = ["cwframe", "build", "--raw", "units", "--out", "out"]
    main()
""")


def test_sigterm_between_builds_renames_leaves_both_files_of_one_build(tmp_path: Path) -> None:
    unit(tmp_path)
    first = subprocess.run([sys.executable, "-m", "cwframe", "build", "--raw", "units", "--out", "out"],
                           cwd=tmp_path, capture_output=True, text=True, check=False)  # fmt: skip
    assert first.returncode == 0, first.stderr
    old = {
        name: (tmp_path / "out" / name).read_text(encoding="utf-8")
        for name in ("corpus.json", "statements.jsonl")
    }
    unit(tmp_path, text=KEY_PEOPLE.replace("P15 monitor relationships", "P15 monitor escalation"))
    run = subprocess.run([sys.executable, "-c", _SIGNAL_BETWEEN_RENAMES], cwd=tmp_path, capture_output=True,
                         text=True, check=False, env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT / "src"))})  # fmt: skip
    assert run.returncode == -signal.SIGTERM, (run.returncode, run.stderr)
    new = {name: (tmp_path / "out" / name).read_text(encoding="utf-8") for name in old}
    assert "monitor escalation" in new["corpus.json"] and "monitor escalation" in new["statements.jsonl"]
    assert new != old
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "corpus.json",
        "corpus.schema.json",
        "statements.jsonl",
    ]  # no backup left over


def test_a_document_named_twice_as_input_and_output_by_the_library(tmp_path: Path) -> None:
    """The rule lives in the library, not the CLI: export through the Python API is refused too."""
    from cwframe import load_corpus
    from cwframe.errors import InputError
    from cwframe.ops import export

    path = tmp_path / "kp.txt"
    path.write_text(KEY_PEOPLE, encoding="utf-8")
    corpus = load_corpus(path)
    with pytest.raises(InputError, match="is an input of this command"):
        export.write(export.export(corpus, "json"), "json", path)
    assert path.read_text(encoding="utf-8") == KEY_PEOPLE
