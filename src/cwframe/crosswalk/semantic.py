"""Meaning similarity for ``--method semantic`` (the ``semantic`` extra): text embeddings.

The embeddings come from cwframe.meaning: static token vectors distilled from
all-MiniLM-L6-v2, shipped with cwframe, needing numpy and tokenizers but not torch
(``CWFRAME_EMBEDDINGS=minilm``: MiniLM itself, the ``minilm`` extra, for comparison).

A pair's score blends the two: ``ALPHA`` × TF-IDF + (1 − ``ALPHA``) × the cosine of the
embeddings (negative cosines count as 0), before the structural rules, for every target: a
target that shares no word with the source can still be suggested. Measured on the
designers' development half and the project's own gold (docs/crosswalk.md, docs/meaning.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from cwframe.meaning import Embed

ALPHA = 0.7


def load(option: str = "--method semantic") -> Embed:
    """A function from texts to unit vectors; InputError (naming ``option``) when the extra is not installed."""
    from cwframe.meaning import load as embeddings

    return embeddings(option)


def cosines(source: Sequence[float], targets: Sequence[Sequence[float]]) -> list[float]:
    """Dot products of one unit vector with many (their cosines)."""
    return [sum(a * b for a, b in zip(source, t, strict=True)) for t in targets]
