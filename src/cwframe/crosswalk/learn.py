"""Learning from decisions: what reviewers decided re-ranks the suggestions for the sources nobody
has decided, for any pair of frameworks, and says so in the evidence.

Three things a decision says about the rest:

* **Neighbours.** A source worded like a decided one (cosine of their TF-IDF vectors, over the
  source framework) probably goes where it went: each target row (family) a neighbour accepted
  gains ``NEIGHBOUR`` × similarity × the grade's weight, and is brought in even when it shares no
  word with the source (at the member nearest the source's tier: a PCF statement decided in
  category B suggests the same SDF row at level 6 for its copy in category E). A row a very
  similar source rejected loses as much.
* **The group's direction.** Where the sources of one group (a NOS section, a PCF heading) went:
  for a source no decided source resembles closely (similarity under ``CLOSE``), a target group
  that several decided sources of its group reached gains ``GROUP`` × the share of them that went
  there.
* Rejections of near-identical sources (similarity ≥ ``SAME``) count against a row.

A source never learns from its own decision (nor its copies'): learning is for sources nobody
decided. Every rule that moved a match names the decisions behind it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from cwframe.crosswalk.decisions import Verdict
from cwframe.crosswalk.engine import Doc

NEIGHBOUR = 0.5  # a neighbour's accepted row: + NEIGHBOUR × similarity × grade weight (raw score)
GROUP = 0.15  # a target group the source group's decisions reached: + GROUP × share
SAME = 0.8  # a rejection counts for sources at least this similar
CLOSE = 0.5  # a source with a neighbour this close learns from it, not from its group's direction
MIN_SIMILARITY = 0.2  # weaker neighbours say nothing
NEIGHBOURS = 5
GRADE_WEIGHT = {"strong": 1.0, "partial": 0.7, None: 0.8}


@dataclass
class Learner:
    """Decided sources, indexed for similarity; what each decided."""

    docs: list[Doc]  # the decided sources (first copies)
    verdicts: list[Verdict]
    idf: dict[str, float]
    vectors: list[dict[str, float]] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    groups: dict[str | None, list[int]] = field(default_factory=dict)

    @classmethod
    def over(cls, every: list[Doc], verdicts: dict[str, Verdict]) -> Learner | None:
        """A learner from the decided among ``every`` source doc (None when nothing is decided)."""
        decided = [(d, verdicts[d.id]) for d in every if d.id in verdicts and verdicts[d.id].decided]
        if not decided:
            return None
        df: Counter[str] = Counter()
        for d in every:
            df.update(set(d.terms))
        idf = {t: math.log(1 + len(every) / c) for t, c in df.items()}
        learner = cls([d for d, _ in decided], [v for _, v in decided], idf)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for k, d in enumerate(learner.docs):
            vector = learner.vector(d)
            learner.vectors.append(vector)
            for term, w in vector.items():
                postings[term].append((k, w))
            learner.groups.setdefault(d.group, []).append(k)
        learner.postings = dict(postings)
        return learner

    def vector(self, doc: Doc) -> dict[str, float]:
        weights = {t: (1 + math.log(c)) * self.idf.get(t, 1.0) for t, c in doc.terms.items() if c >= 1}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def neighbours(self, doc: Doc, copies: frozenset[str] = frozenset()) -> list[tuple[float, int]]:
        """The most similar decided sources (similarity, index), never the source itself or its copies."""
        dots: dict[int, float] = defaultdict(float)
        for term, w in self.vector(doc).items():
            for k, other in self.postings.get(term, ()):
                dots[k] += w * other
        found = [(sim, k) for k, sim in dots.items() if sim >= MIN_SIMILARITY and self.docs[k].id != doc.id
                 and self.docs[k].id not in copies]  # fmt: skip
        found.sort(key=lambda x: (-x[0], self.docs[x[1]].id))
        return found[:NEIGHBOURS]

    def adjust(self, doc: Doc, candidates: list[tuple[float, int, int | None]], targets: list[Doc],
               members_of: dict[str, list[int]], by_id: dict[str, int],
               copies: frozenset[str] = frozenset()) -> tuple[list[tuple[float, int, int | None]], dict[str, tuple[str, ...]]]:  # fmt: skip
        """Candidates re-weighed (and brought in) by the decisions; the rules that moved each family."""
        bonus: dict[str, float] = defaultdict(float)
        why: dict[str, list[str]] = defaultdict(list)
        near = self.neighbours(doc, copies)
        for sim, k in near:
            verdict, other = self.verdicts[k], self.docs[k]
            for d in verdict.accepted:
                i = by_id.get(d.target)
                if i is None:
                    continue
                family = targets[i].family
                gain = NEIGHBOUR * sim * GRADE_WEIGHT.get(d.relation, 0.8)
                if gain > 0.02:
                    bonus[family] += gain
                    why[family].append(
                        f"{other.id} ({sim:.2f} alike) was decided {d.relation or 'accepted'} → {d.target}"
                    )
            if sim >= SAME:
                for target in verdict.rejected:
                    i = by_id.get(target)
                    if i is not None:
                        bonus[targets[i].family] -= NEIGHBOUR * sim
                        why[targets[i].family].append(f"{other.id} ({sim:.2f} alike) rejected {target}")
        group = [
            k
            for k in self.groups.get(doc.group, [])
            if self.docs[k].id != doc.id and self.docs[k].id not in copies
        ]
        # The group's direction is what is known of a source no decided source resembles closely.
        if doc.group is not None and len(group) >= 2 and (not near or near[0][0] < CLOSE):
            reached: Counter[str] = Counter()
            for k in group:
                reached.update(
                    {targets[by_id[d.target]].group for d in self.verdicts[k].accepted if d.target in by_id}
                )
            for i, t in enumerate(targets):
                share = reached.get(t.group, 0) / len(group)
                if share >= 0.25 and members_of[t.family][0] == i:
                    bonus[t.family] += GROUP * share
                    why[t.family].append(f"{reached[t.group]} of {len(group)} decided sources of '{doc.group}' "
                                         f"went to '{t.group}'")  # fmt: skip
        if not bonus:
            return candidates, {}
        by_index = {c[1]: c for c in candidates}
        out = []
        for score, i, sentence in candidates:
            out.append((max(score + bonus.get(targets[i].family, 0.0), 0.0), i, sentence))
        for family, gain in bonus.items():
            if gain <= 0:
                continue
            for i in members_of.get(family, ()):
                if i not in by_index:
                    out.append((gain, i, None))
        rules = {f: (f"learnt from decisions: {'; '.join(w[:3])}" + (f" (+{len(w) - 3} more)" if len(w) > 3 else ""),)
                 for f, w in why.items() if bonus.get(f, 0) != 0}  # fmt: skip
        return out, rules
