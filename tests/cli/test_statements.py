from __future__ import annotations

import csv
import io
import json

from cwframe import iter_statements, load_corpus
from cwframe.cli.app import app

FIELDS = [
    "id",
    "framework",
    "kind",
    "text",
    "name",
    "unit",
    "category",
    "heading",
    "level",
    "section",
    "topic",
    "source",
]


def test_jsonl_is_the_flat_view(runner) -> None:
    result = runner.invoke(app, ["statements"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [r.model_dump(mode="json") for r in iter_statements(load_corpus())]
    assert list(rows[0]) == FIELDS
    assert rows[0]["source"] == {"file": "data/raw/nos/cyp-development.txt", "line": 9}


def test_framework_filter_and_json(runner) -> None:
    result = runner.invoke(app, ["statements", "--framework", "pcf", "--format", "json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 877 and {r["framework"] for r in rows} == {"pcf"}


def test_csv_gives_back_every_statement(runner) -> None:
    result = runner.invoke(app, ["statements", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1597
    assert list(rows[0]) == [*FIELDS[:-1], "source.file", "source.line"]
    expected = {r.id: r.text for r in iter_statements(load_corpus())}
    assert {r["id"]: r["text"] for r in rows} == expected


def test_unknown_framework_is_an_error_naming_those_there_are(runner) -> None:
    result = runner.invoke(app, ["statements", "--framework", "xyz"])
    assert result.exit_code == 2
    assert result.stderr == "error: no framework 'xyz' in the corpus; its frameworks are: nos, pcf, sdf\n"


def test_glossary_entries_join_the_flat_view_and_each_opens_with_show(runner) -> None:
    import json as _json

    rows = [
        _json.loads(line) for line in runner.invoke(app, ["statements", "--glossary"]).stdout.splitlines()
    ]
    glossary = [r for r in rows if r["kind"] == "glossary"]
    assert len(rows) == 1597 + len(glossary) and len(glossary) > 50
    assert {
        "nos/key-people/glossary/key-people",
        "nos/key-people/glossary/key-people-2",
        "sdf/glossary/caf",
    } <= {r["id"] for r in glossary}
    for row in glossary:  # every id printed opens with show
        shown = runner.invoke(app, ["show", row["id"], "-f", "json"])
        assert shown.exit_code == 0 and _json.loads(shown.stdout)["shape"] == "glossary", row["id"]
    assert all(
        r["kind"] != "glossary"
        for r in (_json.loads(x) for x in runner.invoke(app, ["statements"]).stdout.splitlines())
    )
