"""XLSX workbooks (the `xlsx` extra: openpyxl): one sheet per framework, frozen header, readable widths.

Written in openpyxl's write-only mode: rows are streamed to the archive as they come, so time and
memory grow with the rows, not with their square (a sheet kept whole costs a lookup over every
cell written so far for each row styled). A framework longer than Excel's 1,048,576 rows goes on
to further sheets of the same name numbered ``nos (2)``, ``nos (3)`` …, each with its header.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from cwframe import sheets
from cwframe.models import Corpus, Framework
from cwframe.statements import iter_framework

COLUMNS = (
    "id",
    "kind",
    "name",
    "text",
    "unit",
    "category",
    "heading",
    "level",
    "section",
    "topic",
    "file",
    "line",
)
TEXT_COLUMN = COLUMNS.index("text")  # wrapped
WIDTHS = {"id": 34, "kind": 12, "name": 30, "text": 90, "section": 40, "heading": 40, "file": 40}
MAX_ROWS = 1_048_576  # Excel's rows in a sheet, the header included


def write(corpus: Corpus, *, max_rows: int = MAX_ROWS) -> bytes:
    """The workbook's bytes, the same on every run."""
    openpyxl = sheets.openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    bold, wrapped, top = Font(bold=True), Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")

    def new_sheet(title: str):  # noqa: ANN202 - openpyxl's WriteOnlyWorksheet
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        for i, name in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 14)
        header = []
        for name in COLUMNS:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        return sheet

    def cells(sheet, values: list[object]) -> list[object]:  # noqa: ANN001
        out: list[object] = []
        for k, value in enumerate(values):
            value = sheets.writable(value)
            if not isinstance(value, str):
                out.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            cell.alignment = wrapped if k == TEXT_COLUMN else top
            out.append(cell)
        return out

    for fw in corpus.frameworks:
        for part, rows in enumerate(_chunks(_rows(fw), max_rows - 1), start=1):
            name = fw.id.value if part == 1 else f"{fw.id.value[:25]} ({part})"
            sheet = new_sheet(name[:31])  # Excel's limit on a sheet name
            for values in rows:
                sheet.append(cells(sheet, values))
    book.properties.created = book.properties.modified = sheets.FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return sheets.fixed_zip(raw.getvalue())


def _rows(fw: Framework) -> Iterator[list[object]]:
    for row in iter_framework(fw):
        yield [row.id, row.kind.value, row.name, row.text, row.unit, row.category, row.heading, row.level,
               row.section, row.topic, row.source.file, row.source.line]  # fmt: skip


def _chunks(rows: Iterator[list[object]], size: int) -> Iterator[Iterator[list[object]]]:
    """The rows in runs of at most ``size``, at least one run (a framework with no rows keeps its sheet)."""
    first = True
    while True:
        head = next(rows, None)
        if head is None and not first:
            return
        first = False
        yield _run(head, rows, size)


def _run(head: list[object] | None, rows: Iterator[list[object]], size: int) -> Iterator[list[object]]:
    if head is None:
        return
    yield head
    for _ in range(size - 1):
        row = next(rows, None)
        if row is None:
            return
        yield row
