"""Published framework files nobody here wrote (tests/fixtures/real/README.md, with their licences):
every item they hold is read, with its code, hierarchy, levels and associations."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import cwframe
from real_files import FILES, REAL, held


def statements(path: Path) -> list[cwframe.StatementRow]:
    return list(cwframe.iter_statements(cwframe.load_corpus(path)))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_item_is_read_and_nothing_needs_fixing(path: Path) -> None:
    from cwframe.ops.validate import validate

    rows = statements(path)
    assert len(rows) == held(path)
    assert len({r.id for r in rows}) == len(rows)
    report = validate([path], workers=1)
    assert [p.code for p in report.problems] == []


def test_opensalt_case_package_sample() -> None:
    path = REAL / "opensalt" / "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"
    fw = cwframe.load_corpus(path).frameworks[0]
    assert (
        fw.title == "What Standards Could Be" and fw.publisher == "Brandon Dorman" and fw.date == "2017-05-25"
    )
    by_code = {i.number: i for i in fw.items}
    component = by_code["CCSS.Math.Content.6.RP.A.3a"]
    assert (component.kind, component.level, component.parent) == (
        "component",
        "06",
        f"{fw.id}/CCSS.Math.Content.6.RP.A.3",
    )
    assert Counter(a.type for i in fw.items for a in i.associations) == {
        "exactMatchOf": 16,
        "precedes": 3,
        "exemplar": 2,
        "isRelatedTo": 2,
    }
    # An association to an item of the package names it by its cwframe id; one to an item elsewhere, as given.
    precedes = [a for i in fw.items for a in i.associations if a.type == "precedes"]
    inside = {i.identifier: i.id for i in fw.items}
    assert [a.target for a in precedes] == [inside.get(a.identifier, a.identifier) for a in precedes]
    assert sum(a.target in inside.values() for a in precedes) == 2


def test_opensalt_csv_sample_hierarchy_and_associations() -> None:
    fw = cwframe.load_corpus(REAL / "opensalt" / "sample_case.csv").frameworks[0]
    items = {i.number: i for i in fw.items}
    assert items["M.F.1-2.S1a"].parent == "sample-case/M.F.1-2.S1"
    assert items["M.F.1-2.S1a"].group == "Math.Fractions.Cluster1"  # the parent's short name
    assert [(a.type, a.target) for a in items["M.F"].associations] == [
        ("isRelatedTo", "CCSS.Math.Content.HSF-IF.C.8b")
    ]
    assert items["M"].fields["Notes"] == "Math"


def test_opensalt_spreadsheet_template_filled() -> None:
    fw = cwframe.load_corpus(REAL / "opensalt" / "spreadsheet_import_sample.xlsx").frameworks[0]
    assert (fw.title, fw.date) == ("SampleFramework", "2019-02-05")
    assert [(i.number, i.kind.value, i.level, i.parent) for i in fw.items] == [
        ("S", "cluster", "3", None),
        ("S.1", "major-strand", "4,5", "spreadsheet-import-sample/S"),
        ("S.2", "statement", "6", "spreadsheet-import-sample/S"),
        ("S.2.1", "child-statement", None, "spreadsheet-import-sample/S.2"),
    ]
    assert fw.tiers == {"3": "3", "4-5": "4-5", "6": "6"}


def test_opensalt_sequence_numbers_order_the_items() -> None:
    rows = statements(REAL / "opensalt" / "SequenceNumberFramework.json")
    assert [r.text for r in rows] == ["Second added item, but should be first", "First Added Item"]


def test_opensalt_items_without_codes_and_outside_the_bmp() -> None:
    rows = statements(REAL / "opensalt" / "SmartLevelFramework.json")
    assert [r.id for r in rows[:3]] == ["smart-level-framework/item-1", "smart-level-framework/item-1-1",
                                        "smart-level-framework/item-1-2"]  # fmt: skip
    assert rows[1].section == "Item 1"
    assert statements(REAL / "opensalt" / "Utf8TestFramework.json")[0].text == "Item 𝑑 1"


def test_osmt_rich_skill_descriptors() -> None:
    fw = cwframe.load_corpus(REAL / "osmt" / "Skills-Import.csv").frameworks[0]
    first = fw.items[0]
    assert (first.id, first.name, first.group) == (
        "skills-import/data-and-data-store-access",
        "Data and Data Store Access",
        ".NET Framework",
    )
    assert first.text == "Access data and data stores using the .NET Framework."
    assert first.fields["Keywords"].startswith(".NET Framework; ADO.NET")
