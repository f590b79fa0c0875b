"""Write a synthetic NOS-directory-sized corpus, deterministically.

N units (default 20,000: about the size of the whole UK NOS directory, ~2 million
statements, ~265 MB) in the NOS directory's text format, made by recombining real
statements from the bundled seeds and lightly mutating some of them, with a
manifest.yaml. The same seed always writes the same bytes.

    python benchmarks/make_corpus.py /tmp/nos-directory --units 20000
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBJECTS = ["children and young people", "individuals", "young people", "families", "adults", "learners",
            "service users", "carers", "communities", "patients"]  # fmt: skip
ADJECTIVES = ["effective", "appropriate", "relevant", "agreed", "local", "national", "safe", "clear"]


def _pools() -> dict[str, list[str]]:
    rows = [json.loads(line) for line in (ROOT / "data/normalised/statements.jsonl").open(encoding="utf-8")]
    pools: dict[str, list[str]] = {"P": [], "K": [], "other": [], "headings": [], "titles": []}
    for r in rows:
        if r["framework"] == "nos":
            pools["P" if r["kind"] == "performance" else "K"].append(r["text"])
            if r["section"]:
                pools["headings"].append(r["section"])
        else:
            pools["other"].append(r["text"][0].lower() + r["text"][1:])
        if r["framework"] == "sdf" and r["name"]:
            pools["titles"].append(r["name"])
    for key in pools:
        pools[key] = sorted(set(pools[key]))
    return pools


def _mutate(text: str, rng: random.Random) -> str:
    """A light edit: another subject, an adjective, a dropped or swapped word."""
    choice = rng.randrange(4)
    words = text.split()
    if choice == 0 and "children and young people" in text:
        return text.replace("children and young people", rng.choice(SUBJECTS), 1)
    if choice == 1 and len(words) > 4:
        i = rng.randrange(1, len(words))
        return " ".join(words[:i] + [rng.choice(ADJECTIVES)] + words[i:])
    if choice == 2 and len(words) > 6:
        del words[rng.randrange(1, len(words))]
        return " ".join(words)
    if len(words) > 3:
        i = rng.randrange(1, len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def _pick(pool: list[str], rng: random.Random, mutate: float) -> str:
    text = rng.choice(pool)
    return _mutate(text, rng) if rng.random() < mutate else text


def unit_text(n: int, pools: dict[str, list[str]], rng: random.Random) -> tuple[str, str]:
    title = f"{rng.choice(pools['titles'])} in {rng.choice(SUBJECTS)} services"
    code = f"SYN{n:05d}"
    lines = [code, title, "Overview", f"This standard identifies the requirements when you {_pick(pools['P'], rng, 0.5)}.",
             "Performance criteria", "You must be able to:"]  # fmt: skip
    number = 0
    for _ in range(rng.randint(3, 4)):
        lines.append(rng.choice(pools["headings"]))
        for _ in range(rng.randint(7, 13)):
            number += 1
            lines.append(f"P{number} {_pick(pools['P'] + pools['other'], rng, 0.3)}")
    lines += ["Knowledge and understanding", "You need to know and understand:"]
    number = 0
    shared = rng.random() < 0.4  # a suite's shared knowledge block, word for word
    for _ in range(rng.randint(6, 10)):
        lines.append(rng.choice(pools["headings"]))
        for _ in range(rng.randint(7, 12)):
            number += 1
            text = (
                pools["K"][number % len(pools["K"])]
                if shared
                else _pick(pools["K"] + pools["other"], rng, 0.3)
            )
            lines.append(f"K{number} {text}")
    lines += ["Developed by\tSynthetic Standards Council", f"Version Number\t{rng.randint(1, 4)}",
              f"Original URN\t{code}", "Suite\tSynthetic suite"]  # fmt: skip
    return title, "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pools = _pools()
    (args.out / "units").mkdir(parents=True, exist_ok=True)
    manifest = ["# Synthetic NOS corpus written by benchmarks/make_corpus.py", "documents:"]
    size = statements = 0
    for n in range(1, args.units + 1):
        title, text = unit_text(n, pools, rng)
        name = f"units/syn-{n:05d}.txt"
        (args.out / name).write_text(text, encoding="utf-8")
        size += len(text.encode())
        statements += len(re.findall(r"^[PK]\d+ ", text, re.MULTILINE))
        manifest += [
            f"  - file: {name}",
            "    family: nos",
            f"    unit: syn-{n:05d}",
            f"    title: {json.dumps(title)}",
        ]
    (args.out / "manifest.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print(f"{args.units} units, {statements} statements, {size / 1e6:.0f} MB in {args.out}")


if __name__ == "__main__":
    main()
