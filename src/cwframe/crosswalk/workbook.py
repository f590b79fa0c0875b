"""The review workbook: a crosswalk a designer finishes in a spreadsheet, and reads back.

``cwframe crosswalk SOURCE TARGET -f xlsx -o review.xlsx`` writes one row per source (a
statement printed word for word in several units is one row: its other ids are listed under
*copies* and the decision applies to all of them). Each row holds up to three candidates,
and the designer decides **by target**:

=====================  ==========================================================
``verdict N``          ``strong`` or ``partial``: candidate N is a counterpart of that
                       grade; ``reject``: it is not
``other targets``      ids of counterparts the candidates miss (any statement of the
                       target), graded by ``other grade``
``decision``           ``no counterpart``: the target has nothing for this source;
                       ``reject all``: none of the candidates without a verdict is
``note N``             the reason for candidate N's verdict, in a line
``note``               the reason for a row decision (and for any verdict without
                       its own note)
=====================  ==========================================================

A decided source is written back as decided: its accepted targets as its candidates, best
first, each with its verdict, so a regenerated workbook shows every decision as it was made.
The **rejected** column lists the ids turned down (never proposed again); **kept decisions**
holds every decision a row cannot show (a fourth accepted target, an id that no longer
exists, a decision for another crosswalk), so reading the workbook gives back all of them.
Workbooks written before verdict columns (``accept 1`` … ``accept other`` in *decision*)
are still read. The same rows are read from the review sheet saved as CSV, and from the
workbook saved by LibreOffice as .ods.
"""

from __future__ import annotations

import io
import re

from cwframe import sheets
from cwframe.crosswalk.model import NO_COUNTERPART, Crosswalk, Decision, Record, why
from cwframe.errors import InputError

CANDIDATES = 3
SHEET = "review"
KEPT = "kept decisions"
DECISIONS = [NO_COUNTERPART, "reject all"]
VERDICTS = ["strong", "partial", "reject"]
GRADES = ["strong", "partial"]
_FIXED = ["source id", "copies", "source text", "decision", "note", "reviewed by", "other targets", "other grade",
          "rejected", "as reviewed"]  # fmt: skip
SHIPPED = (
    "as reviewed"  # hidden: a fingerprint of cwframe's decision on the row, to tell a row left as it was
)
_LEGACY = re.compile(r"accept ([1-9])")


def columns() -> list[str]:
    out = list(_FIXED)
    for n in range(1, CANDIDATES + 1):
        out += [f"candidate {n}", f"candidate {n} text", f"verdict {n}", f"note {n}", f"score {n}", f"relation {n}",
                f"why {n}"]  # fmt: skip
    return out


def _row(record: Record, rejected: list[str]) -> list[object]:
    decision = NO_COUNTERPART if record.no_counterpart else None
    row: list[object] = [record.id, "; ".join(record.copies) or None, record.text, decision, record.note,
                         record.reviewed_by, None, None, "; ".join(rejected) or None,
                         fingerprint(_shown(record)) if record.reviewed_by == "cwframe" else None]  # fmt: skip
    for n in range(CANDIDATES):
        m = record.matches[n] if n < len(record.matches) else None
        if m is None:
            row += [None] * 7
            continue
        verdict = m.grade or ("accepted" if m.reviewed else None)
        row += [m.id, m.text, verdict, m.note if m.reviewed else None, m.score, m.relation, why(m)]
    return row


def _shown(record: Record) -> list[Decision]:
    """The decision a row shows, as decisions (what reading the row back unchanged gives)."""
    if record.no_counterpart:
        return [Decision(source=record.id, decision=NO_COUNTERPART, note=record.note)]
    return [Decision(source=record.id, target=m.id, decision="accept", relation=m.grade, note=m.note)
            for m in record.matches if m.reviewed]  # fmt: skip


def fingerprint(decisions: list[Decision]) -> str:
    """A short digest of a source's decision (accepted targets in order with grade and reason, or no
    counterpart): a row read back with the same digest was left as cwframe's review decided it."""
    import hashlib
    import json

    kept = [[d.decision, d.target, d.relation or "", (d.note or "").strip()] for d in decisions
            if d.decision in ("accept", NO_COUNTERPART)]  # fmt: skip
    return hashlib.sha256(json.dumps(kept).encode()).hexdigest()[:16]


def write_workbook(result: Crosswalk, *, decisions: dict | None = None, target_texts: dict[str, str] | None = None) -> bytes:  # fmt: skip
    """The review workbook for a crosswalk, as bytes (deterministic: fixed internal timestamps).

    ``decisions`` (your own, as read with --decisions) are all written back: in the rows where they
    show and, for any a row cannot show, in the kept-decisions sheet.
    """
    openpyxl = sheets.openpyxl()
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = sheets.FIXED_TIME
    sheet = book.active
    sheet.title = SHEET
    header = columns()
    sheets.append_row(sheet, header)
    decisions = decisions or {}
    record_of = {c: r.id for r in result.records for c in (r.id, *r.copies)}
    shown: set[tuple[str, str]] = set()
    rejected_of: dict[str, list[str]] = {}
    for (sid, tid), d in sorted(decisions.items()):
        if d.decision == "reject" and sid in record_of:
            rejected_of.setdefault(record_of[sid], []).append(tid)
    for record in result.records:
        rejected = sorted(set(rejected_of.get(record.id, [])))
        shown |= {(record.id, t) for t in rejected}
        shown |= {(record.id, m.id) for m in record.matches if m.reviewed}
        if record.no_counterpart:
            shown.add((record.id, ""))
        sheets.append_row(sheet, _row(record, rejected))
    for name, choices, prompt in (
        ("decision", DECISIONS, "no counterpart, or reject all (the candidates without a verdict)"),
        *((f"verdict {n}", VERDICTS, f"candidate {n}: strong, partial or reject") for n in range(1, CANDIDATES + 1)),
        ("other grade", GRADES, "the grade of the ids in 'other targets'"),
    ):  # fmt: skip
        rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle="cwframe", error="Choose from the list")  # fmt: skip
        rule.prompt, rule.promptTitle = prompt, name
        letter = openpyxl.utils.get_column_letter(header.index(name) + 1)
        rule.add(f"{letter}2:{letter}{max(sheet.max_row, 2)}")
        sheet.add_data_validation(rule)
    widths = {"source id": 28, "copies": 18, "source text": 60, "decision": 15, "note": 30, "reviewed by": 11,
              "other targets": 28, "other grade": 11, "rejected": 20}  # fmt: skip
    for i, name in enumerate(header, start=1):
        width = widths.get(name) or (60 if name.endswith("text") else 40 if name.startswith(("candidate", "why"))
                                     else 30 if name.startswith("note") else 10)  # fmt: skip
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D2"  # the header and the source stay in view
    sheet.column_dimensions[openpyxl.utils.get_column_letter(header.index(SHIPPED) + 1)].hidden = True
    kept = book.create_sheet(KEPT)
    sheets.append_row(kept, ["source id", "target id", "decision", "grade", "note"])
    for (sid, tid), d in sorted(decisions.items()):
        if (record_of.get(sid, sid), tid) not in shown:
            sheets.append_row(kept, (sid, tid or None, d.decision, d.relation, d.note))
    grid = book.create_sheet("matrix")
    sheets.append_row(grid, ["source group", *result.matrix_columns])
    for name, values in zip(result.matrix_rows, result.matrix, strict=True):
        sheets.append_row(grid, [name, *values])
    for row in grid.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = "0%"
    grid.freeze_panes = "B2"
    texts = {r.id: r.text for r in result.records}
    unmatched = book.create_sheet("gaps in target")
    sheets.append_row(unmatched, ["source id", "source text (no counterpart found)"])
    for sid in result.coverage.unmatched_sources:
        sheets.append_row(unmatched, [sid, texts.get(sid)])
    unreached = book.create_sheet("gaps in source")
    sheets.append_row(unreached, ["target id", "target text (no source reaches it)"])
    for tid in result.coverage.unreached_targets:
        sheets.append_row(unreached, [tid, (target_texts or {}).get(tid)])
    for extra in (sheet, kept, grid, unmatched, unreached):
        sheets.text_cells(extra)
        for cell in extra[1]:
            cell.font = Font(bold=True)
        if extra not in (sheet, grid):
            extra.freeze_panes = "A2"
            extra.column_dimensions["A"].width, extra.column_dimensions["B"].width = 40, 90
    raw = io.BytesIO()
    book.save(raw)
    return sheets.fixed_zip(raw.getvalue())


def read_workbook(data: bytes, shown: str) -> list[Decision]:
    """The decisions a filled review workbook holds (.xlsx, .ods, or .xls as Excel saves it)."""
    books = sheets.read_sheets(data, shown)
    if SHEET not in books:
        raise InputError(f"{shown}: no '{SHEET}' sheet; write one with cwframe crosswalk … -f xlsx")
    table = books[SHEET]
    header = [sheets.cell_text(h).casefold() for h in (table[0] if table else [])]
    rows = [[sheets.cell_text(v) for v in row] for row in table[1:]]
    return from_review_rows(header, rows, shown) + _kept(books.get(KEPT, []), shown)


def from_review_rows(header: list[str], rows: list[list[str]], shown: str) -> list[Decision]:
    """Decisions from the review sheet's rows (a workbook, or the sheet saved as CSV)."""
    missing = [name for name in ("source id", "decision") if name not in header]
    if missing:
        raise InputError(f"{shown}: the review sheet has no '{missing[0]}' column")
    at = {name: i for i, name in reversed(list(enumerate(header)))}
    out: list[Decision] = []
    for number, values in enumerate(rows, start=2):

        def cell(name: str, values: list[str] = values) -> str:
            i = at.get(name)
            return values[i].strip() if i is not None and i < len(values) else ""

        out += _decide(cell, number, shown)
    return out


def _decide(cell, number: int, shown: str) -> list[Decision]:  # noqa: ANN001 - cell(name) -> str
    where = f"{shown}: review row {number}"
    source, choice, note = cell("source id"), cell("decision").casefold(), cell("note") or None
    out: list[Decision] = []
    accepted: list[tuple[str, str | None]] = []
    rejected: list[str] = [t for t in re.split(r"[;,\s]+", cell("rejected")) if t]
    verdicts = {}
    for n in range(1, 10):
        verdict = cell(f"verdict {n}").casefold()
        if verdict and verdict not in (*VERDICTS, "accepted"):
            raise InputError(f"{where}: verdict {n} is '{verdict}' (use one of: {', '.join(VERDICTS)})")
        verdicts[n] = verdict
    legacy = _LEGACY.fullmatch(choice)
    if legacy:  # a workbook written before verdict columns: 'accept 2' accepts candidate 2
        n = int(legacy[1])
        verdicts[n] = verdicts.get(n) or "accepted"
        choice = ""
    elif choice == "accept other":
        choice = ""
    others = [t for t in re.split(r"[;,\s]+", cell("other targets") or cell("other target")) if t]
    grade = cell("other grade").casefold() or None
    if grade and grade not in GRADES:
        raise InputError(f"{where}: other grade is '{grade}' (use one of: {', '.join(GRADES)})")
    reasons: dict[str, str | None] = {}
    for n, verdict in verdicts.items():
        target = cell(f"candidate {n}")
        if verdict and not target:
            raise InputError(f"{where}: verdict {n} is '{verdict}', but candidate {n} is empty")
        if verdict in ("strong", "partial", "accepted"):
            accepted.append((target, verdict if verdict in GRADES else None))
            reasons[target] = cell(f"note {n}") or None
        elif verdict == "reject" or (choice == "reject all" and target):
            rejected.append(target)
    accepted += [(t, grade) for t in others]
    if choice and choice not in DECISIONS:
        raise InputError(f"{where}: unknown decision '{choice}' (use one of: {', '.join(DECISIONS)}; or a "
                         "verdict per candidate)")  # fmt: skip
    if (accepted or rejected or choice) and not source:
        raise InputError(f"{where}: a decision with no source id")
    if choice == NO_COUNTERPART and accepted:
        raise InputError(f"{where}: 'no counterpart', but {accepted[0][0]} is accepted; keep one of the two")
    if choice == NO_COUNTERPART:
        out.append(Decision(source=source, decision=NO_COUNTERPART, note=note))
    for target, g in accepted:
        out.append(Decision(source=source, target=target, decision="accept", relation=g,
                            note=reasons.get(target) or note))  # fmt: skip
    for target in dict.fromkeys(rejected):
        if all(target != t for t, _ in accepted):
            out.append(
                Decision(source=source, target=target, decision="reject", note=None if accepted else note)
            )
    if out and cell(SHIPPED) and cell(SHIPPED) == fingerprint(out) and len(out) == len(_kept_kinds(out)):
        return []  # left as cwframe's review decided it: the shipped review keeps applying
    return out


def _kept_kinds(decisions: list[Decision]) -> list[Decision]:
    return [d for d in decisions if d.decision in ("accept", NO_COUNTERPART)]


def _kept(table: list[list[object]], shown: str) -> list[Decision]:
    out = []
    if not table:
        return out
    header = [sheets.cell_text(h).casefold() for h in table[0]]
    at = {name: i for i, name in enumerate(header)}
    for number, values in enumerate(table[1:], start=2):

        def cell(name: str, values: list[object] = values) -> str:
            i = at.get(name)
            return sheets.cell_text(values[i]) if i is not None and i < len(values) else ""

        if not cell("source id"):
            continue
        try:
            out.append(Decision(source=cell("source id"), target=cell("target id"), decision=cell("decision"),
                                relation=cell("grade") or None, note=cell("note") or None))  # fmt: skip
        except ValueError:
            raise InputError(f"{shown}: {KEPT} row {number}: '{cell('decision')}' is not accept, reject or "
                             "no counterpart") from None  # fmt: skip
    return out
