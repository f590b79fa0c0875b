from __future__ import annotations

import csv
import io
import json
import sqlite3
import uuid
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cwframe
from cwframe.cli.app import app
from cwframe.errors import InputError
from cwframe.export.select import select
from cwframe.ops.export import export, write
from cwframe.sheets import unsafe_cell

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "case-v1p1-openapi3.json"
PARTS = ["nos", "pcf", "sdf", "nos/key-people", "nos/transitions", "pcf/B", "pcf/I", "sdf/4-5", "sdf/8", "sdf/yps",
         "sdf/specialism"]  # fmt: skip


@pytest.fixture(scope="module")
def corpus():
    return cwframe.load_corpus()


HOSTILE = ['=HYPERLINK("http://x","click")', "<script>alert(1)</script> greet", "@SUM(A1)", "'quoted' start",
           "-1 + 2", "*bold* [link](x) # no", "see https://example.org/a_b_c. and www.gov.uk/guidance_2020"]  # fmt: skip


@pytest.fixture(scope="module")
def hostile(corpus):
    """The first NOS section with its statements replaced by formula and script injections.

    Built on the models: the parsers strip tags and markup, so hostile text can only
    arrive through a corpus file (JSON/YAML) or the library, and export must still be safe.
    """
    nos = corpus.frameworks[0]
    unit = nos.units[0]
    section = unit.sections[0]
    statements = [s.model_copy(update={"text": t}) for s, t in zip(section.statements, HOSTILE, strict=False)]
    unit = unit.model_copy(update={"sections": [section.model_copy(update={"statements": statements})]})
    return corpus.model_copy(update={"frameworks": [nos.model_copy(update={"units": [unit]})]})


def _one(outputs) -> str | bytes:
    assert len(outputs) == 1
    return outputs[0].data


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trip_is_lossless(corpus, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"export.{fmt}"
    path.write_text(_one(export(corpus, fmt)), encoding="utf-8")
    assert cwframe.load_corpus(path) == corpus


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.sampled_from(PARTS), min_size=1, max_size=4, unique=True),
    fmt=st.sampled_from(["json", "yaml"]),
)
def test_round_trip_of_any_selection(corpus, tmp_path: Path, parts: list[str], fmt: str) -> None:
    path = tmp_path / f"part.{fmt}"
    path.write_text(_one(export(corpus, fmt, ids=parts)), encoding="utf-8")
    reloaded = cwframe.load_corpus(path)
    assert reloaded == select(corpus, parts)
    assert [r.id for r in cwframe.iter_statements(reloaded)] == [
        r.id for r in cwframe.iter_statements(select(corpus, parts))
    ]


def test_json_export_is_valid_against_the_published_schema(corpus, repo: Path) -> None:
    schema = json.loads((repo / "docs/corpus.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(_one(export(corpus, "json"))), schema)


def test_csv_gives_back_every_statement(corpus, hostile) -> None:
    for source in (corpus, hostile):
        rows = list(csv.DictReader(io.StringIO(_one(export(source, "csv")).removeprefix("\ufeff"))))
        assert [(r["id"], unsafe_cell(r["text"])) for r in rows] == [
            (s.id, s.text) for s in cwframe.iter_statements(source)
        ]


def test_csv_opens_as_utf8_in_excel(corpus, tmp_path: Path) -> None:
    """Excel takes a CSV without a byte order mark for Windows-1252: ’ would show as â€™."""
    data = _one(export(corpus, "csv"))
    assert data.startswith("\ufeff") and data.count("\ufeff") == 1
    path = tmp_path / "s.csv"
    path.write_text(data, encoding="utf-8")
    with open(path, encoding="utf-8-sig", newline="") as handle:  # how Python (and pandas) read it
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[0] == "id" and any("\u2019" in r["text"] for r in rows)


def test_csv_neutralises_formulas(hostile) -> None:
    texts = [
        r["text"] for r in csv.DictReader(io.StringIO(_one(export(hostile, "csv")).removeprefix("\ufeff")))
    ]
    assert texts[0] == '\'=HYPERLINK("http://x","click")'
    assert texts[2] == "'@SUM(A1)"
    assert texts[3] == "''quoted' start"  # an apostrophe of its own is kept, recoverably
    assert texts[4] == "'-1 + 2"
    assert texts[1] == "<script>alert(1)</script> greet"  # CSV is data, not HTML: kept as is


def test_github_renders_the_markdown_as_printed(hostile) -> None:
    """cmark-gfm (GitHub's renderer): markup stays text, nothing runs, URLs stay whole links."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    page = cmarkgfm.github_flavored_markdown_to_html(str(_one(export(hostile, "markdown"))))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; greet" in page
    assert "*bold* [link](x) # no" in page and "<em>" not in page
    assert '<a href="https://example.org/a_b_c">https://example.org/a_b_c</a>.' in page
    assert '<a href="https://www.gov.uk/guidance_2020">' in page and "%5C" not in page


def test_markdown_escapes_html_and_markup(hostile, corpus) -> None:
    text = _one(export(hostile, "markdown"))
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert r"\*bold\* \[link\](x) \# no" in text
    full = export(corpus, "markdown")
    assert [o.name for o in full] == ["nos.md", "pcf.md", "sdf.md"]
    assert "- **P14** ensure that workers work in partnership with key people" in str(full[0].data)


@pytest.fixture(scope="module")
def case_validator():
    if not STANDARDS.is_file():
        pytest.skip("shared/standards is not beside this checkout")
    document = json.loads(STANDARDS.read_text(encoding="utf-8"))
    schema = {"$ref": "#/components/schemas/CFPackageDType", "components": document["components"]}
    validator = jsonschema.Draft202012Validator
    return validator(schema, format_checker=validator.FORMAT_CHECKER)


def test_case_packages_validate_against_case_1_1(corpus, case_validator) -> None:
    for output in export(corpus, "case"):
        package = json.loads(output.data)
        assert list(case_validator.iter_errors(package)) == [], output.name
        items = package["CFItems"]
        assert len(package["CFAssociations"]) == len(items)
        assert {a["associationType"] for a in package["CFAssociations"]} == {"isChildOf"}
        for item in items:
            assert (
                uuid.UUID(item["identifier"]).version == 5
                and item["identifier"] == item["identifier"].lower()
            )


def test_case_validator_rejects_what_case_forbids(corpus, case_validator) -> None:
    package = json.loads(export(corpus, "case", ids=["nos"])[0].data)
    package["CFItems"][0]["CFDocumentURI"] = package["CFItems"][0][
        "CFItemTypeURI"
    ]  # not allowed inside a package
    assert list(case_validator.iter_errors(package))


def test_case_content(corpus) -> None:
    nos = json.loads(export(corpus, "case", ids=["nos"])[0].data)
    p14 = next(i for i in nos["CFItems"] if i["extensions"]["cwframeId"] == "nos/key-people/P14")
    assert p14["humanCodingScheme"] == "P14" and p14["CFItemType"] == "Performance criterion"
    sdf = json.loads(export(corpus, "case", ids=["sdf"])[0].data)
    level = next(i for i in sdf["CFItems"] if i["extensions"]["cwframeId"] == "sdf/4-5")
    assert level["educationLevel"] == ["4", "5"]
    assert sdf["CFDocument"]["lastChangeDateTime"] == "2010-01-01T00:00:00+00:00"
    types = {t["title"] for t in sdf["CFDefinitions"]["CFItemTypes"]}
    assert {"Level", "Group", "Skill", "Knowledge and understanding", "Youth Professional Standard"} <= types


@pytest.mark.parametrize("fmt", ["json", "yaml", "csv", "markdown", "case", "sqlite", "xlsx"])
def test_exports_are_deterministic(corpus, fmt: str) -> None:
    assert [o.data for o in export(corpus, fmt)] == [o.data for o in export(corpus, fmt)]


def _sqlite(corpus, tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite"
    path.write_bytes(_one(export(corpus, "sqlite")))
    return path


def _saying(corpus, word: str) -> set[str]:
    """Statements whose text says the word or its plural, found without any index."""
    import re

    return {
        s.id for s in cwframe.iter_statements(corpus) if re.search(rf"\b{word}s?\b", s.text, re.IGNORECASE)
    }


def test_sqlite_full_text_matches_word_forms_and_stays_in_sync(corpus, tmp_path: Path) -> None:
    db = sqlite3.connect(_sqlite(corpus, tmp_path))
    query = "SELECT s.id FROM statements_fts f JOIN statements s ON s.rowid = f.rowid WHERE statements_fts MATCH ?"
    hits = {r[0] for r in db.execute(query, ("attachment",))}
    assert hits == _saying(corpus, "attachment") and len(hits) == 7  # 'attachments' too, as the CLI matches
    assert db.execute("SELECT COUNT(*) FROM statements").fetchone()[0] == 1597
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT COUNT(*) FROM parts").fetchone()[0] == 19
    # Triggers keep the index in step with edits.
    db.execute("UPDATE statements SET text = 'secure attachments matter' WHERE id = 'pcf/A.1.1'")
    db.execute("DELETE FROM statements WHERE id = 'pcf/D.2.4'")
    hits = {r[0] for r in db.execute(query, ("attachment",))}
    assert "pcf/A.1.1" in hits and "pcf/D.2.4" not in hits
    assert db.execute("INSERT INTO statements_fts(statements_fts) VALUES('integrity-check')").fetchall() == []


def test_sqlite_utils_detects_the_full_text_indexes(corpus, tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    db = sqlite_utils.Database(_sqlite(corpus, tmp_path))
    assert db["statements"].detect_fts() == "statements_fts"
    assert db["glossary"].detect_fts() == "glossary_fts"
    found = {row["id"] for row in db["statements"].search("attachment", limit=100)}
    assert found == _saying(corpus, "attachment")


def test_datasette_serves_a_search_box_and_searches(corpus, tmp_path: Path) -> None:
    import asyncio

    datasette = pytest.importorskip("datasette.app")
    path = _sqlite(corpus, tmp_path)

    async def browse() -> tuple:
        ds = datasette.Datasette([str(path)])
        page = await ds.client.get("/c/statements")
        found = await ds.client.get("/c/statements.json?_search=attachment&_shape=array&_size=max")
        glossary = await ds.client.get("/c/glossary.json?_search=key+people&_shape=array&_size=max")
        row = await ds.client.get("/c/statements/pcf~2FD.2.4.json?_shape=array")
        return page, found, glossary, row

    page, found, glossary, row = asyncio.run(browse())
    assert page.status_code == 200 and 'name="_search"' in page.text  # a search box
    assert "Every addressable statement" in page.text  # the table's description, in its schema
    assert {r["id"] for r in found.json()} == _saying(corpus, "attachment")
    assert glossary.status_code == 200 and any(r["term"] == "Key people" for r in glossary.json())
    assert row.json()[0]["text"] == "Understands attachment and child / adolescent development"


def test_xlsx_sheets_header_and_no_formulas(hostile, corpus) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_one(export(corpus, "xlsx"))))
    assert book.sheetnames == ["nos", "pcf", "sdf"]
    sheet = book["nos"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].value == "id" and sheet["A1"].font.bold
    assert sheet.max_row == 429
    hostile_sheet = load_workbook(io.BytesIO(_one(export(hostile, "xlsx"))))["nos"]
    assert (
        hostile_sheet["D2"].value == '=HYPERLINK("http://x","click")' and hostile_sheet["D2"].data_type == "s"
    )


def test_xlsx_opens_in_libreoffice_with_formulas_as_text(hostile, tmp_path) -> None:
    """The streamed (write-only) workbook in the client people open it with: LibreOffice reads it,
    and a criterion that looks like a formula is the cell's text, never run."""
    import shutil
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(_one(export(hostile, "xlsx")))
    subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "csv", "--outdir", str(tmp_path / "out"), str(path)],
                   capture_output=True, check=True, timeout=120)  # fmt: skip
    rows = list(csv.reader((tmp_path / "out/hostile.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][:4] == ["id", "kind", "name", "text"]
    assert rows[1][3] == '=HYPERLINK("http://x","click")'  # the text as written: LibreOffice did not run it


def test_xlsx_without_the_extra_says_how_to_install(corpus, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(
        cwframe.InputError, match=r"xlsx output needs the xlsx extra: pip install 'cwframe\[xlsx\]'"
    ):
        export(corpus, "xlsx")


def test_writes_are_atomic(corpus, tmp_path: Path, monkeypatch) -> None:
    import os

    target = tmp_path / "out.json"
    target.write_text("previous good export", encoding="utf-8")

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(InputError, match=r"cannot write .*out\.json: disk full; nothing was changed"):
        write(export(corpus, "json"), "json", target)
    assert target.read_text(encoding="utf-8") == "previous good export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_cli(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--framework", "pcf"])
    assert result.exit_code == 0 and result.stdout.count("\n") == 878
    assert (
        runner.invoke(app, ["export", "-f", "sqlite"]).stderr
        == "error: sqlite export writes a file: give -o cwframe.sqlite\n"
    )
    assert runner.invoke(app, ["export", "-f", "case"]).exit_code == 2
    assert json.loads(runner.invoke(app, ["export", "-f", "case", "sdf/7"]).stdout)["CFDocument"]["title"]
    unknown = runner.invoke(app, ["export", "nos/nope"])
    assert unknown.exit_code == 2 and "nothing to export for 'nos/nope'" in unknown.stderr
    out = runner.invoke(app, ["export", "-f", "markdown", "-o", str(tmp_path / "md")])
    assert out.exit_code == 0 and sorted(p.name for p in (tmp_path / "md").iterdir()) == [
        "nos.md",
        "pcf.md",
        "sdf.md",
    ]
    single = runner.invoke(app, ["export", "-f", "yaml", "-o", str(tmp_path / "all.yaml")])
    assert (
        single.exit_code == 0
        and yaml.safe_load((tmp_path / "all.yaml").read_text(encoding="utf-8"))["frameworks"]
    )


def test_case_with_crosswalk_associations(corpus, case_validator, tmp_path: Path) -> None:
    decisions = tmp_path / "reviewed.csv"
    decisions.write_text("source,target,decision,relation,note\n"
                         "nos/cyp-development/K62,sdf/yps/1.3,accept,related,agreed\n"
                         "nos/cyp-development/K50,sdf/8/knowledge/effective-communication-and-engagement-with-children-"
                         "young-people-and-families,accept,strong match,same capability\n", encoding="utf-8")  # fmt: skip
    outputs = export(corpus, "case", ids=["nos", "sdf"], crosswalks=["nos:sdf"], decisions=decisions)
    nos, sdf = (json.loads(o.data) for o in outputs)
    assert list(case_validator.iter_errors(nos)) == []
    links = [a for a in nos["CFAssociations"] if a["associationType"] != "isChildOf"]
    # exactMatchOf says "the same": only a reviewer's strong grade says that; every copy of the source
    # (K50 is printed by all three units) gets the association.
    exact = [a for a in links if a["associationType"] == "exactMatchOf"]
    assert all(a["extensions"]["reviewed"] and a["extensions"]["grade"] == "strong" for a in exact)
    assert sorted(a["extensions"]["cwframeSource"] for a in exact if a["extensions"]["cwframeSource"].endswith("/K50")) == [
        "nos/cyp-development/K50", "nos/key-people/K50", "nos/transitions/K50"]  # fmt: skip
    assert all(a["extensions"]["reviewed"] is (a["extensions"].get("grade") is not None) for a in links)
    # A real date: the NOS texts print none, so the date they were received.
    assert {i["lastChangeDateTime"] for i in nos["CFItems"]} == {"2026-11-23T00:00:00+00:00"}
    assert all(a["lastChangeDateTime"] != "1970-01-01T00:00:00+00:00" for a in nos["CFAssociations"])
    reviewed = next(a for a in links if a["extensions"]["cwframeSource"] == "nos/cyp-development/K62"
                    and a["extensions"]["cwframeTarget"] == "sdf/yps/1.3")  # fmt: skip
    assert reviewed["associationType"] == "isRelatedTo" and reviewed["extensions"]["reviewed"] is True
    # Marked as a reviewed crosswalk's pair: the grouping, the reviewer's grade, who, and the reason.
    (grouping,) = nos["CFDefinitions"]["CFAssociationGroupings"]
    assert grouping["title"] == "Reviewed crosswalk nos → sdf"
    assert reviewed["CFAssociationGroupingURI"]["identifier"] == grouping["identifier"]
    assert (reviewed["notes"], reviewed["extensions"]["grade"], reviewed["extensions"]["reviewedBy"]) == (
        "agreed", "partial", "you")  # fmt: skip
    sdf_ids = {i["extensions"]["cwframeId"]: i["identifier"] for i in sdf["CFItems"]}
    for a in links:
        assert a["destinationNodeURI"]["identifier"] == sdf_ids[a["extensions"]["cwframeTarget"]]
        assert 0 <= a["extensions"]["score"] <= 1
    assert [o.data for o in outputs] == [
        o.data
        for o in export(corpus, "case", ids=["nos", "sdf"], crosswalks=["nos:sdf"], decisions=decisions)
    ]


def test_with_crosswalk_needs_case_and_a_pair(corpus) -> None:
    with pytest.raises(cwframe.InputError, match="use it with --format case"):
        export(corpus, "json", crosswalks=["nos:sdf"])
    with pytest.raises(cwframe.InputError, match="--with-crosswalk takes SOURCE:TARGET"):
        export(corpus, "case", crosswalks=["nos"])


def test_o_is_a_file_for_one_output_and_a_directory_for_several(runner, tmp_path: Path) -> None:
    """`-o nos.md` with one framework is that file (it was nos.md/nos.md); a missing parent is an error."""
    one = runner.invoke(
        app, ["export", "-f", "markdown", "--framework", "nos", "-o", str(tmp_path / "nos.md")]
    )
    assert one.exit_code == 0 and (tmp_path / "nos.md").is_file()
    several = runner.invoke(app, ["export", "-f", "markdown", "-o", str(tmp_path / "md")])
    assert several.exit_code == 0 and sorted(p.name for p in (tmp_path / "md").iterdir()) == [
        "nos.md",
        "pcf.md",
        "sdf.md",
    ]
    missing = runner.invoke(app, ["export", "-f", "json", "-o", str(tmp_path / "nowhere" / "x.json")])
    assert (
        missing.exit_code == 2
        and "the directory" in missing.stderr
        and "does not exist; create it first" in missing.stderr
    )
    assert not (tmp_path / "nowhere").exists()


def test_xlsx_a_framework_longer_than_a_sheet_goes_on_to_numbered_sheets(corpus) -> None:
    from openpyxl import load_workbook

    from cwframe.export import xlsx

    book = load_workbook(io.BytesIO(xlsx.write(corpus, max_rows=200)))
    nos = [name for name in book.sheetnames if name.startswith("nos")]
    assert nos == ["nos", "nos (2)", "nos (3)"]  # 428 statements, 199 a sheet
    assert [book[n].max_row for n in nos] == [200, 200, 31]
    assert all(book[n]["A1"].value == "id" and book[n].freeze_panes == "A2" for n in nos)
    whole = load_workbook(io.BytesIO(xlsx.write(corpus)))["nos"]
    ids = [row[0] for n in nos for row in book[n].iter_rows(min_row=2, values_only=True)]
    assert ids == [row[0] for row in whole.iter_rows(min_row=2, values_only=True)]
