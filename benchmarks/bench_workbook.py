"""Reading a review workbook: openpyxl (read-only, values only) against python-calamine, side by side.

    python benchmarks/bench_workbook.py [WORKBOOK.xlsx]

Without an argument, the PCF -> SDF review workbook (703 rows) is written first. Prints the
median of 7 reads of the 'review' sheet by each reader, and their ratio (same run, same file).
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _openpyxl(data: bytes) -> int:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return sum(1 for _ in book["review"].iter_rows(values_only=True))


def _calamine(data: bytes) -> int:
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("review").to_python())


def main() -> None:
    if len(sys.argv) > 1:
        data = Path(sys.argv[1]).read_bytes()
    else:
        import cwframe
        from cwframe.crosswalk.workbook import write_workbook
        from cwframe.ops.crosswalk import crosswalk

        data = write_workbook(crosswalk(cwframe.load_corpus(), "pcf", "sdf", reviews=False))
        Path(tempfile.gettempdir(), "cwframe-bench-review.xlsx").write_bytes(data)
    timings: dict[str, list[float]] = {"openpyxl": [], "calamine": []}
    rows = {}
    for _ in range(7):
        for name, read in (("openpyxl", _openpyxl), ("calamine", _calamine)):
            start = time.perf_counter()
            rows[name] = read(data)
            timings[name].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in timings.items()}
    print(f"{len(data):,} bytes, rows read: {rows}")
    for name, value in med.items():
        print(f"  {name:9} {value * 1000:8.1f} ms")
    print(f"  openpyxl / calamine = {med['openpyxl'] / med['calamine']:.1f}x")


if __name__ == "__main__":
    main()
