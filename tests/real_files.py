"""The real framework files of tests/fixtures/real (see its README for their sources and licences)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
FILES = sorted(p for p in REAL.glob("*/*") if p.suffix in (".json", ".csv", ".xlsx"))


def held(path: Path) -> int:
    """How many items a file holds, counted without cwframe: a package's CFItems with a statement, a
    CSV's rows, a workbook's rows on its 'CF Item' sheet (else its first)."""
    if path.suffix == ".json":
        return sum(
            1 for i in json.loads(path.read_text(encoding="utf-8"))["CFItems"] if i.get("fullStatement")
        )
    if path.suffix == ".csv":
        return sum(
            1 for row in list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1:] if any(row)
        )
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    name = "CF Item" if "CF Item" in book.sheet_names else book.sheet_names[0]
    return sum(1 for row in book.get_sheet_by_name(name).to_python()[1:] if any(row))
