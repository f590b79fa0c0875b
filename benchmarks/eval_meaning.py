"""Search by meaning and the semantic crosswalk on the project's own labelled checks (issue #24 item 5, #23 item 3).

    python benchmarks/eval_meaning.py                       # the static embeddings (the semantic extra)
    CWFRAME_EMBEDDINGS=minilm python benchmarks/eval_meaning.py   # MiniLM itself (the minilm extra), to compare

Prints, for ``cwframe search`` without and with ``--semantic`` (all parts, then each part alone
through CWFRAME_SEMANTIC), mean nDCG@10 and recall@20 on tests/search/queries.yaml (29 queries, mostly
lexical) and tests/search/meaning.yaml (6 queries in words the frameworks do not use), per query for
the latter; then for ``cwframe crosswalk`` with ``--method tfidf`` and ``semantic``, on
tests/crosswalk/gold.yaml, P@1, hit@3, hit@10 and MRR per direction (every source crosswalked, the
judged ones scored, ten matches each, no floor), and how many judged sources have no accepted target
in their first ten. The judges' files (../shared/eval/) are not read here.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

import cwframe  # noqa: E402
from cwframe.crosswalk.gold import read_gold, score  # noqa: E402
from cwframe.ops.crosswalk import crosswalk  # noqa: E402
from cwframe.ops.search import open_index  # noqa: E402
from search.quality import evaluate, load_judgements  # noqa: E402

MEANING = ROOT / "tests" / "search" / "meaning.yaml"
GOLD = ROOT / "tests" / "crosswalk" / "gold.yaml"


def _search() -> None:
    index = open_index(None)
    sets = {"own": load_judgements(), "meaning": yaml.safe_load(MEANING.read_text(encoding="utf-8"))}
    runs = [("default", None), ("--semantic", ""), ("  words only", "words"), ("  statements only", "statements"),
            ("  rerank only", "rerank"), ("  words,statements", "words,statements")]  # fmt: skip
    print(f"search ({os.environ.get('CWFRAME_EMBEDDINGS') or 'static'} embeddings): nDCG@10 / recall@20")
    for name, parts in runs:
        if parts is not None:
            os.environ["CWFRAME_SEMANTIC"] = parts
        cells = []
        for label, judged in sets.items():
            s = evaluate(index, judged, semantic=parts is not None)
            ndcg = statistics.mean(n for n, _ in s.values())
            cells.append(f"{label} {ndcg:.3f} / {statistics.mean(r for _, r in s.values()):.3f}")
            if label == "meaning":
                cells.append("(" + " ".join(f"{n:.2f}" for n, _ in s.values()) + ")")
        print(f"  {name:20} " + "  ".join(cells))
    os.environ.pop("CWFRAME_SEMANTIC", None)
    print("  meaning queries: " + ", ".join(sets["meaning"]))


def _crosswalk() -> None:
    corpus = cwframe.load_corpus()
    print("crosswalk, tests/crosswalk/gold.yaml (top 10, min-score 0)")
    for source, target in (("nos", "sdf"), ("pcf", "sdf"), ("nos", "pcf")):
        judged = read_gold(GOLD, source, target)
        for method in ("tfidf", "semantic"):
            result = crosswalk(corpus, source, target, top=10, min_score=0.0, method=method)
            report = score(result.records, judged)
            by_id = {c: r for r in result.records for c in (r.id, *r.copies)}
            missed = sum(1 for j in judged if not j.negative and j.source in by_id
                         and not set(j.accepted) & {m.id for m in by_id[j.source].matches[:10]})  # fmt: skip
            print(f"  {source}->{target} {method:8} P@1 {report.precision_at_1:.2f}  hit@3 {report.hit_at_3:.2f}  "
                  f"hit@10 {report.hit_at_10:.2f}  MRR {report.mrr:.2f}  outside the top 10: {missed}/{report.positives}")  # fmt: skip


if __name__ == "__main__":
    _search()
    _crosswalk()
