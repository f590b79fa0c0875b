"""nDCG@10 and recall@20 of cwframe search against tests/search/queries.yaml.

Judgements are per statement id; the engine shows statements repeated word for word
as one result, and the copies of one SDF row at several levels as one result listing
the levels (issue #24), so both sides are compared as those results: a doc (distinct
text), or the family of an SDF row. A result's grade is the best grade among the ids
it stands for. Recall@20 is divided by min(relevant, 20) so that a perfect first page
scores 1.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from cwframe.ops.search import search
from cwframe.search import engine

QUERIES = Path(__file__).with_name("queries.yaml")


def load_judgements() -> dict[str, dict[str, int]]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def _result_of(index: engine.Index, sid: str) -> str | None:
    """The result a statement is shown in: its SDF row family, else its doc (its text)."""
    row = index.db.execute("SELECT doc, family FROM members WHERE sid = ?", (sid,)).fetchone()
    if row is None:
        return None
    return row[1] or f"doc:{row[0]}"


def _doc_grades(index: engine.Index, grades: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for sid, grade in grades.items():
        result = _result_of(index, sid)
        if result:
            out[result] = max(out.get(result, 0), grade)
    return out


def _hit_docs(index: engine.Index, hits: list[engine.Hit]) -> list[str]:
    results: list[str] = []
    for hit in hits:
        result = _result_of(index, hit.id)
        if result not in results:
            results.append(result)
    return results


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = 20) -> float:
    relevant = {d for d, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / min(len(relevant), k) if relevant else 0.0


def evaluate(index: engine.Index, judgements: dict[str, dict[str, int]] | None = None, *, semantic: bool = False
             ) -> dict[str, tuple[float, float]]:  # fmt: skip
    """query -> (nDCG@10, recall@20), on our labelled queries unless others are given
    (``semantic``: re-ranked by meaning, the semantic extra)."""
    scores = {}
    for query, judged in (judgements or load_judgements()).items():
        grades = _doc_grades(index, judged)
        ranked = _hit_docs(index, search(index, query, limit=20, semantic=semantic).hits)
        scores[query] = (ndcg(ranked, grades), recall(ranked, grades))
    return scores
