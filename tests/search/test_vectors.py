"""Search by meaning (--semantic): words and statements brought in by meaning, labelled."""

from __future__ import annotations

import json

import pytest

from cwframe.cli.app import app
from cwframe.ops.search import search


def ids(result) -> list[str]:  # noqa: ANN001
    return [h.id for h in result.hits]


def test_a_word_no_statement_says_finds_its_nearest_word_by_meaning(index) -> None:
    """'drinking': no statement says it, nor any form of it, nor the thesaurus; the statement on
    drug and alcohol abuse is found through 'alcohol', and says why."""
    assert search(index, "drinking").hits == []
    result = search(index, "drinking", semantic=True)
    first = result.hits[0]
    assert first.id == "pcf/A.3.1" and "drink" not in first.text.casefold()
    assert first.similar == {"alcohol": "drinking"} and first.related == [] and first.meaning is None


def test_the_thesaurus_names_a_phrase_it_relates_before_meaning_does(index) -> None:
    first = search(index, "grief", semantic=True).hits[0]
    assert first.id == "nos/transitions/glossary/significant-life-events"
    assert first.related == ["bereavement"] and first.similar == {}


def test_a_query_sharing_no_word_finds_the_statement_nearest_its_meaning(index) -> None:
    assert search(index, "sadness").hits == []
    result = search(index, "sadness", semantic=True)
    assert ids(result)[0] == "pcf/D.2.3"  # "Recognises anxiety and low mood / depression"
    assert result.hits[0].meaning is not None and result.hits[0].meaning >= 0.5
    assert result.semantic == ["rerank", "statements", "words"]


def test_meaning_comes_after_the_statements_saying_the_words(index) -> None:
    plain = search(index, "attachment", limit=20)
    meant = search(index, "attachment", limit=20, semantic=True)
    said = [h for h in meant.hits if h.meaning is None and not h.similar]
    assert {h.id for h in said} == {h.id for h in plain.hits[: len(said)]}
    assert all(h.meaning is None for h in meant.hits[: len(plain.hits)]) or len(plain.hits) < 20


def test_search_by_meaning_keeps_to_the_filters(index) -> None:
    assert ids(search(index, "weed", semantic=True))[0].startswith("pcf/")  # 'drug' (and alcohol) abuse
    result = search(index, "weed", semantic=True, filters={"framework": "sdf"})
    assert ids(result) == [
        "sdf/specialism/youth-offending/knowledge",
        "sdf/specialism/vulnerable-young-people/knowledge",
    ]
    assert search(index, "sadness", semantic=True, filters={"framework": "nos"}).hits == []


def test_a_quoted_phrase_means_its_words(index) -> None:
    assert search(index, '"sadness"', semantic=True).hits == []


def test_results_are_deterministic(index) -> None:
    first = search(index, "children hurting themselves", semantic=True)
    again = search(index, "children hurting themselves", semantic=True)
    assert [(h.id, h.score, h.meaning, h.similar) for h in first.hits] == [
        (h.id, h.score, h.meaning, h.similar) for h in again.hits
    ]


def test_the_vectors_are_made_once_and_kept_beside_the_index(index, monkeypatch) -> None:
    from cwframe import meaning
    from cwframe.search import vectors

    search(index, "sadness", semantic=True)
    kept = sorted(p.name for p in index.path.glob("*.npy"))
    assert kept == [f"vectors-{meaning.load().name}.npy", f"words-{meaning.load().name}.npy"]
    monkeypatch.setattr(index, "_vectors", {})  # a new process: read from the files, not made again
    monkeypatch.setattr(vectors, "texts_of", lambda index: pytest.fail("embedded the corpus again"))
    assert ids(search(index, "sadness", semantic=True))[0] == "pcf/D.2.3"


def test_parts_can_be_switched_for_comparison(index, monkeypatch) -> None:
    monkeypatch.setenv("CWFRAME_SEMANTIC", "words")
    result = search(index, "sadness", semantic=True)
    assert result.semantic == ["words"] and all(h.meaning is None for h in result.hits)
    monkeypatch.setenv("CWFRAME_SEMANTIC", "statements")
    assert ids(search(index, "sadness", semantic=True))[0] == "pcf/D.2.3"


def test_the_cli_labels_hits_found_by_meaning(runner) -> None:
    result = runner.invoke(app, ["search", "drinking", "--semantic", "-n", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "no statement says 'drinking'"
    assert "    via: alcohol (near 'drinking') (by meaning)" in result.stdout.splitlines()
    payload = json.loads(
        runner.invoke(app, ["search", "sadness", "--semantic", "-f", "json", "-n", "1"]).stdout
    )
    assert payload["semantic"] == ["rerank", "statements", "words"]
    assert payload["hits"][0]["id"] == "pcf/D.2.3" and payload["hits"][0]["meaning"] >= 0.5
    text = runner.invoke(app, ["search", "sadness", "--semantic", "-n", "1"]).stdout
    assert "    via: meaning (cosine" in text and "not found by its words)" in text


def test_an_unknown_part_is_one_clear_error(runner, monkeypatch) -> None:
    monkeypatch.setenv("CWFRAME_SEMANTIC", "words,vibes")
    result = runner.invoke(app, ["search", "grief", "--semantic"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: CWFRAME_SEMANTIC: unknown part 'vibes'; use some of: words, statements, rerank\n"
    )


def test_a_corpus_too_large_to_read_every_vector_leaves_statements_out(index, monkeypatch) -> None:
    from cwframe.search import vectors

    monkeypatch.setattr(vectors, "STATEMENTS_LIMIT", index.docs - 1)
    result = search(index, "sadness", semantic=True)
    assert result.semantic == ["rerank", "words"] and all(h.meaning is None for h in result.hits)
