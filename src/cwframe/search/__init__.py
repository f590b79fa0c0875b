"""Ranked search: an embedded tantivy index (index.py), the query side (engine.py) and the
ranking over it (ranking.py; rerank.py for the optional re-ranking by meaning).

Kept free of pydantic and of the corpus models on the query path, so that a
``cwframe search`` process costs little more than Python and the CLI starting.
"""
