from __future__ import annotations

import json

from cwframe import load_corpus
from cwframe.cli.app import app
from cwframe.ops.listing import summarise


def test_list_text(runner) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0, result.output
    assert "nos/key-people" in result.stdout
    assert "pcf/I" in result.stdout and "sdf/4-5" in result.stdout
    assert result.stdout.rstrip().endswith("1597 statements in 3 frameworks")
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_list_json_equals_library(runner) -> None:
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload == [s.model_dump(mode="json") for s in summarise(load_corpus())]
    assert [(f["id"], f["statements"]) for f in payload] == [("nos", 428), ("pcf", 877), ("sdf", 292)]
    assert payload[0]["parts"][0] == {
        "id": "nos/cyp-development",
        "title": payload[0]["parts"][0]["title"],
        "statements": 160,
    }


def test_list_with_a_raw_corpus_directory(runner, repo) -> None:
    result = runner.invoke(app, ["--corpus", str(repo / "data/raw/nos"), "list", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(result.stdout)[0]["parts"]] == [
        "nos/cyp-development", "nos/key-people", "nos/transitions",
    ]  # fmt: skip


def test_list_with_one_document(runner, repo) -> None:
    result = runner.invoke(
        app,
        [
            "--corpus",
            str(repo / "data/raw/pcf/nel-professional-capabilities-framework.txt"),
            "list",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0
    assert [f["id"] for f in json.loads(result.stdout)] == ["pcf"]


def test_missing_corpus_is_one_line_on_stderr_exit_2(runner, tmp_path) -> None:
    result = runner.invoke(app, ["--corpus", str(tmp_path / "missing"), "list"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {(tmp_path / 'missing').as_posix()}: no such file or directory\n"


def test_unreadable_document_is_located_never_a_traceback(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unit.txt").write_bytes("P1 caf\xe9\nK1 know\n".encode("latin-1"))
    result = runner.invoke(app, ["--corpus", "unit.txt", "list"])
    assert result.exit_code == 2
    assert result.stderr.startswith("unit.txt:1:7: PA02 byte 0xe9 is not valid UTF-8")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    # validate names the same place for the same byte
    assert runner.invoke(app, ["validate", "unit.txt"]).stdout.startswith("unit.txt:1:7: EN01 byte 0xe9")


def test_debug_reraises(runner, tmp_path) -> None:
    result = runner.invoke(app, ["--debug", "--corpus", str(tmp_path / "missing"), "list"])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "InputError"
