"""The statements' meaning vectors beside a search index, and their nearest to a query.

Made on the first ``--semantic`` search of an index (not when the index is built: a search
without meaning never pays for them) and kept in the index directory as
``vectors-<embedder>.npy`` (float16, one row per distinct text, in doc order), written under
a temporary name and renamed, so a crash never leaves half a file. An index directory that
cannot be written keeps them in memory for the process. The file is opened memory-mapped:
a query reads it in blocks, so a corpus of millions of texts never needs them all in memory.
"""

from __future__ import annotations

import os
from typing import Any

from cwframe.meaning import Embedder
from cwframe.search.engine import Index

BLOCK = 262_144  # rows multiplied at once (1.6 M texts × 128 dims in float32 would be 800 MB)


def texts_of(index: Index, docs: list[int] | None = None) -> list[str]:
    """What is embedded for each doc (all of them, in order, when ``docs`` is None): its first
    statement's name, if it has one, then its text (as the re-ranker embeds a hit)."""
    if docs is None:
        names = dict(index.db.execute("SELECT doc, name FROM entries WHERE name IS NOT NULL GROUP BY doc"))
        rows = index.db.execute("SELECT id, text FROM docs ORDER BY id")
    else:
        names = dict(index.select_in("SELECT doc, name FROM entries WHERE name IS NOT NULL AND doc IN ({marks}) "
                                     "GROUP BY doc", docs))  # fmt: skip
        found = dict(index.select_in("SELECT id, text FROM docs WHERE id IN ({marks})", docs))
        rows = ((d, found[d]) for d in docs)
    return [(f"{names[d]}: " if names.get(d) else "") + text for d, text in rows]


def doc_vectors(index: Index, embedder: Embedder) -> Any:
    """The docs' unit vectors (float16, docs × dims), made and kept on first use."""
    import numpy as np

    cached = getattr(index, "_vectors", {})
    if embedder.name in cached:
        return cached[embedder.name]
    path = index.path / f"vectors-{embedder.name}.npy"
    try:
        vectors = np.load(path, mmap_mode="r")
        if vectors.shape != (index.docs, embedder.dims):
            raise ValueError("stale")
    except (OSError, ValueError):
        vectors = embedder.embed(texts_of(index)).astype(np.float16)
        try:
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                np.save(handle, vectors)
            os.replace(temporary, path)
        except OSError:  # a read-only index directory: kept for this process only
            pass
    index._vectors = {**cached, embedder.name: vectors}
    return vectors


def nearest(vectors: Any, query: Any, k: int, *, allowed: set[int] | None = None,
            excluded: set[int] = frozenset(), minimum: float = 0.0) -> list[tuple[int, float]]:  # fmt: skip
    """The ``k`` docs whose vectors are closest to the query's (cosine ≥ ``minimum``), best first,
    ties by doc number; only ``allowed`` docs (a filter's), never ``excluded`` ones."""
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
