"""The table family: a framework of your own as a spreadsheet (.csv, .xlsx, .ods)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cwframe
from cwframe.errors import InputError, ParseError
from cwframe.models import ReadOptions
from cwframe.parsers.table import find_columns, normalise_header
from cwframe.rules import RULES


def _csv(tmp_path: Path, text: str, name: str = "our-framework.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path, options: ReadOptions | None = None) -> tuple[cwframe.Framework, list]:
    findings: list = []
    return cwframe.parse_file(path, options=options, findings=findings), findings


def _rows(fw: cwframe.Framework) -> list[tuple]:
    return [(r.id, r.kind.value, r.text, r.name, r.level, r.section) for r in cwframe.iter_statements(
        cwframe.Corpus(frameworks=[fw]))]  # fmt: skip


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Area", "Ref", "Statement", "Level"], {"group": 0, "code": 1, "text": 2, "level": 3}),
        (["identifier", "fullStatement", "humanCodingScheme", "abbreviatedStatement", "educationLevel",
          "CFItemType"], {"identifier": 0, "text": 1, "code": 2, "name": 3, "level": 4, "kind": 5}),
        (["Skill Name", "Skill Category", "Contextualized Skill Statement"], {"name": 0, "group": 1, "text": 2}),
        (["Domain", "Competency ID", "Competency description", "Band", "Parent"],
         {"group": 0, "code": 1, "text": 2, "level": 3, "parent": 4}),
    ],
)  # fmt: skip
def test_columns_are_found_by_their_headers(headers: list[str], expected: dict[str, int]) -> None:
    assert find_columns(headers).fields == expected


def test_headers_are_compared_without_case_spaces_or_camel_case() -> None:
    assert normalise_header(" fullStatement ") == normalise_header("Full statement") == "full statement"
    assert normalise_header("CFItemType") == "cf item type"


def test_a_row_per_statement_with_ids_from_codes(tmp_path: Path) -> None:
    fw, findings = _read(_csv(tmp_path, "Area,Ref,Statement,Level\nCommunication,C 1,Listens to children,3\n"
                                        "Safety,S1,Keeps children safe,Level 4/5\n"))  # fmt: skip
    assert fw.id == "our-framework" and fw.title == "our framework"
    assert _rows(fw) == [
        ("our-framework/C-1", "statement", "Listens to children", None, "3", "Communication"),
        ("our-framework/S1", "statement", "Keeps children safe", None, "level-4-5", "Safety"),
    ]
    assert fw.tiers == {"3": "3", "level-4-5": "4-5"}
    assert findings == []


def test_without_codes_ids_are_slugs_of_the_name_or_text_under_the_level(tmp_path: Path) -> None:
    fw, _ = _read(_csv(tmp_path, "Title,Description,Stage\nListens,Listens to children,Band 1\n"
                                 "Listens,Listens to children well,Band 2\n,Keeps children safe,\n"
                                 ",Keeps children safe,\n"))  # fmt: skip
    assert [i.id for i in fw.items] == [
        "our-framework/band-1/listens", "our-framework/band-2/listens",
        "our-framework/keeps-children-safe", "our-framework/keeps-children-safe-2",
    ]  # fmt: skip
    assert fw.tiers == {}  # 'Band 1' says nothing about the SDF's levels


def test_title_rows_above_the_header_are_skipped_and_a_single_one_is_the_title(tmp_path: Path) -> None:
    fw, _ = _read(_csv(tmp_path, "Our competency framework,,\n,,\nRef,Competency,Level\nA1,Works well,3\n"))
    assert fw.title == "Our competency framework"
    assert [(i.id, i.text) for i in fw.items] == [("our-framework/A1", "Works well")]


def test_unusual_headers_are_named_in_the_options(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Ref,What good looks like,Career stage\nA1,Works well,Manager (level 7)\n")
    with pytest.raises(ParseError) as info:
        _read(path)
    assert str(info.value) == (
        f"{cwframe.corpus.display_path(path)}:1:1: TB01 no column holds the statements (headers: 'Ref', "
        "'What good looks like', 'Career stage'); name it with 'columns: {text: HEADER}' in the manifest or "
        "--column text=HEADER"
    )
    fw, _ = _read(path, ReadOptions(columns={"text": "what good looks like", "level": "Career stage"}))
    assert [(i.text, i.level) for i in fw.items] == [("Works well", "Manager (level 7)")]
    assert fw.tiers == {"manager-level-7": "7"}


def test_a_given_column_that_is_not_there_is_named(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Ref,Wording\nA1,Works well\n")
    with pytest.raises(
        ParseError, match=r"TB01 no column 'Words' \(for text\); the headers are: 'Ref', 'Wording'$"
    ):
        _read(path, ReadOptions(columns={"text": "Words"}))
    with pytest.raises(
        ParseError, match=r"TB01 'txt' is not a column cwframe reads; name one of: code, text,"
    ):
        _read(path, ReadOptions(columns={"txt": "Wording"}))


def test_tiers_map_level_names_onto_the_sdf_levels(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Ref,Statement,Band\nA1,Works well,Band 1\nA2,Leads well,Band 3\n")
    fw, _ = _read(path, ReadOptions(tiers={"Band 1": "3", "band 3": "7, 8"}))
    assert fw.tiers == {"band-1": "3", "band-3": "7,8"}
    with pytest.raises(
        InputError, match="the tier of level 'Band 1' is '9', not an SDF level; give 3, 4-5, 6, 7"
    ):
        _read(path, ReadOptions(tiers={"Band 1": "9"}))


def test_what_to_fix_is_found_and_nothing_stops_the_reading(tmp_path: Path) -> None:
    fw, findings = _read(_csv(tmp_path, "Area,Ref,Statement\nA,C1,Listens\n,,\nA,C1,Explains\nA,C3,\n"
                                        "@B,C4,=1+1\nA,C5,Plans\n"))  # fmt: skip
    assert [i.id for i in fw.items] == ["our-framework/C1", "our-framework/C1~2", "our-framework/C4",
                                        "our-framework/C5"]  # fmt: skip
    assert fw.items[2].text == "=1+1"  # kept as text; validate's ST06 reports the statement
    assert findings == [
        ("TB02", 3, 1, "empty row (skipped)", None),
        ("TB03", 5, 3, "row has no statement ('C3'): it is left out; write the statement or delete the row", None),
        ("TB04", 6, 1, "the 'Area' cell starts with '@': a spreadsheet would run it as a formula; reword it", None),
        ("IT01", 4, 2, "C1 is the id of the item at line 2 too; ids must be unique (this one is read as "
         "our-framework/C1~2)", "our-framework/C1~2"),
    ]  # fmt: skip


def test_trailing_empty_rows_are_not_reported(tmp_path: Path) -> None:
    _, findings = _read(_csv(tmp_path, "Ref,Statement\nA1,Works well\n,\n,\n"))
    assert findings == []


def test_parents_give_the_hierarchy_and_the_group(tmp_path: Path) -> None:
    fw, findings = _read(_csv(tmp_path, "Ref,Statement,Parent\nA,Communication,\nA1,Listens,A\nA2,Explains,Z\n"
                                        "B1,Loops,B2\nB2,Loops back,B1\n"))  # fmt: skip
    assert [(i.id.split("/")[1], i.parent, i.group) for i in fw.items] == [
        ("A", None, None), ("A1", "our-framework/A", "Communication"), ("A2", None, None),
        ("B1", "our-framework/B2", "Loops back"), ("B2", None, None),
    ]  # fmt: skip
    assert [f[:2] for f in findings] == [("IT02", 4), ("IT02", 6)]
    assert (
        findings[0][3]
        == "A2 belongs to 'Z', which is no item's id or code here; it is read as a top-level item"
    )
    assert findings[1][3] == "B2 is its own ancestor (through B1); it is read as a top-level item"


def test_semicolon_separated_csv_and_cwframe_formula_guard(tmp_path: Path) -> None:
    fw, _ = _read(_csv(tmp_path, "Ref;Statement\nA1;'=takes care\nA2;'' quoted\n"))
    assert [i.text for i in fw.items] == ["=takes care", "' quoted"]


def test_a_csv_in_windows_1252_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "our.csv"
    path.write_bytes("Ref,Statement\nA1,Works with children’s families\n".encode("cp1252"))
    with pytest.raises(
        ParseError, match="PA02 byte 0x92 is not valid UTF-8; the file looks like Windows-1252"
    ):
        _read(path)


def test_the_id_of_a_bundled_framework_is_refused(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Ref,Statement\nA1,Works well\n", name="sdf.csv")
    with pytest.raises(
        InputError, match="'sdf' is the id of a framework cwframe ships; give this one another id"
    ):
        _read(path)
    fw, _ = _read(path, ReadOptions(framework="our-sdf"))
    assert fw.items[0].id == "our-sdf/A1"


def test_a_workbook_and_its_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    sheet = book.create_sheet("Competencies")
    sheet.append(["Code", "Competency", "Level"])
    sheet.append(["C1", "Listens to children", 3])
    book.create_sheet("Other").append(["Code", "Competency"])
    path = tmp_path / "ours.xlsx"
    book.save(path)
    fw, _ = _read(path)
    assert [(i.id, i.level) for i in fw.items] == [("ours/C1", "3")]
    with pytest.raises(InputError, match="no sheet 'Nope'; its sheets are: Notes, Competencies, Other"):
        _read(path, ReadOptions(sheet="Nope"))
    assert _read(path, ReadOptions(sheet="Other"))[0].items == []


def test_a_damaged_workbook_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "ours.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"ours.xlsx: not a readable workbook \("):
        _read(path)


_CELLS = st.one_of(
    st.none(), st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["Ref", "Statement", "Level", "Parent", "Area", "Type", "isChildOf", "smartLevel", "=1+1",
                     "'=x", "A1", "A1.1", "1.1", "Band 2", "4/5", " ", "", "\n"]),
    st.text(max_size=20),
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets=st.dictionaries(st.sampled_from(["", "CF Item", "CF Doc", "CF Association", "Sheet 2"]),
                              st.lists(st.lists(_CELLS, max_size=6), max_size=8), max_size=3))  # fmt: skip
def test_any_sheet_reads_or_is_one_clear_error(sheets: dict) -> None:
    from cwframe.parsers import table

    findings: list = []
    try:
        fw = table.parse(sheets, path="fuzz.csv", findings=findings)
    except (ParseError, InputError):
        return
    assert len({i.id for i in fw.items}) == len(fw.items)
    assert all(code in RULES for code, *_ in findings)


def test_a_libreoffice_spreadsheet(tmp_path: Path) -> None:
    import zipfile

    cells = "".join(
        "<table:table-row>" + "".join(f'<table:table-cell office:value-type="string"><text:p>{c}</text:p>'
                                      "</table:table-cell>" for c in row) + "</table:table-row>"
        for row in (["Ref", "Statement", "Level"], ["A1", "Works with families", "Level 6"])
    )  # fmt: skip
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Ours">{cells}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    path = tmp_path / "ours.ods"
    with zipfile.ZipFile(path, "w") as ods:
        ods.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED
        )
        ods.writestr("META-INF/manifest.xml", manifest)
        ods.writestr("content.xml", content)
    fw, _ = _read(path)
    assert [(i.id, i.text, i.level) for i in fw.items] == [("ours/A1", "Works with families", "Level 6")]
    assert fw.tiers == {"level-6": "6"}
