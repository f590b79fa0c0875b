"""Search by meaning: the vectors of an index's statements and words, and their nearest to a query.

Made on the first ``--semantic`` search of an index (not when the index is built: a search
without meaning never pays for them) and kept in the index directory as
``vectors-<embedder>.npy`` (one row per distinct text, in doc order) and
``words-<embedder>.npy`` (one row per content word of the corpus, in the order of
:func:`vocabulary`), float16, each written under a temporary name and renamed, so a crash
never leaves half a file. An index directory that cannot be written keeps them in memory for
the process. They are opened memory-mapped and multiplied in blocks. The statements are searched
by meaning only in a corpus of at most ``STATEMENTS_LIMIT`` distinct texts (the bundled one has
1,192): reading every vector of a whole directory costs a second a query.
"""

from __future__ import annotations

import os
from typing import Any

from cwframe.meaning import Embedder
from cwframe.search.engine import STOP_WORDS, Index

BLOCK = 262_144  # rows multiplied at once (1.6 M texts × 128 dims in float32 would be 800 MB)
# What --semantic does (all three by default; $CWFRAME_SEMANTIC picks some, to compare them):
# a query word's nearest words as related phrases, the statements nearest the query as a last
# level, the best hits re-ranked by meaning (search/rerank.py).
PARTS = ("words", "statements", "rerank")
# Above this many distinct texts the statements are not searched by meaning: a query reads every
# vector (1.2 s for the 1.7 million of a 20,000-unit directory, 430 MB made in 3 minutes);
# that wants a vector index. At this size a query reads 64 MB in about 0.1 s.
STATEMENTS_LIMIT = 250_000


def parts() -> frozenset[str]:
    """The parts of search by meaning that are on: $CWFRAME_SEMANTIC (comma-separated), else all."""
    from cwframe.errors import InputError

    given = os.environ.get("CWFRAME_SEMANTIC", "").strip()
    chosen = frozenset(p.strip() for p in given.split(",") if p.strip()) if given else frozenset(PARTS)
    unknown = sorted(chosen - set(PARTS))
    if unknown:
        raise InputError(f"CWFRAME_SEMANTIC: unknown part '{unknown[0]}'; use some of: {', '.join(PARTS)}")
    return chosen


def texts_of(index: Index) -> list[str]:
    """What is embedded for each doc, in doc order: its first statement's name, if it has one,
    then its text (as the re-ranker embeds a hit)."""
    names = dict(index.db.execute("SELECT doc, name FROM entries WHERE name IS NOT NULL GROUP BY doc"))
    rows = index.db.execute("SELECT id, text FROM docs ORDER BY id")
    return [(f"{names[d]}: " if names.get(d) else "") + text for d, text in rows]


def vocabulary(index: Index) -> list[str]:
    """The corpus's content words a query word may be near: letters only, three or more, no stop word."""
    rows = index.db.execute("SELECT word FROM words WHERE len >= 3 ORDER BY word")
    return [w for (w,) in rows if w.isalpha() and w not in STOP_WORDS]


def _kept(index: Index, embedder: Embedder, kind: str, count: int, texts) -> Any:  # noqa: ANN001
    """The ``kind`` vectors of an index, made from ``texts()`` on first use and kept beside it."""
    import numpy as np

    cached = index.__dict__.setdefault("_vectors", {})
    key = f"{kind}-{embedder.name}"
    if key in cached:
        return cached[key]
    path = index.path / f"{key}.npy"
    try:
        vectors = np.load(path, mmap_mode="r")
        if vectors.shape != (count, embedder.dims):
            raise ValueError("made for another state of the index")
    except (OSError, ValueError):
        vectors = embedder.embed(texts()).astype(np.float16)
        from cwframe.errors import InputError
        from cwframe.writes import open_atomic

        try:
            with open_atomic(path, binary=True) as handle:
                np.save(handle, vectors)
        except InputError:  # a read-only index directory: kept for this process only
            pass
    cached[key] = vectors
    return vectors


def nearest(vectors: Any, query: Any, k: int, *, allowed: set[int] | None = None,
            excluded: set[int] = frozenset(), minimum: float = 0.0) -> list[tuple[int, float]]:  # fmt: skip
    """The ``k`` rows closest to the query's vector (cosine ≥ ``minimum``), best first, ties
    by row number; only ``allowed`` rows (a filter's docs), never ``excluded`` ones."""
    import numpy as np

    query = np.asarray(query, dtype=np.float32)
    mask = None
    if allowed is not None or excluded:
        mask = np.zeros(len(vectors), dtype=bool)
        mask[list(allowed) if allowed is not None else slice(None)] = True
        mask[list(excluded)] = False
    found: list[tuple[int, float]] = []
    for start in range(0, len(vectors), BLOCK):
        scores = np.asarray(vectors[start : start + BLOCK], dtype=np.float32) @ query
        if mask is not None:
            scores[~mask[start : start + len(scores)]] = -np.inf
        keep = np.flatnonzero(scores >= minimum)
        if len(keep) > k:  # only the block's best k can be among the k
            keep = keep[np.argpartition(-scores[keep], k)[:k]]
        found.extend((start + int(i), float(scores[i])) for i in keep)
    found.sort(key=lambda ds: (-ds[1], ds[0]))
    return found[:k]


class Meaning:
    """What search by meaning asks of an index (ranking.py): the statements nearest a query, and
    the corpus's words nearest a query word."""

    def __init__(self, index: Index, embedder: Embedder, allowed: set[int] | None,
                 on: frozenset[str] = frozenset(PARTS)) -> None:  # fmt: skip
        if index.docs > STATEMENTS_LIMIT:
            on = on - {"statements"}
        self.index, self.embedder, self.allowed, self.on = index, embedder, allowed, on
        self._words: list[str] | None = None

    def statements(self, text: str, k: int, excluded: set[int], minimum: float) -> list[tuple[int, float]]:
        """(doc, cosine) of the ``k`` docs nearest the text, among those the filters allow."""
        if "statements" not in self.on:
            return []
        vectors = _kept(self.index, self.embedder, "vectors", self.index.docs, lambda: texts_of(self.index))
        return nearest(vectors, self.embedder.embed([text])[0], k, allowed=self.allowed, excluded=excluded,
                       minimum=minimum)  # fmt: skip

    def words(self, word: str, k: int, minimum: float) -> list[tuple[str, float]]:
        """(word, cosine) of the ``k`` corpus words nearest ``word`` (itself aside)."""
        if "words" not in self.on:
            return []
        if self._words is None:
            self._words = vocabulary(self.index)
        words = self._words
        vectors = _kept(self.index, self.embedder, "words", len(words), lambda: words)
        found = nearest(vectors, self.embedder.embed([word])[0], k + 1, minimum=minimum)
        return [(words[i], c) for i, c in found if words[i] != word][:k]
