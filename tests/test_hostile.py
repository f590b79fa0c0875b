"""The hostile-input catalogue, first round (issue #12 and after): cases run through the real entry
point by tests/hostile.py, which says what every case must hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hostile import (
    ALIAS_BOMB,
    DEEP,
    KEY_PEOPLE,
    LONG_UNIT,
    ROOT,
    Case,
    _damaged_index,
    _fifo,
    _full_device,
    _link,
    _not_replaced,
    _search_twice,
    _stale_file,
    _two_hours_old,
    _undecodable_name,
    assert_absent,
    assert_startswith,  # fmt: skip
    both,
    check_case,
    manifest,
    secret,
    unit,
    write,
)

CASES: dict[str, Case] = {
    # --- security: nothing outside the corpus is read ---------------------------------
    "manifest names ../ (validate)": Case(["validate", "units", "--format", "github"],
                                          both(lambda t: manifest(t, "  - file: ../outside/creds.env\n    family: nos\n    unit: c\n"), secret),
                                          exit=1, stdout="MF03 manifest.outside"),
    "manifest names ../ (list)": Case(["--corpus", "units", "list"],
                                      both(lambda t: manifest(t, "  - file: ../outside/creds.env\n    family: nos\n    unit: c\n"), secret),
                                      stderr="units/manifest.yaml:4:5: CO05 manifest names '../outside/creds.env', which climbs out"),
    "manifest names an absolute path": Case(["validate", "units"],
                                            both(lambda t: manifest(t, "  - file: /etc/passwd\n    family: nos\n    unit: c\n"), secret),
                                            exit=1, stdout="is an absolute path"),
    "manifest names a link leading out": Case(["--corpus", "units", "list"],
                                              both(secret, lambda t: manifest(t, "  - file: c.txt\n    family: nos\n    unit: c\n"),
                                                   _link("units/c.txt", "../outside/creds.env")),
                                              stderr="which is a symbolic link to a place outside the corpus directory"),
    "a .txt link leading out of the directory": Case(["validate", "units"], both(secret, lambda t: unit(t),
                                                     _link("units/c.txt", "../outside/creds.env")), exit=1, stdout="FI01"),
    "--rev that is an option": Case(["diff", "--rev", "--output=outside/x", "units/key-people.txt"], lambda t: unit(t),
                                    stderr="'--output=outside/x' is not a git revision",
                                    check=lambda t, _: assert_absent(t / "outside/x")),
    "YAML alias bomb as --corpus": Case(["--corpus", "bomb.yaml", "list"], write("bomb.yaml", ALIAS_BOMB),
                                        stderr="bomb.yaml:1:1: CO01 YAML aliases expand"),
    "deeply nested YAML as --corpus": Case(["--corpus", "deep.yaml", "list"], write("deep.yaml", DEEP), stderr="deep.yaml:1:"),
    "deeply nested YAML to validate": Case(["validate", "deep.yaml"], write("deep.yaml", DEEP), exit=1, stdout="CO01"),
    "deeply nested YAML to diff": Case(["diff", "deep.yaml", "deep.yaml"], write("deep.yaml", DEEP), stderr="deep.yaml:1:"),
    # --- writes ---------------------------------------------------------------------------
    "-o a full device": Case(["export", "-f", "json", "-o", "full"], _full_device("full"),
                             stderr="cannot write full: No space left on device", check=_not_replaced("full", "device")),
    "-o a symbolic link writes its target": Case(["export", "-f", "json", "--framework", "sdf", "-o", "link.json"],
                                                 both(write("real.json", "old"), _link("link.json", "real.json")), exit=0,
                                                 check=lambda t, _: (_not_replaced("link.json", "link")(t, _),
                                                                     assert_startswith(t / "real.json", "{"))),
    "-o into a directory that does not exist": Case(["export", "-f", "json", "-o", "nowhere/x.json"],
                                                    stderr="nowhere/x.json: the directory nowhere does not exist"),
    "-o where a file stands for the directory": Case(["export", "-f", "json", "-o", "file.txt/x.json"], write("file.txt", "x"),
                                                     stderr="file.txt/x.json: file.txt is a file, not a directory"),
    "stdout is a full disk": Case(["list"], _full_device("full"), stderr="No space left on device", env={"STDOUT": "full"}),
    "build: an output that cannot be written changes nothing": Case(
        ["build", "--raw", "units", "--out", "out", "--schema", "out/schema.json"],
        both(lambda t: unit(t), lambda t: (t / "out/statements.jsonl").mkdir(parents=True)),
        stderr="out/statements.jsonl: is a directory", check=lambda t, _: assert_absent(t / "out/corpus.json")),
    "left-over temporary files are removed": Case(["export", "-f", "json", "--framework", "sdf", "-o", "x.json"],
                                                  both(write(".x.json.cwframe-abcd1234.tmp", "stale"), _two_hours_old(".x.json.cwframe-abcd1234.tmp")), exit=0,
                                                  check=lambda t, _: assert_absent(t / ".x.json.cwframe-abcd1234.tmp")),
    # --- silent wrong answers ---------------------------------------------------------------
    "a NUL after the first 8 KB": Case(["--corpus", "nul.txt", "statements", "-f", "csv"],
                                       write("nul.txt", KEY_PEOPLE.replace("K107 theory", "K107 the\x00ory")),
                                       stderr="nul.txt:183:1: PA01 binary file"),
    "P11A is a criterion": Case(["--corpus", "kp.txt", "statements"],
                                write("kp.txt", KEY_PEOPLE.replace("P12 ", "P11A ensure that workers know the escalation policy\nP12 ", 1)),
                                exit=0, stdout='"id": "nos/kp/P11A"'),
    "P11A is reported": Case(["validate", "kp.txt"],
                             write("kp.txt", KEY_PEOPLE.replace("P12 ", "P11A ensure that workers know the escalation policy\nP12 ", 1)),
                             exit=1, stdout="kp.txt:18:1: NU04 P11A is numbered with a letter"),
    "a line wrapped in HTML": Case(["validate", "kp.txt"],
                                   write("kp.txt", KEY_PEOPLE.replace("P12 ", '<p class="MsoNormal"><span>P12a review the policy</span></p>\nP12 ', 1)),
                                   exit=1, stdout="kp.txt:18:1: DB01 HTML tag '<p class=\"MsoNormal\">' around a criterion"),
    "a criterion a spreadsheet would run": Case(["validate", "kp.txt"],
                                                write("kp.txt", KEY_PEOPLE.replace("P12 implement", '=HYPERLINK("http://x.example","y") implement', 1).replace("\n=HYP", "\nP12 =HYP")),
                                                exit=1, stdout="ST06 P12 starts with '='"),
    "the K section after 200,000 characters": Case(["validate", "long.txt"], write("long.txt", LONG_UNIT), exit=1,
                                                   stdout="NU01 P1 is numbered again"),
    "validate finds nothing to validate": Case(["validate", "empty", "--strict"], lambda t: (t / "empty").mkdir(),
                                               stderr="error: empty: no documents to validate"),
    "search follows a manifest file of any name": Case(["--corpus", "units", "search", "escalation"], _stale_file,
                                                        exit=1, check=_search_twice),
    # --- no traceback -------------------------------------------------------------------------
    "--thesaurus missing": Case(["crosswalk", "pcf/A", "sdf/3", "--thesaurus", "nope.yaml"], stderr="error: nope.yaml: no such file"),
    "--thesaurus a directory": Case(["crosswalk", "pcf/A", "sdf/3", "--thesaurus", "."], stderr="error: .: is a directory"),
    "--thesaurus bad YAML": Case(["crosswalk", "pcf/A", "sdf/3", "--thesaurus", "t.yaml"], write("t.yaml", "a: [\n"),
                                 stderr="t.yaml:2:1: CO01 not valid YAML"),
    "--thesaurus wrong shape": Case(["crosswalk", "pcf/A", "sdf/3", "--thesaurus", "t.yaml"], write("t.yaml", "concepts: [1, 2]\n"),
                                    stderr="t.yaml:1:1: CO07 'concepts' must map"),
    "--thesaurus not UTF-8": Case(["crosswalk", "pcf/A", "sdf/3", "--thesaurus", "t.yaml"], write("t.yaml", b"acronyms:\n  CAF: caf\xe9\n"),
                                  stderr="t.yaml:2:11: PA02"),
    "--decisions bad YAML": Case(["crosswalk", "pcf/A", "sdf/3", "--decisions", "d.yaml"], write("d.yaml", "- [\n"), stderr="d.yaml:2:1: CO01"),
    "--decisions binary": Case(["crosswalk", "pcf/A", "sdf/3", "--decisions", "d.csv"], write("d.csv", b"\x89PNG\x00\x00"),
                                 stderr="error: d.csv: not a decisions file; cwframe reads a review workbook (.xlsx or .ods"),
    "--decisions a CSV field over 128 KB": Case(["crosswalk", "pcf/A", "sdf/3", "--decisions", "d.csv"],
                                                write("d.csv", "source,target,decision,note\na,b,accept," + "x" * 200_000 + "\n"),
                                                stderr="error: d.csv: not a decisions CSV (field larger than field limit"),
    "--decisions deeply nested": Case(["crosswalk", "pcf/A", "sdf/3", "--decisions", "d.yaml"], write("d.yaml", "[" * 5000 + "]" * 5000),
                                      stderr="d.yaml:1:"),
    "--gold bad YAML": Case(["crosswalk", "pcf/A", "sdf/3", "--gold", "g.yaml"], write("g.yaml", "a: [\n"), stderr="g.yaml:2:1: CO01"),
    "--gold not JSON": Case(["crosswalk", "pcf/A", "sdf/3", "--gold", "g.json"], write("g.json", "{"), stderr="g.json:1:2: CO01 not valid JSON"),
    "validate --config disable = 5": Case(["validate", "units", "--config", "c.toml"],
                                          both(lambda t: unit(t), write("c.toml", "[validate]\ndisable = 5\n")),
                                          stderr="error: c.toml: [validate]: expected a list of rule codes"),
    "a symbolic link loop named x.txt": Case(["--corpus", "units", "list"], both(lambda t: unit(t), _link("units/x.txt", "x.txt")),
                                             stderr="units/x.txt:1:1: CO06 is a symbolic link that loops"),
    "a dangling .txt link": Case(["--corpus", "units", "list"], both(lambda t: unit(t), _link("units/x.txt", "gone.txt")),
                                 stderr="units/x.txt:1:1: CO06 is a symbolic link to nothing"),
    "a dangling .txt link (validate)": Case(["validate", "units"], both(lambda t: unit(t), _link("units/x.txt", "gone.txt")),
                                            exit=1, stdout="units/x.txt:1:1: FI01 is a symbolic link to nothing"),
    "a directory named x.txt": Case(["--corpus", "units", "list"], both(lambda t: unit(t), lambda t: (t / "units/x.txt").mkdir()),
                                    exit=0, stdout="135"),
    "a FIFO named x.txt (list)": Case(["--corpus", "units", "list"], both(lambda t: unit(t), _fifo("units/x.txt")),
                                      stderr="units/x.txt:1:1: CO06 is a FIFO"),
    "a FIFO named x.txt (search)": Case(["--corpus", "units", "search", "x"], both(lambda t: unit(t), _fifo("units/x.txt")),
                                        stderr="units/x.txt:1:1: CO06 is a FIFO"),
    "a FIFO named x.txt (validate)": Case(["validate", "units"], both(lambda t: unit(t), _fifo("units/x.txt")),
                                          exit=1, stdout="FI01 is a FIFO"),
    "an unknown option is one line": Case(["list", "--bogus"], stderr="error: no such option: --bogus (cwframe list --help)"),
    "a missing argument is one line": Case(["search"], stderr="error: missing argument 'query'. (cwframe search --help)"),
    "a mistyped command is one line": Case(["serach", "x"], stderr="error: no such command 'serach'. Did you mean 'search'?"),
    "--corpus /dev/stdin": Case(["--corpus", "/dev/stdin", "list"], stderr="error: /dev/stdin: is a"),
    "file names that are not UTF-8 (search)": Case(["--corpus", "nu", "search", "ethical", "-f", "json"], _undecodable_name,
                                                   exit=0, stdout='"file": "nu/caf\\\\xe9.txt"'),
    "file names that are not UTF-8 (statements)": Case(["--corpus", "nu", "statements", "-f", "csv"], _undecodable_name, exit=0,
                                                       stdout="nu/caf\\xe9.txt"),
    "file names that are not UTF-8 (export)": Case(["--corpus", "nu", "export", "-f", "json"], _undecodable_name, exit=0,
                                                   stdout="nu/caf\\\\xe9.txt"),
    "file names that are not UTF-8 (validate sarif)": Case(["validate", "nu", "-f", "sarif"], _undecodable_name, exit=0),
    "file names that are not UTF-8 (validate json)": Case(["validate", "nu", "-f", "json"], _undecodable_name, exit=0),
    "file names that are not UTF-8 (build)": Case(["build", "--raw", "nu", "--out", "out", "--schema", "out/s.json"],
                                                  _undecodable_name, exit=0),
    "a damaged search index is rebuilt": Case(["--corpus", "units", "search", "ethical"], _damaged_index, exit=0,
                                              stdout="nos/key-people/P20"),
    "an unusable cache directory": Case(["search", "attachment"], write("cache-is-a-file", "x"), exit=0,
                                        stdout="attachment", env={"CWFRAME_CACHE_DIR": "cache-is-a-file"}),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name: str, tmp_path: Path) -> None:
    check_case(CASES[name], tmp_path)


def test_a_file_removed_while_validating_is_a_finding(tmp_path: Path) -> None:
    from cwframe.ops import validate

    gone = tmp_path / "gone.txt"
    read = validate._raw(gone, None)
    assert read.framework is None and read.skipped is None
    assert [(p.code, p.message) for p in read.found] == [("FI01", "no such file")]


def test_build_check_works_on_a_clean_checkout() -> None:
    result = subprocess.run([sys.executable, "-m", "cwframe", "build", "--check"], cwd=ROOT, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
