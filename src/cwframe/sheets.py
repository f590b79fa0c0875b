"""Spreadsheets in and out: one home for what every workbook cwframe reads or writes needs.

* **Reading** (.xlsx, .xlsm, .xls, .ods) goes through python-calamine (the `xlsx` extra), a Rust
  reader that handles Excel's and LibreOffice's formats alike; it reads the 703-row PCF review sheet
  in 14 ms where openpyxl took 100 ms (benchmarks/bench_workbook.py). Before anything
  is unpacked, the archive's declared sizes are checked: a small file that inflates to gigabytes
  (a zip bomb) is refused, naming the file.
* **Writing** (.xlsx) goes through openpyxl; every string is written as text, never a formula,
  with the characters XML cannot hold shown as ``\\xNN`` instead of failing the export, and the
  archive rewritten with fixed timestamps so that the same input gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TextIO

from cwframe.errors import InputError

MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # what a workbook may inflate to
MAX_RATIO = 200  # a review workbook compresses ~10:1; a zip bomb 1000:1
MAX_CELLS = 50_000_000  # a sheet's rows × columns: the 20,000-unit corpus exported is ~2 million
FIXED_TIME = datetime(2000, 1, 1)
# The characters XML 1.0 cannot hold (openpyxl refuses a cell holding one).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STAMPS = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


# Spreadsheet tools run a cell that starts with one of these as a formula (OWASP,
# "CSV injection"). A leading apostrophe neutralises it. A cell that already starts
# with an apostrophe gets one more, so that stripping one leading apostrophe from any
# cell that has one always recovers the original text exactly (see unsafe_cell).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


# Also a formula after leading spaces (LibreOffice trims them on import) and the full-width
# forms (Excel in a Japanese locale turns ＝ into =).
_FORMULA = re.compile(r"[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r']")


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA.match(text) else text


def guarded(cell: str) -> bool:
    """Whether a cell read back holds the apostrophe safe_cell put there."""
    return cell.startswith("'") and bool(_FORMULA.match(cell[1:]))


class CsvWriter:
    """Rows of CSV whose every cell goes through safe_cell: the one way cwframe writes CSV."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])


def unsafe_cell(cell: str) -> str:
    """The original text of a cell written by safe_cell."""
    return cell[1:] if cell.startswith("'") else cell


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """Nested dicts become dotted columns: {'source': {'file': f}} gives 'source.file'."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, Mapping):
            for sub, inner in flatten(value).items():
                flat[f"{key}.{sub}"] = inner
        elif isinstance(value, list):
            flat[key] = "; ".join(str(v) for v in value)
        else:
            flat[key] = value
    return flat


def write_csv(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """A header row then one row per record; columns from the first record."""
    writer = None
    for record in records:
        flat = flatten(record)
        if writer is None:
            writer = CsvWriter(out)
            writer.writerow(list(flat))
            columns = list(flat)
        writer.writerow([flat.get(k) for k in columns])


def _calamine():  # noqa: ANN202
    try:
        import python_calamine
    except ImportError:
        raise InputError("reading a workbook needs the xlsx extra: pip install 'cwframe[xlsx]'") from None
    return python_calamine


def check_archive(data: bytes, shown: str) -> None:
    """Refuse a zip archive (xlsx, ods) whose entries would inflate beyond the limits."""
    if not data.startswith(b"PK"):
        return
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(
            f"{shown}: not a readable workbook ({exc}); save it again as .xlsx or .ods"
        ) from None
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1) + 10 * 1024 * 1024:
        raise InputError(f"{shown}: the workbook would unpack to {unpacked:,} bytes from {len(data):,}, more than "
                         f"cwframe reads ({MAX_UNPACKED_BYTES:,} bytes, {MAX_RATIO}× its size)")  # fmt: skip
    _check_cells(zipfile.ZipFile(io.BytesIO(data)), shown)


def _check_cells(archive: zipfile.ZipFile, shown: str) -> None:
    """Refuse an xlsx whose cells hold more than MAX_UNPACKED_BYTES once read (one shared string
    named by many cells), or whose sheets span more than MAX_CELLS (a reader makes each sheet a
    grid: one cell at XFD1048576 is 17 billion). Streamed (iterparse): costs one string at a time."""
    from xml.etree.ElementTree import ParseError, iterparse

    names = set(archive.namelist())
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if not sheets:
        return  # not an xlsx (ods, xls): calamine's own limits apply
    try:
        lengths: list[int] = []
        if "xl/sharedStrings.xml" in names:
            with archive.open("xl/sharedStrings.xml") as part:
                for _, element in iterparse(part):
                    if element.tag.endswith("}si"):
                        lengths.append(sum(len(t) for t in element.itertext()))
                        element.clear()
        held = 0
        for name in sheets:
            rows = columns = row = 0
            with archive.open(name) as part:
                for event, element in iterparse(part, events=("start", "end")):
                    tag = element.tag.rpartition("}")[2]
                    if event == "start":
                        if tag == "row":
                            row = int(element.get("r") or row + 1)
                            rows, column = max(rows, row), 0
                        continue
                    if tag != "c":
                        continue
                    ref = element.get("r")
                    column = _column_number(ref) if ref else column + 1
                    columns = max(columns, column)
                    if element.get("t") == "s":
                        index = int(element.findtext("{*}v") or -1)
                        held += lengths[index] if 0 <= index < len(lengths) else 0
                    else:
                        held += sum(len(t) for t in element.itertext())
                    element.clear()
                    if held > MAX_UNPACKED_BYTES:
                        raise InputError(f"{shown}: the workbook's cells would hold more than "
                                         f"{MAX_UNPACKED_BYTES:,} characters once read (a text repeated in "
                                         "many cells); cwframe reads no more")  # fmt: skip
            if rows * columns > MAX_CELLS:
                raise InputError(f"{shown}: a sheet of the workbook ({name}) spans {rows:,} rows × {columns:,} "
                                 f"columns, more than the {MAX_CELLS:,} cells cwframe reads; delete the "
                                 "stray cells far from the table")  # fmt: skip
    except (ParseError, ValueError, KeyError) as exc:
        raise InputError(
            f"{shown}: not a readable workbook ({exc}); save it again as .xlsx or .ods"
        ) from None


def _column_number(ref: str) -> int:
    """The column of a cell reference ('XFD1048576' is 16,384)."""
    number = 0
    for char in ref:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number


def read_sheets(data: bytes, shown: str) -> dict[str, list[list[object]]]:
    """Every sheet of a workbook's bytes as rows of cell values (empty cells as '')."""
    check_archive(data, shown)
    calamine = _calamine()
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return {
            name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names
        }
    except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds for a damaged or locked file
        kind = type(exc).__name__
        hint = "it is password-protected" if kind == "PasswordError" else f"{kind}: {str(exc)[:200]}"
        raise InputError(
            f"{shown}: not a readable workbook ({hint}); save it again as .xlsx or .ods"
        ) from None


def read_csv(text: str, shown: str) -> list[list[str]]:
    """A CSV (or tab-separated) text's rows. The delimiter is the one of ',', ';' and TAB that the
    header line holds most (Excel writes ';' where the decimal separator is a comma)."""
    import csv

    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    csv.field_size_limit(MAX_UNPACKED_BYTES)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(f"{shown}: not a readable CSV ({exc}); save it again as CSV (UTF-8)") from None


def cell_text(value: object) -> str:
    """A cell's value as trimmed text ('' for empty; 3.0 as '3')."""
    if type(value) is str:  # most cells: no other test
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def openpyxl():  # noqa: ANN201
    """openpyxl, or an error saying which extra brings it."""
    try:
        import openpyxl as module
    except ImportError:
        raise InputError("xlsx output needs the xlsx extra: pip install 'cwframe[xlsx]'") from None
    return module


def writable(value: object) -> object:
    """A value openpyxl can write: characters XML cannot hold shown as \\xNN."""
    if isinstance(value, str) and _ILLEGAL.search(value):
        return _ILLEGAL.sub(
            lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 256 else f"\\u{ord(m[0]):04x}", value
        )
    return value


def append_row(sheet, values: Iterable[object]) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """The one way cwframe adds a row to a workbook: every string through ``writable``, so a
    control character in any text (a criterion, a heading, a note) is shown, never a crash."""
    sheet.append([writable(v) for v in values])


_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")


def sheet_title(name: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\ or controls."""
    return _SHEET_NAME.sub("_", name)[:31] or "sheet"


def text_cells(sheet) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """Every string stays text: a statement starting with '=' is never a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def fixed_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps (zip entries and the document properties,
    which openpyxl sets to the time of saving) so that the same input gives the same bytes."""
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
