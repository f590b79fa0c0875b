"""CASE both ways: what cwframe exports as CASE reads back to the same statements, ids and levels;
a framework of your own exports as a valid package (its identifiers and associations kept)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import cwframe
from cwframe.ops.export import export

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "case-v1p1-openapi3.json"
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
OURS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "byo" / "our-framework.csv"


def _rows(corpus: cwframe.Corpus, framework: str | None = None) -> list[tuple]:
    return [(r.id, r.framework.value, r.kind.value, r.text, r.name, r.level, r.topic)
            for r in cwframe.iter_statements(corpus, framework)]  # fmt: skip


@pytest.fixture(scope="module")
def corpus() -> cwframe.Corpus:
    return cwframe.load_corpus()


@pytest.mark.parametrize("framework", ["nos", "pcf", "sdf"])
def test_an_exported_package_reads_back_to_the_same_statements(
    corpus, tmp_path: Path, framework: str
) -> None:
    path = tmp_path / f"{framework}.case.json"
    path.write_text(export(corpus, "case", ids=[framework])[0].data, encoding="utf-8")
    back = cwframe.load_corpus(path)
    assert [fw.id for fw in back.frameworks] == [framework]
    assert back.frameworks[0].title == corpus.frameworks[["nos", "pcf", "sdf"].index(framework)].title
    assert _rows(back) == _rows(corpus, framework)
    # Units, sections, categories, cells, levels and groups are containers, not statements.
    statements = {r[0] for r in _rows(back)}
    assert all(i.container for i in back.frameworks[0].items if i.id not in statements)


@pytest.mark.parametrize(
    "path",
    [OURS, REAL / "opensalt" / "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json",
     REAL / "opensalt" / "spreadsheet_import_sample.xlsx", REAL / "opensalt" / "sample_case.csv"],
    ids=lambda p: p.name,
)  # fmt: skip
def test_a_framework_of_your_own_round_trips_through_case(tmp_path: Path, path: Path) -> None:
    ours = cwframe.load_corpus(path)
    package = tmp_path / "ours.case.json"
    package.write_text(export(ours, "case")[0].data, encoding="utf-8")
    back = cwframe.load_corpus(package)
    assert _rows(back) == _rows(ours)
    before, after = ours.frameworks[0], back.frameworks[0]
    assert after.tiers == before.tiers
    keep = dict.fromkeys(
        ("id", "kind", "number", "name", "text", "level", "group", "parent", "container"), True
    )
    keep["associations"] = {"__all__": {"type", "target"}}
    assert [i.model_dump(include=keep) for i in after.items] == [
        i.model_dump(include=keep) for i in before.items
    ]
    # A CASE package's own identifiers survive the round trip.
    if path.suffix == ".json":
        assert [i.identifier for i in after.items] == [i.identifier for i in before.items]


def test_packages_of_frameworks_of_your_own_validate_against_case_1_1() -> None:
    if not STANDARDS.is_file():
        pytest.skip("shared/standards is not beside this checkout")
    document = json.loads(STANDARDS.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/CFPackageDType", "components": document["components"]},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    for path in [
        OURS,
        *sorted(REAL.glob("*/*.json")),
        *sorted(REAL.glob("*/*.csv")),
        *sorted(REAL.glob("*/*.xlsx")),
    ]:
        package = json.loads(export(cwframe.load_corpus(path), "case")[0].data)
        assert [e.message for e in validator.iter_errors(package)] == [], path.name
