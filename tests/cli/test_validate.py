from __future__ import annotations

import json
from pathlib import Path

import pytest

from cwframe.cli.app import app

BAD = "Performance criteria\nWork\nP1 greet\nP1 again\nKnowledge and understanding\nRights\nK1 know\n"
WARN = "[bookmark: X]Overview text.\nPerformance criteria\nWork\nP1 • greet\nKnowledge and understanding\nRights\nK1 know\n"


@pytest.fixture
def files(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "warn.txt").write_text(WARN, encoding="utf-8")
    return tmp_path


def test_text_format_and_exit_1_on_errors(runner, files) -> None:
    result = runner.invoke(app, ["validate", "bad.txt"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "bad.txt:4:1: NU01 P1 is numbered again (first at line 3) [nos/bad/P1~2]",
        "",
        "1 error, 0 warnings in 1 file",
    ]


def test_warnings_pass_unless_strict(runner, files) -> None:
    assert runner.invoke(app, ["validate", "warn.txt"]).exit_code == 0
    assert runner.invoke(app, ["validate", "warn.txt", "--strict"]).exit_code == 1


def test_json_format(runner, files) -> None:
    result = runner.invoke(app, ["validate", "bad.txt", "warn.txt", "-f", "json"])
    payload = json.loads(result.stdout)
    assert payload["summary"] == {"error": 1, "warning": 1, "note": 1, "accepted": 0}
    assert payload["problems"][0] == {
        "path": "bad.txt", "line": 4, "column": 1, "code": "NU01", "rule": "numbering.duplicate",
        "severity": "error", "message": "P1 is numbered again (first at line 3)", "statement": "nos/bad/P1~2",
        "accepted": False, "reason": None,
    }  # fmt: skip
    assert payload["skipped"] == []


def test_github_format_and_auto(runner, files, monkeypatch) -> None:
    expected = "::error file=bad.txt,line=4,col=1,title=NU01 numbering.duplicate::P1 is numbered again (first at line 3) [nos/bad/P1~2]\n"
    assert runner.invoke(app, ["validate", "bad.txt", "-f", "github"]).stdout == expected
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert runner.invoke(app, ["validate", "bad.txt"]).stdout == expected


def test_sarif_format(runner, files) -> None:
    log = json.loads(runner.invoke(app, ["validate", "bad.txt", "-f", "sarif"]).stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "NU01"
    result = run["results"][0]
    assert result["ruleId"] == "NU01" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 1}


SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "standards" / "sarif-2.1.0.json"


def test_sarif_is_valid_and_its_uris_name_the_files(runner, files) -> None:
    """The official schema with format checking (uri-reference): a space or '%' in a name must be encoded."""
    if not SARIF_SCHEMA.is_file():
        pytest.skip("shared/standards is not beside this checkout")
    from urllib.parse import unquote

    import jsonschema

    odd = files / "my unit 100%.txt"
    odd.write_text((files / "bad.txt").read_text(encoding="utf-8"), encoding="utf-8")
    log = json.loads(runner.invoke(app, ["validate", "bad.txt", "my unit 100%.txt", "-f", "sarif"]).stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()  # all formats: Draft 4's own lacks uri-reference
    assert "uri-reference" in checker.checkers  # rfc3987 is installed: the format is really checked
    jsonschema.Draft4Validator(schema, format_checker=checker).validate(log)
    run = log["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"bad.txt", "my%20unit%20100%25.txt"}
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    # Read back as a consumer would: base + unquoted relative URI is the file on disk.
    assert (Path(unquote(base.removeprefix("file://"))) / unquote("my%20unit%20100%25.txt")).is_file()
    invalid = {**log, "runs": [{**run, "results": [{**run["results"][0], "locations": [
        {"physicalLocation": {"artifactLocation": {"uri": "my unit 100%.txt"}}}]}]}]}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError):  # the old raw path: the schema rejects it
        jsonschema.Draft4Validator(schema, format_checker=checker).validate(invalid)


def test_config_disables_relevels_and_accepts(runner, files) -> None:
    (files / ".cwframe.toml").write_text(
        '[validate]\nseverity = { NU01 = "warning" }\n[[validate.accept]]\ncode = "DB03"\npath = "warn.txt"\n'
        'reason = "kept as received"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "bad.txt", "warn.txt", "-f", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["summary"] == {"error": 0, "warning": 1, "note": 1, "accepted": 1}
    assert [(p["code"], p["accepted"], p["reason"]) for p in payload["problems"]] == [
        ("NU01", False, None),
        ("DB02", False, None),
        ("DB03", True, "kept as received"),
    ]
    assert runner.invoke(app, ["validate", "bad.txt", "--no-config"]).exit_code == 1
    (files / ".cwframe.toml").write_text('[validate]\ndisable = ["NU01"]\n', encoding="utf-8")
    assert runner.invoke(app, ["validate", "bad.txt", "--strict"]).exit_code == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[validate]\ndisable = ["XX99"]\n', "unknown rule code 'XX99'"),
        ('[[validate.accept]]\ncode = "DB02"\n', "the accepted finding DB02 needs a 'reason'"),
        ("[validate\n", "not valid TOML"),
    ],
)
def test_bad_config_is_exit_2_with_one_line(runner, files, config: str, message: str) -> None:
    (files / ".cwframe.toml").write_text(config, encoding="utf-8")
    result = runner.invoke(app, ["validate", "bad.txt"])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_missing_path_is_exit_2(runner, files) -> None:
    result = runner.invoke(app, ["validate", "nope.txt"])
    assert result.exit_code == 2
    assert result.stderr == "error: nope.txt: no such file or directory\n"


def test_bundled_corpus_in_ci(runner, repo, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["validate", "data/raw", "--strict"])
    assert result.exit_code == 0, result.stdout
    # Accepted findings and notes (conversion remnants the parser drops) kept out of the way.
    assert result.stdout == "0 errors, 0 warnings, 45 notes (11 accepted) in 5 files\n"
    shown = runner.invoke(app, ["validate", "data/raw", "--strict", "--show-accepted"]).stdout.splitlines()
    assert len([line for line in shown if "(accepted: " in line]) == 11
    verbose = runner.invoke(app, ["validate", "data/raw", "--strict", "-v"]).stdout.splitlines()
    assert len([line for line in verbose if " DB02 " in line or " DB05 " in line]) == 44
    # The one word no dictionary, the frameworks or the project's word list knows: a misspelling
    # as published (the documents are kept byte for byte), a note.
    assert [line for line in verbose if " SP0" in line] == [
        "data/raw/nos/cyp-development.txt:44:60: SP02 'measureable' is in no dictionary, but the published text "
        "prints it; did you mean 'measurable'? [nos/cyp-development/P33]"
    ]


def test_the_configuration_is_found_beside_the_files_not_the_working_directory(
    runner, repo, monkeypatch, tmp_path
) -> None:
    """Run from elsewhere, as `cd / && cwframe validate CHECKOUT/data/raw`: the checkout's pyproject applies."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", str(repo / "data/raw"), "--strict"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "0 errors, 0 warnings, 45 notes (11 accepted) in 5 files\n"
    bare = runner.invoke(app, ["validate", str(repo / "data/raw"), "--no-config"])
    assert bare.stdout.splitlines()[-1] == "0 errors, 11 warnings, 48 notes in 5 files"  # no word list either
