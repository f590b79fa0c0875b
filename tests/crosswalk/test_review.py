"""The review workbook, used as a designer uses it: written, filled in a spreadsheet
(openpyxl here), read back with --decisions, regenerated, read again."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwframe.cli.app import app
from cwframe.ops.crosswalk import read_decisions

openpyxl = pytest.importorskip("openpyxl")


def _write(runner, path: Path, *extra: str) -> None:
    result = runner.invoke(app, ["crosswalk", "nos/key-people", "sdf", "-f", "xlsx", "-o", str(path), *extra])
    assert result.exit_code == 0, result.stderr


def _rows(path: Path) -> list[dict]:
    sheet = openpyxl.load_workbook(path)["review"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_a_review_goes_round_the_spreadsheet_and_back(runner, tmp_path: Path) -> None:
    review = tmp_path / "review.xlsx"
    _write(runner, review)
    book = openpyxl.load_workbook(review)
    assert book.sheetnames == ["review", "kept decisions", "matrix", "gaps in target", "gaps in source"]
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == [
        "source id",
        "source text",
        "decision",
        "note",
        "reviewed",
        "other target",
        "rejected",
    ]
    assert sheet.freeze_panes == "C2"
    (choices,) = sheet.data_validations.dataValidation
    assert choices.formula1 == '"accept 1,accept 2,accept 3,accept other,reject all,no counterpart"'
    assert str(choices.sqref) == f"C2:C{sheet.max_row}"
    rows = _rows(review)
    assert [r["source id"] for r in rows][:3] == [
        "nos/key-people/P1",
        "nos/key-people/P2",
        "nos/key-people/P3",
    ]
    second = rows[0]["candidate 2"]
    # The designer decides, in the spreadsheet.
    sheet["C2"], sheet["D2"] = "accept 2", "second fits better"
    sheet["C3"] = "no counterpart"
    sheet["C4"], sheet["F4"] = "accept other", "sdf/7/knowledge/supporting-transitions"
    sheet["C5"], sheet["D5"] = "reject all", "none of these"
    rejected = [rows[3][f"candidate {n}"] for n in (1, 2, 3)]
    book.save(review)
    decided = read_decisions(review)
    assert decided[("nos/key-people/P1", second)].decision == "accept"
    assert decided[("nos/key-people/P1", second)].note == "second fits better"
    assert decided[("nos/key-people/P2", "")].decision == "no counterpart"
    assert decided[("nos/key-people/P3", "sdf/7/knowledge/supporting-transitions")].decision == "accept"
    assert {t for (s, t), d in decided.items() if s == "nos/key-people/P4" and d.decision == "reject"} == set(
        rejected
    )
    # Regenerated from the filled workbook: every decision is kept and shown as reviewed.
    again = tmp_path / "again.xlsx"
    _write(runner, again, "--decisions", str(review))
    rows = _rows(again)
    p1, p2, p3, p4 = rows[:4]
    assert (p1["decision"], p1["candidate 1"], p1["note"], p1["reviewed"]) == (
        "accept 1",
        second,
        "second fits better",
        "yes",
    )
    assert (p2["decision"], p2["candidate 1"]) == ("no counterpart", None)
    assert (p3["decision"], p3["candidate 1"]) == ("accept 1", "sdf/7/knowledge/supporting-transitions")
    assert p4["decision"] is None and set(p4["rejected"].split("; ")) == set(rejected)
    assert not {p4[f"candidate {n}"] for n in (1, 2, 3)} & set(
        rejected
    )  # rejected ones are not proposed again
    assert read_decisions(again) == decided  # and reading it again gives the same decisions


def test_decisions_for_statements_that_are_gone_are_kept_and_named(runner, tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text("source,target,decision,note\nnos/key-people/P99,sdf/7/knowledge/information-sharing,accept,"
                   "from last year\n", encoding="utf-8")  # fmt: skip
    review = tmp_path / "review.xlsx"
    result = runner.invoke(
        app, ["crosswalk", "nos/key-people", "sdf", "--decisions", str(old), "-f", "xlsx", "-o", str(review)]
    )
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {old}: accept nos/key-people/P99 → sdf/7/knowledge/information-sharing: "
                                    "no statement nos/key-people/P99 in nos/key-people → sdf")  # fmt: skip
    kept = list(openpyxl.load_workbook(review)["kept decisions"].iter_rows(values_only=True))
    assert kept == [("source id", "target id", "decision", "note"),
                    ("nos/key-people/P99", "sdf/7/knowledge/information-sharing", "accept", "from last year")]  # fmt: skip
    assert ("nos/key-people/P99", "sdf/7/knowledge/information-sharing") in read_decisions(review)


def test_a_wrong_decision_is_located(runner, tmp_path: Path) -> None:
    review = tmp_path / "review.xlsx"
    _write(runner, review)
    book = openpyxl.load_workbook(review)
    book["review"]["C7"] = "maybe"
    book.save(review)
    result = runner.invoke(app, ["crosswalk", "nos/key-people", "sdf", "--decisions", str(review)])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {review}: review row 7: unknown decision 'maybe' (use one of: accept 1, "
                             "accept 2, accept 3, accept other, reject all, no counterpart)\n")  # fmt: skip
