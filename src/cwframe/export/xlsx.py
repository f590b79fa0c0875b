"""XLSX workbooks (the `xlsx` extra: openpyxl): one sheet per framework, frozen header, readable widths."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from cwframe.errors import InputError
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
_FIXED = datetime(2000, 1, 1)


def write(corpus: Corpus) -> bytes:
    """The workbook's bytes, the same on every run."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise InputError("xlsx export needs the xlsx extra: pip install 'cwframe[xlsx]'") from None
    book = Workbook()
    book.remove(book.active)
    for fw in corpus.frameworks:
        sheet = book.create_sheet(fw.id.value)
        sheet.append(list(COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in iter_framework(fw):
            values = [row.id, row.kind.value, row.name, row.text, row.unit, row.category, row.heading, row.level,
                      row.section, row.topic, row.source.file, row.source.line]  # fmt: skip
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                    cell.alignment = Alignment(wrap_text=cell.column_letter == "D", vertical="top")
        sheet.freeze_panes = "A2"
        for i, name in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 14)
    book.properties.created = book.properties.modified = _FIXED
    raw = io.BytesIO()
    book.save(raw)
    return fixed_zip(raw.getvalue())


_STAMPS = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fixed_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps (zip entries and the document properties,
    which openpyxl sets to the time of saving) so that the same corpus gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMPS.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()
