"""The hostile-input catalogue, time (issue #27): inputs that made a rule, a parser, a diff or an export
take time growing with the square of their size. Each runs through the real entry point (tests/hostile.py)
at the size the issue measured, within a limit a linear run keeps on a shared machine; how the time
grows at 1x, 10x and 100x is benchmarks/bench_hostile.py's."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import hostile_inputs as grown
from hostile import Case, check_case

SECONDS = 30  # the quadratic paths took over 60 s (xlsx: 138 s); linear ones take a few


def lay_out(files: grown.Files) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        for name, content in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(content)

    return write


def _all_modified(count: int) -> Callable[[Path, subprocess.CompletedProcess], None]:
    def check(_: Path, result: subprocess.CompletedProcess) -> None:
        summary = json.loads(result.stdout)["summary"]
        assert (summary["modified"], summary["added"], summary["removed"]) == (count, 0, 0), summary

    return check


def _rows(name: str, count: int) -> Callable[[Path, subprocess.CompletedProcess], None]:
    def check(tmp: Path, _: subprocess.CompletedProcess) -> None:
        with zipfile.ZipFile(tmp / name) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        assert sheet.count("<row ") == count + 1  # the header and one row a statement
        assert "keep record 20000 of the work" in book_strings(tmp / name)

    return check


def book_strings(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        names = set(book.namelist())
        return "".join(
            book.read(n).decode() for n in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml") if n in names
        )


CASES: dict[str, Case] = {
    # --- the cases ------------------------------------------------------------------
    "drift rule's word diff of three 140 KB units (validate)": Case(
        ["validate", "u1.txt", "u2.txt", "u3.txt"], lay_out(grown.drift_units(70_000)), exit=0,
        stdout="u3.txt:41:1: DR01 K1 differs from the wording 2 other units share (nos/u1/K1): a b a b", seconds=SECONDS),
    "diff of two 140 KB units": Case(
        ["diff", "old.txt", "new.txt", "-f", "json"], lay_out(grown.diff_units(3_400)), exit=0,
        check=_all_modified(3_400), seconds=SECONDS),
    "a line of 300,000 [ (list)": Case(
        ["--corpus", "kp.txt", "list"], lay_out(grown.bracket_line(300_000)), exit=0,
        stdout="135 statements in 1 frameworks", seconds=SECONDS),
    "unclosed <p> in a PCF cell (list)": Case(
        ["--corpus", "pcf.txt", "list"], lay_out(grown.pcf_unclosed(50_000)), exit=0,
        stdout="pcf/B │ Universal", seconds=SECONDS),
    "export -f xlsx of 20,000 statements": Case(
        ["--corpus", "many.txt", "export", "-f", "xlsx", "-o", "many.xlsx"], lay_out(grown.many_criteria(20_000)),
        exit=0, check=_rows("many.xlsx", 20_001), seconds=SECONDS),
    # --- the same class, not named by the issue ------------------------------------------------
    "drift: a copy edited at both ends (validate)": Case(
        ["validate", "u1.txt", "u2.txt", "u3.txt"], lay_out(grown.drift_spread(70_000)), exit=0,
        stdout="c+} (too long to align word by word: the changed part is shown whole)", seconds=SECONDS),
    "a PCF row label of 150,000 spaces (list)": Case(
        ["--corpus", "pcf.txt", "list"], lay_out(grown.pcf_spaced_label(150_000)), exit=0,
        stdout="877 statements in 1 frameworks", seconds=SECONDS),
    "a line of 100,000 [x](y never closed (list)": Case(
        ["--corpus", "kp.txt", "list"], lay_out(grown.link_line(100_000)), exit=0,
        stdout="135 statements in 1 frameworks", seconds=SECONDS),
    "200,000 unclosed <ul in a PCF cell (list)": Case(
        ["--corpus", "pcf.txt", "list"], lay_out(grown.pcf_unclosed_list(200_000)), exit=0,
        stdout="pcf/B │ Universal", seconds=SECONDS),
    "a word of 20,000 letters (validate)": Case(
        ["validate", "kp.txt"], lay_out(grown.long_word(20_000)), exit=1,
        stdout="kp.txt:41:9: SP01 unknown word 'qqqq", seconds=SECONDS),
    "10,000 distinct unknown words in a criterion (validate)": Case(
        ["validate", "kp.txt"], lay_out(grown.unknown_words(10_000)), exit=1,
        stdout="10000 errors, 1 warning, 3 notes in 1 file", seconds=45),  # unchanged code: ~50 s CPU
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_hostile_time(name: str, tmp_path: Path) -> None:
    check_case(CASES[name], tmp_path)
