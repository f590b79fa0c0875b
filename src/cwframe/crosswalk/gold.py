"""Judged crosswalks ("gold sets") and how a crosswalk scores against them.

Two formats are read, each optionally under a ``'SOURCE->TARGET':`` key:

* cwframe's own: ``source id: [accepted target ids]`` (``[]``: no counterpart);
* the designers' judgement file (``shared/eval/crosswalk-dev.json``):
  ``source id: {accept: [{id, grade: strong|partial}], note}``, an empty ``accept``
  being a deliberate "no counterpart".

Scores: P@1 (the top match is accepted), hit@3 (an accepted target in the top 3),
recall@3, MRR, the share of no-counterpart sources left unmatched (or only weakly
matched), and the precision of the "strong" label (how many strong matches are
accepted). Sources can be split in two halves by a hash of their id, so that choices
made looking at one half can be checked on the other.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cwframe.errors import InputError


@dataclass(frozen=True)
class Judged:
    """What a judge accepted for one source: target id -> grade ('strong', 'partial' or 'accepted')."""

    source: str
    accepted: dict[str, str]

    @property
    def negative(self) -> bool:
        return not self.accepted


def half(source_id: str) -> str:
    """'A' or 'B': a fixed split of sources, independent of anything but the id."""
    return "A" if hashlib.sha256(source_id.encode()).digest()[0] % 2 == 0 else "B"


def parse_gold(data: Any, source: str, target: str, *, where: str = "gold file") -> list[Judged]:
    """The judged sources for SOURCE->TARGET from either format (see the module docstring)."""
    if not isinstance(data, dict):
        raise InputError(
            f"{where}: expected a mapping of source ids (optionally under '{source}->{target}:')"
        )
    section = data.get(f"{source}->{target}", data)
    if not isinstance(section, dict):
        raise InputError(f"{where}: '{source}->{target}' is not a mapping of source ids")
    judged = []
    for sid, value in section.items():
        if isinstance(value, list) and all(isinstance(t, str) for t in value):
            judged.append(Judged(str(sid), dict.fromkeys(value, "accepted")))
        elif isinstance(value, dict) and isinstance(value.get("accept"), list):
            accepted = {}
            for item in value["accept"]:
                if not (isinstance(item, dict) and isinstance(item.get("id"), str)):
                    raise InputError(f"{where}: {sid}: each accepted target needs an 'id'")
                accepted[item["id"]] = str(item.get("grade", "accepted"))
            judged.append(Judged(str(sid), accepted))
        else:
            raise InputError(f"{where}: {sid}: expected [target ids] or {{accept: [{{id, grade}}]}}")
    return judged


def read_gold(path: Path, source: str, target: str) -> list[Judged]:
    """Judged sources from a YAML or JSON gold file."""
    from cwframe.corpus import display_path, read_data

    return parse_gold(read_data(path), source, target, where=display_path(path))


@dataclass(frozen=True)
class GoldReport:
    """How a crosswalk did on judged sources."""

    sources: int
    positives: int
    negatives: int
    precision_at_1: float
    hit_at_3: float
    recall_at_3: float
    mrr: float
    negatives_unmatched: float  # no-counterpart sources given no match, or only a weak one
    strong: int  # strong-labelled suggestions among the first three of judged sources
    strong_precision: float  # how many of those are accepted pairs
    hit_at_10: float | None = None  # when ten matches a source were asked for
    labels: dict[str, list[int]] = field(
        default_factory=dict
    )  # label -> [accepted, shown] among the first three

    def line(self) -> str:
        ten = f"  hit@10 {self.hit_at_10:.2f}" if self.hit_at_10 is not None else ""
        return (f"{self.sources} judged ({self.positives} with a counterpart, {self.negatives} without): "
                f"P@1 {self.precision_at_1:.2f}  hit@3 {self.hit_at_3:.2f}{ten}  recall@3 {self.recall_at_3:.2f}  "
                f"MRR {self.mrr:.2f}  no-counterpart left unmatched {self.negatives_unmatched:.2f}  "
                f"strong precision {self.strong_precision:.2f} ({self.strong} strong)")  # fmt: skip


def score(records: list, judged: list[Judged]) -> GoldReport:  # records: cwframe.crosswalk.model.Record
    """Score crosswalk records (ranked matches per source) against judgements. A judged statement
    printed word for word elsewhere is scored on the record that stands for every copy. With more
    than three matches a source, hit@10 is scored too; P@1, hit@3 and the labels are always read
    from the first three, as a user sees them by default."""
    by_id = {c: r for r in records for c in (r.id, *r.copies)}
    present = [j for j in judged if j.source in by_id]
    positives = [j for j in present if not j.negative]
    negatives = [j for j in present if j.negative]
    p1 = hit3 = hit10 = r3 = rr = 0.0
    deep = any(len(r.matches) > 3 for r in records)
    for j in positives:
        ranked = [m.id for m in by_id[j.source].matches]
        accepted = set(j.accepted)
        p1 += bool(ranked) and ranked[0] in accepted
        hit3 += bool(accepted & set(ranked[:3]))
        hit10 += bool(accepted & set(ranked[:10]))
        r3 += len(accepted & set(ranked[:3])) / min(len(accepted), 3)
        rr += next((1 / (i + 1) for i, t in enumerate(ranked) if t in accepted), 0.0)
    unmatched = sum(1 for j in negatives if not by_id[j.source].matches
                    or (by_id[j.source].matches[0].relation == "weak" and not by_id[j.source].matches[0].reviewed))  # fmt: skip
    labels: dict[str, list[int]] = {}
    for j in present:
        for m in by_id[j.source].matches[:3]:
            counts = labels.setdefault(m.label, [0, 0])
            counts[0] += m.id in j.accepted
            counts[1] += 1
    strong_right, strong = labels.get("strong match", [0, 0])
    n = max(len(positives), 1)
    return GoldReport(
        sources=len(present), positives=len(positives), negatives=len(negatives),
        precision_at_1=round(p1 / n, 3), hit_at_3=round(hit3 / n, 3), recall_at_3=round(r3 / n, 3),
        mrr=round(rr / n, 3), negatives_unmatched=round(unmatched / max(len(negatives), 1), 3),
        strong=strong, strong_precision=round(strong_right / max(strong, 1), 3),
        hit_at_10=round(hit10 / n, 3) if deep else None, labels=labels,
    )  # fmt: skip
