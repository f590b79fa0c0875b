from __future__ import annotations

import json
import shutil

from cwframe.cli.app import app


def test_bundled_normalised_corpus_is_up_to_date(runner, repo, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["build", "--check", "--schema", "docs/corpus.schema.json", "-f", "json"])
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["stale"] == []


def test_build_writes_then_check_passes_then_detects_staleness(runner, repo, tmp_path, monkeypatch) -> None:
    shutil.copytree(repo / "data/raw", tmp_path / "raw")
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["build", "--raw", "raw", "--out", "out"])
    assert first.exit_code == 0
    assert first.stdout.splitlines() == [
        "out/corpus.json: written", "out/statements.jsonl: written", "out/corpus.schema.json: written",
        "1597 statements from raw",
    ]  # fmt: skip
    again = runner.invoke(app, ["build", "--raw", "raw", "--out", "out"])
    assert "out/corpus.json: unchanged" in again.stdout
    raw = tmp_path / "raw/nos/key-people.txt"
    raw.write_text(raw.read_text(encoding="utf-8").replace("P28 ", "P28 also "), encoding="utf-8")
    stale = runner.invoke(app, ["build", "--raw", "raw", "--out", "out", "--check"])
    assert stale.exit_code == 1
    assert "out/corpus.json: stale" in stale.stdout


def test_build_reports_a_broken_manifest(runner, repo, tmp_path, monkeypatch) -> None:
    shutil.copytree(repo / "data/raw", tmp_path / "raw")
    (tmp_path / "raw/manifest.yaml").write_text("documents: [}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", "--raw", "raw", "--out", "out"])
    assert result.exit_code == 2
    assert result.stderr.startswith("raw/manifest.yaml:1:13: CO01 not valid YAML")
    assert not (tmp_path / "out").exists()
