"""The search benchmark's query mix and timing helpers (bench_scale.py runs them).

Queries are drawn from the corpus's own text: single words by frequency, two
adjacent words, prefixes of long words, three-word phrases and transposition typos
that are not words of the corpus; rg_argv is the `rg -i` command each is compared
with as a whole process.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STOP = set("a an and are as at be by for from has have in into is it its of on or that the their them these they "
           "this to was were which who will with within".split())  # fmt: skip


def sample_texts(corpus: Path, files: int, rng: random.Random) -> list[str]:
    paths = sorted((corpus / "units").glob("*.txt"))
    texts = []
    for path in rng.sample(paths, min(files, len(paths))):
        texts += re.findall(r"^[PK]\d+ (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return texts


def make_queries(texts: list[str], rng: random.Random) -> dict[str, list[str]]:
    tokens = [re.findall(r"[a-z]+", t.lower()) for t in texts]
    flat = [w for ws in tokens for w in ws if len(w) >= 4 and w not in STOP]
    long_words = [w for w in flat if len(w) >= 7]
    pairs, phrases = [], []
    while len(pairs) < 20:
        ws = rng.choice(tokens)
        if len(ws) > 2:
            i = rng.randrange(len(ws) - 1)
            if ws[i] not in STOP and ws[i + 1] not in STOP:
                pairs.append(f"{ws[i]} {ws[i + 1]}")
    while len(phrases) < 10:
        ws = rng.choice(tokens)
        if len(ws) > 3:
            i = rng.randrange(len(ws) - 2)
            if ws[i] not in STOP and ws[i + 2] not in STOP:
                phrases.append(f'"{ws[i]} {ws[i + 1]} {ws[i + 2]}"')
    vocabulary = set(flat)
    misspelt = []
    while len(misspelt) < 10:
        w = rng.choice(long_words)
        i = rng.randrange(1, len(w) - 2)
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if typo not in vocabulary:
            misspelt.append(typo)
    return {
        "single word": [rng.choice(flat) for _ in range(50)],
        "two words": pairs,
        "prefix": [rng.choice(long_words)[:5] + "*" for _ in range(10)],
        "phrase": phrases,
        "misspelt": misspelt,
    }


def rg_argv(query: str, corpus: Path) -> list[str]:
    if query.endswith("*"):
        return ["rg", "-i", query[:-1] + r"\w*", str(corpus)]
    return ["rg", "-i", "-F", query.strip('"'), str(corpus)]


def timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]
