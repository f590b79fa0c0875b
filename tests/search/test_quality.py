"""Search quality against the labelled queries (see make_qrels.py for how they were judged)."""

from __future__ import annotations

import statistics

from search.quality import evaluate, load_judgements


def test_there_are_at_least_twenty_labelled_queries() -> None:
    assert len(load_judgements()) >= 20


def test_mean_ndcg_and_recall(index) -> None:
    scores = evaluate(index)
    mean_ndcg = statistics.mean(n for n, _ in scores.values())
    mean_recall = statistics.mean(r for _, r in scores.values())
    # Measured 0.975 and 0.966 when written; 0.980 and 0.947 since a statement's text
    # outranks its heading (issue #15: these labels count a statement under a "Voice of
    # the child" heading as about that, the independent judges' measure rose 0.70 -> 0.77).
    # A drop below these floors is a regression.
    assert mean_ndcg >= 0.97, scores
    assert mean_recall >= 0.94, scores
    assert min(n for n, _ in scores.values()) >= 0.6, scores
