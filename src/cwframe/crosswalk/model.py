"""What a crosswalk is made of: matches with their evidence, records, decisions, the whole result.

Two vocabularies meet here and are kept apart:

* the machine's **relation** of a suggestion, from its score: ``strong match``, ``related``,
  ``weak`` (how far to trust it: docs/crosswalk.md, "Labels");
* a reviewer's **grade** of a pair they accepted: ``strong`` (covers essentially the same
  capability) or ``partial`` (overlapping, narrower or broader).

A reviewed pair carries both, and outputs show the grade (``reviewed strong``) with the
reviewer's reason; the machine's view stays as evidence.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

Relation = Literal["strong match", "related", "weak"]
Grade = Literal["strong", "partial"]
Reviewer = Literal["cwframe", "you"]  # the reviews cwframe ships, or your own --decisions
NO_COUNTERPART = "no counterpart"
# Older decision files (and the machine's labels typed as a grade) name a grade so.
_GRADES = {"strong": "strong", "strong match": "strong", "exact": "strong", "partial": "partial",
           "related": "partial", "weak": "partial", "broad": "partial", "narrow": "partial"}  # fmt: skip


class Frozen(BaseModel):
    """Immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(Frozen):
    """Why two statements match: shared words, shared concepts, the sentence that matched, level."""

    terms: list[str]
    concepts: list[str]
    sentence: str | None = None
    level_aligned: bool | None = None
    rules: list[str] = []  # the rules that moved this match (level, kind, decisions learnt from)


class Match(Frozen):
    """One target proposed for, or accepted for, a source statement."""

    id: str
    framework: str
    text: str
    name: str | None = None
    group: str | None = None
    level: str | None = None
    score: float
    relation: Relation  # the machine's label for the score
    evidence: Evidence
    reviewed: bool = False  # a reviewer accepted this pair
    grade: Grade | None = None  # the reviewer's grade (reviewed pairs only)
    reviewed_by: Reviewer | None = None
    note: str | None = None  # the reviewer's reason

    @property
    def label(self) -> str:
        """What a reader should take the pair for: the reviewer's grade, else the machine's relation."""
        return f"reviewed {self.grade or 'accepted'}" if self.reviewed else self.relation


class Record(Frozen):
    """A source statement (one row for every copy of its text) and its matches."""

    id: str
    framework: str
    text: str
    group: str | None = None
    copies: list[str] = []  # other ids printing the same text at the same tier: decided with this one
    matches: list[Match]
    no_counterpart: bool = False  # a reviewer decided the target has no counterpart
    reviewed_by: Reviewer | None = None  # who decided this source (accepted pairs or no counterpart)
    note: str | None = None

    @property
    def decided(self) -> bool:
        return self.no_counterpart or any(m.reviewed for m in self.matches)


class Coverage(Frozen):
    """How much of each side the other reaches."""

    sources_matched: int
    sources: int
    targets_reached: int
    targets: int
    unmatched_sources: list[str]
    unreached_targets: list[str]

    @property
    def source_percent(self) -> float:
        return 100 * self.sources_matched / max(self.sources, 1)

    @property
    def target_percent(self) -> float:
        return 100 * self.targets_reached / max(self.targets, 1)


class GroupCoverage(Frozen):
    """How many statements of one group (on either side) have a counterpart."""

    side: Literal["source", "target"]
    group: str
    covered: int
    total: int


class Alignment(Frozen):
    """Which target level a source part's best matches fall on."""

    source: str
    best_level: str | None
    counts: dict[str, int]


class Crosswalk(Frozen):
    """The whole result."""

    source: str
    target: str
    method: str
    min_score: float
    reviews: bool = True  # the reviews cwframe ships were applied
    records: list[Record]
    matrix_rows: list[str]
    matrix_columns: list[str]
    matrix: list[list[float]]
    coverage: Coverage
    alignment: list[Alignment]
    stale_decisions: list[str] = []  # decisions naming a statement that no longer exists, said in words
    groups: list[GroupCoverage] = []


class Decision(Frozen):
    """A reviewer's decision on one pair, or (``no counterpart``, empty target) on a source."""

    source: str
    target: str = ""
    decision: Literal["accept", "reject", "no counterpart"]
    relation: Grade | None = None  # the grade of an accepted pair (older files: the machine's labels)
    note: str | None = None
    by: Reviewer = "you"

    @field_validator("relation", mode="before")
    @classmethod
    def _grade(cls, value: object) -> object:
        if isinstance(value, str) and value.strip():
            return _GRADES.get(value.strip().casefold(), value)
        return None if value in ("", None) else value


def why(m: Match) -> str:
    """Why a match is shown, in one line: the reviewer's reason first, then shared words, concepts,
    level, sentence and the rules that moved it."""
    parts = []
    if m.reviewed:
        who = "cwframe's review" if m.reviewed_by == "cwframe" else "your review"
        parts.append(f"{m.label} ({who})" + (f": {m.note}" if m.note else ""))
    if m.evidence.terms:
        parts.append("shared: " + ", ".join(m.evidence.terms))
    if m.evidence.concepts:
        parts.append("concepts: " + ", ".join(m.evidence.concepts))
    if m.evidence.level_aligned:
        parts.append(f"level-aligned ({m.level})")
    if m.evidence.sentence:
        parts.append(f"matched sentence: “{m.evidence.sentence}”")
    parts += m.evidence.rules
    return "; ".join(parts)
