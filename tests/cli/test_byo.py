"""A framework of your own through the command line: a spreadsheet or CASE package as the corpus,
beside the bundled frameworks in a manifest, or as a crosswalk side read alongside the corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cwframe.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "docs" / "examples" / "byo" / "our-framework.csv"
OUR_SDF = ROOT / "docs" / "examples" / "byo" / "our-sdf.xlsx"
TEXT = "--column", "text=What good practice looks like"


@pytest.fixture
def here(tmp_path: Path, monkeypatch) -> Path:
    shutil.copy(OURS, tmp_path / "our-framework.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(result) -> object:  # noqa: ANN001
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_spreadsheet_alone_is_a_corpus(runner, here: Path) -> None:
    listed = _json(runner.invoke(app, ["--corpus", "our-framework.csv", "list", "-f", "json"]))
    assert [(f["id"], f["statements"], [p["id"] for p in f["parts"]]) for f in listed] == [
        (
            "our-framework",
            7,
            ["our-framework/communication", "our-framework/safeguarding", "our-framework/supervision"],
        )
    ]
    shown = _json(
        runner.invoke(app, ["--corpus", "our-framework.csv", "show", "our-framework/s2", "-f", "json"])
    )
    assert shown["row"] == {
        "id": "our-framework/S2", "framework": "our-framework", "kind": "statement",
        "text": "Shares information with other agencies under the local safeguarding procedures",
        "level": "senior-practitioner-level-4-5", "section": "Safeguarding",
        "source": {"file": "our-framework.csv", "line": 6},
    }  # fmt: skip
    rows = runner.invoke(app, ["--corpus", "our-framework.csv", "statements", "--framework", "our-framework"])
    assert len(rows.stdout.splitlines()) == 7
    found = runner.invoke(app, ["--corpus", "our-framework.csv", "search", "supervision", "-f", "json"])
    assert [h["id"] for h in _json(found)["hits"]][:1] == ["our-framework/V1"]


def test_crosswalk_onto_a_spreadsheet_read_alongside_the_bundled_corpus(runner, here: Path) -> None:
    result = _json(runner.invoke(app, ["crosswalk", "nos", "our-framework.csv", "-f", "json"]))
    assert (result["source"], result["target"]) == ("nos", "our-framework")
    matched = {m["id"] for r in result["records"] for m in r["matches"]}
    assert matched and all(m.startswith("our-framework/") for m in matched)
    # A target's level is where its career stage sits on the SDF's levels ('Manager (level 7)': 7).
    levels = {m["id"]: m["level"] for r in result["records"] for m in r["matches"]}
    assert levels.get("our-framework/V1") == "7"


def test_crosswalk_from_a_spreadsheet_onto_the_sdf_at_each_statements_level(runner, here: Path) -> None:
    result = _json(runner.invoke(app, ["crosswalk", "our-framework.csv", "sdf", "-f", "json"]))
    records = {r["id"]: r for r in result["records"]}
    assert set(records) == {f"our-framework/{c}" for c in ("C1", "C2", "C3", "S1", "S2", "S3", "V1")}
    # 'Chairs multi-agency meetings' is a manager's (level 7) statement: a row the SDF prints at several
    # levels is suggested at level 7, and a row at another level says how far it is.
    rules = [rule for m in records["our-framework/C3"]["matches"] for rule in m["evidence"]["rules"]]
    assert "level 7 chosen for the source's tier (7); the row also stands at 3, 4-5, 6, 8" in rules
    assert "1 level step from the source's tier (7)" in rules
    assert records["our-framework/C1"]["matches"][0]["level"] == "3"


def test_unusual_headers_and_level_names_are_given_on_the_command_line(runner) -> None:
    plain = runner.invoke(app, ["crosswalk", "nos", str(OUR_SDF)])
    assert plain.exit_code == 2
    assert plain.stderr.endswith(":2:1: TB01 no column holds the statements (headers: 'Area', 'Ref', 'Type', 'Title', "
                                 "'What good practice looks like', 'Career stage'); name it with 'columns: {text: "
                                 "HEADER}' in the manifest or --column text=HEADER\n")  # fmt: skip
    result = _json(runner.invoke(app, [*TEXT, "crosswalk", "nos", str(OUR_SDF), "-f", "json", "--top", "1"]))
    assert result["target"] == "our-sdf" and len(result["records"]) > 100
    renamed = _json(runner.invoke(app, [*TEXT, "--framework-id", "team-sdf", "--tier", "Manager (level 7)=8",
                                        "crosswalk", "pcf/G", str(OUR_SDF), "-f", "json", "--top", "1"]))  # fmt: skip
    assert {m["id"].split("/")[0] for r in renamed["records"] for m in r["matches"]} == {"team-sdf"}


def test_a_missing_file_or_unknown_framework_is_one_line(runner, here: Path) -> None:
    result = runner.invoke(app, ["crosswalk", "nos", "nothere.xlsx"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: 'nothere.xlsx' is not a framework or part: use nos, pcf, sdf, a part such as nos/key-people, "
        "pcf/G, sdf/7 ('cwframe list' shows them), or a spreadsheet or CASE package of your own\n"
    )
    clash = runner.invoke(app, ["--corpus", "our-framework.csv", "crosswalk", "our-framework.csv", "nos"])
    assert clash.exit_code == 2 and "is not a framework or part: use our-framework" in clash.stderr
    import subprocess
    import sys

    bad = subprocess.run(
        [sys.executable, "-m", "cwframe", "--column", "text", "list"], capture_output=True, text=True
    )
    assert (bad.returncode, bad.stderr) == (2, "error: invalid value for --column: 'text' is not NAME=VALUE (e.g. "
                                                "--column text=Descriptor) (cwframe --help)\n")  # fmt: skip


def test_a_manifest_lists_a_spreadsheet_beside_the_bundled_families(
    runner, tmp_path: Path, monkeypatch
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    shutil.copy(OUR_SDF, raw / "team.xlsx")
    with (raw / "manifest.yaml").open("a", encoding="utf-8") as manifest:
        manifest.write(
            "  - file: team.xlsx\n    family: table\n    framework: team-sdf\n    title: Our SDF\n"
            "    columns: {text: What good practice looks like, level: Career stage}\n"
            "    tiers: {Practitioner (level 3): '3'}\n"
        )
    monkeypatch.chdir(tmp_path)
    listed = _json(runner.invoke(app, ["--corpus", "raw", "list", "-f", "json"]))
    assert [(f["id"], f["title"], f["statements"]) for f in listed] == [
        ("nos", "National Occupational Standards", 428),
        ("pcf", "North East Lincolnshire Children's Workforce: Professional Capabilities Framework", 877),
        (
            "sdf",
            "Skills Development Framework for integrated working within the young people's workforce",
            292,
        ),
        ("team-sdf", "Our SDF", 292),
    ]
    result = _json(
        runner.invoke(app, ["--corpus", "raw", "crosswalk", "nos/key-people", "team-sdf", "-f", "json"])
    )
    assert all(m["id"].startswith("team-sdf/") for r in result["records"] for m in r["matches"])
    report = runner.invoke(app, ["validate", "raw"])
    assert "raw/team.xlsx" not in report.stdout  # read with its manifest entry: nothing to fix


def test_validate_reports_the_table_rules_and_fails(runner, here: Path) -> None:
    (here / "bad.csv").write_text("Area,Ref,Statement\nA,C1,Listens\n,,\nA,C1,Explains\nA,C3,\n@B,C4,=1+1\n",
                                  encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["validate", "bad.csv", "our-framework.csv"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "bad.csv:3:1: TB02 empty row (skipped)",
        "bad.csv:4:2: IT01 C1 is the id of the item at line 2 too; ids must be unique (this one is read as bad/C1~2) [bad/C1~2]",
        "bad.csv:5:3: TB03 row has no statement ('C3'): it is left out; write the statement or delete the row",
        "bad.csv:6:1: ST06 C4 starts with '=': a spreadsheet opening an export would run it as a formula; reword the start [bad/C4]",
        "bad.csv:6:1: TB04 the 'Area' cell starts with '@': a spreadsheet would run it as a formula; reword it",
        "",
        "4 errors, 1 warning in 2 files",
    ]  # fmt: skip
    (here / "none.csv").write_text("Ref,Wording\nA1,x\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", "none.csv"]).stdout.splitlines()[0] == (
        "none.csv:1:1: TB01 no column holds the statements (headers: 'Ref', 'Wording'); name it with "
        "'columns: {text: HEADER}' in the manifest or --column text=HEADER"
    )
    assert runner.invoke(app, ["--column", "text=Wording", "validate", "none.csv"]).exit_code == 0


def test_diff_two_versions_of_a_spreadsheet(runner, here: Path) -> None:
    (here / "v2").mkdir()
    text = OURS.read_text(encoding="utf-8")
    text = text.replace("acts on what they say", "acts on what they say and why").replace(
        "C2,Explains decisions to families in words they understand,Practitioner (level 3)",
        "C2,Explains decisions to families in words they understand,Manager (level 7)")  # fmt: skip
    (here / "v2" / "our-framework.csv").write_text(text + "Supervision,V2,Supports staff after a serious case,Manager (level 7)\n",
                                                  encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["diff", "our-framework.csv", "v2/our-framework.csv", "-f", "json"])
    changes = [(c["kind"], c["new_id"], c.get("new_section")) for c in _json(result)["changes"]]
    assert changes == [
        ("added", "our-framework/V2", "Supervision · Manager (level 7)"),
        ("modified", "our-framework/C1", "Communication · Practitioner (level 3)"),
        ("moved", "our-framework/C2", "Communication · Manager (level 7)"),
    ]


def test_export_a_case_package_and_read_it_back(runner, here: Path) -> None:
    assert (
        runner.invoke(
            app, ["--corpus", "our-framework.csv", "export", "-f", "case", "-o", "ours.json"]
        ).exit_code
        == 0
    )
    before = runner.invoke(app, ["--corpus", "our-framework.csv", "statements"]).stdout
    after = runner.invoke(app, ["--corpus", "ours.json", "statements"]).stdout
    strip = [{k: v for k, v in json.loads(line).items() if k != "source"} for line in before.splitlines()]
    assert strip == [
        {k: v for k, v in json.loads(line).items() if k != "source"} for line in after.splitlines()
    ]


@pytest.mark.parametrize("fmt", ["json", "yaml", "csv", "markdown", "case", "sqlite", "xlsx"])
def test_every_export_format_takes_a_framework_of_your_own(runner, here: Path, fmt: str) -> None:
    result = runner.invoke(app, ["--corpus", "our-framework.csv", "export", "-f", fmt, "-o", f"out.{fmt}"])
    assert result.exit_code == 0, result.stderr
    if fmt == "sqlite":
        import sqlite3

        db = sqlite3.connect(here / "out.sqlite")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT part, count(*) FROM statements GROUP BY part").fetchall() == [
            ("our-framework/communication", 3),
            ("our-framework/safeguarding", 3),
            ("our-framework/supervision", 1),
        ]
    if fmt in ("json", "yaml", "csv", "xlsx"):  # read back: the same statements
        again = runner.invoke(app, ["--corpus", f"out.{'case.json' if fmt == 'case' else fmt}", "statements"])
        ids = [json.loads(line)["id"] for line in again.stdout.splitlines()]
        assert ids == [f"our-framework/{c}" for c in ("C1", "C2", "C3", "S1", "S2", "S3", "V1")], again.stderr
