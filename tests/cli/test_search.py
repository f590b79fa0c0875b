from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from cwframe.cli.app import app

HIT_KEYS = {"id", "framework", "kind", "name", "text", "score", "unit", "category", "heading", "level", "section",
            "topic", "source", "also_in", "also_in_count", "highlights", "related", "matched", "forms",
            "levels", "meaning", "similar"}  # fmt: skip


def test_search_text(runner) -> None:
    result = runner.invoke(app, ["search", "attachment", "--limit", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        lines[0] == " 1. pcf/D.2.4  1.04"
    )  # the word matched (weight 1), the rest 6.9: 1 + 0.1 x 6.9 / 16.9
    assert lines[3].startswith(" 2. nos/cyp-development/glossary/positive-secure-and-healthy-attachments")
    assert "    pcf › category D › Child development" in lines


def test_search_json_shape(runner) -> None:
    result = runner.invoke(app, ["search", "health and safety", "-n", "2", "--format", "json"])
    payload = json.loads(result.stdout)
    assert set(payload) == {"query", "corrections", "unknown", "absent", "partial", "stop_words_only", "semantic",
                            "hits"}  # fmt: skip
    assert payload["semantic"] == []  # not searched by meaning
    assert payload["query"] == "health and safety"
    first = payload["hits"][0]
    assert set(first) == HIT_KEYS
    assert first["id"] == "nos/cyp-development/K53"
    assert first["also_in"] == ["nos/key-people/K53", "nos/transitions/K53"]
    assert first["also_in_count"] == 2
    assert first["source"] == {"file": "data/raw/nos/cyp-development.txt", "line": 138}


def test_search_jsonl_and_csv(runner) -> None:
    lines = runner.invoke(app, ["search", "supervision", "-f", "jsonl"]).stdout.splitlines()
    assert len(lines) == 20 and all(set(json.loads(line)) == HIT_KEYS for line in lines)
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, ["search", "supervision", "-f", "csv"]).stdout))
    )
    assert len(rows) == 20 and rows[0]["id"] == json.loads(lines[0])["id"]


def test_misspelling_is_announced(runner) -> None:
    result = runner.invoke(app, ["search", "safegaurding", "-n", "1"])
    assert (
        result.stdout.splitlines()[0]
        == "'safegaurding' is not in the corpus; showing results for 'safeguarding'"
    )


def test_filters_on_the_command_line(runner) -> None:
    result = runner.invoke(app, ["search", "safeguarding", "--kind", "skill", "--level", "4/5", "-f", "json"])
    hits = json.loads(result.stdout)["hits"]
    assert hits and {(h["kind"], h["level"]) for h in hits} == {("skill", "4-5")}


def test_no_collapse(runner) -> None:
    result = runner.invoke(
        app,
        ["search", "statutory requirements for health and safety", "-n", "3", "--no-collapse", "-f", "json"],
    )
    assert [h["id"] for h in json.loads(result.stdout)["hits"]] == [
        "nos/cyp-development/K53", "nos/key-people/K53", "nos/transitions/K53",
    ]  # fmt: skip


def test_no_results_exits_1_like_grep(runner) -> None:
    result = runner.invoke(app, ["search", "zzqqxx"])
    assert result.exit_code == 1
    assert result.stdout == "no word like 'zzqqxx' in the corpus\nno results\n"


def test_stop_words_only_says_so(runner) -> None:
    result = runner.invoke(app, ["search", "the", "and"])
    assert result.exit_code == 1
    assert result.stdout == (
        "'the and' is only common words (the, and, of …) that every statement has: nothing to rank on; "
        'add a word with meaning, or quote a phrase ("in the")\nno results\n'
    )
    assert runner.invoke(app, ["search", '"in the"', "-f", "json"]).exit_code == 0  # a phrase still searches


def test_scores_fall_with_rank(runner) -> None:
    """Hits matching more query words rank first; the score shown is that ranking."""
    for query in (["team", "around", "the", "child"], ["attachment"], ["risk", "assessment"], ["CPD"]):
        hits = json.loads(runner.invoke(app, ["search", *query, "-f", "json", "-n", "20"]).stdout)["hits"]
        scores = [h["score"] for h in hits]
        assert scores == sorted(scores, reverse=True) and len(scores) > 3, (query, scores)


@pytest.mark.parametrize(("option", "value", "allowed"), [
    ("--kind", "skills", "capability, glossary, knowledge, performance, skill, specialism, standard"),
    ("--level", "4", "3, 4-5, 6, 7, 8"),
    ("--unit", "keypeople", "cyp-development, key-people, transitions"),
    ("--category", "Z", "A, B, C, D, E, F, G, H, I"),
    ("--framework", "xyz", "nos, pcf, sdf"),
])  # fmt: skip
def test_a_filter_value_nothing_has_is_an_error_listing_the_values(runner, option, value, allowed) -> None:
    result = runner.invoke(app, ["search", "supervision", option, value])
    name = option.removeprefix("--")
    assert result.exit_code == 2
    assert (
        result.stderr == f"error: {option} '{value}' matches nothing; the {name} values here are: {allowed}\n"
    )
    similar = runner.invoke(app, ["similar", "nos/key-people/P14", option, value])
    assert similar.exit_code in (2,) if option in ("--kind", "--level", "--framework") else True


def test_similar_suggests_ids(runner) -> None:
    result = runner.invoke(app, ["similar", "nos/key-peple/P14"])
    assert result.exit_code == 2
    assert result.stderr == ("error: no statement has the id 'nos/key-peple/P14'; did you mean "
                             "'nos/key-people/P14', 'nos/key-people/P1', 'nos/key-people/P4'?\n")  # fmt: skip


def test_bad_filter_value_and_empty_query(runner) -> None:
    result = runner.invoke(app, ["search", " "])
    assert result.exit_code == 2
    assert result.stderr == "error: empty query; give some words, e.g. cwframe search attachment\n"
    assert runner.invoke(app, ["search", "x", "--limit", "0"]).exit_code == 2


def test_similar_and_define(runner) -> None:
    result = runner.invoke(app, ["similar", "nos/cyp-development/K108", "-n", "3", "-f", "json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)["hits"]) == 3
    unknown = runner.invoke(app, ["similar", "nos/nope/K1"])
    assert unknown.exit_code == 2 and unknown.stderr.startswith(
        "error: no statement has the id 'nos/nope/K1'"
    )
    define = runner.invoke(app, ["define", "key", "people"])
    assert define.exit_code == 0 and define.stdout.startswith(
        "Key people  nos/cyp-development/glossary/key-people"
    )
    assert json.loads(runner.invoke(app, ["define", "CAF", "-f", "json"]).stdout)[0]["definition"] == (
        "The Common Assessment Framework"
    )


def test_index_is_reused_then_rebuilt_when_the_corpus_changes(runner, repo, tmp_path, monkeypatch) -> None:
    from cwframe.search.index import Source

    raw = tmp_path / "raw"
    shutil.copytree(repo / "data/raw/nos", raw)
    monkeypatch.setenv("CWFRAME_CACHE_DIR", str(tmp_path / "cache"))
    assert runner.invoke(app, ["--corpus", str(raw), "search", "attachment"]).exit_code == 0
    cache = tmp_path / "cache"
    index_dir = Source.of(raw).index_path(Source.of(raw).fingerprint())
    assert [p.name for p in cache.iterdir()] == [index_dir.name]
    built = (index_dir / "meta.sqlite").stat().st_mtime_ns
    assert runner.invoke(app, ["--corpus", str(raw), "search", "attachment"]).exit_code == 0
    assert (index_dir / "meta.sqlite").stat().st_mtime_ns == built  # reused
    unit = raw / "key-people.txt"
    text = unit.read_text(encoding="utf-8")
    p28 = next(line for line in text.splitlines(keepends=True) if line.startswith("P28 "))
    unit.write_text(text.replace(p28, p28 + "P29 promote zebrafish welfare\n"), encoding="utf-8")
    result = runner.invoke(app, ["--corpus", str(raw), "search", "zebrafish", "-f", "json"])
    assert [h["id"] for h in json.loads(result.stdout)["hits"]] == ["nos/key-people/P29"]
    rebuilt = Source.of(raw).index_path(Source.of(raw).fingerprint())
    assert rebuilt != index_dir and not index_dir.exists()  # rebuilt; the old state's index removed
    assert [p.name for p in cache.iterdir()] == [rebuilt.name]  # no temporaries left
