"""Make tests/search/queries.yaml: relevance judgements for the search quality figures.

The judgements do not come from the search engine. Each query has a regular
expression for its concept (word forms and synonyms a reader would accept):
grade 2 when the concept is in a statement's own text or name, grade 1 when it
is only in the heading, section or topic the statement sits under. Then a person
read every grade-2 list and wrote down the false positives below (EXCLUDE).
Misspelt and prefix queries share the judgements of the query they mistype.
Run: python tests/search/make_qrels.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import cwframe  # noqa: E402
from cwframe.statements import iter_glossary  # noqa: E402

# query: (concept in the text or name -> grade 2, concept only in the context -> grade 1)
QUERIES: dict[str, tuple[str, str | None]] = {
    "attachment": (r"\battach", None),
    "safeguarding": (r"safe-?guard", r"safe-?guard"),
    "supervision": (r"supervis", r"supervis"),
    "information sharing": (
        r"shar\w* (of )?(appropriate |complex |confidential )?information|information[- ]shar",
        r"information shar",
    ),
    '"team around the young person"': (r"team around the young person|\bTAYP\b", None),
    "transitions": (r"transition", r"transition"),
    "domestic abuse": (r"domestic (abuse|violence)", r"domestic abuse"),
    "neglect": (r"neglect", r"neglect"),
    "bullying": (r"bully", r"bully"),
    "reflective practice": (r"reflect", None),
    "risk assessment": (r"risk\w* (assess|manag)|assess\w* (of )?risk|evaluate risk", None),
    "equality and diversity": (r"equalit|diversit", None),
    "multi-agency working": (r"multi[- ]?agency|multi[- ]?disciplinary|inter[- ]?agency", None),
    "advocacy": (r"advoca", None),
    "health and safety": (r"health and safety|health, safety", r"health and safety"),
    "lead professional": (r"lead professional", None),
    "common assessment framework": (r"\bCAF\b|common assessment framework", None),
    "emotional health": (
        r"emotional (health|ill)|mental (ill )?health|mental ill-health",
        r"emotional health",
    ),
    "child sexual exploitation": (r"sexual exploitation|\bCSE\b", None),
    "continuing professional development": (r"continuing professional development|\bCPD\b", None),
    "voice of the child": (r"voice", r"voice of the child"),
    "personalisation": (r"personalis", r"personalis"),
    "complaints": (r"complain", None),
    "budget": (r"budget", None),
}
ALIASES = {"attachmnet": "attachment", "safegaurding": "safeguarding", "supervison": "supervision",
           "bully*": "bullying", "neglct": "neglect"}  # fmt: skip
# False positives found by reading each grade-2 list.
EXCLUDE = {
    # 'advocates for the integrated service' promotes the service, not advocacy for a person.
    "advocacy": {
        "sdf/3/knowledge/promotes-the-integrated-service-organisation",
        *(
            f"sdf/{lv}/{k}/advocates-for-the-integrated-service-organisation"
            for lv in ("4-5", "7", "8")
            for k in ("skill", "knowledge")
        ),
        "sdf/6/skill/advocates-for-and-celebrates-the-integrated-service-organisation",
        "sdf/6/knowledge/advocates-for-and-celebrates-the-integrated-service-organisation",
        "sdf/8/skill/supports-reflection-and-advocates-for-others",
    },
    # 'reflect' meaning 'mirror': policies reflect the law.
    "reflective practice": {"pcf/H.1.3", "pcf/H.7.5", "pcf/H.9.3"},
    # personal budgets (a way of paying for care), not managing a budget.
    "budget": {f"nos/{u}/glossary/personalisation" for u in ("cyp-development", "key-people", "transitions")},
}


def statements() -> list[tuple[str, str, str]]:
    """(id, own text incl. name, context) for every statement and glossary entry."""
    corpus = cwframe.load_corpus()
    out = []
    for r in cwframe.iter_statements(corpus):
        out.append(
            (r.id, f"{r.name or ''} {r.text}", " ".join(x for x in (r.section, r.heading, r.topic) if x))
        )
    for fw in corpus.frameworks:
        for gid, _, entry in iter_glossary(fw):
            out.append((gid, f"{entry.term or ''} {entry.definition}", ""))
    return out


def main() -> None:
    rows = statements()
    judged: dict[str, dict[str, int]] = {}
    for query, (own, context) in QUERIES.items():
        grades: dict[str, int] = {}
        for sid, text, ctx in rows:
            if sid in EXCLUDE.get(query, set()):
                continue
            if re.search(own, text, re.IGNORECASE):
                grades[sid] = 2
            elif context and re.search(context, ctx, re.IGNORECASE):
                grades[sid] = 1
        judged[query] = grades
    for alias, query in ALIASES.items():
        judged[alias] = judged[query]
    path = Path(__file__).with_name("queries.yaml")
    header = (
        "# Generated by make_qrels.py (rules + reviewed exclusions, not the search engine); do not edit.\n"
    )
    path.write_text(header + yaml.safe_dump(judged, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for query, grades in judged.items():
        print(
            f"{query:40} {sum(g == 2 for g in grades.values()):4} grade 2, {sum(g == 1 for g in grades.values()):4} grade 1"
        )


if __name__ == "__main__":
    main()
