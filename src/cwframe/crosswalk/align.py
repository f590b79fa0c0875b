"""The crosswalk itself: one record per source (copies together), reviewed pairs where a reviewer
decided, the machine's suggestions where nobody has.

* A source a reviewer decided shows what they decided and nothing else: the accepted targets in
  their order with their grade and reason, or *no counterpart*. Each reviewed pair also carries
  the score, shared words and rules it has on its own, as evidence.
* A source nobody decided shows the scorer's best targets (cwframe.crosswalk.engine), those a
  reviewer rejected left out, each labelled by its score.
"""

from __future__ import annotations

from dataclasses import dataclass

from cwframe.crosswalk.decisions import Verdict
from cwframe.crosswalk.engine import Doc, Scorer
from cwframe.crosswalk.learn import Learner
from cwframe.crosswalk.model import Decision, Evidence, Match, Record, Relation
from cwframe.crosswalk.structure import LEVEL_ORDER, tier_levels

# Calibrated on the shipped reviews (every source, the machine's first three suggestions), checked
# on the designers' judgements; how often each label is an accepted pair: docs/crosswalk.md ("Labels").
STRONG, RELATED = 0.55, 0.35
LEARNT_STRONG = 0.80  # a suggestion moved by decisions: its score rises with theirs, so it must rise further
DEFAULT_MIN_SCORE = 0.10  # below: "no match"; the labels say how far to trust what is shown


_INFLECTIONS = ("", "s", "es", "ed", "d", "ing", "e")


def same_word(a: str, b: str) -> bool:
    """Two surface forms of one stem that mean the same: equal, or one an inflection of the other
    ('safeguard'/'safeguarding'), not a derivation ('government'/'governance', 'develops'/'development')."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return any(long == short + end or long == short[:-1] + end for end in _INFLECTIONS[1:])


def evidence_weight(source: Doc, target: Doc, terms: list[str]) -> float:
    """How much checkable evidence two statements share: a word both say in the same sense counts 1;
    a word whose forms only share a stem ('government'/'governance') 0.5; a shared concept 0.5 (it is
    often named by a word already counted)."""
    weight = 0.0
    for term in terms:
        if term.startswith("§"):
            weight += 0.5
        else:
            weight += 1 if same_word(source.surface.get(term, term), target.surface.get(term, term)) else 0.5
    return weight


def relation(score: float, evidence: float = 2.0, learnt: bool = False) -> Relation:
    """The machine's label: by score, but never strong on less than two pieces of shared evidence, nor
    related on less than one (a shared stem alone, a word only a heading says); a suggestion decisions
    moved is strong from LEARNT_STRONG (the decisions behind it are its evidence)."""
    if (score >= STRONG and evidence >= 2) or (learnt and score >= LEARNT_STRONG):
        return "strong match"
    if learnt and score >= RELATED:
        return "related"
    if score >= RELATED and evidence >= 1:
        return "related"
    return "weak"


@dataclass(frozen=True)
class Source:
    """A source to report: its scoring doc (the first copy), the ids of the other copies in the
    selection, and every id that prints its text at its tier (never learnt from for it)."""

    doc: Doc
    copies: tuple[str, ...] = ()
    same: frozenset[str] = frozenset()


def records(sources: list[Source], targets: list[Doc], scorer: Scorer, verdicts: dict[str, Verdict], *,
            top: int, min_score: float, learner: Learner | None = None) -> list[Record]:  # fmt: skip
    """A record per source (see the module docstring); ``learner``: decisions that re-rank the
    suggestions of the sources nobody decided (cwframe.crosswalk.learn)."""
    by_id = {t.id: i for i, t in enumerate(targets)}
    out = []
    for source in sources:
        doc = source.doc
        verdict = verdicts.get(doc.id)
        common = {"id": doc.id, "framework": doc.framework, "text": doc.text, "group": doc.group,
                  "copies": list(source.copies)}  # fmt: skip
        if verdict is not None and verdict.none is not None:
            out.append(Record(**common, matches=[], no_counterpart=True, reviewed_by=verdict.by,
                              note=verdict.none.note))  # fmt: skip
            continue
        accepted = [d for d in verdict.accepted if d.target in by_id] if verdict else []
        if accepted:
            matches = []
            for d in accepted[:top]:
                score, i, sentence, terms, rules = scorer.pair(doc, by_id[d.target])
                matches.append(
                    match(doc, targets[i], score, sentence, terms, rules, decision=d, by=verdict.by)
                )
            out.append(Record(**common, matches=matches, reviewed_by=verdict.by))
            continue
        rejected = verdict.rejected if verdict else {}
        matches = []
        for score, i, sentence, terms, rules in scorer.score(doc, top + len(rejected), learner, source.same):
            if targets[i].id in rejected or score < min_score:
                continue
            matches.append(match(doc, targets[i], score, sentence, terms, rules))
        out.append(Record(**common, matches=matches[:top]))
    return out


def match(doc: Doc, t: Doc, score: float, sentence: str | None, terms: list[str], rules: tuple[str, ...] = (), *,
          decision: Decision | None = None, by: str | None = None) -> Match:  # fmt: skip
    """A Match with its evidence (shared words and concepts, level, sentence, rules), reviewed when
    ``decision`` accepted it."""
    words = [doc.surface.get(x, x) for x in terms if not x.startswith("§")][:6]
    concepts = [x[1:] for x in terms if x.startswith("§")][:4]
    aligned = None if not (doc.tier and t.level in LEVEL_ORDER) else t.level in tier_levels(doc.tier)
    reviewed = decision is not None and decision.decision == "accept"
    return Match(
        id=t.id, framework=t.framework, text=t.text, name=t.name, group=t.group, level=t.level, score=round(score, 3),
        relation=relation(score, evidence_weight(doc, t, terms), any(r.startswith("learnt") for r in rules)),
        evidence=Evidence(terms=words, concepts=concepts, sentence=sentence,
                                                    level_aligned=aligned, rules=list(rules)),
        reviewed=reviewed, grade=decision.relation if reviewed else None, reviewed_by=by if reviewed else None,
        note=decision.note if reviewed else None,
    )  # fmt: skip
