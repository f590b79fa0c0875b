"""XLSX workbooks (the `xlsx` extra: openpyxl): one sheet per framework, frozen header, readable widths."""

from __future__ import annotations

import io

from cwframe import sheets
from cwframe.models import Corpus
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
WIDTHS = {"id": 34, "kind": 12, "name": 30, "text": 90, "section": 40, "heading": 40, "file": 40}


def write(corpus: Corpus) -> bytes:
    """The workbook's bytes, the same on every run."""
    openpyxl = sheets.openpyxl()
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    for fw in corpus.frameworks:
        sheet = book.create_sheet(fw.id.value[:31])  # Excel's limit on a sheet name
        sheet.append(list(COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in iter_framework(fw):
            values = [row.id, row.kind.value, row.name, row.text, row.unit, row.category, row.heading, row.level,
                      row.section, row.topic, row.source.file, row.source.line]  # fmt: skip
            sheet.append([sheets.writable(v) for v in values])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                    cell.alignment = Alignment(wrap_text=cell.column_letter == "D", vertical="top")
        sheet.freeze_panes = "A2"
        for i, name in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 14)
    book.properties.created = book.properties.modified = sheets.FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return sheets.fixed_zip(raw.getvalue())
