"""Ranked search: an embedded on-disk index and a top-k engine that stops early.

Kept free of pydantic and of the corpus models on the query path, so that a
``cwframe search`` process costs little more than Python and the CLI starting.
"""
