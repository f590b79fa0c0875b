"""Make tests/crosswalk/gold.yaml: the targets a training designer would accept for each source.

The judgements are rules a designer would state, not the crosswalk's output: for
each source statement, which target groups, levels and wording are acceptable
(e.g. "NOS K55, safeguarding legislation, for managers: the SDF's Safeguarding
knowledge and skills at levels 6 to 8"). An empty list records a source the target
framework has nothing for (the SDF says nothing about health and safety): there
the right answer is "no match". Levels follow the source's tier: the NOS units
are for managers (SDF 6-8); PCF categories A-B ~ SDF 3-4/5, C-D ~ 3-6, E-F ~ 4/5-7,
G ~ 6-8, H-I ~ 7-8. NOS -> PCF accepts statements of the leadership categories G-I.
Run: python tests/crosswalk/make_gold.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import cwframe  # noqa: E402

MANAGERS = ("6", "7", "8")
PCF_LEVELS = {"A": ("3", "4-5"), "B": ("3", "4-5"), "C": ("3", "4-5", "6"), "D": ("3", "4-5", "6"),
              "E": ("4-5", "6", "7"), "F": ("4-5", "6", "7"), "G": ("6", "7", "8"), "H": ("7", "8"), "I": ("7", "8")}  # fmt: skip

SAFE, COMM, DEV, TRANS, MULTI, INFO = ("Safeguarding", "Effective communication", "Child and young person development",
                                       "Supporting transitions", "Multi-agency", "Information sharing")  # fmt: skip
# source -> (group regex, text regex, extra target ids); None = no counterpart
NOS_SDF = {
    "nos/cyp-development/K55": (SAFE, None, []),
    "nos/cyp-development/K57": (SAFE, None, []),
    "nos/cyp-development/K60": (SAFE, None, []),
    "nos/cyp-development/K62": (MULTI, None, ["sdf/yps/1.3"]),
    "nos/key-people/K63": (MULTI, None, ["sdf/yps/1.3"]),
    "nos/transitions/K64": (f"{MULTI}|{COMM}", None, []),
    "nos/cyp-development/K66": (
        INFO,
        None,
        [
            "sdf/8/skill/establishes-and-evaluates-information-sharing-protocols",
            "sdf/8/knowledge/establishes-and-evaluates-information-sharing-protocols",
        ],
    ),
    "nos/key-people/K68": (INFO, None, []),
    "nos/cyp-development/K69": (
        INFO,
        None,
        ["sdf/8/skill/establishes-and-evaluates-information-sharing-protocols"],
    ),
    "nos/cyp-development/K38": (None, r"reflect", ["sdf/yps/5.2"]),
    "nos/cyp-development/K45": (
        None,
        r"reflection|supervision|support to others|supports others",
        ["sdf/yps/3.4"],
    ),
    "nos/cyp-development/K49": (COMM, None, []),
    "nos/key-people/K50": (COMM, None, []),
    "nos/cyp-development/K81": (None, r"strateg", []),
    "nos/cyp-development/K94": (None, r"resource", []),
    "nos/cyp-development/K91": (None, r"human resource|workforce", []),
    "nos/cyp-development/K92": (None, r"governance", []),
    "nos/cyp-development/K74": (None, r"quality standards|occupational standards", []),
    "nos/transitions/P1": (TRANS, None, []),
    "nos/cyp-development/K99": (
        DEV,
        None,
        ["sdf/8/skill/applies-research-skills-leading-to-innovative-decision-making"],
    ),
    "nos/cyp-development/K101": (DEV, None, []),
    "nos/cyp-development/K30": (DEV, None, []),
    "nos/cyp-development/K20": (None, r"rights|participation|active partner", ["sdf/yps/2.1"]),
    "nos/cyp-development/K40": (None, r"research|evidence|theor", ["sdf/yps/3.1"]),
    "nos/cyp-development/K84": (None, r"innovat|problem", []),
    "nos/cyp-development/K53": None,  # health and safety legislation: the SDF has none
    "nos/cyp-development/K54": None,
    "nos/cyp-development/K110": None,  # healthy eating, exercise, sexual health
    "nos/cyp-development/K36": None,  # assistive technology
}
# PCF sources are named by the start of their text (ids are positional); same rule shape.
PCF_SDF = {
    "Knows about laws and national guidance relating to protecting": (SAFE, None, []),
    "Understands what children and young people want and need to feel safe": (SAFE, None, []),
    "Communicates effectively with children, young people and parent and carers": (COMM, None, []),
    "Demonstrates the ability to take responsibility for their own learning": (
        None,
        r"own practice|professional development",
        [],
    ),
    "Understands the key stages of development and what is age appropriate in terms of language and understanding in the context": (
        DEV,
        None,
        [],
    ),
    "Demonstrates the skill and ability to assess the needs of the child": (None, r"\bCAF\b|assess", []),
    "Uses language and resources in the work setting which promote equal opportunities": (
        None,
        r"equality|diversity|differences|discriminat",
        [],
    ),
    "Promotes and protects the privacy of children and young people": (INFO, None, []),
    "Knows the legal and policy and information sharing frameworks": (INFO, None, []),
    "Demonstrates the skill and ability to use professional supervision to reflect": (None, r"reflect", []),
    "Uses resources effectively to support the brief intervention": (None, r"resource", []),
    "Knows about tools, processes and procedures for multi-agency and integrated working": (
        f"{MULTI}|Process related",
        None,
        [],
    ),
    "Demonstrates skill and ability in recognising and acting upon indicators of child abuse": (
        SAFE,
        None,
        [],
    ),
    "Communicates effectively the results of professional assessments": (f"{COMM}|{MULTI}", None, []),
    "Models the importance of supervision and reflective practice": (
        None,
        r"reflection|supervision|support to others|supports others",
        ["sdf/yps/3.4"],
    ),
    "Demonstrates understanding of the respective roles and responsibilities of other professionals": (
        MULTI,
        None,
        [],
    ),
    "Develops strategies (including regarding resources and commissioning)": (None, r"strateg|resource", []),
    "Identifies and quantifies the early intervention and prevention work and other resources": (
        None,
        r"resource",
        [],
    ),
    "Communicates with children, young people and their families effectively and treats them with dignity": (
        COMM,
        None,
        [],
    ),
    "Demonstrates knowledge of equal opportunities legislation": (
        None,
        r"equality|diversity|differences|discriminat",
        [],
    ),
    "Models a healthy lifestyle": None,
    "Has an awareness of what bullying is and isn't": None,
}
NOS_PCF = {
    "nos/cyp-development/K57": r"abuse|harm|neglect",
    "nos/cyp-development/K45": r"supervision",
    "nos/cyp-development/K38": r"reflect",
    "nos/cyp-development/K66": r"information|confidential|privacy",
    "nos/cyp-development/K62": r"multi-agency|agencies|partnership|other professionals",
    "nos/cyp-development/K99": r"child development|developmental|attachment",
    "nos/cyp-development/K94": r"workload|resource",
    "nos/cyp-development/K74": r"standards",
    "nos/cyp-development/K81": r"polic|procedure",
    "nos/cyp-development/K92": r"governance",
    "nos/cyp-development/K4": r"discriminat|diversity|equalit",
    "nos/cyp-development/K20": r"voice|participat|involv",
    "nos/cyp-development/K58": r"concern|refer",
    "nos/cyp-development/K102": r"poverty|neglect|deprivation",
    "nos/cyp-development/K76": r"early intervention|prevention",
    "nos/cyp-development/K53": None,  # health and safety: the PCF's leadership categories say nothing of it
}


def main() -> None:
    rows = list(cwframe.iter_statements(cwframe.load_corpus()))
    sdf = [r for r in rows if r.framework.value == "sdf"]
    pcf = [r for r in rows if r.framework.value == "pcf"]

    def sdf_targets(rule, levels) -> list[str]:
        if rule is None:
            return []
        group, text, extra = rule
        found = [
            r.id for r in sdf if r.level in levels
            and (group is None or re.search(group, r.section or ""))
            and (text is None or re.search(text, f"{r.name or ''} {r.text}", re.IGNORECASE))
        ]  # fmt: skip
        return found + [e for e in extra if e not in found]

    gold: dict[str, dict[str, list[str]]] = {"nos->sdf": {}, "pcf->sdf": {}, "nos->pcf": {}}
    for source, rule in NOS_SDF.items():
        gold["nos->sdf"][source] = sdf_targets(rule, MANAGERS)
    for start, rule in PCF_SDF.items():
        source = next(r for r in pcf if r.text.startswith(start))
        gold["pcf->sdf"][source.id] = sdf_targets(rule, PCF_LEVELS[source.category or "A"])
    for source, pattern in NOS_PCF.items():
        gold["nos->pcf"][source] = (
            [] if pattern is None
            else [r.id for r in pcf if r.category in "GHI" and re.search(pattern, r.text, re.IGNORECASE)]
        )  # fmt: skip
    path = Path(__file__).with_name("gold.yaml")
    header = (
        "# Generated by make_gold.py from a designer's acceptance rules (not the crosswalk); do not edit.\n"
    )
    path.write_text(header + yaml.safe_dump(gold, sort_keys=False), encoding="utf-8")
    for direction, sources in gold.items():
        empty = sum(1 for v in sources.values() if not v)
        print(f"{direction}: {len(sources)} sources ({empty} with no counterpart)")


if __name__ == "__main__":
    main()
