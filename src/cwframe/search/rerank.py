"""``cwframe search --semantic``: re-rank the best hits by meaning (the ``semantic`` extra).

The lexical ranking (ranking.py) finds the candidates; the first ``POOL`` of them are
re-ordered, among those saying as many of the query's words (for a sentence: all of
them), by ``(1 − BETA) × their score / the best score + BETA × the cosine`` of the
query's and the statement's sentence embeddings (all-MiniLM-L6-v2, crosswalk/semantic.py).
The query is embedded as corrected ("supervison" as "supervision"), so a typo
ranks like its correct form. Measured on the independent search judgements
(docs/search.md): it lifts statements that mean the query without its words. It costs
the model's load (~7 s) and ~0.5 s a query on a CPU, so it is opt-in.
"""

from __future__ import annotations

import dataclasses
import math

from cwframe.crosswalk.semantic import cosines
from cwframe.search.engine import SearchResult
from cwframe.search.ranking import as_meant

POOL = 50
BETA = 0.7  # chosen on the first half of the judgements; the second half checked it


def corrected_query(result: SearchResult) -> str:
    """The query as searched: each corrected word replaced by its correction."""
    return as_meant(result.query, result.corrections)


def _level(score: float) -> float:
    """The weight of the words a hit matched, read from its score (ranking.ranking_score)."""
    return math.floor(score * 10 + 1e-6) / 10


def rerank(result: SearchResult, embed, limit: int) -> SearchResult:  # noqa: ANN001
    """The result's hits re-ordered by meaning and lexical score, the first ``limit`` kept."""
    hits = result.hits[:POOL]
    if not hits:
        return result
    vectors = embed([corrected_query(result)] + [(f"{h.name}: " if h.name else "") + h.text for h in hits])
    query, texts = vectors[0], vectors[1:]
    best = max(h.score for h in hits) or 1.0
    scored = [((1 - BETA) * hit.score / best + BETA * max(0.0, cosine), rank, hit)
              for rank, (hit, cosine) in enumerate(zip(hits, cosines(query, texts), strict=True))]  # fmt: skip
    if result.sentence:
        # A sentence's words say little one by one ('care' in "... decisions about their
        # care"): how many of them a statement says is weak evidence; its meaning decides.
        # The score shown is the blend (in [0, 1]).
        scored.sort(key=lambda s: (-s[0], s[1]))
        reordered = [dataclasses.replace(hit, score=round(value, 3)) for value, _, hit in scored[:limit]]
    else:
        # Within the words matched: a statement saying more of the query's words still comes
        # first (meaning alone once ranked "child sexual exploitation" under statements about
        # abuse). The score shown keeps ranking_score's form (the weight of the words matched
        # in tenths, then a fraction below a tenth), so it still falls with rank: the
        # fraction is now the blend, which lies in [0, 1].
        scored.sort(key=lambda s: (-_level(s[2].score), -s[0], s[1]))
        reordered = [
            dataclasses.replace(hit, score=round(_level(hit.score) + 0.0999 * value, 4))
            for value, _, hit in scored[:limit]
        ]
    return dataclasses.replace(result, hits=reordered)
