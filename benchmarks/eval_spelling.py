"""How well the spelling rules (SP01/SP02) do, on real text.

    python benchmarks/eval_spelling.py [SEED]

1. The five bundled documents as received (`data/raw`), validated together as `make test`
   does, with and without this project's word list: every spelling finding, to be read.
2. A bundled unit (key-people) with 20 typos planted in 20 different criteria, one word
   each, by the edits editors make (two letters swapped, one left out, one doubled, one
   wrong, one extra), copied alone into a scratch directory and validated there as a
   pre-commit hook would: how many are found at the right place, and how often the first
   suggestion is the word meant. A typo that makes another English word ('from' for 'form')
   is planted too if the dice say so: no dictionary check can see those, and the count
   says how many there were.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from pathlib import Path

from cwframe import config
from cwframe.lexicon import is_english
from cwframe.ops.validate import validate

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("swap", "omit", "double", "wrong", "extra")


def plant(word: str, kind: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "omit":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i]])
    if kind == "wrong":
        return word[:i] + letter + word[i + 1 :]
    return word[:i] + letter + word[i:]


def bundled_findings() -> None:
    raw = ROOT / "data/raw"
    for label, settings in (
        ("without a word list", None),
        ("with cwframe-words.txt", config.load(ROOT / "pyproject.toml")),
    ):
        report = validate([raw], config=settings)
        found = [p for p in report.problems if p.code.startswith("SP")]
        print(f"bundled documents, {label}: {len(found)} spelling findings")
        for p in found:
            print(f"  {p.path}:{p.line}:{p.column}: {p.code} {p.message} [{p.statement}]")


def planted(seed: int) -> None:
    rng = random.Random(seed)
    lines = (ROOT / "data/raw/nos/key-people.txt").read_text(encoding="utf-8").split("\n")
    criteria = [n for n, line in enumerate(lines) if re.match(r"[PK]\d+ ", line)]
    plants = []
    for n in sorted(rng.sample(criteria, 20)):
        words = [m for m in re.finditer(r"[a-z]{5,}", lines[n]) if is_english(m.group())]
        match = rng.choice(words)
        kind = rng.choice(KINDS)
        typo = plant(match.group(), kind, rng)
        lines[n] = lines[n][: match.start()] + typo + lines[n][match.end() :]
        plants.append((n + 1, match.start() + 1, match.group(), typo, kind))
    with tempfile.TemporaryDirectory() as scratch:
        unit = Path(scratch) / "key-people.txt"
        unit.write_text("\n".join(lines), encoding="utf-8")
        report = validate([unit])
    found = {(p.line, p.column): p for p in report.problems if p.code in ("SP01", "SP02")}
    hits = suggested = real_words = 0
    for line, column, word, typo, kind in plants:
        p = found.get((line, column))
        real = is_english(typo)
        real_words += real
        first = re.search(r"did you mean '([^']+)'", p.message) if p else None
        hits += p is not None
        # a possessive is suggested whole ('indivvidual’s' -> 'individual’s')
        suggested += bool(first and re.sub(r"['’]s$", "", first.group(1)) == word)
        state = "found" if p else ("missed (an English word)" if real else "MISSED")
        print(f"  line {line:3}: {word!r} -> {typo!r} ({kind}): {state}"
              + (f", first suggestion {first.group(1)!r}" if first else ""))  # fmt: skip
    others = [p for k, p in found.items() if k not in {(pl[0], pl[1]) for pl in plants}]
    print(f"planted typos (seed {seed}): {hits}/20 found, first suggestion right {suggested}/{hits}; "
          f"{real_words} made another English word; {len(others)} other spelling findings")  # fmt: skip


if __name__ == "__main__":
    bundled_findings()
    planted(int(sys.argv[1]) if len(sys.argv) > 1 else 26)
