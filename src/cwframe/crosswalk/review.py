"""The review workbook: a crosswalk a designer finishes in a spreadsheet, and reads back.

``cwframe crosswalk SOURCE TARGET -f xlsx -o review.xlsx`` writes one row per source
statement with its candidates, a **decision** column with a drop-down and a **note**
column; ``--decisions review.xlsx`` reads the filled workbook straight back (CSV and
YAML decisions still work). Decisions:

========================  =================================================
``accept 1`` … ``3``      the candidate in that column is a counterpart
``accept other``          the id typed in *other target* is (any statement)
``reject all``            none of the listed candidates is
``no counterpart``        the target framework has nothing for this source
(empty)                   not reviewed yet
========================  =================================================

The **rejected** column lists ids a reviewer turned down (they are not proposed again);
a **kept decisions** sheet holds every decision a row cannot show (a second accepted
target, one whose statement no longer exists). Regenerating with ``--decisions``
writes every decision back (an accepted pair is listed first, so it reads
``accept 1``): reading the new workbook gives the same decisions.
"""

from __future__ import annotations

import io
from pathlib import Path

from cwframe.errors import InputError

CANDIDATES = 3
CHOICES = [*(f"accept {n}" for n in range(1, CANDIDATES + 1)), "accept other", "reject all", "no counterpart"]
_FIXED = ["source id", "source text", "decision", "note", "reviewed", "other target", "rejected"]
KEPT = "kept decisions"  # every decision a review row cannot show (a second accepted target, a stale id)


def _columns() -> list[str]:
    out = list(_FIXED)
    for n in range(1, CANDIDATES + 1):
        out += [f"candidate {n}", f"candidate {n} text", f"score {n}", f"relation {n}", f"why {n}"]
    return out


def _openpyxl():  # noqa: ANN202
    try:
        import openpyxl
    except ImportError:
        raise InputError("xlsx needs the xlsx extra: pip install 'cwframe[xlsx]'") from None
    return openpyxl


def _decided(record) -> tuple[str | None, str | None]:  # noqa: ANN001 - a Record
    """What the decision column shows for a record (from decisions read back), and its note."""
    if record.no_counterpart:
        return "no counterpart", record.note
    for n, m in enumerate(record.matches[:CANDIDATES], start=1):
        if m.reviewed:
            return f"accept {n}", m.note
    return None, record.note


def write_workbook(
    result, *, decisions: dict | None = None, target_texts: dict[str, str] | None = None
) -> bytes:  # noqa: ANN001
    """The review workbook for a Crosswalk, as bytes (deterministic: fixed internal timestamps).

    ``decisions`` (as read with --decisions) are all written back: in the rows where they
    show (decision, note, rejected) and, for any a row cannot show, in the kept-decisions
    sheet, so that reading the workbook again gives every one of them.
    """
    from cwframe.export.xlsx import fixed_zip
    from cwframe.render.crosswalk import evidence_text

    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "review"
    header = _columns()
    sheet.append(header)
    decisions = decisions or {}
    shown: set[tuple[str, str]] = set()
    for record in result.records:
        decision, note = _decided(record)
        if decision and decision.startswith("accept "):
            shown.add((record.id, record.matches[int(decision.split()[1]) - 1].id))
        elif decision:
            shown.add((record.id, ""))
        rejects = sorted(
            (t, d.note) for (s_, t), d in decisions.items() if s_ == record.id and d.decision == "reject"
        )
        rejected = [t for t, _ in rejects]
        note = note or next((n for _, n in rejects if n), None)
        shown |= {(record.id, t) for t in rejected}
        reviewed = "yes" if decision or rejected else ""
        row = [record.id, record.text, decision, note, reviewed, None, "; ".join(rejected) or None]
        for n in range(CANDIDATES):
            m = record.matches[n] if n < len(record.matches) else None
            row += [m.id, m.text, m.score, m.relation, evidence_text(m)] if m else [None] * 5
        sheet.append(row)
    choices = DataValidation(type="list", formula1='"' + ",".join(CHOICES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="cwframe", error="Choose a decision from the list")  # fmt: skip
    choices.prompt, choices.promptTitle = (
        "accept 1-3, accept other (type its id), reject all, no counterpart",
        "decision",
    )
    sheet.add_data_validation(choices)
    column = header.index("decision") + 1
    letter = openpyxl.utils.get_column_letter(column)
    choices.add(f"{letter}2:{letter}{max(sheet.max_row, 2)}")
    widths = {
        "source id": 28,
        "source text": 60,
        "decision": 16,
        "note": 30,
        "reviewed": 9,
        "other target": 28,
    }
    for i, name in enumerate(header, start=1):
        width = widths.get(name) or (
            60 if name.endswith("text") else 40 if name.startswith(("candidate", "why")) else 9
        )
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    _text_cells(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"  # the header and the source stay in view
    kept = book.create_sheet(KEPT)
    kept.append(["source id", "target id", "decision", "note"])
    for (sid, tid), d in sorted(decisions.items()):
        if (sid, tid) not in shown:
            kept.append([sid, tid or None, d.decision, d.note])
    matrix = book.create_sheet("matrix")
    matrix.append(["source group", *result.matrix_columns])
    for name, values in zip(result.matrix_rows, result.matrix, strict=True):
        matrix.append([name, *values])
    for row in matrix.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = "0%"
    matrix.freeze_panes = "B2"
    texts = {r.id: r.text for r in result.records}
    unmatched = book.create_sheet("gaps in target")
    unmatched.append(["source id", "source text (no counterpart found)"])
    for sid in result.coverage.unmatched_sources:
        unmatched.append([sid, texts.get(sid)])
    unreached = book.create_sheet("gaps in source")
    unreached.append(["target id", "target text (no source reaches it)"])
    for tid in result.coverage.unreached_targets:
        unreached.append([tid, (target_texts or {}).get(tid)])
    for extra in (kept, matrix, unmatched, unreached):
        _text_cells(extra)
        for cell in extra[1]:
            cell.font = Font(bold=True)
        if extra is not matrix:
            extra.freeze_panes = "A2"
            extra.column_dimensions["A"].width, extra.column_dimensions["B"].width = 40, 90
    raw = io.BytesIO()
    book.save(raw)
    return fixed_zip(raw.getvalue())


def _text_cells(sheet) -> None:  # noqa: ANN001
    """Every string stays text: a statement starting with '=' is never a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def read_workbook(path: Path) -> list:
    """The decisions a filled review workbook holds (cwframe.ops.crosswalk.Decision)."""
    from cwframe.corpus import display_path, read_bytes
    from cwframe.ops.crosswalk import NO_COUNTERPART, Decision

    openpyxl = _openpyxl()
    shown = display_path(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(read_bytes(path)), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise InputError(
            f"{shown}: not a readable workbook ({type(exc).__name__}); save it as .xlsx"
        ) from None
    if "review" not in book.sheetnames:
        raise InputError(f"{shown}: no 'review' sheet; write one with cwframe crosswalk … -f xlsx")
    rows = book["review"].iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, ())]
    missing = [name for name in ("source id", "decision", "note", "other target") if name not in header]
    if missing:
        raise InputError(f"{shown}: the review sheet has no '{missing[0]}' column")
    at = {name: header.index(name) for name in header}
    decisions = []
    for number, values in enumerate(rows, start=2):

        def cell(name: str, values: tuple = values) -> str:
            i = at.get(name)
            value = values[i] if i is not None and i < len(values) else None
            return "" if value is None else str(value).strip()

        choice, source, note = cell("decision").lower(), cell("source id"), cell("note") or None
        for rejected in filter(None, (t.strip() for t in cell("rejected").replace(",", ";").split(";"))):
            decisions.append(
                Decision(source=source, target=rejected, decision="reject", note=None if choice else note)
            )
        if not choice:
            continue
        if not source:
            raise InputError(f"{shown}: review row {number}: a decision with no source id")
        if choice.startswith("accept ") and choice.removeprefix("accept ").isdigit():
            target = cell(f"candidate {choice.removeprefix('accept ')}")
            if not target:
                raise InputError(
                    f"{shown}: review row {number}: '{choice}', but that candidate column is empty"
                )
            decisions.append(Decision(source=source, target=target, decision="accept", note=note))
        elif choice == "accept other":
            target = cell("other target")
            if not target:
                raise InputError(
                    f"{shown}: review row {number}: 'accept other' needs the id in 'other target'"
                )
            decisions.append(Decision(source=source, target=target, decision="accept", note=note))
        elif choice == "reject all":
            for n in range(1, CANDIDATES + 1):
                if cell(f"candidate {n}"):
                    decisions.append(
                        Decision(source=source, target=cell(f"candidate {n}"), decision="reject", note=note)
                    )
        elif choice == NO_COUNTERPART:
            decisions.append(Decision(source=source, decision=NO_COUNTERPART, note=note))
        else:
            raise InputError(f"{shown}: review row {number}: unknown decision '{choice}' (use one of: "
                             f"{', '.join(CHOICES)})")  # fmt: skip
    return decisions + _kept(book, shown)


def _kept(book, shown: str) -> list:  # noqa: ANN001
    from cwframe.ops.crosswalk import Decision

    if KEPT not in book.sheetnames:
        return []
    out = []
    rows = book[KEPT].iter_rows(values_only=True)
    next(rows, None)
    for number, values in enumerate(rows, start=2):
        sid, tid, decision, note = (list(values) + [None] * 4)[:4]
        if not sid:
            continue
        try:
            out.append(Decision(source=str(sid), target=str(tid or ""), decision=str(decision), note=note))
        except ValueError:
            raise InputError(
                f"{shown}: {KEPT} row {number}: '{decision}' is not accept, reject or no counterpart"
            ) from None
    return out
