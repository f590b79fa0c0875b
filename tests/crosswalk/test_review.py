"""The review workbook, used as a designer uses it: written, filled in a spreadsheet (openpyxl
here; LibreOffice's own .ods and CSV in tests/fixtures/review, made by tests/make_review_fixtures.py
with LibreOffice, and again live when soffice is installed), read back with --decisions,
regenerated, read again."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cwframe.cli.app import app
from cwframe.crosswalk.decisions import read_decisions

openpyxl = pytest.importorskip("openpyxl")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "review"
SOURCE = "nos/key-people"


def _write(runner, path: Path, *extra: str) -> None:
    result = runner.invoke(
        app, ["crosswalk", SOURCE, "sdf", "--no-reviews", "-f", "xlsx", "-o", str(path), *extra]
    )
    assert result.exit_code == 0, result.stderr


def _rows(path: Path) -> list[dict]:
    sheet = openpyxl.load_workbook(path)["review"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def fill(path: Path) -> dict:
    """A designer's review of five rows, by target; returns what they decided (for the checks)."""
    book = openpyxl.load_workbook(path)
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    rows = {sheet.cell(n, 1).value: n for n in range(2, sheet.max_row + 1)}

    def put(source: str, name: str, value: str) -> None:
        cell = sheet.cell(rows[source], col[name])
        cell.value = value
        cell.data_type = "s"  # typed as text, as a spreadsheet keeps what it is given as text

    def candidate(source: str, n: int) -> str:
        return sheet.cell(rows[source], col[f"candidate {n}"]).value

    decided = {"p1": (candidate(f"{SOURCE}/P1", 1), candidate(f"{SOURCE}/P1", 2)),
               "p4": [candidate(f"{SOURCE}/P4", n) for n in (1, 2, 3)]}  # fmt: skip
    put(f"{SOURCE}/P1", "verdict 1", "reject")
    put(f"{SOURCE}/P1", "verdict 2", "strong")
    put(f"{SOURCE}/P1", "note 2", "the second fits better")
    put(f"{SOURCE}/P2", "decision", "no counterpart")
    put(f"{SOURCE}/P2", "note", "=nothing at SDF")  # a note that looks like a formula stays text
    put(f"{SOURCE}/P3", "other targets", "sdf/7/knowledge/supporting-transitions")
    put(f"{SOURCE}/P3", "other grade", "partial")
    put(f"{SOURCE}/P4", "decision", "reject all")
    put(f"{SOURCE}/K53", "verdict 1", "partial")
    put(f"{SOURCE}/K53", "note", "near, not the same duty")
    decided["k53"] = candidate(f"{SOURCE}/K53", 1)
    book.save(path)
    return decided


def check(decided: dict, decisions: dict) -> None:
    p1_first, p1_second = decided["p1"]
    assert decisions[(f"{SOURCE}/P1", p1_second)].model_dump(exclude={"by"}) == {
        "source": f"{SOURCE}/P1", "target": p1_second, "decision": "accept", "relation": "strong",
        "note": "the second fits better"}  # fmt: skip
    assert decisions[(f"{SOURCE}/P1", p1_first)].decision == "reject"
    assert (decisions[(f"{SOURCE}/P2", "")].decision, decisions[(f"{SOURCE}/P2", "")].note) == (
        "no counterpart", "=nothing at SDF")  # fmt: skip
    other = decisions[(f"{SOURCE}/P3", "sdf/7/knowledge/supporting-transitions")]
    assert (other.decision, other.relation) == ("accept", "partial")
    assert {t for (s, t), d in decisions.items() if s == f"{SOURCE}/P4" and d.decision == "reject"} == set(
        decided["p4"]
    )
    k53 = decisions[(f"{SOURCE}/K53", decided["k53"])]
    assert (k53.relation, k53.note) == (
        "partial",
        "near, not the same duty",
    )  # the row's note, no note of its own
    assert len(decisions) == 8  # P1 2, P2 1, P3 1, P4 3, K53 1


def test_a_review_goes_round_the_spreadsheet_and_back(runner, tmp_path: Path) -> None:
    review = tmp_path / "review.xlsx"
    _write(runner, review)
    book = openpyxl.load_workbook(review)
    assert book.sheetnames == ["review", "kept decisions", "matrix", "gaps in target", "gaps in source"]
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    assert header[:10] == ["source id", "copies", "source text", "decision", "note", "reviewed by", "other targets",
                           "other grade", "rejected", "as reviewed"]  # fmt: skip
    assert header[10:17] == ["candidate 1", "candidate 1 text", "verdict 1", "note 1", "score 1", "relation 1",
                             "why 1"]  # fmt: skip
    assert sheet.column_dimensions["J"].hidden  # the fingerprint of cwframe's decision on a row
    assert sheet.freeze_panes == "D2"
    lists = {str(v.sqref).split(":")[0][:-1]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"D": '"no counterpart,reject all"', "H": '"strong,partial"', "M": '"strong,partial,reject"',
                     "T": '"strong,partial,reject"', "AA": '"strong,partial,reject"'}  # fmt: skip
    decided = fill(review)
    decisions = read_decisions(review)
    check(decided, decisions)
    # Regenerated from the filled workbook: each decision shown as it was made, by target.
    again = tmp_path / "again.xlsx"
    _write(runner, again, "--decisions", str(review))
    rows = {r["source id"]: r for r in _rows(again)}
    p1, p2, p3, p4 = (rows[f"{SOURCE}/P{n}"] for n in (1, 2, 3, 4))
    p1_first, p1_second = decided["p1"]
    assert (p1["candidate 1"], p1["verdict 1"], p1["note 1"], p1["candidate 2"], p1["reviewed by"], p1["rejected"]) == (
        p1_second, "strong", "the second fits better", None, "you", p1_first)  # fmt: skip
    assert (p2["decision"], p2["candidate 1"], p2["note"]) == ("no counterpart", None, "=nothing at SDF")
    assert (p3["candidate 1"], p3["verdict 1"]) == ("sdf/7/knowledge/supporting-transitions", "partial")
    assert p4["decision"] is None and set(p4["rejected"].split("; ")) == set(decided["p4"])
    assert not {p4[f"candidate {n}"] for n in (1, 2, 3)} & set(decided["p4"])  # rejected: not proposed again
    assert read_decisions(again) == decisions  # and reading it again gives the same decisions


def test_copies_are_one_row_decided_for_all(runner, tmp_path: Path) -> None:
    """The 97 criteria every NOS unit prints are one row each; a decision on one copy holds for all."""
    review = tmp_path / "review.xlsx"
    result = runner.invoke(app, ["crosswalk", "nos", "sdf", "--no-reviews", "-f", "xlsx", "-o", str(review)])
    assert result.exit_code == 0
    rows = _rows(review)
    assert len(rows) == 234  # of 428 statements
    k53 = next(r for r in rows if r["source id"] == "nos/cyp-development/K53")
    assert k53["copies"] == "nos/key-people/K53; nos/transitions/K53"
    decisions = tmp_path / "d.csv"
    decisions.write_text("source,target,decision,relation,note\nnos/transitions/K53,sdf/7/knowledge/"
                         "safeguarding-and-promoting-the-welfare-of-the-child-or-young-person,accept,partial,"
                         "health and safety is only near safeguarding\n", encoding="utf-8")  # fmt: skip
    shown = runner.invoke(app, ["crosswalk", "nos/key-people", "sdf", "--no-reviews", "--decisions", str(decisions),
                                "-f", "json"])  # fmt: skip
    record = next(r for r in json.loads(shown.stdout)["records"] if r["id"] == "nos/key-people/K53")
    assert [(m["id"], m["grade"], m["reviewed_by"]) for m in record["matches"]] == [
        (
            "sdf/7/knowledge/safeguarding-and-promoting-the-welfare-of-the-child-or-young-person",
            "partial",
            "you",
        )
    ]


def test_a_workbook_holds_only_what_you_change(runner, tmp_path: Path) -> None:
    """Rows left as cwframe's review decided them read back as nothing, so the shipped review keeps
    applying (a later correction reaches you); a row you change is yours."""
    review = tmp_path / "review.xlsx"
    assert runner.invoke(app, ["crosswalk", SOURCE, "sdf", "-f", "xlsx", "-o", str(review)]).exit_code == 0
    assert read_decisions(review) == {}
    book = openpyxl.load_workbook(review)
    sheet = book["review"]
    sheet["D2"], sheet["E2"] = "no counterpart", "not in our reading"
    for column in ("M", "T", "AA"):
        sheet[f"{column}2"] = None
    book.save(review)
    assert [(s, t, d.decision, d.note) for (s, t), d in read_decisions(review).items()] == [
        (f"{SOURCE}/P1", "", "no counterpart", "not in our reading")
    ]


def test_libreoffice_saves_are_read(tmp_path: Path) -> None:
    """The filled workbook as LibreOffice saved it (.ods), and its review sheet saved as CSV."""
    decided = json.loads((FIXTURES / "decided.json").read_text(encoding="utf-8"))
    for name in ("filled.ods", "filled-review.csv", "filled-review-semicolon.csv", "filled.xlsx"):
        check(decided, read_decisions(FIXTURES / name))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_live(runner, tmp_path: Path) -> None:
    review = tmp_path / "review.xlsx"
    _write(runner, review)
    decided = fill(review)
    for target in ("ods", "csv:Text - txt - csv (StarCalc):44,34,76,1"):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", target,
                        "--outdir", str(tmp_path / "out"), str(review)], check=True, capture_output=True,
                       timeout=180)  # fmt: skip
    check(decided, read_decisions(tmp_path / "out" / "review.ods"))
    check(decided, read_decisions(tmp_path / "out" / "review.csv"))


def test_other_files_get_one_line_naming_what_works(runner, tmp_path: Path) -> None:
    cases = {
        "notes.txt": "just some notes\n",
        "other.csv": "id,text\nnos/a,b\n",
        "report.pdf": b"%PDF-1.4\x00\x01\x02 binary",
        "review.docx": b"PK\x03\x04" + b"\x00" * 40,
    }
    for name, content in cases.items():
        path = tmp_path / name
        (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
        result = runner.invoke(app, ["crosswalk", SOURCE, "sdf", "--decisions", str(path)])
        assert result.exit_code == 2, name
        line = result.stderr.strip()
        assert "\n" not in line and line.startswith(f"error: {path}: "), line
        assert ("a review workbook (.xlsx or .ods" in line) or ("not a readable workbook" in line), line


def test_decisions_for_statements_that_are_gone_are_kept_and_named(runner, tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text("source,target,decision,note\nnos/key-people/P99,sdf/7/knowledge/information-sharing,accept,"
                   "from last year\n", encoding="utf-8")  # fmt: skip
    review = tmp_path / "review.xlsx"
    result = runner.invoke(
        app, ["crosswalk", SOURCE, "sdf", "--decisions", str(old), "-f", "xlsx", "-o", str(review)]
    )
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {old}: accept nos/key-people/P99 → sdf/7/knowledge/information-sharing: "
                                    "no statement nos/key-people/P99 in nos → sdf")  # fmt: skip
    kept = list(openpyxl.load_workbook(review)["kept decisions"].iter_rows(values_only=True))
    assert kept == [("source id", "target id", "decision", "grade", "note"),
                    ("nos/key-people/P99", "sdf/7/knowledge/information-sharing", "accept", None, "from last year")]  # fmt: skip
    assert ("nos/key-people/P99", "sdf/7/knowledge/information-sharing") in read_decisions(review)


def test_a_wrong_decision_is_located(runner, tmp_path: Path) -> None:
    review = tmp_path / "review.xlsx"
    _write(runner, review)
    book = openpyxl.load_workbook(review)
    book["review"]["M7"] = "maybe"
    book["review"]["D8"] = "accept all"
    book.save(review)
    result = runner.invoke(app, ["crosswalk", SOURCE, "sdf", "--decisions", str(review)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {review}: review row 7: verdict 1 is 'maybe' (use one of: strong, partial, reject)\n"
    )
    book["review"]["M7"] = "strong"
    book["review"]["D7"] = "no counterpart"
    book.save(review)
    result = runner.invoke(app, ["crosswalk", SOURCE, "sdf", "--decisions", str(review)])
    candidate = book["review"]["K7"].value
    assert result.stderr == (f"error: {review}: review row 7: 'no counterpart', but {candidate} is accepted; keep one "
                             "of the two\n")  # fmt: skip


def test_a_workbook_from_before_verdicts_is_still_read(tmp_path: Path) -> None:
    """Workbooks written by earlier versions: 'accept 2' in the decision column accepts candidate 2."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "review"
    sheet.append(["source id", "source text", "decision", "note", "reviewed", "other target", "rejected",
                  "candidate 1", "candidate 1 text", "candidate 2", "candidate 2 text"])  # fmt: skip
    sheet.append(
        ["nos/key-people/P1", "t", "accept 2", "fits", None, None, None, "sdf/7/a", "a", "sdf/7/b", "b"]
    )
    sheet.append(
        ["nos/key-people/P2", "t", "accept other", None, None, "sdf/8/c", None, None, None, None, None]
    )
    sheet.append(
        ["nos/key-people/P3", "t", "reject all", None, None, None, None, "sdf/7/a", "a", "sdf/7/b", "b"]
    )
    old = tmp_path / "old.xlsx"
    book.save(old)
    got = {k: (d.decision, d.relation, d.note) for k, d in read_decisions(old).items()}
    assert got == {("nos/key-people/P1", "sdf/7/b"): ("accept", None, "fits"),
                   ("nos/key-people/P2", "sdf/8/c"): ("accept", None, None),
                   ("nos/key-people/P3", "sdf/7/a"): ("reject", None, None),
                   ("nos/key-people/P3", "sdf/7/b"): ("reject", None, None)}  # fmt: skip
