"""Write the examples of a framework of your own (docs/examples/byo/), from the bundled corpus.

``our-sdf.xlsx`` is the SDF as a training designer would keep it in a spreadsheet: their own
headers (the statement under 'What good practice looks like', which no rule knows, so it is
named with --column or in a manifest), their own codes ('L3.1.2') and career stages
('Manager (level 7)') instead of the SDF's level names. ``our-sdf.csv`` is the same sheet as CSV,
and ``our-framework.csv`` a small framework of a designer's own. tests/test_docs.py checks that
the committed files are what this writes; benchmarks/eval_byo.py measures the crosswalk onto
``our-sdf.xlsx`` against the crosswalk onto the SDF itself.
"""

from __future__ import annotations

import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples" / "byo"
HEADERS = ["Area", "Ref", "Type", "Title", "What good practice looks like", "Career stage"]
TEXT_HEADER = "What good practice looks like"
STAGES = {"3": "Practitioner (level 3)", "4-5": "Senior practitioner (level 4/5)",
          "6": "Advanced practitioner (level 6)", "7": "Manager (level 7)", "8": "Strategic leader (level 8)"}  # fmt: skip
TYPES = {"skill": "Skill", "knowledge": "Knowledge", "standard": "Youth Professional Standard",
         "specialism": "Specialism"}  # fmt: skip

OUR_FRAMEWORK = """\
Area,Ref,Statement,Level
Communication,C1,Listens to children and young people and acts on what they say,Practitioner (level 3)
Communication,C2,Explains decisions to families in words they understand,Practitioner (level 3)
Communication,C3,Chairs multi-agency meetings so that every voice is heard,Manager (level 7)
Safeguarding,S1,Recognises the signs of abuse and neglect and knows how to report them,Practitioner (level 3)
Safeguarding,S2,Shares information with other agencies under the local safeguarding procedures,Senior practitioner (level 4/5)
Safeguarding,S3,Leads the service's response to serious case reviews,Strategic leader (level 8)
Supervision,V1,Gives staff regular supervision that reflects on their practice,Manager (level 7)
"""


def sdf_rows() -> list[tuple[str, list[str]]]:
    """(the SDF statement's id, its row in the designer's sheet), in the SDF's order."""
    import cwframe

    corpus = cwframe.load_corpus()
    rows: list[tuple[str, list[str]]] = []
    areas: dict[str, dict[str, int]] = {}  # code prefix -> area -> its number there
    counts: dict[tuple[str, str], int] = {}
    for row in cwframe.iter_statements(corpus, "sdf"):
        if row.level:
            prefix = f"L{row.level.replace('-', '/')}"
        elif row.kind.value == "standard":
            prefix = "YPS"
        else:
            prefix = "SP"
        area = row.section or ""
        numbers = areas.setdefault(prefix, {})
        group = numbers.setdefault(area, len(numbers) + 1)
        counts[(prefix, area)] = counts.get((prefix, area), 0) + 1
        stage = STAGES.get(row.level or "", STAGES["6"] if prefix == "YPS" else "")
        code = f"{prefix}.{group}.{counts[(prefix, area)]}"
        rows.append((row.id, [area, code, TYPES[row.kind.value], row.name or "", row.text, stage]))
    return rows


def workbook(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from cwframe import sheets

    book = Workbook()
    sheet = book.active
    sheet.title = "Our SDF"
    sheet.append(["Skills Development Framework, as our team keeps it"])  # a title row above the headers
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheets.text_cells(sheet)
    book.properties.created = book.properties.modified = sheets.FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return sheets.fixed_zip(raw.getvalue())


def csv_text(rows: list[list[str]]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return out.getvalue()


def outputs() -> dict[str, bytes]:
    """File name -> content of every example."""
    rows = [r for _, r in sdf_rows()]
    return {
        "our-sdf.xlsx": workbook(rows),
        "our-sdf.csv": csv_text(rows).encode("utf-8"),
        "our-framework.csv": OUR_FRAMEWORK.encode("utf-8"),
    }


def main() -> None:
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    for name, data in outputs().items():
        (EXAMPLES / name).write_bytes(data)
        print(f"wrote {(EXAMPLES / name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
