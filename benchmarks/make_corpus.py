"""Write a synthetic NOS-directory-sized corpus, deterministically, as varied as the real one.

N units (default 20,000: about the size of the whole UK NOS directory, ~2 million
statements) in the NOS directory's text format, with a manifest.yaml. The real
directory is mostly distinct text: units in a suite share a knowledge block word for
word, but each occupation words its own criteria. So units come in suites of about
25, each suite an occupation with its own vocabulary (sector objects and their
modifiers); a criterion is a seed statement's verb phrase, an object of that
occupation and another seed statement's ending, and some suites share a knowledge
block. Every unit has the published template's parts (overview, performance
criteria under headings, knowledge, behaviours, skills, glossary, links, metadata).
It prints the share of statement texts that are distinct (at least 60 % by design;
the previous generator gave 5.5 %). The same seed always writes the same bytes.

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
# Occupations: what a suite's criteria are about (general vocabulary of each sector).
SECTORS = {
    "health": ["patients", "clinical records", "medication", "infection control", "treatment plans", "wards",
               "care pathways", "referrals", "clinical risk", "discharge plans"],
    "construction": ["site safety", "scaffolding", "building materials", "work at height", "excavations",
                     "site plans", "structural loads", "contractors", "method statements", "plant machinery"],
    "hospitality": ["guests", "food hygiene", "bookings", "kitchen equipment", "menus", "allergens",
                    "front of house", "stock rotation", "licensing conditions", "customer complaints"],
    "engineering": ["maintenance schedules", "electrical systems", "fault diagnosis", "technical drawings",
                    "tolerances", "test equipment", "mechanical assemblies", "calibration records",
                    "isolation procedures", "components"],
    "logistics": ["consignments", "warehouse stock", "delivery schedules", "loading bays", "transport documents",
                  "fleet vehicles", "dangerous goods", "picking lists", "route plans", "customs declarations"],
    "finance": ["client accounts", "financial transactions", "audit trails", "credit applications",
                "payment systems", "financial risk", "compliance reports", "ledgers", "budgets", "investment products"],
    "retail": ["customers", "product displays", "till operations", "stock levels", "promotions", "returns",
               "store security", "deliveries", "product knowledge", "sales targets"],
    "agriculture": ["livestock", "crop rotation", "animal welfare", "farm machinery", "soil condition", "pesticides",
                    "feed supplies", "biosecurity", "harvest records", "grazing land"],
    "digital": ["software releases", "user accounts", "network security", "data backups", "system logs",
                "service requests", "cloud resources", "access permissions", "code reviews", "incident reports"],
    "education": ["learners", "lesson plans", "assessment records", "learning resources", "progress reviews",
                  "individual learning plans", "classroom behaviour", "curriculum changes", "learning outcomes",
                  "feedback to learners"],
    "security": ["access control", "patrol routes", "incident logs", "CCTV systems", "search procedures",
                 "emergency evacuations", "conflict situations", "restricted areas", "visitor passes", "security threats"],
    "creative": ["productions", "scripts", "lighting rigs", "rehearsal schedules", "copyright permissions",
                 "audiences", "production budgets", "sound equipment", "sets and props", "performers"],
    "energy": ["gas installations", "meter readings", "pipework", "emissions", "energy efficiency measures",
               "electrical circuits", "renewable systems", "pressure tests", "safety valves", "supply networks"],
    "justice": ["offenders", "custody records", "court reports", "risk of reoffending", "victims", "sentence plans",
                "probation appointments", "evidence logs", "case files", "restorative justice"],
    "care": SUBJECTS,
}  # fmt: skip
MODIFIERS = ["new", "existing", "complex", "routine", "specialist", "local", "regional", "temporary", "high-risk",
             "shared", "internal", "external", "urgent", "planned", "sensitive", "statutory", "agreed", "relevant"]  # fmt: skip
CONNECTORS = ["in line with", "according to", "to meet", "so as to support", "taking account of", "within"]
SUITE_SIZE = 25


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


def _words(text: str) -> list[str]:
    return text.rstrip(".").split()


class Suite:
    """One occupation: its vocabulary, and a knowledge block its units may share word for word."""

    def __init__(self, number: int, pools: dict[str, list[str]], rng: random.Random) -> None:
        self.sector = rng.choice(sorted(SECTORS))
        nouns = SECTORS[self.sector]
        # The suite's own objects: sector nouns with modifiers this suite uses (each suite words its own).
        self.objects = sorted(
            {f"{rng.choice(MODIFIERS)} {rng.choice(nouns)}" for _ in range(40)} | set(nouns)
        )
        self.name = f"{self.sector.title()} suite {number}"
        self.shared = (
            [self.criterion(pools["K"], rng) for _ in range(rng.randint(25, 40))]
            if rng.random() < 0.6
            else []
        )

    def criterion(self, pool: list[str], rng: random.Random) -> str:
        """A seed's verb phrase, an object of this occupation, a seed's ending."""
        head = _words(rng.choice(pool))
        tail = _words(rng.choice(pool))
        parts = head[: rng.randint(2, min(5, len(head)))] + [rng.choice(self.objects)]
        if len(tail) > 4 and rng.random() < 0.8:
            parts += [rng.choice(CONNECTORS)] + tail[-rng.randint(3, min(8, len(tail))) :]
        return " ".join(parts)


def unit_text(n: int, suite: Suite, pools: dict[str, list[str]], rng: random.Random) -> tuple[str, str]:
    title = f"{rng.choice(pools['titles'])} for {rng.choice(suite.objects)}"
    code = f"SYN{n:05d}"
    lines = [code, title, "Overview",
             f"This standard identifies the requirements when you {suite.criterion(pools['P'], rng)}. "
             f"It is for workers who {suite.criterion(pools['P'], rng)}.",
             "Performance criteria", "You must be able to:"]  # fmt: skip
    number = 0
    for _ in range(rng.randint(3, 4)):
        lines.append(f"{rng.choice(pools['headings'])} for {rng.choice(suite.objects)}")
        for _ in range(rng.randint(7, 13)):
            number += 1
            lines.append(f"P{number} {suite.criterion(pools['P'] + pools['other'], rng)}")
    lines += ["Knowledge and understanding", "You need to know and understand:"]
    number = 0
    if suite.shared:  # the suite's shared block, word for word, first
        lines.append("Shared knowledge")
        for text in suite.shared:
            number += 1
            lines.append(f"K{number} {text}")
    for _ in range(rng.randint(4, 7)):
        lines.append(rng.choice(pools["headings"]))
        for _ in range(rng.randint(6, 11)):
            number += 1
            lines.append(f"K{number} {suite.criterion(pools['K'] + pools['other'], rng)}")
    lines += ["Behaviours", *(suite.criterion(pools["other"], rng).capitalize() for _ in range(3)),
              "Skills", *(rng.choice(pools["titles"]) for _ in range(4)), "Glossary"]  # fmt: skip
    for obj in rng.sample(suite.objects, 3):
        lines.append(f"{obj.capitalize()} would include {suite.criterion(pools['other'], rng)}")
    lines += ["Links to other NOS", f"SYN{rng.randint(1, n):05d}", "External links", "Health and Safety at Work Act 1974",
              "Developed by\tSynthetic Standards Council", f"Version Number\t{rng.randint(1, 4)}",
              f"Original URN\t{code}", f"Suite\t{suite.name}"]  # fmt: skip
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
    distinct: set[int] = set()
    suite = None
    for n in range(1, args.units + 1):
        if (n - 1) % SUITE_SIZE == 0:
            suite = Suite((n - 1) // SUITE_SIZE + 1, pools, rng)
        title, text = unit_text(n, suite, pools, rng)
        distinct.update(hash(t) for t in re.findall(r"^[PK]\d+ (.*)$", text, re.MULTILINE))
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
    print(
        f"{args.units} units, {statements} statements ({len(distinct)} distinct texts, "
        f"{100 * len(distinct) / max(statements, 1):.0f} %), {size / 1e6:.0f} MB in {args.out}"
    )


if __name__ == "__main__":
    main()
