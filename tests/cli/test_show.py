from __future__ import annotations

import json

from cwframe.cli.app import app


def test_show_statement(runner) -> None:
    result = runner.invoke(app, ["show", "nos/key-people/P14"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "nos/key-people/P14  performance"
    assert lines[-1] == "data/raw/nos/key-people.txt:20"


def test_show_is_case_insensitive(runner) -> None:
    result = runner.invoke(app, ["show", "PCF/e.1.28", "-f", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["id"] == "pcf/E.1.28"
    assert payload["row"]["text"] == "Possesses the ability to engage reluctant and resistant Service Users"
    assert payload["row"]["topic"] == "Specific interventions"


def test_show_parts(runner) -> None:
    for part_id, shape in [
        ("nos/transitions", "unit"), ("pcf/B", "category"), ("pcf/B.4", "cell"), ("sdf/7", "level"),
        ("sdf/yps", "standards"), ("sdf/yps/2", "standards"), ("sdf/specialism", "specialisms"), ("sdf", "framework"),
    ]:  # fmt: skip
        result = runner.invoke(app, ["show", part_id, "--format", "json"])
        assert result.exit_code == 0, part_id
        assert json.loads(result.stdout)["shape"] == shape
        text = runner.invoke(app, ["show", part_id])
        assert text.exit_code == 0 and text.stdout.strip(), part_id


def test_show_cell_groups_by_topic(runner) -> None:
    result = runner.invoke(app, ["show", "pcf/B.4"])
    assert "Safeguarding" in result.stdout and "Anti-bullying" in result.stdout
    assert "B.4.1 Recognises own role" in result.stdout


def test_show_unknown_id_suggests(runner) -> None:
    result = runner.invoke(app, ["show", "nos/key-peple/P14"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: no statement or part has the id 'nos/key-peple/P14'; did you mean 'nos/key-people/P14', "
        "'nos/key-people/P1', 'nos/key-people/P4'? ('cwframe list' shows the parts)\n"
    )
